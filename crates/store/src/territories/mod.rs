//! Territories: the KATO tree with names, kinds and populations.

use crate::db::{execute, in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use domain::{Kato, TerritoryKind};
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize)]
pub struct Territory {
    pub id: Uuid,
    pub kato: Kato,
    pub kato_version: String,
    pub parent_id: Option<Uuid>,
    pub level: String,
    pub kind: TerritoryKind,
    pub name_kk: String,
    pub name_ru: String,
    pub population: Option<i64>,
    pub population_illustrative: bool,
    /// Ancestors' KATO codes and its own, root first.
    pub path: Vec<Kato>,
}

impl Territory {
    /// The path string its whole subtree shares (`/110000000/114400000/`): one `LIKE` prefix.
    pub fn path_prefix(&self) -> String {
        path_string(&self.path)
    }

    /// The name in the reader's language; English readers get the Kazakh (official) name.
    pub fn name(&self, lang: &str) -> &str {
        match lang {
            "ru" => &self.name_ru,
            _ => &self.name_kk,
        }
    }
}

/// One row to import, already validated by the caller; `parent` must be in the batch or stored.
#[derive(Debug, Clone)]
pub struct NewTerritory {
    pub kato: Kato,
    pub kato_version: String,
    pub level: String,
    pub type_code: i64,
    pub kind: TerritoryKind,
    pub name_kk: String,
    pub name_ru: String,
    pub population: Option<i64>,
    pub population_illustrative: bool,
}

#[derive(Debug)]
struct Row {
    id: Uuid,
    kato: String,
    kato_version: String,
    parent_id: Option<Uuid>,
    level: String,
    kind: String,
    name_kk: String,
    name_ru: String,
    population: Option<i64>,
    population_illustrative: bool,
    path: String,
}
crate::db::from_row!(Row {
    id,
    kato,
    kato_version,
    parent_id,
    level,
    kind,
    name_kk,
    name_ru,
    population,
    population_illustrative,
    path
});

const COLUMNS: &str = "id, kato, kato_version, parent_id, level, kind, name_kk, name_ru, \
    population, population_illustrative, path";

impl TryFrom<Row> for Territory {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Territory> {
        let bad = |what: &str| StoreError::Corrupt(format!("territory {}: {what}", r.kato));
        let path = r
            .path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(Kato::parse)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| bad("path"))?;
        Ok(Territory {
            kato: Kato::parse(&r.kato).map_err(|_| bad("kato"))?,
            kind: TerritoryKind::parse(&r.kind).ok_or_else(|| bad("kind"))?,
            id: r.id,
            kato_version: r.kato_version,
            parent_id: r.parent_id,
            level: r.level,
            name_kk: r.name_kk,
            name_ru: r.name_ru,
            population: r.population,
            population_illustrative: r.population_illustrative,
            path,
        })
    }
}

fn convert(rows: Vec<Row>) -> Result<Vec<Territory>> {
    rows.into_iter().map(Territory::try_from).collect()
}

/// The path string a subtree shares, from its root's path (`/110000000/114400000/`).
pub fn path_string(path: &[Kato]) -> String {
    let mut s = String::from("/");
    for k in path {
        s.push_str(k.as_str());
        s.push('/');
    }
    s
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportCounts {
    pub inserted: usize,
    pub updated: usize,
}

/// Insert or update a batch of territories in one transaction: all of them or none. Rows are
/// applied parents first; `progress` is called after each row.
pub async fn upsert_all(
    db: &Db,
    rows: &[NewTerritory],
    mut progress: impl FnMut(usize),
) -> Result<ImportCounts> {
    let mut ordered: Vec<&NewTerritory> = rows.iter().collect();
    ordered.sort_by_key(|r| r.kato.depth());
    let mut counts = ImportCounts::default();
    in_tx!(db, |tx| {
        for (i, row) in ordered.iter().enumerate() {
            let mut parent: Option<(Uuid, String)> = None;
            for cand in row.kato.parent_candidates() {
                let found: Option<(Uuid, String)> =
                    sqlx::query_as("SELECT id, path FROM territories WHERE kato = $1")
                        .bind(cand.as_str())
                        .fetch_optional(&mut *tx)
                        .await?;
                if found.is_some() {
                    parent = found;
                    break;
                }
            }
            let path = match &parent {
                Some((_, p)) => format!("{p}{}/", row.kato),
                None => format!("/{}/", row.kato),
            };
            let existing: Option<Uuid> =
                sqlx::query_scalar("SELECT id FROM territories WHERE kato = $1")
                    .bind(row.kato.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
            let parent_id = parent.map(|p| p.0);
            match existing {
                Some(id) => {
                    sqlx::query(
                        "UPDATE territories SET kato_version = $2, parent_id = $3, level = \
                        $4, type_code = $5, kind = $6, name_kk = $7, name_ru = $8, population = \
                        COALESCE($9, population), population_illustrative = CASE WHEN $9 IS NULL \
                        THEN population_illustrative ELSE $10 END, path = $11 WHERE id = $1",
                    )
                    .bind(id)
                    .bind(&row.kato_version)
                    .bind(parent_id)
                    .bind(&row.level)
                    .bind(row.type_code)
                    .bind(row.kind.as_str())
                    .bind(&row.name_kk)
                    .bind(&row.name_ru)
                    .bind(row.population)
                    .bind(row.population_illustrative)
                    .bind(&path)
                    .execute(&mut *tx)
                    .await?;
                    counts.updated += 1;
                }
                None => {
                    sqlx::query(
                        "INSERT INTO territories (id, kato, kato_version, parent_id, \
                        level, type_code, kind, name_kk, name_ru, population, \
                        population_illustrative, path) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
                        $10, $11, $12)",
                    )
                    .bind(new_id())
                    .bind(row.kato.as_str())
                    .bind(&row.kato_version)
                    .bind(parent_id)
                    .bind(&row.level)
                    .bind(row.type_code)
                    .bind(row.kind.as_str())
                    .bind(&row.name_kk)
                    .bind(&row.name_ru)
                    .bind(row.population)
                    .bind(row.population_illustrative)
                    .bind(&path)
                    .execute(&mut *tx)
                    .await?;
                    counts.inserted += 1;
                }
            }
            progress(i + 1);
        }
    });
    Ok(counts)
}

pub async fn by_kato(db: &Db, kato: &Kato) -> Result<Option<Territory>> {
    let sql = format!("SELECT {COLUMNS} FROM territories WHERE kato = $1");
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(kato.as_str())
        .fetch_optional(p)
        .await)?;
    row.map(Territory::try_from).transpose()
}

