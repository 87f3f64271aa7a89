//! Signing in through an OpenID Connect provider (eGov): the authorization-code flow with PKCE,
//! the provider's metadata discovered from its issuer, the ID token's signature, issuer,
//! audience, expiry and nonce checked, and the `state` compared with the one this browser was
//! given. What the provider vouched for then goes to `app::accounts::egov`.
//!
//! Between the start and the callback the state, nonce and PKCE verifier wait in a sealed
//! (MAC), HttpOnly, `SameSite=Lax` cookie of ten minutes — the callback is a cross-site
//! top-level GET, which `Lax` cookies come back on. A new person's pending registration waits
//! the same way, holding only the IIN's keyed fingerprint and birth date.

use super::{redirect_with_cookies, session_cookie, session_ttl};
use crate::extract::{Form, Query};
use crate::middleware::{cookie, set_cookie, CookieSpec};
use crate::pages::{render, Ctx, FieldErrors, Rejected};
use crate::state::OidcSettings;
use crate::{AppError, AppState};
use app::accounts::egov::{self, Completed, Completion, EgovSignIn, Vouched};
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Duration, Utc};
use domain::{Iin, Kato};
use openidconnect::core::{
    CoreClient, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreResponseType,
};
use openidconnect::{
    AccessTokenHash, AdditionalClaims, AuthenticationFlow, AuthorizationCode, ClientId,
    ClientSecret, CsrfToken, IdToken, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Mutex;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login/oidc", get(start))
        .route("/login/oidc/callback", get(callback))
        .route("/login/oidc/complete", get(complete_form).post(complete))
}

const FLOW_COOKIE: &str = "qatysu_oidc";
const FLOW_PURPOSE: &str = "oidc flow";
const FLOW_MINUTES: i64 = 10;
const PENDING_COOKIE: &str = "qatysu_egov";
/// Discovered metadata (endpoints, signing keys) is fetched again after this long.
const METADATA_MINUTES: i64 = 60;

/// The configured provider and its discovered metadata.
pub struct Provider {
    settings: OidcSettings,
    http: reqwest::Client,
    metadata: Mutex<Option<(DateTime<Utc>, CoreProviderMetadata)>>,
}

impl Provider {
    pub fn new(settings: OidcSettings) -> Provider {
        // Following redirects would let a provider's answer send us anywhere (SSRF).
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(15))
            .build()
            .unwrap_or_default();
        Provider {
            settings,
            http,
            metadata: Mutex::new(None),
        }
    }

    /// The provider's metadata, discovered once an hour.
    async fn metadata(&self, now: DateTime<Utc>) -> Result<CoreProviderMetadata, Failure> {
        let cached = self.metadata.lock().ok().and_then(|m| m.clone());
        if let Some((at, m)) = cached {
            if now - at < Duration::minutes(METADATA_MINUTES) {
                return Ok(m);
            }
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(|e| {
            tracing::error!(error = %e, "QATYSU_OIDC_ISSUER is not a URL");
            Failure::Unavailable
        })?;
        let m = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, "OpenID Connect discovery failed");
                Failure::Unavailable
            })?;
        if let Ok(mut slot) = self.metadata.lock() {
            *slot = Some((now, m.clone()));
        }
        Ok(m)
    }

    async fn client(
        &self,
        now: DateTime<Utc>,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        Failure,
    > {
        let metadata = self.metadata(now).await?;
        let redirect = RedirectUrl::new(self.settings.redirect_uri()).map_err(|e| {
            tracing::error!(error = %e, "QATYSU_PUBLIC_URL does not make a redirect URL");
            Failure::Unavailable
        })?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.clone())),
        )
        .set_redirect_uri(redirect))
    }
}

/// Why a provider sign-in stopped; each has its page in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failure {
    /// The provider cannot be reached or described itself wrongly.
    Unavailable,
    /// The provider answered with an error (the person cancelled, or was refused).
    Refused,
    /// No flow cookie, an expired one, or a `state` that is not this browser's.
    State,
    /// The code exchange failed or the ID token did not pass its checks.
    Token,
    /// The ID token has no IIN claim.
    NoIin,
    /// The IIN claim is not a valid IIN.
    BadIin,
    /// Signed in to an account whose IIN is not the provider's.
    Mismatch,
    /// The pending registration is too old (or was tampered with).
    Expired,
}

