//! Shared test helpers: a fresh database on the engine under test, a real server on a free
//! port with the demo data, and a cookie-keeping client that logs in as any demo role.
//!
//! The engine is SQLite unless `QATYSU_TEST_DATABASE_URL` names a PostgreSQL server, in
//! which case every test gets a database of its own there.

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use domain::initiatives::Addressee;
use domain::money::Tenge;
use domain::pb::{
    BallotType, Category, Channel, CountingRule, Decision, Eligibility, Envelope, ProposalStatus,
    Schedule, Stage, StageFacts,
};
use domain::{Contact, Iin, Kato, Mrp, Password, Role, TerritoryKind};
use qatysu::cli::demo;
use reqwest::header::{HeaderMap, ACCEPT_ENCODING, CONTENT_ENCODING};
use reqwest::StatusCode;
use std::io::Read;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use store::territories::Territory;
use store::Db;
use tokio::sync::OnceCell;
use uuid::Uuid;

pub mod civic;
pub mod gateway;
pub mod oidc;
pub mod pages;
pub mod pb;
pub mod photos;
pub mod smtp;

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
    /// The use cases on this database, with a clock tests can move (`app.clock`).
    pub app: app::App,
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
    let app = app::App::new(db.clone(), SECRET, app::Clock::settable());
    TestDb { db, url, dir, app }
}

/// A running Qatysu on a free port, seeded like `qatysu demo`.
pub struct TestApp {
    pub addr: SocketAddr,
    pub db: Db,
    /// The use cases, on this app's database and clock (the server shares both).
    pub app: app::App,
    /// The server's clock: tests move time with it (`app.clock.advance(…)`).
    pub clock: app::Clock,
    pub url: String,
    pub data: PathBuf,
    /// The account list `qatysu demo` prints (empty unless the app was made by `spawn`).
    pub banner: String,
    _dir: Option<tempfile::TempDir>,
    server: tokio::task::JoinHandle<()>,
}

pub const SECRET: &[u8] = b"test-secret-test-secret-test-secret-0123";

