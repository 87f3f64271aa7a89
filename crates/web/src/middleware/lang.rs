use super::cookies::{cookie, set_cookie, CookieSpec};
use crate::i18n::Lang;
use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::Response;

pub const LANG_COOKIE: &str = "lang";

/// Pick the language: `?lang=` (remembered in a cookie), then the cookie, then the browser's
/// Accept-Language when it names Russian or English, else Kazakh.
pub async fn resolve(mut req: Request, next: Next) -> Response {
    let from_query = req
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("lang=")))
        .and_then(Lang::parse);
    let lang = from_query
        .or_else(|| cookie(req.headers(), LANG_COOKIE).and_then(Lang::parse))
        .or_else(|| from_accept_language(req.headers().get(ACCEPT_LANGUAGE)?.to_str().ok()?))
        .unwrap_or_default();
    req.extensions_mut().insert(lang);
    let mut res = next.run(req).await;
    if let Some(l) = from_query {
        set_cookie(
            res.headers_mut(),
            CookieSpec {
                name: LANG_COOKIE,
                value: l.code(),
                max_age: Some(365 * 86400),
                http_only: true,
                secure: false,
            },
        );
    }
    res
}

fn from_accept_language(v: &str) -> Option<Lang> {
    v.split(',')
        .filter_map(|part| part.split(';').next())
        .map(|tag| tag.trim().get(..2).unwrap_or("").to_ascii_lowercase())
        .find_map(|p| Lang::parse(&p))
}
