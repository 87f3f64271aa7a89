//! Registration, logging in and out, the account page and password changes.

mod admin;
pub(crate) mod oidc;

use crate::access::role_label;
use crate::extract::{Form, Query};
use crate::middleware::{set_cookie, CookieSpec, SessionToken};
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::accounts::{CodeRequest, LoggedIn, PasswordChanged, Registered, Registration, SessionTtl};
use askama::Template;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use domain::{Action, Contact, Iin, IinError, Kato, Password, PasswordError};
use serde::Deserialize;
use std::net::SocketAddr;

pub(crate) mod contact;
mod reset;
mod residence;
mod slip;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/register", get(register_form).post(register))
        .route("/login", get(login_form).post(login))
        .route("/login/code", post(login_code))
        .route("/logout", post(logout))
        .route("/account", get(account))
        .route("/account/password", post(change_password))
        .route("/admin/accounts", get(admin::list))
        .route("/admin/accounts/{id}", get(admin::show))
        .merge(slip::routes())
        .merge(contact::routes())
        .merge(reset::routes())
        .merge(residence::routes())
        .merge(oidc::routes())
}

use crate::middleware::SESSION_COOKIE;

/// The limits of code requests, from the server's settings.
fn code_limits(s: &AppState) -> app::accounts::CodeLimits {
    app::accounts::CodeLimits {
        per_address: s.config.code_limit_ip,
        per_contact: s.config.code_limit_contact,
        window_minutes: s.config.code_window_minutes,
    }
}

fn session_ttl(s: &AppState) -> SessionTtl {
    SessionTtl(chrono::Duration::days(s.config.session_days))
}

/// Set the cookie of a session the use case opened.
fn session_cookie(s: &AppState, token: &str, headers: &mut HeaderMap) {
    set_cookie(
        headers,
        CookieSpec {
            name: SESSION_COOKIE,
            value: token,
            max_age: Some(s.config.session_days * 86400),
            http_only: true,
            secure: s.config.secure_cookies,
        },
    );
}

fn redirect_with_cookies(to: &str, headers: HeaderMap) -> Response {
    let mut res = Redirect::to(to).into_response();
    res.headers_mut().extend(headers);
    res
}

// ---- registration ----

#[derive(Deserialize, Default)]
#[serde(default)]
struct RegisterForm {
    name: String,
    contact: String,
    /// The contact was proven by a one-time code.
    contact_confirmed: bool,
    iin: String,
    village: String,
    password: String,
    /// The district chosen in the first step (country-wide lists only).
    district: String,
    /// Consent to the processing of personal data (a ticked checkbox sends "yes").
    consent: String,
}

#[derive(Template)]
#[template(path = "accounts/register.html")]
struct RegisterPage<'a> {
    c: &'a Ctx,
    form: RegisterForm,
    errors: &'a FieldErrors,
    /// Why the account was not created, when no single field is to blame.
    message: Option<String>,
    picker: residence::Picker,
    password_hint: String,
    /// Offer "Sign in with eGov" (a provider is configured).
    egov: bool,
}

async fn register_page(
    s: &AppState,
    c: &Ctx,
    mut form: RegisterForm,
    r: &Rejected,
) -> Result<Response, AppError> {
    form.password.clear(); // never sent back
    let page = RegisterPage {
        c,
        picker: residence::picker(s, c, &form.village, &form.district).await?,
        egov: s.oidc.is_some(),
        password_hint: c.t_num(
            "field-password-hint",
            "min",
            domain::accounts::MIN_PASSWORD as i64,
        ),
        form,
        errors: &r.errors,
        message: r.message.clone(),
    };
    Ok(r.respond(render(&page)?))
}

async fn register_form(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<residence::DistrictQuery>,
) -> Result<Response, AppError> {
    let form = RegisterForm {
        district: q.district,
        ..RegisterForm::default()
    };
    register_page(&s, &c, form, &Rejected::none()).await
}

pub fn iin_message(c: &Ctx, e: IinError) -> String {
    c.t(match e {
        IinError::Length => "err-iin-length",
        IinError::Century => "err-iin-century",
        IinError::Date => "err-iin-date",
        IinError::CheckDigit => "err-iin-check",
    })
}

