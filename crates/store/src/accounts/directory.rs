//! The administrators' list of accounts: who lives where, at which verification level, and
//! when that level last changed. Scoped by a territory's subtree (its path prefix).

use crate::db::on_pool;
use crate::{Db, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::accounts::LevelEvent;
use domain::Level;
use uuid::Uuid;

/// One account in the list.
#[derive(Debug, Clone)]
pub struct Listed {
    pub id: Uuid,
    pub display_name: String,
    pub village_kk: String,
    pub village_ru: String,
    pub level: Level,
    pub created_at: DateTime<Utc>,
    /// When and how the level last changed, if it ever did.
    pub last_change: Option<(DateTime<Utc>, LevelEvent)>,
}

/// Which accounts: those living under `path_prefix` (`""` is the whole country), at `level`
/// when given; `limit` of them from `offset`, newest first.
#[derive(Debug, Clone)]
pub struct Query<'a> {
    pub path_prefix: &'a str,
    pub level: Option<Level>,
    pub limit: i64,
    pub offset: i64,
}

type ListedRow = (
    Uuid,
    String,
    String,
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<String>,
);

// The last change is joined through its id, so both engines can use the declared column types.
const LIST: &str = "SELECT u.id, u.display_name, t.name_kk, t.name_ru, u.level, u.created_at, \
    lc.at, lc.event FROM users u JOIN territories t ON t.id = u.residence_id \
    LEFT JOIN level_changes lc ON lc.id = (SELECT l.id FROM level_changes l \
    WHERE l.user_id = u.id ORDER BY l.at DESC, l.id DESC LIMIT 1) \
    WHERE t.path LIKE $1";

/// The accounts `q` asks for.
pub async fn list(db: &Db, q: &Query<'_>) -> Result<Vec<Listed>> {
    let filter = if q.level.is_some() {
        " AND u.level = $4"
    } else {
        ""
    };
    let sql = format!("{LIST}{filter} ORDER BY u.created_at DESC, u.id DESC LIMIT $2 OFFSET $3");
    let prefix = format!("{}%", q.path_prefix);
    let level = q.level.map(Level::as_str);
    let rows: Vec<ListedRow> = on_pool!(db, |p| {
        let query = sqlx::query_as(&sql)
            .bind(&prefix)
            .bind(q.limit)
            .bind(q.offset);
        match level {
            Some(l) => query.bind(l).fetch_all(p).await,
            None => query.fetch_all(p).await,
        }
    })?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("accounts directory {what}"));
    rows.into_iter()
        .map(|(id, name, kk, ru, level, created_at, at, event)| {
            let last_change = match (at, event) {
                (Some(at), Some(e)) => {
                    Some((at, LevelEvent::parse(&e).ok_or_else(|| corrupt("event"))?))
                }
                _ => None,
            };
            Ok(Listed {
                id,
                display_name: name,
                village_kk: kk,
                village_ru: ru,
                // An unknown code counts as nothing checked: the safe side.
                level: Level::parse(&level).unwrap_or_default(),
                created_at,
                last_change,
            })
        })
        .collect()
}

/// How many accounts living under `path_prefix` are at each level (levels with none left out).
pub async fn counts(db: &Db, path_prefix: &str) -> Result<Vec<(Level, i64)>> {
    let rows: Vec<(String, i64)> = on_pool!(db, |p| sqlx::query_as(
        "SELECT u.level, COUNT(*) FROM users u JOIN territories t ON t.id = u.residence_id \
        WHERE t.path LIKE $1 GROUP BY u.level"
    )
    .bind(format!("{path_prefix}%"))
    .fetch_all(p)
    .await)?;
    let mut counts: Vec<(Level, i64)> = Vec::new();
    for (code, n) in rows {
        let level = Level::parse(&code).unwrap_or_default();
        match counts.iter_mut().find(|(l, _)| *l == level) {
            Some((_, total)) => *total += n,
            None => counts.push((level, n)),
        }
    }
    Ok(counts)
}

/// When the account's holder consented to the processing of their personal data, if recorded.
pub async fn consent_at(db: &Db, user: Uuid) -> Result<Option<DateTime<Utc>>> {
    let at: Option<Option<DateTime<Utc>>> = on_pool!(db, |p| sqlx::query_scalar(
        "SELECT consent_at FROM users WHERE id = $1"
    )
    .bind(user)
    .fetch_optional(p)
    .await)?;
    at.ok_or(StoreError::NotFound)
}
