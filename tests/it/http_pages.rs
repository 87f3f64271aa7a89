//! Public pages, languages, security headers, errors, the API — through a real server.

use crate::support::{collecting_initiative, demo_tree, pb_cycle, TestApp, CSS_BUDGET};
use domain::pb::Stage;
use domain::Role;
use reqwest::StatusCode;

#[tokio::test]
async fn public_pages_render_in_every_language() {
    let app = TestApp::with_people().await;
    let c = app.client();
    for path in [
        "/",
        "/territories",
        "/territories/110000000",
        "/territories/114400000",
        "/territories/114435000",
        "/territories/114435200",
        "/login",
        "/register",
    ] {
        for (lang, word) in [
            ("kk", "Аумақтар"),
            ("ru", "Территории"),
            ("en", "Territories"),
        ] {
            let p = c.get(&format!("{path}?lang={lang}")).await;
            assert_eq!(p.status, StatusCode::OK, "{path} {lang}");
            assert!(p.has(&format!("<html lang=\"{lang}\">")), "{path} {lang}");
            assert!(p.has(word), "{path} {lang} lacks {word}");
        }
    }
}

#[tokio::test]
async fn kazakh_is_the_default_and_the_choice_is_remembered() {
    let app = TestApp::with_people().await;
    let c = app.client();
    assert!(c.get("/").await.has("<html lang=\"kk\">"));
    let switched = c.get("/territories?lang=ru").await;
    let cookie = switched
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(
        cookie.contains("lang=ru")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
    );
    // The next page, with no parameter, stays in Russian; the switch links keep the page.
    let next = c.get("/territories/114400000").await;
    assert!(next.has("<html lang=\"ru\">"));
    assert!(next.has("href=\"/territories/114400000?lang=en\""));
    assert!(next.has("Егиндыкольский район"));
}

