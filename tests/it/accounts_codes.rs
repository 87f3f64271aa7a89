//! Confirmed contacts and password reset by one-time codes (issue 11, points 4 and 7): the
//! code queued to the contact, typed on the site; expiry, tries, reuse and purpose; a change
//! of contact kept only once confirmed; the neutral answer for contacts in use or unknown; a
//! reset that ends every session; and the limits on code requests. Runs on SQLite, and on
//! PostgreSQL when `QATYSU_TEST_DATABASE_URL` is set.

use crate::support::{demo_tree, next_iin_digits, resident, Client, TestApp, BUILDER_PASSWORD};
use app::messages::{claim_due, record_attempt, Attempt, CodeArgs, CODE};
use chrono::TimeDelta;
use domain::accounts::LevelEvent;
use domain::Level;
use qatysu::cli::demo;
use reqwest::StatusCode;
use uuid::Uuid;

const PASSWORD: &str = "жаңа-тұрғын-2026";

/// Every code message queued since the last call, taken off the queue (marked sent, as the
/// sender would): what reached each phone or mailbox.
pub(crate) async fn delivered(app: &TestApp) -> Vec<CodeArgs> {
    let mut out = Vec::new();
    for m in claim_due(&app.app, 100).await.expect("claim") {
        if m.kind == CODE {
            out.push(serde_json::from_str::<CodeArgs>(&m.args).expect("code args"));
        }
        record_attempt(&app.app, &m, Attempt::Sent)
            .await
            .expect("mark sent");
    }
    out
}

/// The one code delivered to `to` for `purpose` since the last look.
pub(crate) async fn code_for(app: &TestApp, to: &str, purpose: &str) -> String {
    let got: Vec<CodeArgs> = delivered(app)
        .await
        .into_iter()
        .filter(|a| a.to == to)
        .collect();
    assert_eq!(got.len(), 1, "one code to {to}: {got:?}");
    assert_eq!(got[0].purpose, purpose);
    got[0].digits.clone()
}

/// A code other than `code`, with the same shape.
fn other_than(code: &str) -> String {
    if code == "000000" { "111111" } else { "000000" }.to_string()
}

async fn user(app: &TestApp, id: Uuid) -> store::accounts::User {
    store::accounts::by_id(&app.db, id)
        .await
        .expect("read")
        .expect("user")
}

async fn events(app: &TestApp, id: Uuid) -> Vec<LevelEvent> {
    app::accounts::level_changes(&app.app, id)
        .await
        .expect("changes")
        .into_iter()
        .map(|c| c.event)
        .collect()
}

/// Register on the web with `contact`; the client lands on the code form.
async fn register(app: &TestApp, contact: &str) -> (Client, Uuid) {
    let c = app.client();
    let iin = next_iin_digits();
    let res = c
        .submit(
            "/register?lang=en",
            "/register",
            &[
                ("name", "Жаңа Тұрғын"),
                ("contact", contact),
                ("iin", &iin),
                ("village", demo::DEMO_VILLAGE),
                ("password", PASSWORD),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), "/account/contact/confirm?ok=register-done");
    let parsed = domain::Contact::parse(contact).expect("contact");
    let (u, _) = store::accounts::credentials(&app.db, &parsed)
        .await
        .expect("read")
        .expect("registered");
    (c, u.id)
}

async fn type_code(c: &Client, code: &str) -> crate::support::Page {
    c.submit(
        "/account/contact/confirm?lang=en",
        "/account/contact/confirm",
        &[("code", code)],
    )
    .await
}

