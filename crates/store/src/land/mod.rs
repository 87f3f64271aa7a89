//! Land reports: the report with its photos, each status change with its comment (public),
//! and the hectares returned to the state per district and year.

use crate::control::parse_path;
use crate::db::{in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::land::{Hectares, LandKind, LandStatus, NotAllowed};
use domain::oversight::CadastralNumber;
use domain::Kato;
use uuid::Uuid;

/// What a resident reports.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub village_id: Uuid,
    pub reporter_id: Uuid,
    pub cadastral_number: CadastralNumber,
    pub area: Hectares,
    pub kind: LandKind,
    pub description: String,
}

/// A photo already written to the uploads folder under `id`.
#[derive(Debug, Clone)]
pub struct Photo {
    pub id: Uuid,
    pub content_type: String,
    pub size_bytes: i64,
}
crate::db::from_row!(Photo {
    id,
    content_type,
    size_bytes
});

#[derive(Debug, Clone)]
pub struct Report {
    pub id: Uuid,
    pub village_id: Uuid,
    pub village_kato: Kato,
    pub village_path: Vec<Kato>,
    pub village_name_kk: String,
    pub village_name_ru: String,
    pub reporter_id: Uuid,
    pub cadastral_number: String,
    pub area: Hectares,
    pub kind: LandKind,
    pub description: String,
    pub status: LandStatus,
    pub returned_on: Option<NaiveDate>,
    pub reported_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Report {
    pub fn village_name(&self, lang: &str) -> &str {
        match lang {
            "ru" => &self.village_name_ru,
            _ => &self.village_name_kk,
        }
    }
}

struct Row {
    id: Uuid,
    village_id: Uuid,
    kato: String,
    path: String,
    name_kk: String,
    name_ru: String,
    reporter_id: Uuid,
    cadastral_number: String,
    area: i64,
    kind: String,
    description: String,
    status: String,
    returned_on: Option<NaiveDate>,
    reported_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}
crate::db::from_row!(Row {
    id,
    village_id,
    kato,
    path,
    name_kk,
    name_ru,
    reporter_id,
    cadastral_number,
    area,
    kind,
    description,
    status,
    returned_on,
    reported_at,
    updated_at
});

const COLUMNS: &str = "r.id, r.village_id, t.kato, t.path, t.name_kk, t.name_ru, r.reporter_id, \
     r.cadastral_number, r.area, r.kind, r.description, r.status, r.returned_on, \
     r.reported_at, r.updated_at";
const FROM: &str = "FROM land_reports r JOIN territories t ON t.id = r.village_id";

impl TryFrom<Row> for Report {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Report> {
        let bad = |what: &str| StoreError::Corrupt(format!("land report {}: {what}", r.id));
        Ok(Report {
            village_kato: Kato::parse(&r.kato).map_err(|_| bad("kato"))?,
            village_path: parse_path(&r.path).ok_or_else(|| bad("path"))?,
            kind: LandKind::parse(&r.kind).ok_or_else(|| bad("kind"))?,
            status: LandStatus::parse(&r.status).ok_or_else(|| bad("status"))?,
            area: Hectares::from_hundredths(r.area),
            id: r.id,
            village_id: r.village_id,
            village_name_kk: r.name_kk,
            village_name_ru: r.name_ru,
            reporter_id: r.reporter_id,
            cadastral_number: r.cadastral_number,
            description: r.description,
            returned_on: r.returned_on,
            reported_at: r.reported_at,
            updated_at: r.updated_at,
        })
    }
}

const INSERT_LAND_REPORTS: &str =
    "INSERT INTO land_reports (id, village_id, reporter_id, cadastral_number, area, kind, \
     description, status, reported_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, \
     $8, $9, $9)";
const INSERT_LAND_REPORT_EVENTS: &str =
    "INSERT INTO land_report_events (id, report_id, status, comment, actor_id, \
     created_at) VALUES ($1, $2, $3, $4, $5, $6)";
const INSERT_LAND_PHOTOS: &str =
    "INSERT INTO land_photos (id, report_id, content_type, size_bytes, created_at) \
     VALUES ($1, $2, $3, $4, $5)";

/// Store a report and its photos (already written to disk) together, or nothing.
pub async fn create(db: &Db, r: &NewReport, photos: &[Photo], now: DateTime<Utc>) -> Result<Uuid> {
    let id = new_id();
    in_tx!(db, |tx| {
        sqlx::query(INSERT_LAND_REPORTS)
            .bind(id)
            .bind(r.village_id)
            .bind(r.reporter_id)
            .bind(r.cadastral_number.as_str())
            .bind(r.area.hundredths())
            .bind(r.kind.as_str())
            .bind(&r.description)
            .bind(LandStatus::Received.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(INSERT_LAND_REPORT_EVENTS)
            .bind(new_id())
            .bind(id)
            .bind(LandStatus::Received.as_str())
            .bind("")
            .bind(r.reporter_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        for p in photos {
            sqlx::query(INSERT_LAND_PHOTOS)
                .bind(p.id)
                .bind(id)
                .bind(&p.content_type)
                .bind(p.size_bytes)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
    });
    Ok(id)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Option<Report>> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE r.id = $1");
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)?;
    row.map(Report::try_from).transpose()
}

/// Reports about villages of a territory and below (its path prefix), newest first.
pub async fn list(db: &Db, path_prefix: &str, limit: i64) -> Result<Vec<Report>> {
    let sql = format!(
        "SELECT {COLUMNS} {FROM} WHERE t.path LIKE $1 \
         ORDER BY r.reported_at DESC, r.id DESC LIMIT $2"
    );
    let like = format!("{path_prefix}%");
    let rows: Vec<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(&like)
        .bind(limit)
        .fetch_all(p)
        .await)?;
    rows.into_iter().map(Report::try_from).collect()
}

const UPDATE_LAND_REPORTS: &str =
    "UPDATE land_reports SET status = $2, returned_on = COALESCE($3, returned_on), \
     updated_at = $4 WHERE id = $1";

/// Move a report along the status graph with a comment, logged; a move the graph does not
/// allow (also when someone moved it meanwhile) writes nothing.
pub async fn transition(
    db: &Db,
    id: Uuid,
    to: LandStatus,
    comment: &str,
    actor: Uuid,
    now: DateTime<Utc>,
) -> Result<Result<(), NotAllowed>> {
    let sql = match db {
        Db::Sqlite(_) => "SELECT status FROM land_reports WHERE id = $1",
        Db::Postgres(_) => "SELECT status FROM land_reports WHERE id = $1 FOR UPDATE",
    };
    Ok(in_tx!(db, |tx| {
        let s: Option<String> = sqlx::query_scalar(sql)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let s = s.ok_or(StoreError::NotFound)?;
        let from =
            LandStatus::parse(&s).ok_or_else(|| StoreError::Corrupt(format!("land status {s}")))?;
        match from.next(to) {
            Err(e) => Err(e),
            Ok(next) => {
                // The day the land came back, as Kazakhstan counts days.
                let returned = (next == LandStatus::Returned).then(|| domain::time::kz_date(now));
                sqlx::query(UPDATE_LAND_REPORTS)
                    .bind(id)
                    .bind(next.as_str())
                    .bind(returned)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(INSERT_LAND_REPORT_EVENTS)
                    .bind(new_id())
                    .bind(id)
                    .bind(next.as_str())
                    .bind(comment)
                    .bind(actor)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                Ok(())
            }
        }
    }))
}

/// One logged status change.
#[derive(Debug, Clone)]
pub struct LogItem {
    pub status: LandStatus,
    pub comment: String,
    pub actor: Option<String>,
    pub created_at: DateTime<Utc>,
}

const HISTORY: &str = "SELECT e.status, e.comment, u.display_name AS actor, e.created_at \
     FROM land_report_events e LEFT JOIN users u ON u.id = e.actor_id \
     WHERE e.report_id = $1 ORDER BY e.created_at, e.id";

pub async fn history(db: &Db, id: Uuid) -> Result<Vec<LogItem>> {
    let rows: Vec<(String, String, Option<String>, DateTime<Utc>)> =
        on_pool!(db, |p| sqlx::query_as(HISTORY).bind(id).fetch_all(p).await)?;
    rows.into_iter()
        .map(|(status, comment, actor, created_at)| {
            Ok(LogItem {
                status: LandStatus::parse(&status)
                    .ok_or_else(|| StoreError::Corrupt(format!("land status {status}")))?,
                comment,
                actor,
                created_at,
            })
        })
        .collect()
}

const SELECT_LAND_PHOTOS: &str =
    "SELECT id, content_type, size_bytes FROM land_photos WHERE report_id = $1 \
     ORDER BY created_at, id";

pub async fn photos(db: &Db, report: Uuid) -> Result<Vec<Photo>> {
    Ok(on_pool!(db, |p| sqlx::query_as(SELECT_LAND_PHOTOS)
        .bind(report)
        .fetch_all(p)
        .await)?)
}

const SELECT_LAND_PHOTO: &str =
    "SELECT id, content_type, size_bytes FROM land_photos WHERE report_id = $1 AND id = $2";

pub async fn photo(db: &Db, report: Uuid, id: Uuid) -> Result<Option<Photo>> {
    Ok(on_pool!(db, |p| sqlx::query_as(SELECT_LAND_PHOTO)
        .bind(report)
        .bind(id)
        .fetch_optional(p)
        .await)?)
}

const COUNT_LAND_PHOTOS: &str = "SELECT COUNT(*) FROM land_photos";

/// How many photos are stored in all (for tests of refused uploads).
pub async fn photo_count(db: &Db) -> Result<i64> {
    Ok(on_pool!(db, |p| sqlx::query_scalar(COUNT_LAND_PHOTOS)
        .fetch_one(p)
        .await)?)
}

/// Hectares returned to the state in one district in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Returned {
    pub district_kato: String,
    pub district_name_kk: String,
    pub district_name_ru: String,
    pub year: i32,
    pub area: Hectares,
}

impl Returned {
    pub fn district_name(&self, lang: &str) -> &str {
        match lang {
            "ru" => &self.district_name_ru,
            _ => &self.district_name_kk,
        }
    }
}

const SELECT_LAND_REPORTS: &str =
    "SELECT d.kato, d.name_kk, d.name_ru, r.returned_on, r.area FROM land_reports r JOIN \
     territories v ON v.id = r.village_id JOIN territories d ON d.level = 'district' AND \
     v.path LIKE d.path || '%' WHERE r.status = 'returned' AND r.returned_on IS NOT NULL \
     AND v.path LIKE $1";

/// Hectares returned per district and year, for villages of a territory and below; by
/// district (KATO order), then year.
pub async fn returned_by_district(db: &Db, path_prefix: &str) -> Result<Vec<Returned>> {
    type ReturnedRow = (String, String, String, NaiveDate, i64);
    let rows: Vec<ReturnedRow> = on_pool!(db, |p| sqlx::query_as(SELECT_LAND_REPORTS)
        .bind(format!("{path_prefix}%"))
        .fetch_all(p)
        .await)?;
    let mut out: Vec<Returned> = Vec::new();
    for (kato, kk, ru, on, area) in rows {
        let year = on.year();
        match out
            .iter_mut()
            .find(|r| r.district_kato == kato && r.year == year)
        {
            Some(r) => r.area = r.area + Hectares::from_hundredths(area),
            None => out.push(Returned {
                district_kato: kato,
                district_name_kk: kk,
                district_name_ru: ru,
                year,
                area: Hectares::from_hundredths(area),
            }),
        }
    }
    out.sort_by(|a, b| (&a.district_kato, a.year).cmp(&(&b.district_kato, b.year)));
    Ok(out)
}
