//! Public-control events: the event, its final document, each recommendation with its
//! delivery and answer, and the hearing on the answer. Due dates are computed by the caller
//! with the domain's working-day rules and stored as they were computed.

use crate::db::{in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::control::{DocumentKind, EventKind};
use domain::Kato;
use uuid::Uuid;

/// What an organiser registers.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub territory_id: Uuid,
    pub organiser_id: Uuid,
    /// (organisation name, BIN) when a non-profit organisation holds the event.
    pub ngo: Option<(String, String)>,
    pub kind: EventKind,
    pub title: String,
    pub body_name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub participants: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub kind: DocumentKind,
    pub text: String,
    pub on: NaiveDate,
}

/// An event with its territory and organiser, as pages show it.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: Uuid,
    pub territory_id: Uuid,
    pub territory_kato: Kato,
    pub territory_path: Vec<Kato>,
    pub territory_name_kk: String,
    pub territory_name_ru: String,
    pub organiser_id: Uuid,
    pub organiser_name: String,
    pub ngo_name: Option<String>,
    pub ngo_bin: Option<String>,
    pub kind: EventKind,
    pub title: String,
    pub body_name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub participants: Vec<String>,
    pub document: Option<Document>,
    pub delivery_due: Option<NaiveDate>,
    pub delivered_on: Option<NaiveDate>,
    pub hearing_on: Option<NaiveDate>,
    pub hearing_place: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Event {
    pub fn territory_name(&self, lang: &str) -> &str {
        match lang {
            "ru" => &self.territory_name_ru,
            _ => &self.territory_name_kk,
        }
    }
}

struct Row {
    id: Uuid,
    territory_id: Uuid,
    kato: String,
    path: String,
    name_kk: String,
    name_ru: String,
    organiser_id: Uuid,
    display_name: String,
    ngo_name: Option<String>,
    ngo_bin: Option<String>,
    kind: String,
    title: String,
    body_name: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    participants: String,
    doc_kind: Option<String>,
    doc_text: Option<String>,
    doc_on: Option<NaiveDate>,
    delivery_due: Option<NaiveDate>,
    delivered_on: Option<NaiveDate>,
    hearing_on: Option<NaiveDate>,
    hearing_place: Option<String>,
    created_at: DateTime<Utc>,
}
crate::db::from_row!(Row {
    id,
    territory_id,
    kato,
    path,
    name_kk,
    name_ru,
    organiser_id,
    display_name,
    ngo_name,
    ngo_bin,
    kind,
    title,
    body_name,
    starts_on,
    ends_on,
    participants,
    doc_kind,
    doc_text,
    doc_on,
    delivery_due,
    delivered_on,
    hearing_on,
    hearing_place,
    created_at
});

const COLUMNS: &str =
    "e.id, e.territory_id, t.kato, t.path, t.name_kk, t.name_ru, e.organiser_id, \
     u.display_name, e.ngo_name, e.ngo_bin, e.kind, e.title, e.body_name, e.starts_on, \
     e.ends_on, e.participants, e.doc_kind, e.doc_text, e.doc_on, e.delivery_due, \
     e.delivered_on, e.hearing_on, e.hearing_place, e.created_at";
const FROM: &str =
    "FROM control_events e JOIN territories t ON t.id = e.territory_id JOIN users u ON \
     u.id = e.organiser_id";

pub(crate) fn parse_path(path: &str) -> Option<Vec<Kato>> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|k| Kato::parse(k).ok())
        .collect()
}

