//! Two app instances on one database, as behind a load balancer: nothing either needs lives
//! in the other's memory.

use crate::support::{territory_tree, user_with_role, TestApp, BUILDER_PASSWORD};
use domain::Role;
use reqwest::StatusCode;

#[tokio::test]
async fn a_login_through_one_instance_is_valid_on_the_other() {
    let first = TestApp::empty().await;
    let tree = territory_tree(&first.db, "61", 1).await;
    let coordinator =
        user_with_role(&first.db, &tree.villages[0], Role::Coordinator, &tree.okrug).await;
    let second = first.another_instance().await;
    let c = first.login(&coordinator).await;
    // The same cookie jar, pointed at the other instance (same host, so the cookies apply).
    let on_second = crate::support::Client {
        base: format!("http://{}", second.addr),
        http: c.http.clone(),
    };
    let page = on_second.get("/account?lang=en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has(&coordinator.contact));
    // A form rendered by one instance is accepted by the other (the CSRF key is shared).
    let token = c.get("/account").await.csrf();
    let out = on_second.post("/logout", &[("csrf", &token)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    // …and logging out there ends the session everywhere.
    assert_eq!(c.get("/account").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn login_throttling_is_shared_between_instances() {
    let first = TestApp::empty().await;
    let tree = territory_tree(&first.db, "62", 1).await;
    let expert = user_with_role(&first.db, &tree.villages[0], Role::Expert, &tree.okrug).await;
    let second = first.another_instance().await;
    for app in [&first, &second, &first, &second, &first] {
        let c = app.client();
        c.submit(
            "/login",
            "/login",
            &[
                ("contact", expert.contact.as_str()),
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
                ("contact", expert.contact.as_str()),
                ("password", BUILDER_PASSWORD),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::TOO_MANY_REQUESTS);
}