impl Failure {
    fn status(self) -> StatusCode {
        match self {
            Failure::Unavailable | Failure::Token | Failure::NoIin | Failure::BadIin => {
                StatusCode::BAD_GATEWAY
            }
            Failure::Refused | Failure::Mismatch => StatusCode::FORBIDDEN,
            Failure::State | Failure::Expired => StatusCode::BAD_REQUEST,
        }
    }

    fn message_id(self) -> &'static str {
        match self {
            Failure::Unavailable => "accounts-egov-err-unavailable",
            Failure::Refused => "accounts-egov-err-refused",
            Failure::State => "accounts-egov-err-state",
            Failure::Token => "accounts-egov-err-token",
            Failure::NoIin => "accounts-egov-err-no-iin",
            Failure::BadIin => "accounts-egov-err-bad-iin",
            Failure::Mismatch => "accounts-egov-err-mismatch",
            Failure::Expired => "accounts-egov-err-expired",
        }
    }
}

#[derive(Template)]
#[template(path = "accounts/egov_error.html")]
struct ErrorPage<'a> {
    c: &'a Ctx,
    message: String,
}

fn failure_page(c: &Ctx, f: Failure, mut headers: HeaderMap) -> Result<Response, AppError> {
    let page = ErrorPage {
        c,
        message: c.t(f.message_id()),
    };
    let mut res = (f.status(), render(&page)?).into_response();
    res.headers_mut().extend(headers.drain());
    Ok(res)
}

fn provider(s: &AppState) -> Result<&Provider, AppError> {
    s.oidc.as_ref().ok_or(AppError::NotFound)
}

/// A cookie of this flow: `value`, or deleted when empty.
fn flow_cookie(s: &AppState, headers: &mut HeaderMap, name: &str, value: &str, minutes: i64) {
    set_cookie(
        headers,
        CookieSpec {
            name,
            value,
            max_age: Some(if value.is_empty() { 0 } else { minutes * 60 }),
            http_only: true,
            secure: s.config.secure_cookies,
        },
    );
}

/// What waits in the flow cookie between the start and the callback.
#[derive(Serialize, Deserialize)]
struct Flow {
    state: String,
    nonce: String,
    verifier: String,
    expires: DateTime<Utc>,
}

// ---- the start ----