#[tokio::test]
async fn registration_sends_a_code_that_confirms_the_contact_once() {
    let app = TestApp::with_people().await;
    let (c, id) = register(&app, "kod@mail.kz").await;
    let code = code_for(&app, "kod@mail.kz", "confirm_contact").await;

    let form = c
        .get("/account/contact/confirm?ok=register-done&lang=en")
        .await;
    assert!(form.has("Type the 6-digit confirmation code"));
    let account = c.get("/account?lang=en").await;
    assert!(
        account.has("kod@mail.kz — not confirmed"),
        "{}",
        account.body
    );
    assert!(account.has("action=\"/account/contact/code\""));
    assert!(account.has("Registered; nothing checked yet"));

    let bad = type_code(&c, "12a456").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.has("The code is six digits."));
    assert!(bad.has("name=\"code\""), "the form is kept");
    let wrong = type_code(&c, &other_than(&code)).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.has("The code is wrong."));

    // A code for another purpose (a password reset) is not a confirmation code.
    let reset = app
        .client()
        .submit(
            "/password/reset",
            "/password/reset",
            &[("contact", "kod@mail.kz")],
        )
        .await;
    assert_eq!(reset.status, StatusCode::OK);
    let reset_code = code_for(&app, "kod@mail.kz", "reset_password").await;
    if reset_code != code {
        let r = type_code(&c, &reset_code).await;
        assert!(r.has("The code is wrong."), "{}", r.body);
    }

    let kk = c
        .submit(
            "/account/contact/confirm?lang=kk",
            "/account/contact/confirm",
            &[("code", &format!("{} {}", &code[..3], &code[3..]))],
        )
        .await;
    assert_eq!(kk.status, StatusCode::SEE_OTHER, "{}", kk.body);
    assert_eq!(kk.location(), "/account?ok=accounts-contact-confirmed");
    assert_eq!(user(&app, id).await.level, Level::Contact);
    assert!(user(&app, id).await.contact_confirmed_at.is_some());
    assert_eq!(events(&app, id).await, vec![LevelEvent::ContactConfirmed]);
    let account = c
        .get("/account?ok=accounts-contact-confirmed&lang=en")
        .await;
    assert!(account.has("Your phone or e-mail is confirmed."));
    assert!(account.has("kod@mail.kz — confirmed"));
    assert!(account.has("Phone or e-mail confirmed"));
    assert!(!account.has("action=\"/account/contact/code\""));

    let again = type_code(&c, &code).await;
    assert!(
        again.has("This code has already been used."),
        "{}",
        again.body
    );
    // Asking for a new code with nothing to confirm sends nothing (and says the same).
    let resend = c
        .submit("/account/contact/confirm", "/account/contact/code", &[])
        .await;
    assert_eq!(
        resend.location(),
        "/account/contact/confirm?ok=accounts-code-sent"
    );
    assert!(delivered(&app).await.is_empty());
}

#[tokio::test]
async fn codes_expire_after_ten_minutes_and_five_wrong_tries_spend_them() {
    let app = TestApp::with_people().await;
    let (c, id) = register(&app, "+7 701 000 11 22").await;
    let code = code_for(&app, "+77010001122", "confirm_contact").await;
    app.clock.advance(TimeDelta::minutes(10));
    let late = type_code(&c, &code).await;
    assert!(late.has("The code has expired."), "{}", late.body);

    let resend = c
        .submit("/account/contact/confirm", "/account/contact/code", &[])
        .await;
    assert_eq!(
        resend.location(),
        "/account/contact/confirm?ok=accounts-code-sent"
    );
    let code = code_for(&app, "+77010001122", "confirm_contact").await;
    for _ in 0..domain::accounts::codes::TRIES {
        assert!(type_code(&c, &other_than(&code))
            .await
            .has("The code is wrong."));
    }
    let spent = type_code(&c, &code).await;
    assert!(
        spent.has("The code was typed wrong too many times."),
        "{}",
        spent.body
    );
    assert_eq!(user(&app, id).await.level, Level::SelfDeclared);
    assert!(events(&app, id).await.is_empty());
    // Russian and Kazakh say it too.
    let ru = c
        .submit(
            "/account/contact/confirm?lang=ru",
            "/account/contact/confirm",
            &[("code", &code)],
        )
        .await;
    assert!(ru.has("Слишком много неверных попыток."));
    let kk = c
        .submit(
            "/account/contact/confirm?lang=kk",
            "/account/contact/confirm",
            &[("code", &code)],
        )
        .await;
    assert!(kk.has("Қате код тым көп рет терілді."));
}

async fn change_contact(c: &Client, to: &str, password: &str) -> crate::support::Page {
    c.submit(
        "/account/contact?lang=en",
        "/account/contact",
        &[("contact", to), ("password", password)],
    )
    .await
}

