//! `/admin/accounts`: administrators see the accounts of their territory with their
//! verification levels, and how each level came about. Plain tables and links, 50 accounts a
//! page, for slow connections.

use crate::centres::message_id;
use crate::extract::{Id, Query};
use crate::i18n::Arg;
use crate::pages::{render, require_viewer, Ctx};
use crate::{AppError, AppState};
use app::accounts::{AccountHistory, Directory, DirectoryFilter, Listed};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::{Kato, Level};
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ListQuery {
    territory: String,
    level: String,
    page: String,
}

impl ListQuery {
    fn filter(&self) -> Result<DirectoryFilter, AppError> {
        let territory = match self.territory.trim() {
            "" => None,
            k => Some(Kato::parse(k).map_err(|_| AppError::NotFound)?),
        };
        Ok(DirectoryFilter {
            territory,
            level: Level::parse(self.level.trim()),
            page: self.page.trim().parse().unwrap_or(1),
        })
    }
}

/// A level with its count, linked to the list of that level.
struct LevelCount {
    code: &'static str,
    label: String,
    count: String,
    href: String,
    chosen: bool,
}

struct Row {
    href: String,
    name: String,
    village: String,
    level: String,
    registered: String,
    last_change: String,
}

#[derive(Template)]
#[template(path = "accounts/admin.html")]
struct ListPage<'a> {
    c: &'a Ctx,
    scope: String,
    territory: String,
    counts: Vec<LevelCount>,
    rows: Vec<Row>,
    page_line: String,
    prev: Option<String>,
    next: Option<String>,
}

fn level_label(c: &Ctx, l: Level) -> String {
    c.t(&format!("accounts-level-{}", l.as_str()))
}

/// The list's address with these filters.
fn list_href(territory: &str, level: Option<Level>, page: i64) -> String {
    let mut params = Vec::new();
    if !territory.is_empty() {
        params.push(format!("territory={territory}"));
    }
    if let Some(l) = level {
        params.push(format!("level={}", l.as_str()));
    }
    if page > 1 {
        params.push(format!("page={page}"));
    }
    if params.is_empty() {
        "/admin/accounts".to_string()
    } else {
        format!("/admin/accounts?{}", params.join("&"))
    }
}

fn row(c: &Ctx, a: &Listed) -> Row {
    let village = match c.lang.code() {
        "ru" => &a.village_ru,
        _ => &a.village_kk,
    };
    let last_change = match a.last_change {
        Some((at, event)) => format!(
            "{} · {}",
            c.lang.date_of(at),
            c.t(&message_id("centres-event", event.as_str()))
        ),
        None => c.t("accounts-admin-no-change"),
    };
    Row {
        href: format!("/admin/accounts/{}", a.id),
        name: a.display_name.clone(),
        village: village.clone(),
        level: level_label(c, a.level),
        registered: c.lang.date_of(a.created_at),
        last_change,
    }
}

fn list_page(c: &Ctx, f: &DirectoryFilter, d: Directory) -> Result<Response, AppError> {
    let territory = d
        .scope
        .as_ref()
        .map(|t| t.kato.to_string())
        .unwrap_or_default();
    let scope = match &d.scope {
        Some(t) => c.t_str("accounts-admin-scope", "territory", t.name(c.lang.code())),
        None => c.t("accounts-admin-scope-country"),
    };
    let counts = d
        .counts
        .iter()
        .map(|&(l, n)| LevelCount {
            code: l.as_str(),
            label: level_label(c, l),
            count: c.lang.number(n),
            href: list_href(&territory, Some(l), 1),
            chosen: f.level == Some(l),
        })
        .collect();
    let page_line = c.lang.t_args(
        "accounts-admin-page",
        &[("page", Arg::Num(d.page)), ("pages", Arg::Num(d.pages))],
    );
    let page = ListPage {
        c,
        scope,
        counts,
        rows: d.accounts.iter().map(|a| row(c, a)).collect(),
        page_line,
        prev: (d.page > 1).then(|| list_href(&territory, f.level, d.page - 1)),
        next: (d.page < d.pages).then(|| list_href(&territory, f.level, d.page + 1)),
        territory,
    };
    Ok(render(&page)?.into_response())
}

pub(super) async fn list(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let f = q.filter()?;
    let d = app::accounts::directory(&s.app, v, &f).await?;
    list_page(&c, &f, d)
}

struct HistoryRow {
    at: String,
    event: String,
    change: String,
    by: String,
    centre: String,
    document: String,
    proof: String,
}

#[derive(Template)]
#[template(path = "accounts/admin_account.html")]
struct AccountPage<'a> {
    c: &'a Ctx,
    title: String,
    village: String,
    level: String,
    registered: String,
    history: Vec<HistoryRow>,
}

fn history_rows(c: &Ctx, h: &AccountHistory) -> Vec<HistoryRow> {
    let lang = c.lang.code();
    h.history
        .iter()
        .map(|line| {
            let ch = &line.change;
            HistoryRow {
                at: c.lang.date_time(ch.at),
                event: c.t(&message_id("centres-event", ch.event.as_str())),
                change: format!("{} → {}", level_label(c, ch.from), level_label(c, ch.to)),
                by: line.by.clone().unwrap_or_default(),
                centre: line
                    .centre
                    .as_ref()
                    .map(|x| x.name(lang).to_string())
                    .unwrap_or_default(),
                // Of a document only its kind and last three digits are ever kept.
                document: ch
                    .evidence
                    .document
                    .map(|(k, t)| {
                        let kind = c.t(&message_id("centres-document", k.as_str()));
                        format!("{kind} …{}", t.as_str())
                    })
                    .unwrap_or_default(),
                proof: ch
                    .evidence
                    .residence
                    .map(|p| c.t(&message_id("centres-proof", p.as_str())))
                    .unwrap_or_default(),
            }
        })
        .collect()
}

pub(super) async fn show(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let h = app::accounts::account_history(&s.app, v, id).await?;
    let page = AccountPage {
        c: &c,
        title: c.t_str("accounts-admin-account-title", "name", &h.user.display_name),
        village: h.village.name(c.lang.code()).to_string(),
        level: level_label(&c, h.user.level),
        registered: c.lang.date_of(h.user.created_at),
        history: history_rows(&c, &h),
    };
    Ok(render(&page)?.into_response())
}
