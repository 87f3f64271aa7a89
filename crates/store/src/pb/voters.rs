//! Who voted, kept apart from what they chose (a secret ballot, security review L5).
//!
//! A voter row (`pb_voters`) holds the person — their IIN fingerprint, so one ballot per person
//! and cycle whatever the channel — the account, the channel, the time, who typed it and who
//! witnessed it. A ballot row (`pb_ballots`) holds a random (v4) id, the cycle, the voter's
//! village (frozen when cast: quota counts need it), the channel, the choices and the
//! receipt: nothing of a person. The one way from a voter to their ballot is the voter row's
//! `sealed` value, the ballot id and receipt encrypted with a key the store never holds: what
//! must find a person's ballot (replacing it, showing the receipt again, striking a
//! squatter's ballot) opens it through the [`BallotSeal`] the app passes in.

use crate::db::{in_tx, on_pool};
use crate::{Db, Result, StoreError};
use domain::pb::Channel;
use uuid::Uuid;

/// What a voter row seals: their ballot and its receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub ballot: Uuid,
    pub receipt: String,
}

/// Seals and opens the link from a voter row to its ballot. The app implements it with a key
/// derived from the server secret; the store only stores what it gives back.
pub trait BallotSeal: Send + Sync {
    /// `link` sealed for the voter row of `person` in `cycle` (so it opens for no other row).
    fn seal(&self, cycle: Uuid, person: &[u8], link: &Link) -> Vec<u8>;
    /// What [`BallotSeal::seal`] sealed for that row; `None` when `sealed` was made for another
    /// row or with another key, or was altered.
    fn open(&self, cycle: Uuid, person: &[u8], sealed: &[u8]) -> Option<Link>;
}

/// A new ballot id: random, unlike the time-ordered ids of other records, so it tells nothing
/// of when the ballot was cast.
pub fn new_ballot_id() -> Uuid {
    Uuid::new_v4()
}

/// The voter row of a ballot about to be recorded.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Voter<'a> {
    pub cycle: Uuid,
    pub person_hash: &'a [u8],
    pub voter_id: Option<Uuid>,
    pub channel: Channel,
    pub entered_by: Option<Uuid>,
    pub witness: Option<&'a str>,
    /// Assisted ballots (security review H2): the witness's account, how the resident
    /// confirmed it is them, and the registrar of a document check.
    pub witness_id: Option<Uuid>,
    pub confirmation: Option<&'a str>,
    pub confirmed_by: Option<Uuid>,
}

pub(crate) const INSERT_VOTER: &str = "INSERT INTO pb_voters (cycle_id, person_hash, voter_id, \
    channel, cast_at, entered_by, witness, sealed, witness_id, confirmation, confirmed_by) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
    ON CONFLICT (cycle_id, person_hash) DO NOTHING";
/// The village is the one given (a paper batch's, the resident's at a centre), else the
/// voter's residence now, when the ballot is cast.
pub(crate) const INSERT_BALLOT: &str = "INSERT INTO pb_ballots (id, cycle_id, village_id, \
    channel, receipt) VALUES ($1, $2, COALESCE($3, (SELECT residence_id FROM users WHERE \
    id = $4)), $5, $6)";
pub(crate) const INSERT_CHOICE: &str =
    "INSERT INTO pb_ballot_choices (ballot_id, proposal_id) VALUES ($1, $2)";
pub(crate) const SELECT_SEALED: &str =
    "SELECT sealed FROM pb_voters WHERE cycle_id = $1 AND person_hash = $2";
const COUNT_CHOICES: &str = "SELECT COUNT(*) FROM pb_ballot_choices WHERE ballot_id = $1";

/// Record a voter and their ballot inside the caller's transaction, unless the person has a
/// voter row in the cycle already: `Some(link)` when recorded, `None` when nothing was written.
macro_rules! record_new {
    ($tx:ident, $seal:expr, $voter:expr, $village:expr, $choices:expr, $receipt:expr, $now:expr) => {{
        let v: &$crate::pb::voters::Voter<'_> = $voter;
        let seal: &dyn $crate::pb::voters::BallotSeal = $seal;
        let choices: &[uuid::Uuid] = $choices;
        let village: Option<uuid::Uuid> = $village;
        let link = $crate::pb::voters::Link {
            ballot: $crate::pb::voters::new_ballot_id(),
            receipt: String::from($receipt),
        };
        let inserted = sqlx::query($crate::pb::voters::INSERT_VOTER)
            .bind(v.cycle)
            .bind(v.person_hash)
            .bind(v.voter_id)
            .bind(v.channel.as_str())
            .bind($now)
            .bind(v.entered_by)
            .bind(v.witness)
            .bind(seal.seal(v.cycle, v.person_hash, &link))
            .bind(v.witness_id)
            .bind(v.confirmation)
            .bind(v.confirmed_by)
            .execute(&mut *$tx)
            .await?
            .rows_affected()
            == 1;
        if inserted {
            sqlx::query($crate::pb::voters::INSERT_BALLOT)
                .bind(link.ballot)
                .bind(v.cycle)
                .bind(village)
                .bind(v.voter_id)
                .bind(v.channel.as_str())
                .bind(&link.receipt)
                .execute(&mut *$tx)
                .await?;
            for choice in choices {
                sqlx::query($crate::pb::voters::INSERT_CHOICE)
                    .bind(link.ballot)
                    .bind(choice)
                    .execute(&mut *$tx)
                    .await?;
            }
            Some(link)
        } else {
            None
        }
    }};
}
pub(crate) use record_new;

