//! Issue 12, security review L1, L2 and M7: the CSRF check on large forms and bound to the
//! session, and ballot replacement serialised per person and cycle.

use crate::support::TestApp;
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
    let size = crate::support::form_body(&fields).len();
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
    let size = crate::support::form_body(&fields).len();
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
