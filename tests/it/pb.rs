//! People's Participation Budget cycles: storage, set-up through the form, the public page,
//! stage changes, authorization and the API.

use crate::support::pb::{close_voting, collecting, open_voting, publish_results, voting, Rules};
use crate::support::{accept_invitation, TestApp};
use domain::pb::{BallotType, Stage, StageFacts};
use domain::{authorize, Action, Grant, Kato, Role};
use qatysu::cli::demo;
use reqwest::StatusCode;

/// A valid set-up form for the Burevestnik okrug (where no demo account lives).
pub(crate) fn form<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f: Vec<(&str, &str)> = vec![
        ("year", "2031"),
        ("housing_spending", "120 000 000"),
        ("share_percent", "10"),
        ("cof_source_0", "sponsor"),
        ("cof_amount_0", "2 000 000"),
        ("cof_turnout_0", ""),
        ("cof_source_1", "oblast"),
        ("cof_amount_1", "3 000 000"),
        ("cof_turnout_1", "25"),
        ("cof_source_2", ""),
        ("cof_amount_2", ""),
        ("cof_turnout_2", ""),
        ("ballot_type", "up_to"),
        ("ballot_k", "3"),
        ("rule", "mes"),
        ("min_age", "16"),
        ("min_level", "contact"),
        ("max_proposals", "2"),
        ("votes_visible", "on"),
        ("collection_start", "2031-01-20"),
        ("collection_end", "2031-03-01"),
        ("review_end", "2031-03-20"),
        ("discussion_end", "2031-04-01"),
        ("voting_start", "2031-04-02"),
        ("voting_end", "2031-04-15"),
    ];
    for (k, v) in overrides {
        if let Some(slot) = f.iter_mut().find(|(fk, _)| fk == k) {
            slot.1 = v;
        }
    }
    f
}

const OKRUG: &str = "114441000";

#[tokio::test]
async fn a_coordinator_sets_up_a_cycle_and_the_public_sees_its_money_and_timeline() {
    let app = TestApp::with_people().await;
    // The demo coordinator works in Alakol; give them Burevestnik too, as an admin would.
    let admin = app.login_as(Role::Admin).await;
    let granted = admin
        .submit(
            &format!("/territories/{OKRUG}/roles"),
            &format!("/territories/{OKRUG}/roles"),
            &[
                ("contact", "coordinator@demo.qatysu.kz"),
                ("role", "coordinator"),
            ],
        )
        .await;
    assert_eq!(granted.status, StatusCode::SEE_OTHER);
    let c = app.login_as(Role::Coordinator).await;
    let territory = c.get(&format!("/territories/{OKRUG}?lang=en")).await;
    assert!(
        territory.has(&format!("/territories/{OKRUG}/pb/new")),
        "the territory page links to the set-up"
    );

    let res = c
        .submit(
            &format!("/territories/{OKRUG}/pb/new"),
            &format!("/territories/{OKRUG}/pb"),
            &form(&[]),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let location = res.location().to_string();
    assert!(location.starts_with("/pb/") && location.ends_with("?ok=pb-created"));

    let page = c.get(&location.replace("?ok=pb-created", "?lang=ru")).await;
    assert!(page.has("Бюджет участия 2031: Буревестникский с.о."));
    assert!(page.has("Сбор предложений"));
    assert!(
        page.has("12\u{a0}000\u{a0}000\u{a0}₸"),
        "10% of 120 million, grouped as Russian writes it"
    );
    assert!(page.has("если явка достигнет 25%"));
    assert!(
        page.has("14\u{a0}000\u{a0}000\u{a0}₸"),
        "total without the conditional line"
    );
    assert!(
        page.has("17\u{a0}000\u{a0}000\u{a0}₸"),
        "total if turnout reaches 25%"
    );
    assert!(page.has("1\u{a0}500 МРП"), "rural okrug cap in MRP");
    assert!(page.has("До 3 проектов") && page.has("Метод равных долей"));
    assert!(page.has("Голосовать могут жители с 16 лет."));
    assert!(page.has("20 января 2031 г."), "planned dates in Russian");

    // The okrug's list and the API show it.
    let list = c.get(&format!("/pb?territory={OKRUG}")).await;
    assert!(list.has("Буревестникский с.о.") && list.has("2031"));
    let api: serde_json::Value =
        serde_json::from_str(&c.get("/api/v1/cycles").await.body).expect("json");
    let mine = api
        .as_array()
        .and_then(|a| a.iter().find(|x| x["territory"] == OKRUG))
        .cloned()
        .unwrap_or_default();
    assert_eq!(mine["year"], 2031);
    assert_eq!(mine["rule"], "mes");
    assert_eq!(mine["ballot_type"], "up_to");
    assert_eq!(mine["ballot_k"], 3);
    let id = mine["id"].as_str().unwrap_or_default().to_string();
    let detail: serde_json::Value =
        serde_json::from_str(&c.get(&format!("/api/v1/cycles/{id}")).await.body).expect("json");
    assert_eq!(detail["envelope"]["base"], 12_000_000.0);
    assert_eq!(detail["envelope"]["total"], 14_000_000.0);
    assert_eq!(detail["envelope"]["total_if_all_conditions"], 17_000_000.0);
    assert_eq!(
        detail["envelope"]["cofinancing"][1]["min_turnout_percent"],
        25.0
    );
    assert_eq!(detail["cap_mrp"], 1500);
    assert_eq!(detail["schedule"]["voting_end"], "2031-04-15");

    // One cycle per territory and year.
    let again = c
        .submit(
            &format!("/territories/{OKRUG}/pb/new?lang=en"),
            &format!("/territories/{OKRUG}/pb"),
            &form(&[]),
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.has("already has a cycle for that year"));
}

#[tokio::test]
async fn bad_set_ups_are_explained_and_keep_what_was_typed() {
    let app = TestApp::with_people().await;
    let c = app.login_as(Role::Coordinator).await;
    let okrug = demo::pb::DEMO_OKRUG;
    let before = store::pb::list(&app.db, None).await.expect("list").len();
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (
            form(&[("share_percent", "7,5"), ("year", "2032")]),
            "at least 10% of annual housing and utilities spending",
            "value=\"7,5\"",
        ),
        (
            form(&[("housing_spending", "много денег"), ("year", "2032")]),
            "whole tenge",
            "много денег",
        ),
        (
            form(&[("voting_start", "2031-03-25"), ("year", "2032")]),
            "Voting must start after discussion ends",
            "2031-03-25",
        ),
        (
            form(&[("cof_amount_0", "abc"), ("year", "2032")]),
            "Choose a source and enter an amount",
            "value=\"abc\"",
        ),
        (
            form(&[("ballot_k", "0"), ("year", "2032")]),
            "the number must be from 1 to 50",
            "value=\"0\"",
        ),
        (
            form(&[
                ("collection_start", "1999-01-01"),
                ("collection_end", "1999-02-01"),
                ("review_end", "1999-03-01"),
                ("discussion_end", "1999-03-02"),
                ("voting_start", "1999-03-03"),
                ("voting_end", "1999-03-04"),
                ("year", "2032"),
            ]),
            "no MRP value for this date",
            "1999-01-01",
        ),
    ];
    for (fields, message, kept) in cases {
        let p = c
            .submit(
                &format!("/territories/{okrug}/pb/new?lang=en"),
                &format!("/territories/{okrug}/pb"),
                &fields,
            )
            .await;
        assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert!(p.has(message), "{message}");
        assert!(p.has(kept), "kept {kept}");
    }
    let kk = c
        .submit(
            &format!("/territories/{okrug}/pb/new?lang=kk"),
            &format!("/territories/{okrug}/pb"),
            &form(&[("share_percent", "5")]),
        )
        .await;
    assert!(kk.has("кемінде 10%-ы болуы керек"));
    // The minimum cites documents a resident can look up, and no internal label (language
    // review §1, §3).
    assert!(
        kk.has("2025 жылғы 15 наурыздағы Бюджет кодексі")
            && kk.has("2025 жылғы 29 сәуірдегі № 208 бұйрығы, 75-тармақ"),
        "{}",
        kk.body
    );
    assert!(!kk.has("Qatysu 2025") && !kk.has("000 зерттеу"));
    assert_eq!(
        store::pb::list(&app.db, None).await.expect("list").len(),
        before,
        "nothing was written"
    );
}

