//! Accounts and the roles they hold on territories.

pub mod codes;
pub mod contact;
pub mod directory;

use crate::db::{execute, in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::accounts::{DocumentKind, DocumentTail, LevelEvent, ResidenceProof};
use domain::{Contact, Grant, Kato, Level, Role};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct User {
    pub id: Uuid,
    pub display_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub birth_date: NaiveDate,
    pub residence_id: Uuid,
    /// How sure the platform is that this is one real person.
    pub level: Level,
    pub created_at: DateTime<Utc>,
    /// When the phone or e-mail was last proven by a one-time code; `None` while it is not.
    pub contact_confirmed_at: Option<DateTime<Utc>>,
}

#[derive(Debug)]
struct Row {
    id: Uuid,
    display_name: String,
    phone: Option<String>,
    email: Option<String>,
    birth_date: NaiveDate,
    residence_id: Uuid,
    level: String,
    created_at: DateTime<Utc>,
    contact_confirmed_at: Option<DateTime<Utc>>,
}
crate::db::from_row!(Row {
    id,
    display_name,
    phone,
    email,
    birth_date,
    residence_id,
    level,
    created_at,
    contact_confirmed_at
});

impl From<Row> for User {
    fn from(r: Row) -> User {
        User {
            id: r.id,
            display_name: r.display_name,
            phone: r.phone,
            email: r.email,
            birth_date: r.birth_date,
            residence_id: r.residence_id,
            // An unknown code counts as nothing checked: the safe side.
            level: Level::parse(&r.level).unwrap_or_default(),
            created_at: r.created_at,
            contact_confirmed_at: r.contact_confirmed_at,
        }
    }
}

const COLUMNS: &str = "id, display_name, phone, email, birth_date, residence_id, \
    level, created_at, contact_confirmed_at";

/// What registration stores. The IIN itself is not here: only its keyed fingerprint.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub display_name: String,
    pub contact: Contact,
    pub password_hash: String,
    pub iin_hash: Vec<u8>,
    pub birth_date: NaiveDate,
    pub residence_id: Uuid,
    pub level: Level,
    /// When the person consented to the processing of their personal data (Law of the
    /// Republic of Kazakhstan No. 94-V): on the web form, or on paper typed in by an operator.
    pub consent_at: Option<DateTime<Utc>>,
}

/// Why an account could not be created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    Iin,
    Contact,
}

const TAKEN: &str = "SELECT COUNT(*) FROM users WHERE iin_hash = $1 OR phone = $2 OR email = $3";

/// Is this IIN fingerprint or this contact already on an account? (Before the slow work of a
/// registration; [`create`] checks again under the unique keys.)
pub async fn taken(db: &Db, iin_hash: &[u8], contact: &Contact) -> Result<bool> {
    let (phone, email) = match contact {
        Contact::Phone(p) => (Some(p.as_str()), None),
        Contact::Email(e) => (None, Some(e.as_str())),
    };
    let n: i64 = on_pool!(db, |p| sqlx::query_scalar(TAKEN)
        .bind(iin_hash)
        .bind(phone)
        .bind(email)
        .fetch_one(p)
        .await)?;
    Ok(n > 0)
}

/// Create an account and its resident role on the place of residence, together or not at all.
/// A second account for the same person (same IIN fingerprint) or contact is refused.
pub async fn create(
    db: &Db,
    u: &NewUser,
    now: DateTime<Utc>,
) -> Result<std::result::Result<Uuid, Taken>> {
    insert(db, &u.identity(), Some(&u.contact), now).await
}

/// Who a new account is, without the contact: a resident registered at a participation
/// centre may have neither a phone nor an e-mail.
#[derive(Debug, Clone)]
pub struct NewIdentity {
    pub display_name: String,
    pub password_hash: String,
    pub iin_hash: Vec<u8>,
    pub birth_date: NaiveDate,
    pub residence_id: Uuid,
    pub level: Level,
    /// When the person consented to the processing of their personal data (Law No. 94-V).
    pub consent_at: Option<DateTime<Utc>>,
}

impl NewUser {
    fn identity(&self) -> NewIdentity {
        NewIdentity {
            display_name: self.display_name.clone(),
            password_hash: self.password_hash.clone(),
            iin_hash: self.iin_hash.clone(),
            birth_date: self.birth_date,
            residence_id: self.residence_id,
            level: self.level,
            consent_at: self.consent_at,
        }
    }
}

