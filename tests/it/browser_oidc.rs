//! Browser end-to-end tests of eGov sign-in against a real OpenID Connect provider
//! (`oidc-provider` under Node, see `support::oidc`), in headless Chromium: a new person signs
//! in, completes registration and votes in a cycle that requires `in_person`; an unverified
//! account under the same IIN is taken over (its old password stops working); a signed-in
//! account with another IIN is refused with nothing changed.
//!
//!     cargo test --test it browser_oidc -- --ignored --nocapture

use crate::browser::{click, exists, fill, login_with, logout, wait_for, wait_path, within};
use crate::browser::{Failure, Session, Shots};
use crate::support::oidc::{Account, TestProvider};
use crate::support::pb::{voting, Rules};
use crate::support::TestApp;
use domain::{Iin, Level};
use fantoccini::Client;
use qatysu::cli::demo;
use qatysu::cli::user::{create_account, AccountSpec};
use std::time::{Duration, Instant};

const FLOW_BUDGET: Duration = Duration::from_secs(120);
const PASSWORD: &str = "eGov-сынақ-2026";

/// A valid IIN apart from the demo's, the builders' and the centres test's (serial 7xxx).
fn iin(day: u32) -> String {
    (7001..7010)
        .flat_map(|serial| (0..10).map(move |k| format!("9004{day:02}3{serial}{k}")))
        .find(|s| Iin::parse(s).is_ok())
        .unwrap_or_default()
}

