//! Browser end-to-end test of a civic initiative's whole life: a resident submits it, the
//! coordinator publishes it, the resident signs, two coordinators type in a paper sheet that
//! reaches the threshold, the akimat official answers and records it implemented — in headless
//! Chromium over WebDriver, in Kazakh, with plain forms and links only.
//!
//! Ignored by a plain `cargo test`; needs Chromium and chromedriver (see `browser.rs`):
//!
//!     cargo test --test it browser_initiatives -- --ignored --nocapture
//!
//! Screenshots of every step go to `target/browser-initiatives/`.

use crate::browser::{
    click, exists, expect_text, fill, login_demo, logout, wait_for, wait_path, within, Failure,
    Session, Shots,
};
use crate::support::civic::{initiative_rule, territory};
use crate::support::TestApp;
use domain::Iin;
use fantoccini::{Client, Locator};
use qatysu::cli::demo;
use std::time::Duration;
use web::i18n::Lang;

const FLOW_BUDGET: Duration = Duration::from_secs(180);
const OKRUG: &str = "114435000";
const TITLE: &str = "Мектепке дейін жаяу жүргінші жолы";

#[tokio::test]
#[ignore = "needs Chromium and chromedriver: cargo test --test it browser -- --ignored"]
async fn an_initiative_from_submission_to_implemented_in_a_browser() {
    let mut b = Session::start("browser-initiatives").await;
    let app = TestApp::with_people().await;
    // The demo's rule for the okrug: 2% of its people or 30 signatures, the fewer.
    let okrug = territory(&app.db, OKRUG).await;
    initiative_rule(&app.db, &okrug, 30, app.clock.now()).await;
    let base = format!("http://{}", app.addr);
    let outcome = within(FLOW_BUDGET, flow(&b.client, &base, &app, &mut b.shots)).await;
    b.finish(outcome).await;
}

/// Sheet lines for `n` synthetic residents of the demo village (serials 8xxx), signed `today`.
fn paper_lines(n: i64, today: chrono::NaiveDate) -> String {
    let today = today.format("%Y-%m-%d");
    (0..n)
        .filter_map(|i| {
            (0..10).find_map(|d| {
                let s = format!("{:02}0610{}{:04}{d}", 60 + i % 30, 3 + i % 2, 8000 + i);
                Iin::parse(&s).ok().map(|_| s)
            })
        })
        .enumerate()
        .map(|(i, iin)| {
            format!(
                "Қағаз Қолтаңба {i}; {iin}; {}; {today}\n",
                demo::DEMO_VILLAGE
            )
        })
        .collect()
}

async fn flow(c: &Client, base: &str, app: &TestApp, shots: &mut Shots) -> Result<(), Failure> {
    let kk = Lang::Kk;
    c.set_window_size(412, 900).await?;

    // Submit.
    login_demo(c, base, "resident").await?;
    click(c, "header nav a[href='/initiatives']").await?;
    wait_path(c, "/initiatives").await?;
    expect_text(c, "h1", &kk.t("initiatives-list-title")).await?;
    click(c, "main a[href='/initiatives/new']").await?;
    wait_path(c, "/initiatives/new").await?;
    c.find(Locator::Css("#territory"))
        .await?
        .select_by_value(OKRUG)
        .await?;
    c.find(Locator::Css("#addressee"))
        .await?
        .select_by_value("akim")
        .await?;
    fill(c, "#title", TITLE).await?;
    fill(
        c,
        "#ask",
        "Мектепке апаратын жолдың бойына **жаяу жүргінші жолын** салуды сұраймыз.",
    )
    .await?;
    fill(
        c,
        "#reasons",
        "Балалар күн сайын көлік жүретін жолдың шетімен жүреді.",
    )
    .await?;
    shots.save(c, "submit-form").await?;
    click(c, "form[action='/initiatives'] button[type=submit]").await?;
    expect_text(
        c,
        "main .notice[role=status]",
        &kk.t("initiatives-submitted"),
    )
    .await?;
    let url = c.current_url().await?;
    let path = url.path().to_string();
    let id = path.trim_start_matches("/initiatives/").to_string();
    expect_text(c, "main > p > strong", &kk.t("initiatives-status-draft")).await?;
    shots.save(c, "submitted").await?;
    logout(c).await?;

    // Moderate: the okrug's coordinator publishes it.
    login_demo(c, base, "coordinator").await?;
    c.goto(&format!("{base}{path}")).await?;
    click(c, &format!("form[action='{path}/publish'] button")).await?;
    expect_text(
        c,
        "main .notice[role=status]",
        &kk.t("initiatives-published"),
    )
    .await?;
    expect_text(
        c,
        "main > p > strong",
        &kk.t("initiatives-status-collecting"),
    )
    .await?;
    shots.save(c, "published").await?;
    logout(c).await?;

    // Sign online.
    login_demo(c, base, "resident").await?;
    c.goto(&format!("{base}{path}")).await?;
    click(c, &format!("form[action='{path}/sign'] button")).await?;
    expect_text(c, "main .notice[role=status]", &kk.t("initiatives-signed")).await?;
    ensure!(
        exists(c, &format!("form[action='{path}/withdraw']")).await?,
        "no withdraw button after signing"
    );
    shots.save(c, "signed").await?;
    logout(c).await?;

    // A paper sheet, typed in by the coordinator and again by the administrator, reaches the
    // threshold.
    let uuid = uuid::Uuid::parse_str(&id)?;
    let required = store::initiatives::get(&app.db, uuid)
        .await?
        .and_then(|i| i.required)
        .ok_or("no threshold")?;
    let lines = paper_lines(required - 1, app.clock.today());
    for (who, step) in [("coordinator", "paper-first"), ("admin", "paper-second")] {
        login_demo(c, base, who).await?;
        c.goto(&format!("{base}{path}/paper")).await?;
        fill(c, "#sheet", "1").await?;
        fill(c, "#rows", &lines).await?;
        click(c, &format!("form[action='{path}/paper'] button")).await?;
        wait_for(c, "main .notice[role=status]").await?;
        shots.save(c, step).await?;
        logout(c).await?;
    }
    c.goto(&format!("{base}{path}")).await?;
    expect_text(
        c,
        "main > p > strong",
        &kk.t("initiatives-status-must_consider"),
    )
    .await?;
    shots.save(c, "threshold").await?;

    // The akimat official answers, then records it implemented.
    login_demo(c, base, "official").await?;
    c.goto(&format!("{base}{path}")).await?;
    c.find(Locator::Css("#kind"))
        .await?
        .select_by_value("accepted")
        .await?;
    fill(c, "#text", "Жол келесі көктемде салынады, қаражат бөлінді.").await?;
    fill(c, "#plan", "Жаяу жүргінші жолын салу").await?;
    fill(c, "#url", "https://adilet.zan.kz/").await?;
    click(c, &format!("form[action='{path}/answer'] button")).await?;
    expect_text(
        c,
        "main .notice[role=status]",
        &kk.t("initiatives-answered"),
    )
    .await?;
    shots.save(c, "answered").await?;
    c.find(Locator::Css("#step"))
        .await?
        .select_by_value("implemented")
        .await?;
    fill(c, "#note", "Жол салынып, тұрғындармен бірге қабылданды.").await?;
    click(c, &format!("form[action='{path}/follow-up'] button")).await?;
    expect_text(
        c,
        "main .notice[role=status]",
        &kk.t("initiatives-followed-up"),
    )
    .await?;
    expect_text(
        c,
        "main > p > strong",
        &kk.t("initiatives-status-implemented"),
    )
    .await?;
    shots.save(c, "implemented").await?;
    Ok(())
}
