//! Comments on proposals, their moderation (hide with a public reason, restore; every act in
//! a public log) and the in-app notices PB events send to proposal authors.

use crate::db::{in_tx, on_pool};
use crate::{new_id, Db, Result};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// A comment as everyone sees it: when hidden, `hidden_reason` is set and the page shows the
/// reason instead of the text.
#[derive(Debug, Clone)]
pub struct Comment {
    pub id: Uuid,
    pub proposal_id: Uuid,
    pub author_id: Uuid,
    pub author_name: String,
    pub body: String,
    pub hidden_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}
crate::db::from_row!(Comment {
    id,
    proposal_id,
    author_id,
    author_name,
    body,
    hidden_reason,
    created_at
});

const COLUMNS: &str = "id, proposal_id, author_id, author_name, body, hidden_reason, created_at";

const ADD_COMMENT_SQL: &str = "INSERT INTO pb_comments (id, proposal_id, author_id, author_name, \
     body, client_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING";

/// Store a comment (already checked by the caller). `key` is the form's one-time key: the
/// same author sending the same form again stores nothing more (the answer is then `None`).
pub async fn add_comment(
    db: &Db,
    proposal: Uuid,
    author: Uuid,
    author_name: &str,
    body: &str,
    key: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<Uuid>> {
    let id = new_id();
    let n = crate::db::execute!(
        db,
        sqlx::query(ADD_COMMENT_SQL)
            .bind(id)
            .bind(proposal)
            .bind(author)
            .bind(author_name)
            .bind(body)
            .bind(key)
            .bind(now)
    )?;
    Ok((n == 1).then_some(id))
}

pub async fn comment(db: &Db, id: Uuid) -> Result<Option<Comment>> {
    let sql = format!("SELECT {COLUMNS} FROM pb_comments WHERE id = $1");
    Ok(on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)?)
}

const COMMENT_COUNT_SQL: &str = "SELECT COUNT(*) FROM pb_comments WHERE proposal_id = $1";

/// How many comments a proposal has.
pub async fn comment_count(db: &Db, proposal: Uuid) -> Result<i64> {
    Ok(on_pool!(db, |p| sqlx::query_scalar(COMMENT_COUNT_SQL)
        .bind(proposal)
        .fetch_one(p)
        .await)?)
}

/// A page of a proposal's comments, oldest first: `skip` from the start, at most `limit`.
pub async fn comments(db: &Db, proposal: Uuid, skip: i64, limit: i64) -> Result<Vec<Comment>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM pb_comments WHERE proposal_id = $1 \
         ORDER BY created_at, id LIMIT $2 OFFSET $3"
    );
    Ok(on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(proposal)
        .bind(limit)
        .bind(skip.max(0))
        .fetch_all(p)
        .await)?)
}

domain::code_enum! {
    /// A moderation act.
    pub enum Moderation {
        Hide = "hide",
        Restore = "restore",
    }
}

const MODERATE_SQL: &str = "UPDATE pb_comments SET hidden_reason = $2 WHERE id = $1 AND \
     hidden_reason IS NULL";
const MODERATE_SQL_2: &str = "UPDATE pb_comments SET hidden_reason = NULL WHERE id = $1 AND \
     hidden_reason IS NOT NULL";
const MODERATE_SQL_3: &str = "INSERT INTO pb_moderation_log (id, cycle_id, comment_id, action, \
     reason, by_user, by_name, at) SELECT $1, p.cycle_id, c.id, $3, $4, $5, $6, $7 FROM \
     pb_comments c JOIN pb_proposals p ON p.id = c.proposal_id WHERE c.id = $2";
const MODERATE_SQL_4: &str = "INSERT INTO notices (event_id, user_id, created_at) SELECT $1, \
     c.author_id, $3 FROM pb_comments c WHERE c.id = $2 ON CONFLICT DO NOTHING";
const MODERATE_SQL_5: &str = "INSERT INTO notices (event_id, user_id, created_at) SELECT $1, \
     p.author_id, $3 FROM pb_comments c JOIN pb_proposals p ON p.id = c.proposal_id WHERE c.id = \
     $2 AND p.author_id IS NOT NULL ON CONFLICT DO NOTHING";

