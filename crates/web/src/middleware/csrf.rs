use super::cookies::{cookie, set_cookie, CookieSpec};
use crate::{AppError, AppState};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::RngCore;

pub const CSRF_COOKIE: &str = "qatysu_csrf";
/// The largest urlencoded form read (1 MiB); a larger one is answered 413.
const FORM_LIMIT: usize = 1 << 20;

/// The token every form carries in a hidden `csrf` field.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

/// Give every browser a random CSRF cookie; refuse a state-changing request whose form token
/// does not match it, or that another site sent (Origin / Sec-Fetch-Site). Works without
/// JavaScript: the token is a hidden field that the server renders.
pub async fn guard(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let existing = cookie(req.headers(), CSRF_COOKIE)
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string);
    let fresh = existing.is_none();
    let browser_key = existing.unwrap_or_else(|| {
        let mut b = [0u8; 32];
        rand::rng().fill_bytes(&mut b);
        hex::encode(b)
    });
    let token = state.keys.csrf_token(&browser_key);
    if req.method() != Method::GET && req.method() != Method::HEAD {
        if fresh || cross_site(&req) {
            return AppError::Csrf.into_response();
        }
        let content_type = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if content_type.starts_with("multipart/form-data") {
            // File uploads are not buffered here; their form carries the token in its action URL.
            let sent = req
                .uri()
                .query()
                .and_then(|q| form_field(q.as_bytes(), "csrf"));
            if !sent.is_some_and(|s| constant_time_eq(s.as_bytes(), token.as_bytes())) {
                return AppError::Csrf.into_response();
            }
            req.extensions_mut().insert(CsrfToken(token));
            return next.run(req).await;
        }
        let (parts, body) = req.into_parts();
        let bytes = match to_bytes(body, FORM_LIMIT).await {
            Ok(b) => b,
            // Past the limit (or a body that broke off): say so, never "the form has expired".
            Err(_) => return AppError::TooLarge.into_response(),
        };
        let is_form = parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        let sent = if is_form {
            form_field(&bytes, "csrf")
        } else {
            None
        };
        if !sent.is_some_and(|s| constant_time_eq(s.as_bytes(), token.as_bytes())) {
            return AppError::Csrf.into_response();
        }
        req = Request::from_parts(parts, Body::from(bytes));
    }
    req.extensions_mut().insert(CsrfToken(token));
    let mut res = next.run(req).await;
    if fresh {
        let secure = state.config.secure_cookies;
        set_cookie(
            res.headers_mut(),
            CookieSpec {
                name: CSRF_COOKIE,
                value: &browser_key,
                max_age: None,
                http_only: true,
                secure,
            },
        );
    }
    res
}

fn cross_site(req: &Request) -> bool {
    let h = req.headers();
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match (
        h.get("origin").and_then(|v| v.to_str().ok()),
        h.get("host").and_then(|v| v.to_str().ok()),
    ) {
        (Some(origin), Some(host)) if origin != "null" => {
            let origin_host = origin.split("://").nth(1).unwrap_or(origin);
            origin_host != host
        }
        _ => false,
    }
}

/// The first value of `name` in an urlencoded body or query, read directly (a body is not
/// turned into a URI: `http::Uri` refuses anything over 64 KiB).
fn form_field(body: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(body)
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
