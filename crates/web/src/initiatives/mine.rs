//! The signer's own page: initiatives they signed, wrote, and the notices about them.

use super::{card, date, Card};
use crate::pages::{render, require_viewer, Ctx};
use crate::{AppError, AppState};
use app::initiatives as ini;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::initiatives::{Channel, EventKind};

#[derive(Template)]
#[template(path = "initiatives/mine.html")]
struct MinePage<'a> {
    c: &'a Ctx,
    signed: Vec<(Card, String)>,
    written: Vec<Card>,
    notices: Vec<(String, String, String, String)>,
}

const NOTICES_SHOWN: i64 = 30;

pub async fn mine(State(s): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let mine = ini::mine(&s, v, NOTICES_SHOWN).await?;
    let now = s.clock.now();
    let signed = mine
        .signed
        .iter()
        .map(|m| {
            let how = match m.channel {
                Channel::Paper => "initiatives-signed-paper",
                Channel::Online => "initiatives-signed-online",
            };
            (
                card(&c, &m.initiative, now),
                c.t_str(how, "date", &date(&c, m.signed_at)),
            )
        })
        .collect();
    let written = mine.written.iter().map(|i| card(&c, i, now)).collect();
    let mut notices: Vec<_> = mine
        .notices
        .into_iter()
        .map(|n| {
            let kind = EventKind::parse(&n.kind).unwrap_or(EventKind::Submitted);
            (
                format!("/initiatives/{}", n.initiative_id),
                n.title,
                c.t(&format!("initiatives-event-{}", kind.as_str())),
                n.created_at,
            )
        })
        .collect();
    // Notices about the person's budget proposals share the list, newest first.
    notices.extend(crate::pb::notices_for(&s, &c, v.user.id, NOTICES_SHOWN).await?);
    notices.sort_by_key(|n| std::cmp::Reverse(n.3));
    notices.truncate(NOTICES_SHOWN as usize);
    let notices = notices
        .into_iter()
        .map(|(href, title, what, at)| (href, title, what, date(&c, at)))
        .collect();
    Ok(render(&MinePage {
        c: &c,
        signed,
        written,
        notices,
    })?
    .into_response())
}