#[tokio::test]
async fn a_stage_change_is_refused_with_the_reason() {
    let app = TestApp::with_people().await;
    let c = app.login_as(Role::Coordinator).await;
    let id = demo_cycle(&app).await;
    let page = c.get(&format!("/pb/{id}?lang=en")).await;
    assert!(page.has("Move to: Expert review"));
    let token = page.csrf();
    let refused = c
        .post(
            &format!("/pb/{id}/stage"),
            &[("csrf", &token), ("to", "review")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.has("No proposals have been submitted yet"));
    let skip = c
        .post(
            &format!("/pb/{id}/stage"),
            &[("csrf", &token), ("to", "voting")],
        )
        .await;
    assert!(skip.has("cannot go to that stage"));
    assert_eq!(
        store::pb::get(&app.db, id)
            .await
            .expect("q")
            .map(|c| c.stage),
        Some(Stage::Collection)
    );
    // Residents see the page but no controls.
    let resident = app.login_as(Role::Resident).await;
    let public = resident.get(&format!("/pb/{id}?lang=en")).await;
    assert!(public.has("Proposal collection") && !public.has("Move to:"));
    let res = resident
        .post(
            &format!("/pb/{id}/stage"),
            &[("csrf", &public.csrf()), ("to", "review")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn stage_changes_are_recorded_once_even_when_two_arrive_together() {
    let app = TestApp::with_people().await;
    let id = demo_cycle(&app).await;
    let a = store::pb::move_stage(
        &app.db,
        id,
        Stage::Collection,
        Stage::Review,
        None,
        None,
        app.clock.now(),
    );
    let b = store::pb::move_stage(
        &app.db,
        id,
        Stage::Collection,
        Stage::Review,
        None,
        None,
        app.clock.now(),
    );
    let (a, b) = tokio::join!(a, b);
    assert_eq!(
        [a.expect("a"), b.expect("b")]
            .iter()
            .filter(|x| **x)
            .count(),
        1
    );
    let history = store::pb::history(&app.db, id).await.expect("history");
    assert_eq!(
        history.iter().map(|e| e.to).collect::<Vec<_>>(),
        [Stage::Collection, Stage::Review]
    );
    let facts = StageFacts {
        today: app.clock.today(),
        proposals_submitted: 0,
        proposals_admitted: 0,
        proposals_undecided: 0,
        revision_enabled: true,
        voting_starts: None,
        voting_ends: None,
        results_published: false,
    };
    assert!(Stage::Review.can_move_to(Stage::Revision, &facts).is_ok());
    let mrp = store::pb::mrp_table(&app.db).await.expect("mrp");
    assert_eq!(mrp.len(), 8);
    assert_eq!(
        mrp.last().map(|m| m.value),
        Some(domain::money::Tenge::from_tenge(4325))
    );
}

/// ManageCycle for every role, inside and outside its territory, over HTTP.
#[tokio::test]
async fn manage_cycle_matrix_over_http() {
    let app = TestApp::with_people().await;
    let targets = [
        ("114435000", ["110000000", "114400000", "114435000"]),
        ("114441000", ["110000000", "114400000", "114441000"]),
    ];
    let years: Vec<String> = (0..Role::ALL.len())
        .map(|i| (2040 + i).to_string())
        .collect();
    for (role, year) in Role::ALL.into_iter().zip(&years) {
        let c = app.login_as(role).await;
        let scope = demo::ACCOUNTS
            .iter()
            .find(|a| a.0 == role)
            .and_then(|a| a.1);
        let mut grants = vec![Grant {
            role: Role::Resident,
            territory: Kato::parse(demo::DEMO_VILLAGE).ok(),
        }];
        if role != Role::Resident {
            grants.push(Grant {
                role,
                territory: scope.and_then(|k| Kato::parse(k).ok()),
            });
        }
        for (kato, path) in &targets {
            let path: Vec<Kato> = path.iter().filter_map(|k| Kato::parse(k).ok()).collect();
            let may = authorize(&grants, Action::ManageCycle, &path);
            let page = c.get(&format!("/territories/{kato}/pb/new")).await;
            assert_eq!(
                page.status == StatusCode::OK,
                may,
                "{role:?} opens the set-up form of {kato}"
            );
            let token = c.get("/pb").await.csrf_or_empty();
            let token = if token.is_empty() {
                c.get("/account").await.csrf_or_empty()
            } else {
                token
            };
            let mut fields = vec![("csrf", token.as_str())];
            fields.extend(form(&[("year", year.as_str())]));
            let res = c.post(&format!("/territories/{kato}/pb"), &fields).await;
            let expected = if may {
                StatusCode::SEE_OTHER
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(res.status, expected, "{role:?} creates a cycle in {kato}");
        }
    }
}

fn proposal<'a>(title: &'a str, amount: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        (
            "description",
            "Ауылдың оңтүстік бөлігіндегі үйлерге таза су жеткізу үшін құбыр тарту керек.",
        ),
        ("category", "water_sewerage"),
        ("village", "114435200"),
        ("place", "Абай көшесі, мектептің жанында"),
        ("cost_label_0", "Құбырлар"),
        ("cost_amount_0", amount),
        ("cost_label_1", "Жұмыс"),
        ("cost_amount_1", "500 000"),
        ("pledge_money", ""),
        ("pledge_labour_days", "12"),
    ]
}

/// A fresh cycle of the demo okrug, collecting proposals now.
async fn demo_cycle(app: &TestApp) -> uuid::Uuid {
    collecting_cycle(app, 2035, 3, true).await
}

/// A fresh cycle of the demo okrug for `year`, collecting proposals now, with the demo
/// cycle's money and rules (the PB test modules share it).
pub(crate) async fn collecting_cycle(
    app: &TestApp,
    year: i32,
    max_proposals_per_author: i64,
    revision_enabled: bool,
) -> uuid::Uuid {
    let rules = Rules {
        year,
        max_proposals_per_author,
        revision_enabled,
        ..Rules::default()
    };
    collecting(app, &rules).await
}

#[tokio::test]
async fn residents_propose_online_within_the_cap_and_the_limit() {
    let app = TestApp::with_people().await;
    let id = demo_cycle(&app).await;
    let r = app.login_as(Role::Resident).await;
    let page = r.get(&format!("/pb/{id}?lang=en")).await;
    assert!(
        page.has(&format!("/pb/{id}/proposals/new")),
        "residents see the way to propose"
    );

    let over = r
        .submit(
            &format!("/pb/{id}/proposals/new?lang=en"),
            &format!("/pb/{id}/proposals"),
            &proposal("Су құбыры", "6 000 000"),
        )
        .await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        over.has("over the cap of 1,500 MRP (₸6,487,500)"),
        "the cap is quoted in MRP and tenge"
    );
    assert!(over.has("value=\"6 000 000\""), "what was typed is kept");

    let ok = r
        .submit(
            &format!("/pb/{id}/proposals/new"),
            &format!("/pb/{id}/proposals"),
            &proposal("Су құбыры", "3 000 000"),
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let shown = r.get(&format!("{}&lang=ru", ok.location())).await;
    assert!(shown.has("Предложение подано.") && shown.has("ожидает экспертизы"));
    assert!(
        shown.has("3\u{a0}500\u{a0}000\u{a0}₸"),
        "total of the estimate"
    );
    assert!(shown.has("12 дней добровольного труда"));
    assert!(shown.has("подано (онлайн)"));

    for n in 2..=3 {
        let title = format!("Ұсыныс {n}");
        let res = r
            .submit(
                &format!("/pb/{id}/proposals/new"),
                &format!("/pb/{id}/proposals"),
                &proposal(&title, "1 000 000"),
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
    }
    let fourth = r
        .submit(
            &format!("/pb/{id}/proposals/new?lang=en"),
            &format!("/pb/{id}/proposals"),
            &proposal("Төртінші", "1 000 000"),
        )
        .await;
    assert_eq!(fourth.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(fourth.has("You already have 3 proposals in this cycle"));
    let cycle = r.get(&format!("/pb/{id}?lang=en")).await;
    assert!(cycle.has("3 proposals") && cycle.has("Су құбыры"));
}

/// The proposal form's refusals as Kazakh and Russian write them (language review §2): the
/// Kazakh case ending goes on the noun ("5 таңбадан", never "5-ден"), limits are grouped
/// ("5 000"), and the Russian noun follows the number ("1 предложение", not "1 предложения").
#[tokio::test]
async fn proposal_refusals_read_as_kazakh_and_russian_write_them() {
    let app = TestApp::with_people().await;
    let id = collecting_cycle(&app, 2036, 1, true).await;
    let r = app.login_as(Role::Resident).await;
    let (form, action) = (
        format!("/pb/{id}/proposals/new?lang=kk"),
        format!("/pb/{id}/proposals"),
    );
    let mut short = proposal("Су", "1 000 000");
    short[1].1 = "Құбыр";
    let bad = r.submit(&form, &action, &short).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.has("Атауы 5 таңбадан 150 таңбаға дейін болуы керек.")
            && bad.has("Сипаттамасы 20 таңбадан 5\u{a0}000 таңбаға дейін болуы керек."),
        "{}",
        bad.body
    );
    assert!(!bad.has("5-ден") && !bad.has("20-ден"));

    let ok = r
        .submit(&form, &action, &proposal("Су құбыры", "1 000 000"))
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let ru = format!("/pb/{id}/proposals/new?lang=ru");
    let second = r
        .submit(&ru, &action, &proposal("Екінші ұсыныс", "1 000 000"))
        .await;
    assert_eq!(second.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        second.has("У вас уже 1 предложение в этом цикле — это предел."),
        "{}",
        second.body
    );
}

#[tokio::test]
async fn only_residents_of_the_territory_may_propose() {
    let app = TestApp::with_people().await;
    let id = demo_cycle(&app).await;
    let outsider = app.register_outsider().await;
    let res = outsider
        .get(&format!("/pb/{id}/proposals/new?lang=en"))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.has("Only residents of this territory"));
    let token = res.csrf();
    let mut fields = vec![("csrf", token.as_str())];
    fields.extend(proposal("Сырттан", "1 000 000"));
    let post = outsider.post(&format!("/pb/{id}/proposals"), &fields).await;
    assert!(post.has("Only residents of this territory"));
    assert!(store::pb::proposals::of_cycle(&app.db, id)
        .await
        .expect("list")
        .is_empty());
}

#[tokio::test]
async fn coordinators_type_in_paper_forms_once_each() {
    let app = TestApp::with_people().await;
    let id = demo_cycle(&app).await;
    let c = app.login_as(Role::Coordinator).await;
    let mut fields = proposal("Көше шамдары", "2 000 000");
    fields.extend([
        ("channel", "paper"),
        ("author_name", "Мария Иванова"),
        ("form_number", "А-17"),
    ]);
    let res = c
        .submit(
            &format!("/pb/{id}/proposals/new"),
            &format!("/pb/{id}/proposals"),
            &fields,
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = c.get(&format!("{}&lang=en", res.location())).await;
    assert!(page.has("Мария Иванова") && page.has("paper form No. А-17"));
    let again = c
        .submit(
            &format!("/pb/{id}/proposals/new?lang=en"),
            &format!("/pb/{id}/proposals"),
            &fields,
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.has("already been entered"));
    let mut no_number = proposal("Көпір", "2 000 000");
    no_number.extend([
        ("channel", "paper"),
        ("author_name", "Мария Иванова"),
        ("form_number", ""),
    ]);
    let missing = c
        .submit(
            &format!("/pb/{id}/proposals/new?lang=en"),
            &format!("/pb/{id}/proposals"),
            &no_number,
        )
        .await;
    assert!(missing.has("Enter the number of the paper form."));
    assert_eq!(
        store::pb::proposals::of_cycle(&app.db, id)
            .await
            .expect("list")
            .len(),
        1
    );
}

#[tokio::test]
async fn authors_edit_until_review_and_stages_follow_the_proposals() {
    let app = TestApp::with_people().await;
    let id = demo_cycle(&app).await;
    let r = app.login_as(Role::Resident).await;
    let res = r
        .submit(
            &format!("/pb/{id}/proposals/new"),
            &format!("/pb/{id}/proposals"),
            &proposal("Су құбыры", "3 000 000"),
        )
        .await;
    let pid = res
        .location()
        .trim_start_matches("/pb/proposals/")
        .split('?')
        .next()
        .unwrap_or("")
        .to_string();
    let edited = r
        .submit(
            &format!("/pb/proposals/{pid}/edit"),
            &format!("/pb/proposals/{pid}/edit"),
            &proposal("Су құбыры мен мұнара", "3 200 000"),
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER);
    let page = r.get(&format!("/pb/proposals/{pid}?lang=en")).await;
    assert!(
        page.has("Су құбыры мен мұнара")
            && page.has("edited by the author")
            && page.has("₸3,700,000")
    );
    // Someone else cannot edit it.
    let other = app.login_as(Role::Coordinator).await;
    assert_eq!(
        other.get(&format!("/pb/proposals/{pid}/edit")).await.status,
        StatusCode::FORBIDDEN
    );

    // With a proposal in, the coordinator can open the review; then editing closes, and the
    // discussion waits for the council's decision.
    let cycle = other.get(&format!("/pb/{id}?lang=en")).await;
    let token = cycle.csrf();
    let moved = other
        .post(
            &format!("/pb/{id}/stage"),
            &[("csrf", &token), ("to", "review")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        r.get(&format!("/pb/proposals/{pid}/edit")).await.status,
        StatusCode::FORBIDDEN
    );
    let waiting = other
        .post(
            &format!("/pb/{id}/stage"),
            &[("csrf", &token), ("to", "discussion")],
        )
        .await;
    assert!(waiting.has("The expert council has not decided on 1 proposal yet."));
    let closed = r.get(&format!("/pb/{id}/proposals/new?lang=en")).await;
    assert!(closed.has("only while the cycle is collecting"));
}

#[tokio::test]
async fn the_per_author_limit_holds_under_concurrent_submissions() {
    let app = TestApp::with_people().await;
    let id = demo_cycle(&app).await;
    let cycle = store::pb::get(&app.db, id)
        .await
        .expect("q")
        .expect("cycle");
    let (author, _) = store::accounts::credentials(
        &app.db,
        &domain::Contact::parse("resident@demo.qatysu.kz").expect("c"),
    )
    .await
    .expect("q")
    .expect("resident");
    let village = store::territories::by_kato(&app.db, &Kato::parse("114435200").expect("k"))
        .await
        .expect("q")
        .expect("v");
    let attempts = (0..6).map(|i| {
        let db = app.db.clone();
        let p = store::pb::proposals::NewProposal {
            cycle_id: cycle.id,
            author_id: Some(author.id),
            author_name: author.display_name.clone(),
            channel: domain::pb::Channel::Web,
            paper_form_number: None,
            entered_by: None,
            title: format!("Ұсыныс {i}"),
            description: "Ауылға қажетті жұмыстың толық сипаттамасы.".into(),
            category: domain::pb::Category::Greening,
            village_id: village.id,
            place: "Орталық".into(),
            items: vec![("Көшет".into(), domain::money::Tenge::from_tenge(100_000))],
            pledge_money: domain::money::Tenge::default(),
            pledge_labour_days: 0,
        };
        tokio::spawn(async move {
            store::pb::proposals::create(&db, &p, 3, crate::support::now()).await
        })
    });
    let results = futures_util::future::join_all(attempts).await;
    let created = results
        .into_iter()
        .filter(|r| matches!(r, Ok(Ok(Ok(_)))))
        .count();
    assert_eq!(created, 3);
    assert_eq!(
        store::pb::proposals::counts(&app.db, cycle.id)
            .await
            .expect("counts"),
        (3, 0, 3)
    );
}

/// A proposal's id from the redirect after submitting it.
fn proposal_id(location: &str) -> String {
    location
        .trim_start_matches("/pb/proposals/")
        .split('?')
        .next()
        .unwrap_or("")
        .to_string()
}

#[tokio::test]
async fn the_expert_council_reviews_and_decides_in_public() {
    let app = TestApp::with_people().await;
    let id = demo_cycle(&app).await;
    let r = app.login_as(Role::Resident).await;
    let mut pids = Vec::new();
    for (title, amount) in [
        ("Су құбыры", "3 000 000"),
        ("Жарық шамдары", "2 000 000"),
        ("Спорт алаңы", "4 000 000"),
    ] {
        let res = r
            .submit(
                &format!("/pb/{id}/proposals/new"),
                &format!("/pb/{id}/proposals"),
                &proposal(title, amount),
            )
            .await;
        pids.push(proposal_id(res.location()));
    }
    let coordinator = app.login_as(Role::Coordinator).await;
    // The council: the demo expert (civil society) and the deputy (official).
    let council = format!("/pb/{id}/council");
    let unknown = coordinator
        .submit(
            &format!("{council}?lang=en"),
            &council,
            &[("contact", "nobody@mail.kz")],
        )
        .await;
    assert!(unknown.has("No account has this phone or e-mail."));
    let added = coordinator
        .submit(&council, &council, &[("contact", "deputy@demo.qatysu.kz")])
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    // Invited, not yet a member: the seat is the deputy's when they accept.
    let page = coordinator.get(&format!("{council}?lang=en")).await;
    assert!(
        page.has("0 members, of them 0 from civil society.") && page.has("Invited, no answer yet")
    );
    let deputy = app.login_as(Role::Deputy).await;
    accept_invitation(&deputy).await;
    let page = coordinator.get(&format!("{council}?lang=en")).await;
    assert!(
        page.has("1 member, of them 0 from civil society.")
            && page.has("At least half of the council")
    );
    coordinator
        .submit(
            &council,
            &council,
            &[
                ("contact", "expert@demo.qatysu.kz"),
                ("civil_society", "on"),
            ],
        )
        .await;
    let expert = app.login_as(Role::Expert).await;
    accept_invitation(&expert).await;
    let page = coordinator.get(&format!("{council}?lang=en")).await;
    assert!(
        page.has("2 members, of them 1 from civil society.")
            && !page.has("At least half of the council")
    );

    let token = coordinator.get(&format!("/pb/{id}")).await.csrf();
    let moved = coordinator
        .post(
            &format!("/pb/{id}/stage"),
            &[("csrf", &token), ("to", "review")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);

    // A member records a conclusion; a resident outside the council cannot.
    let first = format!("/pb/proposals/{}", pids[0]);
    let saved = expert
        .submit(
            &first,
            &format!("{first}/conclusion"),
            &[
                ("legal", "on"),
                ("feasible", "on"),
                ("adjusted_cost", "3 300 000"),
                ("comment", "Смета шынайы, құбыр ұзындығы дұрыс."),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let shown = expert.get(&format!("{first}?lang=en")).await;
    assert!(shown.has("Ерлан Жақыпов") && shown.has("₸3,300,000") && shown.has("Смета шынайы"));
    let resident_try = r
        .post(
            &format!("{first}/conclusion"),
            &[("csrf", &shown.csrf()), ("comment", "Мен де сарапшымын")],
        )
        .await;
    assert_eq!(resident_try.status, StatusCode::FORBIDDEN);

    // Decisions: admit, reject (reason required), return for revision.
    let decide = |pid: &str| format!("/pb/proposals/{pid}/decision");
    let no_reason = coordinator
        .submit(
            &format!("/pb/proposals/{}?lang=en", pids[1]),
            &decide(&pids[1]),
            &[("decision", "reject"), ("reason", "")],
        )
        .await;
    assert!(no_reason.has("Give the reason"));
    for (pid, decision, reason) in [
        (&pids[0], "admit", ""),
        (
            &pids[1],
            "reject",
            "Жер телімі жеке меншікте, жұмыс жүргізуге болмайды.",
        ),
        (
            &pids[2],
            "return",
            "Смета толық емес: жабдық құнын көрсетіңіз.",
        ),
    ] {
        let res = coordinator
            .submit(
                &format!("/pb/proposals/{pid}"),
                &decide(pid),
                &[("decision", decision), ("reason", reason)],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{decision}");
    }
    let rejected = r.get(&format!("/pb/proposals/{}?lang=en", pids[1])).await;
    assert!(
        rejected.has("rejected")
            && rejected.has("Жер телімі жеке меншікте")
            && rejected.has("rejected by the expert council")
    );

    // Revision: only the returned proposal can be changed, and it goes back to the council.
    let token = coordinator.get(&format!("/pb/{id}")).await.csrf();
    assert_eq!(
        coordinator
            .post(
                &format!("/pb/{id}/stage"),
                &[("csrf", &token), ("to", "revision")]
            )
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        r.get(&format!("/pb/proposals/{}/edit", pids[1]))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let revised = r
        .submit(
            &format!("/pb/proposals/{}/edit", pids[2]),
            &format!("/pb/proposals/{}/edit", pids[2]),
            &proposal("Спорт алаңы", "4 200 000"),
        )
        .await;
    assert_eq!(revised.status, StatusCode::SEE_OTHER);
    let again = r.get(&format!("/pb/proposals/{}?lang=en", pids[2])).await;
    assert!(
        again.has("awaiting expert review") && again.has("revised and sent back to the council")
    );

    // Back to review; discussion waits for the last decision, then opens.
    assert_eq!(
        coordinator
            .post(
                &format!("/pb/{id}/stage"),
                &[("csrf", &token), ("to", "review")]
            )
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let waiting = coordinator
        .post(
            &format!("/pb/{id}/stage"),
            &[("csrf", &token), ("to", "discussion")],
        )
        .await;
    assert!(waiting.has("1 proposal"), "{}", waiting.body);
    coordinator
        .submit(
            &format!("/pb/proposals/{}", pids[2]),
            &decide(&pids[2]),
            &[
                ("decision", "merge"),
                ("reason", "Бір алаңға арналған екі ұсыныс біріктірілді."),
                ("merged_into", &pids[0]),
            ],
        )
        .await;
    let merged = r.get(&format!("/pb/proposals/{}?lang=en", pids[2])).await;
    assert!(
        merged.has("merged into another proposal")
            && merged.has(&format!("/pb/proposals/{}", pids[0]))
    );
    let open = coordinator
        .post(
            &format!("/pb/{id}/stage"),
            &[("csrf", &token), ("to", "discussion")],
        )
        .await;
    assert_eq!(open.status, StatusCode::SEE_OTHER);
    assert_eq!(
        store::pb::proposals::counts(&app.db, id.to_owned())
            .await
            .expect("counts"),
        (3, 1, 0)
    );
}

/// A cycle of the demo okrug with `ballot` and `changes_allowed`, two proposals of the demo
/// resident admitted and the stages moved to voting through the pages, and the server's clock
/// on its first voting day; returns the proposals' ids.
async fn voting_cycle(
    app: &TestApp,
    changes_allowed: bool,
    ballot: BallotType,
) -> (uuid::Uuid, Vec<String>) {
    let rules = Rules {
        ballot,
        changes_allowed,
        ..Rules::default()
    };
    let id = collecting(app, &rules).await;
    let r = app.login_as(Role::Resident).await;
    let mut pids = Vec::new();
    for (title, amount) in [("Су құбыры", "3 000 000"), ("Жарық шамдары", "2 000 000")]
    {
        let res = r
            .submit(
                &format!("/pb/{id}/proposals/new"),
                &format!("/pb/{id}/proposals"),
                &proposal(title, amount),
            )
            .await;
        pids.push(proposal_id(res.location()));
    }
    let coordinator = app.login_as(Role::Coordinator).await;
    let token = coordinator.get(&format!("/pb/{id}")).await.csrf();
    coordinator
        .post(
            &format!("/pb/{id}/stage"),
            &[("csrf", &token), ("to", "review")],
        )
        .await;
    for pid in &pids {
        let res = coordinator
            .submit(
                &format!("/pb/proposals/{pid}"),
                &format!("/pb/proposals/{pid}/decision"),
                &[("decision", "admit"), ("reason", "")],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
    }
    for to in ["discussion", "voting"] {
        let res = coordinator
            .post(&format!("/pb/{id}/stage"), &[("csrf", &token), ("to", to)])
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "to {to}: {}", res.body);
    }
    // The cycle is in voting before its first voting day; ballots wait for that day, and the
    // server's clock goes there.
    let early = r.get(&format!("/pb/{id}/vote?lang=en")).await;
    assert!(
        early.has("Voting is not open in this cycle now."),
        "{}",
        early.body
    );
    open_voting(app, id).await;
    (id, pids)
}

#[tokio::test]
async fn a_resident_votes_once_and_checks_the_receipt() {
    let app = TestApp::with_people().await;
    let (id, pids) = voting_cycle(&app, false, BallotType::OneVote).await;
    let r = app.login_as(Role::Resident).await;
    let page = r.get(&format!("/pb/{id}/vote?lang=en")).await;
    assert!(page.has("Choose one project") && page.has("type=\"radio\""));
    let two = r
        .submit(
            &format!("/pb/{id}/vote?lang=en"),
            &format!("/pb/{id}/vote"),
            &[("choice", &pids[0]), ("choice", &pids[1])],
        )
        .await;
    assert!(two.has("Choose at most 1 projects") || two.has("Choose at most 1 project"));
    let none = r
        .submit(&format!("/pb/{id}/vote"), &format!("/pb/{id}/vote"), &[])
        .await;
    assert!(
        none.has("Choose at least one project."),
        "the language chosen earlier stays"
    );
    let ok = r
        .submit(
            &format!("/pb/{id}/vote"),
            &format!("/pb/{id}/vote"),
            &[("choice", &pids[1])],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let done = r
        .get(&format!("/pb/{id}/vote?lang=en&ok=pb-vote-cast"))
        .await;
    assert!(done.has("Your ballot has been recorded."));
    assert!(
        !done.has(&format!("action=\"/pb/{id}/vote\"")) && !done.has("Change my ballot"),
        "a one-vote cycle offers no change"
    );
    let code = done
        .body
        .split("class=\"code\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap_or("")
        .to_string();
    assert_eq!(code.len(), 10);
    // A second ballot is refused, the first one counts.
    let token = done.csrf_or_empty();
    let token = if token.is_empty() {
        r.get("/account").await.csrf()
    } else {
        token
    };
    let again = r
        .post(
            &format!("/pb/{id}/vote"),
            &[("csrf", &token), ("choice", &pids[0])],
        )
        .await;
    assert!(
        again.has("already voted") || again.has("дауыс беріп қойғансыз"),
        "{}",
        again.body
    );
    let counts = store::pb::ballots::counts(&app.db, id)
        .await
        .expect("counts");
    assert_eq!(counts.values().sum::<i64>(), 1);
    // Anyone can check the receipt; a wrong code is told so.
    let anon = app.client();
    let check = anon
        .get(&format!(
            "/pb/{id}/receipt?code={}&lang=en",
            code.to_lowercase()
        ))
        .await;
    assert!(check.has("is counted"));
    let wrong = anon
        .get(&format!("/pb/{id}/receipt?code=AAAAAAAAAA&lang=en"))
        .await;
    assert!(wrong.has("No ballot of this cycle has this code."));
    // Live counts are shown (the cycle shows them during voting).
    let cycle = anon.get(&format!("/pb/{id}?lang=en")).await;
    assert!(cycle.has("Votes"));
    let votes_of = |body: &str| -> Vec<serde_json::Value> {
        let v: serde_json::Value = serde_json::from_str(body).expect("json");
        v["proposals"]
            .as_array()
            .map(|a| a.iter().map(|p| p["votes"].clone()).collect())
            .unwrap_or_default()
    };
    let api = votes_of(&anon.get(&format!("/api/v1/cycles/{id}")).await.body);
    assert_eq!(api.iter().filter_map(|v| v.as_i64()).sum::<i64>(), 1);
    // A cycle that hides live counts hides them in the API too, votes and all.
    let hiding = Rules {
        year: 2036,
        votes_visible: false,
        ..Rules::default()
    };
    let (hidden, projects) = voting(&app, &hiding, &["Жасыл желек"]).await;
    let voted = r
        .submit(
            &format!("/pb/{hidden}/vote"),
            &format!("/pb/{hidden}/vote"),
            &[("choice", &projects[0].to_string())],
        )
        .await;
    assert_eq!(voted.status, StatusCode::SEE_OTHER, "{}", voted.body);
    let api = votes_of(&anon.get(&format!("/api/v1/cycles/{hidden}")).await.body);
    assert!(!api.is_empty() && api.iter().all(|v| v.is_null()));
}

#[tokio::test]
async fn concurrent_ballots_of_one_person_become_one() {
    let app = TestApp::with_people().await;
    let (id, pids) = voting_cycle(&app, false, BallotType::OneVote).await;
    let (user, _) = store::accounts::credentials(
        &app.db,
        &domain::Contact::parse("resident@demo.qatysu.kz").expect("c"),
    )
    .await
    .expect("q")
    .expect("resident");
    let hash = store::accounts::person_hash(&app.db, user.id)
        .await
        .expect("hash");
    let proposal = uuid::Uuid::parse_str(&pids[0]).expect("uuid");
    let tries = (0..8).map(|i| {
        let db = app.db.clone();
        let b = store::pb::ballots::NewBallot {
            cycle_id: id,
            person_hash: hash.clone(),
            voter_id: Some(user.id),
            channel: domain::pb::Channel::Web,
            entered_by: None,
            choices: vec![proposal],
            receipt: format!("RCPT{i:06}"),
        };
        tokio::spawn(async move {
            store::pb::ballots::cast(
                &db,
                &b,
                crate::support::ballot_seal(),
                false,
                crate::support::now(),
            )
            .await
        })
    });
    let outcomes: Vec<_> = futures_util::future::join_all(tries)
        .await
        .into_iter()
        .filter_map(|r| r.ok())
        .filter_map(|r| r.ok())
        .collect();
    assert_eq!(outcomes.len(), 8, "no storage errors");
    let new = outcomes
        .iter()
        .filter(|o| matches!(o, store::pb::ballots::Cast::New { .. }))
        .count();
    assert_eq!(new, 1);
    assert_eq!(
        store::pb::ballots::counts(&app.db, id)
            .await
            .expect("counts")
            .get(&proposal),
        Some(&1)
    );
}

#[tokio::test]
async fn up_to_k_ballots_can_be_changed_when_the_cycle_allows() {
    let app = TestApp::with_people().await;
    let (id, pids) = voting_cycle(&app, true, BallotType::UpTo(2)).await;
    let r = app.login_as(Role::Resident).await;
    let first = r
        .submit(
            &format!("/pb/{id}/vote"),
            &format!("/pb/{id}/vote"),
            &[("choice", &pids[0]), ("choice", &pids[1])],
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    // The page shows the receipt and, since this cycle allows it, the form to change the
    // ballot; the change is sent from that form.
    let page = r.get(&format!("/pb/{id}/vote?lang=en")).await;
    assert!(
        page.has("class=\"code\"") && page.has("Change my ballot"),
        "{}",
        page.body
    );
    assert!(page.has(&format!("action=\"/pb/{id}/vote\"")));
    let second = r
        .submit(
            &format!("/pb/{id}/vote?lang=en"),
            &format!("/pb/{id}/vote"),
            &[("choice", &pids[1])],
        )
        .await;
    assert_eq!(
        second.location(),
        format!("/pb/{id}/vote?ok=pb-vote-replaced")
    );
    let counts = store::pb::ballots::counts(&app.db, id)
        .await
        .expect("counts");
    assert_eq!(counts.values().sum::<i64>(), 1);
    // Someone from another okrug cannot vote here.
    let outsider = app.register_outsider().await;
    let page = outsider.get(&format!("/pb/{id}/vote?lang=en")).await;
    assert!(page.has("Only residents of this territory can vote"));
}

#[tokio::test]
async fn results_are_counted_published_exported_and_verified() {
    let app = TestApp::with_people().await;
    let (id, pids) = voting_cycle(&app, false, BallotType::OneVote).await;
    let r = app.login_as(Role::Resident).await;
    r.submit(
        &format!("/pb/{id}/vote"),
        &format!("/pb/{id}/vote"),
        &[("choice", &pids[1])],
    )
    .await;
    // More voters: typed straight into storage, as paper batches will be.
    for i in 0..4u8 {
        let choice = uuid::Uuid::parse_str(&pids[usize::from(i % 3 == 0)]).expect("uuid");
        let b = store::pb::ballots::NewBallot {
            cycle_id: id,
            person_hash: vec![i; 32],
            voter_id: None,
            channel: domain::pb::Channel::Paper,
            entered_by: None,
            choices: vec![choice],
            receipt: format!("PAPER{i:05}"),
        };
        store::pb::ballots::cast(
            &app.db,
            &b,
            crate::support::ballot_seal(),
            false,
            app.clock.now(),
        )
        .await
        .expect("cast");
    }
    // Voting has ended (the server's clock is past its last day): a late ballot is refused
    // with the closing date.
    close_voting(&app, id).await;
    let late = app.login_as(Role::Expert).await;
    let page = late.get(&format!("/pb/{id}/vote?lang=en")).await;
    assert!(page.has("Voting closed on"), "{}", page.body);

    let coordinator = app.login_as(Role::Coordinator).await;
    publish_results(&coordinator, id).await;

    let results = coordinator.get(&format!("/pb/{id}/results?lang=en")).await;
    assert_eq!(results.status, StatusCode::OK);
    assert!(
        results.has("Most votes while money lasts") && results.has("paper form: 4"),
        "{}",
        results.body
    );
    let api: serde_json::Value = serde_json::from_str(
        &coordinator
            .get(&format!("/api/v1/cycles/{id}/results"))
            .await
            .body,
    )
    .expect("json");
    assert_eq!(api["rule"], "greedy");
    let selected: Vec<String> = api["selected"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    // pids[0] has 2 paper votes (i = 1, 2), pids[1] has 1 online + 2 paper (i = 0, 3): it
    // wins first.
    assert_eq!(selected.first(), Some(&pids[1]));
    let projects = api["projects"].as_array().cloned().unwrap_or_default();
    assert!(projects.iter().all(|p| p["id"].is_string()
        && p["cost"].is_number()
        && p["votes"].is_number()
        && p["funded"].is_boolean()));

    // The cycle's API lists the same proposals with their public counts.
    let detail: serde_json::Value =
        serde_json::from_str(&coordinator.get(&format!("/api/v1/cycles/{id}")).await.body)
            .expect("json");
    let listed = detail["proposals"].as_array().cloned().unwrap_or_default();
    for p in &projects {
        let same = listed.iter().find(|l| l["id"] == p["id"]).expect("listed");
        assert_eq!(same["votes"], p["votes"]);
        assert_eq!(same["cost"], p["cost"]);
        assert_eq!(same["status"], "admitted");
        assert!(same["village"].as_str().is_some_and(|k| k.len() == 9));
    }

    // The exported ballots recount to the published result in the tally engine.
    let pb = coordinator
        .get(&format!("/api/v1/cycles/{id}/ballots.pb"))
        .await;
    let election = tally::pb::read_str(&pb.body).expect("a valid .pb file");
    assert_eq!(election.num_voters(), 5);
    let outcome = tally::count(&election, tally::Rule::Greedy, &tally::Options::default());
    assert_eq!(outcome.selected, selected);
    assert!(!pb.body.contains("resident@"), "no personal data");

    // verify: match, then a tampered ballot is caught.
    let v = app::pb::results::verify_cycle(&app.app, id)
        .await
        .expect("verify")
        .expect("published");
    assert!(v.matches());
    // Two of pids[1]'s paper ballots are rewritten for pids[0] behind the published result
    // (the store replaces a ballot's choices when told changes are allowed): as many ballots
    // as before, another order of winners.
    let a = uuid::Uuid::parse_str(&pids[0]).expect("u");
    for i in [0u8, 3] {
        let b = store::pb::ballots::NewBallot {
            cycle_id: id,
            person_hash: vec![i; 32],
            voter_id: None,
            channel: domain::pb::Channel::Paper,
            entered_by: None,
            choices: vec![a],
            receipt: format!("PAPER{i:05}"),
        };
        let cast = store::pb::ballots::cast(
            &app.db,
            &b,
            crate::support::ballot_seal(),
            true,
            app.clock.now(),
        )
        .await
        .expect("tamper");
        assert!(matches!(cast, store::pb::ballots::Cast::Replaced { .. }));
    }
    let v = app::pb::results::verify_cycle(&app.app, id)
        .await
        .expect("verify")
        .expect("published");
    assert!(
        !v.matches(),
        "a changed ballot no longer recounts to the published result"
    );
}

/// Security review L4: a proposal title (resident input) starting with `=`, `+`, `-` or `@`
/// went into `protocol.csv` as it was, so a spreadsheet ran it as a formula. Every such cell
/// is written with a leading `'`.
#[tokio::test]
async fn protocol_csv_cells_never_start_a_formula() {
    let app = TestApp::with_people().await;
    let titles = [
        "=HYPERLINK(\"http://evil.example\",\"Су құбыры\")",
        "+7 700 000 00 00 шам",
        "-1 көпір",
        "@SUM(A1) алаң",
    ];
    let (id, _) = voting(&app, &Rules::default(), &titles).await;
    close_voting(&app, id).await;
    let coordinator = app.login_as(Role::Coordinator).await;
    publish_results(&coordinator, id).await;
    let page = app
        .client()
        .get(&format!("/pb/{id}/protocol.csv?lang=en"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(page.body.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    for title in titles {
        assert!(
            rows.iter()
                .any(|r| &r[0] == "project" && r[1] == format!("'{title}")),
            "{title} is written as text: {}",
            page.body
        );
    }
    for r in &rows {
        for cell in r {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula cell: {cell:?}"
            );
        }
    }
}
