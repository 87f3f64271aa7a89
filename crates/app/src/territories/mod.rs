//! Territories (аумақ / территория): the KATO tree, its pages, correcting a population, and
//! importing the classifier.

use crate::{Actor, App, Error, Result};
use domain::{Action, Kato};
use std::collections::HashSet;
use uuid::Uuid;

pub use store::territories::{path_string, ImportCounts, NewTerritory, Territory};

/// The territory with this KATO code; `NotFound` otherwise.
pub async fn by_kato(app: &App, kato: &Kato) -> Result<Territory> {
    store::territories::by_kato(&app.db, kato)
        .await?
        .ok_or(Error::NotFound)
}

/// The territory with this KATO code as typed in an address or a form; `NotFound` when it is
/// not a code or not in the tree.
pub async fn by_code(app: &App, code: &str) -> Result<Territory> {
    let kato = Kato::parse(code).map_err(|_| Error::NotFound)?;
    by_kato(app, &kato).await
}

pub async fn by_id(app: &App, id: Uuid) -> Result<Option<Territory>> {
    Ok(store::territories::by_id(&app.db, id).await?)
}

pub async fn count(app: &App) -> Result<i64> {
    Ok(store::territories::count(&app.db).await?)
}

/// The tree for the territories page: all of it when it has at most `limit` territories,
/// else the top level only (`true` = cut).
pub async fn tree(app: &App, limit: i64) -> Result<(Vec<Territory>, bool)> {
    let truncated = count(app).await? > limit;
    let list = if truncated {
        store::territories::children(&app.db, None).await?
    } else {
        store::territories::all(&app.db, limit).await?
    };
    Ok((list, truncated))
}

pub async fn children(app: &App, parent: Option<Uuid>) -> Result<Vec<Territory>> {
    Ok(store::territories::children(&app.db, parent).await?)
}

pub async fn ancestors(app: &App, t: &Territory) -> Result<Vec<Territory>> {
    Ok(store::territories::ancestors(&app.db, t).await?)
}

/// Every territory under `root` (itself included).
pub async fn subtree(app: &App, root: &Territory) -> Result<Vec<Territory>> {
    Ok(store::territories::subtree(&app.db, root).await?)
}

/// The villages and towns under `root`.
pub async fn settlements_in(app: &App, root: &Territory) -> Result<Vec<Territory>> {
    Ok(subtree(app, root)
        .await?
        .into_iter()
        .filter(|v| v.kind.is_settlement())
        .collect())
}

/// Settlements for the residence list: under a district, or everywhere (at most `limit`).
pub async fn settlements(
    app: &App,
    under: Option<&Territory>,
    limit: i64,
) -> Result<Vec<Territory>> {
    Ok(match under {
        Some(d) => store::territories::settlements_under(&app.db, d, limit).await?,
        None => store::territories::settlements(&app.db, limit).await?,
    })
}

pub async fn settlements_count(app: &App) -> Result<i64> {
    Ok(store::territories::settlements_count(&app.db).await?)
}

/// Territories of one level ("oblast", "district" …), at most `limit`.
pub async fn of_level(app: &App, level: &str, limit: i64) -> Result<Vec<Territory>> {
    Ok(store::territories::of_level(&app.db, level, limit).await?)
}

/// Correct a territory's population (officials of the territory, administrators).
pub async fn set_population(
    app: &App,
    actor: &Actor,
    t: &Territory,
    population: domain::territories::Population,
) -> Result<()> {
    actor.require(Action::EditTerritory, &t.path)?;
    store::territories::set_population(&app.db, t.id, population.get()).await?;
    tracing::info!(territory = %t.kato, by = %actor.user.id, "population corrected");
    Ok(())
}

/// Why an import was refused as a whole.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("no parent territory for {}; nothing was imported", .0.join(", "))]
    Orphans(Vec<String>),
    #[error(transparent)]
    App(#[from] Error),
}

/// Import KATO rows (`qatysu import territories`, the demo): every row's parent must be in
/// the file or already stored, else nothing is imported; then everything is written in one
/// transaction. `progress` is told how many rows are done.
pub async fn import(
    app: &App,
    rows: &[NewTerritory],
    progress: impl Fn(usize) + Send,
) -> Result<ImportCounts, ImportError> {
    let in_file: HashSet<&str> = rows.iter().map(|r| r.kato.as_str()).collect();
    let mut orphans = Vec::new();
    for r in rows.iter().filter(|r| r.kato.depth() > 1) {
        let mut found = false;
        for cand in r.kato.parent_candidates() {
            if in_file.contains(cand.as_str())
                || store::territories::by_kato(&app.db, &cand)
                    .await
                    .map_err(Error::from)?
                    .is_some()
            {
                found = true;
                break;
            }
        }
        if !found {
            orphans.push(r.kato.to_string());
        }
    }
    if !orphans.is_empty() {
        return Err(ImportError::Orphans(orphans));
    }
    Ok(store::territories::upsert_all(&app.db, rows, progress)
        .await
        .map_err(Error::from)?)
}