/// [`create`] for an account without a phone or e-mail (the registrar's desk).
pub async fn create_without_contact(
    db: &Db,
    u: &NewIdentity,
    now: DateTime<Utc>,
) -> Result<std::result::Result<Uuid, Taken>> {
    insert(db, u, None, now).await
}

/// (phone, email) columns of a contact.
pub(crate) fn contact_columns(contact: Option<&Contact>) -> (Option<&str>, Option<&str>) {
    match contact {
        Some(Contact::Phone(p)) => (Some(p.as_str()), None),
        Some(Contact::Email(e)) => (None, Some(e.as_str())),
        None => (None, None),
    }
}

async fn insert(
    db: &Db,
    u: &NewIdentity,
    contact: Option<&Contact>,
    now: DateTime<Utc>,
) -> Result<std::result::Result<Uuid, Taken>> {
    let id = new_id();
    let (phone, email) = contact_columns(contact);
    let outcome = in_tx!(db, |tx| {
        let taken: Option<Vec<u8>> = sqlx::query_scalar(
            "SELECT iin_hash FROM users WHERE iin_hash = $1 OR phone = $2 OR email = $3",
        )
        .bind(&u.iin_hash)
        .bind(phone)
        .bind(email)
        .fetch_optional(&mut *tx)
        .await?;
        match taken {
            Some(h) if h == u.iin_hash => Err(Taken::Iin),
            Some(_) => Err(Taken::Contact),
            None => {
                // Two registrations can pass the check at once on PostgreSQL; the unique
                // indexes decide, and the loser is told which value was taken.
                let inserted = sqlx::query(
                    "INSERT INTO users (id, display_name, phone, email, \
                    password_hash, iin_hash, birth_date, residence_id, \
                    level, created_at, consent_at) VALUES ($1, $2, $3, $4, $5, $6, $7, \
                    $8, $9, $10, $11)",
                )
                .bind(id)
                .bind(&u.display_name)
                .bind(phone)
                .bind(email)
                .bind(&u.password_hash)
                .bind(&u.iin_hash)
                .bind(u.birth_date)
                .bind(u.residence_id)
                .bind(u.level.as_str())
                .bind(now)
                .bind(u.consent_at)
                .execute(&mut *tx)
                .await;
                match inserted {
                    Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                        let which = format!("{} {}", d.message(), d.constraint().unwrap_or(""));
                        return Ok(Err(if which.contains("iin_hash") {
                            Taken::Iin
                        } else {
                            Taken::Contact
                        }));
                    }
                    Err(e) => return Err(e.into()),
                    Ok(_) => {}
                }
                sqlx::query(
                    "INSERT INTO role_grants (id, user_id, role, territory_id, granted_at) \
                    VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(new_id())
                .bind(id)
                .bind(Role::Resident.as_str())
                .bind(u.residence_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                Ok(id)
            }
        }
    });
    Ok(outcome)
}

pub async fn by_id(db: &Db, id: Uuid) -> Result<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)?;
    Ok(row.map(User::from))
}

/// The account and its password hash, for logging in by phone or e-mail.
pub async fn credentials(db: &Db, contact: &Contact) -> Result<Option<(User, String)>> {
    let column = match contact {
        Contact::Phone(_) => "phone",
        Contact::Email(_) => "email",
    };
    let sql = format!("SELECT {COLUMNS}, password_hash FROM users WHERE {column} = $1");
    struct WithHash {
        row: Row,
        password_hash: String,
    }
    crate::db::from_row!(WithHash {
        row: flatten,
        password_hash
    });
    let found: Option<WithHash> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(contact.as_str())
        .fetch_optional(p)
        .await)?;
    Ok(found.map(|w| (User::from(w.row), w.password_hash)))
}