#[tokio::test]
async fn a_new_contact_is_kept_only_once_its_code_is_typed_and_is_confirmed_again() {
    let app = TestApp::with_people().await;
    let (c, id) = register(&app, "old@mail.kz").await;
    let code = code_for(&app, "old@mail.kz", "confirm_contact").await;
    assert_eq!(type_code(&c, &code).await.status, StatusCode::SEE_OTHER);
    assert_eq!(user(&app, id).await.level, Level::Contact);

    let wrong = change_contact(&c, "new@mail.kz", "not-my-password").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.has("value=\"new@mail.kz\""), "the form keeps it");
    assert!(delivered(&app).await.is_empty(), "nothing sent");

    let asked = change_contact(&c, "New@Mail.kz", PASSWORD).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    assert_eq!(
        asked.location(),
        "/account/contact/confirm?ok=accounts-code-sent"
    );
    let code = code_for(&app, "new@mail.kz", "confirm_contact").await;
    let before = user(&app, id).await;
    assert_eq!(
        before.email.as_deref(),
        Some("old@mail.kz"),
        "kept until typed"
    );
    assert_eq!(before.level, Level::Contact);
    app.login_as_contact("old@mail.kz", PASSWORD).await;
    let page = c
        .get("/account/contact/confirm?ok=accounts-code-sent&lang=en")
        .await;
    assert!(page.has("If this contact can be used, a code was sent to it."));

    let done = type_code(&c, &code).await;
    assert_eq!(done.location(), "/account?ok=accounts-contact-changed");
    let after = user(&app, id).await;
    assert_eq!(after.email.as_deref(), Some("new@mail.kz"));
    assert_eq!(
        after.level,
        Level::Contact,
        "a contact account stays contact"
    );
    assert_eq!(
        events(&app, id).await,
        vec![
            LevelEvent::ContactConfirmed,
            LevelEvent::ContactChanged,
            LevelEvent::ContactConfirmed
        ]
    );
    app.login_as_contact("new@mail.kz", PASSWORD).await;
    let old = app
        .client()
        .submit(
            "/login",
            "/login",
            &[("contact", "old@mail.kz"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);

    // An account verified in person keeps its level through a change.
    let tree = demo_tree(&app.db).await;
    let p = resident(&app.db, &tree.villages[0], Level::InPerson).await;
    let pc = app.login(&p).await;
    let asked = change_contact(&pc, "+7 702 111 22 33", BUILDER_PASSWORD).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let code = code_for(&app, "+77021112233", "confirm_contact").await;
    assert_eq!(
        type_code(&pc, &code).await.location(),
        "/account?ok=accounts-contact-changed"
    );
    let u = user(&app, p.id).await;
    assert_eq!(u.phone.as_deref(), Some("+77021112233"));
    assert_eq!(u.email, None, "the e-mail is replaced by the phone");
    assert_eq!(u.level, Level::InPerson);
    assert!(events(&app, p.id).await.is_empty(), "no level changed");
}

#[tokio::test]
async fn a_contact_in_use_gets_the_same_answer_and_nothing_is_sent() {
    let app = TestApp::with_people().await;
    let tree = demo_tree(&app.db).await;
    let a = resident(&app.db, &tree.villages[0], Level::SelfDeclared).await;
    let b = resident(&app.db, &tree.villages[0], Level::SelfDeclared).await;
    let ac = app.login(&a).await;

    let taken = change_contact(&ac, &b.contact, BUILDER_PASSWORD).await;
    let free = change_contact(&ac, "free@mail.kz", BUILDER_PASSWORD).await;
    assert_eq!(taken.status, free.status);
    assert_eq!(taken.location(), free.location());
    let sent = delivered(&app).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].to, "free@mail.kz");
    assert_eq!(
        user(&app, a.id).await.email.as_deref(),
        Some(a.contact.as_str())
    );
    assert_eq!(
        user(&app, b.id).await.email.as_deref(),
        Some(b.contact.as_str())
    );
}

