//! Demo budget cycles: the Alakol rural okrug voting now on six rural projects, and the
//! Zhalmankulak okrug's finished cycle with a few hundred ballots from all three channels.

use super::act::{refused, Demo};
use crate::cli::user::{create_account, AccountSpec};
use anyhow::Context;
use app::pb::cycles::{self, CreateOutcome};
use app::pb::envelope::{SplitOutcome, SplitRequest};
use app::pb::proposals::{Draft, Entry, SubmitOutcome};
use app::pb::review::{MemberOutcome, ReviewOutcome};
use app::pb::stage::StageOutcome;
use app::Actor;
use chrono::{Datelike, NaiveDate};
use domain::money::Tenge;
use domain::pb::{Category, Channel, PaperEntry, PlaceText, Schedule, SetupInput, Stage};
use domain::{Kato, Role};
use std::collections::HashMap;
use store::pb::ballots::NewBallot;
use uuid::Uuid;

/// The okrug of the demo accounts, voting now.
pub const DEMO_OKRUG: &str = "114435000";
/// The okrug whose cycle is finished.
pub const FINISHED_OKRUG: &str = "114445000";

/// (title, description, category, village, place, cost in tenge, channel)
type Idea = (
    &'static str,
    &'static str,
    Category,
    &'static str,
    &'static str,
    i64,
    Channel,
);

const VOTING: [Idea; 6] = [
    ("Абай көшесіндегі су құбырын жаңарту", "Құбыр ескірген, жазда су жиі тоқтайды. 1,2 км құбырды ауыстырып, екі су колонкасын орнату керек.", Category::WaterAndSewerage, "114435200", "Абай көшесі", 5_800_000, Channel::Web),
    ("Ремонт крыши медпункта", "Крыша медпункта протекает, зимой в кабинете холодно. Нужно заменить кровлю и утеплить чердак.", Category::MedicalPost, "114435100", "ул. Школьная, 3", 3_200_000, Channel::Paper),
    ("Мектеп көшесіне шам орнату", "Кешке балалар мектептен қараңғыда қайтады. 24 LED шамын орнату ұсынылады.", Category::PublicSpacesAndLighting, "114435200", "Мектеп көшесі", 2_900_000, Channel::Web),
    ("Пешеходный мост через реку", "Весной старый мостик сносит водой, жители ходят в обход 3 км. Нужен металлический пешеходный мост.", Category::RoadsAndBridges, "114435100", "у старой мельницы", 6_100_000, Channel::Assisted),
    ("Балалар және спорт алаңы", "Ауылда балалар ойнайтын қауіпсіз орын жоқ. Жабдығы бар алаң мен жаттығу құралдары керек.", Category::SportsAndPlayGrounds, "114435200", "Орталық саябақ", 4_700_000, Channel::Web),
    ("Мәдениет үйінің жылу жүйесін жөндеу", "Қыста мәдениет үйінде іс-шара өткізу мүмкін емес. Қазандық пен радиаторларды ауыстыру керек.", Category::CultureHouseLibrary, "114435200", "Мәдениет үйі", 6_400_000, Channel::Paper),
];

const FINISHED: [Idea; 5] = [
    (
        "Жалманқұлақ ауылына су мұнарасы",
        "Ауылдың жоғарғы бөлігіне су жетпейді. Су мұнарасын салу керек.",
        Category::WaterAndSewerage,
        "114445100",
        "Жоғарғы көше",
        6_300_000,
        Channel::Web,
    ),
    (
        "Освещение улицы Достык",
        "На улице Достык нет фонарей, вечером опасно ходить.",
        Category::PublicSpacesAndLighting,
        "114445200",
        "ул. Достык",
        2_400_000,
        Channel::Paper,
    ),
    (
        "Кітапханаға интернет тарту",
        "Кітапханада интернет жоқ; оқушылар мен зейнеткерлерге интернет керек.",
        Category::Internet,
        "114445100",
        "Кітапхана",
        1_900_000,
        Channel::Web,
    ),
    (
        "Ярмарочная площадка",
        "Фермерам негде торговать: нужна площадка с навесами.",
        Category::FairAndFarmGrounds,
        "114445203",
        "въезд в село",
        4_800_000,
        Channel::Assisted,
    ),
    (
        "Арықтарды тазалау",
        "Суару арықтары бітеліп қалған, бау-бақшаға су жетпейді.",
        Category::IrrigationAndFarm,
        "114445200",
        "Өзен жағасы",
        3_100_000,
        Channel::Paper,
    ),
];

