//! Lists by territory and status, search, sorting, the Atom feed, and the overdue list the
//! territory page shows.

use super::{card, date, path_prefix, Card};
use crate::extract::{Path, Query};
use crate::pages::{render, Ctx};
use crate::{AppError, AppState};
use app::initiatives::{self as ini, Filter, Initiative, Territory};
use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::initiatives::{deadline, Status};
use domain::{Action, Kato};
use serde::Deserialize;

/// More than a rural district ever has at once; a larger list is cut, newest kept.
const LIST_LIMIT: i64 = 300;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    territory: String,
    status: String,
    q: String,
    sort: String,
}

#[derive(Template)]
#[template(path = "initiatives/list.html")]
struct ListPage<'a> {
    c: &'a Ctx,
    title: String,
    kato: String,
    q: String,
    statuses: Vec<(&'static str, String, bool)>,
    sorts: Vec<(&'static str, String, bool)>,
    cards: Vec<Card>,
    returned: String,
    can_write: bool,
    can_rules: bool,
}

async fn territory_of(s: &AppState, kato: &str) -> Result<Option<Territory>, AppError> {
    if kato.trim().is_empty() {
        return Ok(None);
    }
    let k = Kato::parse(kato.trim()).map_err(|_| AppError::NotFound)?;
    Ok(Some(
        ini::territory_by_kato(s, &k)
            .await?
            .ok_or(AppError::NotFound)?,
    ))
}

/// Sort in Rust: by signatures (most first) or by the nearest deadline; newest otherwise.
fn sort(list: &mut [Initiative], how: &str) {
    match how {
        "signatures" => list.sort_by_key(|i| std::cmp::Reverse(i.signatures)),
        "deadline" => list.sort_by_key(|i| {
            let d = deadline(i.status, i.collect_until, i.consider_due);
            (d.is_none(), d)
        }),
        _ => {}
    }
}

pub async fn list(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let territory = territory_of(&s, &q.territory).await?;
    let path = territory
        .as_ref()
        .map(|t| t.path.clone())
        .unwrap_or_default();
    let can_moderate = !path.is_empty() && c.may(Action::ModerateInitiative, &path);
    let status = Status::parse(&q.status);
    let mut list = if status.is_some_and(|st| !st.is_public() && !can_moderate) {
        Vec::new()
    } else {
        let f = Filter {
            path_prefix: path_prefix(&path),
            status,
            query: Some(q.q.clone()),
            with_drafts: can_moderate,
        };
        ini::list(&s, &f, LIST_LIMIT).await?
    };
    // After the list (which closes ended collections), so the cards are as of now.
    let now = s.clock.now();
    sort(&mut list, &q.sort);
    let (returned, times) = ini::returned_counts(&s, &path).await?;
    let lang = c.lang.code();
    let title = match &territory {
        Some(t) => c.t_str("initiatives-list-title-in", "territory", t.name(lang)),
        None => c.t("initiatives-list-title"),
    };
    let statuses = Status::ALL
        .iter()
        .filter(|st| st.is_public() || can_moderate)
        .map(|st| {
            (
                st.as_str(),
                c.t(&format!("initiatives-list-status-{}", st.as_str())),
                Some(*st) == status,
            )
        })
        .collect();
    let sorts = ["new", "signatures", "deadline"]
        .iter()
        .map(|k| (*k, c.t(&format!("initiatives-sort-{k}")), *k == q.sort))
        .collect();
    let p = ListPage {
        c: &c,
        title,
        kato: territory
            .as_ref()
            .map(|t| t.kato.to_string())
            .unwrap_or_default(),
        q: q.q.clone(),
        statuses,
        sorts,
        cards: list.iter().map(|i| card(&c, i, now)).collect(),
        returned: c.lang.t_args(
            "initiatives-returned-count",
            &[
                ("count", crate::i18n::Arg::Num(returned)),
                ("times", crate::i18n::Arg::Num(times)),
            ],
        ),
        can_write: c.signed_in(),
        can_rules: !path.is_empty() && c.may(Action::ConfigureThreshold, &path),
    };
    Ok(render(&p)?.into_response())
}

/// Overdue initiatives of a territory and below, for its page: (id, title, due date).
pub async fn overdue_in(
    s: &AppState,
    c: &Ctx,
    t: &Territory,
) -> Result<Vec<(String, String, String)>, AppError> {
    Ok(ini::overdue(s, &t.path, LIST_LIMIT)
        .await?
        .into_iter()
        .map(|i| {
            let due = i.consider_due.map(|d| date(c, d)).unwrap_or_default();
            (i.id.to_string(), i.title, due)
        })
        .collect())
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An Atom feed of a territory's public initiatives, newest change first.
pub async fn feed(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
) -> Result<Response, AppError> {
    let t = territory_of(&s, &kato).await?.ok_or(AppError::NotFound)?;
    let f = Filter {
        path_prefix: path_prefix(&t.path),
        ..Filter::default()
    };
    let list = ini::list(&s, &f, 50).await?;
    let lang = c.lang.code();
    let updated = list
        .iter()
        .map(|i| i.published_at.unwrap_or(i.created_at))
        .max()
        .unwrap_or_else(|| s.clock.now());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str(&format!(
        "<title>{}</title>\n<id>urn:qatysu:initiatives:{}</id>\n<updated>{}</updated>\n<link rel=\"alternate\" href=\"/initiatives?territory={}\"/>\n",
        xml(&c.t_str("initiatives-list-title-in", "territory", t.name(lang))),
        t.kato,
        updated.to_rfc3339(),
        t.kato
    ));
    for i in &list {
        out.push_str(&format!(
            "<entry><title>{}</title><id>urn:uuid:{}</id><updated>{}</updated><link href=\"/initiatives/{}\"/><summary>{}</summary><author><name>{}</name></author></entry>\n",
            xml(&i.title),
            i.id,
            i.published_at.unwrap_or(i.created_at).to_rfc3339(),
            i.id,
            xml(&c.t(&format!("initiatives-status-{}", i.status.as_str()))),
            xml(&i.author_name),
        ));
    }
    out.push_str("</feed>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        out,
    )
        .into_response())
}
