//! IIN squatting resolved at a participation centre: the account under the IIN is handed to
//! the person who proved it in person, and what the squatter did with it that is not yet
//! counted is struck — all in one transaction, with a record of what was there before.

use crate::accounts::{contact_columns, level_change_in_tx, LevelChange};
use crate::db::{in_tx, on_pool};
use crate::pb::voters::{opened, BallotSeal};
use crate::{new_id, Db, Result};
use chrono::{DateTime, Utc};
use domain::initiatives::Status;
use domain::Contact;
use uuid::Uuid;

/// Everything a resolution changes, decided by the app.
#[derive(Debug, Clone)]
pub struct Handover<'a> {
    pub user: Uuid,
    /// Where and by whom, at a participation centre; both `None` when an identity provider
    /// vouched for the IIN at sign-in (`provider`, its issuer URL).
    pub centre: Option<Uuid>,
    pub registrar: Option<Uuid>,
    pub provider: Option<&'a str>,
    /// The real holder's name, as the registrar typed it.
    pub name: &'a str,
    /// The real holder's phone or e-mail; `None` clears the squatter's.
    pub contact: Option<&'a Contact>,
    /// A hash nobody knows the password of: the account is entered with a slip code.
    pub password_hash: &'a str,
    /// `Disowned`, then `SeenInPerson` with the registrar's evidence (or `EgovSignIn`).
    pub levels: [LevelChange; 2],
    pub at: DateTime<Utc>,
}

/// What a resolution did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandedOver {
    Done {
        resolution: Uuid,
        ballots: i64,
        signatures: i64,
    },
    /// The contact given is another account's: nothing was changed.
    ContactTaken,
    /// The account's level moved meanwhile: nothing was changed, try again.
    LevelMoved,
}

/// The account's ballots in cycles whose results are not published yet: their voter rows,
/// whose sealed links lead to the ballots.
const UNCOUNTED_BALLOTS: &str = "SELECT v.cycle_id, v.person_hash, v.sealed FROM pb_voters v \
    WHERE v.voter_id = $1 AND NOT EXISTS (SELECT 1 FROM pb_results r \
    WHERE r.cycle_id = v.cycle_id)";
/// Online signatures on initiatives still collecting. A row also on a paper sheet (flagged a
/// duplicate) stays: the paper signature is the real holder's own.
const UNCOUNTED_SIGNATURES: &str = "SELECT s.id, s.initiative_id FROM initiative_signatures s \
    JOIN initiatives i ON i.id = s.initiative_id WHERE s.user_id = $1 AND i.status = $2 \
    AND s.duplicate_flag = $3";
const CONTACT_ELSEWHERE: &str =
    "SELECT COUNT(*) FROM users WHERE id <> $1 AND (phone = $2 OR email = $3)";
const PREVIOUS: &str = "SELECT display_name, phone, email FROM users WHERE id = $1";
/// The real holder's consent, given at the desk, replaces whatever the squatter gave; the
/// contact the registrar typed is not proven until its owner types a code.
const HAND_OVER: &str = "UPDATE users SET display_name = $2, phone = $3, email = $4, \
    password_hash = $5, consent_at = $6, contact_confirmed_at = NULL WHERE id = $1";
const END_SESSIONS: &str = "DELETE FROM sessions WHERE user_id = $1";
/// A paper line flagged against the struck ballot keeps its line, without the link.
const UNLINK_PAPER: &str = "UPDATE pb_paper_lines SET ballot_id = NULL WHERE ballot_id = $1";
const DELETE_CHOICES: &str = "DELETE FROM pb_ballot_choices WHERE ballot_id = $1";
const DELETE_BALLOT: &str = "DELETE FROM pb_ballots WHERE id = $1";
const DELETE_VOTER: &str = "DELETE FROM pb_voters WHERE cycle_id = $1 AND person_hash = $2";
const DELETE_SIGNATURE: &str = "DELETE FROM initiative_signatures WHERE id = $1";
const UNCOUNT_SIGNATURE: &str =
    "UPDATE initiatives SET signatures = signatures - 1 WHERE id = $1 AND status = $2";
