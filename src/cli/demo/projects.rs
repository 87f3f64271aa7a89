//! Demo implementation of the Zhalmankulak okrug's finished cycle: one project on time and
//! accepted, one late, one accepted with remarks; its monitoring group; residents' reports
//! with and without answers, one of them overdue.

use super::pb::FINISHED_OKRUG;
use crate::cli::user::{create_account, AccountSpec};
use anyhow::Context;
use app::App;
use chrono::{Datelike, Days, Duration, NaiveDate};
use domain::money::Tenge;
use domain::projects::{Judgement, Verdict};
use domain::{Contact, Kato};
use store::projects::monitoring::{self, NewReport};
use store::projects::{self as prj, Implementation, Payment};
use store::Db;
use uuid::Uuid;

/// The monitoring group elected by the okrug's gathering: (name, e-mail, village).
const GROUP: [(&str, &str, &str); 5] = [
    ("Жанар Төлеуова", "monitor1@demo.qatysu.kz", "114445100"),
    ("Нұрлан Әбенов", "monitor2@demo.qatysu.kz", "114445100"),
    ("Ольга Ким", "monitor3@demo.qatysu.kz", "114445200"),
    ("Бекзат Сәрсенов", "monitor4@demo.qatysu.kz", "114445200"),
    ("Айнұр Мұхтарова", "monitor5@demo.qatysu.kz", "114445203"),
];
const PASSWORD: &str = "demo-monitor-2026";

/// Valid BINs of made-up contractors (check digit computed, see `domain::oversight::Bin`).
fn demo_bin(n: u32) -> anyhow::Result<String> {
    (0..1000)
        .find_map(|serial| {
            (0..10).find_map(|k| {
                let s = format!("1{n}0540{serial:05}{k}");
                domain::oversight::Bin::parse(&s).ok().map(|_| s)
            })
        })
        .context("no demo BIN")
}

async fn user(db: &Db, email: &str) -> anyhow::Result<Uuid> {
    let (u, _) = store::accounts::credentials(db, &Contact::parse(email)?)
        .await?
        .context("demo account")?;
    Ok(u.id)
}

