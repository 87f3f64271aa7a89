//! Attachments: an author adds PDFs or photos to an initiative; anyone who can see the
//! initiative downloads them. Files are checked by their content (not their name), limited in
//! size and number, and kept in the uploads folder outside the web root.

use super::{is_author, load_visible};
use crate::pages::{require_viewer, Ctx};
use crate::{AppError, AppState};
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::initiatives::Status;
use store::initiatives::attachments::{self, Attachment};
use store::initiatives::Initiative;
use uuid::Uuid;

pub const MAX_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_FILES: usize = 5;

/// The type of a file from its first bytes; only PDF, PNG and JPEG are taken.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]) {
        Some("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// A name safe to show and to send back in `Content-Disposition`.
fn clean_name(raw: Option<&str>) -> String {
    let base = raw.unwrap_or("").rsplit(['/', '\\']).next().unwrap_or("");
    let name: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\' | ';'))
        .take(120)
        .collect();
    if name.trim().is_empty() {
        "file".into()
    } else {
        name.trim().to_string()
    }
}

fn path(s: &AppState, id: Uuid) -> std::path::PathBuf {
    s.config.uploads.join("initiatives").join(id.to_string())
}

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
            "ini-attach-err-count",
        )
        .await;
    }
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Ok(Some(mut field)) = multipart.next_field().await {
        if field.name() != Some("file") {
            continue;
        }
        let name = clean_name(field.file_name());
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    // Stop reading as soon as the limit is passed: nothing is kept.
                    if bytes.len() + chunk.len() > MAX_BYTES {
                        return refused(
                            &s,
                            &c,
                            &ini,
                            StatusCode::PAYLOAD_TOO_LARGE,
                            "ini-attach-err-size",
                        )
                        .await;
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(_) => {
                    return refused(
                        &s,
                        &c,
                        &ini,
                        StatusCode::BAD_REQUEST,
                        "ini-attach-err-empty",
                    )
                    .await
                }
            }
        }
        file = Some((name, bytes));
        break;
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return refused(
            &s,
            &c,
            &ini,
            StatusCode::UNPROCESSABLE_ENTITY,
            "ini-attach-err-empty",
        )
        .await;
    };
    let Some(content_type) = sniff(&bytes) else {
        return refused(
            &s,
            &c,
            &ini,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "ini-attach-err-type",
        )
        .await;
    };
    let a = Attachment {
        id: store::new_id(),
        initiative_id: ini.id,
        file_name: name,
        content_type: content_type.to_string(),
        size_bytes: bytes.len() as i64,
        created_at: chrono::Utc::now(),
    };
    let target = path(&s, a.id);
    if let Some(dir) = target.parent() {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| AppError::Internal(format!("uploads folder: {e}")))?;
    }
    tokio::fs::write(&target, &bytes)
        .await
        .map_err(|e| AppError::Internal(format!("writing an upload: {e}")))?;
    if let Err(e) = attachments::add(&s.db, &a, v.user.id).await {
        // No record, no file: nothing is left half-written.
        let _ = tokio::fs::remove_file(&target).await;
        return Err(e.into());
    }
    tracing::info!(initiative = %ini.id, attachment = %a.id, bytes = a.size_bytes, "attachment added");
    Ok(Redirect::to(&format!("/initiatives/{}?ok=ini-attach-added", ini.id)).into_response())
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
    let bytes = tokio::fs::read(path(&s, a.id))
        .await
        .map_err(|_| AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, a.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}\"",
                    a.file_name.replace(|c: char| !c.is_ascii(), "_")
                ),
            ),
            (header::CACHE_CONTROL, "private, max-age=3600".to_string()),
        ],
        bytes,
    )
        .into_response())
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
                c.t_str("ini-attach-size", "kb", &c.number(kb)),
            )
        })
        .collect();
    Ok((rows, can))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_by_content_and_safe_names() {
        assert_eq!(sniff(b"%PDF-1.7 ..."), Some("application/pdf"));
        assert_eq!(sniff(&[0xff, 0xd8, 0xff, 0xe0]), Some("image/jpeg"));
        assert_eq!(sniff(b"MZ\x90\x00"), None);
        assert_eq!(sniff(b"<html>"), None);
        assert_eq!(
            clean_name(Some("C:\\Users\\a\\смета \"1\".pdf")),
            "смета 1.pdf"
        );
        assert_eq!(clean_name(Some("../../etc/passwd")), "passwd");
        assert_eq!(clean_name(None), "file");
    }
}
