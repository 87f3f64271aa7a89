//! Paper ballots, typed in twice by two different coordinators. The first entry waits (as IIN
//! fingerprints, never IINs or any of their digits); the second is matched with it by ballot
//! number. Ballots both typed alike are recorded (channel `paper`, with their village); a
//! person who already has a ballot in the cycle is flagged and not counted twice; the rest
//! wait as mismatches until an account other than the one who typed a version types the row
//! again from the paper alike (security review H1). Every typed version keeps who typed it.
//! Once every line of a batch is decided, its rows forget their persons (security review L5):
//! a settled batch keeps ballot numbers and choices, no IIN fingerprints. Everything a
//! comparison writes commits together or not at all.

use super::voters::{record_new, BallotSeal, Voter};
use crate::db::{in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::pb::paper::Settling;
use domain::pb::paper::{counted, entry_step, match_entries, settle, BatchHeader, EntryStep};
use domain::pb::Channel;
use uuid::Uuid;

/// One typed row, already checked against the cycle (IIN valid, age, ballot rules).
/// Holds the cycle row for the rest of the transaction if the cycle is still at voting: the
/// statement takes the row lock on PostgreSQL, so a move to results (which updates the same
/// row and counts in its transaction) waits for this entry, and an entry after the move sees
/// the new stage and writes nothing (security review L6). SQLite's `BEGIN IMMEDIATE` already
/// serialises the two.
const HOLD_VOTING_CYCLE: &str = "UPDATE pb_cycles SET stage = stage WHERE id = $1 AND stage = $2";

macro_rules! still_voting {
    ($tx:ident, $cycle:expr) => {
        sqlx::query(HOLD_VOTING_CYCLE)
            .bind($cycle)
            .bind(domain::pb::Stage::Voting.as_str())
            .execute(&mut *$tx)
            .await?
            .rows_affected()
            == 1
    };
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperRow {
    pub ballot_no: String,
    /// The IIN fingerprint (the same keyed hash accounts and online ballots use). Empty when
    /// read back from a settled batch, whose rows keep no person.
    pub person_hash: Vec<u8>,
    /// Project numbers on the ballot (from 1), sorted.
    pub choices: Vec<u32>,
}

/// One entry of a batch.
#[derive(Debug, Clone)]
pub struct BatchEntry<'a> {
    pub cycle: Uuid,
    pub label: &'a str,
    /// The village the ballots come from.
    pub village: Uuid,
    pub by: Uuid,
    pub rows: &'a [PaperRow],
    /// The admitted proposals in ballot order: number `n` is `proposals[n - 1]`.
    pub proposals: &'a [Uuid],
}

/// Counts of a compared batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub accepted: usize,
    pub flagged: usize,
    pub mismatched: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryOutcome {
    /// First entry stored; another coordinator must type the same batch.
    AwaitingSecond { batch: Uuid },
    /// The second entry must be typed by someone else.
    SameCoordinator,
    /// This batch was entered twice already.
    AlreadyCompared { batch: Uuid },
    /// The second entry names another village than the first.
    OtherVillage,
    /// Compared: agreeing ballots recorded or flagged, the rest listed.
    Compared { batch: Uuid, summary: Summary },
    /// The cycle is no longer at voting (its result was published meanwhile): nothing was
    /// written.
    Closed,
}

/// What became of a ballot number after comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStatus {
    Accepted,
    Flagged,
    Mismatch,
}

impl LineStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LineStatus::Accepted => "accepted",
            LineStatus::Flagged => "flagged",
            LineStatus::Mismatch => "mismatch",
        }
    }

    fn parse(s: &str) -> Option<LineStatus> {
        [
            LineStatus::Accepted,
            LineStatus::Flagged,
            LineStatus::Mismatch,
        ]
        .into_iter()
        .find(|l| l.as_str() == s)
    }
}

/// How the ballot that counts for a person was recorded (their voter row).
const SELECT_COUNTED: &str = "SELECT channel, cast_at FROM pb_voters WHERE cycle_id = $1 \
    AND person_hash = $2";
/// A batch whose every line is decided keeps no person on its rows.
const FORGET_PERSONS: &str = "UPDATE pb_paper_rows SET person_hash = NULL WHERE batch_id = $1 \
    AND NOT EXISTS (SELECT 1 FROM pb_paper_lines WHERE batch_id = $1 AND status = $2)";
