//! Discussion of PB proposals: comments (who, when, on what), moderation with a public reason
//! and log, face-to-face meetings with minutes, notices to authors on every council decision
//! and on hidden comments, and editing a returned proposal. Ends with one browser test.

use crate::support::pages::{collecting_cycle, voting_cycle};
use crate::support::{demo_tree, pb_cycle, resident, territory_tree, user_with_role};
use crate::support::{Client, TestApp};
use domain::pb::Stage;
use domain::Role;
use reqwest::StatusCode;
use uuid::Uuid;

/// Year of the cycle voting now, made by [`voting_cycle`].
const VOTING_YEAR: i32 = 2040;

/// A new cycle of the demo okrug in review (through the stage machine), with one proposal the
/// council admitted through the decision form; and the coordinator's client.
async fn cycle_in_review(app: &TestApp) -> (Uuid, Uuid, Client) {
    let tree = demo_tree(&app.db).await;
    let coordinator = app.demo_user(Role::Coordinator).await;
    let now = app.clock.now();
    let fresh = pb_cycle(&app.db, &tree, coordinator, 2090, Stage::Review, 1, now).await;
    let pid = store::pb::proposals::of_cycle(&app.db, fresh.id)
        .await
        .expect("proposals")[0]
        .id;
    let coord = app.login_as(Role::Coordinator).await;
    let page = coord.get(&format!("/pb/proposals/{pid}")).await;
    assert!(page.has("name=\"csrf\""), "{}", page.body);
    let token = page.csrf();
    let admit = coord
        .post(
            &format!("/pb/proposals/{pid}/decision"),
            &[("csrf", &token), ("decision", "admit")],
        )
        .await;
    assert_eq!(admit.status, StatusCode::SEE_OTHER, "{}", admit.body);
    (fresh.id, pid, coord)
}

