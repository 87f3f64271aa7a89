//! `GET /api/v1/projects/{id}/implementation`: a funded project's record as open data.

use super::load;
use crate::{AppError, AppState};
use axum::extract::{Path, State};
use axum::Json;
use chrono::{NaiveDate, Utc};
use domain::projects::{answer_due, days_overdue, health, progress};
use serde::Serialize;
use store::projects::{self as prj, monitoring};

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
    Path(id): Path<String>,
) -> Result<Json<ImplementationJson>, AppError> {
    let proj = load(&s, &id).await?;
    let pid = proj.p.id;
    let today = s.clock.today();
    let imp = prj::get(&s.db, pid).await?;
    let ms = prj::milestones(&s.db, pid).await?;
    let paid = prj::paid(&s.db, pid).await?;
    let h = imp
        .as_ref()
        .map(|i| health(i.planned_end, i.actual_end, today, i.contract_sum, paid))
        .unwrap_or_default();
    let percents: Vec<u8> = ms.iter().map(|m| m.progress).collect();
    let cal = prj::calendar(&s.db).await?;
    Ok(Json(ImplementationJson {
        proposal_id: pid,
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
        progress: progress(
            &percents,
            imp.as_ref().is_some_and(|i| i.actual_end.is_some()),
        ),
        paid_tenge: paid.tiyn() / 100,
        late: h.late,
        over_budget: h.over_budget,
        milestones: ms
            .into_iter()
            .map(|m| MilestoneJson {
                title: m.title,
                due: m.due,
                progress: m.progress,
            })
            .collect(),
        payments: prj::payments(&s.db, pid)
            .await?
            .into_iter()
            .map(|p| PaymentJson {
                date: p.paid_on,
                amount_tenge: p.amount.tiyn() / 100,
                note: p.note,
            })
            .collect(),
        acceptance: monitoring::acceptances(&s.db, pid)
            .await?
            .into_iter()
            .map(|a| AcceptanceJson {
                member: a.name,
                verdict: a.verdict.as_str(),
                remarks: a.remarks,
                signed_at: a.signed_at,
            })
            .collect(),
        reports: monitoring::reports(&s.db, pid)
            .await?
            .into_iter()
            .map(|r| {
                let due = answer_due(&cal, r.created_at);
                ReportJson {
                    id: r.id,
                    judgement: r.judgement.as_str(),
                    text: r.body,
                    filed_at: r.created_at,
                    answer_due: due,
                    answered: r.answer.is_some(),
                    overdue: r.answer.is_none() && days_overdue(due, today) > 0,
                    answer: r.answer,
                }
            })
            .collect(),
        log: prj::log(&s.db, pid)
            .await?
            .into_iter()
            .map(|l| LogJson {
                at: l.at,
                what: l.what,
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
    axum::extract::Query(q): axum::extract::Query<ListQuery>,
) -> Result<Json<Vec<ProjectSummary>>, AppError> {
    let prefix = match q.territory.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => store::territories::path_string(&crate::territories::load(&s, k).await?.path),
        None => "/".to_string(),
    };
    let today = s.clock.today();
    let mut out = Vec::new();
    for (cycle, id) in prj::funded_under(&s.db, &prefix).await? {
        let Some(p) = store::pb::proposals::get(&s.db, id).await? else {
            continue;
        };
        let imp = prj::get(&s.db, id).await?;
        let ms: Vec<u8> = prj::milestones(&s.db, id)
            .await?
            .iter()
            .map(|m| m.progress)
            .collect();
        let paid = prj::paid(&s.db, id).await?;
        let h = imp
            .as_ref()
            .map(|i| health(i.planned_end, i.actual_end, today, i.contract_sum, paid))
            .unwrap_or_default();
        out.push(ProjectSummary {
            id,
            cycle_id: cycle,
            title: p.title,
            recorded: imp.is_some(),
            progress: progress(&ms, imp.as_ref().is_some_and(|i| i.actual_end.is_some())),
            late: h.late,
            over_budget: h.over_budget,
        });
    }
    Ok(Json(out))
}
