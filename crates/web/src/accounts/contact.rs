//! Confirming the phone or e-mail with a one-time code, asking for a new code, and changing
//! the contact (the code goes to the new one; the old one stays until the code is typed).

use super::{client_ip, code_limits, password_throttled};
use crate::extract::Form;
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::accounts::{ChangeRequested, CodeRequest, ContactConfirmed, Resent};
use askama::Template;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use domain::accounts::CodeRefusal;
use domain::Contact;
use serde::Deserialize;
use std::net::SocketAddr;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/account/contact", get(change_form).post(change))
        .route("/account/contact/confirm", get(confirm_form).post(confirm))
        .route("/account/contact/code", post(resend))
}

/// Why a typed code was not accepted, in the reader's language.
pub fn refusal_message(c: &Ctx, r: CodeRefusal) -> String {
    c.t(match r {
        CodeRefusal::Malformed => "accounts-code-malformed",
        CodeRefusal::Expired => "accounts-code-expired",
        CodeRefusal::TriesSpent => "accounts-code-tries-spent",
        CodeRefusal::Used => "accounts-code-used",
        CodeRefusal::Wrong => "accounts-code-wrong",
    })
}

/// "Too many codes asked for: wait N minutes" (429).
pub fn throttled(c: &Ctx, minutes: i64) -> Rejected {
    Rejected::refused(
        StatusCode::TOO_MANY_REQUESTS,
        c.t_num("accounts-code-throttled", "minutes", minutes),
    )
}

// ---- typing the code ----

#[derive(Template)]
#[template(path = "accounts/contact_confirm.html")]
struct ConfirmPage<'a> {
    c: &'a Ctx,
    contact: String,
    confirmed: bool,
    message: Option<String>,
    errors: &'a FieldErrors,
}

fn confirm_page(c: &Ctx, r: &Rejected) -> Result<Response, AppError> {
    let v = require_viewer(c)?;
    let state = app::accounts::contact_state(&v.user);
    let page = ConfirmPage {
        c,
        contact: state.contact.map(|c| c.to_string()).unwrap_or_default(),
        confirmed: state.confirmed,
        message: r.message.clone(),
        errors: &r.errors,
    };
    Ok(r.respond(render(&page)?))
}

async fn confirm_form(c: Ctx) -> Result<Response, AppError> {
    confirm_page(&c, &Rejected::none())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CodeForm {
    code: String,
}

async fn confirm(
    State(s): State<AppState>,
    c: Ctx,
    Form(f): Form<CodeForm>,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let refused = match app::accounts::confirm_contact(&s.app, v, &f.code).await? {
        ContactConfirmed::Done { changed, .. } => {
            let notice = if changed {
                "accounts-contact-changed"
            } else {
                "accounts-contact-confirmed"
            };
            return Ok(Redirect::to(&format!("/account?ok={notice}")).into_response());
        }
        ContactConfirmed::Refused(r) => Rejected::field("code", refusal_message(&c, r)),
        ContactConfirmed::Taken => Rejected::conflict(c.t("accounts-contact-unusable")),
    };
    confirm_page(&c, &refused)
}

/// "Send a new code": to a new contact waiting for one, else to the unconfirmed contact.
async fn resend(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req_headers: HeaderMap,
    c: Ctx,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let ip = client_ip(&s, &req_headers, peer);
    match app::accounts::resend_code(&s.app, v, &ip, &code_limits(&s)).await? {
        Resent::Code(CodeRequest::Throttled { minutes }) => {
            confirm_page(&c, &throttled(&c, minutes))
        }
        // Nothing to confirm answers as a sent code does: whether a change's new contact was
        // someone else's stays untold.
        Resent::Code(CodeRequest::Sent) | Resent::NothingToConfirm => {
            Ok(Redirect::to("/account/contact/confirm?ok=accounts-code-sent").into_response())
        }
    }
}

// ---- changing the contact ----

#[derive(Template)]
#[template(path = "accounts/contact_change.html")]
struct ChangePage<'a> {
    c: &'a Ctx,
    contact: String,
    current: String,
    message: Option<String>,
    errors: &'a FieldErrors,
}

fn change_page(c: &Ctx, typed: String, r: &Rejected) -> Result<Response, AppError> {
    let v = require_viewer(c)?;
    let current = app::accounts::contact_of(&v.user)
        .map(|c| c.to_string())
        .unwrap_or_default();
    let page = ChangePage {
        c,
        contact: typed,
        current,
        message: r.message.clone(),
        errors: &r.errors,
    };
    Ok(r.respond(render(&page)?))
}

async fn change_form(c: Ctx) -> Result<Response, AppError> {
    change_page(&c, String::new(), &Rejected::none())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ChangeForm {
    contact: String,
    password: String,
}

async fn change(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req_headers: HeaderMap,
    c: Ctx,
    Form(f): Form<ChangeForm>,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let Ok(new) = Contact::parse(&f.contact) else {
        let r = Rejected::field("contact", c.t("err-contact-invalid"));
        return change_page(&c, f.contact, &r);
    };
    let ip = client_ip(&s, &req_headers, peer);
    let limits = code_limits(&s);
    let refused =
        match app::accounts::request_contact_change(&s.app, v, &new, f.password, &ip, &limits)
            .await?
        {
            ChangeRequested::Sent => {
                return Ok(
                    Redirect::to("/account/contact/confirm?ok=accounts-code-sent").into_response(),
                )
            }
            ChangeRequested::Throttled { minutes } => throttled(&c, minutes),
            ChangeRequested::PasswordWrong => {
                Rejected::field("password", c.t("err-password-wrong"))
            }
            ChangeRequested::PasswordThrottled { minutes } => {
                password_throttled(&c, "password", minutes)
            }
        };
    change_page(&c, f.contact, &refused)
}
