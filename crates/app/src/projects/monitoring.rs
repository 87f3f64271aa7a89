//! Public control of a funded project: the cycle's monitoring group (recorded by a
//! coordinator), its members' acceptance of finished work, residents' reports with photos and
//! officials' answers to them.

use super::{project, ProjectFile};
use crate::oversight::invitations::{self as seats, Body, DutyConflict};
use crate::{Actor, App, Error, Result};
use chrono::NaiveDate;
use domain::projects::{
    acceptance_remarks, report_text, FieldError, Judgement, RemarksError, ReportText, Verdict,
};
use domain::{Action, Contact};
use store::projects::monitoring::{self, AddMember};
use uuid::Uuid;

/// The monitoring group of a cycle, when one was recorded.
pub async fn group(app: &App, cycle: Uuid) -> Result<Option<monitoring::Group>> {
    Ok(monitoring::group(&app.db, cycle).await?)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupOutcome {
    /// The election is recorded and the person invited: the seat is theirs when they accept.
    Invited,
    /// The election is recorded; the person sits on the group already.
    Recorded,
    /// No account has this phone or e-mail.
    UnknownPerson,
    /// The group's members and pending invitations reach its most members already.
    Full,
    /// They may not sit on this group (security review M5): nothing was written.
    Refused(DutyConflict),
}

/// Whether an account has this phone or e-mail (the group form names members by contact).
pub async fn knows_contact(app: &App, contact: &Contact) -> Result<bool> {
    Ok(store::accounts::credentials(&app.db, contact)
        .await?
        .is_some())
}

/// Record the group's election and invite one member (found by phone or e-mail). Nobody
/// invites themselves, and nobody who coordinates the cycle's territory or sits on its expert
/// council is invited (checked again when they accept). No role is granted: the accepted seat
/// is what lets them sign acceptances.
pub async fn record_monitoring_group(
    app: &App,
    actor: &Actor,
    cycle: Uuid,
    elected_on: NaiveDate,
    gathering: &str,
    contact: &Contact,
) -> Result<GroupOutcome> {
    let (cy, t) = crate::pb::cycle(app, cycle).await?;
    let by = actor.require(Action::RecordMonitoringGroup, &t.path)?;
    actor.require(Action::InviteMember, &t.path)?;
    let Some((user, _)) = store::accounts::credentials(&app.db, contact).await? else {
        return Ok(GroupOutcome::UnknownPerson);
    };
    let body = Body::MonitoringGroup;
    if let Some(conflict) = seats::refusal(app, actor, user.id, body, cy.id, &t.path).await? {
        return Ok(GroupOutcome::Refused(conflict));
    }
    let now = app.clock.now();
    let gathering = gathering.trim();
    let member = monitoring::NewMember {
        cycle: cy.id,
        elected_on,
        gathering,
        user: user.id,
        by,
    };
    match monitoring::invite_member(&app.db, &member, now).await? {
        AddMember::Full => Ok(GroupOutcome::Full),
        AddMember::Invited => Ok(GroupOutcome::Invited),
        AddMember::Already => Ok(GroupOutcome::Recorded),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptanceOutcome {
    Signed,
    Refused(RemarksError),
}

/// A member's signature on the acceptance of finished work; signing again replaces it.
pub async fn sign_acceptance(
    app: &App,
    actor: &Actor,
    project_id: Uuid,
    verdict: Verdict,
    remarks: &str,
) -> Result<AcceptanceOutcome> {
    let proj = project(app, project_id).await?;
    // A seat on this cycle's group, and no other duty of the cycle: never a role grant.
    let (cycle, path) = (proj.cy.id, &proj.t.path);
    let by = seats::require_seat(app, actor, Action::SignAcceptance, cycle, path).await?;
    let remarks = match acceptance_remarks(verdict, remarks) {
        Ok(r) => r,
        Err(e) => return Ok(AcceptanceOutcome::Refused(e)),
    };
    let now = app.clock.now();
    monitoring::sign(&app.db, proj.p.id, by, verdict, remarks.as_str(), now).await?;
    Ok(AcceptanceOutcome::Signed)
}

/// A resident's report as checked: its text, judgement and optional coordinates.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub body: ReportText,
    pub judgement: Judgement,
    pub coordinates: Option<(f64, f64)>,
}

/// File a resident's report with its photos (already written to the uploads folder; at most
/// `domain::uploads::MONITORING_PHOTOS`), in one transaction. Returns the report's id.
pub async fn submit_report(
    app: &App,
    actor: &Actor,
    project_id: Uuid,
    report: NewReport,
    photos: Vec<ProjectFile>,
) -> Result<Uuid> {
    let proj = project(app, project_id).await?;
    let author = actor.require(Action::SubmitMonitoringReport, &proj.t.path)?;
    if photos.len() > domain::uploads::MONITORING_PHOTOS.files {
        return Err(Error::Internal("too many photos".into()));
    }
    let now = app.clock.now();
    let photos: Vec<ProjectFile> = photos
        .into_iter()
        .map(|f| ProjectFile {
            proposal_id: proj.p.id,
            created_at: now,
            ..f
        })
        .collect();
    let r = monitoring::NewReport {
        proposal_id: proj.p.id,
        author_id: author,
        body: report.body.into_string(),
        judgement: report.judgement,
        coordinates: report.coordinates,
        filed_at: now,
    };
    let id = monitoring::add_report(&app.db, &r, &photos).await?;
    tracing::info!(
        project = %proj.p.id,
        report = %id,
        photos = photos.len(),
        "monitoring report filed",
    );
    Ok(id)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerOutcome {
    Answered,
    /// The text is missing or too long.
    Refused(FieldError),
    /// Someone answered the report first.
    AlreadyAnswered,
}

/// An official's answer to a resident's report of this project (once).
pub async fn answer_report(
    app: &App,
    actor: &Actor,
    project_id: Uuid,
    report: Uuid,
    text: &str,
) -> Result<AnswerOutcome> {
    let proj = project(app, project_id).await?;
    let by = actor.require(Action::AnswerMonitoringReport, &proj.t.path)?;
    let r = monitoring::get_report(&app.db, report)
        .await?
        .filter(|r| r.proposal_id == proj.p.id)
        .ok_or(Error::NotFound)?;
    let text = match report_text(text) {
        Ok(t) => t,
        Err(e) => return Ok(AnswerOutcome::Refused(e)),
    };
    if !monitoring::answer(&app.db, r.id, text.as_str(), by, app.clock.now()).await? {
        return Ok(AnswerOutcome::AlreadyAnswered);
    }
    Ok(AnswerOutcome::Answered)
}
