//! Attachments: an author adds PDFs or photos to an initiative; anyone who can see the
//! initiative downloads them. Files are checked by their content (not their name), limited in
//! size and number, and kept in the uploads folder outside the web root. Photos are re-encoded
//! without their metadata; a PDF is kept as it is (the form says so); the name a file was
//! uploaded with is never kept (security review M6).

use super::{load_visible, show};
use crate::extract::{Id, Ids, Multipart};
use crate::pages::{require_viewer, Ctx, Rejected};
use crate::uploads::{self, read_limited, Refusal};
use crate::{AppError, AppState};
use app::initiatives::{self as ini, AttachOutcome, Initiative, NewFile};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::initiatives::room_for_file;
use uuid::Uuid;

pub const MAX_BYTES: usize = domain::uploads::INITIATIVE_ATTACHMENTS.bytes;

const AREA: &str = "initiatives";

fn may_attach(c: &Ctx, i: &Initiative) -> bool {
    ini::may_add(c.viewer.as_ref(), i)
}

/// One file read from the form and checked: there is room for it, it is not too large and it
/// is a PDF or a photo (re-encoded). Otherwise why it was refused.
async fn checked_file(
    s: &AppState,
    c: &Ctx,
    ini: &Initiative,
    multipart: &mut Multipart,
) -> Result<Result<(Vec<u8>, &'static str), Rejected>, AppError> {
    let refuse = |status, id: &str| Ok(Err(Rejected::refused(status, c.t(id))));
    if !room_for_file(ini::attachments(s, ini.id).await?.len()) {
        return Ok(Err(too_many(c)));
    }
    let mut file: Option<Vec<u8>> = None;
    while let Ok(Some(mut field)) = multipart.next_field().await {
        if field.name() != Some("file") {
            continue;
        }
        let bytes = match read_limited(&mut field, MAX_BYTES).await {
            Ok(b) => b,
            Err(Refusal::TooLarge) => {
                return refuse(StatusCode::PAYLOAD_TOO_LARGE, "initiatives-attach-err-size")
            }
            Err(_) => return refuse(StatusCode::BAD_REQUEST, "initiatives-attach-err-empty"),
        };
        file = Some(bytes);
        break;
    }
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        let empty = c.t("initiatives-attach-err-empty");
        return Ok(Err(Rejected::unprocessable(empty)));
    };
    match uploads::checked(bytes, false).await {
        Ok((content_type, bytes)) => Ok(Ok((bytes, content_type))),
        Err(Refusal::Type) => refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "initiatives-attach-err-type",
        ),
        Err(r) => refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            r.shared_message().unwrap_or("initiatives-attach-err-type"),
        ),
    }
}

fn too_many(c: &Ctx) -> Rejected {
    Rejected::unprocessable(c.t("initiatives-attach-err-count"))
}

pub async fn upload(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let ini = load_visible(&s, &c, id).await?;
    if !may_attach(&c, &ini) {
        return Err(AppError::Forbidden);
    }
    let (bytes, content_type) = match checked_file(&s, &c, &ini, &mut multipart).await? {
        Ok(file) => file,
        Err(refused) => return show::page(&s, &c, &ini, Default::default(), &refused).await,
    };
    let file = NewFile {
        id: ini::new_file_id(),
        content_type: content_type.to_string(),
        size_bytes: bytes.len() as i64,
    };
    let file_id = file.id;
    uploads::save(&s, AREA, file_id, &bytes).await?;
    match ini::add_attachment(&s, v, ini.id, file).await {
        Ok(AttachOutcome::Added) => {}
        Ok(AttachOutcome::TooMany) => {
            uploads::discard(&s, AREA, &[file_id]).await;
            return show::page(&s, &c, &ini, Default::default(), &too_many(&c)).await;
        }
        Err(e) => {
            // No record, no file: nothing is left half-written.
            uploads::discard(&s, AREA, &[file_id]).await;
            return Err(e.into());
        }
    }
    Ok(Redirect::to(&format!(
        "/initiatives/{}?ok=initiatives-attach-added",
        ini.id
    ))
    .into_response())
}

pub async fn download(
    State(s): State<AppState>,
    c: Ctx,
    Ids(id, aid): Ids,
) -> Result<Response, AppError> {
    let ini = load_visible(&s, &c, id).await?;
    let a = ini::attachment(&s, ini.id, aid).await?;
    uploads::send(&s, AREA, a.id, &a.content_type, "private, max-age=3600").await
}

/// (id, name, size) of each attachment, for the initiative's page.
pub async fn listed(
    s: &AppState,
    c: &Ctx,
    ini: &Initiative,
) -> Result<(Vec<(Uuid, String, String)>, bool), AppError> {
    let list = ini::attachments(s, ini.id).await?;
    let can = may_attach(c, ini) && room_for_file(list.len());
    let labels = uploads::labels(c, list.iter().map(|a| a.content_type.as_str()));
    let rows = list
        .into_iter()
        .zip(labels)
        .map(|(a, label)| {
            let kb = (a.size_bytes + 1023) / 1024;
            (
                a.id,
                label,
                c.t_str("initiatives-attach-size", "kb", &c.number(kb)),
            )
        })
        .collect();
    Ok((rows, can))
}
