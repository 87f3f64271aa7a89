//! What the akimat and other bodies owe residents in a territory: unanswered monitoring
//! reports, initiatives awaiting an answer, public-control documents not delivered and
//! recommendations awaiting an answer — one item type, one merge, each deadline decided by the
//! domain's rules (`answer_due`, `days_overdue`, Kazakhstan dates).

use crate::{App, Result};
use chrono::NaiveDate;
use domain::initiatives::Status;
use domain::projects::{answer_due, days_overdue, kz_date};
use domain::Kato;
use serde::Serialize;
use store::Db;
use uuid::Uuid;

/// Everything owed under the territory with this path (the whole country for an empty path),
/// as of today in Kazakhstan, newest deadline first.
pub async fn owed(app: &App, path: &[Kato]) -> Result<Vec<Owed>> {
    // Initiatives whose collection ended move on (by the domain's rule) before they are listed.
    crate::initiatives::sweep(app).await?;
    let prefix = store::territories::path_string(path);
    let (db, today) = (&app.db, app.clock.today());
    Ok(merge(vec![
        reports(db, &prefix, today).await?,
        initiatives(db, &prefix, today).await?,
        recommendations(db, &prefix, today).await?,
        deliveries(db, &prefix, today).await?,
    ]))
}

/// Kinds of owed items (each has an `accountability-kind-<kind>` message).
pub const KINDS: [&str; 4] = ["report", "initiative", "recommendation", "delivery"];

/// Something owed to residents, with its deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Owed {
    /// One of [`KINDS`].
    pub kind: &'static str,
    pub id: Uuid,
    pub title: String,
    pub due: NaiveDate,
    /// Calendar days past `due` up to today; 0 when not yet due.
    pub days_overdue: i64,
    /// The page where it is answered.
    #[serde(skip)]
    pub link: String,
}

/// Every source merged: newest deadline first.
pub fn merge(sources: Vec<Vec<Owed>>) -> Vec<Owed> {
    let mut all: Vec<Owed> = sources.into_iter().flatten().collect();
    all.sort_by(|a, b| b.due.cmp(&a.due).then(a.id.cmp(&b.id)));
    all
}

/// Unanswered monitoring reports: due 10 working days after filing, on the holiday table.
async fn reports(db: &Db, path_prefix: &str, today: NaiveDate) -> Result<Vec<Owed>> {
    let cal = store::oversight::calendar(db).await?;
    Ok(
        store::projects::monitoring::unanswered_under(db, path_prefix)
            .await?
            .into_iter()
            .map(|(id, proposal, title, filed)| {
                let due = answer_due(&cal, filed);
                Owed {
                    kind: "report",
                    id,
                    title,
                    due,
                    days_overdue: days_overdue(due, today),
                    link: format!("/projects/{proposal}#report-{id}"),
                }
            })
            .collect(),
    )
}

/// Initiatives that reached their threshold and await the answer.
async fn initiatives(db: &Db, path_prefix: &str, today: NaiveDate) -> Result<Vec<Owed>> {
    let f = store::initiatives::Filter {
        path_prefix: path_prefix.to_string(),
        status: Some(Status::MustConsider),
        ..store::initiatives::Filter::default()
    };
    Ok(store::initiatives::list(db, &f, 1000)
        .await?
        .into_iter()
        .filter_map(|i| {
            let due = kz_date(i.consider_due?);
            Some(Owed {
                kind: "initiative",
                id: i.id,
                title: i.title,
                due,
                days_overdue: days_overdue(due, today),
                link: format!("/initiatives/{}", i.id),
            })
        })
        .collect())
}

/// Recommendations of public-control events awaiting the body's reasoned answer (due 10
/// working days after delivery, fixed when delivered).
async fn recommendations(db: &Db, path_prefix: &str, today: NaiveDate) -> Result<Vec<Owed>> {
    Ok(store::control::owed_recommendations(db, path_prefix)
        .await?
        .into_iter()
        .map(|r| Owed {
            kind: "recommendation",
            id: r.id,
            title: r.title,
            due: r.answer_due,
            days_overdue: days_overdue(r.answer_due, today),
            link: format!("/control/{}#r{}", r.event, r.item_no),
        })
        .collect())
}

/// Final documents of public-control events not yet delivered to the body (due 7 working
/// days after the document).
async fn deliveries(db: &Db, path_prefix: &str, today: NaiveDate) -> Result<Vec<Owed>> {
    Ok(store::control::owed_deliveries(db, path_prefix)
        .await?
        .into_iter()
        .map(|(event, title, due)| Owed {
            kind: "delivery",
            id: event,
            title,
            due,
            days_overdue: days_overdue(due, today),
            link: format!("/control/{event}"),
        })
        .collect())
}
