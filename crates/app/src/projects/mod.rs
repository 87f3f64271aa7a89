//! Implementation of funded projects: what officials record (contract, dates, milestones,
//! payments, files), the monitoring group and its acceptance, residents' reports and the
//! answers owed to them; and the reads behind the public page, the lists and the open data.

pub mod edit;
pub mod monitoring;

pub use edit::{edit_implementation, EditOutcome, ImplementationEdit};
pub use monitoring::{
    answer_report, group, knows_contact, record_monitoring_group, sign_acceptance, submit_report,
    AcceptanceOutcome, AnswerOutcome, GroupOutcome, NewReport,
};
pub use store::pb::proposals::Proposal;
pub use store::pb::Cycle;
pub use store::projects::files::ProjectFile;
pub use store::projects::monitoring::{Acceptance, Group, Report};
pub use store::projects::{Implementation, LogLine, Milestone, Payment};
pub use store::territories::Territory;

use crate::{Actor, App, Error, Result};
use chrono::NaiveDate;
use domain::projects::{answer_due, days_overdue, health, progress, Health};
use domain::{Action, Kato, Tenge};
use uuid::Uuid;

/// A funded proposal with its cycle and the cycle's territory.
pub struct Project {
    pub p: Proposal,
    pub cy: Cycle,
    pub t: Territory,
}