/// The set-up a coordinator types for a rural okrug's cycle: 10% of 186 million tenge of
/// housing spending, with the district's and (from 20% turnout) the oblast's co-financing.
fn setup<'a>(year: &'a str, dates: &'a [String; 6]) -> SetupInput<'a> {
    SetupInput {
        year,
        housing_spending: "186000000",
        share_percent: "10",
        cofinancing: [
            ("district", "5000000", ""),
            ("oblast", "7500000", "20"),
            ("", "", ""),
        ],
        ballot_type: "one_vote",
        ballot_k: "",
        rule: "greedy",
        min_age: "18",
        min_level: "in_person",
        egov_available: false,
        max_proposals: "3",
        revision_enabled: true,
        votes_visible: true,
        changes_allowed: false,
        dates: dates.each_ref().map(String::as_str),
    }
}

/// Who runs a cycle, and the resident of its okrug who proposes online.
struct People {
    coordinator: Actor,
    author: Actor,
}

/// One of `ideas`, submitted online by the author or typed in by the coordinator from a paper
/// form or at a participation centre.
async fn submit(
    d: &Demo,
    people: &People,
    cycle: Uuid,
    year: i32,
    i: usize,
    idea: &Idea,
) -> anyhow::Result<Uuid> {
    let (title, description, category, village, place, cost, channel) = *idea;
    let village = app::territories::by_kato(&d.app, &Kato::parse(village)?).await?;
    let draft = Draft {
        title: title.into(),
        description: description.into(),
        category,
        village_id: village.id,
        place: PlaceText::parse(place).map_err(|e| refused("proposal place", e))?,
        items: vec![
            (
                "Материалдар / Материалы".into(),
                Tenge::from_tenge(cost * 7 / 10),
            ),
            (
                "Жұмыс / Работы".into(),
                Tenge::from_tenge(cost - cost * 7 / 10),
            ),
        ],
        pledge_money: Tenge::default(),
        pledge_labour_days: if i % 2 == 0 { 10 } else { 0 },
    };
    let (who, entry) = if channel == Channel::Web {
        (&people.author, Entry::Online)
    } else {
        let name = ["Мария Иванова", "Гүлжан Сәрсенова", "Нұрлан Бекқали"][i % 3];
        let form = match channel {
            Channel::Paper => format!("{}-{:02}", year, i + 1),
            _ => String::new(),
        };
        let e = PaperEntry::parse(channel.as_str(), name, &form)
            .map_err(|e| refused("paper proposal", e))?;
        (&people.coordinator, Entry::Paper(e))
    };
    match app::pb::proposals::submit_proposal(&d.app, who, cycle, entry, draft).await? {
        SubmitOutcome::Submitted(pid) => Ok(pid),
        other => Err(refused("proposal", other)),
    }
}

async fn move_to(d: &Demo, coordinator: &Actor, cycle: Uuid, to: Stage) -> anyhow::Result<()> {
    match app::pb::stage::move_stage(&d.app, coordinator, cycle, to).await? {
        StageOutcome::Moved => Ok(()),
        other => Err(refused("stage move", other)),
    }
}

/// A cycle set up on its first day of collection with its council, `ideas` submitted one
/// every other day, decided by the council on the last day of review (all admitted but
/// `rejected`), and in discussion from then on.
async fn up_to_discussion(
    d: &Demo,
    people: &People,
    okrug: &str,
    year: i32,
    s: &Schedule,
    ideas: &[Idea],
    rejected: Option<usize>,
) -> anyhow::Result<(Uuid, Vec<Uuid>)> {
    let app = &d.app;
    let coordinator = &people.coordinator;
    let t = app::territories::by_kato(app, &Kato::parse(okrug)?).await?;
    let dates = [
        s.collection_start,
        s.collection_end,
        s.review_end,
        s.discussion_end,
        s.voting_start,
        s.voting_end,
    ]
    .map(|day| day.to_string());
    let year_typed = year.to_string();
    d.on(s.collection_start, 9);
    let input = setup(&year_typed, &dates);
    let id = match cycles::create_cycle(app, coordinator, t.id, &input).await? {
        CreateOutcome::Created(id) => id,
        other => return Err(refused("cycle set-up", other)),
    };
    for (contact, civil_society) in [
        ("expert@demo.qatysu.kz", true),
        ("deputy@demo.qatysu.kz", false),
    ] {
        let invited =
            app::pb::review::add_council_member(app, coordinator, id, contact, civil_society)
                .await?;
        if invited != MemberOutcome::Invited {
            return Err(refused("council member", invited));
        }
        // The member accepts on their account page the same day.
        d.take_seat(&d.actor(contact).await?, id).await?;
    }
    let mut pids = Vec::with_capacity(ideas.len());
    for (i, idea) in ideas.iter().enumerate() {
        d.on(Demo::after(s.collection_start, 2 * i as u64 + 1), 11);
        pids.push(submit(d, people, id, year, i, idea).await?);
    }
    d.on(s.collection_end, 18);
    move_to(d, coordinator, id, Stage::Review).await?;
    d.on(s.review_end, 12);
    for (i, pid) in pids.iter().enumerate() {
        let (decision, reason) = if Some(i) == rejected {
            (
                "reject",
                "Жер телімі жеке меншікте / Участок в частной собственности.",
            )
        } else {
            ("admit", "")
        };
        let decided = app::pb::review::decide(app, coordinator, *pid, decision, reason, "").await?;
        if decided != ReviewOutcome::Saved {
            return Err(refused("council decision", decided));
        }
    }
    d.on(s.review_end, 18);
    move_to(d, coordinator, id, Stage::Discussion).await?;
    Ok((id, pids))
}

