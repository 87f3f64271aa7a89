//! Paper signature sheets, typed in twice by two different coordinators. The first entry waits
//! (as fingerprints, never IINs); the second is compared line by line and only the rows both
//! typed identically become signatures.

use super::{
    count_signature_sql, record_event, sign_in_tx, NewSignature, OnThreshold, SignOutcome,
    FLAG_DUPLICATE, INSERT_EVENT, INSERT_SIGNATURE, NOTICE_RECIPIENTS, NOTIFY_AUTHOR, NOTIFY_ROLE,
    NOTIFY_SIGNERS, REACHED,
};
use crate::db::in_tx;
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::initiatives::{after_signature, reconcile, EventKind, Status};
use domain::Role;
use uuid::Uuid;

/// One typed row, already checked (IIN valid, village inside the territory, age).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPaperRow {
    pub name: String,
    pub person_hash: Vec<u8>,
    pub village_id: Uuid,
    pub signed_on: NaiveDate,
}
crate::db::from_row!(NewPaperRow {
    name,
    person_hash,
    village_id,
    signed_on
});

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetOutcome {
    /// First entry stored; another coordinator must type the same sheet.
    AwaitingSecond,
    /// The second entry must be typed by someone else.
    SameCoordinator,
    /// This sheet number was entered twice already.
    AlreadyDone,
    /// Compared: matching rows became signatures.
    Compared {
        accepted: usize,
        /// Also signed online (or on another sheet): flagged, counted once.
        flagged: usize,
        /// Line numbers the two entries disagree on.
        mismatched: Vec<usize>,
        /// Rows that matched but came after collection was over.
        not_counted: usize,
    },
}

const SHEET: &str =
    "SELECT id, first_by, second_by FROM paper_sheets WHERE initiative_id = $1 AND sheet_no = $2";
const INSERT_SHEET: &str = "INSERT INTO paper_sheets \
    (id, initiative_id, sheet_no, first_by, created_at) VALUES ($1, $2, $3, $4, $5)";
const INSERT_ROW: &str = "INSERT INTO paper_rows \
    (sheet_id, line_no, name, person_hash, village_id, signed_on) \
    VALUES ($1, $2, $3, $4, $5, $6)";
const FIRST_ROWS: &str = "SELECT name, person_hash, village_id, signed_on FROM paper_rows \
    WHERE sheet_id = $1 ORDER BY line_no";
const COMPLETE_SHEET: &str = "UPDATE paper_sheets SET second_by = $2, accepted = $3, \
    flagged = $4, mismatched = $5, completed_at = $6 WHERE id = $1";

/// Enter one typing of sheet `sheet_no`. The second typing (by someone else) is compared with
/// the first, and the rows both typed identically are signed in the same transaction;
/// reaching the threshold records `reach`.
pub async fn enter_sheet(
    db: &Db,
    initiative: Uuid,
    sheet_no: &str,
    by: Uuid,
    rows: &[NewPaperRow],
    reach: &OnThreshold,
    now: DateTime<Utc>,
) -> Result<SheetOutcome> {
    Ok(in_tx!(db, |tx| {
        let lock = match db {
            Db::Sqlite(_) => "",
            Db::Postgres(_) => " FOR UPDATE",
        };
        let existing: Option<(Uuid, Uuid, Option<Uuid>)> =
            sqlx::query_as(&format!("{SHEET}{lock}"))
                .bind(initiative)
                .bind(sheet_no)
                .fetch_optional(&mut *tx)
                .await?;
        match existing {
            None => {
                let sheet = new_id();
                sqlx::query(INSERT_SHEET)
                    .bind(sheet)
                    .bind(initiative)
                    .bind(sheet_no)
                    .bind(by)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| StoreError::from_unique(e, "sheet"))?;
                for (i, r) in rows.iter().enumerate() {
                    sqlx::query(INSERT_ROW)
                        .bind(sheet)
                        .bind(i as i64 + 1)
                        .bind(&r.name)
                        .bind(&r.person_hash)
                        .bind(r.village_id)
                        .bind(r.signed_on)
                        .execute(&mut *tx)
                        .await?;
                }
                SheetOutcome::AwaitingSecond
            }
            Some((_, _, Some(_))) => SheetOutcome::AlreadyDone,
            Some((_, first, None)) if first == by => SheetOutcome::SameCoordinator,
            Some((sheet, _, None)) => {
                let first: Vec<NewPaperRow> = sqlx::query_as(FIRST_ROWS)
                    .bind(sheet)
                    .fetch_all(&mut *tx)
                    .await?;
                let r = reconcile(&first, rows);
                let (mut accepted, mut flagged, mut not_counted) = (0, 0, 0);
                for i in r.matching.iter().copied() {
                    let Some(row) = rows.get(i) else { continue };
                    let s = NewSignature {
                        person_hash: row.person_hash.clone(),
                        user_id: None,
                        village_id: row.village_id,
                        paper: true,
                    };
                    match sign_in_tx!(tx, initiative, &s, reach, now) {
                        SignOutcome::Signed { .. } => accepted += 1,
                        SignOutcome::AlreadySigned => flagged += 1,
                        SignOutcome::NotCollecting => not_counted += 1,
                    }
                }
                let mismatched = r
                    .mismatched
                    .iter()
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join(",");
                sqlx::query(COMPLETE_SHEET)
                    .bind(sheet)
                    .bind(by)
                    .bind(accepted as i64)
                    .bind(flagged as i64)
                    .bind(&mismatched)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                SheetOutcome::Compared {
                    accepted,
                    flagged,
                    mismatched: r.mismatched,
                    not_counted,
                }
            }
        }
    }))
}
