//! Invitations to a cycle's expert council or monitoring group (security review M5): a seat
//! is taken only by accepting. The seats themselves are the membership tables
//! (`pb_council_members`, `monitoring_members`).

use crate::db::{execute, in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::access::Body;
use domain::projects::GROUP_MAX;
use uuid::Uuid;

/// Invite (or invite again: the pending invitation takes the new mark and inviter) inside a
/// transaction the caller holds. Binds: id, body, cycle, user, civil_society, invited_by, now.
pub(crate) const INVITE: &str = "INSERT INTO oversight_invitations \
    (id, body, cycle_id, user_id, civil_society, invited_by, invited_at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7) \
    ON CONFLICT (body, cycle_id, user_id) WHERE answer IS NULL DO UPDATE SET \
    civil_society = excluded.civil_society, invited_by = excluded.invited_by, \
    invited_at = excluded.invited_at";

/// Write (or renew) the pending invitation of `$user` to `$body` of `$cycle` inside the
/// caller's transaction: the one statement both bodies' invite paths end with.
macro_rules! invite_in_tx {
    ($tx:ident, $body:expr, $cycle:expr, $user:expr, $civil_society:expr, $by:expr, $now:expr) => {
        sqlx::query($crate::oversight::invitations::INVITE)
            .bind($crate::new_id())
            .bind($body)
            .bind($cycle)
            .bind($user)
            .bind($civil_society)
            .bind($by)
            .bind($now)
            .execute(&mut *$tx)
            .await?
    };
}
pub(crate) use invite_in_tx;

/// Pending invitations of a body of a cycle. Binds: body, cycle.
pub(crate) const COUNT_PENDING: &str = "SELECT COUNT(*) FROM oversight_invitations \
    WHERE body = $1 AND cycle_id = $2 AND answer IS NULL";

const SEATS: &str = "SELECT 'expert_council' FROM pb_council_members \
    WHERE cycle_id = $1 AND user_id = $2 \
    UNION ALL SELECT 'monitoring_group' FROM monitoring_members \
    WHERE cycle_id = $1 AND user_id = $2";

fn bodies(codes: Vec<String>) -> Vec<Body> {
    codes.iter().filter_map(|c| Body::parse(c)).collect()
}

/// The bodies of `cycle` on which `user` has a seat.
pub async fn seats(db: &Db, cycle: Uuid, user: Uuid) -> Result<Vec<Body>> {
    let codes: Vec<String> = on_pool!(db, |p| sqlx::query_scalar(SEATS)
        .bind(cycle)
        .bind(user)
        .fetch_all(p)
        .await)?;
    Ok(bodies(codes))
}

/// An invitation still waiting for its answer.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: Uuid,
    pub body: Body,
    pub cycle_id: Uuid,
    pub user_id: Uuid,
    pub civil_society: bool,
    pub invited_by: Option<Uuid>,
    pub invited_at: DateTime<Utc>,
}

type InvitationRow = (Uuid, String, Uuid, Uuid, bool, Option<Uuid>, DateTime<Utc>);

fn invitation(r: InvitationRow) -> Result<Invitation> {
    let (id, body, cycle_id, user_id, civil_society, invited_by, invited_at) = r;
    let body = Body::parse(&body)
        .ok_or_else(|| StoreError::Corrupt(format!("unknown oversight body {body:?}")))?;
    Ok(Invitation {
        id,
        body,
        cycle_id,
        user_id,
        civil_society,
        invited_by,
        invited_at,
    })
}

const SELECT_PENDING: &str = "SELECT id, body, cycle_id, user_id, civil_society, invited_by, \
    invited_at FROM oversight_invitations WHERE id = $1 AND user_id = $2 AND answer IS NULL";

/// `user`'s pending invitation `id`; `None` when there is none (another person's, or answered).
pub async fn pending(db: &Db, id: Uuid, user: Uuid) -> Result<Option<Invitation>> {
    let row: Option<InvitationRow> = on_pool!(db, |p| sqlx::query_as(SELECT_PENDING)
        .bind(id)
        .bind(user)
        .fetch_optional(p)
        .await)?;
    row.map(invitation).transpose()
}

/// A pending invitation as its addressee sees it on their account page.
#[derive(Debug, Clone)]
pub struct Addressed {
    pub id: Uuid,
    pub body: Body,
    pub cycle_id: Uuid,
    pub year: i32,
    pub territory_name_kk: String,
    pub territory_name_ru: String,
    pub invited_by: Option<String>,
    pub invited_at: DateTime<Utc>,
}

type AddressedRow = (
    Uuid,
    String,
    Uuid,
    i64,
    String,
    String,
    Option<String>,
    DateTime<Utc>,
);

