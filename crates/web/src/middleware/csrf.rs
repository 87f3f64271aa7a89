use super::cookies::{cookie, set_cookie, CookieSpec};
use super::session::SESSION_COOKIE;
use crate::{AppError, AppState};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, SET_COOKIE};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::RngCore;

/// The CSRF cookie's name over plain HTTP (development, tests).
pub const CSRF_COOKIE: &str = "qatysu_csrf";
/// Its name when cookies are Secure: `__Host-` makes browsers refuse one set by a sibling
/// subdomain or over plain HTTP (security review L1).
pub const CSRF_COOKIE_SECURE: &str = "__Host-qatysu_csrf";
/// The largest urlencoded form read (1 MiB); a larger one is answered 413.
const FORM_LIMIT: usize = 1 << 20;

/// The token every form carries in a hidden `csrf` field, masked afresh for each response.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

/// Give every browser a random CSRF cookie; refuse a state-changing request whose form token
/// does not match it and the session (when signed in), or that another site sent (Origin /
/// Sec-Fetch-Site). A response that opens or ends a session also gets a new CSRF cookie.
/// Works without JavaScript: the token is a hidden field that the server renders.
pub async fn guard(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let secure = state.config.secure_cookies;
    let name = if secure {
        CSRF_COOKIE_SECURE
    } else {
        CSRF_COOKIE
    };
    let existing = cookie(req.headers(), name)
        .filter(|v| is_hex64(v))
        .map(str::to_string);
    let session = cookie(req.headers(), SESSION_COOKIE)
        .filter(|v| is_hex64(v))
        .map(str::to_string);
    let fresh = existing.is_none();
    let browser_key = existing.unwrap_or_else(new_key);
    let expected = state.keys.csrf_token(&browser_key, session.as_deref());
    let token = CsrfToken(mask(&expected));
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
            if !sent.is_some_and(|s| matches(&s, &expected)) {
                return AppError::Csrf.into_response();
            }
            req.extensions_mut().insert(token);
            return finish(next.run(req).await, None, secure, name);
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
        if !sent.is_some_and(|s| matches(&s, &expected)) {
            return AppError::Csrf.into_response();
        }
        req = Request::from_parts(parts, Body::from(bytes));
    }
    req.extensions_mut().insert(token);
    let res = next.run(req).await;
    finish(res, fresh.then_some(browser_key), secure, name)
}

/// Set the CSRF cookie on a response: `new` for a browser that had none, or a fresh one when
/// the response opens or ends a session (login, logout), so a pair planted before sign-in
/// does not outlive it.
fn finish(mut res: Response, new: Option<String>, secure: bool, name: &str) -> Response {
    let session_changed = res
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.starts_with(&format!("{SESSION_COOKIE}=")));
    let value = match (new, session_changed) {
        (_, true) => new_key(),
        (Some(v), false) => v,
        (None, false) => return res,
    };
    set_cookie(
        res.headers_mut(),
        CookieSpec {
            name,
            value: &value,
            max_age: None,
            http_only: true,
            secure,
        },
    );
    res
}

fn new_key() -> String {
    let mut b = [0u8; 32];
    rand::rng().fill_bytes(&mut b);
    hex::encode(b)
}

fn is_hex64(v: &str) -> bool {
    v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The token as a page carries it: a random pad and the token XOR the pad, in hex, different in
/// every response (so a compressed page that echoes input beside it leaks nothing: BREACH).
fn mask(token: &[u8]) -> String {
    let mut pad = vec![0u8; token.len()];
    rand::rng().fill_bytes(&mut pad);
    let masked: Vec<u8> = token.iter().zip(&pad).map(|(t, p)| t ^ p).collect();
    format!("{}{}", hex::encode(pad), hex::encode(masked))
}

/// Whether a masked token sent back unmasks to the expected one.
fn matches(sent: &str, expected: &[u8]) -> bool {
    let Ok(bytes) = hex::decode(sent) else {
        return false;
    };
    if bytes.len() != 2 * expected.len() {
        return false;
    }
    let (pad, masked) = bytes.split_at(expected.len());
    let token: Vec<u8> = pad.iter().zip(masked).map(|(p, m)| p ^ m).collect();
    constant_time_eq(&token, expected)
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
