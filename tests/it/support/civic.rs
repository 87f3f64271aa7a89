//! Builders for the civic areas: initiatives in any status with their signatures, the funded
//! projects of a finished budget cycle with their records, monitoring groups and reports,
//! public-control events and land reports. Each walks its records through the store functions
//! the use cases call, dated before the clock's `now` as they would have happened, so no test
//! writes SQL behind a status machine.

use super::{move_cycle, next_iin, pb_cycle, Tree};
use chrono::{DateTime, Datelike, Days, NaiveDate, TimeDelta, TimeZone, Utc};
use domain::control::{Deadlines, DocumentKind, EventKind};
use domain::initiatives::ThresholdRule;
use domain::initiatives::{after_collection, Addressee, AnswerKind, FollowUp, Status};
use domain::land::{Hectares, LandKind, LandStatus};
use domain::money::Tenge;
use domain::oversight::{Bin, CadastralNumber, WorkingCalendar};
use domain::projects::{Judgement, Verdict};
use domain::{Contact, Kato, Role};
use qatysu::cli::demo;
use store::initiatives::{self as ini, Answer, Draft, NewPaperRow, NewSignature, OnThreshold};
use store::territories::Territory;
use store::Db;
use uuid::Uuid;

/// The id of the demo account that holds `role` (on a `TestApp::with_people` app).
pub async fn demo_account(db: &Db, role: Role) -> Uuid {
    let (_, _, _, email, _) = demo::ACCOUNTS
        .iter()
        .find(|a| a.0 == role)
        .expect("a demo role");
    let contact = Contact::parse(email).expect("demo contact");
    store::accounts::credentials(db, &contact)
        .await
        .expect("read the account")
        .expect("the demo account")
        .0
        .id
}

/// An okrug of the demo district (`kato`) with its villages as a [`Tree`].
pub async fn okrug_tree(db: &Db, kato: &str) -> Tree {
    let okrug = territory(db, kato).await;
    let villages = store::territories::children(db, Some(okrug.id))
        .await
        .expect("the okrug's villages");
    Tree {
        district: territory(db, &format!("{}00000", &kato[..4])).await,
        okrug,
        villages,
    }
}

/// A demo territory by its KATO code.
pub async fn territory(db: &Db, kato: &str) -> Territory {
    store::territories::by_kato(db, &Kato::parse(kato).expect("KATO"))
        .await
        .expect("read territory")
        .expect("a demo territory")
}

// ---- initiatives ----

/// Who writes, moderates, types in and answers the initiatives of `territory`.
#[derive(Debug, Clone)]
pub struct Cast {
    pub territory: Territory,
    /// Where paper signers live: the settlements of the territory.
    pub villages: Vec<Territory>,
    pub author: Uuid,
    /// Publishes, and types each paper sheet first.
    pub moderator: Uuid,
    /// Types each paper sheet the second time.
    pub typist: Uuid,
    pub official: Uuid,
}

impl Cast {
    /// The demo okrug with the demo resident writing, the coordinator moderating, the
    /// administrator typing sheets again and the district's official answering.
    pub async fn demo(db: &Db) -> Cast {
        let tree = super::demo_tree(db).await;
        Cast {
            territory: tree.okrug,
            villages: tree.villages,
            author: demo_account(db, Role::Resident).await,
            moderator: demo_account(db, Role::Coordinator).await,
            typist: demo_account(db, Role::Admin).await,
            official: demo_account(db, Role::Official).await,
        }
    }
}

/// The threshold every builder initiative is published with.
pub const REQUIRED: i64 = 12;
/// Paper signatures on a collecting (and on a closed) builder initiative: fewer than needed.
pub const COLLECTED: usize = 6;

/// Set `territory`'s rule to the demo's: 2% of its people or `fixed` signatures, the fewer.
pub async fn initiative_rule(db: &Db, territory: &Territory, fixed: u32, now: DateTime<Utc>) {
    let rule = ThresholdRule {
        fixed: Some(fixed),
        ..ThresholdRule::default()
    };
    rule.validate().expect("a valid rule");
    ini::set_rule(db, territory.id, &rule, now)
        .await
        .expect("set the rule");
}

