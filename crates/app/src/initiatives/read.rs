//! What the pages, the API and the feed read. Lists and single initiatives first close the
//! collections that ended (`sweep`), so no clock process is needed.

use crate::{Actor, App, Error, Result};
use domain::initiatives::{after_collection, is_overdue, Status};
use domain::{Action, Kato};
use store::initiatives::{self as ini, Filter, HistoryItem, Initiative, MySignature, Notice};
use store::initiatives::{Signature, VillageCount};
use store::territories::{self, Territory};
use uuid::Uuid;

/// Close every initiative whose collection period ended below the threshold
/// (`Event::CollectionEnded`, decided per initiative by the domain). Returns how many closed.
pub async fn sweep(app: &App) -> Result<usize> {
    let now = app.clock.now();
    let mut closed = 0;
    for (id, until) in ini::collection_periods(&app.db, Status::Collecting, now).await? {
        if let Some(to) = after_collection(Status::Collecting, until, now) {
            closed +=
                usize::from(ini::end_collection(&app.db, id, Status::Collecting, to, now).await?);
        }
    }
    Ok(closed)
}

/// An initiative as it is now (no visibility check: the caller decides what to show).
pub async fn get(app: &App, id: Uuid) -> Result<Initiative> {
    ini::get(&app.db, id).await?.ok_or(Error::NotFound)
}

/// An initiative the reader may see: drafts only for their author and the moderators
/// (`NotFound` for anyone else, as if it did not exist).
pub async fn visible(app: &App, actor: Option<&Actor>, id: Uuid) -> Result<Initiative> {
    sweep(app).await?;
    let ini = get(app, id).await?;
    let seen = ini.status.is_public()
        || actor.is_some_and(|a| {
            a.user.id == ini.author_id || a.may(Action::ModerateInitiative, &ini.territory_path)
        });
    if seen {
        Ok(ini)
    } else {
        Err(Error::NotFound)
    }
}

/// Initiatives matching `f`, newest first, after closing ended collections.
pub async fn list(app: &App, f: &Filter, limit: i64) -> Result<Vec<Initiative>> {
    sweep(app).await?;
    Ok(ini::list(&app.db, f, limit).await?)
}

/// Initiatives of a territory and below whose answer is overdue.
pub async fn overdue(app: &App, path: &[Kato], limit: i64) -> Result<Vec<Initiative>> {
    let now = app.clock.now();
    let f = Filter {
        path_prefix: territories::path_string(path),
        status: Some(Status::MustConsider),
        ..Filter::default()
    };
    Ok(ini::list(&app.db, &f, limit)
        .await?
        .into_iter()
        .filter(|i| is_overdue(i.status, i.consider_due, now))
        .collect())
}

/// (initiatives ever returned, times returned) in a territory and below.
pub async fn returned_counts(app: &App, path: &[Kato]) -> Result<(i64, i64)> {
    Ok(ini::returned_counts(&app.db, &territories::path_string(path)).await?)
}

pub async fn history(app: &App, id: Uuid) -> Result<Vec<HistoryItem>> {
    Ok(ini::history(&app.db, id).await?)
}

/// The actor's own signature on an initiative, if any.
pub async fn signature_of(app: &App, actor: &Actor, id: Uuid) -> Result<Option<Signature>> {
    let hash = ini::person_hash_of(&app.db, actor.user.id).await?;
    Ok(ini::signature_of(&app.db, id, &hash).await?)
}

/// Signatures per village of a public initiative (counts only).
pub async fn counts_by_village(app: &App, id: Uuid) -> Result<Vec<VillageCount>> {
    let ini = get(app, id).await?;
    if !ini.status.is_public() {
        return Err(Error::NotFound);
    }
    Ok(ini::counts_by_village(&app.db, id).await?)
}

/// A person's own page: what they signed, what they wrote, and their latest notices.
pub struct Mine {
    pub signed: Vec<MySignature>,
    pub written: Vec<Initiative>,
    pub notices: Vec<Notice>,
}

pub async fn mine(app: &App, actor: &Actor, notices: i64) -> Result<Mine> {
    sweep(app).await?;
    let hash = ini::person_hash_of(&app.db, actor.user.id).await?;
    Ok(Mine {
        signed: ini::signed_by(&app.db, &hash).await?,
        written: ini::authored_by(&app.db, actor.user.id).await?,
        notices: ini::notices_of(&app.db, actor.user.id, notices).await?,
    })
}

/// A territory by its KATO code.
pub async fn territory_by_kato(app: &App, kato: &Kato) -> Result<Option<Territory>> {
    Ok(territories::by_kato(&app.db, kato).await?)
}

/// The territory an initiative is addressed to.
pub async fn territory_of(app: &App, ini: &Initiative) -> Result<Territory> {
    territories::by_id(&app.db, ini.territory_id)
        .await?
        .ok_or(Error::NotFound)
}

/// The settlements under a territory (where paper signers may live).
pub async fn villages_under(app: &App, t: &Territory) -> Result<Vec<Territory>> {
    Ok(territories::subtree(&app.db, t)
        .await?
        .into_iter()
        .filter(|t| t.kind.is_settlement())
        .collect())
}