pub fn password_message(c: &Ctx, e: PasswordError) -> String {
    match e {
        PasswordError::TooShort { min } => c.t_num("err-password-short", "min", min as i64),
        PasswordError::TooLong => c.t("err-password-long"),
        PasswordError::Common => c.t("err-password-common"),
    }
}

async fn register(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req_headers: HeaderMap,
    c: Ctx,
    Form(f): Form<RegisterForm>,
) -> Result<Response, AppError> {
    let ip = client_ip(&s, &req_headers, peer);
    let mut errors = FieldErrors::default();
    let name = app::accounts::DisplayName::parse(&f.name)
        .map_err(|_| errors.add("name", c.t("err-name-required")))
        .ok();
    let contact = Contact::parse(&f.contact)
        .map_err(|_| errors.add("contact", c.t("err-contact-invalid")))
        .ok();
    let iin = Iin::parse(&f.iin)
        .map_err(|e| errors.add("iin", iin_message(&c, e)))
        .ok();
    let password = Password::parse(&f.password)
        .map_err(|e| errors.add("password", password_message(&c, e)))
        .ok();
    let village = Kato::parse(&f.village).ok();
    let consent = !f.consent.is_empty();
    if !consent {
        errors.add("consent", c.t("accounts-err-consent"));
    }
    let (Some(name), Some(contact), Some(iin), Some(password), Some(village), true) =
        (name, contact, iin, password, village, errors.is_empty())
    else {
        if Kato::parse(&f.village).is_err() {
            errors.add("village", c.t("err-village-unknown"));
        }
        return register_page(&s, &c, f, &Rejected::invalid(errors)).await;
    };
    let r = Registration {
        name,
        contact,
        iin,
        password,
        village,
        consent,
        language: domain::messages::Language::parse(c.lang.code()).unwrap_or_default(),
    };
    let limits = app::accounts::RegistrationLimits {
        per_address: s.config.register_limit_ip,
        codes: code_limits(&s),
        ..Default::default()
    };
    match app::accounts::register(&s.app, r, &ip, &limits, session_ttl(&s)).await? {
        // The code that confirms the contact is on its way (or asked for too often: the page
        // offers a new one, which says how long to wait).
        Registered::Done { session, .. } => {
            let mut headers = HeaderMap::new();
            session_cookie(&s, &session, &mut headers);
            Ok(redirect_with_cookies(
                "/account/contact/confirm?ok=register-done",
                headers,
            ))
        }
        Registered::UnknownVillage => {
            errors.add("village", c.t("err-village-unknown"));
            register_page(&s, &c, f, &Rejected::invalid(errors)).await
        }
        Registered::NoConsent => {
            errors.add("consent", c.t("accounts-err-consent"));
            register_page(&s, &c, f, &Rejected::invalid(errors)).await
        }
        Registered::NotCreated => {
            let refused = Rejected::conflict(c.t("register-not-created"));
            register_page(&s, &c, f, &refused).await
        }
        Registered::Throttled { minutes } => {
            let refused = Rejected::refused(
                StatusCode::TOO_MANY_REQUESTS,
                c.t_num("login-throttled", "minutes", minutes),
            );
            register_page(&s, &c, f, &refused).await
        }
    }
}

// ---- login and logout ----

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginForm {
    contact: String,
    password: String,
    /// The one-time code, once the account asks for one.
    code: String,
}

#[derive(Template)]
#[template(path = "accounts/login.html")]
struct LoginPage<'a> {
    c: &'a Ctx,
    contact: String,
    error: Option<String>,
    /// News that is no refusal ("a code was sent").
    notice: Option<String>,
    /// Ask for the one-time code too, with a button that sends one.
    code_step: bool,
    /// Offer "Sign in with eGov" (a provider is configured).
    egov: bool,
}

/// The login form, keeping the contact typed (never the password or the code).
struct LoginView<'a> {
    contact: String,
    refused: &'a Rejected,
    notice: Option<String>,
    code_step: bool,
}

