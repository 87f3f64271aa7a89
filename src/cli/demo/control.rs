//! Demo public control and land reports in the Egindykol district: a public hearing on the
//! district's road repairs with its protocol and three recommendations (one answered, one
//! still due, one overdue), and land reports in every status, with hectares returned to the
//! state in two years.

use anyhow::Context;
use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use domain::control::{Deadlines, DocumentKind, EventKind};
use domain::land::{Hectares, LandKind, LandStatus};
use domain::oversight::{CadastralNumber, WorkingCalendar};
use domain::{Contact, Kato};
use store::control::{self as ctl, Document, NewEvent};
use store::land::{self as land, NewReport};
use store::Db;
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

async fn user(db: &Db, email: &str) -> anyhow::Result<Uuid> {
    let contact = Contact::parse(email).context("demo contact")?;
    let (u, _) = store::accounts::credentials(db, &contact)
        .await?
        .with_context(|| format!("demo account {email}"))?;
    Ok(u.id)
}

async fn territory(db: &Db, kato: &str) -> anyhow::Result<Uuid> {
    let k = Kato::parse(kato).map_err(|e| anyhow::anyhow!("{kato}: {e}"))?;
    Ok(store::territories::by_kato(db, &k)
        .await?
        .with_context(|| format!("demo territory {kato}"))?
        .id)
}

/// The day `n` working days before `today`.
fn back(cal: &WorkingCalendar, today: NaiveDate, n: u32) -> NaiveDate {
    let mut d = today;
    while cal.working_days_late(d, today) < n {
        d = d.checked_sub_days(Days::new(1)).unwrap_or(d);
    }
    d
}

fn at(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(9, 30, 0).unwrap_or_default())
}

