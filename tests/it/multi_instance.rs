//! Two app instances on one database, as behind a load balancer: nothing either needs lives
//! in the other's memory.

use crate::support::TestApp;
use domain::Role;
use reqwest::StatusCode;

#[tokio::test]
async fn a_login_through_one_instance_is_valid_on_the_other() {
    let first = TestApp::spawn().await;
    let second = first.another_instance().await;
    let c = first.login_as(Role::Coordinator).await;
    // The same cookie jar, pointed at the other instance (same host, so the cookies apply).
    let on_second = crate::support::Client {
        base: format!("http://{}", second.addr),
        http: c.http.clone(),
    };
    let page = on_second.get("/account?lang=en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has("Айгүл Сейітова"));
    // A form rendered by one instance is accepted by the other (the CSRF key is shared).
    let token = c.get("/account").await.csrf();
    let out = on_second.post("/logout", &[("csrf", &token)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    // …and logging out there ends the session everywhere.
    assert_eq!(c.get("/account").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn login_throttling_is_shared_between_instances() {
    let first = TestApp::spawn().await;
    let second = first.another_instance().await;
    for app in [&first, &second, &first, &second, &first] {
        let c = app.client();
        c.submit(
            "/login",
            "/login",
            &[
                ("contact", "expert@demo.qatysu.kz"),
                ("password", "guess-guess"),
            ],
        )
        .await;
    }
    let c = second.client();
    let p = c
        .submit(
            "/login",
            "/login",
            &[
                ("contact", "expert@demo.qatysu.kz"),
                ("password", "demo-expert-2026"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::TOO_MANY_REQUESTS);
}
