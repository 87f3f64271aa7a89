//! Demo budget cycles: the Alakol rural okrug voting now on six rural projects, and the
//! Zhalmankulak okrug's finished cycle with a few hundred ballots from all three channels.

use anyhow::Context;
use app::App;
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use domain::money::{Mrp, Tenge};
use domain::pb::{
    BallotType, CapRules, Category, Channel, CoFinancing, CoFinancingSource, CountingRule,
    Decision, Eligibility, Envelope, Schedule, Stage,
};
use domain::{Contact, Kato, TerritoryKind};
use store::pb::ballots::{self, NewBallot};
use store::pb::proposals::{self, NewProposal};
use store::pb::NewCycle;
use store::Db;
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

fn envelope(housing: i64) -> Envelope {
    Envelope {
        housing_spending: Tenge::from_tenge(housing),
        share_bp: 1000,
        cofinancing: vec![
            CoFinancing {
                source: CoFinancingSource::DistrictSubvention,
                amount: Tenge::from_tenge(5_000_000),
                min_turnout_bp: None,
            },
            CoFinancing {
                source: CoFinancingSource::OblastSubvention,
                amount: Tenge::from_tenge(7_500_000),
                min_turnout_bp: Some(2000),
            },
        ],
    }
}

async fn user(db: &Db, email: &str) -> anyhow::Result<Uuid> {
    let (u, _) = store::accounts::credentials(db, &Contact::parse(email)?)
        .await?
        .context("demo account")?;
    Ok(u.id)
}

async fn territory(db: &Db, kato: &str) -> anyhow::Result<store::territories::Territory> {
    store::territories::by_kato(db, &Kato::parse(kato)?)
        .await?
        .context("demo territory")
}