/// An initiative of `c.territory` titled `title`, walked into `status` at times before `now`:
/// a draft of 3 days; returned 10 days ago; collecting since 20 days with [`COLLECTED`] paper
/// signatures; threshold of [`REQUIRED`] reached 5 days ago (answer due in 25); answered
/// (partly) 80 days ago; implemented 60 days ago; closed below the threshold after six months.
pub async fn initiative(
    db: &Db,
    c: &Cast,
    status: Status,
    title: &str,
    now: DateTime<Utc>,
) -> Uuid {
    let ago = |d: i64| now - TimeDelta::days(d);
    match status {
        Status::Draft => draft(db, c, title, ago(3)).await,
        Status::Returned => {
            let id = draft(db, c, title, ago(12)).await;
            let reason = "Қай жерде екенін нақты көрсетіңіз.";
            ini::return_to_author(db, id, c.moderator, reason, ago(10))
                .await
                .expect("store")
                .expect("a draft can be returned");
            id
        }
        Status::Collecting => {
            let id = published(db, c, title, ago(20)).await;
            paper_signatures(db, c, id, "1", COLLECTED, ago(15)).await;
            id
        }
        Status::MustConsider => reached(db, c, title, 35, 5, now).await,
        Status::Answered => {
            let id = reached(db, c, title, 120, 100, now).await;
            answer(db, c, id, AnswerKind::Partly, ago(80)).await;
            id
        }
        Status::Implemented => {
            let id = reached(db, c, title, 300, 280, now).await;
            answer(db, c, id, AnswerKind::Accepted, ago(260)).await;
            follow(db, c, id, FollowUp::InProgress, ago(150)).await;
            follow(db, c, id, FollowUp::Implemented, ago(60)).await;
            id
        }
        Status::Closed => closed(db, c, title, now).await,
    }
}

/// An initiative whose threshold was reached 40 days before `now`: its answer (due in 30
/// days) is 10 days overdue.
pub async fn overdue_initiative(db: &Db, c: &Cast, title: &str, now: DateTime<Utc>) -> Uuid {
    reached(db, c, title, 70, 40, now).await
}

async fn draft(db: &Db, c: &Cast, title: &str, at: DateTime<Utc>) -> Uuid {
    let d = Draft {
        territory_id: c.territory.id,
        addressee: Addressee::Akim,
        title: title.into(),
        ask: format!("{title}: тұрғындар осыны сұрайды."),
        reasons: "Ауыл тұрғындары бұл мәселені жиында көтерді.".into(),
    };
    ini::create(db, c.author, &d, at)
        .await
        .expect("create the draft")
}

async fn published(db: &Db, c: &Cast, title: &str, at: DateTime<Utc>) -> Uuid {
    let id = draft(db, c, title, at - TimeDelta::days(5)).await;
    let until = ThresholdRule::default().collection_deadline(at);
    ini::publish(db, id, c.moderator, REQUIRED, until, at)
        .await
        .expect("store")
        .expect("a draft can be published");
    id
}

/// Published `published_ago` days before `now`, signed on paper up to [`REQUIRED`]
/// `reached_ago` days before `now`.
async fn reached(
    db: &Db,
    c: &Cast,
    title: &str,
    published_ago: i64,
    reached_ago: i64,
    now: DateTime<Utc>,
) -> Uuid {
    let id = published(db, c, title, now - TimeDelta::days(published_ago)).await;
    let rows = usize::try_from(REQUIRED).expect("small");
    paper_signatures(db, c, id, "1", rows, now - TimeDelta::days(reached_ago)).await;
    let i = ini::get(db, id).await.expect("read").expect("initiative");
    assert_eq!(i.status, Status::MustConsider, "{title}: threshold reached");
    id
}

async fn closed(db: &Db, c: &Cast, title: &str, now: DateTime<Utc>) -> Uuid {
    let at = now - TimeDelta::days(200);
    let id = published(db, c, title, at).await;
    paper_signatures(db, c, id, "1", COLLECTED, at + TimeDelta::days(10)).await;
    let until = ThresholdRule::default().collection_deadline(at);
    let to = after_collection(Status::Collecting, Some(until), now).expect("collection over");
    assert!(ini::end_collection(db, id, Status::Collecting, to, until)
        .await
        .expect("end the collection"));
    id
}

async fn answer(db: &Db, c: &Cast, id: Uuid, kind: AnswerKind, at: DateTime<Utc>) {
    let a = Answer {
        kind,
        text: "Мәселе келесі жылдың бюджетіне енгізілді.".into(),
        url: Some("https://adilet.zan.kz/".into()),
        plan: "Жұмысты келесі жылы орындау".into(),
        plan_due: Some((at + TimeDelta::days(300)).date_naive()),
    };
    ini::answer(db, id, c.official, &a, at)
        .await
        .expect("store")
        .expect("the answer is due");
}