pub async fn seed(app: &App, today: NaiveDate) -> anyhow::Result<()> {
    let db = &app.db;
    let now = app.clock.now();
    let okrug = store::territories::by_kato(db, &Kato::parse(FINISHED_OKRUG)?)
        .await?
        .context("demo okrug")?;
    let cycle = store::pb::list(db, Some(&okrug.path_prefix()))
        .await?
        .into_iter()
        .find(|c| c.year == today.year() - 1)
        .context("finished demo cycle")?;
    let funded = prj::funded_of_cycle(db, cycle.id).await?;
    let official = user(db, "official@demo.qatysu.kz").await?;
    let recorder = user(db, "admin@demo.qatysu.kz").await?;
    let year = today.year() - 1;
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d).context("demo date");

    let mut members = Vec::new();
    for (i, (name, email, village)) in GROUP.iter().enumerate() {
        let iin = super::demo_iin(7 + i as u32).context("no demo IIN")?;
        let spec = AccountSpec {
            name,
            contact: email,
            iin: &iin,
            village,
            password: PASSWORD,
            role: Some((domain::Role::Monitor, Some(FINISHED_OKRUG))),
            verification_level: 1,
        };
        let id = create_account(app, &spec).await?;
        let member = monitoring::NewMember {
            cycle: cycle.id,
            elected_on: day(5, 10)?,
            gathering: "Жалманқұлақ ауылдық округінің жиыны, № 3 хаттама / сход Жалманкулакского сельского округа, протокол № 3",
            user: id,
            by: recorder,
            territory: okrug.id,
        };
        monitoring::record_member(db, &member, now).await?;
        members.push(id);
    }

    // (contract share of the cost, planned end, actual end, milestone progress)
    let plans: [(i64, NaiveDate, Option<NaiveDate>, [u8; 3]); 3] = [
        (95, day(8, 31)?, Some(day(8, 20)?), [100, 100, 100]),
        (100, day(9, 30)?, None, [100, 60, 0]),
        (98, day(7, 31)?, Some(day(7, 29)?), [100, 100, 100]),
    ];
    let stages = [
        "Материалдар жеткізілді / Поставка материалов",
        "Негізгі жұмыстар / Основные работы",
        "Абаттандыру, тапсыру / Благоустройство, сдача",
    ];
    for (n, (pid, (share, planned_end, actual_end, progress))) in
        funded.iter().zip(plans).enumerate()
    {
        let p = store::pb::proposals::get(db, *pid)
            .await?
            .context("funded proposal")?;
        let sum = Tenge::from_tiyn(p.cost.tiyn() / 100 * share);
        let imp = Implementation {
            proposal_id: p.id,
            contractor_name: [
                "ЖШС «Ақмола Құрылыс»",
                "ТОО «Есиль Строй Сервис»",
                "ЖК «Нұр-Жарық»",
            ][n]
                .to_string(),
            contractor_bin: demo_bin(n as u32 + 4)?,
            contract_number: format!("{year}-ХҚБ-{:03}", n + 1),
            contract_sum: sum,
            planned_start: Some(day(5, 15)?),
            planned_end: Some(planned_end),
            actual_start: Some(day(5, 20)?),
            actual_end,
        };
        prj::save(db, &imp, official, now).await?;
        for (i, (title, pct)) in stages.iter().zip(progress).enumerate() {
            let due = planned_end
                .checked_sub_days(Days::new(60 - 30 * i as u64))
                .unwrap_or(planned_end);
            prj::add_milestone(db, p.id, title, Some(due), pct, official, now).await?;
        }
        let first = Tenge::from_tiyn(sum.tiyn() * 3 / 10);
        prj::add_payment(
            db,
            p.id,
            &Payment {
                paid_on: day(5, 25)?,
                amount: first,
                note: "Аванс 30%".into(),
            },
            official,
            now,
        )
        .await?;
        if actual_end.is_some() {
            prj::add_payment(
                db,
                p.id,
                &Payment {
                    paid_on: day(9, 10)?,
                    amount: Tenge::from_tiyn(sum.tiyn() - first.tiyn()),
                    note: "Қорытынды төлем / Окончательный расчёт".into(),
                },
                official,
                now,
            )
            .await?;
        }
        match n {
            0 => {
                for m in &members[..4] {
                    monitoring::sign(db, p.id, *m, Verdict::Accepted, "", now).await?;
                }
            }
            2 => {
                monitoring::sign(db, p.id, members[0], Verdict::Accepted, "", now).await?;
                monitoring::sign(
                    db,
                    p.id,
                    members[2],
                    Verdict::AcceptedWithRemarks,
                    "Кабель траншеясы толық көмілмеген; 15 күнде түзету керек. / Траншея кабеля засыпана не полностью; устранить за 15 дней.",
                    now,
                )
                .await?;
                monitoring::sign(
                    db,
                    p.id,
                    members[3],
                    Verdict::AcceptedWithRemarks,
                    "Екі шам түнде жанбайды. / Два фонаря не горят ночью.",
                    now,
                )
                .await?;
            }
            _ => {}
        }
    }

    // Residents' reports on the late project: one answered, one waiting, one overdue.
    if let Some(late) = funded.get(1) {
        let reports = [
            (
                members[1],
                Judgement::PoorQuality,
                "Құбырлар жерге тым таяз салынып жатыр, қыста қатып қалуы мүмкін.",
                now - Duration::days(70),
                Some("Мердігерге хат жіберілді; құбырлар 1,8 м тереңдікке қайта салынады. / Подрядчику направлено письмо; трубы будут переложены на глубину 1,8 м."),
            ),
            (
                members[4],
                Judgement::NotStarted,
                "Работы на верхней улице так и не начались, техника стоит.",
                now - Duration::days(30),
                None,
            ),
            (
                members[3],
                Judgement::PoorQuality,
                "Котлован не огорожен, рядом ходят дети.",
                now - Duration::days(2),
                None,
            ),
        ];
        for (author, judgement, body, filed_at, answer) in reports {
            let id = monitoring::add_report(
                db,
                &NewReport {
                    proposal_id: *late,
                    author_id: author,
                    body: body.to_string(),
                    judgement,
                    coordinates: Some((51.402, 69.178)),
                    filed_at,
                },
                &[],
            )
            .await?;
            if let Some(a) = answer {
                monitoring::answer(db, id, a, official, now).await?;
            }
        }
    }
    Ok(())
}
