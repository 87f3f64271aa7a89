//! What every page shares: the reader's context (language, who is signed in, the CSRF token,
//! the address for the language switch) and rendering.

use crate::i18n::{Arg, Lang};
use crate::middleware::{CsrfToken, Viewer};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::Html;
use domain::{Action, Kato};

/// Message ids that a redirect may ask the next page to show as a notice (`?ok=…`).
pub(crate) const NOTICES: &[&str] = &[
    "initiatives-attach-added",
    "register-done",
    "logout-done",
    "password-changed",
    "territory-population-saved",
    "roles-granted",
    "initiatives-submitted",
    "initiatives-resubmitted",
    "initiatives-published",
    "initiatives-returned",
    "initiatives-signed",
    "initiatives-withdrawn",
    "initiatives-answered",
    "initiatives-followed-up",
    "initiatives-rules-saved",
    "pb-created",
    "pb-stage-moved",
    "pb-proposal-submitted",
    "pb-proposal-saved",
    "pb-photo-added",
    "pb-photo-removed",
    "pb-conclusion-saved",
    "pb-decision-saved",
    "pb-council-added",
    "pb-vote-cast",
    "pb-vote-replaced",
    "pb-paper-awaiting",
    "pb-paper-compared",
    "pb-paper-resolved",
    "pb-discussion-comment-added",
    "pb-discussion-comment-hidden",
    "pb-discussion-comment-restored",
    "pb-meetings-recorded",
    "projects-saved",
    "projects-milestone-added",
    "projects-progress-saved",
    "projects-payment-added",
    "projects-file-added",
    "projects-signed",
    "projects-report-filed",
    "projects-answered",
    "projects-group-saved",
    "projects-holidays-saved",
    "control-registered",
    "control-document-published",
    "control-delivery-recorded",
    "control-answered",
    "control-hearing-scheduled",
    "land-submitted",
    "land-moved",
    "pb-envelope-saved",
    "pb-envelope-redistributed",
    "pb-mrp-saved",
];

/// The reader's context, passed to every template as `c`.
pub struct Ctx {
    pub lang: Lang,
    pub viewer: Option<Viewer>,
    pub csrf: String,
    path: String,
    query: String,
    pub notice: Option<String>,
}

impl Ctx {
    /// For error pages, rendered outside the session and CSRF layers.
    pub fn bare(lang: Lang, path: String, query: String) -> Ctx {
        Ctx {
            lang,
            viewer: None,
            csrf: String::new(),
            path,
            query,
            notice: None,
        }
    }

    pub fn t(&self, id: &str) -> String {
        self.lang.t(id)
    }

    pub fn t_num(&self, id: &str, name: &'static str, n: i64) -> String {
        self.lang.t_args(id, &[(name, Arg::Num(n))])
    }

    pub fn t_str(&self, id: &str, name: &'static str, s: &str) -> String {
        self.lang.t_args(id, &[(name, Arg::Str(s.to_string()))])
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn signed_in(&self) -> bool {
        self.viewer.is_some()
    }

    /// May the reader take `action` on an object of the territory whose path is `target`?
    /// (Anonymous readers may do nothing.) The one rule is `domain::may`.
    pub fn may(&self, action: Action, target: &[Kato]) -> bool {
        self.viewer.as_ref().is_some_and(|v| v.may(action, target))
    }

    /// The path of the territory the reader lives in (empty when anonymous).
    pub fn home(&self) -> Vec<Kato> {
        self.viewer
            .as_ref()
            .map(|v| v.home.clone())
            .unwrap_or_default()
    }

    /// The signed-in reader, when they may take `action` there: a "please log in" page for
    /// anonymous readers, 403 for everyone else.
    pub fn require(&self, action: Action, target: &[Kato]) -> Result<&Viewer, AppError> {
        let v = require_viewer(self)?;
        if v.may(action, target) {
            Ok(v)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// (code, native name, link, is current) for the language switch; keeps the other
    /// query parameters of the page.
    pub fn languages(&self) -> Vec<(&'static str, &'static str, String, bool)> {
        let rest: Vec<&str> = self
            .query
            .split('&')
            .filter(|kv| !kv.is_empty() && !kv.starts_with("lang=") && !kv.starts_with("ok="))
            .collect();
        Lang::ALL
            .into_iter()
            .map(|l| {
                let mut q = rest.join("&");
                if !q.is_empty() {
                    q.push('&');
                }
                q.push_str("lang=");
                q.push_str(l.code());
                (
                    l.code(),
                    l.native_name(),
                    format!("{}?{}", self.path, q),
                    l == self.lang,
                )
            })
            .collect()
    }

    pub fn number(&self, n: i64) -> String {
        self.lang.number(n)
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Ctx, AppError> {
        let lang = parts.extensions.get::<Lang>().copied().unwrap_or_default();
        let query = parts.uri.query().unwrap_or("").to_string();
        let notice = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("ok="))
            .filter(|id| NOTICES.contains(id))
            .map(|id| lang.t(id));
        Ok(Ctx {
            lang,
            viewer: parts.extensions.get::<Viewer>().cloned(),
            csrf: parts
                .extensions
                .get::<CsrfToken>()
                .map(|t| t.0.clone())
                .unwrap_or_default(),
            path: parts.uri.path().to_string(),
            query,
            notice,
        })
    }
}

/// The signed-in person, or a "please log in" page.
pub fn require_viewer(c: &Ctx) -> Result<&Viewer, AppError> {
    c.viewer.as_ref().ok_or(AppError::LoginRequired)
}

pub fn render<T: Template>(page: &T) -> Result<Html<String>, AppError> {
    Ok(Html(page.render()?))
}

/// A printable form: made off the async runtime (typesetting is CPU work) and sent inline as
/// `filename`.
pub async fn pdf_response<F>(
    filename: String,
    make: F,
) -> Result<axum::response::Response, AppError>
where
    F: FnOnce() -> Result<Vec<u8>, pdf::PdfError> + Send + 'static,
{
    use axum::http::header;
    use axum::response::IntoResponse;
    let bytes = tokio::task::spawn_blocking(make)
        .await
        .map_err(|e| AppError::Internal(format!("pdf task: {e}")))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{filename}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A form field's error, as a translated message.
#[derive(Default)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: String) {
        self.0.push((field, message));
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[derive(Template)]
#[template(path = "errors/error.html")]
pub struct ErrorPage<'a> {
    pub c: &'a Ctx,
    pub title: String,
    pub text: String,
    pub login: bool,
}
