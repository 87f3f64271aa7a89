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
