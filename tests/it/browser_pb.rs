//! Browser end-to-end test of a whole People's Participation Budget cycle: the coordinator
//! sets it up, three residents propose (one on a paper form typed in by the coordinator), the
//! expert council admits two and rejects one, twenty residents vote — fourteen online, five
//! on a paper batch typed in twice, one assisted at the participation centre — and the
//! published result equals what the `tally` crate computes from the exported `.pb` file.
//! Headless Chromium over WebDriver, in Kazakh, plain forms and links only.
//!
//! Ignored by a plain `cargo test`; needs Chromium and chromedriver (see `browser.rs`):
//!
//!     cargo test --test it browser_pb -- --ignored --nocapture
//!
//! Screenshots of every step go to `target/browser-pb/`.

use crate::browser::{
    click, expect_text, fill, login_demo, login_with, logout, wait_for, within, Failure, Session,
    Shots,
};
use crate::support::TestApp;
use domain::Iin;
use fantoccini::{Client, Locator};
use qatysu::cli::demo;
use qatysu::cli::user::{create_account, AccountSpec};
use std::time::Duration;
use web::i18n::Lang;

const FLOW_BUDGET: Duration = Duration::from_secs(300);
const OKRUG: &str = "114435000";
const ONLINE: usize = 14;
const PAPER: usize = 5;

#[tokio::test]
#[ignore = "needs Chromium and chromedriver: cargo test --test it browser -- --ignored"]
async fn a_whole_budget_cycle_in_a_browser() {
    let mut b = Session::start("browser-pb").await;
    let app = TestApp::with_people().await;
    let voters = voters(&app).await;
    let base = format!("http://{}", app.addr);
    let run = flow(&b.client, &base, &app, &voters, &mut b.shots);
    let outcome = within(FLOW_BUDGET, run).await;
    b.finish(outcome).await;
}

/// A resident of the demo village: contact, password and IIN.
struct Voter {
    contact: String,
    password: String,
    iin: String,
}

/// A valid adult IIN per `n` (born 1970–1989, serials 7xxx: apart from the demo's).
fn iin(n: usize) -> String {
    (0..10)
        .find_map(|k| {
            let s = format!("{:02}0515{}7{:03}{k}", 70 + n % 20, 3 + n % 2, n);
            Iin::parse(&s).ok().map(|_| s)
        })
        .unwrap_or_default()
}

/// Twenty residents: the first fifteen with accounts (fourteen vote online, the last one at
/// the participation centre), the last five only on paper.
async fn voters(app: &TestApp) -> Vec<Voter> {
    let mut out = Vec::new();
    for n in 0..ONLINE + 1 + PAPER {
        let v = Voter {
            contact: format!("voter{n}@test.qatysu.kz"),
            password: format!("voter-password-{n}"),
            iin: iin(n),
        };
        if n <= ONLINE {
            let spec = AccountSpec {
                name: &format!("Тұрғын {n}"),
                contact: &v.contact,
                iin: &v.iin,
                village: demo::DEMO_VILLAGE,
                password: &v.password,
                role: None,
                level: domain::Level::InPerson,
            };
            create_account(&app.app, &spec)
                .await
                .expect("a voter's account");
        }
        out.push(v);
    }
    out
}

/// Date inputs take typed text in the browser's locale; set their value directly instead.
async fn set_value(c: &Client, id: &str, value: &str) -> Result<(), Failure> {
    c.execute(
        "document.getElementById(arguments[0]).value = arguments[1];",
        vec![id.into(), value.into()],
    )
    .await?;
    Ok(())
}

async fn select(c: &Client, css: &str, value: &str) -> Result<(), Failure> {
    c.find(Locator::Css(css))
        .await?
        .select_by_value(value)
        .await?;
    Ok(())
}

/// The last path segment of the current page (the id of what was just made).
async fn id_in_path(c: &Client) -> Result<String, Failure> {
    let url = c.current_url().await?;
    Ok(url
        .path_segments()
        .and_then(|mut s| s.next_back().map(str::to_string))
        .unwrap_or_default())
}

