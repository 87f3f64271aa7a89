use domain::IinKey;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::Arc;
use store::Db;

/// What every handler can reach. Cheap to clone; holds nothing another instance would need.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub db: Db,
    pub keys: Keys,
    pub config: Config,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(db: Db, secret: &[u8], config: Config) -> AppState {
        AppState(Arc::new(Inner {
            db,
            keys: Keys::derive(secret),
            config,
        }))
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
        }
    }
}

/// Keys derived from the one server secret, one per purpose, so no key serves two jobs.
pub struct Keys {
    pub iin: IinKey,
    csrf: Vec<u8>,
}

fn derive(secret: &[u8], label: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(label);
    mac.finalize().into_bytes().to_vec()
}

impl Keys {
    pub fn derive(secret: &[u8]) -> Keys {
        Keys {
            iin: IinKey::new(&derive(secret, b"iin")),
            csrf: derive(secret, b"csrf"),
        }
    }

    /// The form token for a browser's CSRF cookie.
    pub fn csrf_token(&self, cookie: &str) -> String {
        hex::encode(derive(&self.csrf, cookie.as_bytes()))
    }
}
