//! Demo implementation of the Zhalmankulak okrug's finished cycle: one project on time and
//! accepted, one late, one accepted with remarks; its monitoring group; residents' reports
//! with and without answers, one of them overdue.

use super::act::{refused, Demo};
use anyhow::Context;
use app::projects::{
    AcceptanceOutcome, AnswerOutcome, EditOutcome, GroupOutcome, Implementation,
    ImplementationEdit, NewReport, Payment,
};
use app::Actor;
use chrono::{Datelike, Days, NaiveDate};
use domain::money::Tenge;
use domain::projects::{report_text, Judgement, Verdict};
use domain::Contact;
use uuid::Uuid;

/// The gathering that elected the monitoring group.
const GATHERING: &str = "Жалманқұлақ ауылдық округінің жиыны, № 3 хаттама / сход \
     Жалманкулакского сельского округа, протокол № 3";

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

/// How one project went: (contract share of the cost, planned end, actual end, milestone
/// progress).
type Plan = (i64, NaiveDate, Option<NaiveDate>, [u8; 3]);

async fn edit(
    d: &Demo,
    official: &Actor,
    project: Uuid,
    e: ImplementationEdit,
) -> anyhow::Result<()> {
    match app::projects::edit_implementation(&d.app, official, project, e).await? {
        EditOutcome::Saved => Ok(()),
        other => Err(refused("implementation record", other)),
    }
}

async fn sign(
    d: &Demo,
    member: &Actor,
    project: Uuid,
    verdict: Verdict,
    remarks: &str,
) -> anyhow::Result<()> {
    match app::projects::sign_acceptance(&d.app, member, project, verdict, remarks).await? {
        AcceptanceOutcome::Signed => Ok(()),
        other => Err(refused("acceptance", other)),
    }
}

/// The official records project `n` as it went: the contract when work starts, the advance,
/// the milestones as they stood at the end (or at the planned end, for the late one), and the
/// finish with the final payment; the group accepts finished work the next day.
async fn implement(
    d: &Demo,
    official: &Actor,
    members: &[Actor],
    n: usize,
    p: &app::projects::Proposal,
    (share, planned_end, actual_end, progress): Plan,
) -> anyhow::Result<()> {
    let year = d.today.year() - 1;
    let day = |m: u32, dd: u32| NaiveDate::from_ymd_opt(year, m, dd).context("demo date");
    let sum = Tenge::from_tiyn(p.cost.tiyn() / 100 * share);
    let mut record = Implementation {
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
        actual_end: None,
    };
    d.on(day(5, 20)?, 17);
    edit(
        d,
        official,
        p.id,
        ImplementationEdit::Record(record.clone()),
    )
    .await?;
    let first = Tenge::from_tiyn(sum.tiyn() * 3 / 10);
    d.on(day(5, 25)?, 15);
    let advance = Payment {
        paid_on: day(5, 25)?,
        amount: first,
        note: "Аванс 30%".into(),
    };
    edit(d, official, p.id, ImplementationEdit::AddPayment(advance)).await?;
    d.on(actual_end.unwrap_or(planned_end), 16);
    let stages = [
        "Материалдар жеткізілді / Поставка материалов",
        "Негізгі жұмыстар / Основные работы",
        "Абаттандыру, тапсыру / Благоустройство, сдача",
    ];
    for (i, (title, pct)) in stages.iter().zip(progress).enumerate() {
        let due = planned_end
            .checked_sub_days(Days::new(60 - 30 * i as u64))
            .unwrap_or(planned_end);
        let milestone = ImplementationEdit::AddMilestone {
            title: title.to_string(),
            due: Some(due),
            progress: pct,
        };
        edit(d, official, p.id, milestone).await?;
    }
    let Some(end) = actual_end else {
        return Ok(());
    };
    record.actual_end = Some(end);
    edit(d, official, p.id, ImplementationEdit::Record(record)).await?;
    d.on(Demo::after(end, 1), 11);
    match n {
        0 => {
            for m in &members[..4] {
                sign(d, m, p.id, Verdict::Accepted, "").await?;
            }
        }
        2 => {
            sign(d, &members[0], p.id, Verdict::Accepted, "").await?;
            sign(
                d,
                &members[2],
                p.id,
                Verdict::AcceptedWithRemarks,
                "Кабель траншеясы толық көмілмеген; 15 күнде түзету керек. / Траншея кабеля \
                 засыпана не полностью; устранить за 15 дней.",
            )
            .await?;
            sign(
                d,
                &members[3],
                p.id,
                Verdict::AcceptedWithRemarks,
                "Екі шам түнде жанбайды. / Два фонаря не горят ночью.",
            )
            .await?;
        }
        _ => {}
    }
    d.on(day(9, 10)?, 15);
    let last = Payment {
        paid_on: day(9, 10)?,
        amount: Tenge::from_tiyn(sum.tiyn() - first.tiyn()),
        note: "Қорытынды төлем / Окончательный расчёт".into(),
    };
    edit(d, official, p.id, ImplementationEdit::AddPayment(last)).await
}

