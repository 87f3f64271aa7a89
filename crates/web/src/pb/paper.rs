//! Paper ballots typed in twice (`/pb/{id}/paper`): a coordinator types a batch (ballot
//! number, IIN, the project numbers marked), a different coordinator types the same batch
//! without seeing the first entry; ballots both typed alike count, a person who already voted
//! is flagged and counted once, mismatches wait until someone types the row again from the
//! paper (it must agree with a version another account typed; the page names who typed each
//! version and who settled it). IINs become the same keyed fingerprints accounts use; none of
//! their digits is stored or shown.

use super::{load_cycle, money};
use crate::extract::{Form, Id, Ids};
use crate::i18n::Arg;
use crate::pages::{render, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::pb::ballots::{Cycle, Proposal, Territory};
use app::pb::paper::{self as paper_app, Batch, BatchInput, EntryOutcome, LineStatus, PaperFlag};
use app::pb::paper::{ResolveOutcome, Typed};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use domain::pb::paper::{self as rules, LineError};
use domain::pb::{BallotError, Stage};
use domain::{Action, IinError};
use serde::Deserialize;
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pb/{id}/paper", get(list).post(enter))
        .route("/pb/{id}/paper/{batch}", get(show))
        .route("/pb/{id}/paper/{batch}/resolve", post(resolve))
}

/// The admitted proposals in ballot order: number `n` on the ballot is element `n - 1`.
pub(super) async fn ballot_proposals(s: &AppState, cy: &Cycle) -> Result<Vec<Proposal>, AppError> {
    Ok(app::pb::ballots::admitted(&s.app, cy.id).await?)
}

pub(super) fn ballot_message(c: &Ctx, e: &BallotError) -> String {
    match e {
        BallotError::Empty => c.t("pb-paper-err-empty"),
        BallotError::TooMany { max } => c.t_num("pb-paper-err-too-many", "max", i64::from(*max)),
        BallotError::Duplicate => c.t("pb-paper-err-duplicate-choice"),
        BallotError::UnknownProject => c.t("pb-paper-err-unknown"),
        BallotError::OverBudget { spent, budget } => c.lang.t_args(
            "pb-paper-err-over-budget",
            &[
                ("spent", Arg::Str(money(c, *spent))),
                ("budget", Arg::Str(money(c, *budget))),
            ],
        ),
    }
}

fn line_message(c: &Ctx, e: &LineError) -> String {
    match e {
        LineError::Columns => c.t("pb-paper-err-columns"),
        LineError::BallotNo => c.t("pb-paper-err-ballot-no"),
        LineError::Iin(IinError::CheckDigit) => c.t("pb-paper-err-iin-check"),
        LineError::Iin(_) => c.t("pb-paper-err-iin"),
        LineError::Choices => c.t("pb-paper-err-choices"),
        LineError::DuplicateBallotNo => c.t("pb-paper-err-duplicate-ballot"),
        LineError::TooYoung(age) => c.t_num("pb-paper-err-age", "age", i64::from(*age)),
        LineError::Ballot(b) => ballot_message(c, b),
    }
}

/// The flagged paper ballots of a cycle, one sentence each (results page).
pub(super) async fn flag_lines(
    s: &AppState,
    c: &Ctx,
    cycle: Uuid,
) -> Result<Vec<String>, AppError> {
    Ok(paper_app::flags(&s.app, cycle)
        .await?
        .iter()
        .map(|f| flag_line(c, f))
        .collect())
}

/// One flagged paper ballot as a public sentence: its batch and ballot number, nothing of the
/// person or of their other ballot (security review M4).
pub(super) fn flag_line(c: &Ctx, f: &PaperFlag) -> String {
    c.lang.t_args(
        "pb-paper-flag-line",
        &[
            ("batch", Arg::Str(f.batch_label.clone())),
            ("ballot", Arg::Str(f.ballot_no.clone())),
        ],
    )
}

async fn villages(s: &AppState, t: &Territory) -> Result<Vec<Territory>, AppError> {
    Ok(paper_app::villages(&s.app, t).await?)
}

// ---- the list of batches and the entry form ----

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EntryForm {
    label: String,
    village: String,
    rows: String,
}

pub struct BatchRow {
    id: Uuid,
    label: String,
    village: String,
    status: String,
}

#[derive(Template)]
#[template(path = "pb/paper_list.html")]
struct ListPage<'a> {
    c: &'a Ctx,
    id: Uuid,
    cycle_title: String,
    open: bool,
    batches: Vec<BatchRow>,
    /// (number, title, cost)
    numbers: Vec<(usize, String, String)>,
    villages: Vec<(String, String, bool)>,
    form: EntryForm,
    errors: &'a FieldErrors,
    line_errors: Vec<String>,
    error: Option<String>,
}

fn batch_status(c: &Ctx, b: &Batch) -> String {
    if b.compared_at.is_none() {
        return c.t("pb-paper-batch-awaiting");
    }
    c.lang.t_args(
        "pb-paper-batch-compared",
        &[
            ("accepted", Arg::Num(b.accepted)),
            ("flagged", Arg::Num(b.flagged)),
            ("mismatched", Arg::Num(b.mismatched)),
        ],
    )
}

