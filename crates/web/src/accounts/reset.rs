//! "Forgot your password?": a code to the account's phone or e-mail, then the code and a new
//! password. Whether the contact is on an account is never told.

use super::contact::{refusal_message, throttled};
use super::{client_ip, code_limits, password_message};
use crate::extract::Form;
use crate::pages::{render, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::accounts::{CodeRequest, PasswordReset};
use askama::Template;
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use domain::{Contact, Password};
use serde::Deserialize;
use std::net::SocketAddr;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/password/reset", get(request_form).post(request))
        .route("/password/reset/code", get(code_form).post(reset))
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
struct RequestPage<'a> {
    c: &'a Ctx,
    contact: String,
    message: Option<String>,
    errors: &'a FieldErrors,
}

#[derive(Template)]
#[template(path = "accounts/reset_code.html")]
struct CodePage<'a> {
    c: &'a Ctx,
    contact: String,
    /// The neutral answer to a request, or why the reset was refused.
    sent: bool,
    message: Option<String>,
    errors: &'a FieldErrors,
    password_hint: String,
}

fn request_page(c: &Ctx, contact: String, r: &Rejected) -> Result<Response, AppError> {
    let page = RequestPage {
        c,
        contact,
        message: r.message.clone(),
        errors: &r.errors,
    };
    Ok(r.respond(render(&page)?))
}

fn code_page(c: &Ctx, contact: String, sent: bool, r: &Rejected) -> Result<Response, AppError> {
    let page = CodePage {
        c,
        contact,
        sent,
        message: r.message.clone(),
        errors: &r.errors,
        password_hint: c.t_num(
            "field-password-hint",
            "min",
            domain::accounts::MIN_PASSWORD as i64,
        ),
    };
    Ok(r.respond(render(&page)?))
}

async fn request_form(c: Ctx) -> Result<Response, AppError> {
    request_page(&c, String::new(), &Rejected::none())
}

async fn code_form(c: Ctx) -> Result<Response, AppError> {
    code_page(&c, String::new(), false, &Rejected::none())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RequestForm {
    contact: String,
}

async fn request(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req_headers: HeaderMap,
    c: Ctx,
    Form(f): Form<RequestForm>,
) -> Result<Response, AppError> {
    let Ok(contact) = Contact::parse(&f.contact) else {
        let r = Rejected::field("contact", c.t("err-contact-invalid"));
        return request_page(&c, f.contact, &r);
    };
    let ip = client_ip(&s, &req_headers, peer);
    match app::accounts::request_reset(&s.app, &contact, &ip, &code_limits(&s)).await? {
        // The same answer for a contact on no account: the code form, as if one was sent.
        CodeRequest::Sent => code_page(&c, contact.to_string(), true, &Rejected::none()),
        CodeRequest::Throttled { minutes } => request_page(&c, f.contact, &throttled(&c, minutes)),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ResetForm {
    contact: String,
    code: String,
    password: String,
    password2: String,
}

async fn reset(
    State(s): State<AppState>,
    c: Ctx,
    Form(f): Form<ResetForm>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::default();
    let contact = Contact::parse(&f.contact)
        .map_err(|_| errors.add("contact", c.t("err-contact-invalid")))
        .ok();
    let password = Password::parse(&f.password)
        .map_err(|e| errors.add("password", password_message(&c, e)))
        .ok();
    if f.password != f.password2 {
        errors.add("password2", c.t("accounts-reset-mismatch"));
    }
    // What was typed is checked before the code, so a typo does not spend one of its tries.
    let (Some(contact), Some(password), true) = (contact, password, errors.is_empty()) else {
        return code_page(&c, f.contact, false, &Rejected::invalid(errors));
    };
    match app::accounts::reset_password(&s.app, &contact, &f.code, password).await? {
        PasswordReset::Done => {
            Ok(Redirect::to("/login?ok=accounts-password-reset-done").into_response())
        }
        PasswordReset::Refused(r) => {
            let refused = Rejected::field("code", refusal_message(&c, r));
            code_page(&c, f.contact, false, &refused)
        }
    }
}
