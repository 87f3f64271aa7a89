//! Implementation of funded projects: their public records, officials' edits with a public log,
//! the monitoring group and its acceptance, residents' reports with photos and the answer
//! deadline in working days, the holiday table, the accountability page, the API, and who may
//! do what. Runs on SQLite, and on PostgreSQL when `QATYSU_TEST_DATABASE_URL` is set.

use crate::support::civic::{
    acceptance, answer_report, contractor_bin, demo_account, finished_cycle, implementation,
    monitoring_group, monitoring_report, okrug_tree, FinishedCycle, Plan,
};
use crate::support::{
    accept_invitation, fresh_db, resident, user_with_role, Client, Page, Person, TestApp, Tree,
};
use chrono::{Datelike, Days, TimeDelta};
use domain::projects::Verdict;
use domain::{authorize, Action, Grant, Kato, Role};
use qatysu::cli::demo;
use reqwest::StatusCode;

/// The okrug of the finished cycle: in the demo district, where no demo account lives.
const OKRUG: &str = "114445000";

/// A cycle of the okrug finished 19 days ago with `n` funded projects and one proposal left
/// unfunded, and the okrug.
async fn finished(app: &TestApp, n: usize) -> (Tree, FinishedCycle) {
    let tree = okrug_tree(&app.db, OKRUG).await;
    let home = &tree.villages[0];
    let coordinator = user_with_role(&app.db, home, Role::Coordinator, &tree.okrug).await;
    let now = app.clock.now();
    let cy = finished_cycle(&app.db, &tree, coordinator.id, n, 1, now).await;
    (tree, cy)
}

/// Residents of the okrug's villages, one after another.
async fn residents(app: &TestApp, tree: &Tree, n: usize) -> Vec<Person> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(
            resident(
                &app.db,
                &tree.villages[i % tree.villages.len()],
                domain::Level::InPerson,
            )
            .await,
        );
    }
    out
}

/// The demo's implementation of the okrug's cycle: the first project finished on time and
/// accepted by four of the five members of the monitoring group, the second late with three
/// residents' reports (one answered, one overdue, one not yet due), the third accepted with
/// remarks.
async fn as_in_the_demo(app: &TestApp) -> FinishedCycle {
    let (tree, cy) = finished(app, 3).await;
    let (db, now, today) = (&app.db, app.clock.now(), app.clock.today());
    let official = demo_account(db, Role::Official).await;
    let admin = demo_account(db, Role::Admin).await;
    let members = residents(app, &tree, 5).await;
    let ids: Vec<_> = members.iter().map(|m| m.id).collect();
    monitoring_group(db, cy.id, admin, &ids, now).await;
    let ago = |d: u64| today - Days::new(d);
    let plans = [
        (ago(90), Some(ago(100)), [100, 100, 100]),
        (ago(60), None, [100, 60, 0]),
        (ago(120), Some(ago(122)), [100, 100, 100]),
    ];
    for (p, (planned_end, actual_end, progress)) in cy.funded.iter().zip(plans) {
        let plan = Plan {
            planned_end,
            actual_end,
            progress,
        };
        implementation(db, *p, official, plan, now).await;
    }
    let (on_time, late, remarks) = (cy.funded[0], cy.funded[1], cy.funded[2]);
    for m in &ids[..4] {
        acceptance(db, on_time, *m, Verdict::Accepted, "").await;
    }
    acceptance(db, remarks, ids[0], Verdict::Accepted, "").await;
    let trench = "Кабель траншеясы толық көмілмеген.";
    acceptance(db, remarks, ids[2], Verdict::AcceptedWithRemarks, trench).await;
    let lamps = "Екі шам түнде жанбайды.";
    acceptance(db, remarks, ids[3], Verdict::AcceptedWithRemarks, lamps).await;
    let days = |d: i64| now - TimeDelta::days(d);
    let shallow = "Құбырлар жерге тым таяз салынып жатыр.";
    let answered = monitoring_report(db, late, ids[1], shallow, days(70)).await;
    answer_report(db, answered, official, days(60)).await;
    let idle = "Работы на верхней улице так и не начались.";
    monitoring_report(db, late, ids[4], idle, days(30)).await;
    let pit = "Котлован не огорожен, рядом ходят дети.";
    monitoring_report(db, late, ids[3], pit, days(2)).await;
    cy
}

async fn token(c: &Client, page: &str) -> String {
    c.get(page).await.csrf_or_empty()
}

