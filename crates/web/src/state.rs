use app::App;

/// What every handler can reach: the use cases' [`App`] (database, keys, clock) and the web's
/// own settings. Cheap to clone; holds nothing another instance would need.
#[derive(Clone)]
pub struct AppState(std::sync::Arc<Inner>);

pub struct Inner {
    pub app: App,
    pub config: Config,
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
        AppState(std::sync::Arc::new(Inner { app, config }))
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Mark cookies `Secure` (when served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted reverse proxy).
    pub trust_proxy: bool,
    /// Failed logins allowed per account and per address within the window.
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
}

impl Default for Config {
    fn default() -> Config {
        Config {
            secure_cookies: false,
            trust_proxy: false,
            login_limit_account: 5,
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
        }
    }
}
