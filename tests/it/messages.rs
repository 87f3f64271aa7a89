//! The message queue: at least once, never two workers on one message, retried on the
//! schedule, given up on after about a day, args purged once done. Runs on SQLite, and on
//! PostgreSQL when `QATYSU_TEST_DATABASE_URL` is set.

use crate::support::{fresh_db, resident, territory_tree, TestDb};
use app::messages::{claim_due, enqueue, record_attempt, Attempt, NewMessage, LEASE};
use chrono::TimeDelta;
use domain::messages::{Channel, Delivery, RETRY_WAITS};
use domain::Level;

fn code_message(user: uuid::Uuid, subject: &str) -> NewMessage {
    NewMessage {
        user_id: user,
        kind: "code".into(),
        subject: subject.into(),
        channel: Channel::Sms,
        args: r#"{"code":"123456"}"#.into(),
        expires_at: None,
    }
}

async fn person(t: &TestDb, dd: &str) -> uuid::Uuid {
    let tree = territory_tree(&t.db, dd, 1).await;
    resident(&t.db, &tree.villages[0], Level::Contact).await.id
}

#[tokio::test]
async fn a_message_is_queued_once_and_two_workers_never_hold_it_together() {
    let t = fresh_db().await;
    let user = person(&t, "41").await;
    assert!(enqueue(&t.app, &code_message(user, "a"))
        .await
        .expect("queue"));
    assert!(!enqueue(&t.app, &code_message(user, "a"))
        .await
        .expect("again"));
    for s in ["b", "c", "d"] {
        enqueue(&t.app, &code_message(user, s))
            .await
            .expect("queue");
    }
    let (one, two) = tokio::join!(claim_due(&t.app, 3), claim_due(&t.app, 3));
    let (one, two) = (one.expect("claim"), two.expect("claim"));
    assert_eq!(one.len() + two.len(), 4, "every message claimed once");
    assert!(one.iter().all(|m| two.iter().all(|n| n.id != m.id)));
    assert!(
        claim_due(&t.app, 10).await.expect("claim").is_empty(),
        "all leased"
    );

    // A worker that died mid-send: after the lease another takes its messages (at least once).
    t.app.clock.advance(LEASE + TimeDelta::seconds(1));
    let again = claim_due(&t.app, 10).await.expect("claim");
    assert_eq!(again.len(), 4);
    for m in &again {
        assert_eq!(
            record_attempt(&t.app, m, Attempt::Sent)
                .await
                .expect("record"),
            Delivery::Sent
        );
    }
    t.app.clock.advance(LEASE * 2);
    assert!(
        claim_due(&t.app, 10).await.expect("claim").is_empty(),
        "sent stays sent"
    );
    let sent = store::messages::get(&t.db, again[0].id)
        .await
        .expect("read")
        .expect("message");
    assert_eq!(sent.args, "{}", "what it said is purged once sent");
    assert!(sent.sent_at.is_some());
    assert_eq!(
        app::messages::pending_of(&t.app, user)
            .await
            .expect("count"),
        0
    );
}

#[tokio::test]
async fn failures_are_retried_on_the_schedule_then_given_up_and_shown() {
    let t = fresh_db().await;
    let user = person(&t, "42").await;
    enqueue(&t.app, &code_message(user, "x"))
        .await
        .expect("queue");
    for wait in RETRY_WAITS {
        let due = claim_due(&t.app, 1).await.expect("claim");
        assert_eq!(due.len(), 1);
        let after = record_attempt(&t.app, &due[0], Attempt::Failed("timeout".into()))
            .await
            .expect("record");
        assert_eq!(after, Delivery::Pending);
        // Not before its time, even with the lease long gone.
        t.app.clock.advance(wait - TimeDelta::seconds(1));
        assert!(claim_due(&t.app, 1).await.expect("claim").is_empty());
        t.app.clock.advance(TimeDelta::seconds(1));
    }
    let last = claim_due(&t.app, 1).await.expect("claim");
    assert_eq!(last[0].attempts, 6);
    let after = record_attempt(&t.app, &last[0], Attempt::Failed("timeout".into()))
        .await
        .expect("record");
    assert_eq!(after, Delivery::Failed);
    let failed = store::messages::with_status(&t.db, Delivery::Failed, 10)
        .await
        .expect("failed");
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].attempts, 7);
    assert_eq!(failed[0].last_error.as_deref(), Some("timeout"));
    assert_eq!(failed[0].args, "{}", "a failed code is purged too");
    t.app.clock.advance(TimeDelta::days(2));
    assert!(claim_due(&t.app, 1).await.expect("claim").is_empty());
}

#[tokio::test]
async fn refused_and_expired_messages_fail_at_once() {
    let t = fresh_db().await;
    let user = person(&t, "43").await;
    enqueue(&t.app, &code_message(user, "bad-address"))
        .await
        .expect("queue");
    let due = claim_due(&t.app, 1).await.expect("claim");
    assert_eq!(
        record_attempt(&t.app, &due[0], Attempt::Refused("no such mailbox".into()))
            .await
            .expect("record"),
        Delivery::Failed
    );
    let mut late = code_message(user, "late");
    late.expires_at = Some(t.app.clock.now() + TimeDelta::minutes(10));
    enqueue(&t.app, &late).await.expect("queue");
    t.app.clock.advance(TimeDelta::minutes(11));
    assert!(claim_due(&t.app, 5).await.expect("claim").is_empty());
    let failed = store::messages::with_status(&t.db, Delivery::Failed, 10)
        .await
        .expect("failed");
    assert_eq!(failed.len(), 2);
    let expired = failed
        .iter()
        .find(|m| m.subject == "late")
        .expect("the late one");
    assert_eq!(expired.attempts, 0, "never tried");
}
