//! Signing in with a printed slip from a participation centre: a resident without a phone or
//! an e-mail (or the real holder of a squatted IIN) types their IIN and the slip's one-time
//! code, and chooses the account's password in the same step.

use super::{client_ip, iin_message, password_message, redirect_with_cookies, session_cookie};
use super::{session_ttl, SessionTtl};
use crate::extract::Form;
use crate::pages::{render, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::centres::SlipSignIn;
use askama::Template;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use domain::{Iin, Password};
use serde::Deserialize;
use std::net::SocketAddr;

pub fn routes() -> Router<AppState> {
    Router::new().route("/login/slip", get(form).post(sign_in))
}

#[derive(Template)]
#[template(path = "centres/slip_login.html")]
struct SlipPage<'a> {
    c: &'a Ctx,
    message: Option<String>,
    errors: &'a FieldErrors,
}

fn page(c: &Ctx, r: &Rejected) -> Result<Response, AppError> {
    let p = SlipPage {
        c,
        message: r.message.clone(),
        errors: &r.errors,
    };
    Ok(r.respond(render(&p)?))
}

async fn form(c: Ctx) -> Result<Response, AppError> {
    page(&c, &Rejected::none())
}

/// The IIN is not echoed back: it stays only on the person's screen as typed.
#[derive(Deserialize, Default)]
#[serde(default)]
struct SlipForm {
    iin: String,
    code: String,
    password: String,
}

async fn sign_in(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req_headers: HeaderMap,
    c: Ctx,
    Form(f): Form<SlipForm>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::default();
    let iin = Iin::parse(&f.iin)
        .map_err(|e| errors.add("iin", iin_message(&c, e)))
        .ok();
    let password = Password::parse(&f.password)
        .map_err(|e| errors.add("password", password_message(&c, e)))
        .ok();
    let (Some(iin), Some(password)) = (iin, password) else {
        return page(&c, &Rejected::form_has_errors(&c, errors));
    };
    let ip = client_ip(&s, &req_headers, peer);
    let ttl: SessionTtl = session_ttl(&s);
    let refused =
        match app::centres::slip_sign_in(&s.app, &iin, &f.code, password, &ip, ttl).await? {
            SlipSignIn::Yes { session, .. } => {
                let mut headers = HeaderMap::new();
                session_cookie(&s, &session, &mut headers);
                return Ok(redirect_with_cookies("/account", headers));
            }
            SlipSignIn::Refused => {
                Rejected::refused(StatusCode::UNAUTHORIZED, c.t("centres-slip-login-failed"))
            }
            SlipSignIn::Throttled { minutes } => Rejected::refused(
                StatusCode::TOO_MANY_REQUESTS,
                c.t_num("login-throttled", "minutes", minutes),
            ),
        };
    page(&c, &refused)
}