const SELECT_ADDRESSED: &str = "SELECT i.id, i.body, i.cycle_id, c.year, t.name_kk, t.name_ru, \
    u.display_name, i.invited_at FROM oversight_invitations i \
    JOIN pb_cycles c ON c.id = i.cycle_id JOIN territories t ON t.id = c.territory_id \
    LEFT JOIN users u ON u.id = i.invited_by \
    WHERE i.user_id = $1 AND i.answer IS NULL ORDER BY i.invited_at, i.id";

/// `user`'s pending invitations, oldest first.
pub async fn addressed_to(db: &Db, user: Uuid) -> Result<Vec<Addressed>> {
    let rows: Vec<AddressedRow> = on_pool!(db, |p| sqlx::query_as(SELECT_ADDRESSED)
        .bind(user)
        .fetch_all(p)
        .await)?;
    rows.into_iter()
        .map(
            |(id, body, cycle_id, year, kk, ru, invited_by, invited_at)| {
                Ok(Addressed {
                    id,
                    body: Body::parse(&body).ok_or_else(|| {
                        StoreError::Corrupt(format!("unknown oversight body {body:?}"))
                    })?,
                    cycle_id,
                    year: i32::try_from(year)
                        .map_err(|_| StoreError::Corrupt(format!("cycle year {year}")))?,
                    territory_name_kk: kk,
                    territory_name_ru: ru,
                    invited_by,
                    invited_at,
                })
            },
        )
        .collect()
}

/// A seat a person holds, for their account page.
#[derive(Debug, Clone)]
pub struct Seat {
    pub body: Body,
    pub cycle_id: Uuid,
    pub year: i32,
    pub territory_name_kk: String,
    pub territory_name_ru: String,
}

/// The seats of the user bound as `$1`, with the cycle of each, joined as `s`, `c` and `t`
/// (the seat, its cycle, the cycle's territory).
macro_rules! seats_with_cycles {
    () => {
        "(SELECT 'expert_council' AS body, cycle_id FROM pb_council_members WHERE user_id = $1 \
         UNION ALL SELECT 'monitoring_group' AS body, cycle_id FROM monitoring_members \
         WHERE user_id = $1) s JOIN pb_cycles c ON c.id = s.cycle_id \
         JOIN territories t ON t.id = c.territory_id"
    };
}

const SELECT_SEATS_OF: &str = concat!(
    "SELECT s.body, c.id, c.year, t.name_kk, t.name_ru FROM ",
    seats_with_cycles!(),
    " ORDER BY c.year DESC, t.kato, s.body"
);

/// Every seat `user` holds, the latest cycles first.
pub async fn seats_of(db: &Db, user: Uuid) -> Result<Vec<Seat>> {
    type Row = (String, Uuid, i64, String, String);
    let rows: Vec<Row> = on_pool!(db, |p| sqlx::query_as(SELECT_SEATS_OF)
        .bind(user)
        .fetch_all(p)
        .await)?;
    rows.into_iter()
        .map(|(body, cycle_id, year, kk, ru)| {
            Ok(Seat {
                body: Body::parse(&body).ok_or_else(|| {
                    StoreError::Corrupt(format!("unknown oversight body {body:?}"))
                })?,
                cycle_id,
                year: i32::try_from(year)
                    .map_err(|_| StoreError::Corrupt(format!("cycle year {year}")))?,
                territory_name_kk: kk,
                territory_name_ru: ru,
            })
        })
        .collect()
}

const SELECT_SEATS_UNDER: &str = concat!(
    "SELECT s.body FROM ",
    seats_with_cycles!(),
    " WHERE t.path LIKE $2 AND c.stage <> 'closed' ORDER BY s.body"
);

/// The seats `user` holds on cycles not yet closed of the territory whose path is `prefix`
/// (`Territory::path_prefix`) or of a territory below it.
pub async fn seats_under(db: &Db, user: Uuid, prefix: &str) -> Result<Vec<Body>> {
    let rows: Vec<(String,)> = on_pool!(db, |p| sqlx::query_as(SELECT_SEATS_UNDER)
        .bind(user)
        .bind(format!("{prefix}%"))
        .fetch_all(p)
        .await)?;
    rows.into_iter()
        .map(|(body,)| {
            Body::parse(&body)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown oversight body {body:?}")))
        })
        .collect()
}

const SELECT_INVITEES: &str = "SELECT i.user_id, u.display_name FROM oversight_invitations i \
    JOIN users u ON u.id = i.user_id WHERE i.body = $1 AND i.cycle_id = $2 \
    AND i.answer IS NULL ORDER BY i.invited_at, i.id";