async fn start(State(s): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let p = provider(&s)?;
    let now = s.clock.now();
    let client = match p.client(now).await {
        Ok(client) => client,
        Err(f) => return failure_page(&c, f, HeaderMap::new()),
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(
            AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge);
    for scope in &p.settings.scopes {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    let (url, state, nonce) = request.url();
    let flow = Flow {
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
        expires: now + Duration::minutes(FLOW_MINUTES),
    };
    let json = serde_json::to_vec(&flow).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut headers = HeaderMap::new();
    let sealed = s.keys.seal(FLOW_PURPOSE, &json);
    flow_cookie(&s, &mut headers, FLOW_COOKIE, &sealed, FLOW_MINUTES);
    Ok(redirect_with_cookies(url.as_str(), headers))
}

// ---- the callback ----

#[derive(Deserialize, Default)]
#[serde(default)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// Every claim of the ID token, to read the configured IIN claim from.
#[derive(Debug, Deserialize, Serialize)]
struct AnyClaims {
    #[serde(flatten)]
    all: HashMap<String, serde_json::Value>,
}
impl AdditionalClaims for AnyClaims {}

type AnyIdToken =
    IdToken<AnyClaims, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>;

/// Constant-time comparison of the returned `state` with the cookie's.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// The flow this browser started, if its cookie is ours and in time.
fn open_flow(s: &AppState, headers: &HeaderMap) -> Option<Flow> {
    let sealed = cookie(headers, FLOW_COOKIE)?;
    let json = s.keys.unseal(FLOW_PURPOSE, sealed)?;
    let flow: Flow = serde_json::from_slice(&json).ok()?;
    (flow.expires > s.clock.now()).then_some(flow)
}

/// Check everything the provider sent and return what it vouched for.
async fn vouched(
    s: &AppState,
    p: &Provider,
    q: CallbackQuery,
    flow: Option<Flow>,
) -> Result<Vouched, Failure> {
    if let Some(error) = q.error {
        // The provider's error code only: its description may repeat what the person typed.
        let code: String = error.chars().take(64).collect();
        tracing::warn!(error = %code, "the identity provider refused the sign-in");
        return Err(Failure::Refused);
    }
    let Some(flow) = flow else {
        tracing::warn!("eGov callback without a flow of this browser (expired or never started)");
        return Err(Failure::State);
    };
    if !q.state.as_deref().is_some_and(|st| same(st, &flow.state)) {
        tracing::warn!("eGov callback refused: the state is not this browser's");
        return Err(Failure::State);
    }
    let Some(code) = q.code else {
        return Err(Failure::Refused);
    };
    let client = p.client(s.clock.now()).await?;
    let token = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|e| {
            tracing::error!(error = %e, "the provider has no token endpoint");
            Failure::Unavailable
        })?
        .set_pkce_verifier(PkceCodeVerifier::new(flow.verifier))
        .request_async(&p.http)
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, "the authorization code exchange failed");
            Failure::Token
        })?;
    let Some(id_token) = token.id_token() else {
        tracing::warn!("the provider's token response has no ID token");
        return Err(Failure::Token);
    };
    let id_token: AnyIdToken = id_token.to_string().parse().map_err(|e| {
        tracing::warn!(error = %e, "the ID token does not parse");
        Failure::Token
    })?;
    let verifier = client.id_token_verifier();
    let claims = id_token
        .claims(&verifier, &Nonce::new(flow.nonce))
        .map_err(|e| {
            tracing::warn!(error = %e, "the ID token failed its checks");
            Failure::Token
        })?;
    if let Some(expected) = claims.access_token_hash() {
        let actual = id_token
            .signing_alg()
            .ok()
            .zip(id_token.signing_key(&verifier).ok())
            .and_then(|(alg, key)| {
                AccessTokenHash::from_token(token.access_token(), alg, key).ok()
            });
        if actual.as_ref() != Some(expected) {
            tracing::warn!("the ID token's at_hash does not match the access token");
            return Err(Failure::Token);
        }
    }
    let claim = &p.settings.iin_claim;
    let digits = match claims.additional_claims().all.get(claim) {
        Some(serde_json::Value::String(v)) => v.trim().to_string(),
        // A provider that sends it as a number drops a leading zero (born in the 2000s).
        Some(serde_json::Value::Number(n)) => format!("{n:0>12}"),
        _ => {
            tracing::warn!(%claim, "the ID token has no IIN claim");
            return Err(Failure::NoIin);
        }
    };
    let iin = Iin::parse(&digits).map_err(|e| {
        tracing::warn!(%claim, error = %e, "the ID token's IIN claim is not a valid IIN");
        Failure::BadIin
    })?;
    let name = claims
        .name()
        .and_then(|n| n.get(None))
        .map(|n| n.to_string());
    Ok(Vouched {
        iin,
        name,
        provider: p.settings.issuer.clone(),
    })
}

async fn callback(
    State(s): State<AppState>,
    c: Ctx,
    req_headers: HeaderMap,
    Query(q): Query<CallbackQuery>,
) -> Result<Response, AppError> {
    let p = provider(&s)?;
    let flow = open_flow(&s, &req_headers);
    // The flow is used once, whatever comes of it.
    let mut headers = HeaderMap::new();
    flow_cookie(&s, &mut headers, FLOW_COOKIE, "", 0);
    let v = match vouched(&s, p, q, flow).await {
        Ok(v) => v,
        Err(f) => return failure_page(&c, f, headers),
    };
    match egov::sign_in(&s.app, v, c.viewer.as_ref(), session_ttl(&s)).await? {
        EgovSignIn::Yes { session, .. } => {
            session_cookie(&s, &session, &mut headers);
            Ok(redirect_with_cookies(
                "/account?ok=accounts-egov-signed-in",
                headers,
            ))
        }
        EgovSignIn::Complete { pending, .. } => {
            flow_cookie(
                &s,
                &mut headers,
                PENDING_COOKIE,
                &pending,
                egov::PENDING_MINUTES,
            );
            Ok(redirect_with_cookies("/login/oidc/complete", headers))
        }
        EgovSignIn::Mismatch => failure_page(&c, Failure::Mismatch, headers),
    }
}

