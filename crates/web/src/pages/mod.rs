//! What every page shares: the reader's context (language, who is signed in, the CSRF token,
//! the address for the language switch) and rendering.

use crate::i18n::{Arg, Lang};
use crate::middleware::{CsrfToken, Viewer};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use domain::{Action, Kato};

/// Message ids that a redirect may ask the next page to show as a notice (`?ok=…`).
pub(crate) const NOTICES: &[&str] = &[
    "initiatives-attach-added",
    "register-done",
    "accounts-egov-signed-in",
    "accounts-egov-registered",
    "accounts-egov-taken-over",
    "logout-done",
    "password-changed",
    "accounts-code-sent",
    "accounts-contact-confirmed",
    "accounts-contact-changed",
    "accounts-password-reset-done",
    "accounts-residence-moved",
    "messages-preferences-saved",
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
    "pb-council-invited",
    "pb-council-updated",
    "projects-group-invited",
    "oversight-accepted",
    "oversight-declined",
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
    "centres-saved",
    "centres-registrar-added",
    "centres-registrar-removed",
    "centres-raised",
];

/// The reader's context, passed to every template as `c`.
pub struct Ctx {
    pub lang: Lang,
    pub viewer: Option<Viewer>,
    pub csrf: String,
    path: String,
    pub notice: Option<String>,
}

impl Ctx {
    /// For error pages, rendered outside the session and CSRF layers.
    pub fn bare(lang: Lang, path: String) -> Ctx {
        Ctx {
            lang,
            viewer: None,
            csrf: String::new(),
            path,
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

    /// (code, native name, link, is current) for the language switch: this page's path with
    /// `?lang=…`. The path's leading slashes (and backslashes) collapse into one, so a request
    /// for `//evil.example/x` never yields a protocol-relative link off the site (security
    /// review L3); nothing of the request's query string is echoed into the links (decisions
    /// 9, L8), so the switch starts the page afresh in the other language.
    pub fn languages(&self) -> Vec<(&'static str, &'static str, String, bool)> {
        let path = format!("/{}", self.path.trim_start_matches(['/', '\\']));
        Lang::ALL
            .into_iter()
            .map(|l| {
                (
                    l.code(),
                    l.native_name(),
                    format!("{path}?lang={}", l.code()),
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
pub async fn pdf_response<F>(filename: String, make: F) -> Result<Response, AppError>
where
    F: FnOnce() -> Result<Vec<u8>, pdf::PdfError> + Send + 'static,
{
    use axum::http::header;
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

/// Why a page is shown again instead of going on: the status to answer with, a message for the
/// whole page and each wrong field's message. Every page builder that re-shows a form takes one;
/// a first view takes [`Rejected::none`].
pub struct Rejected {
    pub status: StatusCode,
    pub message: Option<String>,
    pub errors: FieldErrors,
}

impl Rejected {
    /// A first view: nothing refused (200).
    pub fn none() -> Rejected {
        Rejected {
            status: StatusCode::OK,
            message: None,
            errors: FieldErrors::default(),
        }
    }

    /// What was typed is wrong (422): each wrong field's message.
    pub fn invalid(errors: FieldErrors) -> Rejected {
        Rejected {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            message: None,
            errors,
        }
    }

    /// One wrong field (422).
    pub fn field(name: &'static str, message: String) -> Rejected {
        let mut errors = FieldErrors::default();
        errors.add(name, message);
        Rejected::invalid(errors)
    }

    /// What was typed is wrong (422), said once at the top as well: on pages with several
    /// forms the wrong field may be out of sight.
    pub fn form_has_errors(c: &Ctx, errors: FieldErrors) -> Rejected {
        Rejected::invalid(errors).with_message(c.t("form-has-errors"))
    }

    /// What was sent cannot be taken, and no one field is to blame (422).
    pub fn unprocessable(message: String) -> Rejected {
        Rejected::refused(StatusCode::UNPROCESSABLE_ENTITY, message)
    }

    /// Refused because of the state of things, not what was typed (409).
    pub fn conflict(message: String) -> Rejected {
        Rejected::refused(StatusCode::CONFLICT, message)
    }

    /// Refused with another status (401, 403, 413, 415, 429…).
    pub fn refused(status: StatusCode, message: String) -> Rejected {
        Rejected {
            status,
            message: Some(message),
            errors: FieldErrors::default(),
        }
    }

    /// The same, with a message for the whole page too (after `none()`: news that is no
    /// refusal, such as what became of a stored paper sheet).
    pub fn with_message(mut self, message: String) -> Rejected {
        self.message = Some(message);
        self
    }

    /// The same, answered with another status (a refused upload's 413, say).
    pub fn with_status(mut self, status: StatusCode) -> Rejected {
        self.status = status;
        self
    }

    /// The page built for it, answered with its status.
    pub fn respond(&self, html: Html<String>) -> Response {
        (self.status, html).into_response()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_view_is_200_with_nothing_to_say() {
        let r = Rejected::none();
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.message.is_none() && r.errors.is_empty());
    }

    #[test]
    fn wrong_input_is_422_and_a_refusal_of_state_409() {
        let r = Rejected::field("date", "too early".into());
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.errors.get("date"), Some("too early"));
        assert!(r.message.is_none());
        let r = Rejected::conflict("answered already".into());
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.message.as_deref(), Some("answered already"));
        assert!(r.errors.is_empty());
        let r = Rejected::unprocessable("not open".into());
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }

    #[test]
    fn the_response_carries_the_status() {
        let r = Rejected::field("photos", "too big".into()).with_status(StatusCode::FORBIDDEN);
        let response = r.respond(Html("<p>".into()));
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let response = Rejected::none().respond(Html("<p>".into()));
        assert_eq!(response.status(), StatusCode::OK);
    }
}
