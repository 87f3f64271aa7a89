//! Expert review: forming the council, members' conclusions and the council's decisions.

use super::proposals::{load, proposal_page};
use super::{load_cycle, money};
use crate::extract::Id;
use crate::pages::{render, Ctx, FieldErrors};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use domain::pb::{council_balanced, Decision, Stage};
use domain::{Action, Contact, Role};
use serde::Deserialize;
use store::pb::proposals::Proposal;
use store::pb::Cycle;
use store::territories::Territory;
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
    let conclusions = store::pb::review::conclusions(&s.db, p.id)
        .await?
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
    let decided = store::pb::review::decision(&s.db, p.id).await?;
    let merged_into = match decided.merged_into {
        Some(id) => store::pb::proposals::get(&s.db, id)
            .await?
            .map(|m| (m.id, m.title)),
        None => None,
    };
    let reviewing = cy.stage == Stage::Review;
    let viewer = c.viewer.as_ref();
    let member = match viewer {
        Some(v) => store::pb::review::is_member(&s.db, cy.id, v.user.id).await?,
        None => false,
    };
    let can_conclude = reviewing && member && c.may(Action::ReviewProposal, &t.path);
    let can_decide = reviewing && c.may(Action::ManageCycle, &t.path);
    let merge_targets = if can_decide {
        store::pb::proposals::of_cycle(&s.db, cy.id)
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

pub async fn conclude(
    State(s): State<AppState>,
    c: Ctx,
    Id(pid): Id,
    Form(f): Form<ConclusionForm>,
) -> Result<Response, AppError> {
    let (p, cy, t) = load(&s, pid).await?;
    let v = c.require(Action::ReviewProposal, &t.path)?;
    // The council's membership is checked besides the role.
    if !store::pb::review::is_member(&s.db, cy.id, v.user.id).await? {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    if cy.stage != Stage::Review {
        errors.add("conclusion", c.t("pb-review-err-not-review"));
    }
    let cost = if f.adjusted_cost.trim().is_empty() {
        Some(None)
    } else {
        super::form::parse_tenge(&f.adjusted_cost).map(Some)
    };
    if cost.is_none() {
        errors.add("conclusion", c.t("pb-err-money"));
    }
    if !(3..=2000).contains(&f.comment.trim().chars().count()) {
        errors.add("conclusion", c.t("pb-review-err-comment"));
    }
    match cost {
        Some(cost) if errors.is_empty() => {
            let conclusion = store::pb::review::NewConclusion {
                proposal: p.id,
                user: v.user.id,
                legal: f.legal.is_some(),
                feasible: f.feasible.is_some(),
                adjusted_cost: cost,
                comment: f.comment.trim(),
            };
            store::pb::review::conclude(&s.db, &conclusion, s.clock.now()).await?;
            Ok(
                Redirect::to(&format!("/pb/proposals/{}?ok=pb-conclusion-saved", p.id))
                    .into_response(),
            )
        }
        _ => proposal_page(&s, &c, &p, &cy, &t, errors).await,
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
    let by = c.require(Action::ManageCycle, &t.path)?.user.id;
    let mut errors = FieldErrors::default();
    if cy.stage != Stage::Review {
        errors.add("decision", c.t("pb-review-err-not-review"));
    }
    let decision = Decision::parse(f.decision.trim());
    let reason = f.reason.trim();
    match decision {
        None => errors.add("decision", c.t("pb-review-err-decision")),
        Some(d) if d.needs_reason() && reason.chars().count() < 10 => {
            errors.add("decision", c.t("pb-review-err-reason"))
        }
        _ => {}
    }
    let target = match decision {
        Some(Decision::Merge) => {
            let other = Uuid::parse_str(f.merged_into.trim()).ok();
            let found = match other {
                Some(o) if o != p.id => store::pb::proposals::get(&s.db, o)
                    .await?
                    .filter(|x| x.cycle_id == cy.id),
                _ => None,
            };
            if found.is_none() {
                errors.add("decision", c.t("pb-review-err-merge"));
            }
            found.map(|x| x.id)
        }
        _ => None,
    };
    match decision {
        Some(d) if errors.is_empty() => {
            let reason = (!reason.is_empty()).then_some(reason);
            store::pb::review::decide(&s.db, p.id, d, reason, target, by, s.clock.now()).await?;
            tracing::info!(proposal = %p.id, decision = d.as_str(), "pb decision recorded");
            Ok(
                Redirect::to(&format!("/pb/proposals/{}?ok=pb-decision-saved", p.id))
                    .into_response(),
            )
        }
        _ => proposal_page(&s, &c, &p, &cy, &t, errors).await,
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
    balance: String,
    balanced: bool,
    can_manage: bool,
    contact: String,
    civil_society: bool,
    errors: FieldErrors,
}

async fn council_page(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
    form: CouncilForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let members = store::pb::review::members(&s.db, cy.id).await?;
    let civil = members.iter().filter(|m| m.civil_society).count();
    let can_manage = c.may(Action::ManageCycle, &t.path);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
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
        can_manage,
        contact: form.contact,
        civil_society: form.civil_society.is_some(),
        errors,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn council(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    council_page(
        &s,
        &c,
        &cy,
        &t,
        CouncilForm::default(),
        FieldErrors::default(),
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CouncilForm {
    contact: String,
    civil_society: Option<String>,
}

/// Add a member; they are granted the expert role on the cycle's territory so that their
/// conclusions pass the one authorization check.
pub async fn add_member(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<CouncilForm>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    c.require(Action::ManageCycle, &t.path)?;
    let mut errors = FieldErrors::default();
    let user = match Contact::parse(&f.contact) {
        Ok(contact) => store::accounts::credentials(&s.db, &contact)
            .await?
            .map(|(u, _)| u),
        Err(_) => None,
    };
    let Some(user) = user else {
        errors.add("contact", c.t("err-user-unknown"));
        return council_page(&s, &c, &cy, &t, f, errors).await;
    };
    store::pb::review::add_member(
        &s.db,
        cy.id,
        user.id,
        f.civil_society.is_some(),
        s.clock.now(),
    )
    .await?;
    store::accounts::grant(&s.db, user.id, Role::Expert, Some(t.id), s.clock.now()).await?;
    Ok(Redirect::to(&format!("/pb/{}/council?ok=pb-council-added", cy.id)).into_response())
}
