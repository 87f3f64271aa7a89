//! Civic initiatives: the initiative and its history, signatures (one per person, enforced by
//! a unique key on the IIN fingerprint), paper sheets typed in twice, thresholds per territory,
//! and the notices (in-app and queued messages) written in the same transaction as each change.

pub mod attachments;
mod paper;
mod rules;

pub use paper::{enter_sheet, NewPaperRow, SheetOutcome};
pub use rules::{rule_for, set_rule};

use crate::db::{in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::initiatives::{
    after_collection, after_signature, may_withdraw, Addressee, AnswerKind, Channel, CloseReason,
    Event, EventKind, FollowUp, Refused, Status, WithdrawRefusal,
};
use domain::{Kato, Role};
use uuid::Uuid;

/// An initiative with its territory and author, as pages and the API show it.
#[derive(Debug, Clone)]
pub struct Initiative {
    pub id: Uuid,
    pub territory_id: Uuid,
    pub territory_kato: Kato,
    pub territory_path: Vec<Kato>,
    pub territory_name_kk: String,
    pub territory_name_ru: String,
    pub population: Option<i64>,
    pub author_id: Uuid,
    pub author_name: String,
    pub addressee: Addressee,
    pub title: String,
    pub ask: String,
    pub reasons: String,
    pub status: Status,
    pub return_reason: Option<String>,
    pub times_returned: i64,
    pub required: Option<i64>,
    pub signatures: i64,
    pub collect_until: Option<DateTime<Utc>>,
    pub consider_due: Option<DateTime<Utc>>,
    pub answer: Option<Answer>,
    pub close_reason: Option<CloseReason>,
    pub created_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

impl Initiative {
    pub fn territory_name(&self, lang: &str) -> &str {
        match lang {
            "ru" => &self.territory_name_ru,
            _ => &self.territory_name_kk,
        }
    }
}

/// The official answer.
#[derive(Debug, Clone)]
pub struct Answer {
    pub kind: AnswerKind,
    pub text: String,
    /// A link to the decision (akim's order, maslikhat decision).
    pub url: Option<String>,
    /// What will be done.
    pub plan: String,
    /// By when.
    pub plan_due: Option<NaiveDate>,
}

struct Row {
    id: Uuid,
    territory_id: Uuid,
    kato: String,
    path: String,
    name_kk: String,
    name_ru: String,
    population: Option<i64>,
    author_id: Uuid,
    display_name: String,
    addressee: String,
    title: String,
    ask: String,
    reasons: String,
    status: String,
    return_reason: Option<String>,
    times_returned: i64,
    required: Option<i64>,
    signatures: i64,
    collect_until: Option<DateTime<Utc>>,
    consider_due: Option<DateTime<Utc>>,
    answer_kind: Option<String>,
    answer_text: Option<String>,
    answer_url: Option<String>,
    answer_plan: Option<String>,
    answer_plan_due: Option<NaiveDate>,
    close_reason: Option<String>,
    created_at: DateTime<Utc>,
    published_at: Option<DateTime<Utc>>,
}
crate::db::from_row!(Row {
    id,
    territory_id,
    kato,
    path,
    name_kk,
    name_ru,
    population,
    author_id,
    display_name,
    addressee,
    title,
    ask,
    reasons,
    status,
    return_reason,
    times_returned,
    required,
    signatures,
    collect_until,
    consider_due,
    answer_kind,
    answer_text,
    answer_url,
    answer_plan,
    answer_plan_due,
    close_reason,
    created_at,
    published_at
});

const COLUMNS: &str = "i.id, i.territory_id, t.kato, t.path, t.name_kk, t.name_ru, \
    t.population, i.author_id, u.display_name, i.addressee, i.title, i.ask, i.reasons, i.status, \
    i.return_reason, i.times_returned, i.required, i.signatures, i.collect_until, i.consider_due, \
    i.answer_kind, i.answer_text, i.answer_url, i.answer_plan, i.answer_plan_due, i.close_reason, \
    i.created_at, i.published_at";
const FROM: &str = "FROM initiatives i JOIN territories t ON t.id = i.territory_id \
    JOIN users u ON u.id = i.author_id";

impl TryFrom<Row> for Initiative {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Initiative> {
        let bad = |what: &str| StoreError::Corrupt(format!("initiative {}: {what}", r.id));
        let territory_path = r
            .path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(Kato::parse)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| bad("path"))?;
        let answer = match (r.answer_kind.as_deref(), r.answer_text) {
            (Some(k), Some(text)) => Some(Answer {
                kind: AnswerKind::parse(k).ok_or_else(|| bad("answer kind"))?,
                text,
                url: r.answer_url,
                plan: r.answer_plan.unwrap_or_default(),
                plan_due: r.answer_plan_due,
            }),
            _ => None,
        };
        Ok(Initiative {
            territory_kato: Kato::parse(&r.kato).map_err(|_| bad("kato"))?,
            addressee: Addressee::parse(&r.addressee).ok_or_else(|| bad("addressee"))?,
            status: Status::parse(&r.status).ok_or_else(|| bad("status"))?,
            close_reason: r.close_reason.as_deref().and_then(CloseReason::parse),
            territory_path,
            answer,
            id: r.id,
            territory_id: r.territory_id,
            territory_name_kk: r.name_kk,
            territory_name_ru: r.name_ru,
            population: r.population,
            author_id: r.author_id,
            author_name: r.display_name,
            title: r.title,
            ask: r.ask,
            reasons: r.reasons,
            return_reason: r.return_reason,
            times_returned: r.times_returned,
            required: r.required,
            signatures: r.signatures,
            collect_until: r.collect_until,
            consider_due: r.consider_due,
            created_at: r.created_at,
            published_at: r.published_at,
        })
    }
}

fn convert(rows: Vec<Row>) -> Result<Vec<Initiative>> {
    rows.into_iter().map(Initiative::try_from).collect()
}

/// What an author writes.
#[derive(Debug, Clone)]
pub struct Draft {
    pub territory_id: Uuid,
    pub addressee: Addressee,
    pub title: String,
    pub ask: String,
    pub reasons: String,
}

/// Title and text lower-cased in Rust, for search that is case-insensitive in Cyrillic on
/// both engines (SQLite's `lower` knows only ASCII).
pub fn search_text(title: &str, ask: &str) -> String {
    format!("{title}\n{ask}").to_lowercase()
}

const INSERT_EVENT: &str = "INSERT INTO initiative_events \
    (id, initiative_id, kind, status, note, actor_id, created_at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7)";
const NOTIFY_SIGNERS: &str = "INSERT INTO notices (event_id, user_id, created_at) \
    SELECT $1, s.user_id, $3 FROM initiative_signatures s \
    WHERE s.initiative_id = $2 AND s.user_id IS NOT NULL ON CONFLICT DO NOTHING";
const NOTIFY_AUTHOR: &str = "INSERT INTO notices (event_id, user_id, created_at) \
    SELECT $1, i.author_id, $3 FROM initiatives i WHERE i.id = $2 ON CONFLICT DO NOTHING";
const NOTIFY_ROLE: &str = "INSERT INTO notices (event_id, user_id, created_at) \
    SELECT DISTINCT $1, g.user_id, $3 FROM role_grants g \
    JOIN territories gt ON gt.id = g.territory_id, initiatives i \
    JOIN territories it ON it.id = i.territory_id \
    WHERE i.id = $2 AND g.role = $4 AND it.path LIKE gt.path || '%' ON CONFLICT DO NOTHING";
/// Who is told of an event by message, and how: the channel the person chose when they have
/// that contact, else e-mail when they have an address, else SMS (`domain::messages::channel_for`).
pub(crate) const NOTICE_RECIPIENTS: &str = "SELECT n.user_id, \
    CASE WHEN u.channel = 'sms' AND u.phone IS NOT NULL THEN 'sms' \
    WHEN u.email IS NOT NULL THEN 'email' ELSE 'sms' END FROM notices n \
    JOIN users u ON u.id = n.user_id \
    WHERE n.event_id = $1 AND (u.email IS NOT NULL OR u.phone IS NOT NULL)";

/// Record an event of an initiative and notify, in the same transaction: the author and
/// every online signer, plus (when `role` is given) the holders of that role on the
/// initiative's territory or above it. Every notice is also queued as a message, by e-mail
/// when the person gave one, else by SMS (a person without either reads it on the site).
macro_rules! record_event {
    (
        $tx:ident, $initiative:expr, $kind:expr, $status:expr, $note:expr, $actor:expr,
        $now:expr, $role:expr $(,)?
    ) => {{
        let event_id = new_id();
        let status: Status = $status;
        sqlx::query(INSERT_EVENT)
            .bind(event_id)
            .bind($initiative)
            .bind(EventKind::as_str($kind))
            .bind(status.as_str())
            .bind($note)
            .bind($actor)
            .bind($now)
            .execute(&mut *$tx)
            .await?;
        for sql in [NOTIFY_SIGNERS, NOTIFY_AUTHOR] {
            sqlx::query(sql)
                .bind(event_id)
                .bind($initiative)
                .bind($now)
                .execute(&mut *$tx)
                .await?;
        }
        let role: Option<Role> = $role;
        if let Some(role) = role {
            sqlx::query(NOTIFY_ROLE)
                .bind(event_id)
                .bind($initiative)
                .bind($now)
                .bind(role.as_str())
                .execute(&mut *$tx)
                .await?;
        }
        let recipients: Vec<(Uuid, String)> = sqlx::query_as(NOTICE_RECIPIENTS)
            .bind(event_id)
            .fetch_all(&mut *$tx)
            .await?;
        for (user, channel) in recipients {
            sqlx::query(crate::messages::INSERT)
                .bind(new_id())
                .bind(user)
                .bind(crate::messages::INITIATIVE_NOTICE)
                .bind(event_id.to_string())
                .bind(&channel)
                .bind("{}")
                .bind($now)
                .bind(Option::<DateTime<Utc>>::None)
                .execute(&mut *$tx)
                .await?;
        }
    }};
}
pub(crate) use record_event;

/// The status of an initiative inside a transaction. On PostgreSQL the row is locked, so two
/// moderators (or a moderator and a signer) never both act on the same status.
macro_rules! status_in_tx {
    ($db:expr, $tx:ident, $id:expr) => {{
        let sql = match $db {
            Db::Sqlite(_) => "SELECT status FROM initiatives WHERE id = $1",
            Db::Postgres(_) => "SELECT status FROM initiatives WHERE id = $1 FOR UPDATE",
        };
        let s: Option<String> = sqlx::query_scalar(sql)
            .bind($id)
            .fetch_optional(&mut *$tx)
            .await?;
        let s = s.ok_or(StoreError::NotFound)?;
        Status::parse(&s).ok_or_else(|| StoreError::Corrupt(format!("status {s}")))?
    }};
}

const INSERT_INITIATIVE: &str = "INSERT INTO initiatives (id, territory_id, author_id, \
    addressee, title, ask, reasons, search_text, status, created_at, updated_at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)";

/// Store a new draft, waiting for a moderator.
pub async fn create(db: &Db, author: Uuid, d: &Draft, now: DateTime<Utc>) -> Result<Uuid> {
    let id = new_id();
    in_tx!(db, |tx| {
        sqlx::query(INSERT_INITIATIVE)
            .bind(id)
            .bind(d.territory_id)
            .bind(author)
            .bind(d.addressee.as_str())
            .bind(&d.title)
            .bind(&d.ask)
            .bind(&d.reasons)
            .bind(search_text(&d.title, &d.ask))
            .bind(Status::Draft.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        record_event!(
            tx,
            id,
            EventKind::Submitted,
            Status::Draft,
            None::<String>,
            Some(author),
            now,
            None,
        );
    });
    Ok(id)
}

const RESUBMIT: &str =
    "UPDATE initiatives SET addressee = $2, title = $3, ask = $4, reasons = $5, \
    search_text = $6, status = $7, updated_at = $8 WHERE id = $1";

/// The author sends a returned draft again, edited.
pub async fn resubmit(
    db: &Db,
    id: Uuid,
    d: &Draft,
    now: DateTime<Utc>,
) -> Result<Result<(), Refused>> {
    Ok(in_tx!(db, |tx| {
        let status = status_in_tx!(db, tx, id);
        match status.apply(Event::Resubmit) {
            Err(r) => Err(r),
            Ok(next) => {
                sqlx::query(RESUBMIT)
                    .bind(id)
                    .bind(d.addressee.as_str())
                    .bind(&d.title)
                    .bind(&d.ask)
                    .bind(&d.reasons)
                    .bind(search_text(&d.title, &d.ask))
                    .bind(next.as_str())
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                record_event!(
                    tx,
                    id,
                    EventKind::Resubmitted,
                    next,
                    None::<String>,
                    None::<Uuid>,
                    now,
                    None,
                );
                Ok(())
            }
        }
    }))
}

const PUBLISH: &str = "UPDATE initiatives SET status = $2, required = $3, collect_until = $4, \
    published_at = $5, updated_at = $5 WHERE id = $1";

/// A moderator publishes a draft: collection starts, with the threshold frozen.
pub async fn publish(
    db: &Db,
    id: Uuid,
    moderator: Uuid,
    required: i64,
    collect_until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Result<(), Refused>> {
    Ok(in_tx!(db, |tx| {
        let status = status_in_tx!(db, tx, id);
        match status.apply(Event::Publish) {
            Err(r) => Err(r),
            Ok(next) => {
                sqlx::query(PUBLISH)
                    .bind(id)
                    .bind(next.as_str())
                    .bind(required)
                    .bind(collect_until)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                let by = Some(moderator);
                record_event!(
                    tx,
                    id,
                    EventKind::Published,
                    next,
                    None::<String>,
                    by,
                    now,
                    None
                );
                Ok(())
            }
        }
    }))
}

const RETURN: &str = "UPDATE initiatives SET status = $2, return_reason = $3, \
    times_returned = times_returned + 1, updated_at = $4 WHERE id = $1";

/// A moderator returns a draft to its author with a reason.
pub async fn return_to_author(
    db: &Db,
    id: Uuid,
    moderator: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Result<(), Refused>> {
    Ok(in_tx!(db, |tx| {
        let status = status_in_tx!(db, tx, id);
        match status.apply(Event::Return) {
            Err(r) => Err(r),
            Ok(next) => {
                sqlx::query(RETURN)
                    .bind(id)
                    .bind(next.as_str())
                    .bind(reason)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                record_event!(
                    tx,
                    id,
                    EventKind::Returned,
                    next,
                    Some(reason),
                    Some(moderator),
                    now,
                    None,
                );
                Ok(())
            }
        }
    }))
}

/// A signature to record. Paper signatures have no account behind them.
#[derive(Debug, Clone)]
pub struct NewSignature {
    pub person_hash: Vec<u8>,
    pub user_id: Option<Uuid>,
    pub village_id: Uuid,
    pub paper: bool,
}

impl NewSignature {
    pub fn channel(&self) -> Channel {
        if self.paper {
            Channel::Paper
        } else {
            Channel::Online
        }
    }
}

/// What reaching the threshold records, decided by the use case before the transaction: the
/// day the answer is due (`ThresholdRule::consider_deadline`) and who must answer
/// (`Addressee::answering_role`), notified in the same transaction.
#[derive(Debug, Clone, Copy)]
pub struct OnThreshold {
    pub consider_due: DateTime<Utc>,
    pub answering: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOutcome {
    /// Counted; `reached` when this signature reached the threshold.
    Signed { reached: bool },
    /// The person had signed already (online or on paper); nothing changed, except that a
    /// paper signature of an online signer flags the row.
    AlreadySigned,
    /// Signatures are not being collected (anymore); nothing written.
    NotCollecting,
}

const INSERT_SIGNATURE: &str = "INSERT INTO initiative_signatures \
    (id, initiative_id, person_hash, user_id, village_id, channel, signed_at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (initiative_id, person_hash) DO NOTHING";
const FLAG_DUPLICATE: &str = "UPDATE initiative_signatures SET duplicate_flag = $3 \
    WHERE initiative_id = $1 AND person_hash = $2";
const REACHED: &str =
    "UPDATE initiatives SET status = $2, consider_due = $3, updated_at = $4 WHERE id = $1";

/// `UPDATE … signatures + 1` where the status is one in which a signature of `channel` counts
/// (the domain's `Status::counting`).
fn count_signature_sql(channel: Channel) -> String {
    let statuses = Status::counting(channel)
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "UPDATE initiatives SET signatures = signatures + 1 WHERE id = $1 \
         AND status IN ({statuses}) RETURNING signatures, required, status"
    )
}

/// Insert one signature and count it, inside a transaction. Whether the count reaches the
/// threshold is the domain's `after_signature`; the move it decides is written in the same
/// transaction, with the deadline and the role to notify given in `$reach`.
macro_rules! sign_in_tx {
    ($tx:ident, $id:expr, $s:expr, $reach:expr, $now:expr) => {{
        let s: &NewSignature = $s;
        let reach: &OnThreshold = $reach;
        let inserted = sqlx::query(INSERT_SIGNATURE)
            .bind(new_id())
            .bind($id)
            .bind(&s.person_hash)
            .bind(s.user_id)
            .bind(s.village_id)
            .bind(s.channel().as_str())
            .bind($now)
            .execute(&mut *$tx)
            .await?
            .rows_affected();
        if inserted == 0 {
            if s.paper {
                sqlx::query(FLAG_DUPLICATE)
                    .bind($id)
                    .bind(&s.person_hash)
                    .bind(true)
                    .execute(&mut *$tx)
                    .await?;
            }
            SignOutcome::AlreadySigned
        } else {
            // The row lock of this UPDATE orders concurrent signers, so exactly one of them
            // sees the count reach the threshold.
            let counted: Option<(i64, Option<i64>, String)> =
                sqlx::query_as(&count_signature_sql(s.channel()))
                    .bind($id)
                    .fetch_optional(&mut *$tx)
                    .await?;
            match counted {
                None => SignOutcome::NotCollecting,
                Some((n, required, status)) => {
                    let status = Status::parse(&status)
                        .ok_or_else(|| StoreError::Corrupt(format!("status {status}")))?;
                    let next = after_signature(status, n, required);
                    if let Some(next) = next {
                        sqlx::query(REACHED)
                            .bind($id)
                            .bind(next.as_str())
                            .bind(reach.consider_due)
                            .bind($now)
                            .execute(&mut *$tx)
                            .await?;
                        record_event!(
                            $tx,
                            $id,
                            EventKind::Threshold,
                            next,
                            None::<String>,
                            None::<Uuid>,
                            $now,
                            Some(reach.answering)
                        );
                    }
                    SignOutcome::Signed {
                        reached: next.is_some(),
                    }
                }
            }
        }
    }};
}
pub(crate) use sign_in_tx;

/// Sign (the use case has checked territory, age and verification with the domain rules).
/// One signature per person is enforced by the database: a second one, even at the same
/// instant on another app instance, inserts nothing.
pub async fn sign(
    db: &Db,
    id: Uuid,
    s: &NewSignature,
    reach: &OnThreshold,
    now: DateTime<Utc>,
) -> Result<SignOutcome> {
    Ok(in_tx!(db, |tx| {
        let out = sign_in_tx!(tx, id, s, reach, now);
        if out == SignOutcome::NotCollecting || (out == SignOutcome::AlreadySigned && !s.paper) {
            // Nothing may be written: dropping the transaction rolls the insert back.
            return Ok(out);
        }
        out
    }))
}

/// `UPDATE … signatures - 1` where the domain's `may_withdraw` allows taking a signature back.
fn uncount_sql() -> String {
    let statuses = Status::ALL
        .into_iter()
        .filter(|s| may_withdraw(*s).is_ok())
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "UPDATE initiatives SET signatures = signatures - 1 WHERE id = $1 \
         AND status IN ({statuses}) RETURNING signatures"
    )
}
const DELETE_SIGNATURE: &str =
    "DELETE FROM initiative_signatures WHERE initiative_id = $1 AND person_hash = $2";

/// Take a signature back, in the statuses the domain's `may_withdraw` allows (collecting).
pub async fn withdraw(
    db: &Db,
    id: Uuid,
    person_hash: &[u8],
) -> Result<Result<(), WithdrawRefusal>> {
    Ok(in_tx!(db, |tx| {
        let counted: Option<i64> = sqlx::query_scalar(&uncount_sql())
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if counted.is_none() {
            return Ok(Err(WithdrawRefusal::Locked));
        }
        let deleted = sqlx::query(DELETE_SIGNATURE)
            .bind(id)
            .bind(person_hash)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if deleted == 0 {
            return Ok(Err(WithdrawRefusal::NotSigned));
        }
        Ok(())
    }))
}

/// A person's signature on an initiative, if any.
#[derive(Debug, Clone)]
pub struct Signature {
    pub channel: Channel,
    pub duplicate_flag: bool,
    pub signed_at: DateTime<Utc>,
}

fn channel_of(code: &str) -> Result<Channel> {
    Channel::parse(code).ok_or_else(|| StoreError::Corrupt(format!("signature channel {code}")))
}

const SIGNATURE_OF: &str = "SELECT channel, duplicate_flag, signed_at FROM initiative_signatures \
    WHERE initiative_id = $1 AND person_hash = $2";

pub async fn signature_of(db: &Db, id: Uuid, person_hash: &[u8]) -> Result<Option<Signature>> {
    let row: Option<(String, bool, DateTime<Utc>)> = on_pool!(db, |p| {
        sqlx::query_as(SIGNATURE_OF)
            .bind(id)
            .bind(person_hash)
            .fetch_optional(p)
            .await
    })?;
    row.map(|(channel, duplicate_flag, signed_at)| {
        Ok(Signature {
            channel: channel_of(&channel)?,
            duplicate_flag,
            signed_at,
        })
    })
    .transpose()
}

const COUNT_SIGNATURES: &str =
    "SELECT COUNT(*) FROM initiative_signatures WHERE initiative_id = $1";

/// The signatures stored for an initiative (for checks; the counter is `signatures`).
pub async fn count_signatures(db: &Db, id: Uuid) -> Result<i64> {
    Ok(on_pool!(db, |p| sqlx::query_scalar(COUNT_SIGNATURES)
        .bind(id)
        .fetch_one(p)
        .await)?)
}

const ANSWER: &str = "UPDATE initiatives SET status = $2, answer_kind = $3, answer_text = $4, \
    answer_url = $5, answer_plan = $6, answer_plan_due = $7, updated_at = $8 WHERE id = $1";

/// The addressee publishes the official answer.
pub async fn answer(
    db: &Db,
    id: Uuid,
    by: Uuid,
    a: &Answer,
    now: DateTime<Utc>,
) -> Result<Result<(), Refused>> {
    Ok(in_tx!(db, |tx| {
        let status = status_in_tx!(db, tx, id);
        match status.apply(Event::Answer(a.kind)) {
            Err(r) => Err(r),
            Ok(next) => {
                sqlx::query(ANSWER)
                    .bind(id)
                    .bind(next.as_str())
                    .bind(a.kind.as_str())
                    .bind(&a.text)
                    .bind(&a.url)
                    .bind(&a.plan)
                    .bind(a.plan_due)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                record_event!(
                    tx,
                    id,
                    EventKind::Answered,
                    next,
                    Some(a.kind.as_str()),
                    Some(by),
                    now,
                    None,
                );
                Ok(())
            }
        }
    }))
}

const ANSWER_KIND: &str = "SELECT answer_kind FROM initiatives WHERE id = $1";
const FOLLOW_UP: &str = "UPDATE initiatives SET status = $2, \
    close_reason = COALESCE($3, close_reason), updated_at = $4 WHERE id = $1";

/// The addressee records what followed the answer.
pub async fn follow_up(
    db: &Db,
    id: Uuid,
    by: Uuid,
    step: FollowUp,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Result<(), Refused>> {
    Ok(in_tx!(db, |tx| {
        let status = status_in_tx!(db, tx, id);
        let kind: Option<String> = sqlx::query_scalar(ANSWER_KIND)
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let answer = kind
            .as_deref()
            .and_then(AnswerKind::parse)
            .unwrap_or(AnswerKind::Accepted);
        match status.apply(Event::FollowUp { step, answer }) {
            Err(r) => Err(r),
            Ok(next) => {
                let close = (next == Status::Closed).then_some(CloseReason::Ended.as_str());
                sqlx::query(FOLLOW_UP)
                    .bind(id)
                    .bind(next.as_str())
                    .bind(close)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                record_event!(
                    tx,
                    id,
                    EventKind::from(step),
                    next,
                    Some(note),
                    Some(by),
                    now,
                    None
                );
                Ok(())
            }
        }
    }))
}

const COLLECTING: &str =
    "SELECT id, collect_until FROM initiatives WHERE status = $1 AND collect_until <= $2";

/// Initiatives in status `status` whose collection period ended by `by`, with its end (the use
/// case asks the domain's `after_collection` which of them are over). Only those: every page
/// of initiatives runs this, so it must not read every collecting initiative each time
/// (security review L7).
pub async fn collection_periods(
    db: &Db,
    status: Status,
    by: DateTime<Utc>,
) -> Result<Vec<(Uuid, Option<DateTime<Utc>>)>> {
    Ok(on_pool!(db, |p| {
        sqlx::query_as(COLLECTING)
            .bind(status.as_str())
            .bind(by)
            .fetch_all(p)
            .await
    })?)
}

const CLOSE: &str = "UPDATE initiatives SET status = $2, close_reason = $3, updated_at = $4 \
    WHERE id = $1 AND status = $5";

/// Record that an initiative's collection ended below the threshold: the move `from` → `to`
/// the domain decided (`Event::CollectionEnded`), with the event and its notices. `false`
/// when the initiative had left `from` meanwhile (nothing written).
pub async fn end_collection(
    db: &Db,
    id: Uuid,
    from: Status,
    to: Status,
    now: DateTime<Utc>,
) -> Result<bool> {
    Ok(in_tx!(db, |tx| {
        let n = sqlx::query(CLOSE)
            .bind(id)
            .bind(to.as_str())
            .bind(CloseReason::NotEnoughSignatures.as_str())
            .bind(now)
            .bind(from.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n > 0 {
            record_event!(
                tx,
                id,
                EventKind::Expired,
                to,
                None::<String>,
                None::<Uuid>,
                now,
                None
            );
        }
        n > 0
    }))
}

/// Close every initiative whose collection period ended below the threshold, each by the
/// domain's `after_collection` (`Event::CollectionEnded`). `app::initiatives::sweep` runs the
/// same steps with the clock; this stays for callers outside the initiatives capability.
pub async fn sweep(db: &Db, now: DateTime<Utc>) -> Result<usize> {
    let mut closed = 0;
    for (id, until) in collection_periods(db, Status::Collecting, now).await? {
        if let Some(to) = after_collection(Status::Collecting, until, now) {
            closed += usize::from(end_collection(db, id, Status::Collecting, to, now).await?);
        }
    }
    Ok(closed)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Option<Initiative>> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE i.id = $1");
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)?;
    row.map(Initiative::try_from).transpose()
}

/// Which initiatives to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// The territory's path (`/110000000/114400000/`): it and everything under it.
    pub path_prefix: String,
    pub status: Option<Status>,
    /// Lower-cased in Rust by the caller's [`search_text`] rules.
    pub query: Option<String>,
    /// Also drafts and returned drafts (moderators).
    pub with_drafts: bool,
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Initiatives of a territory and below, newest first; the caller sorts otherwise.
pub async fn list(db: &Db, f: &Filter, limit: i64) -> Result<Vec<Initiative>> {
    let mut sql = format!("SELECT {COLUMNS} {FROM} WHERE t.path LIKE $1");
    let statuses: Vec<&str> = match f.status {
        Some(s) => vec![s.as_str()],
        None => Status::ALL
            .iter()
            .filter(|s| f.with_drafts || s.is_public())
            .map(|s| s.as_str())
            .collect(),
    };
    let list = statuses
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ");
    sql.push_str(&format!(" AND i.status IN ({list})"));
    let q = f.query.as_deref().map(str::trim).filter(|q| !q.is_empty());
    if q.is_some() {
        sql.push_str(" AND i.search_text LIKE $3 ESCAPE '\\'");
    }
    sql.push_str(" ORDER BY i.created_at DESC LIMIT $2");
    let pattern = q.map(|q| format!("%{}%", like_escape(&q.to_lowercase())));
    let prefix = format!("{}%", f.path_prefix);
    let rows: Vec<Row> = on_pool!(db, |p| {
        let mut query = sqlx::query_as(&sql).bind(&prefix).bind(limit);
        if let Some(pat) = &pattern {
            query = query.bind(pat);
        }
        query.fetch_all(p).await
    })?;
    convert(rows)
}

const RETURNED: &str = "SELECT COUNT(*), CAST(SUM(i.times_returned) AS BIGINT) \
    FROM initiatives i JOIN territories t ON t.id = i.territory_id \
    WHERE t.path LIKE $1 AND i.times_returned > 0";
const HISTORY: &str = "SELECT e.kind, e.status, e.note, u.display_name AS actor, e.created_at \
    FROM initiative_events e LEFT JOIN users u ON u.id = e.actor_id \
    WHERE e.initiative_id = $1 ORDER BY e.created_at, e.id";
const NOTICES: &str = "SELECT e.initiative_id, i.title, e.kind, e.status, n.created_at \
    FROM notices n JOIN initiative_events e ON e.id = n.event_id \
    JOIN initiatives i ON i.id = e.initiative_id WHERE n.user_id = $1 \
    ORDER BY n.created_at DESC, e.id DESC LIMIT $2";
const BY_VILLAGE: &str = "SELECT t.kato, t.name_kk, t.name_ru, \
    CAST(SUM(CASE WHEN s.channel = 'online' THEN 1 ELSE 0 END) AS BIGINT) AS online, \
    CAST(SUM(CASE WHEN s.channel = 'paper' THEN 1 ELSE 0 END) AS BIGINT) AS paper \
    FROM initiative_signatures s JOIN territories t ON t.id = s.village_id \
    WHERE s.initiative_id = $1 GROUP BY t.kato, t.name_kk, t.name_ru ORDER BY t.kato";
const IIN_HASH: &str = "SELECT iin_hash FROM users WHERE id = $1";

/// Initiatives ever returned to their authors in a territory and below (public, so that
/// moderation can be judged).
pub async fn returned_counts(db: &Db, path_prefix: &str) -> Result<(i64, i64)> {
    let prefix = format!("{path_prefix}%");
    let row: (i64, Option<i64>) = on_pool!(db, |p| sqlx::query_as(RETURNED)
        .bind(&prefix)
        .fetch_one(p)
        .await)?;
    Ok((row.0, row.1.unwrap_or(0)))
}

/// One step in an initiative's history.
#[derive(Debug, Clone)]
pub struct HistoryItem {
    pub kind: String,
    pub status: String,
    pub note: Option<String>,
    pub actor: Option<String>,
    pub created_at: DateTime<Utc>,
}
crate::db::from_row!(HistoryItem {
    kind,
    status,
    note,
    actor,
    created_at
});

pub async fn history(db: &Db, id: Uuid) -> Result<Vec<HistoryItem>> {
    Ok(on_pool!(db, |p| sqlx::query_as(HISTORY)
        .bind(id)
        .fetch_all(p)
        .await)?)
}

/// A signature on the signer's own page.
#[derive(Debug, Clone)]
pub struct MySignature {
    pub initiative: Initiative,
    pub channel: Channel,
    pub signed_at: DateTime<Utc>,
}

/// Initiatives a person signed (online, or on paper once they have an account with the same
/// IIN fingerprint).
pub async fn signed_by(db: &Db, person_hash: &[u8]) -> Result<Vec<MySignature>> {
    struct SignedRow {
        row: Row,
        channel: String,
        signed_at: DateTime<Utc>,
    }
    crate::db::from_row!(SignedRow {
        row: flatten,
        channel,
        signed_at
    });
    let sql = format!(
        "SELECT {COLUMNS}, s.channel, s.signed_at {FROM} \
         JOIN initiative_signatures s ON s.initiative_id = i.id \
         WHERE s.person_hash = $1 ORDER BY s.signed_at DESC"
    );
    let rows: Vec<SignedRow> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(person_hash)
        .fetch_all(p)
        .await)?;
    rows.into_iter()
        .map(|r| {
            Ok(MySignature {
                channel: channel_of(&r.channel)?,
                initiative: Initiative::try_from(r.row)?,
                signed_at: r.signed_at,
            })
        })
        .collect()
}

/// Initiatives a person wrote, any status.
pub async fn authored_by(db: &Db, user: Uuid) -> Result<Vec<Initiative>> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE i.author_id = $1 ORDER BY i.created_at DESC");
    let rows: Vec<Row> = on_pool!(db, |p| sqlx::query_as(&sql).bind(user).fetch_all(p).await)?;
    convert(rows)
}

/// A notice on a person's page.
#[derive(Debug, Clone)]
pub struct Notice {
    pub initiative_id: Uuid,
    pub title: String,
    pub kind: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
}
crate::db::from_row!(Notice {
    initiative_id,
    title,
    kind,
    status,
    created_at
});

pub async fn notices_of(db: &Db, user: Uuid, limit: i64) -> Result<Vec<Notice>> {
    Ok(on_pool!(db, |p| {
        sqlx::query_as(NOTICES)
            .bind(user)
            .bind(limit)
            .fetch_all(p)
            .await
    })?)
}

/// Signatures per village of one initiative: counts only, never who.
#[derive(Debug, Clone)]
pub struct VillageCount {
    pub kato: String,
    pub name_kk: String,
    pub name_ru: String,
    pub online: i64,
    pub paper: i64,
}
crate::db::from_row!(VillageCount {
    kato,
    name_kk,
    name_ru,
    online,
    paper
});

pub async fn counts_by_village(db: &Db, id: Uuid) -> Result<Vec<VillageCount>> {
    Ok(on_pool!(db, |p| sqlx::query_as(BY_VILLAGE)
        .bind(id)
        .fetch_all(p)
        .await)?)
}

/// The keyed IIN fingerprint of an account: the same key a paper signature gets, so one
/// person is one signature whichever way they sign.
pub async fn person_hash_of(db: &Db, user: Uuid) -> Result<Vec<u8>> {
    let h: Option<Vec<u8>> = on_pool!(db, |p| {
        sqlx::query_scalar(IIN_HASH)
            .bind(user)
            .fetch_optional(p)
            .await
    })?;
    h.ok_or(StoreError::NotFound)
}

/// What a notice of an event says, read when its message is sent: the initiative (id and
/// title) and the event's kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeSubject {
    pub initiative_id: Uuid,
    pub title: String,
    pub kind: EventKind,
}

/// The initiative and kind of event `event_id`, if it exists.
pub async fn notice_subject(db: &Db, event_id: Uuid) -> Result<Option<NoticeSubject>> {
    let row: Option<(Uuid, String, String)> = on_pool!(db, |p| sqlx::query_as(
        "SELECT e.initiative_id, i.title, e.kind FROM initiative_events e \
         JOIN initiatives i ON i.id = e.initiative_id WHERE e.id = $1"
    )
    .bind(event_id)
    .fetch_optional(p)
    .await)?;
    row.map(|(initiative_id, title, kind)| {
        Ok(NoticeSubject {
            initiative_id,
            title,
            kind: EventKind::parse(&kind)
                .ok_or_else(|| StoreError::Corrupt("initiative_events.kind".into()))?,
        })
    })
    .transpose()
}
