//! Issue 12, security review L1, L2 and M7: the CSRF check on large forms and bound to the
//! session, and ballot replacement serialised per person and cycle.

use crate::support::pb::{open_voting, voting, Rules};
use crate::support::{form_body, TestApp};
use domain::pb::BallotType;
use domain::Role;
use reqwest::StatusCode;

const OKRUG: &str = "114435000";

/// Security review L2: an urlencoded form of about 90 KB (a long Kazakh initiative, far past
/// the 64 KiB a URI may hold) is read for its CSRF token and accepted, not refused as a CSRF
/// failure.
#[tokio::test]
async fn a_100_kb_initiative_is_not_refused_as_csrf() {
    let app = TestApp::with_people().await;
    let resident = app.login_as(Role::Resident).await;
    // Two texts of nearly 8,000 characters (the most a text holds), Cyrillic: 87 KB encoded.
    let ask = "Таза ауыз су құбырын ауылға дейін тартуды сұраймыз. ".repeat(153);
    let reasons = "Құдықтағы су ішуге жарамсыз, оны зертхана растады. ".repeat(156);
    let fields = [
        ("territory", OKRUG),
        ("addressee", "akim"),
        ("title", "Ауылға таза ауыз су"),
        ("ask", ask.as_str()),
        ("reasons", reasons.as_str()),
    ];
    let size = form_body(&fields).len();
    assert!(size > 85_000, "the form is {size} bytes");
    let created = resident
        .submit("/initiatives/new?lang=en", "/initiatives", &fields)
        .await;
    assert_ne!(created.status, StatusCode::FORBIDDEN, "{}", created.body);
    assert!(!created.has("The form has expired"));
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
}

/// Security review L2: a form over 1 MB gets a 413 "too large" page in the reader's language,
/// never the CSRF failure page.
#[tokio::test]
async fn a_form_over_1_mb_gets_a_too_large_page() {
    let app = TestApp::with_people().await;
    let resident = app.login_as(Role::Resident).await;
    let token = resident.get("/initiatives/new?lang=ru").await.csrf();
    let reasons = "а".repeat(1_100_000 / 6);
    let fields = [
        ("csrf", token.as_str()),
        ("territory", OKRUG),
        ("addressee", "akim"),
        ("title", "Ауылға таза ауыз су"),
        ("ask", "Таза ауыз су құбырын ауылға дейін тартуды сұраймыз."),
        ("reasons", reasons.as_str()),
    ];
    let size = form_body(&fields).len();
    assert!(size > 1_100_000, "the form is {size} bytes");
    let refused = resident.post("/initiatives?lang=ru", &fields).await;
    assert_eq!(
        refused.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        refused.body
    );
    assert!(refused.has("Форма слишком большая"), "{}", refused.body);
    assert!(!refused.has("Срок действия формы истёк"));
}

/// Security review M7: one person replacing their ballot many times at once (a cycle that
/// allows changes), each time with projects the others do not choose, ends with one ballot of
/// at most k choices — never the union of two replacements (PostgreSQL at READ COMMITTED
/// stored it before the ballot row was locked first).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_ballot_replacements_never_store_more_than_k_choices() {
    let app = TestApp::with_people().await;
    let rules = Rules {
        ballot: BallotType::UpTo(2),
        changes_allowed: true,
        ..Rules::default()
    };
    let titles = [
        "Су құбыры",
        "Жарық шамдары",
        "Балалар алаңы",
        "Спорт алаңы",
        "Аялдама",
        "Көпір жөндеу",
        "Саябақ",
        "Кітапхана",
    ];
    let (cycle, ids) = voting(&app, &rules, &titles).await;
    open_voting(&app, cycle).await;
    let r = app.login_as(Role::Resident).await;
    let token = r.get(&format!("/pb/{cycle}/vote")).await.csrf();
    let first = r
        .post(
            &format!("/pb/{cycle}/vote"),
            &[
                ("csrf", token.as_str()),
                ("choice", &ids[0].to_string()),
                ("choice", &ids[1].to_string()),
            ],
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    for round in 0..6 {
        let mut set = tokio::task::JoinSet::new();
        for pair in ids.chunks(2) {
            let body = form_body(&[
                ("csrf", token.as_str()),
                ("choice", &pair[0].to_string()),
                ("choice", &pair[1].to_string()),
            ]);
            let (http, url) = (r.http.clone(), format!("{}/pb/{cycle}/vote", r.base));
            set.spawn(async move {
                http.post(url)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await
                    .map(|res| res.status())
            });
        }
        while let Some(done) = set.join_next().await {
            let status = done.expect("task").expect("post");
            assert_eq!(status, StatusCode::SEE_OTHER, "round {round}");
        }
        let ballots = store::pb::ballots::all(&app.db, cycle)
            .await
            .expect("ballots");
        assert_eq!(ballots.len(), 1, "round {round}: one ballot");
        assert!(
            ballots[0].len() <= 2,
            "round {round}: {} choices stored on an up-to-2 ballot",
            ballots[0].len()
        );
    }
}

/// A browser driven by hand (no cookie store), for planting cookies as an attacker would.
struct Raw {
    http: reqwest::Client,
    base: String,
}

