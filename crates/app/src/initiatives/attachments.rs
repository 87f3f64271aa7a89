//! Files an author attaches to an initiative (the bytes are kept by the caller in the uploads
//! folder; here the record and its rules: only the author, not once finished, not too many).

use crate::{Actor, App, Error, Result};
use domain::initiatives::{may_attach, room_for_file};
use store::initiatives::attachments::{self, Attachment};
use store::initiatives::Initiative;
use uuid::Uuid;

/// A file already checked (size, content type) and saved under `id`.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub id: Uuid,
    pub content_type: String,
    pub size_bytes: i64,
}

/// The id a new file is saved under before it is recorded.
pub fn new_file_id() -> Uuid {
    store::new_id()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachOutcome {
    Added,
    /// The initiative has as many files as allowed.
    TooMany,
}

/// May the actor add files to `i` now (the author, until it is finished)?
pub fn may_add(actor: Option<&Actor>, i: &Initiative) -> bool {
    actor.is_some_and(|a| a.user.id == i.author_id) && may_attach(i.status)
}

pub async fn add_attachment(
    app: &App,
    actor: &Actor,
    id: Uuid,
    file: NewFile,
) -> Result<AttachOutcome> {
    let i = super::visible(app, Some(actor), id).await?;
    if !may_add(Some(actor), &i) {
        return Err(Error::Forbidden);
    }
    if !room_for_file(attachments::of(&app.db, id).await?.len()) {
        return Ok(AttachOutcome::TooMany);
    }
    let a = Attachment {
        id: file.id,
        initiative_id: id,
        content_type: file.content_type,
        size_bytes: file.size_bytes,
        created_at: app.clock.now(),
    };
    attachments::add(&app.db, &a, actor.user.id).await?;
    tracing::info!(initiative = %id, attachment = %a.id, bytes = a.size_bytes, "attachment added");
    Ok(AttachOutcome::Added)
}

/// The files of an initiative, oldest first.
pub async fn attachments(app: &App, id: Uuid) -> Result<Vec<Attachment>> {
    Ok(attachments::of(&app.db, id).await?)
}

pub async fn attachment(app: &App, id: Uuid, file: Uuid) -> Result<Attachment> {
    attachments::get(&app.db, id, file)
        .await?
        .ok_or(Error::NotFound)
}
