//! Online voting: the ballot page, casting (one ballot per person, by the database), and the
//! receipt a voter checks later.

use super::{load_cycle, money};
use crate::extract::{Form, Id, Query};
use crate::pages::{render, require_viewer, Ctx, Rejected};
use crate::{AppError, AppState};
use app::pb::ballots::{self, CastOutcome, Cycle, Obstacle, Territory};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use domain::pb::{BallotError, BallotType, Ineligible};
use serde::Deserialize;
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pb/{id}/vote", get(form).post(cast))
        .route("/pb/{id}/receipt", get(receipt))
}

pub struct Choice {
    id: Uuid,
    title: String,
    cost: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "pb/vote.html")]
struct VotePage<'a> {
    c: &'a Ctx,
    id: Uuid,
    cycle_title: String,
    rules: String,
    multiple: bool,
    choices: Vec<Choice>,
    receipt: Option<String>,
    /// The voter has voted, and this cycle lets them change their ballot while voting is open:
    /// the form is shown again under the receipt.
    may_change: bool,
    error: Option<String>,
    /// Where to get verified, for a reader whose account is below what the cycle requires.
    nearest: Vec<crate::centres::CentreCard>,
}

/// Why this viewer cannot vote now, in the reader's language, if they cannot.
fn obstacle(s: &AppState, c: &Ctx, cy: &Cycle, t: &Territory) -> Result<Option<String>, AppError> {
    let v = require_viewer(c)?;
    Ok(ballots::obstacle(&s.app, v, cy, t).map(|o| obstacle_message(c, &o)))
}

fn obstacle_message(c: &Ctx, o: &Obstacle) -> String {
    match o {
        Obstacle::NotOpen => c.t("pb-vote-err-not-open"),
        Obstacle::Closed(last) => c.t_str("pb-vote-err-closed", "date", &c.lang.date(*last)),
        Obstacle::Ineligible(Ineligible::TooYoung(age)) => {
            c.t_num("pb-vote-err-age", "age", i64::from(*age))
        }
        Obstacle::Ineligible(Ineligible::NotResident) => c.t("pb-vote-err-resident"),
        Obstacle::Ineligible(Ineligible::NotVerified(_)) => c.t("pb-vote-err-verification"),
    }
}

fn rules_text(c: &Ctx, cy: &Cycle) -> String {
    match cy.ballot {
        BallotType::OneVote => c.t("pb-vote-rule-one"),
        BallotType::UpTo(k) => c.t_num("pb-vote-rule-up-to", "k", i64::from(k)),
        BallotType::Knapsack => c.t_str(
            "pb-vote-rule-knapsack",
            "budget",
            &money(c, cy.envelope.total(None)),
        ),
    }
}

async fn vote_page(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
    chosen: &[Uuid],
    r: &Rejected,
) -> Result<Response, AppError> {
    let v = require_viewer(c)?;
    let receipt = ballots::my_receipt(&s.app, v, cy.id).await?;
    let may_change = receipt.is_some()
        && domain::pb::replaceable(cy.ballot, cy.changes_allowed)
        && obstacle(s, c, cy, t)?.is_none();
    let choices = ballots::admitted(&s.app, cy.id)
        .await?
        .into_iter()
        .map(|p| Choice {
            checked: chosen.contains(&p.id),
            id: p.id,
            title: p.title,
            cost: money(c, p.cost),
        })
        .collect();
    let page = VotePage {
        c,
        id: cy.id,
        cycle_title: super::cycle_title(c, cy, t),
        rules: format!(
            "{} {}",
            rules_text(c, cy),
            crate::accounts::requirement_text(c, cy.eligibility.min_level)
        ),
        multiple: cy.ballot != BallotType::OneVote,
        choices,
        receipt,
        may_change,
        error: r.message.clone(),
        nearest: if v.user.level.meets(cy.eligibility.min_level) {
            Vec::new()
        } else {
            crate::centres::nearest(s, c, &v.home).await?
        },
    };
    Ok(r.respond(render(&page)?))
}

async fn form(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    // A reader who cannot vote is told why, with the 422 a refused ballot gets.
    let r = match obstacle(&s, &c, &cy, &t)? {
        Some(why) => Rejected::unprocessable(why),
        None => Rejected::none(),
    };
    vote_page(&s, &c, &cy, &t, &[], &r).await
}

async fn cast(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let chosen: Vec<Uuid> = fields
        .iter()
        .filter(|(k, _)| k == "choice")
        .filter_map(|(_, v)| Uuid::parse_str(v).ok())
        .collect();
    let v = require_viewer(&c)?;
    let msg = match ballots::cast_ballot(&s.app, v, cy.id, &chosen).await? {
        CastOutcome::Cast => {
            return Ok(Redirect::to(&format!("/pb/{}/vote?ok=pb-vote-cast", cy.id)).into_response())
        }
        CastOutcome::Replaced => {
            return Ok(
                Redirect::to(&format!("/pb/{}/vote?ok=pb-vote-replaced", cy.id)).into_response(),
            )
        }
        CastOutcome::AlreadyVoted => c.t("pb-vote-err-already"),
        CastOutcome::Refused(o) => obstacle_message(&c, &o),
        CastOutcome::Invalid(e) => match e {
            BallotError::Empty => c.t("pb-vote-err-empty"),
            BallotError::TooMany { max } => c.t_num("pb-vote-err-too-many", "max", i64::from(max)),
            BallotError::Duplicate | BallotError::UnknownProject => c.t("pb-vote-err-unknown"),
            BallotError::OverBudget { spent, budget } => c.lang.t_args(
                "pb-vote-err-over-budget",
                &[
                    ("spent", crate::i18n::Arg::Str(money(&c, spent))),
                    ("budget", crate::i18n::Arg::Str(money(&c, budget))),
                ],
            ),
        },
    };
    vote_page(&s, &c, &cy, &t, &chosen, &Rejected::unprocessable(msg)).await
}

#[derive(Template)]
#[template(path = "pb/receipt.html")]
struct ReceiptPage<'a> {
    c: &'a Ctx,
    id: Uuid,
    cycle_title: String,
    code: String,
    result: Option<String>,
    found: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReceiptQuery {
    code: String,
}

async fn receipt(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Query(q): Query<ReceiptQuery>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let code = domain::pb::typed_receipt(&q.code);
    let (result, found) = if code.is_empty() {
        (None, false)
    } else {
        match ballots::receipt(&s.app, cy.id, &code).await? {
            Some(r) => (
                Some(c.lang.t_args(
                    "pb-receipt-found",
                    &[
                        (
                            "channel",
                            crate::i18n::Arg::Str(
                                c.t(&format!("pb-channel-{}", r.channel.as_str())),
                            ),
                        ),
                        ("count", crate::i18n::Arg::Num(r.choices as i64)),
                    ],
                )),
                true,
            ),
            None => (Some(c.t("pb-receipt-not-found")), false),
        }
    };
    let page = ReceiptPage {
        c: &c,
        id: cy.id,
        cycle_title: super::cycle_title(&c, &cy, &t),
        code,
        result,
        found,
    };
    Ok(render(&page)?.into_response())
}