/// A multipart form as a browser sends it: the CSRF token in the action URL.
async fn multipart(
    c: &Client,
    path: &str,
    token: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> Page {
    c.multipart(path, Some(token), fields, "file", files).await
}

/// A real PNG (photos are decoded, so the first bytes alone no longer pass).
static PNG: std::sync::LazyLock<Vec<u8>> =
    std::sync::LazyLock::new(|| crate::support::photos::png(8, 6));

async fn json(c: &Client, path: &str) -> serde_json::Value {
    let page = c.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
    serde_json::from_str(&page.body).expect("json")
}

/// The holiday table the migration seeds is the domain's default calendar for 2024–2030.
#[tokio::test]
async fn the_seeded_holiday_table_matches_the_default_calendar() {
    let t = fresh_db().await;
    let stored = store::oversight::holidays(&t.db).await.expect("holidays");
    let defaults = domain::oversight::WorkingCalendar::default_holidays(2024..=2030);
    assert_eq!(stored.len(), defaults.len());
    for h in &defaults {
        assert!(stored.contains(h), "{h:?} seeded");
    }
    let cal = store::oversight::calendar(&t.db).await.expect("calendar");
    let kz = domain::oversight::WorkingCalendar::kazakhstan(2024..=2030);
    let mut d = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    while d.year() <= 2030 {
        assert_eq!(cal.is_working_day(d), kz.is_working_day(d), "{d}");
        d = d.succ_opt().expect("next day");
    }
}

#[tokio::test]
async fn projects_show_progress_lateness_acceptance_and_reports() {
    let app = TestApp::with_people().await;
    let cy = as_in_the_demo(&app).await;
    let (cycle, ids) = (cy.id, cy.funded.clone());
    let c = app.client();
    let list = c.get(&format!("/pb/{cycle}/projects?lang=en")).await;
    assert_eq!(list.status, StatusCode::OK);
    for id in &ids[..3] {
        assert!(list.has(&id.to_string()), "every funded project is listed");
    }
    assert!(list.has("late"), "the late one is highlighted");
    let results = c.get(&format!("/pb/{cycle}/results")).await;
    assert!(results.has(&format!("/pb/{cycle}/projects")));
    let on_time = json(&c, &format!("/api/v1/projects/{}/implementation", ids[0])).await;
    assert_eq!(on_time["recorded"], true);
    assert_eq!(on_time["late"], false);
    assert_eq!(on_time["progress"], 100);
    assert_eq!(on_time["acceptance"].as_array().map(Vec::len), Some(4));
    let late = json(&c, &format!("/api/v1/projects/{}/implementation", ids[1])).await;
    assert_eq!(late["late"], true);
    assert_eq!(late["progress"], 53);
    let reports = late["reports"].as_array().cloned().unwrap_or_default();
    assert_eq!(reports.len(), 3);
    assert_eq!(
        reports.iter().filter(|r| r["overdue"] == true).count(),
        1,
        "one report is overdue"
    );
    assert_eq!(reports.iter().filter(|r| r["answered"] == true).count(), 1);
    let listed = json(&c, &format!("/api/v1/projects?territory={OKRUG}")).await;
    let listed = listed.as_array().cloned().unwrap_or_default();
    assert_eq!(listed.len(), ids.len());
    assert!(listed
        .iter()
        .any(|p| p["id"] == ids[1].to_string() && p["late"] == true));
    let remarks = json(&c, &format!("/api/v1/projects/{}/implementation", ids[2])).await;
    assert!(remarks["acceptance"]
        .as_array()
        .is_some_and(|a| a.iter().any(|x| x["verdict"] == "remarks")));
    let page = c.get(&format!("/projects/{}?lang=ru", ids[1])).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has("Работы просрочены"));
    assert!(page.has("Ответ просрочен"));
    assert!(page.has("Журнал изменений"));
    let page = c.get(&format!("/projects/{}?lang=kk", ids[2])).await;
    assert!(page.has("Ескертпелермен қабылданды"));
    // An unfunded proposal has no implementation page.
    let all = store::pb::proposals::of_cycle(&app.db, cycle)
        .await
        .expect("proposals");
    let unfunded = all
        .iter()
        .find(|p| !ids.contains(&p.id))
        .expect("an unfunded proposal");
    assert_eq!(unfunded.id, cy.unfunded[0]);
    assert_eq!(
        c.get(&format!("/projects/{}", unfunded.id)).await.status,
        StatusCode::NOT_FOUND
    );
    // The territory's list, the accountability page and its API.
    assert!(c
        .get(&format!("/territories/{OKRUG}/projects"))
        .await
        .has(&ids[1].to_string()));
    let t = c.get(&format!("/territories/{OKRUG}")).await;
    assert!(t.has(&format!("/territories/{OKRUG}/accountability")));
    let acc = c
        .get(&format!("/territories/{OKRUG}/accountability?lang=en"))
        .await;
    assert_eq!(acc.status, StatusCode::OK);
    assert!(acc.has("Monitoring report") && acc.has("days overdue"));
    let items = json(&c, &format!("/api/v1/accountability?territory={OKRUG}")).await;
    let items = items.as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 2, "two unanswered reports: {items:?}");
    for i in &items {
        for k in ["kind", "id", "title", "due", "days_overdue"] {
            assert!(i.get(k).is_some(), "{k} in {i}");
        }
        assert!(i["days_overdue"].as_i64().is_some_and(|d| d >= 0));
    }
    assert!(
        items[0]["due"].as_str() >= items[1]["due"].as_str(),
        "newest first"
    );
    assert!(items.iter().any(|i| i["days_overdue"].as_i64() > Some(0)));
    // The district above sees them too; another okrug does not.
    let district = json(&app.client(), "/api/v1/accountability?territory=114400000").await;
    assert!(district.as_array().is_some_and(|a| a.len() >= 2));
    let other = json(&app.client(), "/api/v1/accountability?territory=114441000").await;
    assert_eq!(other.as_array().map(Vec::len), Some(0));
    assert_eq!(
        c.get("/api/v1/accountability?territory=999999999")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn officials_record_implementation_and_bad_input_keeps_what_was_typed() {
    let app = TestApp::with_people().await;
    let (_, cy) = finished(&app, 1).await;
    let p = cy.funded[0];
    let c = app.login_as(Role::Official).await;
    let page = format!("/projects/{p}?lang=ru");
    let tok = token(&c, &page).await;
    let bad = c
        .post(
            &format!("/projects/{p}/implementation?lang=ru"),
            &[
                ("csrf", tok.as_str()),
                ("contractor_name", "ТОО «Проверка»"),
                ("contractor_bin", "123456789012"),
                ("contract_number", "77-Б"),
                ("contract_sum", "12,5"),
                ("planned_start", "2026-05-01"),
                ("planned_end", "2026-04-01"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.has("Это не БИН"), "the BIN is refused in Russian");
    assert!(bad.has("Укажите сумму в целых тенге"));
    assert!(bad.has("Окончание не может быть раньше начала"));
    assert!(
        bad.has("ТОО «Проверка»") && bad.has("77-Б"),
        "what was typed is kept"
    );
    let before = store::projects::get(&app.db, p).await.expect("db");
    assert_ne!(
        before.map(|i| i.contract_number),
        Some("77-Б".to_string()),
        "nothing is half-written"
    );
    let bin = contractor_bin(4);
    let ok = c
        .post(
            &format!("/projects/{p}/implementation"),
            &[
                ("csrf", tok.as_str()),
                ("contractor_name", "ТОО «Проверка»"),
                ("contractor_bin", bin.as_str()),
                ("contract_number", "77-Б"),
                ("contract_sum", "5 000 000"),
                ("planned_start", "2026-05-01"),
                ("planned_end", "2026-06-01"),
                ("actual_start", "2026-05-03"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let saved = store::projects::get(&app.db, p)
        .await
        .expect("db")
        .expect("record");
    assert_eq!(saved.contract_number, "77-Б");
    assert_eq!(saved.contract_sum.tiyn(), 500_000_000);
    let ms = c
        .post(
            &format!("/projects/{p}/milestones"),
            &[
                ("csrf", tok.as_str()),
                ("ms_title", "Бетон"),
                ("ms_due", "2026-05-20"),
                ("ms_progress", "140"),
            ],
        )
        .await;
    assert_eq!(ms.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(ms.has("value=\"Бетон\""));
    let pay = c
        .post(
            &format!("/projects/{p}/payments"),
            &[
                ("csrf", tok.as_str()),
                ("pay_date", "2026-05-10"),
                ("pay_amount", "9 000 000"),
                ("pay_note", "Аванс"),
            ],
        )
        .await;
    assert_eq!(pay.status, StatusCode::SEE_OTHER);
    // Over budget now, and the public log says who changed what.
    let public = app.client().get(&format!("/projects/{p}?lang=en")).await;
    assert!(public.has("More has been paid than the contract sum"));
    assert!(public.has("77-Б") && public.has("Мәдина Қасымова"));
    let log = store::projects::log(&app.db, p).await.expect("log");
    assert_eq!(log[0].what.as_str(), "payment");
    assert_eq!(log[1].what.as_str(), "record");
    // A document: a PDF is kept; an executable is refused before anything is stored.
    let files_before = store::projects::files::of_project(&app.db, p)
        .await
        .expect("files")
        .len();
    let exe = multipart(
        &c,
        &format!("/projects/{p}/files"),
        &tok,
        &[],
        &[("x.pdf", b"MZ\x90\x00")],
    )
    .await;
    assert_eq!(exe.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let pdf = multipart(
        &c,
        &format!("/projects/{p}/files"),
        &tok,
        &[],
        &[("акт.pdf", b"%PDF-1.7 demo")],
    )
    .await;
    assert_eq!(pdf.status, StatusCode::SEE_OTHER, "{}", pdf.body);
    let files = store::projects::files::of_project(&app.db, p)
        .await
        .expect("files");
    assert_eq!(files.len(), files_before + 1);
    let f = files.last().expect("file");
    let got = app
        .client()
        .get(&format!("/projects/{p}/files/{}", f.id))
        .await;
    assert_eq!(got.status, StatusCode::OK);
}

#[tokio::test]
async fn the_monitoring_group_is_recorded_and_only_its_members_sign() {
    let app = TestApp::with_people().await;
    let (tree, cy) = finished(&app, 1).await;
    let (cycle, project) = (cy.id, cy.funded[0]);
    // The group the okrug's gathering elected: five residents.
    let members = residents(&app, &tree, 5).await;
    let ids: Vec<_> = members.iter().map(|m| m.id).collect();
    let admin_id = demo_account(&app.db, Role::Admin).await;
    monitoring_group(&app.db, cycle, admin_id, &ids, app.clock.now()).await;
    let group = format!("/pb/{cycle}/monitoring");
    let public = app.client().get(&group).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.has(&format!("Сынақ Тұрғын {}", members[0].iin.last_four())));
    // The Alakol coordinator cannot record Zhalmankulak's group.
    let coord = app.login_as(Role::Coordinator).await;
    let tok = token(&coord, &group).await;
    let res = coord
        .post(
            &group,
            &[
                ("csrf", tok.as_str()),
                ("elected_on", "2026-05-10"),
                ("gathering", "Жиын"),
                ("contact", "resident@demo.qatysu.kz"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let admin = app.login_as(Role::Admin).await;
    let tok = token(&admin, &group).await;
    let bad = admin
        .post(
            &format!("{group}?lang=en"),
            &[
                ("csrf", tok.as_str()),
                ("elected_on", "10.13.2026"),
                ("gathering", "Сход № 3"),
                ("contact", "nobody@example.kz"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.has("Enter the date as DD.MM.YYYY") && bad.has("value=\"Сход № 3\""));
    let ok = admin
        .post(
            &group,
            &[
                ("csrf", tok.as_str()),
                ("elected_on", "2026-05-10"),
                ("gathering", "Сход № 3"),
                ("contact", "monitor@demo.qatysu.kz"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    // The sixth member is invited; once they accept, the demo monitor signs in Zhalmankulak.
    let m = app.login_as(Role::Monitor).await;
    accept_invitation(&m).await;
    let page = format!("/projects/{project}");
    let tok = token(&m, &page).await;
    let missing = m
        .post(
            &format!("/projects/{project}/acceptance?lang=kk"),
            &[
                ("csrf", tok.as_str()),
                ("verdict", "not_accepted"),
                ("remarks", ""),
            ],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.has("Ескертпелеріңізді жазыңыз"));
    let signed = m
        .post(
            &format!("/projects/{project}/acceptance"),
            &[
                ("csrf", tok.as_str()),
                ("verdict", "not_accepted"),
                ("remarks", "Құбыр әлі төселмеген."),
            ],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    assert!(app.client().get(&page).await.has("Құбыр әлі төселмеген."));
    // An administrator who is not a member may not sign.
    let tok = token(&admin, &page).await;
    let res = admin
        .post(
            &format!("/projects/{project}/acceptance"),
            &[
                ("csrf", tok.as_str()),
                ("verdict", "accepted"),
                ("remarks", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // At most seven members.
    for contact in ["expert@demo.qatysu.kz", "deputy@demo.qatysu.kz"] {
        let r = admin
            .post(
                &group,
                &[
                    ("csrf", tok.as_str()),
                    ("elected_on", "2026-05-10"),
                    ("gathering", "Сход № 3"),
                    ("contact", contact),
                ],
            )
            .await;
        if contact.starts_with("expert") {
            assert_eq!(r.status, StatusCode::SEE_OTHER);
        } else {
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        }
    }
}

#[tokio::test]
async fn residents_report_with_photos_and_the_answer_is_due_in_working_days() {
    let app = TestApp::with_people().await;
    let (tree, cy) = finished(&app, 1).await;
    let p = cy.funded[0];
    let neighbour = resident(&app.db, &tree.villages[0], domain::Level::InPerson).await;
    let page = format!("/projects/{p}");
    let path = format!("/projects/{p}/reports");
    // The demo resident lives in another okrug.
    let outsider = app.login_as(Role::Resident).await;
    let tok = token(&outsider, &page).await;
    let res = multipart(
        &outsider,
        &path,
        &tok,
        &[("judgement", "done_well"), ("body", "Жақсы")],
        &[],
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let r = app.login(&neighbour).await;
    let tok = token(&r, &page).await;
    let count = || async {
        store::projects::monitoring::reports(&app.db, p)
            .await
            .expect("reports")
            .len()
    };
    let before = count().await;
    // Not a photo; too large; bad coordinates: refused, nothing stored, what was typed kept.
    let text = "Спорт алаңының қоршауы қисық орнатылған.";
    let res = multipart(
        &r,
        &format!("{path}?lang=kk"),
        &tok,
        &[("judgement", "poor_quality"), ("body", text)],
        &[("a.pdf", b"%PDF-1.4")],
    )
    .await;
    assert_eq!(res.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(res.body.contains(text) && res.body.contains("Тек PDF, PNG және JPEG"));
    let big = [PNG.as_slice(), &vec![0u8; 5 * 1024 * 1024]].concat();
    let res = multipart(
        &r,
        &path,
        &tok,
        &[("judgement", "poor_quality"), ("body", text)],
        &[("big.png", &big)],
    )
    .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Security review L7: a text field past 64 KB is refused while it is read.
    let long = "қ".repeat(40 * 1024);
    let res = multipart(
        &r,
        &format!("{path}?lang=en"),
        &tok,
        &[("judgement", "poor_quality"), ("body", long.as_str())],
        &[],
    )
    .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", res.body);
    assert!(res
        .body
        .contains("The text in one of the fields is too long"));
    let res = multipart(
        &r,
        &format!("{path}?lang=en"),
        &tok,
        &[
            ("judgement", "poor_quality"),
            ("body", text),
            ("lat", "95"),
            ("lon", "71"),
        ],
        &[],
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Write both coordinates"));
    assert_eq!(count().await, before, "nothing was stored");
    let uploads = app.data.join("uploads").join("projects");
    let files_before = std::fs::read_dir(&uploads).map(|d| d.count()).unwrap_or(0);
    let ok = multipart(
        &r,
        &path,
        &tok,
        &[
            ("judgement", "poor_quality"),
            ("body", text),
            ("lat", "51,40"),
            ("lon", "69.18"),
        ],
        &[("fence.png", PNG.as_slice())],
    )
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(count().await, before + 1);
    assert_eq!(
        std::fs::read_dir(&uploads).map(|d| d.count()).unwrap_or(0),
        files_before + 1
    );
    let report = store::projects::monitoring::reports(&app.db, p)
        .await
        .expect("reports")
        .remove(0);
    assert_eq!(report.coordinates, Some((51.40, 69.18)));
    // The deadline is 10 working days on the stored calendar, and never a day off.
    let cal = store::oversight::calendar(&app.db).await.expect("calendar");
    let due = domain::projects::answer_due(&cal, report.created_at);
    assert!(cal.is_working_day(due));
    let shown = app.client().get(&format!("{page}?lang=en")).await;
    assert!(shown.has("The answer is due by"));
    // Only officials answer; an empty answer is refused.
    let official = app.login_as(Role::Official).await;
    let tok_o = token(&official, &page).await;
    let answer = format!("/projects/{p}/reports/{}/answer", report.id);
    let res = r
        .post(
            &answer,
            &[("csrf", tok.as_str()), ("answer", "Мен жауап берем")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = official
        .post(&answer, &[("csrf", tok_o.as_str()), ("answer", " ")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = official
        .post(
            &answer,
            &[
                ("csrf", tok_o.as_str()),
                ("answer", "Мердігер қоршауды 5 күнде түзетеді."),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = official
        .post(
            &answer,
            &[("csrf", tok_o.as_str()), ("answer", "Екінші жауап")],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "answered once");
    assert!(app
        .client()
        .get(&page)
        .await
        .has("Мердігер қоршауды 5 күнде түзетеді."));
}

#[tokio::test]
async fn the_holiday_table_is_edited_by_administrators_and_moves_deadlines() {
    let app = TestApp::with_people().await;
    let official = app.login_as(Role::Official).await;
    assert_eq!(
        official.get("/admin/holidays").await.status,
        StatusCode::FORBIDDEN
    );
    let admin = app.login_as(Role::Admin).await;
    let page = admin.get("/admin/holidays?year=2027").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has("2027"));
    let tok = page.csrf();
    let day = chrono::NaiveDate::from_ymd_opt(2027, 11, 17).expect("date");
    let before = store::oversight::calendar(&app.db).await.expect("cal");
    assert!(before.is_working_day(day));
    let bad = admin
        .post(
            "/admin/holidays?lang=en",
            &[
                ("csrf", tok.as_str()),
                ("kind", "holiday"),
                ("day", "31.02.2027"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.has("value=\"31.02.2027\""));
    let res = official
        .post(
            "/admin/holidays",
            &[
                ("csrf", tok.as_str()),
                ("kind", "holiday"),
                ("day", "2027-11-17"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let ok = admin
        .post(
            "/admin/holidays",
            &[
                ("csrf", tok.as_str()),
                ("kind", "holiday"),
                ("day", "2027-11-17"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let after = store::oversight::calendar(&app.db).await.expect("cal");
    assert!(!after.is_working_day(day));
    let from = chrono::NaiveDate::from_ymd_opt(2027, 11, 16).expect("date");
    assert_eq!(
        after.add_working_days(from, 1),
        before.add_working_days(from, 2),
        "the deadline moves by the new day off"
    );
    // A transfer: the working day must be a weekend day.
    let res = admin
        .post(
            "/admin/holidays",
            &[
                ("csrf", tok.as_str()),
                ("kind", "transfer"),
                ("day_off", "2027-11-19"),
                ("working_day", "2027-11-22"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = admin
        .post(
            "/admin/holidays",
            &[
                ("csrf", tok.as_str()),
                ("kind", "transfer"),
                ("day_off", "2027-11-19"),
                ("working_day", "2027-11-20"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let cal = store::oversight::calendar(&app.db).await.expect("cal");
    assert!(cal.is_working_day(chrono::NaiveDate::from_ymd_opt(2027, 11, 20).expect("d")));
    let res = admin
        .post(
            "/admin/holidays/remove",
            &[("csrf", tok.as_str()), ("holiday", "2027-11-17")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let cal = store::oversight::calendar(&app.db).await.expect("cal");
    assert!(cal.is_working_day(day));
}

/// Every new action over HTTP, for every demo role: refused (403) exactly where `authorize`
/// (and, for acceptance, membership of the group) says no.
#[tokio::test]
async fn project_actions_matrix_over_http() {
    let app = TestApp::with_people().await;
    let (tree, cy) = finished(&app, 1).await;
    let (cycle, p) = (cy.id, cy.funded[0]);
    // A group of one resident of the okrug, who has reported on the project.
    let member = resident(&app.db, &tree.villages[0], domain::Level::InPerson).await;
    let admin = demo_account(&app.db, Role::Admin).await;
    let now = app.clock.now();
    monitoring_group(&app.db, cycle, admin, &[member.id], now).await;
    let body = "Котлован не огорожен.";
    monitoring_report(&app.db, p, member.id, body, now - TimeDelta::days(3)).await;
    let report = store::projects::monitoring::reports(&app.db, p)
        .await
        .expect("reports")
        .into_iter()
        .find(|r| r.answer.is_none())
        .expect("an unanswered report");
    // An invitation to the council waiting for another person's answer.
    let invitee = resident(&app.db, &tree.villages[0], domain::Level::InPerson).await;
    store::pb::review::invite_member(&app.db, cycle, invitee.id, true, admin, now)
        .await
        .expect("invite");
    let invitation = store::oversight::invitations::addressed_to(&app.db, invitee.id)
        .await
        .expect("invitations")
        .into_iter()
        .next()
        .expect("the invitation")
        .id;
    let okrug = tree.okrug;
    for role in Role::ALL {
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
        let may = |a: Action| authorize(&grants, a, &okrug.path);
        let tok = token(&c, &format!("/projects/{p}")).await;
        let cases: [(Action, String, bool); 6] = [
            (
                Action::EditImplementation,
                format!("/projects/{p}/implementation"),
                may(Action::EditImplementation),
            ),
            (
                Action::EditImplementation,
                format!("/projects/{p}/payments"),
                may(Action::EditImplementation),
            ),
            (
                Action::AnswerMonitoringReport,
                format!("/projects/{p}/reports/{}/answer", report.id),
                may(Action::AnswerMonitoringReport),
            ),
            (
                Action::RecordMonitoringGroup,
                format!("/pb/{cycle}/monitoring"),
                may(Action::RecordMonitoringGroup) && may(Action::InviteMember),
            ),
            // Security review M5: inviting to the council (an empty contact: 422 when allowed).
            (
                Action::InviteMember,
                format!("/pb/{cycle}/council"),
                may(Action::InviteMember),
            ),
            // No demo account is a member of this group: nobody signs.
            (
                Action::SignAcceptance,
                format!("/projects/{p}/acceptance"),
                false,
            ),
        ];
        for (action, path, allowed) in cases {
            let res = c.post(&path, &[("csrf", tok.as_str())]).await;
            assert_eq!(
                res.status != StatusCode::FORBIDDEN,
                allowed,
                "{role:?} {action:?} {path}: {}",
                res.status
            );
            if allowed {
                assert_eq!(
                    res.status,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "{role:?} {path}"
                );
            }
        }
        // Answering an invitation is everyone's on their own account (the demo accounts all
        // live in Alakol): another person's invitation is not found, for every role.
        let home: Vec<Kato> = ["110000000", "114400000", "114435000", demo::DEMO_VILLAGE]
            .iter()
            .filter_map(|k| Kato::parse(k).ok())
            .collect();
        assert!(domain::may(&grants, &home, Action::AnswerInvitation, &home));
        for answer in ["accept", "decline"] {
            let path = format!("/account/invitations/{invitation}/{answer}");
            let res = c.post(&path, &[("csrf", tok.as_str())]).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{role:?} {path}");
        }
        // Reporting is checked on the place of residence (Alakol for every demo account, the
        // project is in Zhalmankulak): nobody may, administrators included.
        let res = multipart(&c, &format!("/projects/{p}/reports"), &tok, &[], &[]).await;
        let allowed = false;
        assert_eq!(
            res.status != StatusCode::FORBIDDEN,
            allowed,
            "{role:?} reports"
        );
        let res = c.post("/admin/holidays", &[("csrf", tok.as_str())]).await;
        assert_eq!(
            res.status != StatusCode::FORBIDDEN,
            authorize(&grants, Action::EditHolidays, &okrug.path),
            "{role:?} edits holidays"
        );
    }
    // Signed out: a form asks to log in.
    let anon = app.client();
    let tok = token(&anon, "/login").await;
    let res = anon
        .post(
            &format!("/projects/{p}/implementation"),
            &[("csrf", tok.as_str())],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

/// The accountability list of the browser test: an answered report leaves it, an old
/// unanswered one is overdue on it.
#[tokio::test]
async fn an_old_unanswered_report_is_overdue_on_the_accountability_page() {
    let app = TestApp::with_people().await;
    let (tree, cy) = finished(&app, 1).await;
    let project = cy.funded[0];
    let neighbour = resident(&app.db, &tree.villages[0], domain::Level::InPerson).await;
    let r = app.login(&neighbour).await;
    let page = format!("/projects/{project}");
    let tok = token(&r, &page).await;
    let res = multipart(
        &r,
        &format!("/projects/{project}/reports"),
        &tok,
        &[
            ("judgement", "not_started"),
            ("body", "Шамдар әлі орнатылмаған."),
        ],
        &[],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let id = store::projects::monitoring::reports(&app.db, project)
        .await
        .expect("reports")[0]
        .id;
    // Forty days later, the answer is overdue.
    app.clock.advance(chrono::Duration::days(40));
    let items = json(
        &app.client(),
        &format!("/api/v1/accountability?territory={OKRUG}"),
    )
    .await;
    let mine = items
        .as_array()
        .and_then(|a| a.iter().find(|i| i["id"] == id.to_string()).cloned())
        .expect("listed");
    assert_eq!(mine["kind"], "report");
    assert!(mine["days_overdue"].as_i64().is_some_and(|d| d > 0));
}

mod browser {
    //! Browser test: a resident reports → the official answers → a second, overdue report
    //! appears on the accountability page.
    //!
    //!     cargo test --test it projects::browser -- --ignored --nocapture

    use super::{finished, OKRUG};
    use crate::browser::{
        click, fill, login_with, logout, wait_for, within, Failure, Session, Shots,
    };
    use crate::support::{resident, Person, TestApp, BUILDER_PASSWORD};
    use fantoccini::{Client, Locator};
    use std::time::Duration;
    use uuid::Uuid;

    const FLOW_BUDGET: Duration = Duration::from_secs(180);

    #[tokio::test]
    #[ignore = "needs Chromium and chromedriver: cargo test --test it browser -- --ignored"]
    async fn a_report_is_answered_and_an_overdue_one_is_listed_in_a_browser() {
        let mut b = Session::start("browser-projects").await;
        let app = TestApp::with_people().await;
        let (tree, cy) = finished(&app, 1).await;
        let neighbour = resident(&app.db, &tree.villages[0], domain::Level::InPerson).await;
        let base = format!("http://{}", app.addr);
        let built = (cy.funded[0], &neighbour);
        let outcome = within(
            FLOW_BUDGET,
            flow(&b.client, &base, &app, built, &mut b.shots),
        )
        .await;
        b.finish(outcome).await;
    }

    async fn report(c: &Client, base: &str, project: &str, text: &str) -> Result<(), Failure> {
        c.goto(&format!("{base}/projects/{project}")).await?;
        click(c, "input[name=judgement][value=poor_quality]").await?;
        fill(c, "#body", text).await?;
        click(c, "form[enctype='multipart/form-data'] button[type=submit]").await?;
        wait_for(c, ".notice").await?;
        Ok(())
    }

    /// `built`: the funded project, and a resident of its okrug who reports on it.
    async fn flow(
        c: &Client,
        base: &str,
        app: &TestApp,
        built: (Uuid, &Person),
        shots: &mut Shots,
    ) -> Result<(), Failure> {
        let (id, neighbour) = built;
        let project = id.to_string();
        // In English: the language chosen here is remembered for the whole flow.
        c.goto(&format!("{base}/?lang=en")).await?;
        login_with(c, base, &neighbour.contact, BUILDER_PASSWORD).await?;
        report(
            c,
            base,
            &project,
            "The fence of the sports ground leans; two posts are loose.",
        )
        .await?;
        shots.save(c, "report-filed").await?;
        let body = c.find(Locator::Css("main")).await?.text().await?;
        if !body.contains("two posts are loose") || !body.contains("The answer is due by") {
            return Err("the report and its deadline are shown".into());
        }
        logout(c).await?;
        let official = qatysu::cli::demo::ACCOUNTS
            .iter()
            .find(|a| a.0 == domain::Role::Official)
            .map(|a| (a.3, a.4))
            .unwrap_or_default();
        login_with(c, base, official.0, official.1).await?;
        c.goto(&format!("{base}/projects/{project}")).await?;
        let field = c.find(Locator::Css("textarea[name=answer]")).await?;
        field
            .send_keys("The contractor will fix the posts within 5 days.")
            .await?;
        click(c, "textarea[name=answer] ~ button[type=submit]").await?;
        wait_for(c, ".notice").await?;
        shots.save(c, "answered").await?;
        let body = c.find(Locator::Css("main")).await?.text().await?;
        if !body.contains("fix the posts within 5 days") {
            return Err("the answer is published".into());
        }
        logout(c).await?;
        // A second report, filed long ago and never answered.
        login_with(c, base, &neighbour.contact, BUILDER_PASSWORD).await?;
        report(c, base, &project, "Nobody has come to fix the posts.").await?;
        let reports = store::projects::monitoring::reports(&app.db, id)
            .await
            .map_err(|e| e.to_string())?;
        let second = reports
            .iter()
            .find(|r| r.answer.is_none())
            .ok_or("the second report")?;
        // Some weeks later, it is overdue (within the session's 30 days).
        app.clock.advance(chrono::Duration::days(25));
        c.goto(&format!("{base}/territories/{OKRUG}")).await?;
        click(c, &format!("a[href='/territories/{OKRUG}/accountability']")).await?;
        wait_for(c, "table").await?;
        shots.save(c, "accountability").await?;
        let link = format!("a[href='/projects/{project}#report-{}']", second.id);
        c.find(Locator::Css(&link)).await?;
        let body = c.find(Locator::Css("main")).await?.text().await?;
        if !body.contains("days overdue") {
            return Err("the overdue report is flagged".into());
        }
        Ok(())
    }
}
