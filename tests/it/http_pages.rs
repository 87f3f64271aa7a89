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
