//! Uploaded files, shared by every capability that takes them: multipart forms (the CSRF
//! token in the action URL), type by content not by name, a size limit checked while reading
//! so nothing oversized is ever kept, and storage under `DATA/uploads/<area>/<id>`.
//!
//! Nothing hidden is kept or sent (security review M6): every photo is decoded and encoded
//! again (`app::uploads::clean_photo`: no EXIF, GPS, comments; at most 2,048 pixels on the long
//! side), the name a file was uploaded with is never kept, and files are sent under a name made
//! from their id (`photo-<id>.jpg`, `document-<id>.pdf`).

use crate::extract::Multipart;
use crate::{AppError, AppState};
use axum::extract::multipart::Field;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::path::PathBuf;
use uuid::Uuid;

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

/// The type of a photo from its first bytes: PNG or JPEG only.
pub fn sniff_photo(bytes: &[u8]) -> Option<&'static str> {
    sniff(bytes).filter(|t| t.starts_with("image/"))
}

/// Why an upload was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    TooLarge,
    /// Not PDF, PNG or JPEG (or, where only photos are taken, not PNG or JPEG).
    Type,
    /// No file, or the request broke off.
    Empty,
    /// A photo whose header declares too many pixels (a decompression bomb), refused before it
    /// is decoded.
    Pixels,
    /// Looks like a PNG or JPEG but cannot be decoded.
    Unreadable,
    /// A text field of the form longer than [`MAX_TEXT_FIELD`] (security review L7): refused
    /// while it is read, never buffered whole.
    TextTooLarge,
}

/// The most bytes one text field of a multipart form may carry. The longest text any form
/// takes (a monitoring report, a land report's description) is well under it; the limit is
/// there so that a field cannot hold the whole body limit in memory.
pub const MAX_TEXT_FIELD: usize = 64 * 1024;

impl Refusal {
    /// The message of the refusals every upload form shares; `None` for those each form words
    /// itself.
    pub fn shared_message(self) -> Option<&'static str> {
        match self {
            Refusal::Pixels => Some("upload-err-pixels"),
            Refusal::Unreadable => Some("upload-err-unreadable"),
            Refusal::TextTooLarge => Some("upload-err-text-size"),
            Refusal::TooLarge | Refusal::Type | Refusal::Empty => None,
        }
    }
}

/// Check a file by its content: a PDF is kept as it is (`photos_only` refuses it); a photo is
/// decoded and encoded again without its metadata, off the async threads. Returns the type and
/// the bytes to store.
pub async fn checked(
    bytes: Vec<u8>,
    photos_only: bool,
) -> Result<(&'static str, Vec<u8>), Refusal> {
    let kind = if photos_only {
        sniff_photo(&bytes)
    } else {
        sniff(&bytes)
    };
    match kind {
        None => Err(Refusal::Type),
        Some(t) if !domain::uploads::is_photo(t) => Ok((t, bytes)),
        Some(_) => match app::uploads::clean_photo_off_thread(bytes).await {
            Ok(photo) => Ok((photo.content_type, photo.bytes)),
            Err(app::uploads::PhotoError::TooManyPixels) => Err(Refusal::Pixels),
            Err(app::uploads::PhotoError::Unreadable) => Err(Refusal::Unreadable),
        },
    }
}

/// Read one file field, stopping as soon as it passes `max` bytes.
pub async fn read_limited(field: &mut Field<'_>, max: usize) -> Result<Vec<u8>, Refusal> {
    let mut bytes = Vec::new();
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() + chunk.len() > max {
                    return Err(Refusal::TooLarge);
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(bytes),
            Err(_) => return Err(Refusal::Empty),
        }
    }
}

/// Read one text field, stopping as soon as it passes [`MAX_TEXT_FIELD`] bytes. Bytes that are
/// not UTF-8 are replaced rather than refused: they can only come from a broken client, and the
/// form is shown again with what could be read.
pub async fn read_text(field: &mut Field<'_>) -> Result<String, Refusal> {
    match read_limited(field, MAX_TEXT_FIELD).await {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(Refusal::TooLarge) => Err(Refusal::TextTooLarge),
        Err(r) => Err(r),
    }
}