const INSERT_RESOLUTION: &str = "INSERT INTO squatting_resolutions (id, user_id, centre_id, \
    registrar_id, previous_name, previous_contact, struck_ballots, struck_signatures, at, \
    provider) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
const INSERT_STRUCK: &str = "INSERT INTO squatting_struck (resolution_id, cycle_id, \
    initiative_id) VALUES ($1, $2, $3)";

/// Hand the account over and strike what is not yet counted, together or not at all; `seal`
/// opens the links from the account's voter rows to their ballots.
pub async fn hand_over(db: &Db, h: &Handover<'_>, seal: &dyn BallotSeal) -> Result<HandedOver> {
    let (phone, email) = contact_columns(h.contact);
    let collecting = Status::Collecting.as_str();
    let outcome = in_tx!(db, |tx| {
        let elsewhere: i64 = sqlx::query_scalar(CONTACT_ELSEWHERE)
            .bind(h.user)
            .bind(phone)
            .bind(email)
            .fetch_one(&mut *tx)
            .await?;
        if elsewhere > 0 {
            return Ok(HandedOver::ContactTaken);
        }
        for change in &h.levels {
            if !level_change_in_tx!(tx, h.user, change) {
                // Dropping the transaction rolls the first change back.
                return Ok(HandedOver::LevelMoved);
            }
        }
        let (name, old_phone, old_email): (String, Option<String>, Option<String>) =
            sqlx::query_as(PREVIOUS)
                .bind(h.user)
                .fetch_one(&mut *tx)
                .await?;
        sqlx::query(HAND_OVER)
            .bind(h.user)
            .bind(h.name)
            .bind(phone)
            .bind(email)
            .bind(h.password_hash)
            .bind(h.at)
            .execute(&mut *tx)
            .await?;
        sqlx::query(END_SESSIONS)
            .bind(h.user)
            .execute(&mut *tx)
            .await?;
        let voters: Vec<(Uuid, Vec<u8>, Option<Vec<u8>>)> = sqlx::query_as(UNCOUNTED_BALLOTS)
            .bind(h.user)
            .fetch_all(&mut *tx)
            .await?;
        let mut ballots: Vec<(Uuid, Uuid)> = Vec::with_capacity(voters.len());
        for (cycle, person, sealed) in voters {
            let link = opened(seal, cycle, &person, sealed)?;
            for sql in [UNLINK_PAPER, DELETE_CHOICES, DELETE_BALLOT] {
                sqlx::query(sql).bind(link.ballot).execute(&mut *tx).await?;
            }
            sqlx::query(DELETE_VOTER)
                .bind(cycle)
                .bind(&person)
                .execute(&mut *tx)
                .await?;
            ballots.push((link.ballot, cycle));
        }
        let signatures: Vec<(Uuid, Uuid)> = sqlx::query_as(UNCOUNTED_SIGNATURES)
            .bind(h.user)
            .bind(collecting)
            .bind(false)
            .fetch_all(&mut *tx)
            .await?;
        for (signature, initiative) in &signatures {
            sqlx::query(DELETE_SIGNATURE)
                .bind(signature)
                .execute(&mut *tx)
                .await?;
            sqlx::query(UNCOUNT_SIGNATURE)
                .bind(initiative)
                .bind(collecting)
                .execute(&mut *tx)
                .await?;
        }
        let resolution = new_id();
        sqlx::query(INSERT_RESOLUTION)
            .bind(resolution)
            .bind(h.user)
            .bind(h.centre)
            .bind(h.registrar)
            .bind(name)
            .bind(old_phone.or(old_email))
            .bind(ballots.len() as i64)
            .bind(signatures.len() as i64)
            .bind(h.at)
            .bind(h.provider)
            .execute(&mut *tx)
            .await?;
        let struck = ballots
            .iter()
            .map(|(_, cycle)| (Some(*cycle), None))
            .chain(signatures.iter().map(|(_, i)| (None, Some(*i))));
        for (cycle, initiative) in struck {
            sqlx::query(INSERT_STRUCK)
                .bind(resolution)
                .bind(cycle)
                .bind(initiative)
                .execute(&mut *tx)
                .await?;
        }
        HandedOver::Done {
            resolution,
            ballots: ballots.len() as i64,
            signatures: signatures.len() as i64,
        }
    });
    Ok(outcome)
}

