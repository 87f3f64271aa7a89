//! `GET /api/v1/projects/{id}/implementation`: a funded project's record as open data.

use crate::extract::Id;
use crate::{AppError, AppState};
use axum::extract::State;
use axum::Json;
use chrono::{NaiveDate, Utc};
use serde::Serialize;

#[derive(Serialize)]
pub struct Contract {
    contractor_name: String,
    contractor_bin: String,
    number: String,
    sum_tenge: i64,
}

#[derive(Serialize)]
pub struct MilestoneJson {
    title: String,
    due: Option<NaiveDate>,
    progress: u8,
}

#[derive(Serialize)]
pub struct PaymentJson {
    date: NaiveDate,
    amount_tenge: i64,
    note: String,
}

#[derive(Serialize)]
pub struct AcceptanceJson {
    member: String,
    verdict: &'static str,
    remarks: String,
    signed_at: chrono::DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ReportJson {
    id: uuid::Uuid,
    judgement: &'static str,
    text: String,
    filed_at: chrono::DateTime<Utc>,
    answer_due: NaiveDate,
    answered: bool,
    overdue: bool,
    answer: Option<String>,
}

#[derive(Serialize)]
pub struct LogJson {
    at: chrono::DateTime<Utc>,
    what: String,
    detail: String,
}

#[derive(Serialize)]
pub struct ImplementationJson {
    proposal_id: uuid::Uuid,
    cycle_id: uuid::Uuid,
    territory: String,
    title: String,
    recorded: bool,
    contract: Option<Contract>,
    planned_start: Option<NaiveDate>,
    planned_end: Option<NaiveDate>,
    actual_start: Option<NaiveDate>,
    actual_end: Option<NaiveDate>,
    progress: u8,
    paid_tenge: i64,
    late: bool,
    over_budget: bool,
    milestones: Vec<MilestoneJson>,
    payments: Vec<PaymentJson>,
    acceptance: Vec<AcceptanceJson>,
    reports: Vec<ReportJson>,
    log: Vec<LogJson>,
}

pub async fn implementation(
    State(s): State<AppState>,
    Id(id): Id,
) -> Result<Json<ImplementationJson>, AppError> {
    let (proj, rec) = app::projects::project_record(&s, id).await?;
    let imp = rec.implementation;
    Ok(Json(ImplementationJson {
        proposal_id: proj.p.id,
        cycle_id: proj.cy.id,
        territory: proj.t.kato.to_string(),
        title: proj.p.title.clone(),
        recorded: imp.is_some(),
        contract: imp.as_ref().map(|i| Contract {
            contractor_name: i.contractor_name.clone(),
            contractor_bin: i.contractor_bin.clone(),
            number: i.contract_number.clone(),
            sum_tenge: i.contract_sum.tiyn() / 100,
        }),
        planned_start: imp.as_ref().and_then(|i| i.planned_start),
        planned_end: imp.as_ref().and_then(|i| i.planned_end),
        actual_start: imp.as_ref().and_then(|i| i.actual_start),
        actual_end: imp.as_ref().and_then(|i| i.actual_end),
        progress: rec.progress,
        paid_tenge: rec.paid.tiyn() / 100,
        late: rec.health.late,
        over_budget: rec.health.over_budget,
        milestones: rec
            .milestones
            .into_iter()
            .map(|m| MilestoneJson {
                title: m.title,
                due: m.due,
                progress: m.progress,
            })
            .collect(),
        payments: rec
            .payments
            .into_iter()
            .map(|p| PaymentJson {
                date: p.paid_on,
                amount_tenge: p.amount.tiyn() / 100,
                note: p.note,
            })
            .collect(),
        acceptance: rec
            .acceptances
            .into_iter()
            .map(|a| AcceptanceJson {
                member: a.name,
                verdict: a.verdict.as_str(),
                remarks: a.remarks,
                signed_at: a.signed_at,
            })
            .collect(),
        reports: rec
            .reports
            .into_iter()
            .map(|st| {
                let overdue = st.overdue();
                let r = st.report;
                ReportJson {
                    id: r.id,
                    judgement: r.judgement.as_str(),
                    text: r.body,
                    filed_at: r.created_at,
                    answer_due: st.due,
                    answered: r.answer.is_some(),
                    overdue,
                    answer: r.answer,
                }
            })
            .collect(),
        log: rec
            .log
            .into_iter()
            .map(|l| LogJson {
                at: l.at,
                what: l.what.as_str().to_string(),
                detail: l.detail,
            })
            .collect(),
    }))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    territory: Option<String>,
}

#[derive(Serialize)]
pub struct ProjectSummary {
    id: uuid::Uuid,
    cycle_id: uuid::Uuid,
    title: String,
    recorded: bool,
    progress: u8,
    late: bool,
    over_budget: bool,
}

/// `GET /api/v1/projects[?territory=KATO]`: funded projects here and below (all without a
/// territory), newest cycles first.
pub async fn list(
    State(s): State<AppState>,
    crate::extract::Query(q): crate::extract::Query<ListQuery>,
) -> Result<Json<Vec<ProjectSummary>>, AppError> {
    let path = match q.territory.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => crate::territories::load(&s, k).await?.path,
        None => Vec::new(),
    };
    let out = app::projects::under(&s, &path)
        .await?
        .into_iter()
        .map(|x| ProjectSummary {
            id: x.proposal.id,
            cycle_id: x.cycle_id,
            title: x.proposal.title,
            recorded: x.implementation.is_some(),
            progress: x.progress,
            late: x.health.late,
            over_budget: x.health.over_budget,
        })
        .collect();
    Ok(Json(out))
}