/// Synthetic ballots: person `n` is a made-up fingerprint, never a real person's, cast at the
/// clock's time. They are a bulk fixture, not what anyone does: a ballot through the use
/// cases needs an account per voter (hundreds of password hashes at every start) or two
/// coordinators typing paper batches, and the demo needs only the counts and the channels.
async fn ballots(
    d: &Demo,
    cycle: Uuid,
    tag: &str,
    pids: &[Uuid],
    n: u32,
    weights: &[u32],
) -> anyhow::Result<()> {
    let total: u32 = weights.iter().sum();
    let mut list = Vec::with_capacity(n as usize);
    for i in 0..n {
        let pick = (i.wrapping_mul(2_654_435_761) >> 7) % total.max(1);
        let mut acc = 0;
        let choice = weights.iter().position(|w| {
            acc += w;
            pick < acc
        });
        let channel = match i % 10 {
            0..=5 => Channel::Web,
            6..=8 => Channel::Paper,
            _ => Channel::Assisted,
        };
        let b = NewBallot {
            cycle_id: cycle,
            person_hash: format!("demo-voter-{cycle}-{i}").into_bytes(),
            voter_id: None,
            channel,
            entered_by: None,
            choices: choice
                .and_then(|c| pids.get(c).copied())
                .into_iter()
                .collect(),
            receipt: format!("DEMO{tag}{i:05}"),
        };
        list.push(b);
    }
    store::pb::ballots::cast_many(&d.app.db, &list, &d.app.keys.ballots, d.app.clock.now()).await?;
    Ok(())
}

/// Voting now in Alakol, so a demo resident can vote and check a receipt: collection two
/// months ago, discussion with comments and a village meeting, voting opened two days ago.
pub async fn seed(d: &Demo) -> anyhow::Result<()> {
    let people = People {
        coordinator: d.actor("coordinator@demo.qatysu.kz").await?,
        author: d.actor("resident@demo.qatysu.kz").await?,
    };
    let s = Schedule {
        collection_start: d.day_ago(60),
        collection_end: d.day_ago(40),
        review_end: d.day_ago(25),
        discussion_end: d.day_ago(3),
        voting_start: d.day_ago(2),
        voting_end: d.day_ahead(12),
    };
    let year = d.today.year() + 1;
    let (id, pids) = up_to_discussion(d, &people, DEMO_OKRUG, year, &s, &VOTING, Some(5)).await?;
    d.on(Demo::after(s.review_end, 1), 10);
    village_quotas(d, &people.coordinator, id).await?;
    super::pb_discussion::seed(d, id, &pids).await?;
    d.on(s.voting_start, 9);
    move_to(d, &people.coordinator, id, Stage::Voting).await?;
    d.days_ago(1);
    ballots(d, id, "A", &pids[..5], 37, &[9, 5, 7, 4, 8]).await
}

/// Zhalmankulak's coordinator: (name, e-mail, village).
const COORDINATOR: (&str, &str, &str) = (
    "Ержан Сәрсенбаев",
    "coordinator2@demo.qatysu.kz",
    "114445100",
);
/// Residents of Zhalmankulak whom its gathering later elects the monitoring group.
const GROUP: [(&str, &str, &str); 5] = [
    ("Жанар Төлеуова", "monitor1@demo.qatysu.kz", "114445100"),
    ("Нұрлан Әбенов", "monitor2@demo.qatysu.kz", "114445100"),
    ("Ольга Ким", "monitor3@demo.qatysu.kz", "114445200"),
    ("Бекзат Сәрсенов", "monitor4@demo.qatysu.kz", "114445200"),
    ("Айнұр Мұхтарова", "monitor5@demo.qatysu.kz", "114445203"),
];