const INSERT_ROW: &str = "INSERT INTO pb_paper_rows (batch_id, entry, position, ballot_no, \
    person_hash, choices, typed_by) VALUES ($1, $2, $3, $4, $5, $6, $7)";
const SELECT_FIRST_ENTRY: &str = "SELECT ballot_no, person_hash, choices FROM \
    pb_paper_rows WHERE batch_id = $1 AND entry = 1 ORDER BY position";
const INSERT_AGREED_LINE: &str = "INSERT INTO pb_paper_lines (batch_id, ballot_no, position, \
    status, ballot_id, counted_channel, counted_at, decided_at) VALUES ($1, $2, $3, \
    $4, $5, $6, $7, $8)";
const INSERT_MISMATCH_LINE: &str = "INSERT INTO pb_paper_lines (batch_id, ballot_no, position, \
    status, decided_at) VALUES ($1, $2, $3, $4, $5)";
const UPDATE_BATCH_COMPARED: &str = "UPDATE pb_paper_batches SET second_by = $2, compared_at = \
    $3 WHERE id = $1";
const SELECT_LINE_STATUS: &str = "SELECT status FROM pb_paper_lines WHERE batch_id = $1 AND \
    ballot_no = $2";
const SELECT_TYPED_ROWS: &str = "SELECT r.entry, r.person_hash, r.choices, r.typed_by, \
    b.first_by, b.second_by FROM pb_paper_rows r JOIN pb_paper_batches b ON b.id = r.batch_id \
    WHERE r.batch_id = $1 AND r.ballot_no = $2 ORDER BY r.entry";
const UPDATE_LINE_SETTLED: &str = "UPDATE pb_paper_lines SET status = $3, \
    ballot_id = $4, counted_channel = $5, counted_at = $6, resolved_by = $7, decided_at = $8 \
    WHERE batch_id = $1 AND ballot_no = $2";
const COUNT_LINES: &str = "SELECT status, COUNT(*) FROM pb_paper_lines WHERE batch_id = $1 \
    GROUP BY status";
const SELECT_LINES: &str = "SELECT l.ballot_no, l.status, l.counted_channel, l.counted_at, \
    u.display_name FROM pb_paper_lines l LEFT JOIN users u ON u.id = l.resolved_by \
    WHERE l.batch_id = $1 ORDER BY l.position";
const SELECT_ROWS: &str = "SELECT r.entry, r.ballot_no, r.person_hash, r.choices, \
    u.display_name FROM pb_paper_rows r LEFT JOIN users u ON u.id = r.typed_by \
    WHERE r.batch_id = $1";
const SELECT_FLAGS: &str = "SELECT b.label, l.ballot_no, l.decided_at FROM pb_paper_lines l \
    JOIN pb_paper_batches b ON b.id = l.batch_id WHERE b.cycle_id = $1 AND l.status = $2 \
    ORDER BY l.decided_at, b.label, l.position";

fn choices_text(c: &[u32]) -> String {
    c.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

fn parse_choices(s: &str) -> Vec<u32> {
    s.split(',').filter_map(|n| n.parse().ok()).collect()
}

/// A row as an entry stored it.
fn typed(ballot_no: String, person_hash: Vec<u8>, choices: &str) -> PaperRow {
    PaperRow {
        ballot_no,
        person_hash,
        choices: parse_choices(choices),
    }
}

/// A receipt code for a paper ballot: `P` and ten random hexadecimal digits (the tail of a
/// random UUID), unlike online codes, so a paper receipt is recognisable.
fn receipt() -> String {
    let s = super::voters::new_ballot_id()
        .simple()
        .to_string()
        .to_uppercase();
    format!("P{}", &s[s.len() - 10..])
}

fn proposal_ids(numbers: &[u32], proposals: &[Uuid]) -> Result<Vec<Uuid>> {
    numbers
        .iter()
        .map(|n| {
            usize::try_from(*n)
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|i| proposals.get(i).copied())
                .ok_or_else(|| StoreError::Corrupt(format!("paper ballot: no project {n}")))
        })
        .collect()
}

