//! Discussion of admitted proposals: residents' comments, moderation (hide with a public
//! reason, restore; every act in a public log), and the in-app notices that council decisions
//! and hidden comments leave for proposal authors.

use super::proposals::{load, proposal_page_with};
use super::{cycle_title, load_cycle};
use crate::extract::{Form, Id, Path, Query};
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::pb::cycles::{Cycle, Territory};
use app::pb::discussion::{Comment, CommentRefusal, Moderation, ModerationOutcome};
use app::pb::proposals::Proposal;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, Utc};
use domain::pb::discussion::{may_comment, CommentRefused, CommentText, Length, ModerationReason};
use domain::pb::ProposalStatus;
use domain::Action;
use serde::Deserialize;
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pb/proposals/{pid}/comments", get(comments_page).post(add))
        .route("/pb/comments/{cid}/moderate", get(moderate_form))
        .route("/pb/comments/{cid}/hide", post(hide))
        .route("/pb/comments/{cid}/restore", post(restore))
        .route("/pb/{id}/moderation", get(log_page))
}

/// Comments shown on the proposal's page (the latest ones; the rest are a link away), and per
/// page of the full list: enough to follow, small enough for a slow connection.
const ON_PROPOSAL_PAGE: i64 = 5;
const PER_PAGE: i64 = 10;
const LOG_SHOWN: i64 = 200;

pub struct CommentRow {
    pub id: Uuid,
    pub author: String,
    pub date: String,
    /// The text, or the moderator's note in its place.
    pub body: String,
    pub hidden: bool,
}

fn row(c: &Ctx, k: &Comment) -> CommentRow {
    CommentRow {
        id: k.id,
        author: k.author_name.clone(),
        date: c.lang.date_of(k.created_at),
        body: match &k.hidden_reason {
            Some(reason) => c.t_str("pb-discussion-hidden-by-moderator", "reason", reason),
            None => k.body.clone(),
        },
        hidden: k.hidden_reason.is_some(),
    }
}

/// What the proposal page shows of the discussion, and which forms it offers.
pub struct DiscussionView {
    pub shown: bool,
    pub comments: Vec<CommentRow>,
    pub count: String,
    pub more: bool,
    pub can_comment: bool,
    /// Why the signed-in viewer cannot comment now (or an invitation to log in).
    pub refusal: Option<String>,
    pub login: bool,
    pub can_moderate: bool,
    pub draft: String,
    /// The form's one-time key, kept when the form comes back with an error.
    pub key: String,
    pub max_chars: usize,
    pub meetings: Vec<super::meetings::MeetingRow>,
}

fn refusal_text(c: &Ctx, r: CommentRefused) -> String {
    c.t(match r {
        CommentRefused::NotAdmitted => "pb-discussion-err-not-admitted",
        CommentRefused::NotYet => "pb-discussion-err-not-yet",
        CommentRefused::Closed => "pb-discussion-err-closed",
    })
}

/// May the viewer comment on this proposal now? Residents of the cycle's territory (checked
/// on their place of residence, like proposing), on admitted proposals, in discussion or voting.
fn may_comment_now(
    c: &Ctx,
    p: &Proposal,
    cy: &Cycle,
    t: &Territory,
) -> Result<Result<Uuid, String>, AppError> {
    let v = require_viewer(c)?;
    Ok(app::pb::discussion::may_comment_now(v, p, cy, t)
        .map(|()| v.user.id)
        .map_err(|r| comment_refusal(c, r)))
}

fn comment_refusal(c: &Ctx, r: CommentRefusal) -> String {
    match r {
        CommentRefusal::NotResident => c.t("pb-discussion-err-not-resident"),
        CommentRefusal::Rule(r) => refusal_text(c, r),
    }
}

fn can_moderate(c: &Ctx, t: &Territory) -> bool {
    c.may(Action::ModerateComment, &t.path)
}

pub async fn view(
    s: &AppState,
    c: &Ctx,
    p: &Proposal,
    cy: &Cycle,
    t: &Territory,
    draft: CommentForm,
) -> Result<DiscussionView, AppError> {
    let total = app::pb::discussion::comment_count(&s.app, p.id).await?;
    let skip = (total - ON_PROPOSAL_PAGE).max(0);
    let comments = if total > 0 {
        app::pb::discussion::comments(&s.app, p.id, skip, ON_PROPOSAL_PAGE)
            .await?
            .iter()
            .map(|k| row(c, k))
            .collect()
    } else {
        Vec::new()
    };
    let (can_comment, refusal, login) = if c.viewer.is_none() {
        (false, None, may_comment(cy.stage, p.status).is_ok())
    } else {
        match may_comment_now(c, p, cy, t)? {
            Ok(_) => (true, None, false),
            Err(why) => (false, Some(why), false),
        }
    };
    let meetings =
        super::meetings::with_villages(s, c, app::pb::meetings::of_proposal(&s.app, p.id).await?)
            .await?;
    let meetings = super::meetings::rows(c, meetings);
    Ok(DiscussionView {
        shown: p.status == ProposalStatus::Admitted || total > 0,
        comments,
        count: c.t_num("pb-discussion-comments-count", "count", total),
        more: total > ON_PROPOSAL_PAGE,
        can_comment,
        refusal,
        login,
        can_moderate: can_moderate(c, t),
        key: Uuid::parse_str(draft.key.trim())
            .unwrap_or_else(|_| Uuid::now_v7())
            .to_string(),
        draft: draft.text,
        max_chars: CommentText::LIMITS.max,
        meetings,
    })
}