async fn follow(db: &Db, c: &Cast, id: Uuid, step: FollowUp, at: DateTime<Utc>) {
    ini::follow_up(db, id, c.official, step, "Мердігер жұмысты бастады.", at)
        .await
        .expect("store")
        .expect("a follow-up after the answer");
}

/// What reaching the threshold of `id` at `at` records, under the default rule.
async fn reach(db: &Db, id: Uuid, at: DateTime<Utc>) -> OnThreshold {
    let i = ini::get(db, id).await.expect("read").expect("initiative");
    OnThreshold {
        consider_due: ThresholdRule::default().consider_deadline(at),
        answering: i.addressee.answering_role(),
    }
}

const NAMES: [&str; 5] = ["Айгерім", "Нұржан", "Гүлмира", "Ерболат", "Сәуле"];
const SURNAMES: [&str; 7] = [
    "Ахметов",
    "Сейітов",
    "Омарова",
    "Жұмабаев",
    "Қасымова",
    "Нұрланов",
    "Бекова",
];

/// `count` paper signatures of new people living in `c.villages`, on sheet `sheet` signed at
/// `at`, typed in twice (by the moderator, then the typist).
pub async fn paper_signatures(
    db: &Db,
    c: &Cast,
    id: Uuid,
    sheet: &str,
    count: usize,
    at: DateTime<Utc>,
) {
    let rows: Vec<NewPaperRow> = (0..count)
        .map(|n| NewPaperRow {
            name: format!(
                "{} {}",
                NAMES[n % NAMES.len()],
                SURNAMES[n % SURNAMES.len()]
            ),
            person_hash: super::fingerprint(&next_iin()),
            village_id: c.villages[n % c.villages.len()].id,
            signed_on: at.date_naive(),
        })
        .collect();
    let reach = reach(db, id, at).await;
    for by in [c.moderator, c.typist] {
        ini::enter_sheet(db, id, sheet, by, &rows, &reach, at)
            .await
            .expect("enter the sheet");
    }
}

/// `user` signs `id` online from `village` at `at`.
pub async fn online_signature(
    db: &Db,
    id: Uuid,
    user: Uuid,
    village: &Territory,
    at: DateTime<Utc>,
) {
    let s = NewSignature {
        person_hash: ini::person_hash_of(db, user).await.expect("person hash"),
        user_id: Some(user),
        village_id: village.id,
        paper: false,
    };
    let out = ini::sign(db, id, &s, &reach(db, id, at).await, at)
        .await
        .expect("sign");
    assert!(matches!(out, ini::SignOutcome::Signed { .. }), "{out:?}");
}

// ---- projects ----

/// A cycle made by [`finished_cycle`]: its funded proposals in the result's order.
#[derive(Debug, Clone)]
pub struct FinishedCycle {
    pub id: Uuid,
    pub funded: Vec<Uuid>,
    /// Rejected in review, never on the ballot.
    pub unfunded: Vec<Uuid>,
}

