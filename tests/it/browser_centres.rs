//! Browser end-to-end test of identity at a participation centre: a resident whose account
//! has only a confirmed contact is refused at the ballot and shown the centre; the registrar
//! finds them by IIN at the desk and verifies them with the presence code they read from their
//! own account page; then the same resident votes. Headless Chromium over WebDriver, in Kazakh.
//!
//! Ignored by a plain `cargo test`; needs Chromium and chromedriver (see `browser.rs`):
//!
//!     cargo test --test it browser_centres -- --ignored --nocapture

use crate::browser::{
    click, fill, login_demo, login_with, logout, text, wait_for, wait_path, within, Failure,
    Session, Shots,
};
use crate::support::pb::{voting, Rules};
use crate::support::TestApp;
use domain::{Iin, Level};
use fantoccini::Client;
use qatysu::cli::demo;
use qatysu::cli::user::{create_account, AccountSpec};
use std::time::Duration;

const FLOW_BUDGET: Duration = Duration::from_secs(120);
const CONTACT: &str = "verify-me@test.qatysu.kz";
const PASSWORD: &str = "тексеріңіз-2026";

/// A valid IIN apart from the demo's and the builders' (born 12 March 1985, serial 6xxx).
fn iin() -> String {
    (6001..6010)
        .flat_map(|serial| (0..10).map(move |k| format!("8503124{serial}{k}")))
        .find(|s| Iin::parse(s).is_ok())
        .unwrap_or_default()
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver: cargo test --test it browser -- --ignored"]
async fn a_registrar_verifies_a_resident_who_then_votes() {
    let mut b = Session::start("browser-centres").await;
    let app = TestApp::with_people().await;
    let centre =
        crate::centres::centre(&app, "114435000", "Алакөл", &["registrar@demo.qatysu.kz"]).await;
    let iin = iin();
    assert!(!iin.is_empty(), "a valid IIN");
    let spec = AccountSpec {
        name: "Тексерілетін Тұрғын",
        contact: CONTACT,
        iin: &iin,
        village: demo::DEMO_VILLAGE,
        password: PASSWORD,
        role: None,
        level: Level::Contact,
    };
    let person = create_account(&app.app, &spec).await.expect("the resident");
    let (cycle, proposals) = voting(&app, &Rules::default(), &["Су құбыры", "Жарық"]).await;
    let base = format!("http://{}", app.addr);
    let (centre, cycle_id, choice) = (
        centre.to_string(),
        cycle.to_string(),
        proposals[0].to_string(),
    );
    let run = flow(
        &b.client,
        &base,
        &centre,
        &cycle_id,
        &choice,
        &iin,
        &mut b.shots,
    );
    let outcome = within(FLOW_BUDGET, run).await;
    b.finish(outcome).await;

    let level = store::accounts::by_id(&app.db, person)
        .await
        .expect("read")
        .expect("the account")
        .level;
    assert_eq!(level, Level::InPerson);
    let counts = store::pb::ballots::counts(&app.db, cycle)
        .await
        .expect("counts");
    assert_eq!(counts.get(&proposals[0]), Some(&1));
}

async fn flow(
    c: &Client,
    base: &str,
    centre: &str,
    cycle: &str,
    choice: &str,
    iin: &str,
    shots: &mut Shots,
) -> Result<(), Failure> {
    // Refused at the ballot, with the way to the centre.
    login_with(c, base, CONTACT, PASSWORD).await?;
    c.goto(&format!("{base}/pb/{cycle}/vote")).await?;
    wait_for(c, "main p.err").await?;
    wait_for(c, &format!("a[href='/centres/{centre}']")).await?;
    shots.save(c, "refused-with-the-centre").await?;
    // The code the account page shows, to read out at the desk.
    c.goto(&format!("{base}/account")).await?;
    let code: String = text(c, ".presence strong")
        .await?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    ensure!(code.len() == 6, "a six-digit presence code, got {code:?}");
    shots.save(c, "presence-code").await?;
    logout(c).await?;

    // The registrar finds the person and verifies them.
    login_demo(c, base, "registrar").await?;
    let desk = format!("/centres/{centre}/desk");
    c.goto(&format!("{base}{desk}")).await?;
    fill(c, "#iin", iin).await?;
    click(c, &format!("form[action='{desk}'] button[type=submit]")).await?;
    wait_for(c, "#presence").await?;
    fill(c, "#presence", &code).await?;
    fill(c, "#tail", "045 512 789").await?;
    click(c, "input[name=consent]").await?;
    shots.save(c, "desk-filled").await?;
    click(
        c,
        &format!("form[action='{desk}/raise'] button[type=submit]"),
    )
    .await?;
    wait_path(c, &desk).await?;
    wait_for(c, "main .notice").await?;
    shots.save(c, "verified").await?;
    logout(c).await?;

    // Now the resident votes and gets a receipt.
    login_with(c, base, CONTACT, PASSWORD).await?;
    c.goto(&format!("{base}/pb/{cycle}/vote")).await?;
    click(c, &format!("input[name=choice][value='{choice}']")).await?;
    click(
        c,
        &format!("form[action='/pb/{cycle}/vote'] button[type=submit]"),
    )
    .await?;
    wait_for(c, "main .code").await?;
    shots.save(c, "receipt").await?;
    logout(c).await
}