/// Who is invited to `body` of `cycle` and has not answered yet: (user id, name).
pub async fn invitees(db: &Db, body: Body, cycle: Uuid) -> Result<Vec<(Uuid, String)>> {
    Ok(on_pool!(db, |p| sqlx::query_as(SELECT_INVITEES)
        .bind(body.as_str())
        .bind(cycle)
        .fetch_all(p)
        .await)?)
}

/// What became of an acceptance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    /// The seat is theirs.
    Seated,
    /// They sit on the cycle's other body (taken meanwhile): nothing was written.
    OtherBody(Body),
    /// The monitoring group has [`GROUP_MAX`] members already: nothing was written.
    Full,
    /// No such pending invitation of theirs.
    Gone,
}

const LOCK_USER: &str = "SELECT id FROM users WHERE id = $1 FOR UPDATE";
const ADD_COUNCIL_SEAT: &str = "INSERT INTO pb_council_members \
    (id, cycle_id, user_id, civil_society, added_at) VALUES ($1, $2, $3, $4, $5) \
    ON CONFLICT (cycle_id, user_id) DO UPDATE SET civil_society = excluded.civil_society";
const COUNT_GROUP: &str = "SELECT COUNT(*) FROM monitoring_members WHERE cycle_id = $1";
const ADD_GROUP_SEAT: &str = "INSERT INTO monitoring_members (cycle_id, user_id, added_at) \
    VALUES ($1, $2, $3) ON CONFLICT (cycle_id, user_id) DO NOTHING";
const ANSWER: &str = "UPDATE oversight_invitations SET answer = $3, answered_at = $4 \
    WHERE id = $1 AND user_id = $2 AND answer IS NULL";

/// `user` accepts their invitation `id`: the seat and the answer, in one transaction that
/// holds the person (a row lock on PostgreSQL, the write lock on SQLite) so that two
/// acceptances of one person never both pass the check that they sit on no other body of the
/// cycle.
pub async fn accept(db: &Db, id: Uuid, user: Uuid, now: DateTime<Utc>) -> Result<Accepted> {
    let lock_person = matches!(db, Db::Postgres(_));
    let out = in_tx!(db, |tx| {
        if lock_person {
            sqlx::query(LOCK_USER).bind(user).execute(&mut *tx).await?;
        }
        let row: Option<InvitationRow> = sqlx::query_as(SELECT_PENDING)
            .bind(id)
            .bind(user)
            .fetch_optional(&mut *tx)
            .await?;
        match row.map(invitation).transpose()? {
            None => Accepted::Gone,
            Some(inv) => {
                let codes: Vec<String> = sqlx::query_scalar(SEATS)
                    .bind(inv.cycle_id)
                    .bind(user)
                    .fetch_all(&mut *tx)
                    .await?;
                let other = bodies(codes).into_iter().find(|b| *b != inv.body);
                let full = match inv.body {
                    Body::MonitoringGroup if other.is_none() => {
                        let n: i64 = sqlx::query_scalar(COUNT_GROUP)
                            .bind(inv.cycle_id)
                            .fetch_one(&mut *tx)
                            .await?;
                        n >= GROUP_MAX as i64
                    }
                    _ => false,
                };
                match (other, full) {
                    (Some(b), _) => Accepted::OtherBody(b),
                    (None, true) => Accepted::Full,
                    (None, false) => {
                        match inv.body {
                            Body::ExpertCouncil => {
                                sqlx::query(ADD_COUNCIL_SEAT)
                                    .bind(new_id())
                                    .bind(inv.cycle_id)
                                    .bind(user)
                                    .bind(inv.civil_society)
                                    .bind(now)
                                    .execute(&mut *tx)
                                    .await?;
                            }
                            Body::MonitoringGroup => {
                                sqlx::query(ADD_GROUP_SEAT)
                                    .bind(inv.cycle_id)
                                    .bind(user)
                                    .bind(now)
                                    .execute(&mut *tx)
                                    .await?;
                            }
                        }
                        sqlx::query(ANSWER)
                            .bind(id)
                            .bind(user)
                            .bind("accepted")
                            .bind(now)
                            .execute(&mut *tx)
                            .await?;
                        Accepted::Seated
                    }
                }
            }
        }
    });
    Ok(out)
}

/// `user` declines their invitation `id`; `false` when there is no such pending invitation.
pub async fn decline(db: &Db, id: Uuid, user: Uuid, now: DateTime<Utc>) -> Result<bool> {
    let n = execute!(
        db,
        sqlx::query(ANSWER)
            .bind(id)
            .bind(user)
            .bind("declined")
            .bind(now)
    )?;
    Ok(n > 0)
}
