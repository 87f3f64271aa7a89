//! The demo as `qatysu demo` loads it, checked once: the accounts it prints and the main page of
//! every capability showing its content. The only test that seeds the whole demo; every other
//! test builds what it needs with the builders in `support`.

mod use_cases;

use crate::support::{Client, TestApp};
use domain::pb::{ProposalStatus, Stage};
use domain::Role;
use qatysu::cli::demo;
use reqwest::StatusCode;
use store::pb::Cycle;
use uuid::Uuid;

#[tokio::test]
async fn the_demo_lists_its_accounts_and_fills_every_capability() {
    let app = TestApp::spawn().await;
    the_banner_lists_one_account_per_role(&app.banner);
    let public = app.client();
    the_territory_page_shows_an_overdue_initiative(&public).await;
    let (voting, finished) = cycles(&app).await;
    a_cycle_is_voting_with_its_ballot(&app, &voting).await;
    its_proposals_are_discussed(&app, &voting).await;
    the_finished_cycle_has_results_and_projects(&public, &finished).await;
    the_api_lists_both_cycles(&public, &voting, &finished).await;
    an_initiative_collects_signatures(&public).await;
    a_hearing_is_under_public_control(&public).await;
    the_admin_sees_accounts_at_every_level(&app).await;
    the_outbox_has_sent_and_failed_messages(&app).await;
}

