//! Messages really leave: e-mail to a real SMTP server and texts to a real HTTP gateway, both
//! running inside the test process; retries on the schedule, refusals shown to
//! administrators, expired codes never sent, notices in the person's language and channel,
//! `qatysu outbox drain` through the binary, and a drain killed mid-send that still sends
//! each message once. Runs on SQLite, and on PostgreSQL when `QATYSU_TEST_DATABASE_URL` is set.

use crate::raw_sql;
use crate::support::gateway::{Gateway, AUTH};
use crate::support::smtp::SmtpSink;
use crate::support::{
    collecting_initiative, fresh_db, resident, territory_tree, Person, TestApp, TestDb, SECRET,
};
use app::messages::{MessagePreferences, LEASE};
use domain::accounts::CodePurpose;
use domain::messages::{Channel, Delivery, Language, RETRY_WAITS};
use domain::{Contact, Kato, Level};
use qatysu::messages::{drain_once, Drained, SenderArgs, Transports};
use reqwest::StatusCode;
use std::process::{Command, Stdio};
use store::messages::Message;

fn transports(sink: Option<&SmtpSink>, gateway: Option<&Gateway>) -> Transports {
    Transports::from_args(&SenderArgs {
        smtp_url: sink.map(SmtpSink::url),
        mail_from: "Qatysu <noreply@test.qatysu.kz>".into(),
        sms_url: gateway.map(Gateway::template),
        sms_auth_header: Some(AUTH.into()),
        public_url: Some("https://qatysu.test".into()),
        send_timeout: 5,
    })
    .expect("transports")
}

/// Give `p` a phone as their only contact.
async fn phone_only(db: &store::Db, p: &Person, phone: &str) {
    raw_sql!(
        db,
        sqlx::query("UPDATE users SET phone = $2, email = NULL WHERE id = $1")
            .bind(p.id)
            .bind(phone)
    )
    .expect("set the phone");
}

async fn messages_of(db: &store::Db, status: Delivery) -> Vec<Message> {
    store::messages::with_status(db, status, 100)
        .await
        .expect("read messages")
}

async fn code_to(t: &TestDb, p: &Person, to: &str) {
    let contact = Contact::parse(to).expect("a contact");
    app::accounts::send_code(&t.app, p.id, CodePurpose::ConfirmContact, &contact)
        .await
        .expect("queue a code");
}

#[tokio::test]
async fn an_email_and_a_text_are_delivered_in_the_recipients_language_and_marked_sent() {
    let t = fresh_db().await;
    let tree = territory_tree(&t.db, "51", 1).await;
    let reader = resident(&t.db, &tree.villages[0], Level::SelfDeclared).await;
    let texter = resident(&t.db, &tree.villages[0], Level::SelfDeclared).await;
    phone_only(&t.db, &texter, "+77011234567").await;
    let ru = MessagePreferences {
        language: Language::Ru,
        channel: None,
    };
    store::accounts::set_message_preferences(&t.db, reader.id, &ru)
        .await
        .expect("prefs");
    code_to(&t, &reader, &reader.contact).await;
    code_to(&t, &texter, "+77011234567").await;

    let (sink, gateway) = (SmtpSink::start().await, Gateway::start().await);
    let done = drain_once(&t.app, &transports(Some(&sink), Some(&gateway)))
        .await
        .expect("drain");
    assert_eq!(
        done,
        Drained {
            sent: 2,
            retrying: 0,
            failed: 0
        }
    );
    let sent = messages_of(&t.db, Delivery::Sent).await;
    assert_eq!(sent.len(), 2);
    assert!(
        sent.iter().all(|m| m.args == "{}"),
        "what they said is purged"
    );

    let mails = sink.accepted();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    let email_msg = sent
        .iter()
        .find(|m| m.channel == Channel::Email)
        .expect("e-mail");
    assert_eq!(mail.to, vec![reader.contact.to_lowercase()]);
    assert_eq!(mail.from, "noreply@test.qatysu.kz");
    assert_eq!(
        mail.header("Message-ID").as_deref(),
        Some(format!("<{}@qatysu>", email_msg.id).as_str()),
        "a stable Message-ID: a resend is recognisable"
    );
    let text = mail.text();
    assert!(
        text.starts_with("Здравствуйте, "),
        "Russian, as chosen: {text}"
    );
    assert!(text.contains("Код подтверждения телефона или почты: "));

    let texts = gateway.received();
    assert_eq!(texts.len(), 1);
    let sms_msg = sent
        .iter()
        .find(|m| m.channel == Channel::Sms)
        .expect("SMS");
    assert_eq!(texts[0].to, "+77011234567");
    assert_eq!(texts[0].idempotency_key, sms_msg.id.to_string());
    assert_eq!(texts[0].auth.as_deref(), Some("test-key"));
    assert!(
        texts[0].text.starts_with("Qatysu: код ") && texts[0].text.ends_with("Ешкімге айтпаңыз."),
        "Kazakh by default: {}",
        texts[0].text
    );
    assert!(domain::messages::fits_one_sms(&texts[0].text));

    // Nothing is due any more: a second drain sends nothing.
    let again = drain_once(&t.app, &transports(Some(&sink), Some(&gateway)))
        .await
        .expect("drain");
    assert!(again.is_empty());
    assert_eq!((sink.accepted().len(), gateway.received().len()), (1, 1));
}

