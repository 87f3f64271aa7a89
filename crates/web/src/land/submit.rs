//! Reporting a plot: one multipart form (the CSRF token in its action URL) with the fields and
//! up to five photos. Everything is checked — fields, and each photo by its content and size —
//! before anything is stored; a refused form comes back with what was typed. Each photo is
//! re-encoded without its metadata (EXIF, GPS) and its file name is dropped: the reporter is
//! not named in public, and the photos must not name them either (security review M6).

use super::photo_path;
use crate::extract::{Multipart, Path};
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::uploads::{self, Refusal};
use crate::{AppError, AppState};
use app::land::{NewLandReport, Photo, Territory};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::land::{Description, Hectares, LandKind};
use domain::oversight::CadastralNumber;
use domain::{Action, Kato};
use uuid::Uuid;

pub const MAX_BYTES: usize = domain::uploads::LAND_PHOTOS.bytes;
pub const MAX_PHOTOS: usize = domain::uploads::LAND_PHOTOS.files;
const VILLAGES_MAX: i64 = 2000;

#[derive(Default, Clone)]
pub struct ReportForm {
    cadastral: String,
    area: String,
    village: String,
    kind: String,
    description: String,
}

#[derive(Template)]
#[template(path = "land/new.html")]
struct NewPage<'a> {
    c: &'a Ctx,
    kato: String,
    territory: String,
    villages: Vec<(String, String, bool)>,
    kinds: Vec<(&'static str, String, bool)>,
    form: ReportForm,
    errors: &'a FieldErrors,
    photos_hint: String,
}

async fn allowed(s: &AppState, c: &Ctx, kato: &str) -> Result<Territory, AppError> {
    require_viewer(c)?;
    let t = crate::territories::load(s, kato).await?;
    c.require(Action::SubmitLandReport, &t.path)?;
    Ok(t)
}

async fn form_page(
    s: &AppState,
    c: &Ctx,
    t: &Territory,
    form: ReportForm,
    r: &Rejected,
) -> Result<Response, AppError> {
    let lang = c.lang.code();
    let villages = village_list(s, t)
        .await?
        .iter()
        .map(|v| {
            let k = v.kato.to_string();
            let sel = k == form.village;
            (k, v.name(lang).to_string(), sel)
        })
        .collect();
    let kinds = LandKind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str(),
                c.t(&format!("land-kind-{}", k.as_str())),
                k.as_str() == form.kind,
            )
        })
        .collect();
    Ok(r.respond(render(&NewPage {
        c,
        kato: t.kato.to_string(),
        territory: t.name(lang).to_string(),
        villages,
        kinds,
        form,
        errors: &r.errors,
        photos_hint: c.t_num("land-photos-hint", "count", MAX_PHOTOS as i64),
    })?))
}

async fn village_list(s: &AppState, t: &Territory) -> Result<Vec<Territory>, AppError> {
    if t.kind.is_settlement() {
        return Ok(vec![t.clone()]);
    }
    Ok(app::land::villages(s, t, VILLAGES_MAX).await?)
}

pub async fn new_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
) -> Result<Response, AppError> {
    let t = allowed(&s, &c, &kato).await?;
    form_page(&s, &c, &t, ReportForm::default(), &Rejected::none()).await
}

/// Why the photos were refused (the first reason only), answered with `status`.
fn photo_error(c: &Ctx, r: &mut Rejected, id: &str, status: StatusCode) {
    if !r.errors.has("photos") {
        r.errors.add("photos", c.t(id));
    }
    r.status = status;
}

