//! A real OpenID Connect provider for the eGov sign-in tests: the npm package `oidc-provider`
//! run under Node from `tests/oidc/provider.js` (`npm ci` first when `node_modules` is
//! missing). Without Node the test fails loudly: install `nodejs` and `npm` (Node 20 or later).

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const CLIENT_ID: &str = "qatysu-test";
pub const CLIENT_SECRET: &str = "qatysu-test-client-secret-0123456789";
pub const IIN_CLAIM: &str = "kz_iin";

/// One login the provider knows, with the claims it vouches for.
pub struct Account<'a> {
    pub login: &'a str,
    pub iin: &'a str,
    pub name: &'a str,
}

/// The running provider; stopped when dropped.
pub struct TestProvider {
    pub issuer: String,
    child: Child,
    pub log: PathBuf,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oidc")
}

/// `node` must be there, version 20 or later.
fn require_node() {
    let out = Command::new("node")
        .arg("--version")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "node is missing ({e}): the eGov sign-in tests run a real OpenID Connect provider \
             under Node; install it (apt-get install -y nodejs npm)"
            )
        });
    let v = String::from_utf8_lossy(&out.stdout);
    let major: u32 = v
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    assert!(
        major >= 20,
        "node {v} is too old: oidc-provider needs Node 20 or later"
    );
}

fn npm_ci_once() {
    let dir = folder();
    if dir.join("node_modules/oidc-provider").is_dir() {
        return;
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir)
        .status()
        .unwrap_or_else(|e| panic!("npm is missing ({e}): apt-get install -y npm"));
    assert!(status.success(), "npm ci in {} failed", dir.display());
}

impl TestProvider {
    /// Start the provider for a client whose redirect URI is `redirect_uri`.
    pub async fn start(redirect_uri: &str, accounts: &[Account<'_>]) -> TestProvider {
        require_node();
        npm_ci_once();
        let port = free_port();
        let issuer = format!("http://127.0.0.1:{port}");
        let accounts: serde_json::Map<String, serde_json::Value> = accounts
            .iter()
            .map(|a| {
                (
                    a.login.to_string(),
                    serde_json::json!({ "iin": a.iin, "name": a.name }),
                )
            })
            .collect();
        let log = std::env::temp_dir().join(format!("qatysu-oidc-provider-{port}.log"));
        let out = std::fs::File::create(&log).expect("provider log");
        let err = out.try_clone().expect("provider log");
        let child = Command::new("node")
            .arg("provider.js")
            .current_dir(folder())
            .env("PORT", port.to_string())
            .env("OIDC_CLIENT_ID", CLIENT_ID)
            .env("OIDC_CLIENT_SECRET", CLIENT_SECRET)
            .env("OIDC_REDIRECT_URI", redirect_uri)
            .env("OIDC_IIN_CLAIM", IIN_CLAIM)
            .env(
                "OIDC_ACCOUNTS",
                serde_json::Value::Object(accounts).to_string(),
            )
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("start node provider.js: {e}"));
        let mut p = TestProvider { issuer, child, log };
        p.wait_ready().await;
        p
    }

    async fn wait_ready(&mut self) {
        let url = format!("{}/.well-known/openid-configuration", self.issuer);
        let http = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "the OIDC provider exited at start ({status}): {}",
                    std::fs::read_to_string(&self.log).unwrap_or_default()
                );
            }
            if let Ok(res) = http.get(&url).timeout(Duration::from_secs(1)).send().await {
                if res.status().is_success() {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "the OIDC provider is not ready after 20 s: {}",
                std::fs::read_to_string(&self.log).unwrap_or_default()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Qatysu's settings for this provider, the app serving at `public_url`.
    pub fn settings(&self, public_url: &str) -> web::OidcSettings {
        web::OidcSettings {
            issuer: self.issuer.clone(),
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            iin_claim: IIN_CLAIM.into(),
            scopes: vec!["profile".into()],
            public_url: public_url.into(),
        }
    }
}

impl Drop for TestProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