async fn list_page(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
    form: EntryForm,
    line_errors: Vec<String>,
    r: &Rejected,
) -> Result<Response, AppError> {
    let lang = c.lang.code();
    let places = villages(s, t).await?;
    let name_of = |id: Uuid| {
        places
            .iter()
            .find(|v| v.id == id)
            .map(|v| v.name(lang).to_string())
            .unwrap_or_default()
    };
    let batches = paper_app::batches(&s.app, cy.id)
        .await?
        .iter()
        .map(|b| BatchRow {
            id: b.id,
            label: b.label.clone(),
            village: name_of(b.village_id),
            status: batch_status(c, b),
        })
        .collect();
    let numbers = ballot_proposals(s, cy)
        .await?
        .into_iter()
        .enumerate()
        .map(|(i, p)| (i + 1, p.title, money(c, p.cost)))
        .collect();
    let villages = places
        .iter()
        .map(|v| {
            let kato = v.kato.to_string();
            let selected = form.village.trim() == kato;
            (kato, v.name(lang).to_string(), selected)
        })
        .collect();
    let page = ListPage {
        c,
        id: cy.id,
        cycle_title: super::cycle_title(c, cy, t),
        open: cy.stage == Stage::Voting,
        batches,
        numbers,
        villages,
        form,
        errors: &r.errors,
        line_errors,
        error: r.message.clone(),
    };
    Ok(r.respond(render(&page)?))
}

async fn list(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    c.require(Action::EnterPaperBallots, &t.path)?;
    let form = EntryForm::default();
    list_page(&s, &c, &cy, &t, form, Vec::new(), &Rejected::none()).await
}

async fn enter(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<EntryForm>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let actor = c.require(Action::EnterPaperBallots, &t.path)?;
    let input = BatchInput {
        label: &f.label,
        village: &f.village,
        rows: &f.rows,
    };
    let outcome = paper_app::enter_paper_batch(&s.app, actor, cy.id, &input).await?;
    let mut line_errors = Vec::new();
    let r = match outcome {
        EntryOutcome::AwaitingSecond { .. } => {
            return Ok(
                Redirect::to(&format!("/pb/{}/paper?ok=pb-paper-awaiting", cy.id)).into_response(),
            );
        }
        EntryOutcome::Compared { batch, .. } => {
            return Ok(
                Redirect::to(&format!("/pb/{}/paper/{batch}?ok=pb-paper-compared", cy.id))
                    .into_response(),
            );
        }
        EntryOutcome::Closed(_) => Rejected::conflict(c.t("pb-paper-err-stage")),
        EntryOutcome::Invalid(e) => {
            let mut errors = FieldErrors::default();
            if e.label {
                errors.add("label", c.t("pb-paper-err-label"));
            }
            if e.village {
                errors.add("village", c.t("pb-paper-err-village"));
            }
            if e.empty {
                errors.add("rows", c.t("pb-paper-err-empty-batch"));
            }
            line_errors.extend(e.lines.iter().map(|(line, e)| {
                c.lang.t_args(
                    "pb-paper-line",
                    &[
                        ("line", Arg::Num(*line as i64)),
                        ("error", Arg::Str(line_message(&c, e))),
                    ],
                )
            }));
            Rejected::invalid(errors)
        }
        EntryOutcome::Busy => Rejected::conflict(c.t("pb-paper-err-busy")),
        EntryOutcome::SameCoordinator => Rejected::conflict(c.t("pb-paper-err-same-person")),
        EntryOutcome::AlreadyCompared { label } => {
            Rejected::conflict(c.t_str("pb-paper-err-done", "label", &label))
        }
        EntryOutcome::OtherVillage => Rejected::field("village", c.t("pb-paper-err-other-village")),
    };
    list_page(&s, &c, &cy, &t, f, line_errors, &r).await
}

// ---- one batch: its lines, flags and mismatches ----

pub struct LineRow {
    ballot_no: String,
    status: String,
    /// Who typed the first and the second entry of this row, and who settled it.
    typists: String,
    detail: String,
    /// The two entries typed different IINs for this ballot.
    iin_differs: bool,
    mismatch: bool,
    flagged: bool,
    first: String,
    second: String,
    /// What was typed to settle this line, kept when it was refused.
    typed: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "pb/paper_batch.html")]
struct BatchPage<'a> {
    c: &'a Ctx,
    id: Uuid,
    batch: Uuid,
    cycle_title: String,
    label: String,
    village: String,
    status: String,
    open: bool,
    lines: Vec<LineRow>,
}

