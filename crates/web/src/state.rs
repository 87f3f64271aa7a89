use app::App;

/// What every handler can reach: the use cases' [`App`] (database, keys, clock) and the web's
/// own settings. Cheap to clone; holds nothing another instance would need.
#[derive(Clone)]
pub struct AppState(std::sync::Arc<Inner>);

pub struct Inner {
    pub app: App,
    pub config: Config,
    /// The OpenID Connect provider (eGov) with its discovered metadata, when configured.
    pub(crate) oidc: Option<crate::accounts::oidc::Provider>,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

/// `state.db`, `state.keys` and `state.clock` read through to the [`App`].
impl std::ops::Deref for Inner {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl AppState {
    pub fn new(app: App, config: Config) -> AppState {
        let oidc = config
            .oidc
            .clone()
            .map(crate::accounts::oidc::Provider::new);
        AppState(std::sync::Arc::new(Inner { app, config, oidc }))
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Mark cookies `Secure` (when served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted reverse proxy).
    pub trust_proxy: bool,
    /// Failed logins allowed within the window for one account from one address, for one
    /// account from every address together (past it: a one-time code, or a minute between
    /// tries), and from one address (see `app::accounts::LoginLimits`).
    pub login_limit_account_ip: i64,
    pub login_limit_account: i64,
    pub login_limit_ip: i64,
    pub login_window_minutes: i64,
    pub session_days: i64,
    /// Where uploaded files go (outside any served folder).
    pub uploads: std::path::PathBuf,
    /// Above this many settlements, registration asks for the district first.
    pub village_list_limit: i64,
    /// An OpenID Connect provider (eGov) is configured: only then may a cycle or an initiative
    /// rule require the `egov` level.
    pub egov_sign_in: bool,
    /// Registrations allowed per client address in an hour.
    pub register_limit_ip: i64,
    /// One-time code requests (registration's first code, a new code, a change of contact, a
    /// password reset) allowed per client address and per phone or e-mail within the window.
    pub code_limit_ip: i64,
    pub code_limit_contact: i64,
    pub code_window_minutes: i64,
    /// Sign-in through an OpenID Connect provider (eGov); set `egov_sign_in` with it.
    pub oidc: Option<OidcSettings>,
    /// How long a client may take to send a request's headers, and how long an idle
    /// keep-alive connection stays open waiting for the next request (security review L8).
    pub header_read_timeout: std::time::Duration,
    /// How long a client may take to send a request's body: long enough for a photo over a
    /// slow rural connection, short enough that a trickle cannot hold a connection for ever.
    pub body_read_timeout: std::time::Duration,
}

/// An OpenID Connect provider (eGov) the platform signs people in through.
#[derive(Clone)]
pub struct OidcSettings {
    /// The issuer URL; its `/.well-known/openid-configuration` is discovered.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// The ID-token claim that carries the person's IIN.
    pub iin_claim: String,
    /// Scopes asked for besides `openid` (the IIN claim may need one).
    pub scopes: Vec<String>,
    /// The platform's external base URL: the provider sends people back to
    /// `{public_url}/login/oidc/callback`.
    pub public_url: String,
}

impl OidcSettings {
    pub fn redirect_uri(&self) -> String {
        format!(
            "{}/login/oidc/callback",
            self.public_url.trim_end_matches('/')
        )
    }
}

/// Never prints the client secret.
impl std::fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &"…")
            .field("iin_claim", &self.iin_claim)
            .field("scopes", &self.scopes)
            .field("public_url", &self.public_url)
            .finish()
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            secure_cookies: false,
            trust_proxy: false,
            login_limit_account_ip: 5,
            login_limit_account: 20,
            login_limit_ip: 30,
            login_window_minutes: 15,
            session_days: 30,
            uploads: std::path::PathBuf::from("qatysu-data/uploads"),
            village_list_limit: 400,
            egov_sign_in: false,
            register_limit_ip: 20,
            code_limit_ip: 30,
            code_limit_contact: 5,
            code_window_minutes: 60,
            oidc: None,
            header_read_timeout: std::time::Duration::from_secs(30),
            body_read_timeout: std::time::Duration::from_secs(600),
        }
    }
}
