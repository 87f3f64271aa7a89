//! The envelope split of a cycle: village quotas (none / a reserved share by population /
//! fixed amounts) or, on a city with districts, district sub-envelopes; set by the coordinator
//! before voting. For districts, the redistribution of unneeded shares.

use super::ballots::{admitted, Cycle, Territory};
use super::results::sub_amounts;
use crate::{Actor, App, Error, Result};
use domain::money::Tenge;
use domain::pb::{
    count, fixed_split, percent, population_split, split_editable, Quota, SplitError, SplitKind,
    SplitMode,
};
use domain::{Action, TerritoryKind};
use std::collections::HashMap;
use uuid::Uuid;

pub use store::pb::envelope::{Event, Split, Sub};

/// Which split a cycle's territory takes, and over which territories: the city districts of a
/// city that has them, else the villages (and towns) under the territory.
pub async fn places(app: &App, t: &Territory) -> Result<(SplitKind, Vec<Territory>)> {
    if matches!(
        t.kind,
        TerritoryKind::CityRepublican | TerritoryKind::CityOblast
    ) {
        let districts: Vec<Territory> = store::territories::children(&app.db, Some(t.id))
            .await?
            .into_iter()
            .filter(|c| c.kind == TerritoryKind::District)
            .collect();
        if !districts.is_empty() {
            return Ok((SplitKind::Districts, districts));
        }
    }
    let mut villages: Vec<Territory> = store::territories::subtree(&app.db, t)
        .await?
        .into_iter()
        .filter(|v| v.id != t.id && matches!(v.kind, TerritoryKind::Village | TerritoryKind::Town))
        .collect();
    villages.sort_by(|a, b| a.kato.as_str().cmp(b.kato.as_str()));
    Ok((SplitKind::Villages, villages))
}

/// The split of a cycle; `None` when the whole envelope is counted at once.
pub async fn split(app: &App, cycle: Uuid) -> Result<Option<Split>> {
    Ok(store::pb::envelope::get(&app.db, cycle).await?)
}

/// The history of a cycle's split.
pub async fn events(app: &App, cycle: Uuid) -> Result<Vec<Event>> {
    Ok(store::pb::envelope::events(&app.db, cycle).await?)
}

/// The sub-envelopes of a cycle with their amounts out of `total`.
pub struct Breakdown {
    /// Each sub-envelope's territory (when it still exists) and amount.
    pub subs: Vec<(Option<Territory>, Tenge)>,
    /// What is left for everyone, shown for village quotas.
    pub remainder: Option<Tenge>,
}

/// The sub-envelopes of a cycle for the cycle page and the protocol.
pub async fn breakdown(app: &App, cy: &Cycle, total: Tenge) -> Result<Breakdown> {
    let split = split(app, cy.id).await?;
    let amounts = sub_amounts(split.as_ref(), total)?;
    let used: i64 = amounts.iter().map(|a| a.1.tiyn()).sum();
    let mut subs = Vec::with_capacity(amounts.len());
    for (id, amount) in amounts {
        subs.push((store::territories::by_id(&app.db, id).await?, amount));
    }
    let remainder = (split.is_some_and(|sp| sp.kind == SplitKind::Villages) && !subs.is_empty())
        .then(|| Tenge::from_tiyn((total.tiyn() - used).max(0)));
    Ok(Breakdown { subs, remainder })
}

/// The split as the coordinator typed it.
pub struct SplitRequest<'a> {
    /// `none`, `population` or `fixed`.
    pub mode: &'a str,
    /// The reserved share by population, as parsed from the form.
    pub reserved_bp: Option<u32>,
    /// The fixed amounts as typed, by territory (missing: empty).
    pub amounts: &'a HashMap<Uuid, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitOutcome {
    Saved,
    Refused(SplitError<Uuid>),
}

/// Check the typed split against the places of the cycle; the split to store (`None`: none).
fn split_of(
    r: &SplitRequest<'_>,
    kind: SplitKind,
    list: &[Territory],
    total: Tenge,
) -> Result<Option<Split>, SplitError<Uuid>> {
    let mode = match r.mode {
        "none" => return Ok(None),
        m => SplitMode::parse(m).ok_or(SplitError::Mode)?,
    };
    let (reserved_bp, subs) = match mode {
        SplitMode::Population => {
            let pops: Vec<(String, i64)> = list
                .iter()
                .map(|v| (v.id.to_string(), v.population.unwrap_or(0)))
                .collect();
            let (bp, quotas) = population_split(r.reserved_bp, &pops)?;
            let subs = list
                .iter()
                .zip(quotas)
                .map(|(v, quota)| Sub {
                    territory_id: v.id,
                    quota,
                })
                .collect();
            (bp, subs)
        }
        SplitMode::Fixed => {
            let typed: Vec<(Uuid, &str)> = list
                .iter()
                .map(|v| (v.id, r.amounts.get(&v.id).map_or("", String::as_str)))
                .collect();
            let (bp, amounts) = fixed_split(&typed, total)?;
            (bp, amounts.into_iter().map(fixed).collect())
        }
    };
    Ok(Some(Split {
        kind,
        mode,
        reserved_bp,
        subs,
    }))
}

