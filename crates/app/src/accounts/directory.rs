//! The administrators' view of accounts (`/admin/accounts`): how many people of a territory
//! are at each verification level, who they are, and how each level came about. An
//! administrator of a district sees the accounts living there; a country-wide one sees all.
//! No IIN digit is shown: none is kept beyond the birth date.

use crate::{Actor, App, Error, Result};
use domain::{Action, Kato, Level};
use store::accounts::directory::{Listed, Query};
use store::accounts::{LevelChange, User};
use store::territories::Territory;
use uuid::Uuid;

/// Accounts on one page of the list: light enough for a slow connection.
pub const PAGE_SIZE: i64 = 50;

/// What the administrator asked for.
#[derive(Debug, Clone, Default)]
pub struct DirectoryFilter {
    /// The territory whose residents are listed; without one, the administrator's own.
    pub territory: Option<Kato>,
    pub level: Option<Level>,
    /// From 1.
    pub page: i64,
}

/// One page of the list.
#[derive(Debug, Clone)]
pub struct Directory {
    /// The territory listed; `None` is the whole country.
    pub scope: Option<Territory>,
    /// Accounts at each level within the scope (whatever the level filter), every level
    /// named, in order.
    pub counts: Vec<(Level, i64)>,
    pub accounts: Vec<Listed>,
    /// The page shown (from 1) and how many there are for the filter.
    pub page: i64,
    pub pages: i64,
}

/// Whether the person may look at the accounts of at least one territory (the account
/// page's link).
pub fn may_view_accounts(actor: &Actor) -> bool {
    let roles = Action::ViewAccounts.allowed_roles();
    actor.grants.iter().any(|g| roles.contains(&g.role))
}

/// The territory an administrator sees by default: the whole country when they may, else the
/// first territory of their grants.
pub(crate) async fn default_scope(app: &App, actor: &Actor) -> Result<Option<Territory>> {
    if actor.may(Action::ViewAccounts, &[]) {
        return Ok(None);
    }
    let roles = Action::ViewAccounts.allowed_roles();
    let kato = actor
        .grants
        .iter()
        .filter(|g| roles.contains(&g.role))
        .find_map(|g| g.territory.clone())
        .ok_or(Error::Forbidden)?;
    let t = store::territories::by_kato(&app.db, &kato)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Some(t))
}

/// The page of accounts `f` asks for.
pub async fn directory(app: &App, actor: &Actor, f: &DirectoryFilter) -> Result<Directory> {
    let scope = match &f.territory {
        Some(kato) => Some(
            store::territories::by_kato(&app.db, kato)
                .await?
                .ok_or(Error::NotFound)?,
        ),
        None => default_scope(app, actor).await?,
    };
    let path = scope.as_ref().map(|t| t.path.clone()).unwrap_or_default();
    actor.require(Action::ViewAccounts, &path)?;
    let prefix = scope
        .as_ref()
        .map(Territory::path_prefix)
        .unwrap_or_default();
    let found = store::accounts::directory::counts(&app.db, &prefix).await?;
    let counts: Vec<(Level, i64)> = Level::ALL
        .into_iter()
        .map(|l| {
            (
                l,
                found.iter().find(|(c, _)| *c == l).map_or(0, |(_, n)| *n),
            )
        })
        .collect();
    let total = match f.level {
        Some(l) => counts.iter().find(|(c, _)| *c == l).map_or(0, |(_, n)| *n),
        None => counts.iter().map(|(_, n)| n).sum(),
    };
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = f.page.clamp(1, pages);
    let q = Query {
        path_prefix: &prefix,
        level: f.level,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
    };
    let accounts = store::accounts::directory::list(&app.db, &q).await?;
    Ok(Directory {
        scope,
        counts,
        accounts,
        page,
        pages,
    })
}

/// One change of level as the administrator reads it.
#[derive(Debug, Clone)]
pub struct HistoryLine {
    pub change: LevelChange,
    /// Who made it (a registrar), when someone did.
    pub by: Option<String>,
    /// The participation centre where it was made.
    pub centre: Option<store::centres::Centre>,
}

/// An account and how its level came about.
#[derive(Debug, Clone)]
pub struct AccountHistory {
    pub user: User,
    pub village: Territory,
    pub history: Vec<HistoryLine>,
}

/// The account `id` and its level history, for an administrator of where it lives.
pub async fn account_history(app: &App, actor: &Actor, id: Uuid) -> Result<AccountHistory> {
    let user = store::accounts::by_id(&app.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let village = store::territories::by_id(&app.db, user.residence_id)
        .await?
        .ok_or(Error::NotFound)?;
    actor.require(Action::ViewAccounts, &village.path)?;
    let mut history = Vec::new();
    for change in store::accounts::level_changes(&app.db, id).await? {
        let by = match change.by {
            Some(u) => store::accounts::by_id(&app.db, u)
                .await?
                .map(|u| u.display_name),
            None => None,
        };
        let centre = match change.evidence.centre {
            Some(c) => store::centres::by_id(&app.db, c).await?,
            None => None,
        };
        history.push(HistoryLine { change, by, centre });
    }
    Ok(AccountHistory {
        user,
        village,
        history,
    })
}
