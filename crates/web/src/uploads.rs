//! Uploaded files, shared by every capability that takes them: multipart forms (the CSRF
//! token in the action URL), type by content not by name, a size limit checked while reading
//! so nothing oversized is ever kept, and storage under `DATA/uploads/<area>/<id>`.

use crate::{AppError, AppState};
use axum::extract::multipart::Field;
use axum::extract::Multipart;
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

/// A name safe to show and to send back in `Content-Disposition`.
pub fn clean_name(raw: Option<&str>) -> String {
    clean_name_or(raw, "file")
}

/// [`clean_name`], with `fallback` when the browser sent no usable name.
pub fn clean_name_or(raw: Option<&str>, fallback: &str) -> String {
    let base = raw.unwrap_or("").rsplit(['/', '\\']).next().unwrap_or("");
    let name: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\' | ';'))
        .take(120)
        .collect();
    if name.trim().is_empty() {
        fallback.into()
    } else {
        name.trim().to_string()
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

/// A checked file, not yet written.
pub struct Upload {
    pub name: String,
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
            let file_name = field.file_name().map(str::to_string);
            let bytes = match read_limited(&mut field, max_bytes).await {
                Ok(b) => b,
                Err(r) => return (parts, Some(r)),
            };
            if bytes.is_empty() {
                continue;
            }
            let kind = if photos_only {
                sniff_photo(&bytes)
            } else {
                sniff(&bytes)
            };
            let Some(content_type) = kind else {
                return (parts, Some(Refusal::Type));
            };
            if parts.files.len() >= max_files {
                return (parts, Some(Refusal::TooLarge));
            }
            parts.files.push(Upload {
                name: clean_name(file_name.as_deref()),
                content_type,
                bytes,
            });
        } else if let Ok(text) = field.text().await {
            if text.len() <= 20_000 {
                parts.fields.insert(name, text);
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

/// Send a stored file back as a download.
pub async fn send(
    s: &AppState,
    area: &str,
    id: Uuid,
    content_type: &str,
    file_name: &str,
    cache: &str,
) -> Result<Response, AppError> {
    let disposition = format!(
        "attachment; filename=\"{}\"",
        file_name.replace(|c: char| !c.is_ascii(), "_")
    );
    respond(s, area, id, content_type, disposition, cache).await
}

/// Send a stored photo to be shown in the page (`Content-Disposition: inline`).
pub async fn send_inline(
    s: &AppState,
    area: &str,
    id: Uuid,
    content_type: &str,
    cache: &str,
) -> Result<Response, AppError> {
    respond(s, area, id, content_type, "inline".to_string(), cache).await
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