pub async fn password_hash(db: &Db, id: Uuid) -> Result<String> {
    let h: Option<String> = on_pool!(db, |p| sqlx::query_scalar(
        "SELECT password_hash FROM users WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(p)
    .await)?;
    h.ok_or(StoreError::NotFound)
}

pub async fn set_password_hash(db: &Db, id: Uuid, hash: &str) -> Result<()> {
    execute!(
        db,
        sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
            .bind(id)
            .bind(hash)
    )?;
    Ok(())
}

/// A role held, with the territory's names for display.
#[derive(Debug, Clone)]
pub struct HeldRole {
    pub grant: Grant,
    pub user_id: Uuid,
    pub user_name: String,
    pub territory_name_kk: Option<String>,
    pub territory_name_ru: Option<String>,
}

impl HeldRole {
    /// Where the role applies, in the reader's language; `None` for the whole country.
    pub fn place(&self, lang: &str) -> Option<&str> {
        match lang {
            "ru" => self.territory_name_ru.as_deref(),
            _ => self.territory_name_kk.as_deref(),
        }
    }
}

struct GrantRow {
    user_id: Uuid,
    display_name: String,
    role: String,
    kato: Option<String>,
    name_kk: Option<String>,
    name_ru: Option<String>,
}
crate::db::from_row!(GrantRow {
    user_id,
    display_name,
    role,
    kato,
    name_kk,
    name_ru
});

const GRANT_SELECT: &str =
    "SELECT g.user_id, u.display_name, g.role, t.kato, t.name_kk, t.name_ru \
    FROM role_grants g JOIN users u ON u.id = g.user_id LEFT JOIN territories t ON t.id = \
    g.territory_id";

fn held(rows: Vec<GrantRow>) -> Result<Vec<HeldRole>> {
    rows.into_iter()
        .map(|r| {
            let role = Role::parse(&r.role)
                .ok_or_else(|| StoreError::Corrupt(format!("role {}", r.role)))?;
            let territory = r
                .kato
                .as_deref()
                .map(Kato::parse)
                .transpose()
                .map_err(|_| StoreError::Corrupt("grant territory".into()))?;
            Ok(HeldRole {
                grant: Grant { role, territory },
                user_id: r.user_id,
                user_name: r.display_name,
                territory_name_kk: r.name_kk,
                territory_name_ru: r.name_ru,
            })
        })
        .collect()
}

pub async fn roles_of(db: &Db, user: Uuid) -> Result<Vec<HeldRole>> {
    let sql = format!("{GRANT_SELECT} WHERE g.user_id = $1 ORDER BY g.granted_at, g.id");
    let rows: Vec<GrantRow> = on_pool!(db, |p| sqlx::query_as(&sql).bind(user).fetch_all(p).await)?;
    held(rows)
}

/// Roles granted on a territory or anywhere under it (its subtree's path prefix).
pub async fn roles_within(db: &Db, path_prefix: &str) -> Result<Vec<HeldRole>> {
    let sql =
        format!("{GRANT_SELECT} WHERE t.path LIKE $1 ORDER BY t.kato, g.role, u.display_name");
    let rows: Vec<GrantRow> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(format!("{path_prefix}%"))
        .fetch_all(p)
        .await)?;
    held(rows)
}

/// Grant a role (idempotent). `territory: None` is the whole country.
/// Grant a role on a territory unless it is held already, inside a transaction a caller holds
/// (adding a council member or a monitoring-group member grants the role with it).
pub(crate) const GRANT_ONCE: &str = "INSERT INTO role_grants \
    (id, user_id, role, territory_id, granted_at) \
    SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM role_grants \
    WHERE user_id = $2 AND role = $3 AND territory_id = $4)";

pub async fn grant(
    db: &Db,
    user: Uuid,
    role: Role,
    territory: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<()> {
    let exists: Option<Uuid> = match territory {
        Some(t) => on_pool!(db, |p| sqlx::query_scalar(
            "SELECT id FROM role_grants WHERE user_id = $1 AND role = $2 AND territory_id = $3"
        )
        .bind(user)
        .bind(role.as_str())
        .bind(t)
        .fetch_optional(p)
        .await)?,
        None => on_pool!(db, |p| {
            sqlx::query_scalar(
                "SELECT id FROM role_grants WHERE user_id = $1 AND role = $2 \
                    AND territory_id IS NULL",
            )
            .bind(user)
            .bind(role.as_str())
            .fetch_optional(p)
            .await
        })?,
    };
    if exists.is_some() {
        return Ok(());
    }
    let res = execute!(
        db,
        sqlx::query(
            "INSERT INTO role_grants (id, user_id, role, territory_id, \
        granted_at) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(new_id())
        .bind(user)
        .bind(role.as_str())
        .bind(territory)
        .bind(now)
    );
    match res.map_err(|e| StoreError::from_unique(e, "grant")) {
        Ok(_) | Err(StoreError::Conflict(_)) => Ok(()),
        Err(e) => Err(e),
    }
}

pub async fn count(db: &Db) -> Result<i64> {
    Ok(on_pool!(db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM users"
    )
    .fetch_one(p)
    .await)?)
}

/// The keyed IIN fingerprint of an account: who the person is, for one-per-person rules
/// that also cover paper channels.
pub async fn person_hash(db: &Db, id: Uuid) -> Result<Vec<u8>> {
    let h: Option<Vec<u8>> = on_pool!(db, |p| sqlx::query_scalar(
        "SELECT iin_hash FROM users WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(p)
    .await)?;
    h.ok_or(StoreError::NotFound)
}

/// The account whose keyed IIN fingerprint is `hash` (a registrar's look-up).
pub async fn by_person_hash(db: &Db, hash: &[u8]) -> Result<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE iin_hash = $1");
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(hash)
        .fetch_optional(p)
        .await)?;
    Ok(row.map(User::from))
}