#[tokio::test]
async fn a_password_reset_ends_every_session_and_the_old_password_stops_working() {
    let app = TestApp::with_people().await;
    let tree = demo_tree(&app.db).await;
    let p = resident(&app.db, &tree.villages[0], Level::SelfDeclared).await;
    let signed_in = app.login(&p).await;

    let c = app.client();
    let login = c.get("/login?lang=en").await;
    assert!(login.has("href=\"/password/reset\""));
    assert!(login.has("Forgot your password?"));
    let known = c
        .submit(
            "/password/reset?lang=en",
            "/password/reset",
            &[("contact", &p.contact)],
        )
        .await;
    let unknown = c
        .submit(
            "/password/reset?lang=en",
            "/password/reset",
            &[("contact", "nobody@mail.kz")],
        )
        .await;
    assert_eq!(known.status, StatusCode::OK);
    assert_eq!(unknown.status, known.status);
    for page in [&known, &unknown] {
        assert!(page.has("If this contact can be used, a code was sent to it."));
        assert!(page.has("action=\"/password/reset/code\""));
    }
    let code = code_for(&app, &p.contact, "reset_password").await;

    let reset = |code: String, new: &'static str, again: &'static str| {
        let contact = p.contact.clone();
        let c = &c;
        async move {
            c.submit(
                "/password/reset/code?lang=en",
                "/password/reset/code",
                &[
                    ("contact", &contact),
                    ("code", &code),
                    ("password", new),
                    ("password2", again),
                ],
            )
            .await
        }
    };
    let differ = reset(code.clone(), "жаңа-құпиясөз-7", "жаңа-құпиясөз-8").await;
    assert_eq!(differ.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(differ.has("The two passwords differ."));
    let wrong = reset(other_than(&code), "жаңа-құпиясөз-7", "жаңа-құпиясөз-7").await;
    assert!(wrong.has("The code is wrong."), "{}", wrong.body);
    assert_eq!(
        signed_in.get("/account").await.status,
        StatusCode::OK,
        "nothing changed yet"
    );
    let done = reset(code.clone(), "жаңа-құпиясөз-7", "жаңа-құпиясөз-7").await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), "/login?ok=accounts-password-reset-done");
    assert!(c
        .get("/login?ok=accounts-password-reset-done&lang=en")
        .await
        .has("The new password is set"));
    assert_eq!(
        signed_in.get("/account").await.status,
        StatusCode::UNAUTHORIZED,
        "every session ended"
    );
    let old = app
        .client()
        .submit(
            "/login",
            "/login",
            &[("contact", &p.contact), ("password", BUILDER_PASSWORD)],
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    app.login_as_contact(&p.contact, "жаңа-құпиясөз-7").await;
    let u = user(&app, p.id).await;
    assert_eq!(u.level, Level::Contact, "the code proved the contact");
    assert!(u.contact_confirmed_at.is_some());
    let reused = reset(code, "тағы-құпиясөз-9", "тағы-құпиясөз-9").await;
    assert!(reused.has("This code has already been used."));
    // A contact on no account: a code typed for it is as wrong as a wrong code.
    let nobody = c
        .submit(
            "/password/reset/code?lang=en",
            "/password/reset/code",
            &[
                ("contact", "nobody@mail.kz"),
                ("code", "123456"),
                ("password", "жаңа-құпиясөз-7"),
                ("password2", "жаңа-құпиясөз-7"),
            ],
        )
        .await;
    assert!(nobody.has("The code is wrong."));
    assert!(delivered(&app).await.is_empty(), "nothing sent to nobody");
}