/// A cycle with its proposals admitted (all but `rejected`), moved up to `stage`.
async fn cycle_with_proposals(
    app: &App,
    okrug: &str,
    year: i32,
    schedule: Schedule,
    ideas: &[Idea],
    rejected: Option<usize>,
    stage: Stage,
) -> anyhow::Result<(Uuid, Vec<Uuid>)> {
    let (db, now) = (&app.db, app.clock.now());
    let coordinator = user(db, "coordinator@demo.qatysu.kz").await?;
    let resident = user(db, "resident@demo.qatysu.kz").await?;
    let t = territory(db, okrug).await?;
    let mrp_table = store::pb::mrp_table(db).await?;
    let mrp = Mrp::in_force(&mrp_table, schedule.collection_start)
        .context("no MRP for the demo dates")?;
    let new = NewCycle {
        territory_id: t.id,
        setup: domain::pb::CycleSetup {
            year,
            envelope: envelope(186_000_000),
            mrp: mrp.value,
            cap_mrp: CapRules::default()
                .cap_mrp(TerritoryKind::RuralOkrug, Some(TerritoryKind::District)),
            ballot: BallotType::OneVote,
            rule: CountingRule::Greedy,
            eligibility: Eligibility::default(),
            max_proposals_per_author: 3,
            revision_enabled: true,
            votes_visible: true,
            changes_allowed: false,
            schedule,
        },
    };
    let id = store::pb::create(db, &new, coordinator, now)
        .await?
        .map_err(|_| anyhow::anyhow!("demo cycle exists"))?;
    for (email, civil) in [
        ("expert@demo.qatysu.kz", true),
        ("deputy@demo.qatysu.kz", false),
    ] {
        store::pb::review::add_member(db, id, user(db, email).await?, civil, now).await?;
    }
    let mut pids = Vec::new();
    for (i, (title, description, category, village, place, cost, channel)) in
        ideas.iter().enumerate()
    {
        let online = *channel == Channel::Web;
        let p = NewProposal {
            cycle_id: id,
            author_id: online.then_some(resident),
            author_name: if online {
                "Бауыржан Нұрланов".into()
            } else {
                ["Мария Иванова", "Гүлжан Сәрсенова", "Нұрлан Бекқали"][i % 3].into()
            },
            channel: *channel,
            paper_form_number: (*channel == Channel::Paper)
                .then(|| format!("{}-{:02}", year, i + 1)),
            entered_by: (!online).then_some(coordinator),
            title: title.to_string(),
            description: description.to_string(),
            category: *category,
            village_id: territory(db, village).await?.id,
            place: place.to_string(),
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
        pids.push(
            proposals::create(db, &p, 10, now)
                .await?
                .map_err(|_| anyhow::anyhow!("demo proposal refused"))?,
        );
    }
    let path = [
        Stage::Collection,
        Stage::Review,
        Stage::Discussion,
        Stage::Voting,
        Stage::Results,
        Stage::Implementation,
    ];
    for w in path.windows(2).take_while(|w| w[0] < stage) {
        if w[0] == Stage::Review {
            for (i, pid) in pids.iter().enumerate() {
                let (d, reason) = if Some(i) == rejected {
                    (
                        Decision::Reject,
                        Some("Жер телімі жеке меншікте / Участок в частной собственности."),
                    )
                } else {
                    (Decision::Admit, None)
                };
                store::pb::review::decide(db, *pid, d, reason, None, coordinator, now).await?;
            }
        }
        store::pb::move_stage(db, id, w[0], w[1], Some(coordinator), None, now).await?;
    }
    Ok((id, pids))
}

/// Synthetic ballots: person `n` is a made-up fingerprint, never a real person's.
async fn ballots(
    db: &Db,
    cycle: Uuid,
    tag: &str,
    pids: &[Uuid],
    n: u32,
    weights: &[u32],
    now: DateTime<Utc>,
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
    ballots::cast_many(db, &list, now).await?;
    Ok(())
}

pub async fn seed(app: &App, today: NaiveDate) -> anyhow::Result<()> {
    let db = &app.db;
    let now = app.clock.now();
    let days = |n: u64| today.checked_sub_days(Days::new(n)).unwrap_or(today);
    let ahead = |n: u64| today.checked_add_days(Days::new(n)).unwrap_or(today);
    // Voting now in Alakol, so a demo resident can vote and check a receipt.
    let voting = Schedule {
        collection_start: days(60),
        collection_end: days(40),
        review_end: days(25),
        discussion_end: days(3),
        voting_start: days(2),
        voting_end: ahead(12),
    };
    let (alakol, pids) = cycle_with_proposals(
        app,
        DEMO_OKRUG,
        today.year() + 1,
        voting,
        &VOTING,
        Some(5),
        Stage::Voting,
    )
    .await?;
    ballots(db, alakol, "A", &pids[..5], 37, &[9, 5, 7, 4, 8], now).await?;
    super::pb_discussion::seed(db, alakol, &pids, today, now).await?;
    village_quotas(db, alakol, DEMO_OKRUG, now).await?;

    // Finished last year in Zhalmankulak: a few hundred ballots and the published result.
    let past =
        |m: u32, d: u32| NaiveDate::from_ymd_opt(today.year() - 1, m, d).context("demo date");
    let finished = Schedule {
        collection_start: past(1, 20)?,
        collection_end: past(3, 1)?,
        review_end: past(3, 20)?,
        discussion_end: past(4, 1)?,
        voting_start: past(4, 2)?,
        voting_end: past(4, 15)?,
    };
    let (done, pids) = cycle_with_proposals(
        app,
        FINISHED_OKRUG,
        today.year() - 1,
        finished,
        &FINISHED,
        None,
        Stage::Voting,
    )
    .await?;
    ballots(db, done, "Z", &pids, 312, &[11, 9, 6, 8, 5], now).await?;
    let cycle = store::pb::get(db, done).await?.context("demo cycle")?;
    let count = app::pb::results::recount(db, &cycle).await?;
    let result = app::pb::results::published(&cycle, &count, now);
    let coordinator = user(db, "coordinator@demo.qatysu.kz").await?;
    let (from, to) = (Stage::Voting, Stage::Results);
    store::pb::move_stage(db, done, from, to, Some(coordinator), Some(&result), now).await?;
    Ok(())
}

/// Village quotas by population on a cycle: 30% of the envelope reserved for the villages.
async fn village_quotas(
    db: &Db,
    cycle: Uuid,
    okrug: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    use store::pb::envelope::{Split, SplitKind, SplitMode, Sub};
    let t = territory(db, okrug).await?;
    let villages: Vec<_> = store::territories::subtree(db, &t)
        .await?
        .into_iter()
        .filter(|v| v.kind == TerritoryKind::Village)
        .collect();
    let pops: Vec<(String, i64)> = villages
        .iter()
        .map(|v| (v.id.to_string(), v.population.unwrap_or(0)))
        .collect();
    let subs = villages
        .iter()
        .zip(domain::pb::quotas_by_population(3000, &pops))
        .map(|(v, quota)| Sub {
            territory_id: v.id,
            quota,
        })
        .collect();
    let split = Split {
        kind: SplitKind::Villages,
        mode: SplitMode::Population,
        reserved_bp: 3000,
        subs,
    };
    let by = user(db, "coordinator@demo.qatysu.kz").await?;
    store::pb::envelope::set(
        db,
        cycle,
        Some(&split),
        "split-population",
        "30%",
        Some(by),
        now,
    )
    .await?;
    Ok(())
}