/// What seals the links from voters to their ballots on every test database (the key the
/// test apps derive from [`SECRET`]), for tests that call the store directly.
pub fn ballot_seal() -> &'static dyn store::pb::voters::BallotSeal {
    static KEYS: std::sync::OnceLock<app::Keys> = std::sync::OnceLock::new();
    &KEYS.get_or_init(|| app::Keys::derive(SECRET)).ballots
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(web::Config::default()).await
    }

    /// A running Qatysu on an empty database: the test builds what it needs with the builders
    /// below (`territory_tree`, `resident`, `user_with_role`, `pb_cycle` …) and logs in with
    /// [`TestApp::login`].
    pub async fn empty() -> TestApp {
        let t = fresh_db().await;
        let data = t.dir.path().to_path_buf();
        let mut app = TestApp::start(t.app, t.url, &data, web::Config::default()).await;
        app._dir = Some(t.dir);
        app
    }

    /// A running Qatysu with the demo district and its one account per role (all living in
    /// [`demo::DEMO_VILLAGE`]) and nothing else: no cycle, initiative, project or event. The
    /// test builds those with the builders below; [`TestApp::login_as`] works as with `spawn`.
    pub async fn with_people() -> TestApp {
        let t = fresh_db().await;
        demo::seed_people(&t.app)
            .await
            .expect("seed the demo people");
        let data = t.dir.path().to_path_buf();
        let mut app = TestApp::start(t.app, t.url, &data, web::Config::default()).await;
        app._dir = Some(t.dir);
        app
    }

    /// A client logged in as a builder-made person.
    pub async fn login(&self, p: &Person) -> Client {
        self.login_as_contact(&p.contact, BUILDER_PASSWORD).await
    }

    pub async fn spawn_with(config: web::Config) -> TestApp {
        let t = fresh_db().await;
        let banner = demo::seed(&t.app).await.expect("seed demo data");
        let data = t.dir.path().to_path_buf();
        let mut app = TestApp::start(t.app, t.url, &data, config).await;
        app._dir = Some(t.dir);
        app.banner = banner;
        app
    }

    /// Another instance on the same database (as behind a load balancer).
    pub async fn another_instance(&self) -> TestApp {
        let db = Db::connect(&self.url).await.expect("second pool");
        let app = app::App::new(db, SECRET, self.clock.clone());
        TestApp::start(app, self.url.clone(), &self.data, web::Config::default()).await
    }

    async fn start(app: app::App, url: String, data: &Path, config: web::Config) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        TestApp::start_on(app, url, data, config, listener).await
    }

    /// [`TestApp::with_people`] with `config`, serving on `listener`: bound first when the
    /// config names the app's own address (an identity provider's redirect URI).
    pub async fn with_people_on(listener: std::net::TcpListener, config: web::Config) -> TestApp {
        let t = fresh_db().await;
        demo::seed_people(&t.app)
            .await
            .expect("seed the demo people");
        let data = t.dir.path().to_path_buf();
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
        let mut app = TestApp::start_on(t.app, t.url, &data, config, listener).await;
        app._dir = Some(t.dir);
        app
    }

    async fn start_on(
        app: app::App,
        url: String,
        data: &Path,
        mut config: web::Config,
        listener: tokio::net::TcpListener,
    ) -> TestApp {
        config.uploads = data.join("uploads");
        let state = web::AppState::new(app.clone(), config);
        let addr = listener.local_addr().expect("addr");
        let server = tokio::spawn(async move {
            let _ = web::serve(listener, state).await;
        });
        TestApp {
            addr,
            db: app.db.clone(),
            clock: app.clock.clone(),
            app,
            url,
            data: data.to_path_buf(),
            banner: String::new(),
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
                    ("consent", "yes"),
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

    /// The ids of the invitations (to a council or a monitoring group) an account page offers
    /// to accept, in page order.
    pub fn invitation_ids(&self) -> Vec<String> {
        self.body
            .split("action=\"/account/invitations/")
            .skip(1)
            .filter_map(|rest| rest.split_once('/'))
            .filter(|(_, after)| after.starts_with("accept\""))
            .map(|(id, _)| id.to_string())
            .collect()
    }
}

/// The signed-in person accepts, on their account page, the only invitation waiting there.
pub async fn accept_invitation(c: &Client) {
    let page = c.get("/account").await;
    let ids = page.invitation_ids();
    assert_eq!(ids.len(), 1, "one invitation waits: {ids:?}");
    let res = c
        .post(
            &format!("/account/invitations/{}/accept", ids[0]),
            &[("csrf", &page.csrf())],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), "/account?ok=oversight-accepted#invitations");
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
        let body = form_body(fields);
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

    /// [`Client::post`] as it reaches a server behind a trusted proxy (`trust_proxy`) from
    /// the client address `from` (the proxy's `X-Forwarded-For` hop).
    pub async fn post_from(&self, from: &str, path: &str, fields: &[(&str, &str)]) -> Page {
        let res = self
            .http
            .post(format!("{}{path}", self.base))
            .header(ACCEPT_ENCODING, "gzip")
            .header("x-forwarded-for", from)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form_body(fields))
            .send()
            .await
            .expect("POST");
        Client::read(res).await
    }

    /// [`Client::submit`] from the client address `from` (see [`Client::post_from`]).
    pub async fn submit_from(
        &self,
        from: &str,
        form_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> Page {
        let token = self.get(form_page).await.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_from(from, action, &all).await
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

pub fn form_body(fields: &[(&str, &str)]) -> String {
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

// ---- builders: a state reached through the store's own functions, never raw SQL ----
//
// For tests that need a few records rather than the whole demo seed. Each builder calls the
// same `store` functions the application calls, on any `Db` (`fresh_db().await.db`).

/// "Now" for records a test writes straight through `store` beside a running app (whose own
/// clock starts at the system time).
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// The fixed clock of builder-made records: Monday 2 March 2026, 09:00 UTC.
pub fn fixed_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
        .single()
        .expect("a valid fixed time")
}

/// A small territory tree made by [`territory_tree`].
#[derive(Debug, Clone)]
pub struct Tree {
    pub district: Territory,
    pub okrug: Territory,
    pub villages: Vec<Territory>,
}

/// District `47dd00000` → okrug `47dd10000` → `villages` villages `47dd10v00` of 500 people each.
pub async fn territory_tree(db: &Db, dd: &str, villages: usize) -> Tree {
    assert!(
        dd.len() == 2 && dd.bytes().all(|b| b.is_ascii_digit()) && dd != "00",
        "district code {dd:?}: two digits, not 00"
    );
    assert!((1..=9).contains(&villages), "1 to 9 villages");
    let row = |kato: String, level: &str, kind: TerritoryKind, kk: String, ru: String, pop| {
        store::territories::NewTerritory {
            kato: Kato::parse(&kato).expect("builder KATO"),
            kato_version: "test".into(),
            level: level.into(),
            type_code: 2,
            kind,
            name_kk: kk,
            name_ru: ru,
            population: Some(pop),
            population_illustrative: false,
        }
    };
    let mut rows = vec![
        row(
            format!("47{dd}00000"),
            "district",
            TerritoryKind::District,
            format!("Сынақ-{dd} ауданы"),
            format!("Тестовый-{dd} район"),
            500 * villages as i64,
        ),
        row(
            format!("47{dd}10000"),
            "sub_district",
            TerritoryKind::RuralOkrug,
            format!("Сынақ-{dd} а.о."),
            format!("Тестовый-{dd} с.о."),
            500 * villages as i64,
        ),
    ];
    for v in 1..=villages {
        rows.push(row(
            format!("47{dd}10{v}00"),
            "settlement",
            TerritoryKind::Village,
            format!("Сынақ-{dd}-{v} а."),
            format!("с.Тестовое-{dd}-{v}"),
            500,
        ));
    }
    store::territories::upsert_all(db, &rows, |_| {})
        .await
        .expect("insert the territory tree");
    let get = |kato: String| async move {
        store::territories::by_kato(db, &Kato::parse(&kato).expect("KATO"))
            .await
            .expect("read territory")
            .expect("territory just inserted")
    };
    let mut out = Tree {
        district: get(format!("47{dd}00000")).await,
        okrug: get(format!("47{dd}10000")).await,
        villages: Vec::with_capacity(villages),
    };
    for v in 1..=villages {
        out.villages.push(get(format!("47{dd}10{v}00")).await);
    }
    out
}

/// The demo's Alakol rural okrug (`114435000`, where every demo account lives, in
/// [`demo::DEMO_VILLAGE`]) as a [`Tree`], for builders on a [`TestApp::with_people`] app.
pub async fn demo_tree(db: &Db) -> Tree {
    let get = |kato: &'static str| async move {
        store::territories::by_kato(db, &Kato::parse(kato).expect("KATO"))
            .await
            .expect("read territory")
            .expect("a demo territory")
    };
    let okrug = get("114435000").await;
    let villages = store::territories::children(db, Some(okrug.id))
        .await
        .expect("the okrug's villages");
    Tree {
        district: get("114400000").await,
        okrug,
        villages,
    }
}

/// A person with an account, as [`resident`] made them.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: Uuid,
    pub iin: Iin,
    /// The IIN as typed (`Iin` never prints it in full): what a registrar types at the desk.
    pub iin_digits: String,
    /// The keyed IIN fingerprint under [`SECRET`]: what ballots and signatures key on.
    pub person_hash: Vec<u8>,
    pub contact: String,
}