impl TryFrom<Row> for Event {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Event> {
        let bad = |what: &str| StoreError::Corrupt(format!("control event {}: {what}", r.id));
        let document = match (r.doc_kind.as_deref(), r.doc_text, r.doc_on) {
            (Some(k), Some(text), Some(on)) => Some(Document {
                kind: DocumentKind::parse(k).ok_or_else(|| bad("document kind"))?,
                text,
                on,
            }),
            _ => None,
        };
        Ok(Event {
            territory_kato: Kato::parse(&r.kato).map_err(|_| bad("kato"))?,
            territory_path: parse_path(&r.path).ok_or_else(|| bad("path"))?,
            kind: EventKind::parse(&r.kind).ok_or_else(|| bad("kind"))?,
            participants: r.participants.lines().map(str::to_string).collect(),
            document,
            id: r.id,
            territory_id: r.territory_id,
            territory_name_kk: r.name_kk,
            territory_name_ru: r.name_ru,
            organiser_id: r.organiser_id,
            organiser_name: r.display_name,
            ngo_name: r.ngo_name,
            ngo_bin: r.ngo_bin,
            title: r.title,
            body_name: r.body_name,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            delivery_due: r.delivery_due,
            delivered_on: r.delivered_on,
            hearing_on: r.hearing_on,
            hearing_place: r.hearing_place,
            created_at: r.created_at,
        })
    }
}

const INSERT_CONTROL_EVENTS: &str =
    "INSERT INTO control_events (id, territory_id, organiser_id, ngo_name, ngo_bin, kind, \
     title, body_name, starts_on, ends_on, participants, created_at) VALUES ($1, $2, $3, \
     $4, $5, $6, $7, $8, $9, $10, $11, $12)";

pub async fn create(db: &Db, e: &NewEvent, now: DateTime<Utc>) -> Result<Uuid> {
    let id = new_id();
    let (ngo_name, ngo_bin) = match &e.ngo {
        Some((n, b)) => (Some(n.as_str()), Some(b.as_str())),
        None => (None, None),
    };
    in_tx!(db, |tx| {
        sqlx::query(INSERT_CONTROL_EVENTS)
            .bind(id)
            .bind(e.territory_id)
            .bind(e.organiser_id)
            .bind(ngo_name)
            .bind(ngo_bin)
            .bind(e.kind.as_str())
            .bind(&e.title)
            .bind(&e.body_name)
            .bind(e.starts_on)
            .bind(e.ends_on)
            .bind(e.participants.join("\n"))
            .bind(now)
            .execute(&mut *tx)
            .await?;
    });
    Ok(id)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Option<Event>> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE e.id = $1");
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)?;
    row.map(Event::try_from).transpose()
}

/// Events of a territory and everything under it (its path prefix), newest first.
pub async fn list(db: &Db, path_prefix: &str, limit: i64) -> Result<Vec<Event>> {
    let sql = format!(
        "SELECT {COLUMNS} {FROM} WHERE t.path LIKE $1 ORDER BY e.starts_on DESC, e.id DESC LIMIT $2"
    );
    let like = format!("{path_prefix}%");
    let rows: Vec<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(&like)
        .bind(limit)
        .fetch_all(p)
        .await)?;
    rows.into_iter().map(Event::try_from).collect()
}

/// One recommendation of a final document, with its delivery and answer.
#[derive(Debug, Clone)]
pub struct Recommendation {
    pub id: Uuid,
    pub event_id: Uuid,
    pub item_no: i64,
    pub text: String,
    pub delivered_on: Option<NaiveDate>,
    pub answer_due: Option<NaiveDate>,
    pub answer_text: Option<String>,
    pub answered_on: Option<NaiveDate>,
    pub answered_by: Option<String>,
}
crate::db::from_row!(Recommendation {
    id,
    event_id,
    item_no,
    text,
    delivered_on,
    answer_due,
    answer_text,
    answered_on,
    answered_by
});

const SELECT_CONTROL_RECOMMENDATIONS: &str =
    "SELECT r.id, r.event_id, r.item_no, r.text, r.delivered_on, r.answer_due, \
     r.answer_text, r.answered_on, u.display_name AS answered_by FROM \
     control_recommendations r LEFT JOIN users u ON u.id = r.answered_by WHERE r.event_id \
     = $1 ORDER BY r.item_no";

pub async fn recommendations(db: &Db, event: Uuid) -> Result<Vec<Recommendation>> {
    Ok(on_pool!(db, |p| sqlx::query_as(
        SELECT_CONTROL_RECOMMENDATIONS
    )
    .bind(event)
    .fetch_all(p)
    .await)?)
}