/// Record the ballot of a row inside the caller's transaction: `(status, the ballot recorded,
/// the channel and time of the ballot that counts)`. A person with a ballot already is
/// flagged, not counted; the line does not point at their other ballot (with the row's person
/// it would say how they voted).
macro_rules! record_row {
    ($tx:ident, $seal:expr, $cycle:expr, $village:expr, $by:expr, $row:expr, $proposals:expr, $now:expr) => {{
        let row: &PaperRow = $row;
        let choices = proposal_ids(&row.choices, $proposals)?;
        let voter = Voter {
            cycle: $cycle,
            person_hash: &row.person_hash,
            voter_id: None,
            channel: Channel::Paper,
            entered_by: Some($by),
            witness: None,
            witness_id: None,
            confirmation: None,
            confirmed_by: None,
        };
        match record_new!(
            $tx,
            $seal,
            &voter,
            Some($village),
            &choices,
            receipt(),
            $now
        ) {
            Some(link) => (
                LineStatus::Accepted,
                Some(link.ballot),
                Channel::Paper.as_str().to_string(),
                $now,
            ),
            None => {
                let counted: (String, DateTime<Utc>) = sqlx::query_as(SELECT_COUNTED)
                    .bind($cycle)
                    .bind(&row.person_hash)
                    .fetch_one(&mut *$tx)
                    .await?;
                (LineStatus::Flagged, None, counted.0, counted.1)
            }
        }
    }};
}

const SELECT_BATCH_PLACE: &str = "SELECT cycle_id, village_id FROM pb_paper_batches WHERE id = $1";
const SELECT_HEADER: &str = "SELECT id, village_id, first_by, second_by \
    FROM pb_paper_batches WHERE cycle_id = $1 AND label = $2";
const INSERT_BATCH: &str = "INSERT INTO pb_paper_batches \
    (id, cycle_id, label, village_id, first_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)";