#[tokio::test]
async fn a_mailbox_the_server_refuses_fails_at_once() {
    let t = fresh_db().await;
    let tree = territory_tree(&t.db, "55", 1).await;
    let p = resident(&t.db, &tree.villages[0], Level::SelfDeclared).await;
    code_to(&t, &p, &p.contact).await;
    let sink = SmtpSink::start().await;
    sink.refuse(&p.contact);
    let done = drain_once(&t.app, &transports(Some(&sink), None))
        .await
        .expect("drain");
    assert_eq!(done.failed, 1);
    let failed = messages_of(&t.db, Delivery::Failed).await;
    let error = failed[0].last_error.clone().unwrap_or_default();
    assert!(
        error.starts_with("SMTP") && error.contains("550"),
        "{error}"
    );
    assert!(sink.accepted().is_empty());
}

#[tokio::test]
async fn a_channel_without_transport_stays_pending_and_an_expired_code_is_never_sent() {
    let t = fresh_db().await;
    let tree = territory_tree(&t.db, "52", 1).await;
    let p = resident(&t.db, &tree.villages[0], Level::SelfDeclared).await;
    code_to(&t, &p, "+77017654321").await;
    code_to(&t, &p, &p.contact).await;
    let sink = SmtpSink::start().await;
    let only_mail = transports(Some(&sink), None);
    assert_eq!(only_mail.channels(), vec![Channel::Email]);

    // No gateway: the text waits (the code's message expires with the code).
    t.app.clock.advance(chrono::TimeDelta::minutes(11));
    let done = drain_once(&t.app, &only_mail).await.expect("drain");
    assert_eq!(
        done,
        Drained::default(),
        "the expired e-mail is not an attempt"
    );
    assert!(sink.accepted().is_empty(), "an expired code is never sent");
    let failed = messages_of(&t.db, Delivery::Failed).await;
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].channel, Channel::Email);
    assert_eq!((failed[0].attempts, failed[0].args.as_str()), (0, "{}"));
    let pending = messages_of(&t.db, Delivery::Pending).await;
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].channel, Channel::Sms);
}