const UPDATE_CONTROL_EVENTS: &str =
    "UPDATE control_events SET doc_kind = $2, doc_text = $3, doc_on = $4, delivery_due = \
     $5 WHERE id = $1 AND doc_kind IS NULL";
const INSERT_CONTROL_RECOMMENDATIONS: &str =
    "INSERT INTO control_recommendations (id, event_id, item_no, text, created_at) VALUES \
     ($1, $2, $3, $4, $5)";

/// Publish the final document with its recommendations, once: `false` when the event has one
/// already (nothing written).
pub async fn publish_document(
    db: &Db,
    id: Uuid,
    doc: &Document,
    delivery_due: NaiveDate,
    recommendations: &[String],
    now: DateTime<Utc>,
) -> Result<bool> {
    Ok(in_tx!(db, |tx| {
        let n = sqlx::query(UPDATE_CONTROL_EVENTS)
            .bind(id)
            .bind(doc.kind.as_str())
            .bind(&doc.text)
            .bind(doc.on)
            .bind(delivery_due)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        for (i, text) in recommendations.iter().enumerate() {
            sqlx::query(INSERT_CONTROL_RECOMMENDATIONS)
                .bind(new_id())
                .bind(id)
                .bind(i as i64 + 1)
                .bind(text)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        true
    }))
}

const LAST_ITEM_NO: &str = "SELECT MAX(item_no) FROM control_recommendations WHERE event_id = $1";

/// Add recommendations to a published final document (a supplement), numbered after the
/// existing ones; they are delivered with the next recorded delivery.
pub async fn add_recommendations(
    db: &Db,
    id: Uuid,
    recommendations: &[String],
    now: DateTime<Utc>,
) -> Result<()> {
    in_tx!(db, |tx| {
        let last: Option<i64> = sqlx::query_scalar(LAST_ITEM_NO)
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let start = last.unwrap_or(0);
        for (i, text) in recommendations.iter().enumerate() {
            sqlx::query(INSERT_CONTROL_RECOMMENDATIONS)
                .bind(new_id())
                .bind(id)
                .bind(start + i as i64 + 1)
                .bind(text)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
    });
    Ok(())
}

const RECORD_DELIVERY: &str =
    "UPDATE control_events SET delivered_on = COALESCE(delivered_on, $2) WHERE id = $1 \
     AND doc_kind IS NOT NULL";
const UPDATE_CONTROL_RECOMMENDATIONS: &str =
    "UPDATE control_recommendations SET delivered_on = $2, answer_due = $3 WHERE event_id \
     = $1 AND delivered_on IS NULL";

/// Record that the final document reached the body on `on`: every recommendation not yet
/// delivered gets `answer_due`. Returns how many recommendations were delivered now.
pub async fn record_delivery(
    db: &Db,
    id: Uuid,
    on: NaiveDate,
    answer_due: NaiveDate,
) -> Result<u64> {
    Ok(in_tx!(db, |tx| {
        sqlx::query(RECORD_DELIVERY)
            .bind(id)
            .bind(on)
            .execute(&mut *tx)
            .await?;
        sqlx::query(UPDATE_CONTROL_RECOMMENDATIONS)
            .bind(id)
            .bind(on)
            .bind(answer_due)
            .execute(&mut *tx)
            .await?
            .rows_affected()
    }))
}

const ANSWER_RECOMMENDATION: &str =
    "UPDATE control_recommendations SET answer_text = $3, answered_on = $4, answered_by = \
     $5 WHERE id = $2 AND event_id = $1 AND answer_text IS NULL AND delivered_on IS NOT \
     NULL";

/// The body's reasoned answer to one delivered recommendation, once: `false` when it was
/// answered already or not delivered (nothing written).
pub async fn answer(
    db: &Db,
    event: Uuid,
    recommendation: Uuid,
    text: &str,
    on: NaiveDate,
    by: Uuid,
) -> Result<bool> {
    Ok(in_tx!(db, |tx| {
        sqlx::query(ANSWER_RECOMMENDATION)
            .bind(event)
            .bind(recommendation)
            .bind(text)
            .bind(on)
            .bind(by)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            == 1
    }))
}

/// Set (or move) the hearing on the answer; the caller checked the notice.
pub async fn schedule_hearing(db: &Db, id: Uuid, on: NaiveDate, place: &str) -> Result<()> {
    in_tx!(db, |tx| {
        sqlx::query("UPDATE control_events SET hearing_on = $2, hearing_place = $3 WHERE id = $1")
            .bind(id)
            .bind(on)
            .bind(place)
            .execute(&mut *tx)
            .await?;
    });
    Ok(())
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// A recommendation still waiting for the body's reasoned answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRecommendation {
    pub id: Uuid,
    pub event: Uuid,
    pub item_no: i64,
    /// "event title — № n: recommendation text" (the text shortened).
    pub title: String,
    pub answer_due: NaiveDate,
}

const SELECT_OWED_RECOMMENDATIONS: &str =
    "SELECT r.id, e.id, e.title, r.item_no, r.text, r.answer_due FROM \
     control_recommendations r JOIN control_events e ON e.id = r.event_id JOIN \
     territories t ON t.id = e.territory_id WHERE t.path LIKE $1 AND r.answer_text IS \
     NULL AND r.answer_due IS NOT NULL ORDER BY r.answer_due, e.id, r.item_no";

/// Recommendations of events in a territory and below, delivered and not answered yet, the
/// most overdue first.
pub async fn owed_recommendations(db: &Db, path_prefix: &str) -> Result<Vec<OpenRecommendation>> {
    type OpenRow = (Uuid, Uuid, String, i64, String, NaiveDate);
    let rows: Vec<OpenRow> = on_pool!(db, |p| sqlx::query_as(SELECT_OWED_RECOMMENDATIONS)
        .bind(format!("{path_prefix}%"))
        .fetch_all(p)
        .await)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, event, title, item_no, text, answer_due)| OpenRecommendation {
                id,
                event,
                item_no,
                title: format!("{title} — № {item_no}: {}", short(&text, 120)),
                answer_due,
            },
        )
        .collect())
}