impl Raw {
    fn new(app: &TestApp) -> Raw {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Raw {
            http,
            base: app.client().base,
        }
    }

    /// GET `path` with `cookies`; the status, the `name=value` pairs set, and the form token.
    async fn get(&self, path: &str, cookies: &str) -> (StatusCode, Vec<String>, String) {
        let res = self
            .http
            .get(format!("{}{path}", self.base))
            .header("cookie", cookies)
            .send()
            .await
            .expect("GET");
        let set = set_cookies(&res);
        let status = res.status();
        let body = res.text().await.expect("body");
        let marker = "name=\"csrf\" value=\"";
        let token = body
            .split_once(marker)
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(t, _)| t.to_string())
            .unwrap_or_default();
        (status, set, token)
    }

    async fn post(&self, path: &str, cookies: &str, body: String) -> (StatusCode, Vec<String>) {
        let res = self
            .http
            .post(format!("{}{path}", self.base))
            .header("cookie", cookies)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("POST");
        (res.status(), set_cookies(&res))
    }

    /// Sign in as `role` from a fresh browser: its CSRF and session cookies after signing in
    /// and the CSRF cookie it had before (`name=value`).
    async fn login(&self, role: Role, csrf_name: &str) -> (String, String, String) {
        let (_, set, token) = self.get("/login", "").await;
        let csrf = pick(&set, csrf_name);
        let (_, _, _, email, password) = qatysu::cli::demo::ACCOUNTS
            .iter()
            .find(|a| a.0 == role)
            .expect("demo role");
        let (status, set) = self
            .post(
                "/login",
                &csrf,
                form_body(&[("csrf", &token), ("contact", email), ("password", password)]),
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let rotated = pick(&set, csrf_name);
        let session = pick(&set, "qatysu_session");
        if rotated.is_empty() {
            (csrf.clone(), session, csrf)
        } else {
            (rotated, session, csrf)
        }
    }
}

fn set_cookies(res: &reqwest::Response) -> Vec<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_string)
        .collect()
}

/// The `name=value` of cookie `name` among `Set-Cookie` headers, or "".
fn pick(set: &[String], name: &str) -> String {
    set.iter()
        .filter_map(|c| c.split(';').next())
        .find(|kv| kv.split_once('=').is_some_and(|(k, _)| k == name))
        .unwrap_or("")
        .to_string()
}

/// Security review L1: a CSRF (cookie, token) pair from another browser — an anonymous one or
/// the attacker's own signed-in session — planted next to the victim's session cookie is
/// refused; the victim's own pair works; the CSRF cookie is rotated at login.
#[tokio::test]
async fn a_planted_csrf_pair_from_another_session_is_refused() {
    let app = TestApp::with_people().await;
    let raw = Raw::new(&app);
    let (victim_csrf, victim_session, _) = raw.login(Role::Resident, "qatysu_csrf").await;
    assert!(victim_session.starts_with("qatysu_session="));

    // The attacker's anonymous pair.
    let (_, set, anon_token) = raw.get("/login", "").await;
    let anon_csrf = pick(&set, "qatysu_csrf");
    let planted = format!("{anon_csrf}; {victim_session}");
    let (status, _) = raw
        .post("/logout", &planted, form_body(&[("csrf", &anon_token)]))
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "an anonymous pair is refused"
    );

    // The attacker's own signed-in pair.
    let (att_csrf, att_session, _) = raw.login(Role::Coordinator, "qatysu_csrf").await;
    let (_, _, att_token) = raw
        .get("/account", &format!("{att_csrf}; {att_session}"))
        .await;
    assert!(!att_token.is_empty());
    let planted = format!("{att_csrf}; {victim_session}");
    let (status, _) = raw
        .post("/logout", &planted, form_body(&[("csrf", &att_token)]))
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "another session's pair is refused"
    );

    // The victim's own pair still works.
    let own = format!("{victim_csrf}; {victim_session}");
    let (status, _, token) = raw.get("/account", &own).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = raw
        .post("/logout", &own, form_body(&[("csrf", &token)]))
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

/// Security review L1: with Secure cookies the CSRF cookie is `__Host-qatysu_csrf` (no
/// sibling subdomain can set it), and signing in rotates it.
#[tokio::test]
async fn the_secure_csrf_cookie_has_the_host_prefix_and_is_rotated_at_login() {
    let app = TestApp::with_people_config(web::Config {
        secure_cookies: true,
        ..web::Config::default()
    })
    .await;
    let raw = Raw::new(&app);
    let (_, set, _) = raw.get("/login", "").await;
    let cookie = set
        .iter()
        .find(|c| c.contains("qatysu_csrf="))
        .cloned()
        .unwrap_or_default();
    assert!(
        cookie.starts_with("__Host-qatysu_csrf=")
            && cookie.contains("Path=/")
            && cookie.contains("Secure")
            && !cookie.contains("Domain"),
        "{cookie}"
    );
    let (csrf, session, before) = raw.login(Role::Resident, "__Host-qatysu_csrf").await;
    assert!(csrf.starts_with("__Host-qatysu_csrf=") && session.starts_with("qatysu_session="));
    assert_ne!(csrf, before, "the CSRF cookie is rotated at login");
}