/// A cycle of `tree`'s okrug whose voting closed 19 days before `now`, its results published:
/// `funded` proposals admitted and voted for (the budget funds them all, most votes first),
/// and `unfunded` rejected in review.
pub async fn finished_cycle(
    db: &Db,
    tree: &Tree,
    coordinator: Uuid,
    funded: usize,
    unfunded: usize,
    now: DateTime<Utc>,
) -> FinishedCycle {
    use domain::pb::{Decision, Stage};
    // `pb_cycle` starts collecting the day before the `now` it is given; each later move is
    // on its schedule's day, the last (results) 71 days after that start.
    let start = now - TimeDelta::days(90);
    let n = funded + unfunded;
    let year = now.year() - 1;
    let cy = pb_cycle(
        db,
        tree,
        coordinator,
        year,
        Stage::Collection,
        n,
        start + TimeDelta::days(1),
    )
    .await;
    let proposals: Vec<Uuid> = store::pb::proposals::of_cycle(db, cy.id)
        .await
        .expect("proposals")
        .into_iter()
        .map(|p| p.id)
        .collect();
    let day = |d: u64| start.date_naive() + Days::new(d);
    let walk =
        |from: Stage, to: Stage, on: NaiveDate| move_cycle(db, cy.id, from, to, coordinator, on);
    walk(Stage::Collection, Stage::Review, day(31)).await;
    for (i, pid) in proposals.iter().enumerate() {
        let (decision, reason) = if i < funded {
            (Decision::Admit, None)
        } else {
            (Decision::Reject, Some("Ауылдық округтің құзыретінен тыс."))
        };
        store::pb::review::decide(db, *pid, decision, reason, None, coordinator, at(day(40)))
            .await
            .expect("decide");
    }
    walk(Stage::Review, Stage::Discussion, day(46)).await;
    walk(Stage::Discussion, Stage::Voting, day(56)).await;
    let mut ballots = Vec::new();
    for (k, pid) in proposals[..funded].iter().enumerate() {
        // Fewer votes down the list, so the result lists them in this order.
        for v in 0..3 * (funded - k) {
            ballots.push(store::pb::ballots::NewBallot {
                cycle_id: cy.id,
                person_hash: format!("voter-{}-{k}-{v}", cy.id).into_bytes(),
                voter_id: None,
                channel: domain::pb::Channel::Web,
                entered_by: None,
                choices: vec![*pid],
                receipt: format!("T{}{k:02}{v:03}", cy.id.simple()),
            });
        }
    }
    store::pb::ballots::cast_many(db, &ballots, crate::support::ballot_seal(), at(day(60)))
        .await
        .expect("cast the ballots");
    walk(Stage::Voting, Stage::Results, day(71)).await;
    let ids = store::projects::funded_of_cycle(db, cy.id)
        .await
        .expect("funded");
    assert_eq!(
        ids,
        proposals[..funded],
        "every admitted proposal is funded"
    );
    FinishedCycle {
        id: cy.id,
        funded: ids,
        unfunded: proposals[funded..].to_vec(),
    }
}

/// A valid BIN of a made-up contractor, another for each `n` (as the demo's).
pub fn contractor_bin(n: u32) -> String {
    (0..1000)
        .find_map(|serial| {
            (0..10).find_map(|k| {
                let s = format!("1{n}0540{serial:05}{k}");
                Bin::parse(&s).ok().map(|_| s)
            })
        })
        .expect("a valid BIN")
}

/// What [`implementation`] records: the planned end, the actual end (when finished) and the
/// progress of three milestones.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub planned_end: NaiveDate,
    pub actual_end: Option<NaiveDate>,
    pub progress: [u8; 3],
}

/// `official` records `project`'s contract of 1 900 000 ₸ started 100 days before its planned
/// end, three milestones due 60, 30 and 0 days before that end, a 30% advance and, when
/// finished, the rest.
pub async fn implementation(
    db: &Db,
    project: Uuid,
    official: Uuid,
    plan: Plan,
    now: DateTime<Utc>,
) {
    let start = plan.planned_end - Days::new(100);
    let sum = Tenge::from_tenge(1_900_000);
    let imp = store::projects::Implementation {
        proposal_id: project,
        contractor_name: "ЖШС «Сынақ Құрылыс»".into(),
        contractor_bin: contractor_bin(4),
        contract_number: format!("ХҚБ-{}", &project.simple().to_string()[..6]),
        contract_sum: sum,
        planned_start: Some(start),
        planned_end: Some(plan.planned_end),
        actual_start: Some(start + Days::new(5)),
        actual_end: plan.actual_end,
    };
    store::projects::save(db, &imp, official, now)
        .await
        .expect("save the record");
    let stages = [
        "Материалдар жеткізілді",
        "Негізгі жұмыстар",
        "Абаттандыру, тапсыру",
    ];
    for (i, (title, pct)) in stages.iter().zip(plan.progress).enumerate() {
        let due = plan.planned_end - Days::new(60 - 30 * i as u64);
        store::projects::add_milestone(db, project, title, Some(due), pct, official, now)
            .await
            .expect("add a milestone");
    }
    let advance = Tenge::from_tiyn(sum.tiyn() * 3 / 10);
    let mut paid = vec![(start + Days::new(10), advance, "Аванс 30%")];
    if let Some(end) = plan.actual_end {
        let rest = Tenge::from_tiyn(sum.tiyn() - advance.tiyn());
        paid.push((end, rest, "Қорытынды төлем"));
    }
    for (paid_on, amount, note) in paid {
        let p = store::projects::Payment {
            paid_on,
            amount,
            note: note.into(),
        };
        store::projects::add_payment(db, project, &p, official, now)
            .await
            .expect("add a payment");
    }
}

