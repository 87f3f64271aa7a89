//! Shared test helpers: a fresh database on the engine under test, a real server on a free
//! port with the demo data, and a cookie-keeping client that logs in as any demo role.
//!
//! The engine is SQLite unless `QATYSU_TEST_DATABASE_URL` names a PostgreSQL server, in
//! which case every test gets a database of its own there.

use domain::Role;
use qatysu::cli::demo;
use reqwest::header::{HeaderMap, ACCEPT_ENCODING, CONTENT_ENCODING};
use reqwest::StatusCode;
use std::io::Read;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use store::Db;
use tokio::sync::OnceCell;

/// The budget every HTML page must fit in, compressed (issue 2: 14 KB).
pub const PAGE_BUDGET: usize = 14 * 1024;
pub const CSS_BUDGET: usize = 6 * 1024;

/// Run one raw statement on whichever engine a test database is (to set up states that the
/// UI reaches only with time, such as voting that opened today).
#[macro_export]
macro_rules! raw_sql {
    ($db:expr, $query:expr) => {
        match $db {
            store::Db::Sqlite(p) => $query.execute(p).await.map(|_| ()),
            store::Db::Postgres(p) => $query.execute(p).await.map(|_| ()),
        }
    };
}

pub fn postgres_url() -> Option<String> {
    std::env::var("QATYSU_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

static PG_CLEANED: OnceCell<()> = OnceCell::const_new();
const PG_PREFIX: &str = "qatysu_t_";

/// A fresh, migrated database and the folder that holds its files (SQLite) and secret.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    pub dir: tempfile::TempDir,
}

fn swap_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map(|(b, q)| (b, Some(q)))
        .unwrap_or((url, None));
    let cut = base.rfind('/').map(|i| &base[..i]).unwrap_or(base);
    match query {
        Some(q) => format!("{cut}/{name}?{q}"),
        None => format!("{cut}/{name}"),
    }
}

pub async fn fresh_db() -> TestDb {
    match postgres_url() {
        Some(admin_url) => fresh_postgres(&admin_url).await,
        None => fresh_sqlite().await,
    }
}

/// A fresh, migrated SQLite database in a temporary folder, whatever engine the suite targets.
pub async fn fresh_sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("qatysu.db").display()
    );
    connect_and_migrate(url, dir).await
}

/// A fresh, migrated PostgreSQL database of its own on the server `admin_url` names.
pub async fn fresh_postgres(admin_url: &str) -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let admin = sqlx::PgPool::connect(admin_url)
        .await
        .expect("QATYSU_TEST_DATABASE_URL must be reachable");
    PG_CLEANED
        .get_or_init(|| async {
            // Databases left by earlier runs (a test that panicked never drops its own).
            let stale: Vec<String> = sqlx::query_scalar(
                "SELECT datname FROM pg_database WHERE datname LIKE 'qatysu_t_%'",
            )
            .fetch_all(&admin)
            .await
            .unwrap_or_default();
            for name in stale {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .execute(&admin)
                    .await;
            }
        })
        .await;
    let name = format!("{PG_PREFIX}{}", uuid::Uuid::now_v7().simple());
    sqlx::query(&format!("CREATE DATABASE \"{name}\""))
        .execute(&admin)
        .await
        .expect("create test database");
    admin.close().await;
    connect_and_migrate(swap_database(admin_url, &name), dir).await
}

async fn connect_and_migrate(url: String, dir: tempfile::TempDir) -> TestDb {
    let db = Db::connect(&url)
        .await
        .expect("connect to the test database");
    db.migrate().await.expect("migrate");
    TestDb { db, url, dir }
}

/// A running Qatysu on a free port, seeded like `qatysu demo`.
pub struct TestApp {
    pub addr: SocketAddr,
    pub db: Db,
    pub url: String,
    pub data: PathBuf,
    _dir: Option<tempfile::TempDir>,
    server: tokio::task::JoinHandle<()>,
}

pub const SECRET: &[u8] = b"test-secret-test-secret-test-secret-0123";

