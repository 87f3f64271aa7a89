//! Throttling that counts (issue 12, point 3; security review M1 and L8): a login attempt is
//! counted in one atomic statement before its password is checked; limits per account from one
//! address, per address, and a looser one per account from everywhere, past which the account
//! asks for a one-time code (or, without a confirmed contact, a minute between tries) instead
//! of locking its owner out; and the current-password check of signed-in forms. Runs on
//! SQLite, and on PostgreSQL when `QATYSU_TEST_DATABASE_URL` is set.

use crate::accounts_codes::{code_for, delivered};
use crate::support::{demo_tree, resident, Client, Person, TestApp, BUILDER_PASSWORD};
use chrono::TimeDelta;
use domain::Level;
use reqwest::StatusCode;

/// A login from the client address `from` (the server trusts its proxy's hop).
async fn login_from(c: &Client, from: &str, contact: &str, password: &str) -> StatusCode {
    c.submit_from(
        from,
        "/login",
        "/login",
        &[("contact", contact), ("password", password)],
    )
    .await
    .status
}

fn behind_proxy() -> web::Config {
    web::Config {
        trust_proxy: true,
        ..web::Config::default()
    }
}

/// A builder-made resident whose contact is confirmed (a sign-in code can be sent to it).
async fn confirmed(app: &TestApp) -> Person {
    let tree = demo_tree(&app.db).await;
    let p = resident(&app.db, &tree.villages[0], Level::Contact).await;
    let c = store::accounts::contact::Confirmation {
        user: p.id,
        new_contact: None,
        password_hash: None,
        levels: Vec::new(),
        at: app.clock.now(),
    };
    store::accounts::contact::confirm(&app.db, &c)
        .await
        .expect("confirm the contact");
    p
}

/// Security review M1: 25 wrong passwords sent at once for one account are counted before
/// any is checked, so at most the limit (5) are evaluated (401); the rest are refused without
/// running argon2 (429). Before, all 25 were checked and answered 401.
#[tokio::test]
async fn parallel_wrong_passwords_are_counted_before_any_is_checked() {
    let app = TestApp::with_people().await;
    let c = app.client();
    let token = c.get("/login").await.csrf();
    let fields = [
        ("csrf", token.as_str()),
        ("contact", "official@demo.qatysu.kz"),
        ("password", "guess-guess"),
    ];
    let tries = (0..25).map(|_| c.post("/login", &fields));
    let statuses: Vec<StatusCode> = futures_util::future::join_all(tries)
        .await
        .into_iter()
        .map(|p| p.status)
        .collect();
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((checked, refused), (5, 20), "{statuses:?}");
}