fn login_page(s: &AppState, c: &Ctx, v: LoginView) -> Result<Response, AppError> {
    let page = LoginPage {
        c,
        contact: v.contact,
        error: v.refused.message.clone(),
        notice: v.notice,
        code_step: v.code_step,
        egov: s.oidc.is_some(),
    };
    Ok(v.refused.respond(render(&page)?))
}

async fn login_form(State(s): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let view = LoginView {
        contact: String::new(),
        refused: &Rejected::none(),
        notice: None,
        code_step: false,
    };
    login_page(&s, &c, view)
}

fn login_limits(s: &AppState) -> app::accounts::LoginLimits {
    app::accounts::LoginLimits {
        per_account_address: s.config.login_limit_account_ip,
        per_account: s.config.login_limit_account,
        per_address: s.config.login_limit_ip,
        window_minutes: s.config.login_window_minutes,
    }
}

/// "Too many attempts: try again in N minutes" (429).
fn login_throttled(c: &Ctx, minutes: i64) -> Rejected {
    Rejected::refused(
        StatusCode::TOO_MANY_REQUESTS,
        c.t_num("login-throttled", "minutes", minutes),
    )
}

/// The same on the current-password field of a signed-in form (429).
pub(crate) fn password_throttled(c: &Ctx, field: &'static str, minutes: i64) -> Rejected {
    Rejected::field(field, c.t_num("login-throttled", "minutes", minutes))
        .with_status(StatusCode::TOO_MANY_REQUESTS)
}

async fn login(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req_headers: HeaderMap,
    c: Ctx,
    Form(f): Form<LoginForm>,
) -> Result<Response, AppError> {
    let ip = client_ip(&s, &req_headers, peer);
    let contact = Contact::parse(&f.contact).ok();
    let code = Some(f.code.as_str()).filter(|t| !t.trim().is_empty());
    let outcome = app::accounts::log_in(
        &s.app,
        &ip,
        contact.as_ref(),
        f.password.clone(),
        code,
        &login_limits(&s),
        session_ttl(&s),
    )
    .await?;
    let (refused, code_step) = match outcome {
        LoggedIn::Yes { session, .. } => {
            let mut headers = HeaderMap::new();
            session_cookie(&s, &session, &mut headers);
            return Ok(redirect_with_cookies("/account", headers));
        }
        LoggedIn::Throttled { minutes } => (login_throttled(&c, minutes), code.is_some()),
        LoggedIn::Wrong => (
            Rejected::refused(StatusCode::UNAUTHORIZED, c.t("login-failed")),
            code.is_some(),
        ),
        LoggedIn::CodeNeeded => (
            Rejected::refused(StatusCode::UNAUTHORIZED, c.t("login-code-needed")),
            true,
        ),
        LoggedIn::CodeRefused(r) => (
            Rejected::refused(StatusCode::UNAUTHORIZED, contact::refusal_message(&c, r)),
            true,
        ),
    };
    let view = LoginView {
        contact: f.contact,
        refused: &refused,
        notice: None,
        code_step,
    };
    login_page(&s, &c, view)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CodeForm {
    contact: String,
}

/// "Send me a code": to the account's confirmed contact, counted as code requests are; the
/// answer is the same whether or not one could be sent.
async fn login_code(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req_headers: HeaderMap,
    c: Ctx,
    Form(f): Form<CodeForm>,
) -> Result<Response, AppError> {
    let Ok(contact) = Contact::parse(&f.contact) else {
        let refused = Rejected::unprocessable(c.t("err-contact-invalid"));
        let view = LoginView {
            contact: f.contact,
            refused: &refused,
            notice: None,
            code_step: false,
        };
        return login_page(&s, &c, view);
    };
    let ip = client_ip(&s, &req_headers, peer);
    let limits = code_limits(&s);
    let asked = app::accounts::request_sign_in_code(&s.app, &contact, &ip, &limits);
    let (refused, notice) = match asked.await? {
        CodeRequest::Sent => (Rejected::none(), Some(c.t("login-code-sent"))),
        CodeRequest::Throttled { minutes } => (contact::throttled(&c, minutes), None),
    };
    let view = LoginView {
        contact: f.contact,
        refused: &refused,
        notice,
        code_step: true,
    };
    login_page(&s, &c, view)
}

/// The client's address for login throttling: the first `X-Forwarded-For` hop behind our own
/// proxy (`--trust-proxy`), else the peer.
fn client_ip(s: &AppState, headers: &HeaderMap, peer: SocketAddr) -> String {
    if s.config.trust_proxy {
        // The last hop is the one our proxy added (or set); anything before it the client
        // wrote itself (security review L8).
        if let Some(last) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            return last.to_string();
        }
    }
    peer.ip().to_string()
}