/// The password of every builder-made account.
pub const BUILDER_PASSWORD: &str = "сынақ-құпия-сөз-2026";

static PASSWORD_HASH: OnceCell<String> = OnceCell::const_new();
static PEOPLE: AtomicU32 = AtomicU32::new(0);
static CONTACTS: AtomicU32 = AtomicU32::new(1);

/// A valid synthetic IIN, another on every call (serials 1000–4999, which no demo person has).
pub fn next_iin() -> Iin {
    Iin::parse(&next_iin_digits()).expect("a valid synthetic IIN")
}

/// [`next_iin`] as typed: twelve digits.
pub fn next_iin_digits() -> String {
    let n = PEOPLE.fetch_add(1, Ordering::Relaxed);
    let (year, month, day) = (60 + (n / 4000) % 40, 1 + n % 12, 1 + n % 28);
    let serial = 1000 + n % 4000;
    (0..10)
        .map(|k| format!("{year:02}{month:02}{day:02}3{serial:04}{k}"))
        .chain((0..10).map(|k| format!("{year:02}{month:02}{day:02}4{serial:04}{k}")))
        .find(|s| Iin::parse(s).is_ok())
        .expect("one of twenty check digits fits")
}

/// The keyed IIN fingerprint under [`SECRET`], as the app computes it (paper rows, no account).
pub fn fingerprint(iin: &Iin) -> Vec<u8> {
    app::Keys::derive(SECRET).iin.fingerprint(iin)
}