/// Evidence a registrar recorded with a change of level: of a document only its kind and last
/// three digits, and how the place of residence was established.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    pub document: Option<(DocumentKind, DocumentTail)>,
    pub residence: Option<ResidenceProof>,
    /// The participation centre where the registrar saw the person.
    pub centre: Option<Uuid>,
    /// The village the check fixed as the person's residence; the account moves there (with
    /// its resident role) in the same transaction as the change of level.
    pub village: Option<Uuid>,
    /// The person consented to the processing of their personal data (Law of the Republic of
    /// Kazakhstan No. 94-V); kept on the change it was given for, whose `by` and `at` say who
    /// took it and when.
    pub consent: bool,
}

/// One recorded change of an account's level.
#[derive(Debug, Clone)]
pub struct LevelChange {
    pub from: Level,
    pub to: Level,
    pub event: LevelEvent,
    pub by: Option<Uuid>,
    pub evidence: Evidence,
    pub at: DateTime<Utc>,
}

pub(crate) const SET_LEVEL: &str = "UPDATE users SET level = $3 WHERE id = $1 AND level = $2";
pub(crate) const INSERT_LEVEL_CHANGE: &str =
    "INSERT INTO level_changes (id, user_id, from_level, to_level, \
    event, by_user, document_kind, document_tail, residence_proof, at, centre_id, village_id, \
    consent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
const SELECT_LEVEL_CHANGES: &str = "SELECT from_level, to_level, event, by_user, document_kind, \
    document_tail, residence_proof, at, centre_id, village_id, consent FROM level_changes \
    WHERE user_id = $1 ORDER BY at, id";
/// The resident role follows the residence: `may` lets people act as residents only where
/// both agree.
pub(crate) const MOVE_RESIDENT_ROLE: &str =
    "UPDATE role_grants SET territory_id = $2 WHERE user_id = $1 \
    AND role = 'resident' AND territory_id = (SELECT residence_id FROM users WHERE id = $1)";
pub(crate) const MOVE_RESIDENCE: &str = "UPDATE users SET residence_id = $2 WHERE id = $1";

/// [`change_level`] inside a transaction the caller holds: `false` (nothing written) when the
/// account is no longer at `change.from`.
macro_rules! level_change_in_tx {
    ($tx:ident, $user:expr, $change:expr) => {{
        let (user, change): (Uuid, &$crate::accounts::LevelChange) = ($user, $change);
        let doc = change.evidence.document;
        let moved = sqlx::query($crate::accounts::SET_LEVEL)
            .bind(user)
            .bind(change.from.as_str())
            .bind(change.to.as_str())
            .execute(&mut *$tx)
            .await?
            .rows_affected();
        if moved > 0 {
            if let Some(village) = change.evidence.village {
                for sql in [
                    $crate::accounts::MOVE_RESIDENT_ROLE,
                    $crate::accounts::MOVE_RESIDENCE,
                ] {
                    sqlx::query(sql)
                        .bind(user)
                        .bind(village)
                        .execute(&mut *$tx)
                        .await?;
                }
            }
            sqlx::query($crate::accounts::INSERT_LEVEL_CHANGE)
                .bind($crate::new_id())
                .bind(user)
                .bind(change.from.as_str())
                .bind(change.to.as_str())
                .bind(change.event.as_str())
                .bind(change.by)
                .bind(doc.map(|(k, _)| k.as_str()))
                .bind(doc.map(|(_, t)| t.as_str().to_string()))
                .bind(
                    change
                        .evidence
                        .residence
                        .map(domain::accounts::ResidenceProof::as_str),
                )
                .bind(change.at)
                .bind(change.evidence.centre)
                .bind(change.evidence.village)
                .bind(change.evidence.consent)
                .execute(&mut *$tx)
                .await?;
        }
        moved > 0
    }};
}
pub(crate) use level_change_in_tx;