async fn logout(
    State(s): State<AppState>,
    token: Option<Extension<SessionToken>>,
) -> Result<Response, AppError> {
    if let Some(Extension(SessionToken(t))) = token {
        app::accounts::end_session(&s.app, &t).await?;
    }
    let mut headers = HeaderMap::new();
    set_cookie(
        &mut headers,
        CookieSpec {
            name: SESSION_COOKIE,
            value: "",
            max_age: Some(0),
            http_only: true,
            secure: s.config.secure_cookies,
        },
    );
    Ok(redirect_with_cookies("/?ok=logout-done", headers))
}

// ---- the account page ----

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage<'a> {
    c: &'a Ctx,
    name: String,
    contact: String,
    /// The contact was proven by a one-time code.
    contact_confirmed: bool,
    iin: String,
    age: String,
    since: String,
    residence: String,
    /// The account's verification level, and what to do when it is below what votes need.
    level: String,
    level_hint: String,
    /// Where to get verified, while the level is below what votes need.
    nearest: Vec<crate::centres::CentreCard>,
    /// The code read out to a registrar at the desk, and until when it holds.
    presence: String,
    presence_until: String,
    roles: Vec<(String, String)>,
    /// Country-wide tables this person may edit: (link, label).
    admin_links: Vec<(&'static str, String)>,
    /// How the person wants to be reached (language, channel).
    messages: crate::messages::PreferencesForm,
    /// Invitations to a cycle's council or group waiting for an answer, and seats held.
    invitations: Vec<crate::oversight::invitations::PendingRow>,
    seats: Vec<crate::oversight::invitations::SeatRow>,
    /// Why the last answer to an invitation was refused.
    refusal: Option<String>,
    errors: &'a FieldErrors,
}

/// The country-wide tables behind money and deadlines, linked for those who may edit them,
/// and the accounts of the territories an administrator looks after.
fn admin_links(c: &Ctx) -> Vec<(&'static str, String)> {
    let mut links: Vec<(&'static str, String)> = [
        (Action::EditMrp, "/pb/mrp", "pb-mrp-title"),
        (Action::EditHolidays, "/admin/holidays", "projects-holidays"),
    ]
    .into_iter()
    .filter(|(action, _, _)| c.may(*action, &[]))
    .map(|(_, href, label)| (href, c.t(label)))
    .collect();
    if c.viewer
        .as_ref()
        .is_some_and(app::accounts::may_view_accounts)
    {
        links.push(("/admin/accounts", c.t("accounts-admin-link")));
        links.push(("/admin/messages", c.t("messages-admin-link")));
    }
    links
}