pub async fn seed(db: &Db, today: NaiveDate) -> anyhow::Result<()> {
    let resident = user(db, "resident@demo.qatysu.kz").await?;
    let official = user(db, "official@demo.qatysu.kz").await?;
    let y = today.year();
    let cal = store::oversight::calendar(db).await?;
    let rules = Deadlines::default();

    // The hearing: protocol published 20 working days ago, delivered two days later.
    let doc_on = back(&cal, today, 20);
    let held = doc_on.checked_sub_days(Days::new(3)).unwrap_or(doc_on);
    let event = ctl::create(
        db,
        &NewEvent {
            territory_id: territory(db, DISTRICT).await?,
            organiser_id: resident,
            ngo: None,
            kind: EventKind::Hearing,
            title: "Аудандағы ауылдық жолдарды жөндеу жоспары бойынша қоғамдық тыңдау".into(),
            body_name: "Егіндікөл ауданының әкімдігі".into(),
            starts_on: held,
            ends_on: held,
            participants: vec![
                "Бауыржан Нұрланов, Көркем ауылының тұрғыны".into(),
                "Алакөл ауылдық округінің тұрғындары (42 адам)".into(),
                "Аудан әкімдігінің тұрғын үй-коммуналдық шаруашылық бөлімі".into(),
            ],
        },
        at(held),
    )
    .await?;
    let doc = Document {
        kind: DocumentKind::Protocol,
        text: "Тыңдауға 45 адам қатысты. Тұрғындар Көркем мен Полтавское арасындағы жолдың жағдайын, мектеп автобусының қозғалысын және жөндеу кестесін талқылады. Әкімдік өкілі 2026 жылғы жоспарды таныстырды.".into(),
        on: doc_on,
    };
    ctl::publish_document(
        db,
        event,
        &doc,
        rules.delivery_due(&cal, doc_on),
        &[
            "Көркем — Полтавское жолын жөндеуді келесі жылдың жоспарына енгізу.".into(),
            "Жөндеу жұмыстарының сметасын және мердігермен шартты жариялау.".into(),
        ],
        at(doc_on),
    )
    .await?;
    let delivered = cal.add_working_days(doc_on, 2);
    ctl::record_delivery(db, event, delivered, rules.answer_due(&cal, delivered)).await?;
    let recs = ctl::recommendations(db, event).await?;
    if let Some(first) = recs.first() {
        ctl::answer(
            db,
            event,
            first.id,
            "Жол жөндеу келесі жылғы бюджет жобасына енгізілді, қаражат көлемі — 180 млн теңге. Жұмыс мамыр айында басталады.",
            cal.add_working_days(delivered, 6),
            official,
        )
        .await?;
    }
    // A supplement to the protocol, delivered four working days ago: its answer is still due.
    ctl::add_recommendations(
        db,
        event,
        &["Жөндеу кезінде мектеп автобусына айналма жол ұйымдастыру.".into()],
        at(back(&cal, today, 5)),
    )
    .await?;
    let again = back(&cal, today, 4);
    ctl::record_delivery(db, event, again, rules.answer_due(&cal, again)).await?;

    // Land reports in every status; hectares returned last year and this year.
    let last_year = NaiveDate::from_ymd_opt(y - 1, 10, 14).unwrap_or(today);
    let this_year = back(&cal, today, 15);
    let plots: [Plot; 6] = [
        ("114435200", "01:017:042:0315", "45.5", LandKind::Unused, "Көркем ауылының солтүстігіндегі егістік жер бес жыл бойы өңделмей, арамшөп басып кеткен.", &[], back(&cal, today, 2)),
        ("114435100", "01:017:038:0127", "120", LandKind::Unlawful, "Жайылым жер конкурссыз берілген сияқты: ауыл тұрғындары малды жаятын жерсіз қалды.", &[(LandStatus::UnderReview, back(&cal, today, 3))], back(&cal, today, 9)),
        ("114443200", "01:017:051:0904", "310.25", LandKind::Unused, "Абай ауылы маңындағы учаске 2019 жылдан бері пайдаланылмайды, ғимараттары қираған.", &[(LandStatus::UnderReview, back(&cal, today, 20)), (LandStatus::Confirmed, back(&cal, today, 6))], back(&cal, today, 25)),
        ("114441100", "01:017:060:0212", "12", LandKind::Unused, "Учаске бос тұр деп ойладым, бірақ анық білмеймін.", &[(LandStatus::UnderReview, back(&cal, today, 18)), (LandStatus::NotConfirmed, back(&cal, today, 10))], back(&cal, today, 22)),
        ("114445100", "01:017:072:0458", "540", LandKind::Unused, "Жалманқұлақ маңындағы егістік жер жеті жыл бойы егілмеген.", &[(LandStatus::UnderReview, last_year - Days::new(60)), (LandStatus::Confirmed, last_year - Days::new(30)), (LandStatus::Returned, last_year)], last_year - Days::new(75)),
        ("114430100", "01:017:011:0733", "275.5", LandKind::Unlawful, "Ауыл шетіндегі жер заңсыз берілген, жер комиссиясының шешімі жоқ.", &[(LandStatus::UnderReview, this_year - Days::new(40)), (LandStatus::Confirmed, this_year - Days::new(20)), (LandStatus::Returned, this_year)], this_year - Days::new(50)),
    ];
    for (village, cadastral, area, kind, text, steps, reported) in plots {
        let id = land::create(
            db,
            &NewReport {
                village_id: territory(db, village).await?,
                reporter_id: resident,
                cadastral_number: CadastralNumber::parse(cadastral)
                    .map_err(|e| anyhow::anyhow!("{cadastral}: {e}"))?,
                area: Hectares::parse(area).map_err(|e| anyhow::anyhow!("{area}: {e}"))?,
                kind,
                description: text.into(),
            },
            &[],
            at(reported),
        )
        .await?;
        for (status, on) in steps {
            let comment = match status {
                LandStatus::UnderReview => "Жер комиссиясы учаскені тексеруге алды.",
                LandStatus::Confirmed => "Учаскеге барып тексерілді: хабарлама расталды.",
                LandStatus::NotConfirmed => {
                    "Тексеру кезінде учаске пайдаланылып жатқаны анықталды."
                }
                _ => "Учаске сот шешімімен мемлекетке қайтарылды.",
            };
            land::transition(db, id, *status, comment, official, at(*on))
                .await?
                .map_err(|e| anyhow::anyhow!("demo land report: {e}"))?;
        }
    }
    Ok(())
}