/// The coordinator moves the cycle on with the cycle page's button.
async fn move_to(coord: &Client, cycle: Uuid, to: &str) {
    let page = coord.get(&format!("/pb/{cycle}")).await;
    assert!(page.has("name=\"csrf\""), "{}", page.body);
    let token = page.csrf();
    let res = coord
        .post(
            &format!("/pb/{cycle}/stage"),
            &[("csrf", &token), ("to", to)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
}

async fn comment(c: &Client, pid: Uuid, text: &str) -> crate::support::Page {
    let page = format!("/pb/proposals/{pid}?lang=en");
    let token = c.get(&page).await.csrf();
    c.post(
        &format!("/pb/proposals/{pid}/comments?lang=en"),
        &[("csrf", &token), ("text", text)],
    )
    .await
}

#[tokio::test]
async fn residents_comment_on_admitted_proposals_during_discussion_and_voting() {
    let app = TestApp::with_people().await;
    let v = voting_cycle(&app, VOTING_YEAR).await;
    let lights = v.admitted[2];
    // A neighbour was first to comment.
    let neighbour = app.login_as(Role::Monitor).await;
    let first = "Шамдарды күн батареясымен алсақ, электр шығыны азаяды.";
    assert_eq!(
        comment(&neighbour, lights, first).await.status,
        StatusCode::SEE_OTHER
    );
    let r = app.login_as(Role::Resident).await;

    // A resident of the okrug comments; the text is plain and escaped, shown newest last.
    let ok = comment(&r, lights, "Шамдар <b>керек</b>, кешке қараңғы.").await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(
        ok.location(),
        format!("/pb/proposals/{lights}?ok=pb-discussion-comment-added")
    );
    let page = app
        .client()
        .get(&format!("/pb/proposals/{lights}?lang=en"))
        .await;
    assert!(
        page.has("керек") && page.has("кешке қараңғы.") && !page.has("<b>керек"),
        "{}",
        page.body
    );
    assert!(page.has("Бауыржан Нұрланов") && page.has("2 comments"));
    let newest = page.body.find("кешке қараңғы.").expect("new comment");
    let older = page
        .body
        .find("күн батареясымен")
        .expect("the neighbour's comment");
    assert!(older < newest, "newest last");

    // Too short: refused, the typed text stays in the form.
    let short = comment(&r, lights, " a ").await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.has("The text must have 2 to 1,000 characters.") && short.has("> a </textarea>"));

    // Not admitted (the rejected proposal).
    let rejected = comment(&r, v.rejected, "Неге қабылданбады?").await;
    assert_eq!(rejected.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(rejected.has("Only proposals admitted to the vote"));

    // Wrong stage: before discussion and after voting; discussion itself is open.
    // (A fresh cycle of the same okrug, moved by the stage machine and the clock.)
    let (fresh, fresh_pid, coord) = cycle_in_review(&app).await;
    let early = comment(&r, fresh_pid, "Ерте жазылған пікір").await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.has("Comments open when discussion starts."));
    move_to(&coord, fresh, "discussion").await;
    assert_eq!(
        comment(&r, fresh_pid, "Талқылау кезіндегі пікір")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    move_to(&coord, fresh, "voting").await;
    // Past the last voting day, the count is published and comments close.
    // (Sessions have expired by then: both sign in again.)
    app.clock.advance(chrono::Duration::days(36));
    move_to(&app.login_as(Role::Coordinator).await, fresh, "results").await;
    let later = app.login_as(Role::Resident).await;
    let late = comment(&later, fresh_pid, "Кеш жазылған пікір").await;
    assert!(late.has("Voting has ended, so comments are closed."));
    app.clock.advance(chrono::Duration::days(-36));
    // The first cycle is voting: comments are taken there.
    assert_eq!(
        comment(&r, lights, "Дауыс беру кезіндегі пікір")
            .await
            .status,
        StatusCode::SEE_OTHER
    );

    // An outsider (lives in another okrug) is refused with the reason.
    let outsider = app.register_outsider().await;
    let out = comment(&outsider, lights, "Мен басқа ауылданмын").await;
    assert_eq!(out.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(out.has("Only residents of this territory can discuss this proposal."));

    // Not signed in: asked to log in, nothing stored.
    let anon = app.client();
    let shown = anon.get(&format!("/pb/proposals/{lights}?lang=en")).await;
    assert!(shown.has("Log in to comment") && !shown.has("/comments\" class=\"card\""));
    let token = anon.get("/login").await.csrf();
    let res = anon
        .post(
            &format!("/pb/proposals/{lights}/comments"),
            &[("csrf", &token), ("text", "Аноним пікірі")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        store::pb::discussion::comment_count(&app.db, lights)
            .await
            .expect("count"),
        3,
        "the neighbour's one, the resident's two accepted ones"
    );

    // Many comments: the proposal page shows the latest few; the full list is paginated.
    for i in 0..12 {
        let res = comment(&r, lights, &format!("Пікір нөмірі {i:02}")).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
    }
    let page = app
        .client()
        .get(&format!("/pb/proposals/{lights}?lang=en"))
        .await;
    assert!(page.has("15 comments") && page.has("Пікір нөмірі 11") && !page.has("Пікір нөмірі 05"));
    let all = app
        .client()
        .get(&format!("/pb/proposals/{lights}/comments?lang=en"))
        .await;
    assert!(all.has("Page 2 of 2") && all.has("Пікір нөмірі 11") && all.has("?page=1"));
    let first = app
        .client()
        .get(&format!("/pb/proposals/{lights}/comments?page=1&lang=en"))
        .await;
    assert!(first.has("күн батареясымен") && !first.has("Пікір нөмірі 11"));
}

#[tokio::test]
async fn coordinators_hide_comments_with_a_public_reason_logged_and_restore_them() {
    let app = TestApp::with_people().await;
    let v = voting_cycle(&app, VOTING_YEAR).await;
    let (cycle, water) = (v.id, v.admitted[0]);
    let r = app.login_as(Role::Resident).await;
    let res = comment(
        &r,
        water,
        "Көршімнің телефоны 8 777 123 45 67, соған хабарласыңыз",
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let k = store::pb::discussion::comments(&app.db, water, 0, 100)
        .await
        .expect("comments")
        .into_iter()
        .find(|k| k.body.contains("Көршімнің"))
        .expect("stored");
    let moderate = format!("/pb/comments/{}/moderate", k.id);

    // A form sent twice (a dropped connection retried) is one comment.
    let form = r.get(&format!("/pb/proposals/{water}")).await;
    assert!(form.has("name=\"key\""));
    let key = "0191d7a8-0000-7000-8000-000000000001";
    for _ in 0..2 {
        let res = r
            .post(
                &format!("/pb/proposals/{water}/comments"),
                &[
                    ("csrf", &form.csrf()),
                    ("key", key),
                    ("text", "Екі рет жіберілген пікір"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
    }
    let twice = store::pb::discussion::comments(&app.db, water, 0, 100)
        .await
        .expect("comments")
        .into_iter()
        .filter(|k| k.body == "Екі рет жіберілген пікір")
        .count();
    assert_eq!(twice, 1);
    let hide = format!("/pb/comments/{}/hide", k.id);

    // Only coordinators (and administrators) of the territory moderate.
    for role in [Role::Resident, Role::Expert, Role::Monitor] {
        let who = app.login_as(role).await;
        assert_eq!(who.get(&moderate).await.status, StatusCode::FORBIDDEN);
        let token = who.get("/account").await.csrf();
        let tried = who
            .post(&hide, &[("csrf", &token), ("reason", "Жеке деректер")])
            .await;
        assert_eq!(tried.status, StatusCode::FORBIDDEN, "{role:?}");
    }
    let public = app.client();
    assert!(!public
        .get(&format!("/pb/proposals/{water}"))
        .await
        .has(&moderate));

    // The coordinator must say why.
    let coordinator = app.login_as(Role::Coordinator).await;
    let page = coordinator
        .get(&format!("/pb/proposals/{water}?lang=en"))
        .await;
    assert!(page.has(&moderate));
    let no_reason = coordinator
        .submit(&moderate, &format!("{hide}?lang=en"), &[("reason", " ")])
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.has("Give the reason: 5 to 300 characters."));
    let reason = "Жеке деректер жарияланған (телефон нөмірі)";
    let hidden = coordinator
        .submit(&moderate, &hide, &[("reason", reason)])
        .await;
    assert_eq!(hidden.status, StatusCode::SEE_OTHER);
    assert_eq!(
        hidden.location(),
        format!("/pb/proposals/{water}?ok=pb-discussion-comment-hidden")
    );

    // Everyone sees the reason instead of the text.
    let seen = public.get(&format!("/pb/proposals/{water}?lang=en")).await;
    assert!(seen.has(&format!("hidden by the moderator: {reason}")) && !seen.has("8 777 123"));
    let seen_kk = public.get(&format!("/pb/proposals/{water}?lang=kk")).await;
    assert!(seen_kk.has(&format!("модератор жасырды: {reason}")));

    // Hiding twice is refused with the current state shown.
    let again = coordinator
        .submit(&moderate, &format!("{hide}?lang=en"), &[("reason", reason)])
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The log is public: who, when, what, why.
    let log = public.get(&format!("/pb/{cycle}/moderation?lang=en")).await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(log.has("Comment hidden") && log.has(reason) && log.has("Айгүл Сейітова"));
    assert!(public
        .get(&format!("/pb/{cycle}?lang=en"))
        .await
        .has(&format!("/pb/{cycle}/moderation")));

    // The author of the comment gets a notice.
    let mine = r.get("/initiatives/mine?lang=en").await;
    assert!(mine.has(&format!(
        "the moderator hid a comment in the discussion of the proposal: {reason}"
    )));
    assert!(mine.has(&format!("/pb/proposals/{water}")));

    // Restored: the text is back, and the log has both acts.
    let restored = coordinator
        .submit(
            &moderate,
            &format!("/pb/comments/{}/restore", k.id),
            &[("reason", "")],
        )
        .await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER);
    assert!(public
        .get(&format!("/pb/proposals/{water}"))
        .await
        .has("8 777 123"));
    let log = public.get(&format!("/pb/{cycle}/moderation?lang=en")).await;
    assert!(log.has("Comment restored") && log.has("Comment hidden"));
}

fn meeting_form<'a>(
    village: &'a str,
    date: &'a str,
    attendance: &'a str,
    minutes: &'a str,
    proposals: &[&'a str],
) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("held_on", date),
        ("village", village),
        ("place", "Мектеп спортзалы"),
        ("attendance", attendance),
        ("minutes", minutes),
    ];
    f.extend(proposals.iter().map(|p| ("proposal", *p)));
    f
}

#[tokio::test]
async fn coordinators_record_meetings_shown_on_the_cycle_and_proposal_pages() {
    let app = TestApp::with_people().await;
    let v = voting_cycle(&app, VOTING_YEAR).await;
    let (cycle, pids) = (v.id, v.admitted);
    let new = format!("/pb/{cycle}/meetings/new");
    let post = format!("/pb/{cycle}/meetings?lang=en");
    let r = app.login_as(Role::Resident).await;
    assert_eq!(r.get(&new).await.status, StatusCode::FORBIDDEN);
    let token = r.get("/account").await.csrf();
    let mut fields = vec![("csrf", token.as_str())];
    fields.extend(meeting_form(
        "114435100",
        "2026-01-10",
        "5",
        "Хаттама мәтіні.",
        &[],
    ));
    assert_eq!(r.post(&post, &fields).await.status, StatusCode::FORBIDDEN);

    let coordinator = app.login_as(Role::Coordinator).await;
    let form = coordinator.get(&format!("{new}?lang=en")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.has("Полтавское") && form.has("name=\"proposal\""));

    // Bad input: every problem explained, everything typed kept.
    let tomorrow = (app.clock.today() + chrono::Days::new(1)).to_string();
    let a = pids[0].to_string();
    let b = pids[3].to_string();
    let bad = coordinator
        .submit(
            &new,
            &post,
            &meeting_form(
                "114441100",
                &tomorrow,
                "0",
                "Қысқа",
                &[&a, "not-a-proposal"],
            ),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for msg in [
        "Choose a village of the cycle",
        "the date cannot be later than today",
        "Attendance must be a whole number from 1 to",
        "The text must have 10 to 10,000 characters.",
        "Only proposals of this cycle can be chosen.",
    ] {
        assert!(bad.has(msg), "{msg}");
    }
    assert!(
        bad.has("value=\"Мектеп спортзалы\"") && bad.has(&tomorrow) && bad.has("Қысқа</textarea>")
    );
    assert!(bad.has(&format!("value=\"{a}\" checked")));

    // A good record: its own page, and listed on the cycle page and the linked proposals'.
    let minutes = "Жиналыс су құбыры мен көпір жобаларын талқылады.\nТұрғындар екеуін де қолдады.";
    let ok = coordinator
        .submit(
            &new,
            &post,
            &meeting_form("114435100", "2026-01-10", "48", minutes, &[&a, &b]),
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let path = ok.location().split('?').next().unwrap_or("").to_string();
    assert!(path.starts_with("/pb/meetings/"));
    let public = app.client();
    let page = public.get(&format!("{path}?lang=en")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.has("Жиналыс су құбыры")
            && page.has("48 participants")
            && page.has("Мектеп спортзалы")
    );
    assert!(page.has(&format!("/pb/proposals/{a}")) && page.has(&format!("/pb/proposals/{b}")));
    assert!(!page.has(&format!("/pb/proposals/{}", pids[1])));
    let cycle_page = public.get(&format!("/pb/{cycle}?lang=en")).await;
    assert!(cycle_page.has(&path) && cycle_page.has("48 participants"));
    for pid in [&a, &b] {
        assert!(public.get(&format!("/pb/proposals/{pid}")).await.has(&path));
    }
    assert!(!public
        .get(&format!("/pb/proposals/{}", pids[1]))
        .await
        .has(&path));
    assert_eq!(
        public.get("/pb/meetings/not-a-uuid").await.status,
        StatusCode::NOT_FOUND
    );
}

fn proposal(title: &str) -> Vec<(&str, &str)> {
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
        ("cost_amount_0", "2 000 000"),
        ("pledge_money", ""),
        ("pledge_labour_days", "0"),
    ]
}

#[tokio::test]
async fn authors_get_a_notice_on_every_decision_and_can_edit_a_returned_proposal() {
    let app = TestApp::with_people().await;
    let id = collecting_cycle(&app, 2036, 5).await;
    let r = app.login_as(Role::Resident).await;
    let mut pids = Vec::new();
    for title in ["Су құбыры", "Жарық шамдары", "Спорт алаңы", "Көпір жөндеу"]
    {
        let res = r
            .submit(
                &format!("/pb/{id}/proposals/new"),
                &format!("/pb/{id}/proposals"),
                &proposal(title),
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        pids.push(
            res.location()
                .trim_start_matches("/pb/proposals/")
                .split('?')
                .next()
                .unwrap_or("")
                .to_string(),
        );
    }
    let coordinator = app.login_as(Role::Coordinator).await;
    let token = coordinator.get(&format!("/pb/{id}")).await.csrf();
    let moved = coordinator
        .post(
            &format!("/pb/{id}/stage"),
            &[("csrf", &token), ("to", "review")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let decide = |pid: &str, decision: &'static str, reason: &'static str| {
        let coordinator = &coordinator;
        let pid = pid.to_string();
        async move {
            let res = coordinator
                .submit(
                    &format!("/pb/proposals/{pid}"),
                    &format!("/pb/proposals/{pid}/decision"),
                    &[("decision", decision), ("reason", reason)],
                )
                .await;
            assert_eq!(
                res.status,
                StatusCode::SEE_OTHER,
                "{decision}: {}",
                res.body
            );
        }
    };
    decide(pids[0].as_str(), "admit", "").await;
    decide(pids[1].as_str(), "reject", "Жер телімі жеке меншікте.").await;
    decide(
        pids[2].as_str(),
        "return",
        "Смета толық емес: жабдықты қосыңыз.",
    )
    .await;
    let merged = coordinator
        .submit(
            &format!("/pb/proposals/{}", pids[3]),
            &format!("/pb/proposals/{}/decision", pids[3]),
            &[
                ("decision", "merge"),
                ("reason", "Бір жерге арналған екі ұсыныс."),
                ("merged_into", &pids[0]),
            ],
        )
        .await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER);

    // One notice per decision, each linking to its proposal.
    assert!(r
        .get("/account?lang=en")
        .await
        .has("href=\"/initiatives/mine\""));
    store::pb::discussion::notices_of(&app.db, app.demo_user(Role::Resident).await, 50)
        .await
        .expect("notices");
    let mine = r.get("/initiatives/mine?lang=en").await;
    for text in [
        "the expert council admitted your proposal to the vote.",
        "the expert council rejected your proposal; the reason is published on its page.",
        "the expert council returned your proposal for revision: you can now edit it and send it back to the council.",
        "the expert council merged your proposal into another one.",
    ] {
        assert!(mine.has(text), "{text}: {}", mine.body);
    }
    for pid in &pids {
        assert!(mine.has(&format!("/pb/proposals/{pid}")));
    }
    let kk = r.get("/initiatives/mine?lang=kk").await;
    assert!(kk.has("пысықтауға қайтарды: енді оны өзгертіп"));
    // Only the author: another resident's notices stay empty of them.
    let outsider = app.register_outsider().await;
    assert!(!outsider
        .get("/initiatives/mine?lang=en")
        .await
        .has("expert council"));

    // "You can now edit": right after the decision, while review goes on…
    let returned = &pids[2];
    let edit = format!("/pb/proposals/{returned}/edit");
    assert_eq!(r.get(&edit).await.status, StatusCode::OK);
    assert_eq!(
        r.get(&format!("/pb/proposals/{}/edit", pids[1]))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut fixed = proposal("Спорт алаңы мен жабдық");
    fixed.push(("cost_label_1", "Жабдық"));
    fixed.push(("cost_amount_1", "900 000"));
    let saved = r.submit(&edit, &edit, &fixed).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = r.get(&format!("/pb/proposals/{returned}?lang=en")).await;
    assert!(page.has("awaiting expert review") && page.has("Спорт алаңы мен жабдық"));
    assert_eq!(r.get(&edit).await.status, StatusCode::FORBIDDEN);

    // …and during the revision stage after a second return.
    decide(returned.as_str(), "return", "Орнын нақтылаңыз: қай көше?").await;
    let moved = coordinator
        .post(
            &format!("/pb/{id}/stage"),
            &[("csrf", &token), ("to", "revision")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let mut placed = fixed.clone();
    if let Some(slot) = placed.iter_mut().find(|(k, _)| *k == "place") {
        slot.1 = "Бейбітшілік көшесі, 12";
    }
    let saved = r.submit(&edit, &edit, &placed).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = r.get(&format!("/pb/proposals/{returned}?lang=en")).await;
    assert!(page.has("Бейбітшілік көшесі, 12") && page.has("awaiting expert review"));
    let notices =
        store::pb::discussion::notices_of(&app.db, app.demo_user(Role::Resident).await, 50)
            .await
            .expect("notices");
    assert_eq!(
        notices
            .iter()
            .filter(|n| n.kind.starts_with("decided:") && pids.contains(&n.proposal_id.to_string()))
            .count(),
        5,
        "admit, reject, return, merge, return again"
    );
}

/// Pseudo-random Kazakh "words": text that compresses about as badly as real text can.
fn noisy_text(seed: u64, chars: usize) -> String {
    const LETTERS: &[char] = &[
        'а', 'ә', 'б', 'в', 'г', 'ғ', 'д', 'е', 'ж', 'з', 'и', 'й', 'к', 'қ', 'л', 'м', 'н', 'ң',
        'о', 'ө', 'п', 'р', 'с', 'т', 'у', 'ұ', 'ү', 'ф', 'х', 'һ', 'ц', 'ч', 'ш', 'ы', 'і', 'э',
    ];
    let mut x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    (0..chars)
        .map(|i| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            if i % 7 == 6 {
                ' '
            } else {
                LETTERS[((x >> 33) as usize) % LETTERS.len()]
            }
        })
        .collect()
}

#[tokio::test]
async fn long_discussions_stay_within_the_page_budget() {
    let app = TestApp::with_people().await;
    let pid = voting_cycle(&app, VOTING_YEAR).await.admitted[4];
    let r = app.login_as(Role::Resident).await;
    for i in 0..12 {
        let res = comment(&r, pid, &noisy_text(i, 1000)).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
    }
    // Every page a test fetches is checked against the 14 KB budget by the support client.
    let coordinator = app.login_as(Role::Coordinator).await;
    for path in [
        format!("/pb/proposals/{}", pid),
        format!("/pb/proposals/{}/comments", pid),
        format!("/pb/proposals/{}/comments?page=1", pid),
    ] {
        assert_eq!(coordinator.get(&path).await.status, StatusCode::OK);
        assert_eq!(app.client().get(&path).await.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn moderation_stays_inside_the_coordinators_territory() {
    let app = TestApp::with_people().await;
    // A comment in a cycle of another district's okrug, outside the demo coordinator's.
    let other = territory_tree(&app.db, "63", 1).await;
    let village = &other.villages[0];
    let theirs = user_with_role(&app.db, village, Role::Coordinator, &other.okrug).await;
    let now = app.clock.now();
    let cycle = pb_cycle(&app.db, &other, theirs.id, 2040, Stage::Discussion, 1, now).await;
    let pid = cycle.admitted[0];
    let author = app
        .login(&resident(&app.db, village, domain::Level::InPerson).await)
        .await;
    let res = comment(&author, pid, "Сырттағы пікір").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let k = store::pb::discussion::comments(&app.db, pid, 0, 10)
        .await
        .expect("comments")[0]
        .id;
    let moderate = format!("/pb/comments/{k}/moderate");
    let coordinator = app.login_as(Role::Coordinator).await;
    assert_eq!(
        coordinator.get(&moderate).await.status,
        StatusCode::FORBIDDEN
    );
    let token = coordinator.get("/account").await.csrf();
    let tried = coordinator
        .post(
            &format!("/pb/comments/{k}/hide"),
            &[("csrf", &token), ("reason", "Басқа аумақтағы пікір")],
        )
        .await;
    assert_eq!(tried.status, StatusCode::FORBIDDEN);
    // The country-wide administrator may.
    let admin = app.login_as(Role::Admin).await;
    let hidden = admin
        .submit(
            &moderate,
            &format!("/pb/comments/{k}/hide"),
            &[("reason", "Тексеру үшін жасырылды")],
        )
        .await;
    assert_eq!(hidden.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.client()
            .get("/pb/comments/not-a-uuid/moderate")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

// ---- in a browser ----

mod browser {
    use crate::browser::{
        click, expect_text, fill, login_demo, logout, within, Failure, Session, Shots,
    };
    use crate::support::pages::voting_cycle;
    use crate::support::TestApp;
    use fantoccini::Client;

    use std::time::Duration;
    use web::i18n::Lang;

    const FLOW_BUDGET: Duration = Duration::from_secs(120);
    const REASON: &str = "Балағат сөз қолданылған";

    #[tokio::test]
    #[ignore = "needs Chromium and chromedriver: cargo test --test it browser -- --ignored"]
    async fn a_resident_comments_and_the_coordinator_hides_it_with_a_reason() {
        let mut b = Session::start("browser-pb-discussion").await;
        let app = TestApp::with_people().await;
        let base = format!("http://{}", app.addr);
        let outcome = within(FLOW_BUDGET, flow(&b.client, &base, &app, &mut b.shots)).await;
        b.finish(outcome).await;
    }

    async fn flow(c: &Client, base: &str, app: &TestApp, shots: &mut Shots) -> Result<(), Failure> {
        let kk = Lang::Kk;
        c.set_window_size(412, 900).await?;
        let pid = voting_cycle(app, super::VOTING_YEAR).await.admitted[4];
        let path = format!("/pb/proposals/{pid}");

        login_demo(c, base, "resident").await?;
        c.goto(&format!("{base}{path}")).await?;
        fill(
            c,
            "#text",
            "Алаңға көлеңке үшін ағаш отырғызу керек, ақымақтар!",
        )
        .await?;
        shots.save(c, "comment-typed").await?;
        click(c, &format!("form[action='{path}/comments'] button")).await?;
        expect_text(
            c,
            "main .notice[role=status]",
            &kk.t("pb-discussion-comment-added"),
        )
        .await?;
        shots.save(c, "commented").await?;
        logout(c).await?;

        login_demo(c, base, "coordinator").await?;
        c.goto(&format!("{base}{path}")).await?;
        click(c, "main a[href$='/moderate']").await?;
        fill(c, "#reason", REASON).await?;
        shots.save(c, "reason-typed").await?;
        click(c, "form[action$='/hide'] button").await?;
        expect_text(
            c,
            "main .notice[role=status]",
            &kk.t("pb-discussion-comment-hidden"),
        )
        .await?;
        logout(c).await?;

        c.goto(&format!("{base}{path}")).await?;
        let want = kk.t_args(
            "pb-discussion-hidden-by-moderator",
            &[("reason", web::i18n::Arg::Str(REASON.to_string()))],
        );
        expect_text(c, "main .prose.muted em", &want).await?;
        shots.save(c, "hidden-for-everyone").await?;
        Ok(())
    }
}