/// Move `user` from `change.from` to `change.to` and record it, together; `false` (nothing
/// written) when the account is no longer at `change.from` — someone changed it meanwhile.
pub async fn change_level(db: &Db, user: Uuid, change: &LevelChange) -> Result<bool> {
    let done: Result<bool> = in_tx!(db, |tx| {
        let moved = level_change_in_tx!(tx, user, change);
        Ok(moved)
    });
    done
}

type LevelChangeRow = (
    String,
    String,
    String,
    Option<Uuid>,
    Option<String>,
    Option<String>,
    Option<String>,
    DateTime<Utc>,
    Option<Uuid>,
    Option<Uuid>,
    bool,
);

/// Every change of `user`'s level, oldest first.
pub async fn level_changes(db: &Db, user: Uuid) -> Result<Vec<LevelChange>> {
    let rows: Vec<LevelChangeRow> = on_pool!(db, |p| sqlx::query_as(SELECT_LEVEL_CHANGES)
        .bind(user)
        .fetch_all(p)
        .await)?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("level_changes.{what}"));
    rows.into_iter()
        .map(|row| {
            let (from, to, event, by, kind, tail, residence, at, centre, village, consent) = row;
            let document = match (kind, tail) {
                (Some(k), Some(t)) => Some((
                    DocumentKind::parse(&k).ok_or_else(|| corrupt("document_kind"))?,
                    DocumentTail::parse(&t).map_err(|_| corrupt("document_tail"))?,
                )),
                _ => None,
            };
            let residence = match residence {
                Some(r) => Some(ResidenceProof::parse(&r).ok_or_else(|| corrupt("residence"))?),
                None => None,
            };
            Ok(LevelChange {
                from: Level::parse(&from).ok_or_else(|| corrupt("from_level"))?,
                to: Level::parse(&to).ok_or_else(|| corrupt("to_level"))?,
                event: LevelEvent::parse(&event).ok_or_else(|| corrupt("event"))?,
                by,
                evidence: Evidence {
                    document,
                    residence,
                    centre,
                    village,
                    consent,
                },
                at,
            })
        })
        .collect()
}

/// How a person wants to be reached: the language of their messages and the channel they
/// chose (`None`: whichever contact they have).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MessagePreferences {
    pub language: domain::messages::Language,
    pub channel: Option<domain::messages::Channel>,
}

/// A person's message preferences (the defaults for an unknown account).
pub async fn message_preferences(db: &Db, user: Uuid) -> Result<MessagePreferences> {
    let row: Option<(String, Option<String>)> = on_pool!(db, |p| sqlx::query_as(
        "SELECT language, channel FROM users WHERE id = $1"
    )
    .bind(user)
    .fetch_optional(p)
    .await)?;
    Ok(row
        .map(|(l, c)| MessagePreferences {
            language: domain::messages::Language::parse(&l).unwrap_or_default(),
            channel: c.as_deref().and_then(domain::messages::Channel::parse),
        })
        .unwrap_or_default())
}

/// Store a person's message preferences.
pub async fn set_message_preferences(db: &Db, user: Uuid, p: &MessagePreferences) -> Result<bool> {
    let n = execute!(
        db,
        sqlx::query("UPDATE users SET language = $2, channel = $3 WHERE id = $1")
            .bind(user)
            .bind(p.language.as_str())
            .bind(p.channel.map(|c| c.as_str()))
    )?;
    Ok(n > 0)
}

/// Store the language a person registered in (the page's language).
pub async fn set_language(db: &Db, user: Uuid, language: domain::messages::Language) -> Result<()> {
    execute!(
        db,
        sqlx::query("UPDATE users SET language = $2 WHERE id = $1")
            .bind(user)
            .bind(language.as_str())
    )?;
    Ok(())
}