// ---- completing registration (or a takeover) ----

#[derive(Deserialize, Default)]
#[serde(default)]
struct CompleteForm {
    name: String,
    village: String,
    /// The district chosen first (country-wide lists only).
    district: String,
    consent: String,
}

#[derive(Template)]
#[template(path = "accounts/egov_complete.html")]
struct CompletePage<'a> {
    c: &'a Ctx,
    form: CompleteForm,
    takeover: bool,
    errors: &'a FieldErrors,
    message: Option<String>,
    picker: super::residence::Picker,
}

async fn complete_page(
    s: &AppState,
    c: &Ctx,
    form: CompleteForm,
    takeover: bool,
    r: &Rejected,
) -> Result<Response, AppError> {
    let page = CompletePage {
        c,
        takeover,
        picker: super::residence::picker(s, c, &form.village, &form.district).await?,
        form,
        errors: &r.errors,
        message: r.message.clone(),
    };
    Ok(r.respond(render(&page)?))
}

async fn complete_form(
    State(s): State<AppState>,
    c: Ctx,
    req_headers: HeaderMap,
    Query(q): Query<super::residence::DistrictQuery>,
) -> Result<Response, AppError> {
    provider(&s)?;
    let pending = match cookie(&req_headers, PENDING_COOKIE) {
        Some(sealed) => egov::pending(&s.app, sealed).await?,
        None => None,
    };
    let Some(pending) = pending else {
        return failure_page(&c, Failure::Expired, HeaderMap::new());
    };
    let form = CompleteForm {
        name: pending.name,
        district: q.district,
        ..CompleteForm::default()
    };
    complete_page(&s, &c, form, pending.takeover, &Rejected::none()).await
}

async fn complete(
    State(s): State<AppState>,
    c: Ctx,
    req_headers: HeaderMap,
    Form(f): Form<CompleteForm>,
) -> Result<Response, AppError> {
    provider(&s)?;
    let sealed = cookie(&req_headers, PENDING_COOKIE)
        .unwrap_or("")
        .to_string();
    let Some(pending) = egov::pending(&s.app, &sealed).await? else {
        return failure_page(&c, Failure::Expired, HeaderMap::new());
    };
    let mut errors = FieldErrors::default();
    let name = app::accounts::DisplayName::parse(&f.name)
        .map_err(|_| errors.add("name", c.t("err-name-required")))
        .ok();
    let village = Kato::parse(&f.village)
        .map_err(|_| errors.add("village", c.t("err-village-unknown")))
        .ok();
    let consent = !f.consent.is_empty();
    if !consent {
        errors.add("consent", c.t("accounts-err-consent"));
    }
    let (Some(name), Some(village), true) = (name, village, errors.is_empty()) else {
        return complete_page(&s, &c, f, pending.takeover, &Rejected::invalid(errors)).await;
    };
    let completion = Completion {
        name,
        village,
        consent,
    };
    let done = egov::complete(
        &s.app,
        &sealed,
        completion,
        c.viewer.as_ref(),
        session_ttl(&s),
    )
    .await?;
    let mut headers = HeaderMap::new();
    match done {
        Completed::Yes {
            session, took_over, ..
        } => {
            flow_cookie(&s, &mut headers, PENDING_COOKIE, "", 0);
            session_cookie(&s, &session, &mut headers);
            let ok = if took_over {
                "accounts-egov-taken-over"
            } else {
                "accounts-egov-registered"
            };
            Ok(redirect_with_cookies(&format!("/account?ok={ok}"), headers))
        }
        Completed::Expired => {
            flow_cookie(&s, &mut headers, PENDING_COOKIE, "", 0);
            failure_page(&c, Failure::Expired, headers)
        }
        Completed::Mismatch => failure_page(&c, Failure::Mismatch, headers),
        Completed::UnknownVillage => {
            errors.add("village", c.t("err-village-unknown"));
            complete_page(&s, &c, f, pending.takeover, &Rejected::invalid(errors)).await
        }
        Completed::NoConsent => {
            errors.add("consent", c.t("accounts-err-consent"));
            complete_page(&s, &c, f, pending.takeover, &Rejected::invalid(errors)).await
        }
    }
}