fn length_text(c: &Ctx, id: &str, l: Length) -> String {
    c.lang.t_args(
        id,
        &[
            ("min", crate::i18n::Arg::Num(l.min as i64)),
            ("max", crate::i18n::Arg::Num(l.max as i64)),
        ],
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CommentForm {
    text: String,
    key: String,
}

async fn add(
    State(s): State<AppState>,
    c: Ctx,
    Id(pid): Id,
    Form(f): Form<CommentForm>,
) -> Result<Response, AppError> {
    let (p, cy, t) = load(&s, pid).await?;
    let v = require_viewer(&c)?;
    let mut errors = FieldErrors::default();
    let user = match may_comment_now(&c, &p, &cy, &t)? {
        Ok(user) => Some(user),
        Err(why) => {
            errors.add("comment", why);
            None
        }
    };
    let text = match CommentText::parse(&f.text) {
        Ok(text) => Some(text),
        Err(l) => {
            if errors.is_empty() {
                errors.add("comment", length_text(&c, "pb-discussion-err-length", l));
            }
            None
        }
    };
    let (Some(_), Some(text)) = (user, text) else {
        let r = Rejected::invalid(errors);
        return proposal_page_with(&s, &c, &p, &cy, &t, &r, f).await;
    };
    let key = Uuid::parse_str(f.key.trim()).ok();
    let outcome = app::pb::discussion::comment_proposal(&s.app, v, p.id, &text, key).await?;
    if let app::pb::discussion::CommentOutcome::Refused(r) = outcome {
        let r = Rejected::field("comment", comment_refusal(&c, r));
        return proposal_page_with(&s, &c, &p, &cy, &t, &r, f).await;
    }
    Ok(Redirect::to(&format!(
        "/pb/proposals/{}?ok=pb-discussion-comment-added",
        p.id
    ))
    .into_response())
}

// ---- the full list ----

#[derive(Template)]
#[template(path = "pb/discussion_comments.html")]
struct CommentsPage<'a> {
    c: &'a Ctx,
    p: &'a Proposal,
    cycle_title: String,
    comments: Vec<CommentRow>,
    count: String,
    can_moderate: bool,
    earlier: Option<i64>,
    later: Option<i64>,
    page_label: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PageQuery {
    page: Option<i64>,
}

async fn comments_page(
    State(s): State<AppState>,
    c: Ctx,
    Id(pid): Id,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let (p, cy, t) = load(&s, pid).await?;
    let total = app::pb::discussion::comment_count(&s.app, p.id).await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    // The newest page by default: that is where a conversation continues.
    let page = q.page.unwrap_or(pages).clamp(1, pages);
    let comments = app::pb::discussion::comments(&s.app, p.id, (page - 1) * PER_PAGE, PER_PAGE)
        .await?
        .iter()
        .map(|k| row(&c, k))
        .collect();
    let page_label = c.lang.t_args(
        "pb-discussion-page-of",
        &[
            ("page", crate::i18n::Arg::Num(page)),
            ("pages", crate::i18n::Arg::Num(pages)),
        ],
    );
    let html = render(&CommentsPage {
        cycle_title: cycle_title(&c, &cy, &t),
        comments,
        count: c.t_num("pb-discussion-comments-count", "count", total),
        can_moderate: can_moderate(&c, &t),
        earlier: (page > 1).then_some(page - 1),
        later: (page < pages).then_some(page + 1),
        page_label,
        c: &c,
        p: &p,
    })?;
    Ok(html.into_response())
}

// ---- moderation ----

#[derive(Template)]
#[template(path = "pb/discussion_moderate.html")]
struct ModeratePage<'a> {
    c: &'a Ctx,
    p: &'a Proposal,
    comment: CommentRow,
    /// The original text, which the moderator sees even while it is hidden.
    original: String,
    reason: String,
    errors: &'a FieldErrors,
}

/// The comment, its proposal, cycle and territory; only a moderator of the territory passes.
/// (The path is read as text: signed-out visitors are asked to log in before a malformed id
/// is a 404.)
async fn load_for_moderation(
    s: &AppState,
    c: &Ctx,
    cid: &str,
) -> Result<(Comment, Proposal, Cycle, Territory), AppError> {
    let v = require_viewer(c)?;
    let cid = Uuid::parse_str(cid).map_err(|_| AppError::NotFound)?;
    Ok(app::pb::discussion::for_moderation(&s.app, v, cid).await?)
}

fn moderate_page(
    c: &Ctx,
    k: &Comment,
    p: &Proposal,
    reason: String,
    r: &Rejected,
) -> Result<Response, AppError> {
    let html = render(&ModeratePage {
        c,
        p,
        comment: row(c, k),
        original: k.body.clone(),
        reason,
        errors: &r.errors,
    })?;
    Ok(r.respond(html))
}

async fn moderate_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(cid): Path<String>,
) -> Result<Response, AppError> {
    let (k, p, ..) = load_for_moderation(&s, &c, &cid).await?;
    moderate_page(&c, &k, &p, String::new(), &Rejected::none())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReasonForm {
    reason: String,
}

async fn act(
    s: AppState,
    c: Ctx,
    cid: String,
    f: ReasonForm,
    act: Moderation,
) -> Result<Response, AppError> {
    let (k, p, ..) = load_for_moderation(&s, &c, &cid).await?;
    // Hiding always says why; restoring may.
    let reason = match act {
        Moderation::Restore if f.reason.trim().is_empty() => Ok(None),
        _ => ModerationReason::parse(&f.reason).map(Some),
    };
    let reason = match reason {
        Ok(r) => r,
        Err(l) => {
            let r = Rejected::field("reason", length_text(&c, "pb-discussion-err-reason", l));
            return moderate_page(&c, &k, &p, f.reason, &r);
        }
    };
    let v = require_viewer(&c)?;
    let outcome =
        app::pb::discussion::moderate_comment(&s.app, v, k.id, act, reason.as_ref()).await?;
    if let ModerationOutcome::Already(fresh) = outcome {
        let r = Rejected::field("reason", c.t("pb-discussion-err-already"));
        return moderate_page(&c, &fresh, &p, f.reason, &r);
    }
    let notice = match act {
        Moderation::Hide => "pb-discussion-comment-hidden",
        Moderation::Restore => "pb-discussion-comment-restored",
    };
    Ok(Redirect::to(&format!("/pb/proposals/{}?ok={notice}", p.id)).into_response())
}

async fn hide(
    State(s): State<AppState>,
    c: Ctx,
    Path(cid): Path<String>,
    Form(f): Form<ReasonForm>,
) -> Result<Response, AppError> {
    act(s, c, cid, f, Moderation::Hide).await
}

async fn restore(
    State(s): State<AppState>,
    c: Ctx,
    Path(cid): Path<String>,
    Form(f): Form<ReasonForm>,
) -> Result<Response, AppError> {
    act(s, c, cid, f, Moderation::Restore).await
}

// ---- the public log ----

pub struct LogRow {
    date: String,
    act: String,
    moderator: String,
    reason: String,
    proposal_id: Uuid,
    proposal: String,
    comment_author: String,
}

#[derive(Template)]
#[template(path = "pb/discussion_log.html")]
struct LogPage<'a> {
    c: &'a Ctx,
    id: Uuid,
    cycle_title: String,
    rows: Vec<LogRow>,
}

