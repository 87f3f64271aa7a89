use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

const CSP: &str = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Pages that show a person's own account, or take a password or a code: never kept by a
/// browser's or a proxy's cache (security review L8), whoever asks.
const PRIVATE_PREFIXES: [&str; 5] = ["/account", "/admin", "/login", "/register", "/password"];

/// Does the request carry a session cookie (a signed-in page: personal, with a CSRF token)?
fn signed_in(req: &Request) -> bool {
    super::cookie(req.headers(), super::session::SESSION_COOKIE).is_some()
}

/// Headers that make the browser refuse scripts, framing and content sniffing; HSTS when the
/// site is served over TLS; `no-store` on private pages and on every signed-in answer that set
/// no caching of its own (static files keep theirs).
pub async fn headers(State(s): State<AppState>, req: Request, next: Next) -> Response {
    let private = signed_in(&req)
        || PRIVATE_PREFIXES
            .iter()
            .any(|p| req.uri().path().starts_with(p));
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if private && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if s.config.secure_cookies {
        // One year; a site that turned TLS on keeps it (subdomains are not ours to bind).
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}
