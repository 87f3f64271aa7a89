//! Demo public control and land reports in the Egindykol district: a public hearing on the
//! district's road repairs with its protocol and three recommendations (one answered, one
//! still due, one overdue), and land reports in every status, with hectares returned to the
//! state in two years.

use super::act::{refused, Demo};
use anyhow::Context;
use app::control::{
    AnswerOutcome, DeliveryOutcome, DocumentOutcome, EventInput, RegisterOutcome, SupplementOutcome,
};
use app::land::{NewLandReport, ReviewOutcome};
use app::Actor;
use chrono::{Datelike, Days, NaiveDate};
use domain::land::{Description, Hectares, LandKind, LandStatus};
use domain::oversight::{CadastralNumber, WorkingCalendar};
use domain::Kato;
use uuid::Uuid;

const DISTRICT: &str = "114400000";

/// A demo land report: village, cadastral number, hectares, kind, text, the commission's
/// steps (status, day) and the day it was reported.
type Plot<'a> = (
    &'a str,
    &'a str,
    &'a str,
    LandKind,
    &'a str,
    &'a [(LandStatus, NaiveDate)],
    NaiveDate,
);

/// The day `n` working days before `today`.
fn back(cal: &WorkingCalendar, today: NaiveDate, n: u32) -> NaiveDate {
    let mut d = today;
    while cal.working_days_late(d, today) < n {
        d = d.checked_sub_days(Days::new(1)).unwrap_or(d);
    }
    d
}

async fn deliver(d: &Demo, who: &Actor, event: Uuid, on: NaiveDate) -> anyhow::Result<()> {
    d.on(on, 16);
    match app::control::record_delivery(&d.app, who, event, Some(on)).await? {
        DeliveryOutcome::Recorded => Ok(()),
        other => Err(refused("delivery", other)),
    }
}

/// The hearing: protocol published 20 working days ago, delivered two days later and
/// answered in part; a supplement delivered four working days ago still waits.
async fn hearing(d: &Demo, cal: &WorkingCalendar) -> anyhow::Result<()> {
    let app = &d.app;
    let resident = d.actor("resident@demo.qatysu.kz").await?;
    let official = d.actor("official@demo.qatysu.kz").await?;
    let district = app::territories::by_kato(app, &Kato::parse(DISTRICT)?).await?;
    let doc_on = back(cal, d.today, 20);
    let held = Demo::before(doc_on, 3);
    d.on(held, 19);
    let held_typed = held.to_string();
    let input = EventInput {
        title: "Аудандағы ауылдық жолдарды жөндеу жоспары бойынша қоғамдық тыңдау",
        kind: "hearing",
        body: "Егіндікөл ауданының әкімдігі",
        starts: &held_typed,
        ends: &held_typed,
        participants: "Бауыржан Нұрланов, Көркем ауылының тұрғыны\n\
            Алакөл ауылдық округінің тұрғындары (42 адам)\n\
            Аудан әкімдігінің тұрғын үй-коммуналдық шаруашылық бөлімі",
        ngo_name: "",
        ngo_bin: "",
    };
    let event =
        match app::control::register_control_event(app, &resident, &district, &input).await? {
            RegisterOutcome::Registered(id) => id,
            other => return Err(refused("control event", other)),
        };
    d.on(doc_on, 12);
    let published = app::control::publish_document(
        app,
        &resident,
        event,
        "protocol",
        "Тыңдауға 45 адам қатысты. Тұрғындар Көркем мен Полтавское арасындағы жолдың \
            жағдайын, мектеп автобусының қозғалысын және жөндеу кестесін талқылады. Әкімдік \
            өкілі 2026 жылғы жоспарды таныстырды.",
        "Көркем — Полтавское жолын жөндеуді келесі жылдың жоспарына енгізу.\n\
            Жөндеу жұмыстарының сметасын және мердігермен шартты жариялау.",
    )
    .await?;
    if published != DocumentOutcome::Published {
        return Err(refused("final document", published));
    }
    let delivered = cal.add_working_days(doc_on, 2);
    deliver(d, &resident, event, delivered).await?;
    let recs = app::control::event_page(app, event).await?.recommendations;
    if let Some(first) = recs.first() {
        d.on(cal.add_working_days(delivered, 6), 11);
        let answered = app::control::answer_recommendation(
            app,
            &official,
            event,
            first.id,
            "Жол жөндеу келесі жылғы бюджет жобасына енгізілді, қаражат көлемі — 180 млн теңге. Жұмыс мамыр айында басталады.",
        )
        .await?;
        if answered != AnswerOutcome::Answered {
            return Err(refused("recommendation answer", answered));
        }
    }
    // A supplement to the protocol, delivered four working days ago: its answer is still due.
    d.on(back(cal, d.today, 5), 12);
    let added = app::control::add_recommendations(
        app,
        &resident,
        event,
        "Жөндеу кезінде мектеп автобусына айналма жол ұйымдастыру.",
    )
    .await?;
    if added != SupplementOutcome::Added {
        return Err(refused("supplement", added));
    }
    deliver(d, &resident, event, back(cal, d.today, 4)).await
}