/// The monitoring group of `cycle`, elected by its okrug's gathering and recorded by
/// `recorder`: `members`, each invited and accepting their seat.
pub async fn monitoring_group(
    db: &Db,
    cycle: Uuid,
    recorder: Uuid,
    members: &[Uuid],
    now: DateTime<Utc>,
) {
    for user in members {
        let m = store::projects::monitoring::NewMember {
            cycle,
            elected_on: (now - TimeDelta::days(100)).date_naive(),
            gathering: "Ауылдық округ жиыны, № 3 хаттама",
            user: *user,
            by: recorder,
        };
        let invited = store::projects::monitoring::invite_member(db, &m, now)
            .await
            .expect("invite a member");
        assert_eq!(invited, store::projects::monitoring::AddMember::Invited);
        take_seat(db, cycle, *user, now).await;
    }
}

/// `user` accepts their pending invitation to a body of `cycle`, through the store.
pub async fn take_seat(db: &Db, cycle: Uuid, user: Uuid, now: DateTime<Utc>) {
    use store::oversight::invitations::{accept, addressed_to, Accepted};
    let pending = addressed_to(db, user).await.expect("invitations");
    let invitation = pending
        .iter()
        .find(|i| i.cycle_id == cycle)
        .expect("an invitation to the cycle");
    let seated = accept(db, invitation.id, user, now)
        .await
        .expect("accept the seat");
    assert_eq!(seated, Accepted::Seated);
}

/// `member` signs the acceptance of `project` with `verdict`.
pub async fn acceptance(db: &Db, project: Uuid, member: Uuid, verdict: Verdict, remarks: &str) {
    store::projects::monitoring::sign(db, project, member, verdict, remarks, super::fixed_now())
        .await
        .expect("sign the acceptance");
}

/// `author`'s report on `project` (poor quality, with coordinates), filed at `filed_at`.
pub async fn monitoring_report(
    db: &Db,
    project: Uuid,
    author: Uuid,
    body: &str,
    filed_at: DateTime<Utc>,
) -> Uuid {
    let r = store::projects::monitoring::NewReport {
        proposal_id: project,
        author_id: author,
        body: body.into(),
        judgement: Judgement::PoorQuality,
        coordinates: Some((51.402, 69.178)),
        filed_at,
    };
    store::projects::monitoring::add_report(db, &r, &[])
        .await
        .expect("file the report")
}

/// `official` answers `report` at `at`.
pub async fn answer_report(db: &Db, report: Uuid, official: Uuid, at: DateTime<Utc>) {
    let text = "Мердігерге хат жіберілді; кемшілік түзетіледі.";
    assert!(
        store::projects::monitoring::answer(db, report, text, official, at)
            .await
            .expect("answer the report")
    );
}

// ---- public control and land reports ----

/// 09:30 UTC on `d` (14:30 in Kazakhstan).
pub fn at(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(9, 30, 0).expect("a time"))
}

/// The day `n` working days before `today` on `cal`.
pub fn working_days_before(cal: &WorkingCalendar, today: NaiveDate, n: u32) -> NaiveDate {
    let mut d = today;
    while cal.working_days_late(d, today) < n {
        d = d - Days::new(1);
    }
    d
}

/// A public hearing of `territory` organised by `organiser`, held on `held`.
pub async fn control_event(
    db: &Db,
    territory: &Territory,
    organiser: Uuid,
    held: NaiveDate,
) -> Uuid {
    let e = store::control::NewEvent {
        territory_id: territory.id,
        organiser_id: organiser,
        ngo: None,
        kind: EventKind::Hearing,
        title: "Ауылдық жолдарды жөндеу жоспары бойынша қоғамдық тыңдау".into(),
        body_name: "Аудан әкімдігі".into(),
        starts_on: held,
        ends_on: held,
        participants: vec!["Алакөл ауылдық округінің тұрғындары".into()],
    };
    store::control::create(db, &e, at(held))
        .await
        .expect("register the event")
}

/// The protocol of `event`, published on `on` with `recommendations` (delivery due in
/// working days on the stored calendar).
pub async fn control_protocol(db: &Db, event: Uuid, on: NaiveDate, recommendations: &[&str]) {
    let cal = store::oversight::calendar(db).await.expect("calendar");
    let doc = store::control::Document {
        kind: DocumentKind::Protocol,
        text: "Тыңдауға 45 адам қатысты; жөндеу кестесі талқыланды.".into(),
        on,
    };
    let recs: Vec<String> = recommendations.iter().map(|r| r.to_string()).collect();
    let due = Deadlines::default().delivery_due(&cal, on);
    assert!(
        store::control::publish_document(db, event, &doc, due, &recs, at(on))
            .await
            .expect("publish the document")
    );
}