#[tokio::test]
async fn gateway_trouble_is_retried_on_the_schedule_and_a_refusal_is_shown_to_administrators() {
    let t = TestApp::with_people().await;
    let village = store::territories::by_kato(
        &t.db,
        &Kato::parse(qatysu::cli::demo::DEMO_VILLAGE).expect("kato"),
    )
    .await
    .expect("read")
    .expect("the demo village");
    let p = resident(&t.db, &village, Level::SelfDeclared).await;
    phone_only(&t.db, &p, "+77019998877").await;
    let contact = Contact::parse("+77019998877").expect("phone");
    app::accounts::send_code(&t.app, p.id, CodePurpose::ResetPassword, &contact)
        .await
        .expect("queue");
    let gateway = Gateway::start().await;
    let send = transports(None, Some(&gateway));

    gateway.answer(&[500]);
    let first = drain_once(&t.app, &send).await.expect("drain");
    assert_eq!(first.retrying, 1);
    let waiting = messages_of(&t.db, Delivery::Pending).await;
    assert_eq!(
        waiting[0].last_error.as_deref(),
        Some("SMS gateway answered 500")
    );
    // Not before its time.
    t.app
        .clock
        .advance(RETRY_WAITS[0] - chrono::TimeDelta::seconds(2));
    assert!(drain_once(&t.app, &send).await.expect("drain").is_empty());
    t.app.clock.advance(chrono::TimeDelta::seconds(2));
    let second = drain_once(&t.app, &send).await.expect("drain");
    assert_eq!(second.sent, 1);
    let got = gateway.received();
    assert_eq!(got.len(), 2, "tried twice");
    assert_eq!(got[0].idempotency_key, got[1].idempotency_key);
    assert_eq!(got[0].text, got[1].text, "the same message both times");
    t.app.clock.advance(chrono::TimeDelta::hours(1));
    assert!(drain_once(&t.app, &send).await.expect("drain").is_empty());
    assert_eq!(gateway.received().len(), 2, "sent once");

    // A 4xx is for good: failed at once, and administrators see it.
    app::accounts::send_code(&t.app, p.id, CodePurpose::ConfirmContact, &contact)
        .await
        .expect("queue");
    gateway.answer(&[400]);
    let refused = drain_once(&t.app, &send).await.expect("drain");
    assert_eq!(refused.failed, 1);
    let admin = t.login_as(domain::Role::Admin).await;
    let account = admin.get("/account").await;
    assert!(account.body.contains("href=\"/admin/messages\""), "linked");
    let page = admin.get("/admin/messages").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("SMS gateway answered 400"),
        "{}",
        page.body
    );
    assert!(page.body.contains(&html_escaped_name(&t, &p).await));
    assert!(page.body.contains("id=\"status-failed\""));
    assert!(page.has("Бір реттік код"), "the kind in words");
    // A resident may not look.
    let resident_client = t
        .login_as_contact("+77019998877", crate::support::BUILDER_PASSWORD)
        .await;
    let denied = resident_client.get("/admin/messages").await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
}

async fn user_by_email(db: &store::Db, email: &str) -> uuid::Uuid {
    let q = "SELECT id FROM users WHERE email = $1";
    match db {
        store::Db::Sqlite(p) => sqlx::query_scalar(q).bind(email).fetch_one(p).await,
        store::Db::Postgres(p) => sqlx::query_scalar(q).bind(email).fetch_one(p).await,
    }
    .expect("the account")
}

async fn html_escaped_name(t: &TestApp, p: &Person) -> String {
    let r = store::messages::recipient(&t.db, p.id)
        .await
        .expect("read")
        .expect("the person");
    r.display_name
}

