//! The signer's own page: initiatives they signed, wrote, and the notices about them.

use super::{card, date, Card};
use crate::pages::{render, require_viewer, Ctx};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use store::initiatives as ini_store;

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
    let now = s.clock.now();
    ini_store::sweep(&s.db, now).await?;
    let hash = ini_store::person_hash_of(&s.db, v.user.id).await?;
    let signed = ini_store::signed_by(&s.db, &hash)
        .await?
        .iter()
        .map(|m| {
            let how = if m.channel == "paper" {
                "initiatives-signed-paper"
            } else {
                "initiatives-signed-online"
            };
            (
                card(&c, &m.initiative, now),
                c.t_str(how, "date", &date(&c, m.signed_at)),
            )
        })
        .collect();
    let written = ini_store::authored_by(&s.db, v.user.id)
        .await?
        .iter()
        .map(|i| card(&c, i, now))
        .collect();
    let mut notices: Vec<_> = ini_store::notices_of(&s.db, v.user.id, NOTICES_SHOWN)
        .await?
        .into_iter()
        .map(|n| {
            let kind = if super::show::EVENT_KINDS.contains(&n.kind.as_str()) {
                n.kind
            } else {
                "submitted".into()
            };
            (
                format!("/initiatives/{}", n.initiative_id),
                n.title,
                c.t(&format!("initiatives-event-{kind}")),
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