/// A proposal of a published selection; anything else is "not found".
pub async fn project(app: &App, id: Uuid) -> Result<Project> {
    let p = store::pb::proposals::get(&app.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    if !store::projects::is_funded(&app.db, p.cycle_id, p.id).await? {
        return Err(Error::NotFound);
    }
    let (cy, t) = crate::pb::cycle(app, p.cycle_id).await?;
    Ok(Project { p, cy, t })
}

/// A resident's report with its answer deadline (10 working days on the holiday table).
pub struct ReportStatus {
    pub report: Report,
    pub due: NaiveDate,
    /// Calendar days past `due` while unanswered; 0 otherwise.
    pub days_overdue: i64,
}

impl ReportStatus {
    pub fn overdue(&self) -> bool {
        self.days_overdue > 0
    }
}

/// Everything a project's public page and its open data show.
pub struct ProjectRecord {
    pub implementation: Option<Implementation>,
    pub milestones: Vec<Milestone>,
    pub payments: Vec<Payment>,
    pub paid: Tenge,
    pub progress: u8,
    pub health: Health,
    pub documents: Vec<ProjectFile>,
    /// The photos of every report (each names its report).
    pub report_photos: Vec<ProjectFile>,
    pub acceptances: Vec<Acceptance>,
    /// Newest first.
    pub reports: Vec<ReportStatus>,
    /// Newest first.
    pub log: Vec<LogLine>,
    /// Kazakhstan date the record was read on.
    pub today: NaiveDate,
}

impl ProjectRecord {
    /// A milestone not finished by its due date.
    pub fn milestone_late(&self, m: &Milestone) -> bool {
        m.progress < 100 && m.due.is_some_and(|d| d < self.today)
    }
}

/// The implementation, progress and health of a project (the parts the lists show).
async fn state(
    app: &App,
    pid: Uuid,
    today: NaiveDate,
) -> Result<(Option<Implementation>, Vec<Milestone>, Tenge, u8, Health)> {
    let imp = store::projects::get(&app.db, pid).await?;
    let ms = store::projects::milestones(&app.db, pid).await?;
    let paid = store::projects::paid(&app.db, pid).await?;
    let finished = imp.as_ref().is_some_and(|i| i.actual_end.is_some());
    let percents: Vec<u8> = ms.iter().map(|m| m.progress).collect();
    let h = imp
        .as_ref()
        .map(|i| health(i.planned_end, i.actual_end, today, i.contract_sum, paid))
        .unwrap_or_default();
    Ok((imp, ms, paid, progress(&percents, finished), h))
}

/// A project and its whole public record.
pub async fn project_record(app: &App, id: Uuid) -> Result<(Project, ProjectRecord)> {
    let proj = project(app, id).await?;
    let pid = proj.p.id;
    let today = app.clock.today();
    let (implementation, milestones, paid, progress, health) = state(app, pid, today).await?;
    let cal = crate::oversight::calendar(app).await?;
    let reports = store::projects::monitoring::reports(&app.db, pid)
        .await?
        .into_iter()
        .map(|r| {
            let due = answer_due(&cal, r.created_at);
            let late = if r.answer.is_none() {
                days_overdue(due, today)
            } else {
                0
            };
            ReportStatus {
                report: r,
                due,
                days_overdue: late,
            }
        })
        .collect();
    let record = ProjectRecord {
        implementation,
        milestones,
        payments: store::projects::payments(&app.db, pid).await?,
        paid,
        progress,
        health,
        documents: store::projects::files::of_project(&app.db, pid).await?,
        report_photos: store::projects::files::of_reports(&app.db, pid).await?,
        acceptances: store::projects::monitoring::acceptances(&app.db, pid).await?,
        reports,
        log: store::projects::log(&app.db, pid).await?,
        today,
    };
    Ok((proj, record))
}

/// Whether the person may sign the acceptance of the project's works: a seat on its cycle's
/// monitoring group and no other duty of the cycle (security review M5).
pub async fn may_sign(app: &App, actor: Option<&Actor>, proj: &Project) -> Result<bool> {
    let action = Action::SignAcceptance;
    crate::oversight::invitations::may_act(app, actor, action, proj.cy.id, &proj.t.path).await
}

/// A file of a project (a document or a report's photo); public, like the project.
pub async fn file(app: &App, project_id: Uuid, file: Uuid) -> Result<ProjectFile> {
    let proj = project(app, project_id).await?;
    store::projects::files::get(&app.db, proj.p.id, file)
        .await?
        .ok_or(Error::NotFound)
}

/// One line of a list of funded projects.
pub struct Summary {
    pub cycle_id: Uuid,
    pub proposal: Proposal,
    pub implementation: Option<Implementation>,
    pub progress: u8,
    pub health: Health,
    /// Reports still waiting for an answer.
    pub unanswered: usize,
}

async fn summaries(app: &App, ids: Vec<(Uuid, Uuid)>) -> Result<Vec<Summary>> {
    let today = app.clock.today();
    let mut out = Vec::with_capacity(ids.len());
    for (cycle_id, id) in ids {
        let Some(p) = store::pb::proposals::get(&app.db, id).await? else {
            continue;
        };
        let (implementation, _, _, progress, health) = state(app, p.id, today).await?;
        let unanswered = store::projects::monitoring::reports(&app.db, p.id)
            .await?
            .iter()
            .filter(|r| r.answer.is_none())
            .count();
        out.push(Summary {
            cycle_id,
            proposal: p,
            implementation,
            progress,
            health,
            unanswered,
        });
    }
    Ok(out)
}

/// The funded projects of a cycle, in the order the count selected them.
pub async fn of_cycle(app: &App, cycle: Uuid) -> Result<(Cycle, Territory, Vec<Summary>)> {
    let (cy, t) = crate::pb::cycle(app, cycle).await?;
    let ids = store::projects::funded_of_cycle(&app.db, cy.id).await?;
    let list = summaries(app, ids.into_iter().map(|p| (cy.id, p)).collect()).await?;
    Ok((cy, t, list))
}

/// The funded projects of every cycle of a territory (its path) and below, newest cycles
/// first; the whole country for an empty path.
pub async fn under(app: &App, path: &[Kato]) -> Result<Vec<Summary>> {
    let prefix = store::territories::path_string(path);
    let ids = store::projects::funded_under(&app.db, &prefix).await?;
    summaries(app, ids).await
}