impl TestApp {
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(web::Config::default()).await
    }

    pub async fn spawn_with(config: web::Config) -> TestApp {
        let t = fresh_db().await;
        demo::seed(&t.db, SECRET).await.expect("seed demo data");
        let data = t.dir.path().to_path_buf();
        let mut app = TestApp::start(t.db, t.url, &data, config).await;
        app._dir = Some(t.dir);
        app
    }

    /// Another instance on the same database (as behind a load balancer).
    pub async fn another_instance(&self) -> TestApp {
        let db = Db::connect(&self.url).await.expect("second pool");
        TestApp::start(db, self.url.clone(), &self.data, web::Config::default()).await
    }

    async fn start(db: Db, url: String, data: &Path, mut config: web::Config) -> TestApp {
        config.uploads = data.join("uploads");
        let state = web::AppState::new(db.clone(), SECRET, config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = tokio::spawn(async move {
            let _ = web::serve(listener, state).await;
        });
        TestApp {
            addr,
            db,
            url,
            data: data.to_path_buf(),
            _dir: None,
            server,
        }
    }

    pub fn client(&self) -> Client {
        Client::new(self.addr)
    }

    /// A client registered and logged in as a resident of another okrug (Буревестник), where
    /// none of the demo accounts lives.
    pub async fn register_outsider(&self) -> Client {
        let outsider = self.client();
        let reg = outsider
            .submit(
                "/register",
                "/register",
                &[
                    ("name", "Сырттан Келген"),
                    ("contact", "out@mail.kz"),
                    ("iin", "850315400025"),
                    ("village", "114441100"),
                    ("password", "таза-ауа-2026"),
                ],
            )
            .await;
        assert_eq!(reg.status, StatusCode::SEE_OTHER, "{}", reg.body);
        outsider
    }

    /// A client logged in as the demo account of `role`.
    pub async fn login_as(&self, role: Role) -> Client {
        let (_, _, _, email, password) = demo::ACCOUNTS
            .iter()
            .find(|a| a.0 == role)
            .expect("demo role");
        self.login_as_contact(email, password).await
    }

    pub async fn login_as_contact(&self, contact: &str, password: &str) -> Client {
        let c = self.client();
        let res = c
            .submit(
                "/login",
                "/login",
                &[("contact", contact), ("password", password)],
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::SEE_OTHER,
            "login as {contact}: {}",
            res.body
        );
        c
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// A response, decompressed, with its compressed size.
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    pub compressed: usize,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The value of the hidden CSRF field of the first form.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self
            .body
            .find(marker)
            .map(|i| i + marker.len())
            .expect("page has a CSRF field");
        self.body[start..]
            .split('"')
            .next()
            .unwrap_or("")
            .to_string()
    }

    /// The CSRF field's value, or "" on a page without forms.
    pub fn csrf_or_empty(&self) -> String {
        if self.body.contains("name=\"csrf\"") {
            self.csrf()
        } else {
            String::new()
        }
    }

    pub fn has(&self, text: &str) -> bool {
        self.body.contains(text)
    }
}

/// A browser stand-in: keeps cookies, asks for gzip like a browser, follows no redirects.
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
}

impl Client {
    pub fn new(addr: SocketAddr) -> Client {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Client {
            base: format!("http://{addr}"),
            http,
        }
    }

    async fn read(res: reqwest::Response) -> Page {
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.bytes().await.expect("body");
        let gz = headers.get(CONTENT_ENCODING).is_some_and(|v| v == "gzip");
        let body = if gz {
            let mut s = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut s)
                .expect("gunzip");
            s
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        let page = Page {
            status,
            headers,
            body,
            compressed: bytes.len(),
        };
        check_page(&page);
        page
    }

    pub async fn get(&self, path: &str) -> Page {
        let res = self
            .http
            .get(format!("{}{path}", self.base))
            .header(ACCEPT_ENCODING, "gzip")
            .send()
            .await
            .expect("GET");
        Client::read(res).await
    }

    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body = serde_urlencoded(fields);
        let res = self
            .http
            .post(format!("{}{path}", self.base))
            .header(ACCEPT_ENCODING, "gzip")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("POST");
        Client::read(res).await
    }

    /// Send a multipart form as a browser does: the CSRF token in the action URL (`path` may
    /// carry a query already), the text fields, then each file under `file_field`. An HTML
    /// answer is checked like every other page (budget, `<html lang>`, CSRF in every form).
    pub async fn multipart(
        &self,
        path: &str,
        token: Option<&str>,
        fields: &[(&str, &str)],
        file_field: &str,
        files: &[(&str, &[u8])],
    ) -> Page {
        let boundary = "qatysuTestBoundary7MA4YWxk";
        let mut body = Vec::new();
        for (k, v) in fields {
            let part = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
            );
            body.extend_from_slice(part.as_bytes());
        }
        for (name, bytes) in files {
            let head = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            body.extend_from_slice(head.as_bytes());
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let url = match token {
            Some(t) => {
                let sep = if path.contains('?') { '&' } else { '?' };
                format!("{}{path}{sep}csrf={t}", self.base)
            }
            None => format!("{}{path}", self.base),
        };
        let res = self
            .http
            .post(url)
            .header(ACCEPT_ENCODING, "gzip")
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(body)
            .send()
            .await
            .expect("multipart");
        Client::read(res).await
    }

    /// Open the page with the form, then send it with its CSRF token, as a person would.
    pub async fn submit(&self, form_page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let page = self.get(form_page).await;
        let token = page.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post(action, &all).await
    }
}

pub fn serde_urlencoded(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// What every HTML page must be, checked on every page any test visits: within the size
/// budget, with a language attribute, and with a CSRF field in every POST form.
fn check_page(p: &Page) {
    let html = p
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !html {
        return;
    }
    assert!(
        p.compressed <= PAGE_BUDGET,
        "page of {} bytes compressed is over the budget",
        p.compressed
    );
    assert!(p.body.contains("<html lang=\""), "page without <html lang>");
    let forms = p.body.matches("method=\"post\"").count();
    let tokens = p.body.matches("name=\"csrf\"").count();
    assert_eq!(forms, tokens, "every POST form carries a CSRF token");
    record_weight(p);
}

fn record_weight(p: &Page) {
    use std::io::Write;
    let title = p
        .body
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap_or("")
        .to_string();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("page-weights.txt"))
    {
        // One write per line: tests running in parallel append to the same file.
        let line = format!(
            "{}\t{}\t{}\t{}\n",
            p.compressed,
            p.body.len(),
            p.status.as_u16(),
            title
        );
        let _ = f.write_all(line.as_bytes());
    }
}