/// One resolution as the centre's list shows it.
#[derive(Debug, Clone)]
pub struct Resolution {
    pub id: Uuid,
    pub user_id: Uuid,
    pub current_name: String,
    pub previous_name: String,
    pub previous_contact: Option<String>,
    pub registrar_name: String,
    pub struck_ballots: i64,
    pub struck_signatures: i64,
    pub at: DateTime<Utc>,
}
crate::db::from_row!(Resolution {
    id,
    user_id,
    current_name,
    previous_name,
    previous_contact,
    registrar_name,
    struck_ballots,
    struck_signatures,
    at
});

/// What one resolution struck: a ballot in a cycle (territory name and year) or a signature
/// on an initiative (its title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Struck {
    Ballot {
        cycle: Uuid,
        territory_kk: String,
        territory_ru: String,
        year: i64,
    },
    Signature {
        initiative: Uuid,
        title: String,
    },
}

const RESOLUTIONS: &str = "SELECT s.id, s.user_id, u.display_name AS current_name, \
    s.previous_name, s.previous_contact, r.display_name AS registrar_name, s.struck_ballots, \
    s.struck_signatures, s.at FROM squatting_resolutions s JOIN users u ON u.id = s.user_id \
    JOIN users r ON r.id = s.registrar_id WHERE s.centre_id = $1 ORDER BY s.at DESC, s.id";
const STRUCK: &str = "SELECT x.cycle_id, t.name_kk, t.name_ru, c.year, x.initiative_id, \
    i.title FROM squatting_struck x LEFT JOIN pb_cycles c ON c.id = x.cycle_id \
    LEFT JOIN territories t ON t.id = c.territory_id \
    LEFT JOIN initiatives i ON i.id = x.initiative_id WHERE x.resolution_id = $1";

/// The resolutions made at `centre`, the latest first.
pub async fn of_centre(db: &Db, centre: Uuid) -> Result<Vec<Resolution>> {
    Ok(on_pool!(db, |p| sqlx::query_as(RESOLUTIONS)
        .bind(centre)
        .fetch_all(p)
        .await)?)
}

type StruckRow = (
    Option<Uuid>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<Uuid>,
    Option<String>,
);

/// What resolution `id` struck.
pub async fn struck(db: &Db, id: Uuid) -> Result<Vec<Struck>> {
    let rows: Vec<StruckRow> =
        on_pool!(db, |p| sqlx::query_as(STRUCK).bind(id).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(cycle, kk, ru, year, initiative, title)| match (cycle, initiative) {
                (Some(cycle), _) => Some(Struck::Ballot {
                    cycle,
                    territory_kk: kk.unwrap_or_default(),
                    territory_ru: ru.unwrap_or_default(),
                    year: year.unwrap_or_default(),
                }),
                (None, Some(initiative)) => Some(Struck::Signature {
                    initiative,
                    title: title.unwrap_or_default(),
                }),
                (None, None) => None,
            },
        )
        .collect())
}

/// A takeover at a provider sign-in, as the account's history shows it.
#[derive(Debug, Clone)]
pub struct ProviderTakeover {
    pub provider: String,
    pub previous_name: String,
    pub previous_contact: Option<String>,
    pub struck_ballots: i64,
    pub struck_signatures: i64,
    pub at: DateTime<Utc>,
}
crate::db::from_row!(ProviderTakeover {
    provider,
    previous_name,
    previous_contact,
    struck_ballots,
    struck_signatures,
    at
});

const BY_PROVIDER: &str = "SELECT provider, previous_name, previous_contact, struck_ballots, \
    struck_signatures, at FROM squatting_resolutions WHERE user_id = $1 \
    AND provider IS NOT NULL ORDER BY at, id";

/// The takeovers of `user`'s account by people an identity provider vouched for, oldest first.
pub async fn by_provider(db: &Db, user: Uuid) -> Result<Vec<ProviderTakeover>> {
    Ok(on_pool!(db, |p| sqlx::query_as(BY_PROVIDER)
        .bind(user)
        .fetch_all(p)
        .await)?)
}