#[tokio::test]
async fn an_initiative_notice_goes_by_the_chosen_channel_in_the_chosen_language() {
    let t = fresh_db().await;
    let tree = territory_tree(&t.db, "53", 1).await;
    let author = resident(&t.db, &tree.villages[0], Level::InPerson).await;
    let moderator = resident(&t.db, &tree.villages[0], Level::InPerson).await;
    // The author has both contacts and asks for texts in English.
    raw_sql!(
        &t.db,
        sqlx::query("UPDATE users SET phone = '+77015550011' WHERE id = $1").bind(author.id)
    )
    .expect("phone");
    let prefs = MessagePreferences {
        language: Language::En,
        channel: Some(Channel::Sms),
    };
    store::accounts::set_message_preferences(&t.db, author.id, &prefs)
        .await
        .expect("prefs");
    collecting_initiative(
        &t.db,
        &tree.okrug,
        author.id,
        moderator.id,
        10,
        t.app.clock.now(),
    )
    .await;
    let queued = messages_of(&t.db, Delivery::Pending).await;
    assert!(!queued.is_empty());
    assert!(queued
        .iter()
        .all(|m| m.kind == app::messages::INITIATIVE_NOTICE && m.channel == Channel::Sms));

    let (sink, gateway) = (SmtpSink::start().await, Gateway::start().await);
    let done = drain_once(&t.app, &transports(Some(&sink), Some(&gateway)))
        .await
        .expect("drain");
    assert_eq!(done.sent as usize, queued.len());
    let texts = gateway.received();
    assert!(texts.iter().all(|s| s.to == "+77015550011"));
    assert!(
        texts
            .iter()
            .any(|s| s.text.starts_with("Qatysu: Initiative published: “Ауылға")),
        "{texts:?}"
    );
    assert!(texts
        .iter()
        .all(|s| domain::messages::fits_one_sms(&s.text)));
    assert!(sink.accepted().is_empty());
}