/// The ballot of `person` in `cycle`, opened from their voter row inside the caller's
/// transaction; `None` when they have no voter row.
macro_rules! link_of {
    ($tx:ident, $seal:expr, $cycle:expr, $person:expr) => {{
        let (cycle, person): (uuid::Uuid, &[u8]) = ($cycle, $person);
        let sealed: Option<Option<Vec<u8>>> = sqlx::query_scalar($crate::pb::voters::SELECT_SEALED)
            .bind(cycle)
            .bind(person)
            .fetch_optional(&mut *$tx)
            .await?;
        match sealed {
            None => None,
            Some(s) => Some($crate::pb::voters::opened($seal, cycle, person, s)?),
        }
    }};
}
pub(crate) use link_of;

/// Open a voter row's sealed link; an unsealed row or one that does not open is corrupt (or
/// the server secret changed).
pub(crate) fn opened(
    seal: &dyn BallotSeal,
    cycle: Uuid,
    person: &[u8],
    sealed: Option<Vec<u8>>,
) -> Result<Link> {
    let sealed = sealed.ok_or_else(|| {
        StoreError::Corrupt("a voter's ballot is not sealed yet (run `qatysu migrate`)".into())
    })?;
    seal.open(cycle, person, &sealed).ok_or_else(|| {
        StoreError::Corrupt(
            "a voter's sealed ballot does not open: was the server secret changed?".into(),
        )
    })
}

/// The ballot of `person` in `cycle`, if they voted.
pub(crate) async fn link(
    db: &Db,
    seal: &dyn BallotSeal,
    cycle: Uuid,
    person: &[u8],
) -> Result<Option<Link>> {
    let sealed: Option<Option<Vec<u8>>> = on_pool!(db, |p| sqlx::query_scalar(SELECT_SEALED)
        .bind(cycle)
        .bind(person)
        .fetch_optional(p)
        .await)?;
    sealed.map(|s| opened(seal, cycle, person, s)).transpose()
}

/// How many proposals a ballot chooses.
pub(crate) async fn choices(db: &Db, ballot: Uuid) -> Result<usize> {
    let n: i64 = on_pool!(db, |p| sqlx::query_scalar(COUNT_CHOICES)
        .bind(ballot)
        .fetch_one(p)
        .await)?;
    Ok(usize::try_from(n).unwrap_or(0))
}

const SELECT_UNSEALED: &str = "SELECT v.cycle_id, v.person_hash, v.ballot_id_unsealed, \
    b.receipt FROM pb_voters v JOIN pb_ballots b ON b.id = v.ballot_id_unsealed \
    WHERE v.ballot_id_unsealed IS NOT NULL";
const SEAL_ONE: &str = "UPDATE pb_voters SET sealed = $3, ballot_id_unsealed = NULL \
    WHERE cycle_id = $1 AND person_hash = $2 AND ballot_id_unsealed = $4";
const COUNT_UNSEALED: &str = "SELECT COUNT(*) FROM pb_voters WHERE ballot_id_unsealed IS NOT NULL";

const SELECT_ONE_SEALED: &str = "SELECT cycle_id, person_hash, sealed FROM pb_voters \
    WHERE sealed IS NOT NULL LIMIT 1";

/// Seal the links the secret-ballot migration (0022) left in the clear, all in one
/// transaction; returns how many were sealed. The server runs it right after migrating, before
/// it serves; running it again seals nothing. A link sealed before that does not open with
/// `seal` means the server secret is not the one the database was used with: refused before
/// anything is sealed with the wrong key.
pub async fn seal_migrated(db: &Db, seal: &dyn BallotSeal) -> Result<usize> {
    let sample: Option<(Uuid, Vec<u8>, Vec<u8>)> =
        on_pool!(db, |p| sqlx::query_as(SELECT_ONE_SEALED)
            .fetch_optional(p)
            .await)?;
    if let Some((cycle, person, sealed)) = sample {
        opened(seal, cycle, &person, Some(sealed))?;
    }
    // Most starts find nothing to do: a read, no write lock.
    let waiting: i64 = on_pool!(db, |p| sqlx::query_scalar(COUNT_UNSEALED)
        .fetch_one(p)
        .await)?;
    if waiting == 0 {
        return Ok(0);
    }
    Ok(in_tx!(db, |tx| {
        let rows: Vec<(Uuid, Vec<u8>, Uuid, String)> =
            sqlx::query_as(SELECT_UNSEALED).fetch_all(&mut *tx).await?;
        let mut sealed = 0;
        for (cycle, person, ballot, receipt) in rows {
            let link = Link { ballot, receipt };
            sealed += sqlx::query(SEAL_ONE)
                .bind(cycle)
                .bind(&person)
                .bind(seal.seal(cycle, &person, &link))
                .bind(ballot)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        let left: i64 = sqlx::query_scalar(COUNT_UNSEALED)
            .fetch_one(&mut *tx)
            .await?;
        if left > 0 {
            // A voter row whose ballot is gone: leave everything as it was and say so.
            return Err(StoreError::Corrupt(format!(
                "{left} voter rows point at no ballot; nothing was sealed"
            )));
        }
        usize::try_from(sealed).unwrap_or(usize::MAX)
    }))
}