/// A checked file (a photo already re-encoded), not yet written. The name it was uploaded
/// with is not kept.
pub struct Upload {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// A multipart form: its text fields (kept to show again) and its checked files.
#[derive(Default)]
pub struct Parts {
    pub fields: HashMap<String, String>,
    pub files: Vec<Upload>,
}

impl Parts {
    pub fn field(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }
}

/// Read a whole multipart form. Files come from fields named `file`; empty file inputs are
/// skipped; `photos_only` takes PNG and JPEG only. The text read before a refusal is kept.
pub async fn read_form(
    multipart: &mut Multipart,
    max_bytes: usize,
    max_files: usize,
    photos_only: bool,
) -> (Parts, Option<Refusal>) {
    let mut parts = Parts::default();
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return (parts, None),
            Err(_) => return (parts, Some(Refusal::Empty)),
        };
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            let bytes = match read_limited(&mut field, max_bytes).await {
                Ok(b) => b,
                Err(r) => return (parts, Some(r)),
            };
            if bytes.is_empty() {
                continue;
            }
            if parts.files.len() >= max_files {
                return (parts, Some(Refusal::TooLarge));
            }
            match checked(bytes, photos_only).await {
                Ok((content_type, bytes)) => parts.files.push(Upload {
                    content_type,
                    bytes,
                }),
                Err(r) => return (parts, Some(r)),
            }
        } else {
            match read_text(&mut field).await {
                Ok(text) => {
                    parts.fields.insert(name, text);
                }
                Err(r) => return (parts, Some(r)),
            }
        }
    }
}

/// Where a stored file lives: `DATA/uploads/<area>/<id>`.
pub fn path(s: &AppState, area: &str, id: Uuid) -> PathBuf {
    s.config.uploads.join(area).join(id.to_string())
}

/// Write a checked file under `area`.
pub async fn save(s: &AppState, area: &str, id: Uuid, bytes: &[u8]) -> Result<(), AppError> {
    write_private(&path(s, area, id), bytes).await
}

/// Write an upload readable by the server's own user only, in folders likewise: uploads are
/// personal data (photos of people, a whistleblower's land report).
pub async fn write_private(target: &std::path::Path, bytes: &[u8]) -> Result<(), AppError> {
    let folder = |e: std::io::Error| AppError::Internal(format!("uploads folder: {e}"));
    if let Some(dir) = target.parent() {
        tokio::fs::create_dir_all(dir).await.map_err(folder)?;
        set_mode(dir, 0o700).await.map_err(folder)?;
        if let Some(root) = dir.parent() {
            set_mode(root, 0o700).await.map_err(folder)?;
        }
    }
    let mut options = tokio::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    options.mode(0o600);
    let write = |e: std::io::Error| AppError::Internal(format!("writing an upload: {e}"));
    let mut f = options.open(target).await.map_err(write)?;
    tokio::io::AsyncWriteExt::write_all(&mut f, bytes)
        .await
        .map_err(write)?;
    tokio::io::AsyncWriteExt::flush(&mut f).await.map_err(write)
}

async fn set_mode(path: &std::path::Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tokio::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).await?;
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

/// Remove files written for a record that was then not stored.
pub async fn discard(s: &AppState, area: &str, ids: &[Uuid]) {
    for id in ids {
        let _ = tokio::fs::remove_file(path(s, area, *id)).await;
    }
}

/// Send a stored file back as a download, under a name made from its id.
pub async fn send(
    s: &AppState,
    area: &str,
    id: Uuid,
    content_type: &str,
    cache: &str,
) -> Result<Response, AppError> {
    let name = domain::uploads::download_name(content_type, &id.to_string());
    let disposition = format!("attachment; filename=\"{name}\"");
    respond(s, area, id, content_type, disposition, cache).await
}

/// Send a stored photo to be shown in the page (`Content-Disposition: inline`), named like a
/// download if it is saved.
pub async fn send_inline(
    s: &AppState,
    area: &str,
    id: Uuid,
    content_type: &str,
    cache: &str,
) -> Result<Response, AppError> {
    let name = domain::uploads::download_name(content_type, &id.to_string());
    let disposition = format!("inline; filename=\"{name}\"");
    respond(s, area, id, content_type, disposition, cache).await
}

/// How each of a list of files (by type, in order) is labelled: "Photo 1", "Photo 2",
/// "Document 1" — never the name it was uploaded with.
pub fn labels<'a>(
    c: &crate::pages::Ctx,
    content_types: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let (mut photos, mut documents) = (0, 0);
    content_types
        .into_iter()
        .map(|t| {
            let (id, n) = if domain::uploads::is_photo(t) {
                photos += 1;
                ("upload-label-photo", photos)
            } else {
                documents += 1;
                ("upload-label-document", documents)
            };
            c.t_num(id, "n", n)
        })
        .collect()
}

async fn respond(
    s: &AppState,
    area: &str,
    id: Uuid,
    content_type: &str,
    disposition: String,
    cache: &str,
) -> Result<Response, AppError> {
    let bytes = tokio::fs::read(path(s, area, id))
        .await
        .map_err(|_| AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, cache.to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_by_content() {
        assert_eq!(sniff(b"%PDF-1.7 ..."), Some("application/pdf"));
        assert_eq!(sniff(&[0xff, 0xd8, 0xff, 0xe0]), Some("image/jpeg"));
        assert_eq!(sniff(b"MZ\x90\x00"), None);
        assert_eq!(sniff(b"<html>"), None);
    }
}
