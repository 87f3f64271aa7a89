//! `/admin/messages`: the messages that could not be delivered, newest first, and how many
//! are waiting, sent and failed, for the people of the administrator's territory.

use crate::pages::{render, require_viewer, Ctx};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::messages::{Channel, Delivery};

struct Row {
    at: String,
    kind: String,
    channel: String,
    recipient: String,
    attempts: String,
    error: String,
}

#[derive(Template)]
#[template(path = "messages/admin.html")]
struct Page<'a> {
    c: &'a Ctx,
    scope: String,
    counts: Vec<(&'static str, String, String)>,
    rows: Vec<Row>,
}

fn status_label(c: &Ctx, d: Delivery) -> String {
    c.t(match d {
        Delivery::Pending => "messages-admin-status-pending",
        Delivery::Sent => "messages-admin-status-sent",
        Delivery::Failed => "messages-admin-status-failed",
    })
}

/// A message's kind in words.
pub fn kind_label(c: &Ctx, kind: &str) -> String {
    c.t(match kind {
        app::messages::CODE => "messages-admin-kind-code",
        app::messages::INITIATIVE_NOTICE => "messages-admin-kind-initiative-notice",
        _ => "messages-admin-kind-other",
    })
}

fn channel_label(c: &Ctx, ch: Channel) -> String {
    c.t(match ch {
        Channel::Email => "messages-prefs-channel-email",
        Channel::Sms => "messages-prefs-channel-sms",
    })
}

pub(super) async fn page(State(s): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let o = app::messages::overview(&s.app, v).await?;
    let scope = match &o.scope {
        Some(t) => c.t_str("accounts-admin-scope", "territory", t.name(c.lang.code())),
        None => c.t("accounts-admin-scope-country"),
    };
    let rows = o
        .failed
        .iter()
        .map(|f| {
            let m = &f.message;
            Row {
                at: c.lang.date_time(m.created_at),
                kind: kind_label(&c, &m.kind),
                channel: channel_label(&c, m.channel),
                recipient: f.recipient.clone(),
                attempts: c.lang.number(i64::from(m.attempts)),
                error: m.last_error.clone().unwrap_or_default(),
            }
        })
        .collect();
    let page = Page {
        c: &c,
        scope,
        counts: o
            .counts
            .iter()
            .map(|&(d, n)| (d.as_str(), status_label(&c, d), c.lang.number(n)))
            .collect(),
        rows,
    };
    Ok(render(&page)?.into_response())
}