/// The document of `event` (with every recommendation not yet delivered) reached the body on
/// `on`: their answers are due in working days from then.
pub async fn control_delivery(db: &Db, event: Uuid, on: NaiveDate) {
    let cal = store::oversight::calendar(db).await.expect("calendar");
    let due = Deadlines::default().answer_due(&cal, on);
    store::control::record_delivery(db, event, on, due)
        .await
        .expect("record the delivery");
}

/// A hearing of `territory` as the demo has it: a protocol published 20 working days before
/// `today` with two recommendations (the first answered, the second overdue), and a
/// supplement delivered 4 working days ago whose answer is still due.
pub async fn hearing_answered_overdue_and_due(
    db: &Db,
    territory: &Territory,
    organiser: Uuid,
    official: Uuid,
    today: NaiveDate,
) -> Uuid {
    let cal = store::oversight::calendar(db).await.expect("calendar");
    let doc_on = working_days_before(&cal, today, 20);
    let event = control_event(db, territory, organiser, doc_on - Days::new(3)).await;
    let recs = [
        "Көркем — Полтавское жолын жөндеуді келесі жылдың жоспарына енгізу.",
        "Жөндеу жұмыстарының сметасын жариялау.",
    ];
    control_protocol(db, event, doc_on, &recs).await;
    let delivered = cal.add_working_days(doc_on, 2);
    control_delivery(db, event, delivered).await;
    let first = store::control::recommendations(db, event)
        .await
        .expect("recommendations")
        .remove(0);
    let text = "Жол жөндеу келесі жылғы бюджет жобасына енгізілді.";
    let answered_on = cal.add_working_days(delivered, 6);
    assert!(
        store::control::answer(db, event, first.id, text, answered_on, official)
            .await
            .expect("answer")
    );
    let supplement = ["Жөндеу кезінде мектеп автобусына айналма жол ұйымдастыру.".to_string()];
    let added = at(working_days_before(&cal, today, 5));
    store::control::add_recommendations(db, event, &supplement, added)
        .await
        .expect("a supplement");
    control_delivery(db, event, working_days_before(&cal, today, 4)).await;
    event
}

/// A land report as [`land_report`] makes it.
#[derive(Debug, Clone)]
pub struct Plot<'a> {
    /// The KATO code of the village the plot is in.
    pub village: &'a str,
    pub cadastral: &'a str,
    pub hectares: &'a str,
    pub kind: LandKind,
    pub reported: NaiveDate,
    /// The land commission's moves, each on its day.
    pub steps: Vec<(LandStatus, NaiveDate)>,
}

/// `reporter`'s report of `plot`, moved by `official` along its steps.
pub async fn land_report(db: &Db, reporter: Uuid, official: Uuid, plot: &Plot<'_>) -> Uuid {
    let r = store::land::NewReport {
        village_id: territory(db, plot.village).await.id,
        reporter_id: reporter,
        cadastral_number: CadastralNumber::parse(plot.cadastral).expect("cadastral number"),
        area: Hectares::parse(plot.hectares).expect("hectares"),
        kind: plot.kind,
        description: "Учаске бірнеше жыл бойы пайдаланылмайды, арамшөп басқан.".into(),
    };
    let id = store::land::create(db, &r, &[], at(plot.reported))
        .await
        .expect("report the plot");
    for (status, on) in &plot.steps {
        store::land::transition(db, id, *status, "Комиссия тексерді.", official, at(*on))
            .await
            .expect("store")
            .expect("a move along the graph");
    }
    id
}

/// An in-person-verified resident of Жалманқұлақ (114445200), another okrug than the demo
/// coordinator's, with the IIN `iin`: someone a coordinator there must not learn about.
pub async fn resident_of_another_okrug(app: &super::TestApp, name: &str, iin: &str) {
    qatysu::cli::user::create_account(
        &app.app,
        &qatysu::cli::user::AccountSpec {
            name,
            contact: "elsewhere@demo.qatysu.kz",
            iin,
            village: "114445200",
            password: "elsewhere-resident-2026",
            role: None,
            level: domain::Level::InPerson,
        },
    )
    .await
    .expect("account");
}
