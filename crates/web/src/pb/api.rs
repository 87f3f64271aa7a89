//! `/api/v1/cycles`: budget cycles as open data (described in `openapi.json`).

use crate::extract::Id;
use crate::{AppError, AppState};
use app::pb::ballots::Cycle;
use app::pb::results::OpenProposal;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use domain::money::Tenge;
use domain::pb::BallotType;
use serde::Serialize;
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/cycles", get(list))
        .route("/api/v1/cycles/{id}", get(one))
}

#[derive(Serialize)]
pub struct CycleSummary {
    id: Uuid,
    territory: String,
    year: i32,
    stage: &'static str,
    rule: &'static str,
    ballot_type: &'static str,
    /// k of an "up to k projects" ballot.
    ballot_k: Option<u32>,
}

#[derive(Serialize)]
struct CoFinancingJson {
    source: &'static str,
    amount: f64,
    min_turnout_percent: Option<f64>,
}

#[derive(Serialize)]
struct EnvelopeJson {
    housing_spending: f64,
    share_percent: f64,
    base: f64,
    cofinancing: Vec<CoFinancingJson>,
    /// Without the lines whose turnout condition is not met yet.
    total: f64,
    total_if_all_conditions: f64,
}

#[derive(Serialize)]
struct ScheduleJson {
    collection_start: chrono::NaiveDate,
    collection_end: chrono::NaiveDate,
    review_end: chrono::NaiveDate,
    discussion_end: chrono::NaiveDate,
    voting_start: chrono::NaiveDate,
    voting_end: chrono::NaiveDate,
}

#[derive(Serialize)]
pub struct CycleDetail {
    #[serde(flatten)]
    summary: CycleSummary,
    envelope: EnvelopeJson,
    cap_mrp: i64,
    cap: f64,
    min_age: u32,
    schedule: ScheduleJson,
    /// Proposals of the cycle, in the order they were submitted.
    proposals: Vec<ProposalJson>,
}

#[derive(Serialize)]
struct ProposalJson {
    id: Uuid,
    title: String,
    category: &'static str,
    /// KATO code of the village (or town) where the project would be built.
    village: String,
    place: String,
    cost: f64,
    status: &'static str,
    channel: &'static str,
    /// `null` while the cycle hides live counts.
    votes: Option<i64>,
}

fn tenge(t: Tenge) -> f64 {
    t.tiyn() as f64 / 100.0
}

fn summary(c: &Cycle, territory: String) -> CycleSummary {
    CycleSummary {
        id: c.id,
        territory,
        year: c.year,
        stage: c.stage.as_str(),
        rule: c.rule.as_str(),
        ballot_type: c.ballot.as_str(),
        ballot_k: match c.ballot {
            BallotType::UpTo(k) => Some(k),
            _ => None,
        },
    }
}

async fn list(State(s): State<AppState>) -> Result<Json<Vec<CycleSummary>>, AppError> {
    let cycles = app::pb::results::cycles(&s.app).await?;
    Ok(Json(
        cycles
            .into_iter()
            .map(|(c, kato)| summary(&c, kato))
            .collect(),
    ))
}

async fn one(State(s): State<AppState>, Id(id): Id) -> Result<Json<CycleDetail>, AppError> {
    let (c, kato, proposals) = app::pb::results::open_cycle(&s.app, id).await?;
    let e = &c.envelope;
    let sc = &c.schedule;
    Ok(Json(CycleDetail {
        summary: summary(&c, kato),
        envelope: EnvelopeJson {
            housing_spending: tenge(e.housing_spending),
            share_percent: f64::from(e.share_bp) / 100.0,
            base: tenge(e.base()),
            cofinancing: e
                .cofinancing
                .iter()
                .map(|l| CoFinancingJson {
                    source: l.source.as_str(),
                    amount: tenge(l.amount),
                    min_turnout_percent: l.min_turnout_bp.map(|b| f64::from(b) / 100.0),
                })
                .collect(),
            total: tenge(e.total(None)),
            total_if_all_conditions: tenge(e.total(Some(10_000))),
        },
        cap_mrp: c.cap_mrp,
        cap: tenge(domain::pb::cap(c.mrp, c.cap_mrp)),
        min_age: c.eligibility.min_age,
        schedule: ScheduleJson {
            collection_start: sc.collection_start,
            collection_end: sc.collection_end,
            review_end: sc.review_end,
            discussion_end: sc.discussion_end,
            voting_start: sc.voting_start,
            voting_end: sc.voting_end,
        },
        proposals: proposals.into_iter().map(proposal).collect(),
    }))
}

fn proposal(o: OpenProposal) -> ProposalJson {
    let p = o.proposal;
    ProposalJson {
        id: p.id,
        village: o.village,
        category: p.category.as_str(),
        cost: tenge(p.cost),
        status: p.status.as_str(),
        channel: p.channel.as_str(),
        votes: o.votes,
        title: p.title,
        place: p.place,
    }
}