/// The demo's messages went through the printing transport: sent ones, and one refused
/// (an address in `.invalid`) that the administrator sees.
async fn the_outbox_has_sent_and_failed_messages(app: &TestApp) {
    use domain::messages::Delivery;
    let sent = store::messages::with_status(&app.db, Delivery::Sent, 500)
        .await
        .expect("sent");
    assert!(sent.iter().any(|m| m.kind == "code"), "a code was printed");
    assert!(sent.iter().any(|m| m.kind == "initiative_notice"));
    let failed = store::messages::with_status(&app.db, Delivery::Failed, 10)
        .await
        .expect("failed");
    assert_eq!(failed.len(), 1);
    let admin = app.login_as(Role::Admin).await;
    let page = admin.get("/admin/messages?lang=en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has("no such domain (.invalid)"), "{}", page.body);
    assert!(page.has("Ерлан Сейітов"));
}

/// The demo's residents are at every verification level, and the administrator's list counts
/// them; an account's page tells how its level came about, with no IIN digit.
async fn the_admin_sees_accounts_at_every_level(app: &TestApp) {
    let admin = app.login_as(Role::Admin).await;
    let account = admin.get("/account?lang=en").await;
    assert!(
        account.has("href=\"/admin/accounts\""),
        "the account page links the list"
    );
    let p = admin.get("/admin/accounts?lang=en").await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    for level in domain::Level::ALL {
        let item = p
            .body
            .split(&format!("id=\"count-{}\"", level.as_str()))
            .nth(1)
            .and_then(|rest| rest.split("</li>").next())
            .unwrap_or_default()
            .to_string();
        let n: i64 = item
            .rsplit(": ")
            .next()
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0);
        assert!(n >= 1, "no demo account at {level:?}: {item}");
    }
    for label in ["Registered; nothing checked yet", "Verified through eGov"] {
        assert!(p.has(label), "{label}");
    }
    let egov = p
        .body
        .split("href=\"/admin/accounts/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string();
    let one = admin.get(&format!("/admin/accounts/{egov}?lang=en")).await;
    assert_eq!(one.status, StatusCode::OK);
    assert!(one.has("No digit of the IIN is kept"));
    let only = admin.get("/admin/accounts?level=egov&lang=en").await;
    assert!(only.has("Дәурен Бекболатов") && !only.has("Ерлан Сейітов"));
    let resident = app.login_as(Role::Resident).await;
    let refused = resident.get("/admin/accounts").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

/// One line per role, with the e-mail and password to log in with, under a heading.
fn the_banner_lists_one_account_per_role(banner: &str) {
    let lines: Vec<&str> = banner.lines().skip(1).collect();
    assert_eq!(lines.len(), Role::ALL.len(), "{banner}");
    for role in Role::ALL {
        let (_, _, _, email, password) = demo::ACCOUNTS
            .iter()
            .find(|a| a.0 == role)
            .expect("a demo account per role");
        let line = lines
            .iter()
            .find(|l| l.split_whitespace().next() == Some(role.as_str()))
            .unwrap_or_else(|| panic!("no {role:?} in the banner: {banner}"));
        assert!(line.contains(email) && line.contains(password), "{line}");
    }
}

async fn the_territory_page_shows_an_overdue_initiative(public: &Client) {
    let okrug = format!("/territories/{}?lang=kk", demo::pb::DEMO_OKRUG);
    let page = public.get(&okrug).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.has("Алакөл") && page.has("Көркем"),
        "the okrug and its villages"
    );
    assert!(page.has("фельдшерлік пункт ашу"), "the overdue initiative");
}

/// The Alakol cycle voting now and the Zhalmankulak cycle with its results.
async fn cycles(app: &TestApp) -> (Cycle, Cycle) {
    let all = store::pb::list(&app.db, None).await.expect("cycles");
    assert_eq!(all.len(), 2, "{all:?}");
    let take = |stage: Stage| {
        all.iter()
            .find(|c| c.stage == stage)
            .cloned()
            .unwrap_or_else(|| panic!("no demo cycle in {stage:?}"))
    };
    (take(Stage::Voting), take(Stage::Results))
}

async fn titles(app: &TestApp, cycle: Uuid) -> Vec<(String, ProposalStatus)> {
    store::pb::proposals::of_cycle(&app.db, cycle)
        .await
        .expect("proposals")
        .into_iter()
        .map(|p| (p.title, p.status))
        .collect()
}

/// The cycle page lists six proposals; the resident's ballot offers the five admitted.
async fn a_cycle_is_voting_with_its_ballot(app: &TestApp, voting: &Cycle) {
    let proposals = titles(app, voting.id).await;
    assert_eq!(proposals.len(), 6);
    let listed = app
        .client()
        .get(&format!("/pb?territory={}&lang=en", demo::pb::DEMO_OKRUG))
        .await;
    assert!(listed.has(&format!("/pb/{}", voting.id)));
    let page = app
        .client()
        .get(&format!("/pb/{}?lang=en", voting.id))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for (title, _) in &proposals {
        assert!(page.has(title), "{title} on the cycle page");
    }
    let resident = app.login_as(Role::Resident).await;
    let ballot = resident
        .get(&format!("/pb/{}/vote?lang=en", voting.id))
        .await;
    assert_eq!(ballot.status, StatusCode::OK);
    for (title, status) in &proposals {
        let admitted = *status == ProposalStatus::Admitted;
        assert_eq!(ballot.has(title), admitted, "{title} on the ballot");
    }
    assert_eq!(ballot.body.matches("name=\"choice\"").count(), 5);
}

/// Comments in Kazakh and Russian, one hidden with its reason, and a village meeting.
async fn its_proposals_are_discussed(app: &TestApp, voting: &Cycle) {
    let pids: Vec<Uuid> = store::pb::proposals::of_cycle(&app.db, voting.id)
        .await
        .expect("proposals")
        .into_iter()
        .map(|p| p.id)
        .collect();
    let cycle = voting.id;
    let public = app.client();
    let water = public
        .get(&format!("/pb/proposals/{}?lang=ru", pids[0]))
        .await;
    assert!(water.has("Құбырды күзге дейін") && water.has("/pb/meetings/"));
    let roof = public
        .get(&format!("/pb/proposals/{}?lang=ru", pids[1]))
        .await;
    assert!(roof.has("Поддерживаю"));
    let bridge = public
        .get(&format!("/pb/proposals/{}?lang=ru", pids[3]))
        .await;
    assert!(bridge.has("скрыто модератором: Жеке деректер") && !bridge.has("+7 701 000"));
    let log = public.get(&format!("/pb/{cycle}/moderation?lang=kk")).await;
    assert!(log.has("Пікір жасырылды"));
    let page = public.get(&format!("/pb/{cycle}?lang=kk")).await;
    assert!(page.has("Тұрғындармен кездесулер") && page.has("64 қатысушы"));
}

/// Last year's cycle: the published count, and a page for each funded project (some with their
/// implementation recorded, one of them late).
async fn the_finished_cycle_has_results_and_projects(public: &Client, finished: &Cycle) {
    let results = public
        .get(&format!("/pb/{}/results?lang=en", finished.id))
        .await;
    assert_eq!(results.status, StatusCode::OK);
    let projects: serde_json::Value = serde_json::from_str(
        &public
            .get(&format!(
                "/api/v1/projects?territory={}",
                demo::pb::FINISHED_OKRUG
            ))
            .await
            .body,
    )
    .expect("projects json");
    let projects = projects.as_array().expect("a list");
    assert!(
        projects.iter().any(|p| p["recorded"] == true),
        "{projects:?}"
    );
    assert!(projects.iter().any(|p| p["late"] == true), "{projects:?}");
    for p in projects {
        let (id, title) = (
            p["id"].as_str().unwrap_or(""),
            p["title"].as_str().unwrap_or(""),
        );
        let page = public.get(&format!("/projects/{id}?lang=en")).await;
        assert_eq!(page.status, StatusCode::OK, "{title}");
        assert!(page.has(title), "{title}");
    }
}

async fn the_api_lists_both_cycles(public: &Client, voting: &Cycle, finished: &Cycle) {
    let list: serde_json::Value =
        serde_json::from_str(&public.get("/api/v1/cycles").await.body).expect("cycles json");
    let list = list.as_array().expect("a list");
    assert_eq!(list.len(), 2);
    for (cycle, stage) in [(voting, "voting"), (finished, "results")] {
        let entry = list
            .iter()
            .find(|c| c["id"] == cycle.id.to_string())
            .unwrap_or_else(|| panic!("cycle {} not listed", cycle.id));
        assert_eq!(entry["stage"], stage);
        assert_eq!(entry["year"], cycle.year);
    }
}

/// The initiative collecting signatures has them counted on its page.
async fn an_initiative_collects_signatures(public: &Client) {
    let list: serde_json::Value = serde_json::from_str(
        &public
            .get("/api/v1/initiatives?status=collecting")
            .await
            .body,
    )
    .expect("initiatives json");
    let collecting = &list[0];
    let (id, title) = (
        collecting["id"].as_str().expect("an initiative collecting"),
        collecting["title"].as_str().unwrap_or(""),
    );
    assert!(collecting["signatures"].as_i64().is_some_and(|n| n > 0));
    let page = public.get(&format!("/initiatives/{id}?lang=kk")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has(title), "{title}");
    assert!(public.get("/initiatives?lang=kk").await.has(title));
}

/// The district's hearing, listed and shown with its protocol.
async fn a_hearing_is_under_public_control(public: &Client) {
    let list = public.get("/control?lang=kk").await;
    assert!(list.has("қоғамдық тыңдау"), "{}", list.body);
    let id = list
        .body
        .split("href=\"/control/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a control event");
    let page = public.get(&format!("/control/{id}?lang=kk")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has("қоғамдық тыңдау") && page.has("Тыңдауға 45 адам қатысты"));
}