fn date_time(c: &Ctx, at: DateTime<Utc>) -> String {
    c.lang.date_time(at)
}

async fn log_page(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let rows = app::pb::discussion::moderation_log(&s.app, cy.id, LOG_SHOWN)
        .await?
        .into_iter()
        .map(|e| LogRow {
            date: date_time(&c, e.at),
            act: c.t(if e.action == "hide" {
                "pb-discussion-log-hide"
            } else {
                "pb-discussion-log-restore"
            }),
            moderator: e.by_name,
            reason: e.reason,
            proposal_id: e.proposal_id,
            proposal: e.proposal_title,
            comment_author: e.comment_author,
        })
        .collect();
    Ok(render(&LogPage {
        c: &c,
        id: cy.id,
        cycle_title: cycle_title(&c, &cy, &t),
        rows,
    })?
    .into_response())
}

// ---- notices to authors ----

/// A person's PB notices for their notices page: (link, title, what happened, date, when).
pub async fn notices_for(
    s: &AppState,
    c: &Ctx,
    user: Uuid,
    limit: i64,
) -> Result<Vec<(String, String, String, DateTime<Utc>)>, AppError> {
    Ok(app::pb::discussion::notices_of(&s.app, user, limit)
        .await?
        .into_iter()
        .map(|n| {
            let what = match n.kind.as_str() {
                "decided:admit" => c.t("pb-discussion-notice-admit"),
                "decided:reject" => c.t("pb-discussion-notice-reject"),
                "decided:return" => c.t("pb-discussion-notice-return"),
                "decided:merge" => c.t("pb-discussion-notice-merge"),
                _ => c.t_str(
                    "pb-discussion-notice-hidden",
                    "reason",
                    n.note.as_deref().unwrap_or(""),
                ),
            };
            (
                format!("/pb/proposals/{}", n.proposal_id),
                n.title,
                what,
                n.created_at,
            )
        })
        .collect())
}