/// The app on a port known beforehand (the provider's redirect URI names it) and the provider.
async fn app_and_provider(accounts: &[Account<'_>]) -> (TestApp, TestProvider) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let provider = TestProvider::start(&format!("{base}/login/oidc/callback"), accounts).await;
    let config = web::Config {
        oidc: Some(provider.settings(&base)),
        egov_sign_in: true,
        ..web::Config::default()
    };
    (TestApp::with_people_on(listener, config).await, provider)
}

/// From Qatysu's login page through the provider's login (and consent) back to Qatysu.
async fn through_provider(
    c: &Client,
    base: &str,
    start: &str,
    login: &str,
    shots: &mut Shots,
) -> Result<(), Failure> {
    c.goto(&format!("{base}{start}")).await?;
    if start == "/login" {
        click(c, "#egov-sign-in").await?;
    }
    wait_for(c, "input[name=login]").await?;
    fill(c, "input[name=login]", login).await?;
    fill(c, "input[name=password]", "any password").await?;
    shots.save(c, "provider-login").await?;
    click(c, "button[type=submit]").await?;
    // The provider may ask for consent; then it sends the browser back.
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut asked_consent = false;
    loop {
        let url = c.current_url().await?;
        if url.as_str().starts_with(base) {
            return Ok(());
        }
        let consent = "form input[name=prompt][value=consent]";
        if exists(c, consent).await? && !asked_consent {
            asked_consent = true;
            shots.save(c, "provider-consent").await?;
            click(c, "form button[type=submit]").await?;
        }
        ensure!(
            Instant::now() < deadline,
            "the provider did not send the browser back: at {url}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The completing form: the name as the provider gave it, the demo village, consent.
async fn complete_registration(c: &Client, shots: &mut Shots) -> Result<(), Failure> {
    wait_path(c, "/login/oidc/complete").await?;
    click(
        c,
        &format!("#village option[value='{}']", demo::DEMO_VILLAGE),
    )
    .await?;
    click(c, "#consent").await?;
    shots.save(c, "complete").await?;
    click(c, "form[action='/login/oidc/complete'] button[type=submit]").await?;
    wait_path(c, "/account").await?;
    wait_for(c, "main .notice").await
}

#[tokio::test]
#[ignore = "needs Chromium, chromedriver and Node: cargo test --test it browser -- --ignored"]
async fn browser_oidc_a_new_person_registers_through_egov_and_votes() {
    let mut b = Session::start("browser-oidc-new").await;
    let iin = iin(11);
    let (app, _provider) = app_and_provider(&[Account {
        login: "newcomer",
        iin: &iin,
        name: "Жаңа Тұрғын",
    }])
    .await;
    let (cycle, proposals) = voting(&app, &Rules::default(), &["Су құбыры", "Жарық"]).await;
    let base = format!("http://{}", app.addr);
    let (cycle_id, choice) = (cycle.to_string(), proposals[0].to_string());
    let run = async {
        let c = &b.client;
        through_provider(c, &base, "/login", "newcomer", &mut b.shots).await?;
        wait_path(c, "/login/oidc/complete").await?;
        let name = c
            .find(fantoccini::Locator::Css("#name"))
            .await?
            .prop("value")
            .await?;
        ensure!(
            name.as_deref() == Some("Жаңа Тұрғын"),
            "the name is prefilled from the provider: {name:?}"
        );
        complete_registration(c, &mut b.shots).await?;
        c.goto(&format!("{base}/pb/{cycle_id}/vote")).await?;
        click(c, &format!("input[name=choice][value='{choice}']")).await?;
        click(
            c,
            &format!("form[action='/pb/{cycle_id}/vote'] button[type=submit]"),
        )
        .await?;
        wait_for(c, "main .code").await?;
        b.shots.save(c, "receipt").await?;
        logout(c).await
    };
    let outcome = within(FLOW_BUDGET, run).await;
    b.finish(outcome).await;

    let hash = crate::support::fingerprint(&Iin::parse(&iin).expect("IIN"));
    let u = store::accounts::by_person_hash(&app.db, &hash)
        .await
        .expect("read")
        .expect("the new account");
    assert_eq!(u.level, Level::Egov);
    assert_eq!((u.phone, u.email), (None, None));
    let counts = store::pb::ballots::counts(&app.db, cycle)
        .await
        .expect("counts");
    assert_eq!(counts.get(&proposals[0]), Some(&1));
}

#[tokio::test]
#[ignore = "needs Chromium, chromedriver and Node: cargo test --test it browser -- --ignored"]
async fn browser_oidc_an_unverified_account_of_the_same_iin_is_taken_over() {
    let mut b = Session::start("browser-oidc-takeover").await;
    let iin = iin(12);
    let (app, _provider) = app_and_provider(&[Account {
        login: "holder",
        iin: &iin,
        name: "Нағыз Иесі",
    }])
    .await;
    let contact = "squatter@test.qatysu.kz";
    let spec = AccountSpec {
        name: "Басқа Біреу",
        contact,
        iin: &iin,
        village: demo::DEMO_VILLAGE,
        password: PASSWORD,
        role: None,
        level: Level::SelfDeclared,
    };
    let squatted = create_account(&app.app, &spec).await.expect("the account");
    let base = format!("http://{}", app.addr);
    let run = async {
        let c = &b.client;
        // The squatter's password works before.
        login_with(c, &base, contact, PASSWORD).await?;
        logout(c).await?;
        through_provider(c, &base, "/login", "holder", &mut b.shots).await?;
        wait_path(c, "/login/oidc/complete").await?;
        // The form warns that the account will be taken over.
        ensure!(
            exists(c, "main p.err").await?,
            "the takeover is announced on the form"
        );
        complete_registration(c, &mut b.shots).await?;
        logout(c).await?;
        // The old password no longer signs in.
        c.goto(&format!("{base}/login")).await?;
        fill(c, "#contact", contact).await?;
        fill(c, "#password", PASSWORD).await?;
        click(c, "form[action='/login'] button[type=submit]").await?;
        wait_for(c, "main p.err").await?;
        b.shots.save(c, "old-password-refused").await?;
        Ok(())
    };
    let outcome = within(FLOW_BUDGET, run).await;
    b.finish(outcome).await;

    let u = store::accounts::by_id(&app.db, squatted)
        .await
        .expect("read")
        .expect("the account");
    assert_eq!(
        (u.level, u.display_name.as_str()),
        (Level::Egov, "Нағыз Иесі")
    );
    assert_eq!((u.phone, u.email), (None, None));
    let log = app::accounts::egov::takeovers(&app.app, squatted)
        .await
        .expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].previous_contact.as_deref(), Some(contact));
}

#[tokio::test]
#[ignore = "needs Chromium, chromedriver and Node: cargo test --test it browser -- --ignored"]
async fn browser_oidc_a_signed_in_account_with_another_iin_is_refused() {
    let mut b = Session::start("browser-oidc-mismatch").await;
    let (mine, theirs) = (iin(13), iin(14));
    let (app, _provider) = app_and_provider(&[Account {
        login: "stranger",
        iin: &theirs,
        name: "Бөтен Адам",
    }])
    .await;
    let contact = "signed-in@test.qatysu.kz";
    let spec = AccountSpec {
        name: "Кірген Тұрғын",
        contact,
        iin: &mine,
        village: demo::DEMO_VILLAGE,
        password: PASSWORD,
        role: None,
        level: Level::Contact,
    };
    let me = create_account(&app.app, &spec).await.expect("the account");
    let before = store::accounts::count(&app.db).await.expect("count");
    let base = format!("http://{}", app.addr);
    let run = async {
        let c = &b.client;
        login_with(c, &base, contact, PASSWORD).await?;
        through_provider(c, &base, "/login/oidc", "stranger", &mut b.shots).await?;
        wait_path(c, "/login/oidc/callback").await?;
        wait_for(c, "main p.err").await?;
        b.shots.save(c, "refused").await?;
        // Still signed in to the same account, unchanged.
        c.goto(&format!("{base}/account")).await?;
        wait_for(c, "form[action='/logout']").await?;
        logout(c).await
    };
    let outcome = within(FLOW_BUDGET, run).await;
    b.finish(outcome).await;

    let u = store::accounts::by_id(&app.db, me)
        .await
        .expect("read")
        .expect("the account");
    assert_eq!(u.level, Level::Contact);
    assert_eq!(
        store::accounts::count(&app.db).await.expect("count"),
        before
    );
    let hash = crate::support::fingerprint(&Iin::parse(&theirs).expect("IIN"));
    assert!(store::accounts::by_person_hash(&app.db, &hash)
        .await
        .expect("read")
        .is_none());
}