/// A resident of `village` at `level`, logging in with [`BUILDER_PASSWORD`].
pub async fn resident(db: &Db, village: &Territory, level: domain::Level) -> Person {
    let iin_digits = next_iin_digits();
    let iin = Iin::parse(&iin_digits).expect("a valid synthetic IIN");
    let contact = format!(
        "person{}@test.qatysu.kz",
        CONTACTS.fetch_add(1, Ordering::Relaxed)
    );
    let password_hash = PASSWORD_HASH
        .get_or_init(|| async {
            let app = app::App::new(db.clone(), SECRET, app::Clock::settable());
            let password = Password::parse(BUILDER_PASSWORD).expect("password");
            app::accounts::hash_password(&app, password)
                .await
                .expect("hash the builder password")
        })
        .await
        .clone();
    let person_hash = fingerprint(&iin);
    let new = store::accounts::NewUser {
        display_name: format!("Сынақ Тұрғын {}", iin.last_four()),
        contact: Contact::parse(&contact).expect("builder contact"),
        password_hash,
        iin_hash: person_hash.clone(),
        birth_date: iin.birth_date(),
        residence_id: village.id,
        level,
        consent_at: Some(fixed_now()),
    };
    let id = store::accounts::create(db, &new, fixed_now())
        .await
        .expect("store")
        .expect("a new person and contact");
    Person {
        id,
        iin,
        iin_digits,
        person_hash,
        contact,
    }
}

/// A person living in `village` (verified in person) who holds `role` on `territory`.
pub async fn user_with_role(
    db: &Db,
    village: &Territory,
    role: Role,
    territory: &Territory,
) -> Person {
    let p = resident(db, village, domain::Level::InPerson).await;
    store::accounts::grant(db, p.id, role, Some(territory.id), fixed_now())
        .await
        .expect("grant the role");
    p
}

/// A cycle made by [`pb_cycle`]; project number `n` on its ballot is `admitted[n - 1]`.
#[derive(Debug, Clone)]
pub struct PbCycle {
    pub id: Uuid,
    pub admitted: Vec<Uuid>,
}

/// A cycle of the okrug in `stage` at `now`, through the stage machine, with `proposals` admitted.
pub async fn pb_cycle(
    db: &Db,
    tree: &Tree,
    coordinator: Uuid,
    year: i32,
    stage: Stage,
    proposals: usize,
    now: DateTime<Utc>,
) -> PbCycle {
    // The dates put `now` inside `stage`; each move is checked (`domain::pb::check_stage`, as
    // the cycle page does) on the day it would happen, all before `now`. Proposals are typed
    // in during collection and admitted in review (before review they are only submitted).
    let today = now.date_naive();
    let into_stage: i64 = match stage {
        Stage::Collection => 1,
        Stage::Review | Stage::Revision => 35,
        Stage::Discussion => 50,
        Stage::Voting => 60,
        Stage::Results | Stage::Implementation | Stage::Closed => 80,
    };
    let start = today - Days::new(into_stage as u64);
    let day = |n: u64| start + Days::new(n);
    let schedule = Schedule {
        collection_start: start,
        collection_end: day(30),
        review_end: day(45),
        discussion_end: day(55),
        voting_start: day(56),
        voting_end: day(70),
    };
    let mrp = Mrp::in_force(&store::pb::mrp_table(db).await.expect("MRP table"), start)
        .expect("an MRP in force (the migrations carry the table)");
    let new = store::pb::NewCycle {
        territory_id: tree.okrug.id,
        setup: domain::pb::CycleSetup {
            year,
            envelope: Envelope {
                housing_spending: Tenge::from_tenge(200_000_000),
                share_bp: 1000,
                cofinancing: vec![],
            },
            mrp: mrp.value,
            cap_mrp: 1500,
            ballot: BallotType::UpTo(3),
            rule: CountingRule::Greedy,
            eligibility: Eligibility::default(),
            max_proposals_per_author: 3,
            revision_enabled: true,
            votes_visible: true,
            changes_allowed: false,
            schedule,
        },
    };
    let id = store::pb::create(db, &new, coordinator, fixed_now())
        .await
        .expect("store")
        .expect("no cycle of this okrug and year yet");
    let mut pids = Vec::with_capacity(proposals);
    for i in 0..proposals {
        let village = &tree.villages[i % tree.villages.len()];
        pids.push(proposal(db, id, village, coordinator, &format!("Жоба {}", i + 1)).await);
    }
    let path: &[Stage] = match stage {
        Stage::Revision => &[Stage::Collection, Stage::Review, Stage::Revision],
        _ => &[
            Stage::Collection,
            Stage::Review,
            Stage::Discussion,
            Stage::Voting,
            Stage::Results,
            Stage::Implementation,
            Stage::Closed,
        ],
    };
    for w in path.windows(2).take_while(|w| w[1] <= stage) {
        let (from, to) = (w[0], w[1]);
        // The day this move happens: the day after the stage it closes ends.
        let on = match to {
            Stage::Review => day(31),
            Stage::Revision | Stage::Discussion => day(46),
            Stage::Voting => day(56),
            Stage::Results => day(71),
            _ => day(72),
        };
        if from == Stage::Review {
            for pid in &pids {
                store::pb::review::decide(
                    db,
                    *pid,
                    Decision::Admit,
                    None,
                    None,
                    coordinator,
                    fixed_now(),
                )
                .await
                .expect("admit");
            }
        }
        move_cycle(db, id, from, to, coordinator, on).await;
    }
    let admitted = store::pb::proposals::of_cycle(db, id)
        .await
        .expect("proposals")
        .into_iter()
        .filter(|p| p.status == ProposalStatus::Admitted)
        .map(|p| p.id)
        .collect();
    PbCycle { id, admitted }
}

