//! What officials of the territory record about a funded project: the contract and dates,
//! milestones, payments, documents and photos. Every change is logged publicly.

use super::{project, ProjectFile};
use crate::{Actor, App, Error, Result};
use chrono::NaiveDate;
use domain::projects::MAX_DOCUMENTS;
use domain::Action;
use store::projects::{Implementation, Payment};
use uuid::Uuid;

/// One change to a project's implementation record.
#[derive(Debug, Clone)]
pub enum ImplementationEdit {
    /// The contractor, contract and dates (the proposal id is the project's).
    Record(Implementation),
    AddMilestone {
        title: String,
        due: Option<NaiveDate>,
        progress: u8,
    },
    SetProgress {
        milestone: Uuid,
        progress: u8,
    },
    AddPayment(Payment),
    /// A document or photo already written to the uploads folder.
    AddFile(ProjectFile),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOutcome {
    Saved,
    /// The project has [`MAX_DOCUMENTS`] files already.
    TooManyFiles,
}

pub async fn edit_implementation(
    app: &App,
    actor: &Actor,
    project_id: Uuid,
    edit: ImplementationEdit,
) -> Result<EditOutcome> {
    let proj = project(app, project_id).await?;
    let by = actor.require(Action::EditImplementation, &proj.t.path)?;
    let pid = proj.p.id;
    let now = app.clock.now();
    let db = &app.db;
    match edit {
        ImplementationEdit::Record(i) => {
            let i = Implementation {
                proposal_id: pid,
                ..i
            };
            store::projects::save(db, &i, by, now).await?;
        }
        ImplementationEdit::AddMilestone {
            title,
            due,
            progress,
        } => {
            store::projects::add_milestone(db, pid, &title, due, progress, by, now).await?;
        }
        ImplementationEdit::SetProgress {
            milestone,
            progress,
        } => {
            if !store::projects::set_progress(db, pid, milestone, progress, by, now).await? {
                return Err(Error::NotFound);
            }
        }
        ImplementationEdit::AddPayment(p) => {
            store::projects::add_payment(db, pid, &p, by, now).await?;
        }
        ImplementationEdit::AddFile(f) => {
            let count = store::projects::files::of_project(db, pid).await?.len();
            if count >= MAX_DOCUMENTS {
                return Ok(EditOutcome::TooManyFiles);
            }
            let f = ProjectFile {
                proposal_id: pid,
                report_id: None,
                created_at: now,
                ..f
            };
            store::projects::files::add(db, &f, by, now).await?;
        }
    }
    Ok(EditOutcome::Saved)
}
