//! Attachments: an author adds PDFs or photos to an initiative; anyone who can see the
//! initiative downloads them. Files are checked by their content (not their name), limited in
//! size and number, and kept in the uploads folder outside the web root.

use super::{is_author, load_visible};
use crate::pages::{require_viewer, Ctx};
use crate::uploads::{self, clean_name, read_limited, sniff, Refusal};
use crate::{AppError, AppState};
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::initiatives::Status;
use store::initiatives::attachments::{self, Attachment};
use store::initiatives::Initiative;
use uuid::Uuid;

pub const MAX_BYTES: usize = domain::uploads::INITIATIVE_ATTACHMENTS.bytes;
pub const MAX_FILES: usize = domain::uploads::INITIATIVE_ATTACHMENTS.files;

const AREA: &str = "initiatives";

fn may_attach(c: &Ctx, ini: &Initiative) -> bool {
    is_author(c, ini) && !matches!(ini.status, Status::Closed | Status::Implemented)
}

async fn refused(
    s: &AppState,
    c: &Ctx,
    ini: &Initiative,
    status: StatusCode,
    id: &str,
) -> Result<Response, AppError> {
    super::show::refused_page(s, c, ini, status, id).await
}

pub async fn upload(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let ini = load_visible(&s, &c, &id).await?;
    if !may_attach(&c, &ini) {
        return Err(AppError::Forbidden);
    }
    if attachments::of(&s.db, ini.id).await?.len() >= MAX_FILES {
        return refused(
            &s,
            &c,
            &ini,
            StatusCode::UNPROCESSABLE_ENTITY,
            "initiatives-attach-err-count",
        )
        .await;
    }
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Ok(Some(mut field)) = multipart.next_field().await {
        if field.name() != Some("file") {
            continue;
        }
        let name = clean_name(field.file_name());
        let bytes = match read_limited(&mut field, MAX_BYTES).await {
            Ok(b) => b,
            Err(Refusal::TooLarge) => {
                return refused(
                    &s,
                    &c,
                    &ini,
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "initiatives-attach-err-size",
                )
                .await;
            }
            Err(_) => {
                return refused(
                    &s,
                    &c,
                    &ini,
                    StatusCode::BAD_REQUEST,
                    "initiatives-attach-err-empty",
                )
                .await
            }
        };
        file = Some((name, bytes));
        break;
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return refused(
            &s,
            &c,
            &ini,
            StatusCode::UNPROCESSABLE_ENTITY,
            "initiatives-attach-err-empty",
        )
        .await;
    };
    let Some(content_type) = sniff(&bytes) else {
        return refused(
            &s,
            &c,
            &ini,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "initiatives-attach-err-type",
        )
        .await;
    };
    let a = Attachment {
        id: store::new_id(),
        initiative_id: ini.id,
        file_name: name,
        content_type: content_type.to_string(),
        size_bytes: bytes.len() as i64,
        created_at: s.clock.now(),
    };
    uploads::save(&s, AREA, a.id, &bytes).await?;
    if let Err(e) = attachments::add(&s.db, &a, v.user.id).await {
        // No record, no file: nothing is left half-written.
        uploads::discard(&s, AREA, &[a.id]).await;
        return Err(e.into());
    }
    tracing::info!(initiative = %ini.id, attachment = %a.id, bytes = a.size_bytes, "attachment added");
    Ok(Redirect::to(&format!(
        "/initiatives/{}?ok=initiatives-attach-added",
        ini.id
    ))
    .into_response())
}

pub async fn download(
    State(s): State<AppState>,
    c: Ctx,
    Path((id, aid)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let ini = load_visible(&s, &c, &id).await?;
    let aid = Uuid::parse_str(&aid).map_err(|_| AppError::NotFound)?;
    let a = attachments::get(&s.db, ini.id, aid)
        .await?
        .ok_or(AppError::NotFound)?;
    uploads::send(
        &s,
        AREA,
        a.id,
        &a.content_type,
        &a.file_name,
        "private, max-age=3600",
    )
    .await
}

/// (id, name, size) of each attachment, for the initiative's page.
pub async fn listed(
    s: &AppState,
    c: &Ctx,
    ini: &Initiative,
) -> Result<(Vec<(Uuid, String, String)>, bool), AppError> {
    let list = attachments::of(&s.db, ini.id).await?;
    let can = may_attach(c, ini) && list.len() < MAX_FILES;
    let rows = list
        .into_iter()
        .map(|a| {
            let kb = (a.size_bytes + 1023) / 1024;
            (
                a.id,
                a.file_name,
                c.t_str("initiatives-attach-size", "kb", &c.number(kb)),
            )
        })
        .collect();
    Ok((rows, can))
}