/// Move a cycle one stage on day `on` as the cycle page does (checked; results publish the count).
pub async fn move_cycle(db: &Db, id: Uuid, from: Stage, to: Stage, by: Uuid, on: NaiveDate) {
    let cy = store::pb::get(db, id).await.expect("read").expect("cycle");
    let (all, admitted, undecided) = store::pb::proposals::counts(db, id).await.expect("counts");
    let facts = StageFacts {
        today: on,
        proposals_submitted: all as usize,
        proposals_admitted: admitted as usize,
        proposals_undecided: undecided as usize,
        revision_enabled: cy.revision_enabled,
        voting_starts: Some(cy.schedule.voting_start),
        voting_ends: Some(cy.schedule.voting_end),
        results_published: store::pb::ballots::published(db, id)
            .await
            .expect("published")
            .is_some(),
    };
    if let Err(e) = domain::pb::check_stage(from, to, &facts) {
        panic!("cycle {id}: {from:?} → {to:?} on {on} refused: {e}");
    }
    if to == Stage::Results {
        let count = app::pb::results::recount(db, &cy).await.expect("recount");
        let mut result = app::pb::results::published(&cy, &count, fixed_now());
        result.computed_at = on.and_hms_opt(18, 0, 0).expect("time").and_utc();
        store::pb::ballots::publish(db, id, &result)
            .await
            .expect("publish");
    }
    assert!(
        store::pb::move_stage(db, id, from, to, Some(by), None, fixed_now())
            .await
            .expect("move"),
        "cycle {id} was not in {from:?}"
    );
}

/// A submitted proposal of 2 000 000 ₸ in `village`, typed in by `coordinator` from a paper form.
pub async fn proposal(
    db: &Db,
    cycle: Uuid,
    village: &Territory,
    coordinator: Uuid,
    title: &str,
) -> Uuid {
    let form = PAPER_FORMS.fetch_add(1, Ordering::Relaxed);
    let p = store::pb::proposals::NewProposal {
        cycle_id: cycle,
        author_id: None,
        author_name: "Қағаз Авторы".into(),
        channel: Channel::Paper,
        paper_form_number: Some(format!("T-{form}")),
        entered_by: Some(coordinator),
        title: title.into(),
        description: format!("{title}: сипаттама"),
        category: Category::Greening,
        village_id: village.id,
        place: "Орталық алаң".into(),
        items: vec![("Жұмыс".into(), Tenge::from_tenge(2_000_000))],
        pledge_money: Tenge::default(),
        pledge_labour_days: 0,
    };
    store::pb::proposals::create(db, &p, 3, fixed_now())
        .await
        .expect("store")
        .expect("a new paper form")
}

static PAPER_FORMS: AtomicU32 = AtomicU32::new(1);

/// A proposal of `cycle` that the council (decided by `coordinator`) has admitted.
pub async fn admitted_proposal(
    db: &Db,
    cycle: Uuid,
    village: &Territory,
    coordinator: Uuid,
    title: &str,
) -> Uuid {
    let id = proposal(db, cycle, village, coordinator, title).await;
    store::pb::review::decide(
        db,
        id,
        Decision::Admit,
        None,
        None,
        coordinator,
        fixed_now(),
    )
    .await
    .expect("admit");
    id
}

/// An initiative collecting `required` signatures for 90 days, published by `moderator` at `now`.
pub async fn collecting_initiative(
    db: &Db,
    territory: &Territory,
    author: Uuid,
    moderator: Uuid,
    required: i64,
    now: DateTime<Utc>,
) -> Uuid {
    let draft = store::initiatives::Draft {
        territory_id: territory.id,
        addressee: Addressee::Akim,
        title: "Ауылға жаяу жүргінші жолы".into(),
        ask: "Мектепке дейін тротуар салу".into(),
        reasons: "Балалар жол жиегімен жүреді".into(),
    };
    let id = store::initiatives::create(db, author, &draft, now)
        .await
        .expect("create the draft");
    store::initiatives::publish(db, id, moderator, required, now + Days::new(90), now)
        .await
        .expect("store")
        .expect("a draft can be published");
    id
}