fn typed_text(c: &Ctx, r: &Option<Typed>) -> String {
    match r {
        None => c.t("pb-paper-line-missing"),
        Some(t) => c.lang.t_args(
            "pb-paper-line-typed",
            &[
                ("by", Arg::Str(t.by.clone())),
                (
                    "choices",
                    Arg::Str(
                        t.row
                            .choices
                            .iter()
                            .map(u32::to_string)
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ),
            ],
        ),
    }
}

/// "first entry: A; second entry: B; settled by: C" — who typed each version of a row.
fn typists_text(c: &Ctx, l: &app::pb::paper::Line) -> String {
    let mut parts = Vec::new();
    for (key, side) in [
        ("pb-paper-entry-first", &l.first),
        ("pb-paper-entry-second", &l.second),
    ] {
        if let Some(t) = side {
            parts.push(format!("{}: {}", c.t(key), t.by));
        }
    }
    if let Some(by) = &l.settled_by {
        parts.push(format!("{}: {by}", c.t("pb-paper-settled-by")));
    }
    parts.join("; ")
}

/// The line someone tried to settle, and what they typed.
struct Settling {
    ballot_no: String,
    typed: String,
}

/// The batch's page; a refused settling shows `r.message` on its line, the row kept.
async fn batch_page(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
    batch: &Batch,
    settling: Option<Settling>,
    r: &Rejected,
) -> Result<Response, AppError> {
    let lang = c.lang.code();
    let village = villages(s, t)
        .await?
        .into_iter()
        .find(|v| v.id == batch.village_id)
        .map(|v| v.name(lang).to_string())
        .unwrap_or_default();
    let lines = paper_app::lines(&s.app, batch)
        .await?
        .into_iter()
        .map(|l| {
            let detail = match (l.status, l.counted_channel, l.counted_at) {
                (LineStatus::Flagged, Some(ch), Some(at)) => c.lang.t_args(
                    "pb-paper-flag-detail",
                    &[
                        (
                            "channel",
                            Arg::Str(c.t(&format!("pb-channel-{}", ch.as_str()))),
                        ),
                        ("date", Arg::Str(c.lang.date_of(at))),
                    ],
                ),
                _ => String::new(),
            };
            let mine = settling.as_ref().filter(|x| x.ballot_no == l.ballot_no);
            LineRow {
                status: c.t(&format!("pb-paper-status-{}", l.status.as_str())),
                typists: typists_text(c, &l),
                detail,
                iin_differs: matches!(
                    (&l.first, &l.second),
                    (Some(a), Some(b)) if a.row.person_hash != b.row.person_hash
                ),
                mismatch: l.status == LineStatus::Mismatch,
                flagged: l.status == LineStatus::Flagged,
                first: typed_text(c, &l.first),
                second: typed_text(c, &l.second),
                typed: mine.map(|x| x.typed.clone()).unwrap_or_default(),
                error: mine.and_then(|_| r.message.clone()),
                ballot_no: l.ballot_no,
            }
        })
        .collect();
    let page = BatchPage {
        c,
        id: cy.id,
        batch: batch.id,
        cycle_title: super::cycle_title(c, cy, t),
        label: batch.label.clone(),
        village,
        status: batch_status(c, batch),
        open: cy.stage == Stage::Voting,
        lines,
    };
    Ok(r.respond(render(&page)?))
}

async fn load_batch(s: &AppState, cy: &Cycle, id: Uuid) -> Result<Batch, AppError> {
    Ok(paper_app::batch(&s.app, cy.id, id).await?)
}

async fn show(
    State(s): State<AppState>,
    c: Ctx,
    Ids(id, batch): Ids,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    c.require(Action::EnterPaperBallots, &t.path)?;
    let batch = load_batch(&s, &cy, batch).await?;
    batch_page(&s, &c, &cy, &t, &batch, None, &Rejected::none()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResolveForm {
    ballot_no: String,
    row: String,
}

async fn resolve(
    State(s): State<AppState>,
    c: Ctx,
    Ids(id, batch): Ids,
    Form(f): Form<ResolveForm>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let actor = c.require(Action::EnterPaperBallots, &t.path)?;
    let mut batch = load_batch(&s, &cy, batch).await?;
    let ballot_no = rules::ballot_no(&f.ballot_no).unwrap_or_default();
    let outcome =
        paper_app::resolve_paper_row(&s.app, actor, cy.id, batch.id, &ballot_no, &f.row).await?;
    let r = match outcome {
        ResolveOutcome::Settled => {
            return Ok(Redirect::to(&format!(
                "/pb/{}/paper/{}?ok=pb-paper-resolved",
                cy.id, batch.id
            ))
            .into_response())
        }
        ResolveOutcome::Closed(_) => Rejected::conflict(c.t("pb-paper-err-stage")),
        ResolveOutcome::Invalid(e) => Rejected::unprocessable(line_message(&c, &e)),
        ResolveOutcome::NoMatch => Rejected::unprocessable(c.t("pb-paper-err-no-match")),
        ResolveOutcome::OwnVersion => Rejected::conflict(c.t("pb-paper-err-own-version")),
        ResolveOutcome::NotPending => {
            // Someone settled it meanwhile: the batch as it is now.
            batch = load_batch(&s, &cy, batch.id).await?;
            Rejected::conflict(c.t("pb-paper-err-settled"))
        }
    };
    let st = Settling {
        ballot_no,
        typed: f.row,
    };
    batch_page(&s, &c, &cy, &t, &batch, Some(st), &r).await
}