/// What the land commission writes at each step.
fn comment(status: LandStatus) -> &'static str {
    match status {
        LandStatus::UnderReview => "Жер комиссиясы учаскені тексеруге алды.",
        LandStatus::Confirmed => "Учаскеге барып тексерілді: хабарлама расталды.",
        LandStatus::NotConfirmed => "Тексеру кезінде учаске пайдаланылып жатқаны анықталды.",
        _ => "Учаске сот шешімімен мемлекетке қайтарылды.",
    }
}

/// The demo resident reports a plot; the official, as the land commission, moves it on.
async fn land_report(
    d: &Demo,
    people: (&Actor, &Actor),
    district: &app::land::Territory,
    plot: &Plot<'_>,
) -> anyhow::Result<()> {
    let (resident, official) = people;
    let (village, cadastral, area, kind, text, steps, reported) = *plot;
    let report = NewLandReport {
        village: app::territories::by_kato(&d.app, &Kato::parse(village)?).await?,
        cadastral_number: CadastralNumber::parse(cadastral)
            .map_err(|e| anyhow::anyhow!("{cadastral}: {e}"))?,
        area: Hectares::parse(area).map_err(|e| anyhow::anyhow!("{area}: {e}"))?,
        kind,
        description: Description::parse(text).map_err(|e| refused("land report", e))?,
    };
    d.on(reported, 10);
    let id = app::land::submit_land_report(&d.app, resident, district, report, &[]).await?;
    for (status, on) in steps {
        d.on(*on, 15);
        let note = comment(*status);
        match app::land::review_land_report(&d.app, official, id, Some(*status), note).await? {
            ReviewOutcome::Moved => {}
            other => return Err(refused("land review", other)),
        }
    }
    Ok(())
}

pub async fn seed(d: &Demo) -> anyhow::Result<()> {
    let cal = app::oversight::calendar(&d.app).await?;
    hearing(d, &cal).await?;
    let resident = d.actor("resident@demo.qatysu.kz").await?;
    let official = d.actor("official@demo.qatysu.kz").await?;
    let district = app::territories::by_kato(&d.app, &Kato::parse(DISTRICT)?).await?;
    let today = d.today;
    // Land reports in every status; hectares returned last year and this year.
    let last_year = NaiveDate::from_ymd_opt(today.year() - 1, 10, 14).context("demo date")?;
    let this_year = back(&cal, today, 15);
    let plots: [Plot; 6] = [
        ("114435200", "01:017:042:0315", "45.5", LandKind::Unused, "Көркем ауылының солтүстігіндегі егістік жер бес жыл бойы өңделмей, арамшөп басып кеткен.", &[], back(&cal, today, 2)),
        ("114435100", "01:017:038:0127", "120", LandKind::Unlawful, "Жайылым жер конкурссыз берілген сияқты: ауыл тұрғындары малды жаятын жерсіз қалды.", &[(LandStatus::UnderReview, back(&cal, today, 3))], back(&cal, today, 9)),
        ("114443200", "01:017:051:0904", "310.25", LandKind::Unused, "Абай ауылы маңындағы учаске 2019 жылдан бері пайдаланылмайды, ғимараттары қираған.", &[(LandStatus::UnderReview, back(&cal, today, 20)), (LandStatus::Confirmed, back(&cal, today, 6))], back(&cal, today, 25)),
        ("114441100", "01:017:060:0212", "12", LandKind::Unused, "Учаске бос тұр деп ойладым, бірақ анық білмеймін.", &[(LandStatus::UnderReview, back(&cal, today, 18)), (LandStatus::NotConfirmed, back(&cal, today, 10))], back(&cal, today, 22)),
        ("114445100", "01:017:072:0458", "540", LandKind::Unused, "Жалманқұлақ маңындағы егістік жер жеті жыл бойы егілмеген.", &[(LandStatus::UnderReview, last_year - Days::new(60)), (LandStatus::Confirmed, last_year - Days::new(30)), (LandStatus::Returned, last_year)], last_year - Days::new(75)),
        ("114430100", "01:017:011:0733", "275.5", LandKind::Unlawful, "Ауыл шетіндегі жер заңсыз берілген, жер комиссиясының шешімі жоқ.", &[(LandStatus::UnderReview, this_year - Days::new(40)), (LandStatus::Confirmed, this_year - Days::new(20)), (LandStatus::Returned, this_year)], this_year - Days::new(50)),
    ];
    for plot in &plots {
        land_report(d, (&resident, &official), &district, plot).await?;
    }
    Ok(())
}