pub async fn by_id(db: &Db, id: Uuid) -> Result<Option<Territory>> {
    let sql = format!("SELECT {COLUMNS} FROM territories WHERE id = $1");
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)?;
    row.map(Territory::try_from).transpose()
}

/// Territories whose parent is `parent` (or the roots when `None`), by KATO code.
pub async fn children(db: &Db, parent: Option<Uuid>) -> Result<Vec<Territory>> {
    let rows: Vec<Row> = match parent {
        Some(id) => {
            let sql =
                format!("SELECT {COLUMNS} FROM territories WHERE parent_id = $1 ORDER BY kato");
            on_pool!(db, |p| sqlx::query_as(&sql).bind(id).fetch_all(p).await)?
        }
        None => {
            let sql =
                format!("SELECT {COLUMNS} FROM territories WHERE parent_id IS NULL ORDER BY kato");
            on_pool!(db, |p| sqlx::query_as(&sql).fetch_all(p).await)?
        }
    };
    convert(rows)
}

/// A territory and everything under it, in KATO order (so parents come before children).
pub async fn subtree(db: &Db, root: &Territory) -> Result<Vec<Territory>> {
    let sql = format!("SELECT {COLUMNS} FROM territories WHERE path LIKE $1 ORDER BY kato");
    let prefix = format!("{}%", path_string(&root.path));
    let rows: Vec<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(&prefix)
        .fetch_all(p)
        .await)?;
    convert(rows)
}

/// Every territory, in KATO order. For the small trees of one district; large imports page.
pub async fn all(db: &Db, limit: i64) -> Result<Vec<Territory>> {
    let sql = format!("SELECT {COLUMNS} FROM territories ORDER BY kato LIMIT $1");
    let rows: Vec<Row> = on_pool!(db, |p| sqlx::query_as(&sql).bind(limit).fetch_all(p).await)?;
    convert(rows)
}

pub async fn count(db: &Db) -> Result<i64> {
    Ok(on_pool!(db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM territories"
    )
    .fetch_one(p)
    .await)?)
}

/// The settlements (villages and towns) where people can be registered as living.
pub async fn settlements(db: &Db, limit: i64) -> Result<Vec<Territory>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM territories WHERE kind IN ('village', 'town') ORDER \
        BY kato LIMIT $1"
    );
    let rows: Vec<Row> = on_pool!(db, |p| sqlx::query_as(&sql).bind(limit).fetch_all(p).await)?;
    convert(rows)
}

/// Ancestors of a territory, root first, without itself.
pub async fn ancestors(db: &Db, t: &Territory) -> Result<Vec<Territory>> {
    let mut out = Vec::new();
    for k in &t.path[..t.path.len().saturating_sub(1)] {
        if let Some(a) = by_kato(db, k).await? {
            out.push(a);
        }
    }
    Ok(out)
}

/// Set the population; a figure entered by a person is no longer illustrative.
pub async fn set_population(db: &Db, id: Uuid, population: i64) -> Result<()> {
    let n = execute!(
        db,
        sqlx::query(
            "UPDATE territories SET population = $2, population_illustrative = $3 WHERE id = $1"
        )
        .bind(id)
        .bind(population)
        .bind(false)
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// How many settlements there are (to choose how the residence list is offered).
pub async fn settlements_count(db: &Db) -> Result<i64> {
    Ok(on_pool!(db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM territories WHERE kind IN ('village', 'town')"
    )
    .fetch_one(p)
    .await)?)
}

/// Settlements under a territory (its path prefix), in KATO order.
pub async fn settlements_under(db: &Db, root: &Territory, limit: i64) -> Result<Vec<Territory>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM territories WHERE kind IN ('village', 'town') AND \
        path LIKE $1 ORDER BY kato LIMIT $2"
    );
    let prefix = format!("{}%", path_string(&root.path));
    let rows: Vec<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(&prefix)
        .bind(limit)
        .fetch_all(p)
        .await)?;
    convert(rows)
}

/// Territories of one KATO level (`district`, …), in KATO order.
pub async fn of_level(db: &Db, level: &str, limit: i64) -> Result<Vec<Territory>> {
    let sql = format!("SELECT {COLUMNS} FROM territories WHERE level = $1 ORDER BY kato LIMIT $2");
    let rows: Vec<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(level)
        .bind(limit)
        .fetch_all(p)
        .await)?;
    convert(rows)
}