async fn move_stage(c: &Client, base: &str, cycle: &str, to: &str) -> Result<(), Failure> {
    c.goto(&format!("{base}/pb/{cycle}")).await?;
    click(
        c,
        &format!("form[action='/pb/{cycle}/stage'] input[value='{to}'] + button"),
    )
    .await?;
    // The page before the click has the same path: wait for the notice of the move instead.
    wait_for(c, "main .notice[role=status]").await
}

async fn flow(
    c: &Client,
    base: &str,
    app: &TestApp,
    voters: &[Voter],
    shots: &mut Shots,
) -> Result<(), Failure> {
    let kk = Lang::Kk;
    c.set_window_size(412, 900).await?;
    let today = app.clock.today();
    let day = |n: i64| (today + chrono::Duration::days(n)).to_string();

    // The coordinator sets up a cycle: one vote per person, greedy count.
    login_demo(c, base, "coordinator").await?;
    c.goto(&format!("{base}/territories/{OKRUG}/pb/new"))
        .await?;
    fill(c, "#year", "2036").await?;
    fill(c, "#housing_spending", "120 000 000").await?;
    fill(c, "#share_percent", "10").await?;
    select(c, "#ballot_type", "one_vote").await?;
    select(c, "#rule", "greedy").await?;
    for (field, n) in [
        ("collection_start", -4),
        ("collection_end", -3),
        ("review_end", -2),
        ("discussion_end", -1),
        ("voting_start", 0),
        ("voting_end", 7),
    ] {
        set_value(c, field, &day(n)).await?;
    }
    shots.save(c, "cycle-form").await?;
    click(
        c,
        &format!("form[action='/territories/{OKRUG}/pb'] button[type=submit]"),
    )
    .await?;
    wait_for(c, "main .notice[role=status]").await?;
    let cycle = id_in_path(c).await?;
    let cycle_id = uuid::Uuid::parse_str(&cycle)?;
    shots.save(c, "cycle-created").await?;

    // The expert council: the district's expert, from civil society.
    c.goto(&format!("{base}/pb/{cycle}/council")).await?;
    fill(c, "#contact", "expert@demo.qatysu.kz").await?;
    click(c, "input[name=civil_society]").await?;
    click(c, &format!("form[action='/pb/{cycle}/council'] button")).await?;
    wait_for(c, "main .notice[role=status]").await?;

    // A proposal from a paper form, typed in by the coordinator.
    let paper_title = "Спорт алаңы";
    propose(
        c,
        base,
        &cycle,
        paper_title,
        "4 000 000",
        Some(("Ахметов Бақыт", "Қ-17")),
    )
    .await?;
    shots.save(c, "paper-proposal").await?;
    logout(c).await?;

    // Two residents propose online.
    let mut online = Vec::new();
    for (v, title, cost) in [
        (&voters[0], "Су құбыры", "3 000 000"),
        (&voters[1], "Көше шамдары", "2 500 000"),
    ] {
        login_with(c, base, &v.contact, &v.password).await?;
        online.push(propose(c, base, &cycle, title, cost, None).await?);
        logout(c).await?;
    }
    shots.save(c, "proposed").await?;
    let proposals = store::pb::proposals::of_cycle(&app.db, cycle_id).await?;
    ensure!(proposals.len() == 3, "{} proposals", proposals.len());
    let paper = proposals
        .iter()
        .find(|p| p.title == paper_title)
        .map(|p| p.id.to_string())
        .ok_or("the paper proposal")?;

    // Review: the expert concludes on each, the coordinator records the council's decisions.
    login_demo(c, base, "coordinator").await?;
    move_stage(c, base, &cycle, "review").await?;
    logout(c).await?;
    login_demo(c, base, "expert").await?;
    // The expert takes the seat offered: invited is not yet a member (security review M5).
    c.goto(&format!("{base}/account")).await?;
    click(c, "form[action$='/accept'] button").await?;
    wait_for(c, "main .notice[role=status]").await?;
    for (pid, feasible) in [(&online[0], true), (&online[1], true), (&paper, false)] {
        c.goto(&format!("{base}/pb/proposals/{pid}")).await?;
        if !feasible {
            click(c, "input[name=feasible]").await?;
        }
        fill(c, "#comment", "Сметаны тексердік.").await?;
        click(
            c,
            &format!("form[action='/pb/proposals/{pid}/conclusion'] button"),
        )
        .await?;
        wait_for(c, "main .notice[role=status]").await?;
    }
    logout(c).await?;
    login_demo(c, base, "coordinator").await?;
    for (pid, decision, reason) in [
        (&online[0], "admit", ""),
        (&online[1], "admit", ""),
        (&paper, "reject", "Жер телімі ауыл иелігінде емес."),
    ] {
        c.goto(&format!("{base}/pb/proposals/{pid}")).await?;
        select(c, "#decision", decision).await?;
        fill(c, "#reason", reason).await?;
        click(
            c,
            &format!("form[action='/pb/proposals/{pid}/decision'] button"),
        )
        .await?;
        wait_for(c, "main .notice[role=status]").await?;
    }
    shots.save(c, "decided").await?;
    move_stage(c, base, &cycle, "discussion").await?;
    move_stage(c, base, &cycle, "voting").await?;
    shots.save(c, "voting-open").await?;
    logout(c).await?;

    // Fourteen residents vote online: ten for the water pipe, four for the lights.
    for (n, v) in voters.iter().take(ONLINE).enumerate() {
        let choice = if n < 10 { &online[0] } else { &online[1] };
        login_with(c, base, &v.contact, &v.password).await?;
        c.goto(&format!("{base}/pb/{cycle}/vote")).await?;
        click(c, &format!("input[name=choice][value='{choice}']")).await?;
        click(
            c,
            &format!("form[action='/pb/{cycle}/vote'] button[type=submit]"),
        )
        .await?;
        wait_for(c, "main .code").await?;
        if n == 0 {
            shots.save(c, "receipt").await?;
        }
        logout(c).await?;
    }

    paper_and_assisted(c, base, &cycle, &online, voters, shots).await?;

    // Voting ends: the server's clock passes the end of its last day in Kazakhstan (a week
    // from today), and the coordinator publishes the results.
    app.clock
        .set(domain::time::kz_day_end(today + chrono::Days::new(7)));
    login_demo(c, base, "coordinator").await?;
    move_stage(c, base, &cycle, "results").await?;
    c.goto(&format!("{base}/pb/{cycle}/results")).await?;
    expect_text(c, "h1", &kk.t("pb-results")).await?;
    shots.save(c, "results").await?;
    logout(c).await?;

    // Twenty ballots by channel, and the published result is the tally of the exported file.
    let turnout = store::pb::ballots::turnout(&app.db, cycle_id).await?;
    let by = |ch: domain::pb::Channel| {
        turnout
            .iter()
            .find(|(c, _)| *c == ch)
            .map(|t| t.1)
            .unwrap_or(0)
    };
    ensure!(
        (
            by(domain::pb::Channel::Web),
            by(domain::pb::Channel::Paper),
            by(domain::pb::Channel::Assisted)
        ) == (ONLINE as i64, PAPER as i64, 1),
        "ballots by channel: {turnout:?}"
    );
    let http = app.client();
    let api: serde_json::Value = serde_json::from_str(
        &http
            .get(&format!("/api/v1/cycles/{cycle}/results"))
            .await
            .body,
    )?;
    let selected: Vec<String> = api["selected"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let file = http
        .get(&format!("/api/v1/cycles/{cycle}/ballots.pb"))
        .await;
    let election = tally::pb::read_str(&file.body)?;
    ensure!(
        election.num_voters() == ONLINE + PAPER + 1,
        "{} voters in the file",
        election.num_voters()
    );
    let outcome = tally::count(&election, tally::Rule::Greedy, &tally::Options::default());
    ensure!(
        outcome.selected == selected,
        "published {selected:?}, tally {:?}",
        outcome.selected
    );
    ensure!(
        !selected.contains(&paper),
        "a rejected proposal is never funded"
    );
    Ok(())
}

/// Submit a proposal; with `paper`, the coordinator types in a paper form (author, number).
async fn propose(
    c: &Client,
    base: &str,
    cycle: &str,
    title: &str,
    cost: &str,
    paper: Option<(&str, &str)>,
) -> Result<String, Failure> {
    c.goto(&format!("{base}/pb/{cycle}/proposals/new")).await?;
    if let Some((author, number)) = paper {
        select(c, "#channel", "paper").await?;
        fill(c, "#author_name", author).await?;
        fill(c, "#form_number", number).await?;
    }
    fill(c, "#title", title).await?;
    fill(
        c,
        "#description",
        "Ауыл тұрғындары көптен бері күтіп жүрген жоба: жұмыс көктемде басталуы керек.",
    )
    .await?;
    select(c, "#category", "water_sewerage").await?;
    select(c, "#village", demo::DEMO_VILLAGE).await?;
    fill(c, "#place", "Абай көшесі, мектептің жанында").await?;
    fill(c, "#cost_label_0", "Материалдар мен жұмыс").await?;
    fill(c, "#cost_amount_0", cost).await?;
    click(
        c,
        &format!("form[action='/pb/{cycle}/proposals'] button[type=submit]"),
    )
    .await?;
    wait_for(c, "main .notice[role=status]").await?;
    id_in_path(c).await
}

/// Five paper ballots typed in twice (by the coordinator, then by the administrator), and one
/// resident's choice recorded at the participation centre, confirmed with their password, with
/// a witness who has an account. Project numbers on
/// paper follow the admitted proposals' order: 1 is the water pipe, 2 the street lights.
async fn paper_and_assisted(
    c: &Client,
    base: &str,
    cycle: &str,
    online: &[String],
    voters: &[Voter],
    shots: &mut Shots,
) -> Result<(), Failure> {
    let rows: String = voters[ONLINE + 1..]
        .iter()
        .enumerate()
        .map(|(n, v)| format!("{}; {}; {}\n", n + 1, v.iin, if n == 0 { 1 } else { 2 }))
        .collect();
    for (who, step) in [("coordinator", "paper-first"), ("admin", "paper-second")] {
        login_demo(c, base, who).await?;
        c.goto(&format!("{base}/pb/{cycle}")).await?;
        click(c, &format!("a[href='/pb/{cycle}/paper']")).await?;
        fill(c, "#label", "Алакөл-1").await?;
        select(c, "#village", demo::DEMO_VILLAGE).await?;
        fill(c, "#rows", &rows).await?;
        click(c, &format!("form[action='/pb/{cycle}/paper'] button")).await?;
        wait_for(c, "main .notice[role=status]").await?;
        shots.save(c, step).await?;
        logout(c).await?;
    }

    // Assisted: the coordinator finds the resident by IIN and records the choice.
    login_demo(c, base, "coordinator").await?;
    c.goto(&format!("{base}/pb/{cycle}")).await?;
    click(c, &format!("a[href='/pb/{cycle}/assist']")).await?;
    fill(c, "#iin", &voters[ONLINE].iin).await?;
    click(c, "form:has(input[name=step][value=find]) button").await?;
    wait_for(c, "#witness").await?;
    click(c, &format!("input[name=choice][value='{}']", online[1])).await?;
    // The resident types their own password; the monitor witnesses with theirs.
    click(c, "input[name=confirm][value=password]").await?;
    fill(c, "#password", &voters[ONLINE].password).await?;
    fill(c, "#witness", "monitor@demo.qatysu.kz").await?;
    fill(c, "#witness_secret", "demo-monitor-2026").await?;
    shots.save(c, "assisted-form").await?;
    click(c, "form:has(input[name=step][value=record]) button").await?;
    wait_for(c, "main .card[role=status] .code").await?;
    shots.save(c, "assisted-receipt").await?;
    logout(c).await
}