/// `residents` live in the okrug; its gathering elects them the monitoring group.
pub async fn seed(d: &Demo, cycle: Uuid, residents: &[Actor]) -> anyhow::Result<()> {
    let app = &d.app;
    let official = d.actor("official@demo.qatysu.kz").await?;
    let admin = d.actor("admin@demo.qatysu.kz").await?;
    let year = d.today.year() - 1;
    let day = |m: u32, dd: u32| NaiveDate::from_ymd_opt(year, m, dd).context("demo date");

    // Elected on 10 May, recorded by the administrator the next day.
    d.on(day(5, 11)?, 10);
    let mut members = Vec::with_capacity(residents.len());
    for r in residents {
        let email = r.user.email.as_deref().context("a member's e-mail")?;
        let contact = Contact::parse(email)?;
        let recorded = app::projects::record_monitoring_group(
            app,
            &admin,
            cycle,
            day(5, 10)?,
            GATHERING,
            &contact,
        )
        .await?;
        if recorded != GroupOutcome::Invited {
            return Err(refused("monitoring group", recorded));
        }
        // A member signs by the seat they accepted on their account page, not by a role.
        d.take_seat(r, cycle).await?;
        members.push(r.clone());
    }

    let (_, _, funded) = app::projects::of_cycle(app, cycle).await?;
    let plans: [Plan; 3] = [
        (95, day(8, 31)?, Some(day(8, 20)?), [100, 100, 100]),
        (100, day(9, 30)?, None, [100, 60, 0]),
        (98, day(7, 31)?, Some(day(7, 29)?), [100, 100, 100]),
    ];
    for (n, (project, plan)) in funded.iter().zip(plans).enumerate() {
        implement(d, &official, &members, n, &project.proposal, plan).await?;
    }
    if let Some(late) = funded.get(1) {
        reports(d, &official, &members, late.proposal.id).await?;
    }
    Ok(())
}

/// Residents' reports on the late project: one answered, one waiting, one overdue.
async fn reports(d: &Demo, official: &Actor, members: &[Actor], late: Uuid) -> anyhow::Result<()> {
    let reports = [
        (
            &members[1],
            Judgement::PoorQuality,
            "Құбырлар жерге тым таяз салынып жатыр, қыста қатып қалуы мүмкін.",
            70,
            Some(
                "Мердігерге хат жіберілді; құбырлар 1,8 м тереңдікке қайта салынады. / \
                 Подрядчику направлено письмо; трубы будут переложены на глубину 1,8 м.",
            ),
        ),
        (
            &members[4],
            Judgement::NotStarted,
            "Работы на верхней улице так и не начались, техника стоит.",
            30,
            None,
        ),
        (
            &members[3],
            Judgement::PoorQuality,
            "Котлован не огорожен, рядом ходят дети.",
            2,
            None,
        ),
    ];
    for (author, judgement, body, days_ago, answer) in reports {
        d.days_ago(days_ago);
        let report = NewReport {
            body: report_text(body).map_err(|e| refused("report", e))?,
            judgement,
            coordinates: Some((51.402, 69.178)),
        };
        let id = app::projects::submit_report(&d.app, author, late, report, Vec::new()).await?;
        if let Some(text) = answer {
            // Answered within the ten working days.
            d.days_ago(days_ago - 4);
            match app::projects::answer_report(&d.app, official, late, id, text).await? {
                AnswerOutcome::Answered => {}
                other => return Err(refused("report answer", other)),
            }
        }
    }
    Ok(())
}