/// Security review M1: a stranger's wrong passwords from one address spend that address's
/// budget for the account, not the owner's: the owner logs in from their own address.
/// Before, the account's one limit locked the owner out (429 with the right password).
#[tokio::test]
async fn a_stranger_elsewhere_does_not_lock_the_owner_out() {
    let app = TestApp::with_people_config(behind_proxy()).await;
    let owner = "official@demo.qatysu.kz";
    let stranger = app.client();
    for _ in 0..8 {
        login_from(&stranger, "203.0.113.9", owner, "guess-guess").await;
    }
    assert_eq!(
        login_from(&stranger, "203.0.113.9", owner, "guess-again").await,
        StatusCode::TOO_MANY_REQUESTS,
        "the stranger's address is stopped"
    );
    let at_home = app.client();
    assert_eq!(
        login_from(&at_home, "198.51.100.20", owner, "demo-official-2026").await,
        StatusCode::SEE_OTHER,
        "the owner, from their own address, gets in"
    );
    // The owner's success does not reset the stranger's count.
    assert_eq!(
        login_from(&stranger, "203.0.113.9", owner, "demo-official-2026").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// Security review M1 (decisions §9): past the looser per-account limit (failures from many
/// addresses), the account is not locked: the password is taken with a one-time code sent to
/// the confirmed contact. The owner gets in from their own address; a stranger without the
/// code gets nowhere, and the form keeps the contact typed.
#[tokio::test]
async fn past_the_account_limit_the_owner_signs_in_with_a_code() {
    let app = TestApp::with_people_config(behind_proxy()).await;
    let p = confirmed(&app).await;
    let stranger = app.client();
    // Five addresses × five wrong passwords: 25 failures, past the account's 20.
    for n in 1..=5 {
        for _ in 0..5 {
            login_from(
                &stranger,
                &format!("203.0.113.{n}"),
                &p.contact,
                "guess-guess",
            )
            .await;
        }
    }
    let owner = app.client();
    let home = "198.51.100.20";
    let asked = owner
        .submit_from(
            home,
            "/login?lang=en",
            "/login",
            &[("contact", &p.contact), ("password", BUILDER_PASSWORD)],
        )
        .await;
    assert_eq!(asked.status, StatusCode::UNAUTHORIZED, "{}", asked.body);
    assert!(asked.has("sign in with your password and a one-time code"));
    assert!(asked.has(&format!("value=\"{}\"", p.contact)), "kept");
    assert!(asked.has("action=\"/login/code\""));
    assert!(
        !asked.has(BUILDER_PASSWORD),
        "the password is never sent back"
    );

    let sent = owner
        .submit_from(
            home,
            "/login?lang=ru",
            "/login/code",
            &[("contact", &p.contact)],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK);
    assert!(sent.has("Одноразовый код"), "{}", sent.body);
    let code = code_for(&app, &p.contact, "sign_in").await;

    // A stranger who guesses the password still needs the code.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let guessed = stranger
        .submit_from(
            "203.0.113.77",
            "/login?lang=kk",
            "/login",
            &[
                ("contact", &p.contact),
                ("password", BUILDER_PASSWORD),
                ("code", wrong),
            ],
        )
        .await;
    assert_eq!(guessed.status, StatusCode::UNAUTHORIZED);
    assert!(guessed.has("Код қате"), "{}", guessed.body);

    let with_code = owner
        .submit_from(
            home,
            "/login",
            "/login",
            &[
                ("contact", &p.contact),
                ("password", BUILDER_PASSWORD),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(
        with_code.status,
        StatusCode::SEE_OTHER,
        "{}",
        with_code.body
    );
    assert_eq!(with_code.location(), "/account");

    // A contact on no account past its limit answers alike, and nothing is sent.
    for n in 1..=5 {
        for _ in 0..5 {
            login_from(&stranger, &format!("203.0.113.{n}"), "nobody@mail.kz", "x").await;
        }
    }
    let nobody = stranger
        .submit_from(
            "203.0.113.99",
            "/login?lang=en",
            "/login",
            &[("contact", "nobody@mail.kz"), ("password", "x")],
        )
        .await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
    assert!(nobody.has("sign in with your password and a one-time code"));
    stranger
        .submit_from(
            "203.0.113.99",
            "/login",
            "/login/code",
            &[("contact", "nobody@mail.kz")],
        )
        .await;
    assert!(delivered(&app).await.is_empty(), "nothing sent to nobody");
}

/// Security review M1: an account without a confirmed contact is slowed, not shut, past its
/// limit: one try a minute from each address, so the owner still gets in from theirs.
#[tokio::test]
async fn past_the_account_limit_without_a_contact_tries_wait_a_minute() {
    let app = TestApp::with_people_config(behind_proxy()).await;
    let tree = demo_tree(&app.db).await;
    let p = resident(&app.db, &tree.villages[0], Level::SelfDeclared).await;
    let stranger = app.client();
    for n in 1..=5 {
        for _ in 0..5 {
            login_from(
                &stranger,
                &format!("203.0.113.{n}"),
                &p.contact,
                "guess-guess",
            )
            .await;
        }
    }
    let far = "203.0.113.50";
    assert_eq!(
        login_from(&stranger, far, &p.contact, "guess-guess").await,
        StatusCode::UNAUTHORIZED,
        "one try from a new address"
    );
    let again = stranger
        .submit_from(
            far,
            "/login?lang=en",
            "/login",
            &[("contact", &p.contact), ("password", "guess-again")],
        )
        .await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(again.has("Try again in 1 minute."), "{}", again.body);
    assert_eq!(
        login_from(&app.client(), "198.51.100.20", &p.contact, BUILDER_PASSWORD).await,
        StatusCode::SEE_OTHER,
        "the owner gets in from their own address"
    );
    app.clock.advance(TimeDelta::seconds(61));
    assert_eq!(
        login_from(&stranger, far, &p.contact, "guess-3").await,
        StatusCode::UNAUTHORIZED,
        "a minute later, one more try"
    );
}

/// Security review M1: one person's mistakes spend at most their own budget (5) of a shared
/// address's (a participation centre behind one NAT address), and successes spend none: the
/// next people at the centre still log in.
#[tokio::test]
async fn one_persons_mistakes_do_not_shut_a_shared_address() {
    let app = TestApp::with_people_config(web::Config {
        login_limit_ip: 8,
        ..behind_proxy()
    })
    .await;
    let tree = demo_tree(&app.db).await;
    let centre = "192.0.2.1";
    let careless = resident(&app.db, &tree.villages[0], Level::Contact).await;
    for _ in 0..12 {
        login_from(&app.client(), centre, &careless.contact, "forgot-it").await;
    }
    for _ in 0..10 {
        let next = resident(&app.db, &tree.villages[0], Level::Contact).await;
        assert_eq!(
            login_from(&app.client(), centre, &next.contact, BUILDER_PASSWORD).await,
            StatusCode::SEE_OTHER
        );
    }
}

/// Security review L8 ("password oracle"): the current password asked by the password change
/// (and by the contact change and the move) is counted per account before it is checked:
/// after five wrong ones even the right one is refused for a while, and nothing changes.
/// Before, a stolen session could try passwords without end.
#[tokio::test]
async fn the_current_password_check_is_throttled() {
    let app = TestApp::with_people().await;
    let tree = demo_tree(&app.db).await;
    let p = resident(&app.db, &tree.villages[0], Level::Contact).await;
    let c = app.login(&p).await;
    let change = |current: &'static str| {
        let c = &c;
        async move {
            c.submit(
                "/account?lang=en",
                "/account/password",
                &[("current", current), ("new", "жаңа-құпиясөз-2027")],
            )
            .await
        }
    };
    for n in 0..5 {
        assert_eq!(
            change("not-my-password").await.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "wrong try {n}"
        );
    }
    let right = change(BUILDER_PASSWORD).await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(right.has("Too many attempts. Try again in 15 minutes."));
    let moved = c
        .submit(
            "/account/residence",
            "/account/residence",
            &[
                ("village", tree.villages[1].kato.as_str()),
                ("password", BUILDER_PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        moved.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the same count"
    );
    // The password did not change.
    app.login_as_contact(&p.contact, BUILDER_PASSWORD).await;
    app.clock.advance(TimeDelta::minutes(16));
    assert_eq!(
        change(BUILDER_PASSWORD).await.status,
        StatusCode::SEE_OTHER,
        "after the window the right password works"
    );
}
