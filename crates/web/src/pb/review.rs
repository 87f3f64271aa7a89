//! Expert review: forming the council, members' conclusions and the council's decisions.

use super::proposals::{load, proposal_page};
use super::{load_cycle, money};
use crate::extract::{Form, Id};
use crate::oversight::invitations::conflict_message;
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::pb::cycles::{Cycle, Territory};
use app::pb::proposals::Proposal;
use app::pb::review::{MemberOutcome, ReviewOutcome};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::pb::review::ReviewError;
use domain::pb::{council_balanced, Decision, Stage};
use domain::Action;
use serde::Deserialize;
use uuid::Uuid;

/// What the proposal page shows of the review, and which forms it offers.
pub struct ReviewView {
    pub conclusions: Vec<ConclusionRow>,
    pub decision_reason: Option<String>,
    pub merged_into: Option<(Uuid, String)>,
    pub can_conclude: bool,
    pub can_decide: bool,
    pub decisions: Vec<(&'static str, String)>,
    pub merge_targets: Vec<(Uuid, String)>,
}

pub struct ConclusionRow {
    pub member: String,
    pub legal: String,
    pub feasible: String,
    pub cost: String,
    pub comment: String,
    pub date: String,
}

fn yes_no(c: &Ctx, b: bool) -> String {
    c.t(if b { "pb-yes" } else { "pb-no" })
}

pub async fn view(
    s: &AppState,
    c: &Ctx,
    p: &Proposal,
    cy: &Cycle,
    t: &Territory,
) -> Result<ReviewView, AppError> {
    let data = app::pb::review::review_data(&s.app, c.viewer.as_ref(), p, cy).await?;
    let conclusions = data
        .conclusions
        .into_iter()
        .map(|k| ConclusionRow {
            member: k.member,
            legal: yes_no(c, k.legal),
            feasible: yes_no(c, k.feasible),
            cost: k.adjusted_cost.map(|t| money(c, t)).unwrap_or_default(),
            comment: k.comment,
            date: c.lang.date_of(k.at),
        })
        .collect();
    let (decided, merged_into, member) = (data.decided, data.merged_into, data.member);
    let reviewing = cy.stage == Stage::Review;
    // A seat on the council (accepted, no other duty of the cycle), never a role grant.
    let can_conclude = reviewing && member;
    let can_decide = reviewing && c.may(Action::ManageCycle, &t.path);
    let merge_targets = if can_decide {
        app::pb::proposals::of_cycle(&s.app, cy.id)
            .await?
            .into_iter()
            .filter(|o| o.id != p.id)
            .map(|o| (o.id, o.title))
            .collect()
    } else {
        Vec::new()
    };
    Ok(ReviewView {
        conclusions,
        decision_reason: decided.reason,
        merged_into,
        can_conclude,
        can_decide,
        decisions: Decision::ALL
            .iter()
            .map(|d| (d.as_str(), c.t(&format!("pb-decision-{}", d.as_str()))))
            .collect(),
        merge_targets,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ConclusionForm {
    legal: Option<String>,
    feasible: Option<String>,
    adjusted_cost: String,
    comment: String,
}

/// The refused fields' messages, all under `field` (the form shows the first).
fn review_errors(c: &Ctx, field: &'static str, wrong: &[ReviewError]) -> FieldErrors {
    let mut errors = FieldErrors::default();
    for e in wrong {
        let id = match e {
            ReviewError::NotReview => "pb-review-err-not-review",
            ReviewError::Cost => "pb-err-money",
            ReviewError::Comment => "pb-review-err-comment",
            ReviewError::Decision => "pb-review-err-decision",
            ReviewError::Reason => "pb-review-err-reason",
            ReviewError::Merge => "pb-review-err-merge",
        };
        errors.add(field, c.t(id));
    }
    errors
}

pub async fn conclude(
    State(s): State<AppState>,
    c: Ctx,
    Id(pid): Id,
    Form(f): Form<ConclusionForm>,
) -> Result<Response, AppError> {
    let (p, cy, t) = load(&s, pid).await?;
    // The use case checks the seat on the council.
    let v = require_viewer(&c)?;
    let (legal, feasible) = (f.legal.is_some(), f.feasible.is_some());
    match app::pb::review::conclude(
        &s.app,
        v,
        p.id,
        legal,
        feasible,
        &f.adjusted_cost,
        &f.comment,
    )
    .await?
    {
        ReviewOutcome::Saved => Ok(Redirect::to(&format!(
            "/pb/proposals/{}?ok=pb-conclusion-saved",
            p.id
        ))
        .into_response()),
        ReviewOutcome::Refused(wrong) => {
            let r = Rejected::invalid(review_errors(&c, "conclusion", &wrong));
            proposal_page(&s, &c, &p, &cy, &t, &r).await
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    decision: String,
    reason: String,
    merged_into: String,
}

pub async fn decide(
    State(s): State<AppState>,
    c: Ctx,
    Id(pid): Id,
    Form(f): Form<DecisionForm>,
) -> Result<Response, AppError> {
    let (p, cy, t) = load(&s, pid).await?;
    let v = c.require(Action::ManageCycle, &t.path)?;
    match app::pb::review::decide(&s.app, v, p.id, &f.decision, &f.reason, &f.merged_into).await? {
        ReviewOutcome::Saved => Ok(Redirect::to(&format!(
            "/pb/proposals/{}?ok=pb-decision-saved",
            p.id
        ))
        .into_response()),
        ReviewOutcome::Refused(wrong) => {
            let r = Rejected::invalid(review_errors(&c, "decision", &wrong));
            proposal_page(&s, &c, &p, &cy, &t, &r).await
        }
    }
}

// ---- the council ----

#[derive(Template)]
#[template(path = "pb/council.html")]
struct CouncilPage<'a> {
    c: &'a Ctx,
    id: Uuid,
    cycle_title: String,
    members: Vec<(String, String)>,
    /// Invited, not answered yet (shown to those who may invite).
    invitees: Vec<String>,
    balance: String,
    balanced: bool,
    can_manage: bool,
    contact: String,
    civil_society: bool,
    errors: &'a FieldErrors,
}

async fn council_page(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
    form: CouncilForm,
    r: &Rejected,
) -> Result<Response, AppError> {
    let members = app::pb::review::members(&s.app, cy.id).await?;
    let civil = members.iter().filter(|m| m.civil_society).count();
    let can_manage = c.may(Action::InviteMember, &t.path);
    let body = app::oversight::invitations::Body::ExpertCouncil;
    let invitees = app::oversight::invitations::invitees(&s.app, c.viewer.as_ref(), body, cy.id)
        .await?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let page = CouncilPage {
        c,
        id: cy.id,
        cycle_title: super::cycle_title(c, cy, t),
        balance: c.lang.t_args(
            "pb-council-balance",
            &[
                ("civil", crate::i18n::Arg::Num(civil as i64)),
                ("total", crate::i18n::Arg::Num(members.len() as i64)),
            ],
        ),
        balanced: council_balanced(civil, members.len()),
        members: members
            .into_iter()
            .map(|m| {
                (
                    m.name,
                    c.t(if m.civil_society {
                        "pb-council-civil"
                    } else {
                        "pb-council-official"
                    }),
                )
            })
            .collect(),
        invitees,
        can_manage,
        contact: form.contact,
        civil_society: form.civil_society.is_some(),
        errors: &r.errors,
    };
    Ok(r.respond(render(&page)?))
}

pub async fn council(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    council_page(&s, &c, &cy, &t, CouncilForm::default(), &Rejected::none()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CouncilForm {
    contact: String,
    civil_society: Option<String>,
}

/// Invite a member: the seat is theirs when they accept it on their account page (security
/// review M5); no role is granted.
pub async fn add_member(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<CouncilForm>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let actor = c.require(Action::InviteMember, &t.path)?;
    let civil = f.civil_society.is_some();
    let done =
        |ok: &str| Ok(Redirect::to(&format!("/pb/{}/council?ok={ok}", cy.id)).into_response());
    let r =
        match app::pb::review::add_council_member(&s.app, actor, cy.id, &f.contact, civil).await? {
            MemberOutcome::Invited => return done("pb-council-invited"),
            MemberOutcome::Updated => return done("pb-council-updated"),
            MemberOutcome::UnknownUser => Rejected::field("contact", c.t("err-user-unknown")),
            MemberOutcome::Refused(e) => Rejected::field("contact", conflict_message(&c, e))
                .with_status(axum::http::StatusCode::CONFLICT),
        };
    council_page(&s, &c, &cy, &t, f, &r).await
}
