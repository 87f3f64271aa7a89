//! The use cases `qatysu demo` added to seed through the app like a person: an app on its own
//! clock over the same database and keys, acting as an account named by contact, and the
//! organiser's supplement to a published final document. They need a database and the
//! builders, which the app crate's unit tests do not have. Runs on SQLite, and on PostgreSQL
//! when `QATYSU_TEST_DATABASE_URL` is set.

use crate::support::{fingerprint, fresh_db, resident, territory_tree, Person};
use app::control::{DeliveryOutcome, DocumentOutcome, EventInput, SupplementOutcome};
use app::{Actor, App, Clock};
use chrono::{Days, TimeDelta};
use domain::Contact;

async fn actor(app: &App, p: &Person) -> Actor {
    app::access::actor(app, p.id)
        .await
        .expect("db")
        .expect("the person")
}

#[tokio::test]
async fn an_app_on_another_clock_shares_the_database_and_the_keys() {
    let t = fresh_db().await;
    let tree = territory_tree(&t.db, "61", 1).await;
    let past = t.app.clock.now() - TimeDelta::days(40);
    let then = t.app.with_clock(Clock::manual(past));
    assert!(then.clock.now() - past < TimeDelta::seconds(5));
    assert!(
        t.app.clock.now() - then.clock.now() >= TimeDelta::days(40),
        "the first app's clock did not move"
    );
    let p = resident(&t.db, &tree.villages[0], domain::Level::InPerson).await;
    let seen = actor(&then, &p).await;
    assert_eq!(seen.user.id, p.id, "the same database");
    assert_eq!(then.keys.iin.fingerprint(&p.iin), fingerprint(&p.iin));
}

#[tokio::test]
async fn an_account_named_by_contact_acts_with_its_grants_and_home() {
    let t = fresh_db().await;
    let tree = territory_tree(&t.db, "62", 1).await;
    let p = resident(&t.db, &tree.villages[0], domain::Level::InPerson).await;
    let contact = Contact::parse(&p.contact).expect("contact");
    let a = app::access::actor_by_contact(&t.app, &contact)
        .await
        .expect("db")
        .expect("found");
    assert_eq!(a.user.id, p.id);
    assert!(a.lives_in(&tree.okrug.kato));
    assert_eq!(a.grants.len(), 1, "the resident role where they live");
    let nobody = Contact::parse("nobody@test.qatysu.kz").expect("contact");
    let none = app::access::actor_by_contact(&t.app, &nobody)
        .await
        .expect("db");
    assert!(none.is_none());
}

#[tokio::test]
async fn the_organiser_adds_recommendations_delivered_with_the_next_delivery() {
    let t = fresh_db().await;
    let tree = territory_tree(&t.db, "63", 1).await;
    let organiser = resident(&t.db, &tree.villages[0], domain::Level::InPerson).await;
    let neighbour = resident(&t.db, &tree.villages[0], domain::Level::InPerson).await;
    let (organiser, neighbour) = (
        actor(&t.app, &organiser).await,
        actor(&t.app, &neighbour).await,
    );
    // Ten days ago, so that both deliveries fall on past days.
    let app = t
        .app
        .with_clock(Clock::manual(t.app.clock.now() - TimeDelta::days(10)));
    let held = app.clock.today().to_string();
    let input = EventInput {
        title: "Жол жөндеу бойынша тыңдау",
        kind: "hearing",
        body: "Аудан әкімдігі",
        starts: &held,
        ends: &held,
        participants: "Тұрғындар",
        ngo_name: "",
        ngo_bin: "",
    };
    let event = match app::control::register_control_event(&app, &organiser, &tree.okrug, &input)
        .await
        .expect("register")
    {
        app::control::RegisterOutcome::Registered(id) => id,
        other => panic!("not registered: {other:?}"),
    };
    let add = |who: &Actor, recs: &'static str| {
        let (app, who) = (app.clone(), who.clone());
        async move { app::control::add_recommendations(&app, &who, event, recs).await }
    };
    // Before the final document there is nothing to add to.
    assert_eq!(
        add(&organiser, "Бірінші ұсыныс.").await.expect("db"),
        SupplementOutcome::NoDocument
    );
    let published = app::control::publish_document(
        &app,
        &organiser,
        event,
        "protocol",
        "Тыңдауға отыз адам қатысып, жол жөндеу жоспарын талқылады.",
        "Жолды жөндеу.",
    )
    .await
    .expect("publish");
    assert_eq!(published, DocumentOutcome::Published);
    let delivered = app.clock.today();
    let recorded = app::control::record_delivery(&app, &organiser, event, Some(delivered))
        .await
        .expect("deliver");
    assert_eq!(recorded, DeliveryOutcome::Recorded);
    // Only the organiser adds, and only real lines.
    assert!(matches!(
        add(&neighbour, "Бөгде ұсыныс.").await,
        Err(app::Error::Forbidden)
    ));
    assert_eq!(
        add(&organiser, "  \n ").await.expect("db"),
        SupplementOutcome::Invalid
    );
    let too_many = "Ұсыныс.\n".repeat(domain::control::RECOMMENDATIONS_MAX);
    let r = app::control::add_recommendations(&app, &organiser, event, &too_many)
        .await
        .expect("db");
    assert_eq!(
        r,
        SupplementOutcome::Invalid,
        "more than a document carries in all"
    );
    app.clock.advance(TimeDelta::days(3));
    assert_eq!(
        add(&organiser, "Айналма жол ұйымдастыру.\nСметаны жариялау.")
            .await
            .expect("db"),
        SupplementOutcome::Added
    );
    let recs = app::control::event_page(&app, event)
        .await
        .expect("page")
        .recommendations;
    let numbers: Vec<i64> = recs.iter().map(|r| r.item_no).collect();
    assert_eq!(numbers, [1, 2, 3], "numbered after the document's own");
    assert!(recs[0].delivered_on == Some(delivered) && recs[1].delivered_on.is_none());
    // The next delivery carries the supplement; the first recommendation keeps its day.
    let again = delivered.checked_add_days(Days::new(3)).expect("date");
    let recorded = app::control::record_delivery(&app, &organiser, event, Some(again))
        .await
        .expect("deliver");
    assert_eq!(recorded, DeliveryOutcome::Recorded);
    let recs = app::control::event_page(&app, event)
        .await
        .expect("page")
        .recommendations;
    let days: Vec<_> = recs.iter().map(|r| r.delivered_on).collect();
    assert_eq!(days, [Some(delivered), Some(again), Some(again)]);
}