/// The password of every account of [`GROUP`].
pub const GROUP_PASSWORD: &str = "demo-monitor-2026";

/// The people of Zhalmankulak: none of the demo's role accounts acts there, so the okrug has
/// its own coordinator.
pub struct Zhalmankulak {
    pub coordinator: Actor,
    pub residents: Vec<Actor>,
}

/// One account added at a participation centre (as `qatysu user add` does), with demo IIN `n`.
async fn register(
    d: &Demo,
    (name, email, village): (&str, &str, &str),
    n: u32,
    password: &str,
    role: Option<(Role, Option<&str>)>,
) -> anyhow::Result<Actor> {
    let iin = super::demo_iin(n).context("no demo IIN")?;
    let spec = AccountSpec {
        name,
        contact: email,
        iin: &iin,
        village,
        password,
        role,
        level: domain::Level::InPerson,
    };
    create_account(&d.app, &spec).await?;
    d.actor(email).await
}

/// Zhalmankulak's people, registered early last year: the coordinator (demo IIN 12) and the
/// residents of [`GROUP`] (demo IINs 7 to 11, which the paper batch of `pb_paper` carries).
pub async fn zhalmankulak_people(d: &Demo) -> anyhow::Result<Zhalmankulak> {
    let on = NaiveDate::from_ymd_opt(d.today.year() - 1, 1, 10).context("demo date")?;
    d.on(on, 10);
    let role = Some((Role::Coordinator, Some(FINISHED_OKRUG)));
    let coordinator = register(d, COORDINATOR, 12, "demo-coordinator-2026", role).await?;
    let mut residents = Vec::with_capacity(GROUP.len());
    for (i, person) in GROUP.into_iter().enumerate() {
        residents.push(register(d, person, 7 + i as u32, GROUP_PASSWORD, None).await?);
    }
    Ok(Zhalmankulak {
        coordinator,
        residents,
    })
}

/// Zhalmankulak's cycle of last year: a few hundred ballots from all three channels, a paper
/// batch typed in twice, then counted and published the day after voting closed. The last
/// resident proposes online and votes at a participation centre. Returns the cycle.
pub async fn seed_finished(d: &Demo, okrug: &Zhalmankulak) -> anyhow::Result<Uuid> {
    let last_year = d.today.year() - 1;
    let past = |m: u32, day: u32| NaiveDate::from_ymd_opt(last_year, m, day).context("demo date");
    let resident = okrug.residents.last().context("a resident of the okrug")?;
    let people = People {
        coordinator: okrug.coordinator.clone(),
        author: resident.clone(),
    };
    let s = Schedule {
        collection_start: past(1, 20)?,
        collection_end: past(3, 1)?,
        review_end: past(3, 20)?,
        discussion_end: past(4, 1)?,
        voting_start: past(4, 2)?,
        voting_end: past(4, 15)?,
    };
    let (id, pids) =
        up_to_discussion(d, &people, FINISHED_OKRUG, last_year, &s, &FINISHED, None).await?;
    d.on(s.voting_start, 9);
    move_to(d, &people.coordinator, id, Stage::Voting).await?;
    d.on(past(4, 10)?, 12);
    ballots(d, id, "Z", &pids, 312, &[11, 9, 6, 8, 5]).await?;
    // The administrator types the paper batch again after the okrug's coordinator.
    let admin = d.actor("admin@demo.qatysu.kz").await?;
    let witness = okrug
        .residents
        .first()
        .context("a witness from the okrug")?;
    let at_centre = super::pb_paper::AtCentre {
        voter: resident,
        password: GROUP_PASSWORD,
        witness,
    };
    super::pb_paper::seed(d, id, &people.coordinator, &admin, &at_centre).await?;
    // Counted and published as voting closes (the stage move does both).
    d.on(Demo::after(s.voting_end, 1), 18);
    move_to(d, &people.coordinator, id, Stage::Results).await?;
    Ok(id)
}

/// Village quotas by population: 30% of the envelope reserved for the villages.
async fn village_quotas(d: &Demo, coordinator: &Actor, cycle: Uuid) -> anyhow::Result<()> {
    let amounts = HashMap::new();
    let split = SplitRequest {
        mode: "population",
        reserved_bp: Some(3000),
        amounts: &amounts,
    };
    match app::pb::envelope::set_envelope_split(&d.app, coordinator, cycle, &split).await? {
        SplitOutcome::Saved => Ok(()),
        other => Err(refused("village quotas", other)),
    }
}