const SELECT_CONTROL_EVENTS: &str =
    "SELECT e.id, e.title, e.delivery_due FROM control_events e JOIN territories t ON \
     t.id = e.territory_id WHERE t.path LIKE $1 AND e.doc_kind IS NOT NULL AND \
     e.delivered_on IS NULL AND e.delivery_due IS NOT NULL ORDER BY e.delivery_due, e.id";

/// Final documents of events in a territory and below that have not reached the body yet:
/// (event id, event title, delivery due date), the most overdue first.
pub async fn owed_deliveries(db: &Db, path_prefix: &str) -> Result<Vec<(Uuid, String, NaiveDate)>> {
    Ok(on_pool!(db, |p| sqlx::query_as(SELECT_CONTROL_EVENTS)
        .bind(format!("{path_prefix}%"))
        .fetch_all(p)
        .await)?)
}

const OVERDUE_EVENTS: &str =
    "SELECT e.id FROM control_events e JOIN territories t ON t.id = e.territory_id WHERE \
     t.path LIKE $1 AND ((e.doc_kind IS NOT NULL AND e.delivered_on IS NULL AND \
     e.delivery_due < $2) OR EXISTS (SELECT 1 FROM control_recommendations r WHERE \
     r.event_id = e.id AND r.answer_text IS NULL AND r.answer_due < $2))";

/// Events of a territory and below with something overdue on `today`: a final document not
/// delivered by its due day, or a recommendation not answered by its due day.
pub async fn overdue_events(db: &Db, path_prefix: &str, today: NaiveDate) -> Result<Vec<Uuid>> {
    Ok(on_pool!(db, |p| sqlx::query_scalar(OVERDUE_EVENTS)
        .bind(format!("{path_prefix}%"))
        .bind(today)
        .fetch_all(p)
        .await)?)
}