#[tokio::test]
async fn the_account_page_sets_language_and_channel() {
    let t = TestApp::with_people().await;
    let c = t.login_as(domain::Role::Resident).await;
    let page = c.get("/account").await;
    assert!(page.body.contains("action=\"/account/messages\""));
    let me = user_by_email(&t.db, "resident@demo.qatysu.kz").await;
    // The demo resident has only an e-mail: texts cannot be chosen.
    assert!(!page.body.contains("value=\"sms\""));
    let refused = c
        .submit(
            "/account",
            "/account/messages",
            &[("language", "ru"), ("channel", "sms")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let saved = c
        .submit(
            "/account",
            "/account/messages",
            &[("language", "ru"), ("channel", "email")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let prefs = store::accounts::message_preferences(&t.db, me)
        .await
        .expect("prefs");
    assert_eq!(
        prefs,
        MessagePreferences {
            language: Language::Ru,
            channel: Some(Channel::Email)
        }
    );
    // Without the form's token nothing changes.
    let forged = c
        .post("/account/messages", &[("language", "en"), ("channel", "")])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn registering_on_a_russian_page_writes_messages_in_russian() {
    let t = TestApp::with_people().await;
    let c = t.client();
    let reg = c
        .submit(
            "/register?lang=ru",
            "/register",
            &[
                ("name", "Орыс Тілді"),
                ("contact", "ru-reader@mail.kz"),
                ("iin", "850315400025"),
                ("village", qatysu::cli::demo::DEMO_VILLAGE),
                ("password", "таза-ауа-2026"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(reg.status, StatusCode::SEE_OTHER, "{}", reg.body);
    let id = user_by_email(&t.db, "ru-reader@mail.kz").await;
    let prefs = store::accounts::message_preferences(&t.db, id)
        .await
        .expect("prefs");
    assert_eq!(prefs.language, Language::Ru);
}

// ---- the binary, and a drain killed mid-send ----

fn drain_command(t: &TestDb, smtp: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qatysu"));
    cmd.args(["outbox", "drain", "--data"])
        .arg(t.dir.path())
        .env("RUST_LOG", "warn")
        .env(
            "QATYSU_SECRET",
            std::str::from_utf8(SECRET).expect("ASCII secret"),
        )
        .env("QATYSU_SMTP_URL", smtp)
        .env("QATYSU_SEND_TIMEOUT", "120")
        .env("QATYSU_LANG", "en")
        .env_remove("QATYSU_SMS_URL")
        .env_remove("DATABASE_URL");
    if t.url.starts_with("postgres") {
        cmd.env("DATABASE_URL", &t.url);
    }
    cmd
}

/// Run `qatysu outbox drain` to the end (off the runtime: the SMTP sink runs on it).
async fn drain(t: &TestDb, smtp: &str) -> String {
    let mut cmd = drain_command(t, smtp);
    let out = tokio::task::spawn_blocking(move || cmd.output())
        .await
        .expect("join")
        .expect("run qatysu");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

async fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..600 {
        if ready() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

#[tokio::test]
async fn a_drain_killed_mid_send_delivers_each_message_once() {
    let t = fresh_db().await;
    let tree = territory_tree(&t.db, "54", 1).await;
    let first = resident(&t.db, &tree.villages[0], Level::SelfDeclared).await;
    let second = resident(&t.db, &tree.villages[0], Level::SelfDeclared).await;
    code_to(&t, &first, &first.contact).await;
    code_to(&t, &second, &second.contact).await;
    let queued = messages_of(&t.db, Delivery::Pending).await;
    let id_of = |p: &Person| {
        queued
            .iter()
            .find(|m| m.user_id == p.id)
            .map(|m| m.id)
            .expect("queued")
    };
    let (a, b) = (id_of(&first), id_of(&second));

    // The mail server takes the first message and then never answers the second's DATA.
    let sink = SmtpSink::start().await;
    sink.hold_after(Some(1));
    let mut child = drain_command(&t, &sink.url())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the drain");
    wait_for("the second message to be held", || sink.held().len() == 1).await;
    let status = |id| {
        let db = t.db.clone();
        async move {
            store::messages::get(&db, id)
                .await
                .expect("read")
                .expect("message")
        }
    };
    // Killed after the first one's commit, before the second's send completed.
    let sent_first = status(a).await;
    assert_eq!(
        sent_first.status,
        Delivery::Sent,
        "recorded right after its send"
    );
    child.kill().expect("SIGKILL the drain");
    let _ = child.wait();
    let held = status(b).await;
    assert_eq!((held.status, held.attempts), (Delivery::Pending, 0));

    // Within the lease another drain leaves it alone: no two senders on one message.
    sink.hold_after(None);
    let out = drain(&t, &sink.url()).await;
    assert!(out.starts_with("sent 0, failed 0"), "{out}");
    assert_eq!(sink.accepted().len(), 1);

    // The lease runs out (as two minutes would): the next drain sends it, once.
    raw_sql!(
        &t.db,
        sqlx::query("UPDATE messages SET lease_until = $2 WHERE id = $1")
            .bind(b)
            .bind(t.app.clock.now() - LEASE)
    )
    .expect("end the lease");
    let out = drain(&t, &sink.url()).await;
    assert_eq!(out, "sent 1, failed 0, retrying later 0, still pending 0");
    let out = drain(&t, &sink.url()).await;
    assert_eq!(out, "sent 0, failed 0, retrying later 0, still pending 0");

    let mails = sink.accepted();
    let ids: Vec<String> = mails
        .iter()
        .filter_map(|m| m.header("Message-ID"))
        .collect();
    assert_eq!(
        ids,
        vec![format!("<{a}@qatysu>"), format!("<{b}@qatysu>")],
        "each message accepted once; the first never again"
    );
    assert_eq!(
        sink.held()[0].header("Message-ID"),
        Some(format!("<{b}@qatysu>")),
        "the resend carries the interrupted attempt's Message-ID"
    );
    assert_eq!(status(b).await.status, Delivery::Sent);
}

#[test]
fn serve_refuses_to_print_codes() {
    let out = Command::new(env!("CARGO_BIN_EXE_qatysu"))
        .args(["serve", "--dev-print-codes", "--addr", "127.0.0.1:0"])
        .env("RUST_LOG", "warn")
        .env("QATYSU_LANG", "en")
        .output()
        .expect("run qatysu");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("only for the demo"), "{err}");
}