#[tokio::test]
async fn territory_page_shows_the_tree_and_labels_illustrative_figures() {
    let app = TestApp::with_people().await;
    let c = app.client();
    let p = c.get("/territories/114435000?lang=ru").await;
    assert!(p.has("Алакольский с.о."));
    assert!(p.has("сельский округ"));
    assert!(
        p.has("Акмолинская область") && p.has("Егиндыкольский район"),
        "breadcrumbs"
    );
    assert!(p.has("с.Полтавское") && p.has("с.Коркем"));
    assert!(p.has("2 территории"), "Russian plural for 2");
    assert!(
        p.has("условная цифра"),
        "illustrative population is labelled"
    );
    let tree = c.get("/territories?lang=en").await;
    assert_eq!(tree.body.matches("<li class=\"d").count(), 23);
    let unknown = c.get("/territories/119999999?lang=kk").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.has("Бет табылмады"), "404 page in Kazakh");
    assert_eq!(
        c.get("/territories/not-a-code?lang=en").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn security_headers_and_compression_on_every_response() {
    let app = TestApp::empty().await;
    let c = app.client();
    for path in [
        "/",
        "/login",
        "/nowhere",
        "/api/v1/territories",
        "/static/style.css",
    ] {
        let p = c.get(path).await;
        let h = |n: &str| {
            p.headers
                .get(n)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        assert!(
            h("content-security-policy").contains("script-src 'none'"),
            "{path}"
        );
        assert!(
            h("content-security-policy").contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(h("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(h("referrer-policy"), "same-origin", "{path}");
        assert!(!h("x-request-id").is_empty(), "{path}");
    }
    let home = c.get("/").await;
    assert_eq!(
        home.headers
            .get("content-encoding")
            .and_then(|v| v.to_str().ok()),
        Some("gzip")
    );
    let css = c.get("/static/style.css").await;
    assert!(
        css.compressed <= CSS_BUDGET,
        "stylesheet {} bytes compressed",
        css.compressed
    );
    assert!(!css.body.contains("@import"));
}

#[tokio::test]
async fn a_post_without_a_valid_csrf_token_gets_a_friendly_403() {
    let app = TestApp::empty().await;
    let c = app.client();
    let _ = c.get("/login?lang=en").await; // gets the CSRF cookie
    let p = c
        .post(
            "/login",
            &[
                ("contact", "admin@demo.qatysu.kz"),
                ("password", "demo-admin-2026"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert!(p.has("The form has expired"));
    let forged = c
        .post(
            "/login",
            &[("csrf", "00"), ("contact", "a@b.kz"), ("password", "x")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // A client that never received a cookie cannot post at all.
    let fresh = app.client();
    assert_eq!(
        fresh.post("/logout", &[("csrf", "x")]).await.status,
        StatusCode::FORBIDDEN
    );
    // Another site's form is refused even with a token.
    let token = c.get("/login").await.csrf();
    let res = c
        .http
        .post(format!("{}/login", c.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://evil.example")
        .body(format!("csrf={token}&contact=a%40b.kz&password=x"))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn api_lists_territories_and_is_described_by_openapi() {
    let app = TestApp::with_people().await;
    one_record_per_collection(&app).await;
    let c = app.client();
    let roots: serde_json::Value =
        serde_json::from_str(&c.get("/api/v1/territories").await.body).expect("json");
    assert_eq!(roots.as_array().map(|a| a.len()), Some(1));
    assert_eq!(roots[0]["kato"], "110000000");
    let okrugs: serde_json::Value =
        serde_json::from_str(&c.get("/api/v1/territories?parent=114400000").await.body)
            .expect("json");
    assert_eq!(okrugs.as_array().map(|a| a.len()), Some(8));
    let village: serde_json::Value =
        serde_json::from_str(&c.get("/api/v1/territories/114435200").await.body).expect("json");
    assert_eq!(village["name_kk"], "Көркем а.");
    assert_eq!(village["kind"], "village");
    assert_eq!(village["parent"], "114435000");
    assert_eq!(village["population_illustrative"], true);
    let missing = c.get("/api/v1/territories/119999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let err: serde_json::Value = serde_json::from_str(&missing.body).expect("json error");
    assert!(err["request_id"].as_str().is_some_and(|s| s.len() > 8));

    let spec: serde_json::Value =
        serde_json::from_str(&c.get("/api/openapi.json").await.body).expect("openapi");
    assert_eq!(spec["openapi"], "3.1.0");
    let paths = spec["paths"].as_object().expect("paths");
    for p in ["/api/v1/territories", "/api/v1/territories/{kato}"] {
        assert!(paths.contains_key(p), "{p} not described");
    }
    // Every described path answers, its parameters filled from the data: `{kato}` with the
    // demo district, `{id}` with the first record of the collection it belongs to.
    for p in paths.keys() {
        let mut url = p.replace("{kato}", "114400000");
        if let Some((collection, rest)) = url.clone().split_once("/{id}") {
            let list: serde_json::Value =
                serde_json::from_str(&c.get(collection).await.body).expect("collection json");
            let id = list[0]["id"]
                .as_str()
                .unwrap_or_else(|| panic!("no record in {collection}"))
                .to_string();
            url = format!("{collection}/{id}{rest}");
        }
        assert_eq!(c.get(&url).await.status, StatusCode::OK, "{url}");
    }
}

/// A record in every collection the API describes: a budget cycle with its results published
/// (so funded projects), and an initiative collecting signatures.
async fn one_record_per_collection(app: &TestApp) {
    let tree = demo_tree(&app.db).await;
    let coordinator = app.demo_user(Role::Coordinator).await;
    let now = app.clock.now();
    pb_cycle(&app.db, &tree, coordinator, 2040, Stage::Results, 2, now).await;
    let resident = app.demo_user(Role::Resident).await;
    collecting_initiative(&app.db, &tree.okrug, resident, coordinator, 100, now).await;
}

#[tokio::test]
async fn healthz_answers_when_the_database_does() {
    let app = TestApp::empty().await;
    let p = app.client().get("/healthz").await;
    assert_eq!(p.status, StatusCode::OK);
    app.db.close().await;
    assert_eq!(
        app.client().get("/healthz").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
}

#[tokio::test]
async fn cookies_are_secure_when_tls_is_configured() {
    let app = TestApp::with_people_config(web::Config {
        secure_cookies: true,
        ..web::Config::default()
    })
    .await;
    let c = app.client();
    let p = c.get("/login").await;
    // Security review L8: a site served over TLS tells browsers to keep to it.
    assert_eq!(
        p.headers
            .get("strict-transport-security")
            .and_then(|v| v.to_str().ok()),
        Some("max-age=31536000")
    );
    let csrf = p
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(
        csrf.starts_with("__Host-qatysu_csrf=")
            && csrf.contains("Secure")
            && csrf.contains("HttpOnly"),
        "{csrf}"
    );
    // reqwest keeps Secure cookies only for https, so send the form by hand.
    let token = p.csrf();
    let key = csrf.split(';').next().unwrap_or("");
    let res = c
        .http
        .post(format!("{}/login", c.base))
        .header("cookie", key)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "csrf={token}&contact=admin%40demo.qatysu.kz&password=demo-admin-2026"
        ))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let session = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("qatysu_session="))
        .unwrap_or("")
        .to_string();
    assert!(
        session.contains("Secure")
            && session.contains("HttpOnly")
            && session.contains("SameSite=Lax"),
        "{session}"
    );
}

#[tokio::test]
async fn the_demo_tree_is_the_okrug_where_the_demo_accounts_live() {
    let app = crate::support::TestApp::with_people().await;
    let tree = crate::support::demo_tree(&app.db).await;
    assert_eq!(tree.okrug.kato.as_str(), "114435000");
    assert!(tree
        .villages
        .iter()
        .any(|v| v.kato.as_str() == qatysu::cli::demo::DEMO_VILLAGE));
    assert!(store::pb::list(&app.db, None)
        .await
        .expect("list")
        .is_empty());
}

/// Security review L3: `GET //evil.example/x` answered 404 with language links
/// `href="//evil.example/x?lang=ru"` — protocol-relative links off the site. The links keep
/// the path on this site (leading slashes collapsed) and echo nothing of the query string.
#[tokio::test]
async fn error_pages_never_link_off_the_site() {
    let app = TestApp::empty().await;
    let c = app.client();
    for path in ["//evil.example/x", "///evil.example/x", "/\\evil.example/x"] {
        let page = c.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!page.has("href=\"//"), "{path}: {}", page.body);
        assert!(!page.has("href=\"/\\"), "{path}: {}", page.body);
        assert!(
            page.has("href=\"/evil.example/x?lang=ru\""),
            "{path}: {}",
            page.body
        );
    }
    let page = c.get("/no-such-page?next=//evil.example&q=secret42").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.has("href=\"/no-such-page?lang=en\""), "{}", page.body);
    assert!(
        !page.has("evil.example") && !page.has("secret42"),
        "{}",
        page.body
    );
}

/// Security review L8: account pages and every signed-in answer are never cached (they carry the
/// person's data and a CSRF token); public pages stay cacheable; no HSTS without TLS.
#[tokio::test]
async fn private_pages_are_not_stored_and_public_ones_may_be() {
    let app = TestApp::with_people().await;
    let anon = app.client();
    let cache = |p: &crate::support::Page| {
        p.headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let login = anon.get("/login").await;
    assert_eq!(cache(&login).as_deref(), Some("no-store"));
    assert!(login.headers.get("strict-transport-security").is_none());
    let home = anon.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(cache(&home), None, "a public page for nobody in particular");
    let resident = app.login_as(Role::Resident).await;
    for path in ["/account", "/", "/account/residence"] {
        let p = resident.get(path).await;
        assert_eq!(p.status, StatusCode::OK, "{path}");
        assert_eq!(cache(&p).as_deref(), Some("no-store"), "{path}");
    }
}

/// Security review L8: `axum::serve` ran without timeouts, so a client sending its headers a
/// byte at a time, or an idle keep-alive connection, held a connection for ever. Both are now
/// cut off after the configured header-read timeout.
#[tokio::test]
async fn slow_headers_and_idle_connections_are_cut_off() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let config = web::Config {
        header_read_timeout: std::time::Duration::from_secs(1),
        ..web::Config::default()
    };
    let app = TestApp::with_people_on(listener, config).await;
    let closed_within = |mut s: tokio::net::TcpStream| async move {
        let mut buf = vec![0u8; 64 * 1024];
        let mut got = Vec::new();
        let waited = tokio::time::timeout(std::time::Duration::from_secs(8), async {
            loop {
                match s.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => got.extend_from_slice(&buf[..n]),
                }
            }
        })
        .await;
        (waited.is_ok(), String::from_utf8_lossy(&got).into_owned())
    };

    // Headers that never end.
    let mut slow = tokio::net::TcpStream::connect(app.addr)
        .await
        .expect("connect");
    slow.write_all(b"GET / HTTP/1.1\r\nHost: qatysu\r\nX-Slow: ")
        .await
        .expect("write");
    let (closed, _) = closed_within(slow).await;
    assert!(closed, "a connection with unfinished headers stays open");

    // A whole request answered, then silence on the kept-alive connection.
    let mut idle = tokio::net::TcpStream::connect(app.addr)
        .await
        .expect("connect");
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: qatysu\r\n\r\n")
        .await
        .expect("write");
    let (closed, answer) = closed_within(idle).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(closed, "an idle keep-alive connection stays open");
}

// ---- issue 13 item 3: errors in the reader's language, axum's own refusals included ----

/// The English of axum's own rejections (`Query`, `Path`, `Form`, `Multipart`, body limits):
/// none of it may reach a reader.
const AXUM_ENGLISH: [&str; 8] = [
    "Failed to deserialize",
    "Failed to buffer",
    "Invalid URL",
    "Form requests must have",
    "Expected request with",
    "Invalid `boundary`",
    "Cannot parse",
    "length limit exceeded",
];

/// Every field of the query structs the routes read (`Query<…>` in `crates/web/src`), each
/// given twice, which no struct accepts, and `page` as a word, which no number is.
const EVERY_QUERY_FIELD_TWICE: &str = "page=abc&page=abc&territory=x&territory=x&status=x&status=x\
    &q=x&q=x&sort=x&sort=x&year=x&year=x&district=x&district=x&parent=x&parent=x&code=x&code=x\
    &level=x&level=x&state=x&state=x&error=x&error=x";

/// The GET routes of the web crate, read from its sources (`.route("PATH", get(…)…)`).
fn get_routes() -> Vec<String> {
    let mut files = Vec::new();
    collect_rs(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/web/src"),
        &mut files,
    );
    let mut routes = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for part in text.split(".route(").skip(1) {
            let Some(path) = part
                .trim_start()
                .strip_prefix('"')
                .and_then(|p| p.split('"').next())
            else {
                continue;
            };
            // The call's arguments: up to the parenthesis that closes `.route(`.
            let mut depth = 1;
            let end = part
                .char_indices()
                .find(|&(_, ch)| {
                    depth += match ch {
                        '(' => 1,
                        ')' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(part.len(), |(i, _)| i);
            let args = &part[..end];
            let is_get = args.match_indices("get(").any(|(i, _)| {
                !args[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.')
            });
            if path.starts_with('/') && is_get {
                routes.push(path.to_string());
            }
        }
    }
    routes.sort();
    routes.dedup();
    routes
}

fn collect_rs(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_rs(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `route` with every `{param}` replaced by `value`.
fn fill(route: &str, value: &str) -> String {
    let mut out = String::new();
    let mut rest = route;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        out.push_str(value);
        rest = rest[start..].split_once('}').map_or("", |(_, r)| r);
    }
    out.push_str(rest);
    out
}

/// A refusal as a reader must get it: the error page in Russian (asked for with `?lang=ru`),
/// or under `/api/` the JSON error; never axum's English.
fn refused_in_russian(url: &str, p: &crate::support::Page) -> Result<(), String> {
    if let Some(english) = AXUM_ENGLISH.iter().find(|e| p.body.contains(*e)) {
        return Err(format!("{url}: {} with axum's {english:?}", p.status));
    }
    let content_type = p
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if url.starts_with("/api/") {
        let json: serde_json::Value = serde_json::from_str(&p.body)
            .map_err(|_| format!("{url}: {} not JSON: {}", p.status, p.body))?;
        return match (json["error"].as_str(), json["message"].as_str()) {
            (Some(_), Some(m)) if !m.is_empty() => Ok(()),
            _ => Err(format!("{url}: {} {}", p.status, p.body)),
        };
    }
    if !content_type.starts_with("text/html") || !p.has("<html lang=\"ru\">") {
        return Err(format!("{url}: {} {content_type}: {}", p.status, p.body));
    }
    Ok(())
}

#[tokio::test]
async fn axums_own_refusals_are_error_pages_in_the_readers_language() {
    let app = TestApp::with_people().await;
    let anonymous = app.client();
    let admin = app.login_as(Role::Admin).await;
    let routes = get_routes();
    assert!(routes.len() > 50, "the routes were read: {routes:?}");
    let some_id = "01960000-0000-7000-8000-000000000000";
    let mut wrong = Vec::new();
    let mut refusals = 0;
    for route in &routes {
        let mut urls = vec![format!(
            "{}?lang=ru&{EVERY_QUERY_FIELD_TWICE}",
            fill(route, some_id)
        )];
        if route.contains('{') {
            // Not UTF-8 once decoded: no path parameter reads it.
            urls.push(format!("{}?lang=ru", fill(route, "%FF")));
        }
        for url in &urls {
            for client in [&anonymous, &admin] {
                let p = client.get(url).await;
                if p.status.is_client_error() || p.status.is_server_error() {
                    refusals += 1;
                    if let Err(e) = refused_in_russian(url, &p) {
                        wrong.push(e);
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert!(refusals > routes.len(), "the bad requests were refused");

    // The review's example: a page number that is not a number.
    let comments = anonymous
        .get(&format!(
            "/pb/proposals/{some_id}/comments?page=abc&lang=kk"
        ))
        .await;
    assert_eq!(comments.status, StatusCode::BAD_REQUEST);
    assert!(comments.has("<html lang=\"kk\">") && comments.has("Сұрауды оқу мүмкін болмады"));
    // A path segment no territory code can be.
    let kato = anonymous.get("/territories/%FF?lang=en").await;
    assert_eq!(kato.status, StatusCode::NOT_FOUND);
    assert!(kato.has("Page not found"), "{}", kato.body);
}

#[tokio::test]
async fn a_form_axum_cannot_read_gets_the_error_page_with_its_status() {
    let app = TestApp::with_people().await;
    let c = app.client();
    let token = c.get("/login?lang=ru").await.csrf();
    // A field given twice: the form does not parse (422).
    let twice = c
        .post(
            "/login?lang=ru",
            &[
                ("csrf", &token),
                ("contact", "a@b.kz"),
                ("contact", "c@d.kz"),
            ],
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.has("Запрос не удалось прочитать"), "{}", twice.body);
    // The wrong content type: a multipart body where a plain form is read (415).
    let multipart = c
        .multipart(
            "/login?lang=ru",
            Some(&token),
            &[("contact", "a@b.kz")],
            "f",
            &[],
        )
        .await;
    assert_eq!(multipart.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(
        multipart.has("Запрос не удалось прочитать"),
        "{}",
        multipart.body
    );
    // And the other way round: a plain form where a file upload is read (400).
    let plain = c
        .post(
            "/territories/114435200/land?lang=en",
            &[("csrf", &token), ("description", "x")],
        )
        .await;
    assert_eq!(plain.status, StatusCode::BAD_REQUEST);
    assert!(plain.has("The request could not be read"), "{}", plain.body);
    // (A form over the 1 MiB the server reads: `security_csrf::a_form_over_1_mb_gets_a_too_large_page`.)
    for p in [&twice, &multipart, &plain] {
        assert!(
            !AXUM_ENGLISH.iter().any(|e| p.has(e)),
            "{}: {}",
            p.status,
            p.body
        );
    }
}

/// Issue 13 item 3, decisions 10: every API error is `{"error", "message", "request_id"}`,
/// the code one of the OpenAPI `Error` enum, the message in the `Accept-Language` language
/// (Kazakh when none is asked for); `/healthz` answers as before.
#[tokio::test]
async fn api_errors_carry_a_code_and_a_message_in_the_readers_language() {
    let app = TestApp::with_people().await;
    let c = app.client();
    let spec: serde_json::Value =
        serde_json::from_str(&c.get("/api/openapi.json").await.body).expect("openapi");
    let error = &spec["components"]["schemas"]["Error"];
    let codes: Vec<&str> = error["properties"]["error"]["enum"]
        .as_array()
        .expect("the codes")
        .iter()
        .filter_map(|c| c.as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "bad_request",
            "invalid_parameter",
            "not_found",
            "forbidden",
            "login_required",
            "csrf",
            "too_large",
            "internal"
        ]
    );
    assert_eq!(
        error["required"],
        serde_json::json!(["error", "message", "request_id"])
    );
    let get = |path: &'static str, lang: Option<&'static str>| {
        let mut req = c.http.get(format!("{}{path}", c.base));
        if let Some(l) = lang {
            req = req.header("accept-language", l);
        }
        async move {
            let res = req.send().await.expect("GET");
            let status = res.status();
            let id = res
                .headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            let body: serde_json::Value =
                serde_json::from_str(&res.text().await.expect("body")).expect("a JSON error");
            (status, id, body)
        }
    };
    for (path, lang, status, code, message) in [
        (
            "/api/v1/land-reports?territory=12x",
            Some("ru-RU,ru;q=0.9,en;q=0.5"),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            "Недопустимое значение параметра: territory.",
        ),
        (
            "/api/v1/initiatives?territory=12x",
            Some("en-GB"),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            "Parameter value not allowed: territory.",
        ),
        (
            "/api/v1/initiatives?status=approved",
            Some("en"),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            "Parameter value not allowed: status.",
        ),
        (
            "/api/v1/territories?parent=114400000&parent=114435000",
            Some("kk"),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            "Сұрау параметрлерінің бірінің мәні жарамсыз.",
        ),
        (
            "/api/v1/territories/119999999",
            None,
            StatusCode::NOT_FOUND,
            "not_found",
            "Сұралған жазба немесе мекенжай табылмады.",
        ),
        (
            "/api/v1/cycles/not-a-cycle",
            Some("ru"),
            StatusCode::NOT_FOUND,
            "not_found",
            "Запрошенная запись или адрес не найдены.",
        ),
        (
            "/api/v1/no-such-collection",
            Some("en"),
            StatusCode::NOT_FOUND,
            "not_found",
            "No such record or address.",
        ),
    ] {
        let (got, id, body) = get(path, lang).await;
        assert_eq!(got, status, "{path}: {body}");
        assert_eq!(body["error"], code, "{path}: {body}");
        assert_eq!(body["message"], message, "{path}: {body}");
        assert!(
            id.len() >= 32 && body["request_id"] == id.as_str(),
            "{path}: {body}"
        );
        assert!(codes.contains(&code));
        let keys: Vec<&String> = body.as_object().expect("an object").keys().collect();
        assert_eq!(keys.len(), 3, "{path}: {body}");
    }
    let health = c.get("/healthz").await;
    assert_eq!(
        (health.status, health.body.as_str()),
        (StatusCode::OK, "ok")
    );
}