pub(crate) async fn account_page(
    s: &AppState,
    c: &Ctx,
    r: &Rejected,
) -> Result<Response, AppError> {
    let v = require_viewer(c)?;
    let u = &v.user;
    let lang = c.lang.code();
    let profile = app::accounts::profile(&s.app, v).await?;
    let residence = profile
        .residence
        .map(|t| t.name(lang).to_string())
        .unwrap_or_default();
    let roles = profile
        .roles
        .into_iter()
        .map(|h| {
            let place = h
                .place(lang)
                .map(str::to_string)
                .unwrap_or_else(|| c.t("roles-country"));
            (role_label(c, h.grant.role), place)
        })
        .collect();
    let today = s.clock.today();
    let age = domain::accounts::age_on(u.birth_date, today);
    let verified = u.level.meets(domain::accounts::DEFAULT_REQUIREMENT);
    let nearest = if verified {
        Vec::new()
    } else {
        crate::centres::nearest(s, c, &v.home).await?
    };
    let presence = app::centres::presence_code(&s.app, u.id);
    let contact = app::accounts::contact_state(u);
    let messages = app::messages::preferences(&s.app, v).await?;
    let oversight = crate::oversight::invitations::account_part(s, c).await?;
    let page = AccountPage {
        c,
        name: u.display_name.clone(),
        contact: contact.contact.map(|c| c.to_string()).unwrap_or_default(),
        contact_confirmed: contact.confirmed,
        // No digit of the IIN is kept beyond the birth date: nothing to show.
        iin: c.t("account-iin-kept"),
        age: c.t_num("account-age", "age", i64::from(age)),
        since: c.t_str("account-since", "date", &c.lang.date_of(u.created_at)),
        residence,
        level: c.t(&format!("accounts-level-{}", u.level.as_str())),
        level_hint: if verified {
            String::new()
        } else {
            c.t("accounts-level-hint")
        },
        nearest,
        // Read out in two groups of three, as people read phone numbers.
        presence: presence
            .code
            .split_at_checked(3)
            .map(|(a, b)| format!("{a} {b}"))
            .unwrap_or_else(|| presence.code.clone()),
        presence_until: c.t_str(
            "centres-presence-until",
            "time",
            &domain::time::kz_time(presence.valid_until)
                .format("%H:%M")
                .to_string(),
        ),
        roles,
        admin_links: admin_links(c),
        messages: crate::messages::preferences_form(c, &messages),
        invitations: oversight.invitations,
        seats: oversight.seats,
        refusal: r.message.clone(),
        errors: &r.errors,
    };
    Ok(r.respond(render(&page)?))
}

async fn account(State(s): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    account_page(&s, &c, &Rejected::none()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PasswordForm {
    current: String,
    new: String,
}

async fn change_password(
    State(s): State<AppState>,
    c: Ctx,
    token: Option<Extension<SessionToken>>,
    Form(f): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let keep = token.as_ref().map(|Extension(SessionToken(t))| t.as_str());
    let new = Password::parse(&f.new);
    match app::accounts::change_password(&s.app, v, f.current, new, keep).await? {
        PasswordChanged::Yes => Ok(Redirect::to("/account?ok=password-changed").into_response()),
        PasswordChanged::Throttled { minutes } => {
            account_page(&s, &c, &password_throttled(&c, "current", minutes)).await
        }
        PasswordChanged::Refused { current_wrong, new } => {
            let mut errors = FieldErrors::default();
            if current_wrong {
                errors.add("current", c.t("err-password-wrong"));
            }
            if let Some(e) = new {
                errors.add("new", password_message(&c, e));
            }
            account_page(&s, &c, &Rejected::invalid(errors)).await
        }
    }
}

/// One choice of a verification requirement: (code, label, chosen).
pub type LevelOption = (&'static str, String, bool);

/// The levels a cycle or an initiative rule may require, for a `<select>`: `contact` and
/// up, `egov` only where eGov sign-in is configured; a stored requirement no longer offered
/// (a release 0.1 cycle that asked for nothing) stays shown so the form keeps it.
pub fn requirement_options(c: &Ctx, chosen: &str, egov_sign_in: bool) -> Vec<LevelOption> {
    domain::Level::ALL
        .into_iter()
        .filter(|l| {
            domain::Level::requirement(l.as_str(), egov_sign_in).is_ok() || l.as_str() == chosen
        })
        .map(|l| {
            let code = l.as_str();
            let label = c.t(&format!("accounts-requirement-option-{code}"));
            (code, label, chosen.trim() == code)
        })
        .collect()
}

/// "Taking part needs …": one sentence for the cycle page, the ballot and the protocol.
pub fn requirement_text(c: &Ctx, level: domain::Level) -> String {
    c.t(&format!("accounts-requirement-{}", level.as_str()))
}
