//! Participation centres and the registrars who work at each.

pub mod squatting;

use crate::accounts::GRANT_ONCE;
use crate::db::{execute, in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::centres::CentreDraft;
use domain::{Kato, Role};
use uuid::Uuid;

/// A participation centre, with its territory's KATO code.
#[derive(Debug, Clone)]
pub struct Centre {
    pub id: Uuid,
    pub territory_id: Uuid,
    pub kato: Kato,
    pub name_kk: String,
    pub name_ru: String,
    pub address_kk: String,
    pub address_ru: String,
    pub hours: String,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Centre {
    /// The name in the reader's language; English readers get the Kazakh name.
    pub fn name(&self, lang: &str) -> &str {
        match lang {
            "ru" => &self.name_ru,
            _ => &self.name_kk,
        }
    }

    pub fn address(&self, lang: &str) -> &str {
        match lang {
            "ru" => &self.address_ru,
            _ => &self.address_kk,
        }
    }
}

struct Row {
    id: Uuid,
    territory_id: Uuid,
    kato: String,
    name_kk: String,
    name_ru: String,
    address_kk: String,
    address_ru: String,
    hours: String,
    phone: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}
crate::db::from_row!(Row {
    id,
    territory_id,
    kato,
    name_kk,
    name_ru,
    address_kk,
    address_ru,
    hours,
    phone,
    created_at,
    updated_at
});

impl TryFrom<Row> for Centre {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Centre> {
        Ok(Centre {
            id: r.id,
            territory_id: r.territory_id,
            kato: Kato::parse(&r.kato)
                .map_err(|_| StoreError::Corrupt("centre territory".into()))?,
            name_kk: r.name_kk,
            name_ru: r.name_ru,
            address_kk: r.address_kk,
            address_ru: r.address_ru,
            hours: r.hours,
            phone: r.phone,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

fn convert(rows: Vec<Row>) -> Result<Vec<Centre>> {
    rows.into_iter().map(Centre::try_from).collect()
}

const SELECT: &str = "SELECT c.id, c.territory_id, t.kato, c.name_kk, c.name_ru, c.address_kk, \
    c.address_ru, c.hours, c.phone, c.created_at, c.updated_at \
    FROM centres c JOIN territories t ON t.id = c.territory_id";
const INSERT: &str = "INSERT INTO centres (id, territory_id, name_kk, name_ru, address_kk, \
    address_ru, hours, phone, created_at, updated_at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)";
const UPDATE: &str = "UPDATE centres SET name_kk = $2, name_ru = $3, address_kk = $4, \
    address_ru = $5, hours = $6, phone = $7, updated_at = $8 WHERE id = $1";
const ADD_REGISTRAR: &str = "INSERT INTO centre_registrars (centre_id, user_id, added_at) \
    VALUES ($1, $2, $3) ON CONFLICT (centre_id, user_id) DO NOTHING";
const REMOVE_REGISTRAR: &str =
    "DELETE FROM centre_registrars WHERE centre_id = $1 AND user_id = $2";
const REGISTRARS: &str = "SELECT u.id, u.display_name FROM centre_registrars r \
    JOIN users u ON u.id = r.user_id WHERE r.centre_id = $1 ORDER BY r.added_at, u.id";
const WORKS_AT: &str = "SELECT 1 FROM centre_registrars WHERE centre_id = $1 AND user_id = $2";

pub async fn create(db: &Db, territory: Uuid, d: &CentreDraft, now: DateTime<Utc>) -> Result<Uuid> {
    let id = new_id();
    execute!(
        db,
        sqlx::query(INSERT)
            .bind(id)
            .bind(territory)
            .bind(d.name_kk.as_str())
            .bind(d.name_ru.as_str())
            .bind(d.address_kk.as_str())
            .bind(d.address_ru.as_str())
            .bind(d.hours.as_str())
            .bind(d.phone.as_ref().map(|p| p.as_str()))
            .bind(now)
    )?;
    Ok(id)
}

/// Replace a centre's description; `NotFound` when there is no such centre.
pub async fn update(db: &Db, id: Uuid, d: &CentreDraft, now: DateTime<Utc>) -> Result<()> {
    let n = execute!(
        db,
        sqlx::query(UPDATE)
            .bind(id)
            .bind(d.name_kk.as_str())
            .bind(d.name_ru.as_str())
            .bind(d.address_kk.as_str())
            .bind(d.address_ru.as_str())
            .bind(d.hours.as_str())
            .bind(d.phone.as_ref().map(|p| p.as_str()))
            .bind(now)
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn by_id(db: &Db, id: Uuid) -> Result<Option<Centre>> {
    let sql = format!("{SELECT} WHERE c.id = $1");
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)?;
    row.map(Centre::try_from).transpose()
}

/// The centres of one territory (not of those under it), by name.
pub async fn of_territory(db: &Db, territory: Uuid) -> Result<Vec<Centre>> {
    let sql = format!("{SELECT} WHERE c.territory_id = $1 ORDER BY c.name_kk, c.id");
    let rows: Vec<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(territory)
        .fetch_all(p)
        .await)?;
    convert(rows)
}

/// Every centre, by territory and name (the open-data list without a territory).
pub async fn all(db: &Db) -> Result<Vec<Centre>> {
    let sql = format!("{SELECT} ORDER BY t.kato, c.name_kk, c.id");
    let rows: Vec<Row> = on_pool!(db, |p| sqlx::query_as(&sql).fetch_all(p).await)?;
    convert(rows)
}

/// (account, display name) of a centre's registrars, in the order they were named.
pub async fn registrars(db: &Db, centre: Uuid) -> Result<Vec<(Uuid, String)>> {
    Ok(on_pool!(db, |p| sqlx::query_as(REGISTRARS)
        .bind(centre)
        .fetch_all(p)
        .await)?)
}

/// Name `user` a registrar of `centre` and grant them the registrar role on the centre's
/// territory, together (both idempotent).
pub async fn add_registrar(db: &Db, centre: &Centre, user: Uuid, now: DateTime<Utc>) -> Result<()> {
    in_tx!(db, |tx| {
        sqlx::query(ADD_REGISTRAR)
            .bind(centre.id)
            .bind(user)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(GRANT_ONCE)
            .bind(new_id())
            .bind(user)
            .bind(Role::Registrar.as_str())
            .bind(centre.territory_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    });
    Ok(())
}

/// The person no longer works at the centre (the role stays: they may work at another).
pub async fn remove_registrar(db: &Db, centre: Uuid, user: Uuid) -> Result<bool> {
    Ok(execute!(db, sqlx::query(REMOVE_REGISTRAR).bind(centre).bind(user))? > 0)
}

/// Does `user` work at `centre` as a registrar?
pub async fn works_at(db: &Db, centre: Uuid, user: Uuid) -> Result<bool> {
    let found: Option<i32> = on_pool!(db, |p| sqlx::query_scalar(WORKS_AT)
        .bind(centre)
        .bind(user)
        .fetch_optional(p)
        .await)?;
    Ok(found.is_some())
}