/// Type one entry of a batch. The first entry of a label waits; the second, by another
/// coordinator, is compared with it and the agreeing ballots are recorded.
pub async fn enter(
    db: &Db,
    e: &BatchEntry<'_>,
    seal: &dyn BallotSeal,
    now: DateTime<Utc>,
) -> Result<EntryOutcome> {
    let lock = match db {
        Db::Sqlite(_) => "",
        Db::Postgres(_) => " FOR UPDATE",
    };
    Ok(in_tx!(db, |tx| {
        if !still_voting!(tx, e.cycle) {
            return Ok(EntryOutcome::Closed);
        }
        let sql = format!("{SELECT_HEADER}{lock}");
        let existing: Option<(Uuid, Uuid, Uuid, Option<Uuid>)> = sqlx::query_as(&sql)
            .bind(e.cycle)
            .bind(e.label)
            .fetch_optional(&mut *tx)
            .await?;
        let header = existing.map(|(batch, village, first_by, second_by)| {
            (
                batch,
                BatchHeader {
                    village,
                    first_by,
                    second_by,
                },
            )
        });
        // The double-entry protocol is the domain's: first, second, or refused.
        let step = entry_step(header.as_ref().map(|h| &h.1), &e.by, &e.village);
        let mut first_by = e.by;
        let (batch, entry) = match (step, header) {
            (EntryStep::First, _) => {
                let batch = new_id();
                sqlx::query(INSERT_BATCH)
                    .bind(batch)
                    .bind(e.cycle)
                    .bind(e.label)
                    .bind(e.village)
                    .bind(e.by)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(|err| StoreError::from_unique(err, "paper batch"))?;
                (batch, 1i64)
            }
            (EntryStep::Second, Some((batch, h))) => {
                first_by = h.first_by;
                (batch, 2)
            }
            (EntryStep::AlreadyCompared, Some((batch, _))) => {
                return Ok(EntryOutcome::AlreadyCompared { batch })
            }
            (EntryStep::SameCoordinator, _) => return Ok(EntryOutcome::SameCoordinator),
            (EntryStep::OtherVillage, _) => return Ok(EntryOutcome::OtherVillage),
            (_, None) => return Err(StoreError::Corrupt("paper batch without header".into())),
        };
        for (i, r) in e.rows.iter().enumerate() {
            sqlx::query(INSERT_ROW)
                .bind(batch)
                .bind(entry)
                .bind(i as i64)
                .bind(&r.ballot_no)
                .bind(&r.person_hash)
                .bind(choices_text(&r.choices))
                .bind(e.by)
                .execute(&mut *tx)
                .await?;
        }
        if entry == 1 {
            EntryOutcome::AwaitingSecond { batch }
        } else {
            let stored: Vec<(String, Vec<u8>, String)> = sqlx::query_as(SELECT_FIRST_ENTRY)
                .bind(batch)
                .fetch_all(&mut *tx)
                .await?;
            let first: Vec<(String, PaperRow)> = stored
                .into_iter()
                .map(|(no, hash, choices)| (no.clone(), typed(no, hash, &choices)))
                .collect();
            let second: Vec<(String, PaperRow)> = e
                .rows
                .iter()
                .map(|r| (r.ballot_no.clone(), r.clone()))
                .collect();
            let mut compared = match_entries(&first, &second);
            // A row counts only when two different accounts typed it alike (H1): the domain's
            // rule, whatever the entry protocol let through.
            let (agreed, alone): (Vec<_>, Vec<_>) = std::mem::take(&mut compared.agreed)
                .into_iter()
                .partition(|(_, row)| {
                    counted(&[(row.clone(), first_by), (row.clone(), e.by)]).is_some()
                });
            compared.agreed = agreed;
            compared
                .differing
                .extend(alone.into_iter().map(|(no, _)| no));
            let mut summary = Summary::default();
            let mut position: i64 = 0;
            for (no, row) in &compared.agreed {
                let (status, counted, channel, at) =
                    record_row!(tx, seal, e.cycle, e.village, e.by, row, e.proposals, now);
                match status {
                    LineStatus::Accepted => summary.accepted += 1,
                    _ => summary.flagged += 1,
                }
                sqlx::query(INSERT_AGREED_LINE)
                    .bind(batch)
                    .bind(no)
                    .bind(position)
                    .bind(status.as_str())
                    .bind(counted)
                    .bind(&channel)
                    .bind(at)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                position += 1;
            }
            for no in &compared.differing {
                sqlx::query(INSERT_MISMATCH_LINE)
                    .bind(batch)
                    .bind(no)
                    .bind(position)
                    .bind(LineStatus::Mismatch.as_str())
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                position += 1;
                summary.mismatched += 1;
            }
            sqlx::query(UPDATE_BATCH_COMPARED)
                .bind(batch)
                .bind(e.by)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            sqlx::query(FORGET_PERSONS)
                .bind(batch)
                .bind(LineStatus::Mismatch.as_str())
                .execute(&mut *tx)
                .await?;
            EntryOutcome::Compared { batch, summary }
        }
    }))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResolveOutcome {
    /// The row agreed with one entry and became a ballot.
    Accepted,
    /// The row agreed with one entry, but the person had a ballot already.
    Flagged,
    /// The row agrees with neither entry: nothing was written.
    NoMatch,
    /// The row agrees only with what the same account typed: someone else must type it.
    OwnVersion,
    /// This ballot number is not waiting to be settled (settled meanwhile, or unknown).
    NotPending,
    /// The cycle is no longer at voting: nothing was written.
    Closed,
}

/// Settle a mismatch by typing the row again from the paper: it counts when it agrees with a
/// version (of the first or the second entry) that another account typed; the typed row is
/// kept as entry 3 with who typed it.
pub async fn resolve(
    db: &Db,
    batch: Uuid,
    typed: &PaperRow,
    by: Uuid,
    proposals: &[Uuid],
    seal: &dyn BallotSeal,
    now: DateTime<Utc>,
) -> Result<ResolveOutcome> {
    let lock = match db {
        Db::Sqlite(_) => "",
        Db::Postgres(_) => " FOR UPDATE",
    };
    Ok(in_tx!(db, |tx| {
        let sql = format!("{SELECT_BATCH_PLACE}{lock}");
        let header: Option<(Uuid, Uuid)> = sqlx::query_as(&sql)
            .bind(batch)
            .fetch_optional(&mut *tx)
            .await?;
        let Some((cycle, village)) = header else {
            return Ok(ResolveOutcome::NotPending);
        };
        if !still_voting!(tx, cycle) {
            return Ok(ResolveOutcome::Closed);
        }
        let status: Option<String> = sqlx::query_scalar(SELECT_LINE_STATUS)
            .bind(batch)
            .bind(&typed.ballot_no)
            .fetch_optional(&mut *tx)
            .await?;
        if status.as_deref() != Some(LineStatus::Mismatch.as_str()) {
            return Ok(ResolveOutcome::NotPending);
        }
        type TypedRow = (i64, Vec<u8>, String, Option<Uuid>, Uuid, Option<Uuid>);
        let rows: Vec<TypedRow> = sqlx::query_as(SELECT_TYPED_ROWS)
            .bind(batch)
            .bind(&typed.ballot_no)
            .fetch_all(&mut *tx)
            .await?;
        // Every version typed so far, with who typed it (rows stored before the typist was
        // kept fall back to the batch's coordinator of that entry).
        let typings: Vec<(PaperRow, Uuid)> = rows
            .into_iter()
            .filter_map(|(entry, hash, choices, typed_by, first_by, second_by)| {
                let who = typed_by.or(match entry {
                    1 => Some(first_by),
                    _ => second_by,
                })?;
                Some((self::typed(typed.ballot_no.clone(), hash, &choices), who))
            })
            .collect();
        match settle(typed, &by, &typings) {
            Settling::Agrees => {}
            Settling::OwnVersion => return Ok(ResolveOutcome::OwnVersion),
            Settling::NoMatch => return Ok(ResolveOutcome::NoMatch),
        }
        sqlx::query(INSERT_ROW)
            .bind(batch)
            .bind(3i64)
            .bind(0i64)
            .bind(&typed.ballot_no)
            .bind(&typed.person_hash)
            .bind(choices_text(&typed.choices))
            .bind(by)
            .execute(&mut *tx)
            .await?;
        let (status, counted, channel, at) =
            record_row!(tx, seal, cycle, village, by, typed, proposals, now);
        sqlx::query(UPDATE_LINE_SETTLED)
            .bind(batch)
            .bind(&typed.ballot_no)
            .bind(status.as_str())
            .bind(counted)
            .bind(&channel)
            .bind(at)
            .bind(by)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(FORGET_PERSONS)
            .bind(batch)
            .bind(LineStatus::Mismatch.as_str())
            .execute(&mut *tx)
            .await?;
        match status {
            LineStatus::Accepted => ResolveOutcome::Accepted,
            _ => ResolveOutcome::Flagged,
        }
    }))
}

/// A batch of a cycle with the counts of its lines.
#[derive(Debug, Clone)]
pub struct Batch {
    pub id: Uuid,
    pub cycle_id: Uuid,
    pub label: String,
    pub village_id: Uuid,
    pub first_by: Uuid,
    pub second_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub compared_at: Option<DateTime<Utc>>,
    pub accepted: i64,
    pub flagged: i64,
    pub mismatched: i64,
}

type BatchRow = (
    Uuid,
    Uuid,
    String,
    Uuid,
    Uuid,
    Option<Uuid>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
);

const BATCH_COLUMNS: &str =
    "id, cycle_id, label, village_id, first_by, second_by, created_at, compared_at";

async fn with_counts(db: &Db, rows: Vec<BatchRow>) -> Result<Vec<Batch>> {
    let mut out = Vec::with_capacity(rows.len());
    for (id, cycle_id, label, village_id, first_by, second_by, created_at, compared_at) in rows {
        let counts: Vec<(String, i64)> = on_pool!(db, |p| sqlx::query_as(COUNT_LINES)
            .bind(id)
            .fetch_all(p)
            .await)?;
        let n = |s: LineStatus| {
            counts
                .iter()
                .find(|(k, _)| k == s.as_str())
                .map_or(0, |c| c.1)
        };
        out.push(Batch {
            id,
            cycle_id,
            label,
            village_id,
            first_by,
            second_by,
            created_at,
            compared_at,
            accepted: n(LineStatus::Accepted),
            flagged: n(LineStatus::Flagged),
            mismatched: n(LineStatus::Mismatch),
        });
    }
    Ok(out)
}

/// The batches of a cycle, newest first.
pub async fn batches(db: &Db, cycle: Uuid) -> Result<Vec<Batch>> {
    let sql = format!(
        "SELECT {BATCH_COLUMNS} FROM pb_paper_batches WHERE cycle_id = $1 \
        ORDER BY created_at DESC, id DESC"
    );
    let rows: Vec<BatchRow> =
        on_pool!(db, |p| sqlx::query_as(&sql).bind(cycle).fetch_all(p).await)?;
    with_counts(db, rows).await
}

pub async fn batch(db: &Db, id: Uuid) -> Result<Option<Batch>> {
    let sql = format!("SELECT {BATCH_COLUMNS} FROM pb_paper_batches WHERE id = $1");
    let rows: Vec<BatchRow> = on_pool!(db, |p| sqlx::query_as(&sql).bind(id).fetch_all(p).await)?;
    Ok(with_counts(db, rows).await?.into_iter().next())
}

/// One typed version of a row and the name of the account that typed it.
#[derive(Debug, Clone)]
pub struct Typed {
    pub row: PaperRow,
    /// Empty for a row whose typist was not recorded.
    pub by: String,
}

/// One ballot number of a compared batch, with what each entry typed and who typed it (for
/// settling) and who settled it. No IIN digits: a row is known by its batch and ballot number.
#[derive(Debug, Clone)]
pub struct Line {
    pub ballot_no: String,
    pub status: LineStatus,
    pub counted_channel: Option<Channel>,
    pub counted_at: Option<DateTime<Utc>>,
    pub first: Option<Typed>,
    pub second: Option<Typed>,
    /// The account whose typing settled a mismatch.
    pub settled_by: Option<String>,
}

type LineRow = (
    String,
    String,
    Option<String>,
    Option<DateTime<Utc>>,
    Option<String>,
);

pub async fn lines(db: &Db, batch: Uuid) -> Result<Vec<Line>> {
    let rows: Vec<LineRow> = on_pool!(db, |p| sqlx::query_as(SELECT_LINES)
        .bind(batch)
        .fetch_all(p)
        .await)?;
    type Row = (i64, String, Option<Vec<u8>>, String, Option<String>);
    let typed: Vec<Row> = on_pool!(db, |p| sqlx::query_as(SELECT_ROWS)
        .bind(batch)
        .fetch_all(p)
        .await)?;
    let side = |entry: i64, no: &str| {
        typed
            .iter()
            .find(|t| t.0 == entry && t.1 == no)
            .map(|t| Typed {
                row: PaperRow {
                    ballot_no: t.1.clone(),
                    person_hash: t.2.clone().unwrap_or_default(),
                    choices: parse_choices(&t.3),
                },
                by: t.4.clone().unwrap_or_default(),
            })
    };
    rows.into_iter()
        .map(|(ballot_no, status, channel, counted_at, settled_by)| {
            Ok(Line {
                status: LineStatus::parse(&status)
                    .ok_or_else(|| StoreError::Corrupt("paper line status".into()))?,
                counted_channel: channel.as_deref().and_then(Channel::parse),
                counted_at,
                first: side(1, &ballot_no),
                second: side(2, &ballot_no),
                settled_by,
                ballot_no,
            })
        })
        .collect()
}

/// A paper ballot that was not counted because its person already had a ballot in the cycle
/// (online, assisted or an earlier paper row): the first recorded ballot counts. Published on
/// the results and the protocol, so it holds the batch and the ballot number only — nothing of
/// the person or of their other ballot (security review M4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperFlag {
    pub batch_label: String,
    pub ballot_no: String,
    /// When the paper ballot was flagged.
    pub flagged_at: DateTime<Utc>,
}

/// Every flagged paper ballot of a cycle, for the results and the protocol.
pub async fn flags(db: &Db, cycle: Uuid) -> Result<Vec<PaperFlag>> {
    let rows: Vec<(String, String, DateTime<Utc>)> =
        on_pool!(db, |p| sqlx::query_as(SELECT_FLAGS)
            .bind(cycle)
            .bind(LineStatus::Flagged.as_str())
            .fetch_all(p)
            .await)?;
    Ok(rows
        .into_iter()
        .map(|(batch_label, ballot_no, flagged_at)| PaperFlag {
            batch_label,
            ballot_no,
            flagged_at,
        })
        .collect())
}