pub async fn create(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let t = allowed(&s, &c, &kato).await?;
    let v = require_viewer(&c)?;
    let mut form = ReportForm::default();
    let mut files: Vec<(&'static str, Vec<u8>)> = Vec::new();
    let mut refused = Rejected::invalid(FieldErrors::default());
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => {
                // A body over the limit or broken mid-way: nothing is kept.
                let status = StatusCode::PAYLOAD_TOO_LARGE;
                photo_error(&c, &mut refused, "land-err-photo-size", status);
                break;
            }
        };
        let name = field.name().unwrap_or("").to_string();
        if name == "photos" {
            // Over the limit or broken off: refused alike, nothing kept.
            let Ok(bytes) = uploads::read_limited(&mut field, MAX_BYTES).await else {
                let status = StatusCode::PAYLOAD_TOO_LARGE;
                photo_error(&c, &mut refused, "land-err-photo-size", status);
                break;
            };
            if bytes.is_empty() {
                continue; // no file chosen
            }
            if files.len() >= MAX_PHOTOS || refused.errors.has("photos") {
                // Refused already: the rest is not worth decoding.
                files.push(("", Vec::new()));
                continue;
            }
            match uploads::checked(bytes, true).await {
                Ok(photo) => files.push(photo),
                Err(Refusal::Type) => {
                    let status = StatusCode::UNSUPPORTED_MEDIA_TYPE;
                    photo_error(&c, &mut refused, "land-err-photo-type", status);
                }
                Err(r) => {
                    let status = StatusCode::UNPROCESSABLE_ENTITY;
                    let id = r.shared_message().unwrap_or("land-err-photo-type");
                    photo_error(&c, &mut refused, id, status);
                }
            }
            continue;
        }
        let text = match uploads::read_text(&mut field).await {
            Ok(text) => text,
            Err(r) => {
                // A field longer than any report needs: refused, with what was typed before it.
                let id = r.shared_message().unwrap_or("upload-err-text-size");
                let shown_at = match name.as_str() {
                    "cadastral" => "cadastral",
                    "area" => "area",
                    "village" => "village",
                    "kind" => "kind",
                    _ => "description",
                };
                refused.errors.add(shown_at, c.t(id));
                refused.status = StatusCode::PAYLOAD_TOO_LARGE;
                break;
            }
        };
        match name.as_str() {
            "cadastral" => form.cadastral = text,
            "area" => form.area = text,
            "village" => form.village = text,
            "kind" => form.kind = text,
            "description" => form.description = text,
            _ => {}
        }
    }
    let errors = &mut refused.errors;
    if files.len() > MAX_PHOTOS && !errors.has("photos") {
        errors.add("photos", c.t("land-err-photo-count"));
    }
    let cadastral = CadastralNumber::parse(&form.cadastral);
    if cadastral.is_err() {
        errors.add("cadastral", c.t("land-err-cadastral"));
    }
    let area = Hectares::parse(&form.area);
    if let Err(e) = area {
        errors.add("area", c.t(e.message_id()));
    }
    let villages = village_list(&s, &t).await?;
    let village = Kato::parse(form.village.trim())
        .ok()
        .and_then(|k| villages.into_iter().find(|v| v.kato == k));
    if village.is_none() {
        errors.add("village", c.t("land-err-village"));
    }
    let kind = LandKind::parse(&form.kind);
    if kind.is_none() {
        errors.add("kind", c.t("land-err-kind"));
    }
    let description = Description::parse(&form.description);
    if description.is_err() {
        errors.add("description", c.t("land-err-description"));
    }
    let (Ok(cadastral_number), Ok(area), Some(village), Some(kind), Ok(description), true) = (
        cadastral,
        area,
        village,
        kind,
        description,
        errors.is_empty(),
    ) else {
        return form_page(&s, &c, &t, form, &refused).await;
    };
    // Everything checked: write the photos, then the records in one transaction.
    let mut photos = Vec::new();
    let mut written = Vec::new();
    for (ct, bytes) in &files {
        let p = Photo {
            id: Uuid::now_v7(),
            content_type: ct.to_string(),
            size_bytes: bytes.len() as i64,
        };
        let target = photo_path(&s, p.id);
        if let Err(e) = crate::uploads::write_private(&target, bytes).await {
            for w in &written {
                let _ = tokio::fs::remove_file(w).await;
            }
            return Err(AppError::Internal(format!("writing a photo: {e}")));
        }
        written.push(target);
        photos.push(p);
    }
    let report = NewLandReport {
        village,
        cadastral_number,
        area,
        kind,
        description,
    };
    match app::land::submit_land_report(&s, v, &t, report, &photos).await {
        Ok(id) => Ok(Redirect::to(&format!("/land/{id}?ok=land-submitted")).into_response()),
        Err(e) => {
            // No record, no files.
            for w in &written {
                let _ = tokio::fs::remove_file(w).await;
            }
            Err(e.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::uploads::sniff_photo as sniff_image;

    #[test]
    fn only_photos() {
        assert_eq!(sniff_image(&[0xff, 0xd8, 0xff, 0xe0]), Some("image/jpeg"));
        assert_eq!(
            sniff_image(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0]),
            Some("image/png")
        );
        assert_eq!(sniff_image(b"%PDF-1.7"), None);
        assert_eq!(sniff_image(b"MZ\x90"), None);
    }
}