#[tokio::test]
async fn code_requests_are_limited_per_contact_and_per_address_alike_for_unknown_contacts() {
    let app = TestApp::with_people_config(web::Config {
        code_limit_contact: 2,
        code_limit_ip: 5,
        code_window_minutes: 60,
        ..web::Config::default()
    })
    .await;
    let tree = demo_tree(&app.db).await;
    let p = resident(&app.db, &tree.villages[0], Level::SelfDeclared).await;
    let c = app.client();
    let ask = |contact: &'static str| {
        let c = &c;
        async move {
            c.submit(
                "/password/reset?lang=en",
                "/password/reset",
                &[("contact", contact)],
            )
            .await
        }
    };
    let known: &'static str = Box::leak(p.contact.clone().into_boxed_str());
    for contact in [known, "nobody@mail.kz"] {
        for _ in 0..2 {
            assert_eq!(ask(contact).await.status, StatusCode::OK);
        }
        let over = ask(contact).await;
        assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS, "{contact}");
        assert!(
            over.has("You can ask for a new code in 60 minutes."),
            "{}",
            over.body
        );
        assert!(
            over.has(&format!("value=\"{contact}\"")),
            "the form keeps it"
        );
    }
    let sent = delivered(&app).await;
    assert_eq!(
        sent.len(),
        2,
        "only the known contact's first two: {sent:?}"
    );
    // The address has used its five: a fresh contact from it waits too.
    let fresh = ask("fresh@mail.kz").await;
    assert_eq!(fresh.status, StatusCode::TOO_MANY_REQUESTS);
    let ru = c
        .submit(
            "/password/reset?lang=ru",
            "/password/reset",
            &[("contact", "fresh@mail.kz")],
        )
        .await;
    assert!(
        ru.has("Новый код можно запросить через 60 минут."),
        "{}",
        ru.body
    );

    // A signed-in resident's "send a new code" and change of contact count too.
    let (rc, _) = register(&app, "limit@mail.kz").await;
    let _ = delivered(&app).await;
    let resend = rc
        .submit(
            "/account/contact/confirm?lang=en",
            "/account/contact/code",
            &[],
        )
        .await;
    assert_eq!(resend.status, StatusCode::TOO_MANY_REQUESTS, "same address");
    assert!(resend.has("You can ask for a new code in"));
    assert!(delivered(&app).await.is_empty());

    app.clock.advance(TimeDelta::minutes(61));
    assert_eq!(ask(known).await.status, StatusCode::OK);
    assert_eq!(code_for(&app, &p.contact, "reset_password").await.len(), 6);
}

#[tokio::test]
async fn a_squatter_dispossessed_at_the_desk_gets_no_reset_code_and_the_desk_contact_is_unconfirmed(
) {
    use domain::accounts::{DocumentKind, DocumentTail, ResidenceProof};
    let app = TestApp::with_people().await;
    let registrar = "registrar@demo.qatysu.kz";
    let centre = crate::centres::centre(&app, "114435000", "Алакөл", &[registrar]).await;
    let tree = demo_tree(&app.db).await;
    let squatter = resident(&app.db, &tree.villages[0], Level::SelfDeclared).await;
    // The squatter confirmed the contact before the real holder came to the desk.
    let sc = app.login(&squatter).await;
    let resend = sc
        .submit("/account/contact/confirm", "/account/contact/code", &[])
        .await;
    assert_eq!(resend.status, StatusCode::SEE_OTHER);
    let code = code_for(&app, &squatter.contact, "confirm_contact").await;
    type_code(&sc, &code).await;
    assert!(user(&app, squatter.id).await.contact_confirmed_at.is_some());

    let contact = domain::Contact::parse(registrar).expect("contact");
    let actor = app::access::actor_by_contact(&app.app, &contact)
        .await
        .expect("read")
        .expect("the registrar");
    let c = app::centres::by_id(&app.app, centre).await.expect("centre");
    let resolved = app::centres::resolve(
        &app.app,
        &actor,
        &c,
        app::centres::Resolve {
            iin: squatter.iin.clone(),
            name: app::accounts::DisplayName::parse_line("Нағыз Иесі").expect("name"),
            contact: Some(domain::Contact::parse("holder@mail.kz").expect("contact")),
            document: (
                DocumentKind::IdCard,
                DocumentTail::parse("123").expect("tail"),
            ),
            residence: ResidenceProof::HouseholdBook,
            consent: true,
        },
    )
    .await
    .expect("resolve");
    assert!(matches!(resolved, app::centres::Resolved::Done { .. }));
    let u = user(&app, squatter.id).await;
    assert_eq!(u.email.as_deref(), Some("holder@mail.kz"));
    assert_eq!(
        u.contact_confirmed_at, None,
        "typed at the desk, not proven"
    );

    // The squatter's contact is on no account now: the same answer, and nothing is sent.
    let asked = app
        .client()
        .submit(
            "/password/reset?lang=en",
            "/password/reset",
            &[("contact", &squatter.contact)],
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK);
    assert!(asked.has("If this contact can be used, a code was sent to it."));
    assert!(delivered(&app).await.is_empty());
}
