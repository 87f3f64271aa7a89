use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};

/// A cookie's value from the request, if present.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

pub struct CookieSpec<'a> {
    pub name: &'a str,
    pub value: &'a str,
    /// `None`: a browser-session cookie; `Some(0)`: delete it.
    pub max_age: Option<i64>,
    pub http_only: bool,
    pub secure: bool,
}

/// Append a `Set-Cookie`, always `Path=/` and `SameSite=Lax`.
pub fn set_cookie(headers: &mut HeaderMap, c: CookieSpec<'_>) {
    let mut s = format!("{}={}; Path=/; SameSite=Lax", c.name, c.value);
    if let Some(age) = c.max_age {
        s.push_str(&format!("; Max-Age={age}"));
    }
    if c.http_only {
        s.push_str("; HttpOnly");
    }
    if c.secure {
        s.push_str("; Secure");
    }
    if let Ok(v) = HeaderValue::from_str(&s) {
        headers.append(SET_COOKIE, v);
    }
}