fn fixed((id, amount): (Uuid, Tenge)) -> Sub {
    Sub {
        territory_id: id,
        quota: Quota::Fixed {
            village: id.to_string(),
            amount,
        },
    }
}

/// Set (or clear) the split of a cycle before voting.
pub async fn set_envelope_split(
    app: &App,
    actor: &Actor,
    cycle: Uuid,
    r: &SplitRequest<'_>,
) -> Result<SplitOutcome> {
    let (cy, t) = super::cycle(app, cycle).await?;
    let by = actor.require(Action::ManageCycle, &t.path)?;
    if !split_editable(cy.stage) {
        return Ok(SplitOutcome::Refused(SplitError::Locked));
    }
    let (kind, list) = places(app, &t).await?;
    let split = match split_of(r, kind, &list, cy.envelope.total(None)) {
        Ok(s) => s,
        Err(e) => return Ok(SplitOutcome::Refused(e)),
    };
    let (event, detail) = match &split {
        None => ("split-cleared", String::new()),
        Some(sp) if sp.mode == SplitMode::Population => {
            ("split-population", format!("{}%", percent(sp.reserved_bp)))
        }
        Some(sp) => ("split-fixed", format!("{}%", percent(sp.reserved_bp))),
    };
    let now = app.clock.now();
    store::pb::envelope::set(
        &app.db,
        cy.id,
        split.as_ref(),
        event,
        &detail,
        Some(by),
        now,
    )
    .await?;
    tracing::info!(cycle = %cy.id, event, "pb envelope split saved");
    Ok(SplitOutcome::Saved)
}

/// The before/after table of a district cycle, with the district territories; `None` when
/// the cycle has no district sub-envelopes.
pub async fn plan(
    app: &App,
    cy: &Cycle,
    t: &Territory,
) -> Result<Option<(Split, Vec<(Territory, count::Redistribution)>)>> {
    let Some(split) = split(app, cy.id).await? else {
        return Ok(None);
    };
    if split.kind != SplitKind::Districts {
        return Ok(None);
    }
    let places: HashMap<Uuid, Territory> = store::territories::subtree(&app.db, t)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let admitted = admitted(app, cy.id).await?;
    let shares = sub_amounts(Some(&split), cy.envelope.total(None))?;
    let mut lines = Vec::new();
    let mut districts = Vec::new();
    for (id, share) in shares {
        let Some(d) = places.get(&id) else { continue };
        let demand: i64 = admitted
            .iter()
            .filter(|p| {
                places
                    .get(&p.village_id)
                    .is_some_and(|v| v.path.contains(&d.kato))
            })
            .map(|p| p.cost.tiyn())
            .sum();
        lines.push((id.to_string(), share, Tenge::from_tiyn(demand)));
        districts.push(d.clone());
    }
    let rows = count::redistribute(&lines);
    Ok(Some((split, districts.into_iter().zip(rows).collect())))
}

/// Give district sub-envelopes what their projects need, as the plan says (before voting).
pub async fn redistribute(app: &App, actor: &Actor, cycle: Uuid) -> Result<()> {
    let (cy, t) = super::cycle(app, cycle).await?;
    let by = actor.require(Action::ManageCycle, &t.path)?;
    if !split_editable(cy.stage) {
        return Err(Error::Forbidden);
    }
    let Some((split, table)) = plan(app, &cy, &t).await? else {
        return Err(Error::NotFound);
    };
    let detail = table
        .iter()
        .map(|(d, r)| {
            format!(
                "{}: {} → {}",
                d.kato,
                r.share.tiyn() / 100,
                r.after.tiyn() / 100
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let after = Split {
        kind: split.kind,
        mode: SplitMode::Fixed,
        reserved_bp: split.reserved_bp,
        subs: table.iter().map(|(d, r)| fixed((d.id, r.after))).collect(),
    };
    let now = app.clock.now();
    store::pb::envelope::set(
        &app.db,
        cy.id,
        Some(&after),
        "redistributed",
        &detail,
        Some(by),
        now,
    )
    .await?;
    tracing::info!(cycle = %cy.id, "pb district envelopes redistributed");
    Ok(())
}