/// Hide a visible comment (with its public reason) or restore a hidden one, log the act and,
/// when hiding, notify the proposal's author — all in one transaction. Returns `false` (and
/// writes nothing) when the comment was not in the state the act needs (someone acted first).
pub async fn moderate(
    db: &Db,
    comment: Uuid,
    act: Moderation,
    reason: &str,
    by: Uuid,
    by_name: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let log_id = new_id();
    let done = in_tx!(db, |tx| {
        let n = match act {
            Moderation::Hide => sqlx::query(MODERATE_SQL)
                .bind(comment)
                .bind(reason)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
            Moderation::Restore => sqlx::query(MODERATE_SQL_2)
                .bind(comment)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
        };
        if n == 1 {
            sqlx::query(MODERATE_SQL_3)
                .bind(log_id)
                .bind(comment)
                .bind(act.as_str())
                .bind(reason)
                .bind(by)
                .bind(by_name)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            if act == Moderation::Hide {
                // The author of the comment learns why, and so does the proposal's author.
                sqlx::query(MODERATE_SQL_4)
                    .bind(log_id)
                    .bind(comment)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(MODERATE_SQL_5)
                    .bind(log_id)
                    .bind(comment)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        n == 1
    });
    Ok(done)
}

/// One line of a cycle's public moderation log.
#[derive(Debug, Clone)]
pub struct LogEntry {
    pub comment_id: Uuid,
    pub proposal_id: Uuid,
    pub proposal_title: String,
    pub comment_author: String,
    pub action: String,
    pub reason: String,
    pub by_name: String,
    pub at: DateTime<Utc>,
}
crate::db::from_row!(LogEntry {
    comment_id,
    proposal_id,
    proposal_title,
    comment_author,
    action,
    reason,
    by_name,
    at
});

const MODERATION_LOG_SQL: &str = "SELECT m.comment_id, c.proposal_id, p.title AS proposal_title, \
     c.author_name AS comment_author, m.action, m.reason, m.by_name, m.at FROM pb_moderation_log \
     m JOIN pb_comments c ON c.id = m.comment_id JOIN pb_proposals p ON p.id = c.proposal_id \
     WHERE m.cycle_id = $1 ORDER BY m.at DESC, m.id DESC LIMIT $2";

/// A cycle's moderation log, newest first, at most `limit` lines.
pub async fn moderation_log(db: &Db, cycle: Uuid, limit: i64) -> Result<Vec<LogEntry>> {
    Ok(on_pool!(db, |p| sqlx::query_as(MODERATION_LOG_SQL)
        .bind(cycle)
        .bind(limit)
        .fetch_all(p)
        .await)?)
}

/// A PB notice on a person's page: a council decision on their proposal (`kind` is the
/// history event, `decided:<decision>`) or a hidden comment (`kind` = `comment_hidden`, the
/// moderator's reason in `note`).
#[derive(Debug, Clone)]
pub struct PbNotice {
    pub proposal_id: Uuid,
    pub title: String,
    pub kind: String,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}
crate::db::from_row!(PbNotice {
    proposal_id,
    title,
    kind,
    note,
    created_at
});

const NOTICES_OF_SQL: &str = "SELECT e.proposal_id, p.title, e.event AS kind, p.decision_reason \
     AS note, n.created_at AS created_at FROM notices n JOIN pb_proposal_events e ON e.id = \
     n.event_id JOIN pb_proposals p ON p.id = e.proposal_id WHERE n.user_id = $1 UNION ALL SELECT \
     c.proposal_id, p.title, 'comment_hidden' AS kind, m.reason AS note, n.created_at AS \
     created_at FROM notices n JOIN pb_moderation_log m ON m.id = n.event_id JOIN pb_comments c \
     ON c.id = m.comment_id JOIN pb_proposals p ON p.id = c.proposal_id WHERE n.user_id = $1 \
     ORDER BY created_at DESC LIMIT $2";

pub async fn notices_of(db: &Db, user: Uuid, limit: i64) -> Result<Vec<PbNotice>> {
    Ok(on_pool!(db, |p| sqlx::query_as(NOTICES_OF_SQL)
        .bind(user)
        .bind(limit)
        .fetch_all(p)
        .await)?)
}
