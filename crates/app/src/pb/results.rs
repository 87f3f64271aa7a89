//! Counting a cycle: the recount from the stored ballots (the same function publishes,
//! shows and verifies a result), publishing, and `verify_cycle`, which `qatysu verify` runs.

use crate::{App, Error, Result};
use chrono::{DateTime, Utc};
use domain::money::Tenge;
use domain::pb::{count, Channel, ProposalStatus, QuotaSplit};
use std::collections::HashMap;
use store::pb::ballots;
pub use store::pb::ballots::Published;
use store::pb::envelope::{self, CountedBallot, Split};
use store::pb::proposals::Proposal;
use store::pb::Cycle;
use store::territories::Territory;

mod stored;
use store::Db;
use uuid::Uuid;

/// A count: what the results page, the protocol and the `.pb` file show. Made once, as the
/// cycle moves to results, and stored whole with the published result (security review L7).
#[derive(Debug, Clone)]
pub struct Count {
    pub admitted: Vec<Proposal>,
    pub ballots: usize,
    /// Ballots as a share of the territory's population, in basis points, when it is known.
    pub turnout_bp: Option<u32>,
    pub budget: Tenge,
    /// Votes per admitted proposal in the count.
    pub votes: HashMap<Uuid, i64>,
    /// Ballots per channel (web, assisted, paper…).
    pub channels: Vec<(Channel, i64)>,
    /// The whole election (all admitted projects, all ballots) as a Pabulib `.pb` file.
    pub ballots_pb: String,
    /// The selection, round by round: sub-envelopes first, then the remainder.
    pub outcome: count::QuotaOutcome,
    /// Village quotas or district sub-envelopes, with their amounts in this count.
    pub subs: Vec<(Uuid, Tenge)>,
}

/// Everything a count needs besides the ballots, read from storage: during voting none of it
/// changes, so the ballots alone can be read inside the transaction that publishes.
pub struct Inputs {
    admitted: Vec<Proposal>,
    population: Option<i64>,
    split: Option<Split>,
    /// The territories under the cycle's, when sub-envelopes need them.
    places: HashMap<Uuid, Territory>,
}

/// The amount of each sub-envelope out of `total`, by the domain's [`QuotaSplit`] (a share of
/// the total or a fixed amount). Quotas that add up to more than the envelope are refused when
/// they are set; finding such a split here means the stored data is inconsistent.
pub fn sub_amounts(split: Option<&Split>, total: Tenge) -> Result<Vec<(Uuid, Tenge)>> {
    let Some(split) = split else {
        return Ok(Vec::new());
    };
    let cut = QuotaSplit::new(total, &split.quotas())
        .ok_or_else(|| Error::Internal("the quotas exceed the envelope".into()))?;
    Ok(split
        .subs
        .iter()
        .zip(cut.villages)
        .map(|(sub, (_, amount))| (sub.territory_id, amount))
        .collect())
}

/// Whether territory `id` (a proposal's village, a voter's residence) lies under `under`.
fn lies_under(places: &HashMap<Uuid, Territory>, id: Option<Uuid>, under: &Territory) -> bool {
    id.and_then(|i| places.get(&i))
        .is_some_and(|t| t.path.contains(&under.kato))
}

/// Read what a count of cycle `cy` needs besides its ballots.
pub async fn inputs(db: &Db, cy: &Cycle) -> Result<Inputs> {
    let admitted: Vec<Proposal> = store::pb::proposals::of_cycle(db, cy.id)
        .await?
        .into_iter()
        .filter(|p| p.status == ProposalStatus::Admitted)
        .collect();
    let territory = store::territories::by_id(db, cy.territory_id).await?;
    let split = envelope::get(db, cy.id).await?;
    // Every place under the territory: the `.pb` file names each voter's village by KATO.
    let places = match &territory {
        Some(t) => store::territories::subtree(db, t)
            .await?
            .into_iter()
            .map(|v| (v.id, v))
            .collect(),
        None => HashMap::new(),
    };
    Ok(Inputs {
        admitted,
        population: territory.and_then(|t| t.population).filter(|p| *p > 0),
        split,
        places,
    })
}

/// Count cycle `cy` from `stored` ballots (pure: the same inputs give the same count). With
/// village quotas or district sub-envelopes, see `domain::pb::count::count_with_quotas`.
pub fn count_ballots(
    cy: &Cycle,
    inputs: &Inputs,
    stored: &[CountedBallot],
    channels: &[(Channel, i64)],
) -> Result<Count> {
    let admitted = &inputs.admitted;
    let turnout_bp = inputs
        .population
        .map(|p| u32::try_from(stored.len() as i64 * 10_000 / p).unwrap_or(u32::MAX));
    let budget = cy.envelope.total(turnout_bp);
    let index = |id: &Uuid| admitted.iter().position(|p| p.id == *id).map(|i| i as u32);
    let mut votes: HashMap<Uuid, i64> = HashMap::new();
    for b in stored {
        for p in &b.0 {
            *votes.entry(*p).or_default() += 1;
        }
    }
    let projects: Vec<(String, Tenge)> = admitted
        .iter()
        .map(|p| (p.id.to_string(), p.cost))
        .collect();
    let places = &inputs.places;
    // The voter's village as the `.pb` file writes it (its KATO code), and the ballots in the
    // file's canonical order: by village, then by vote (nothing of the order of casting).
    let kato_of = |v: Option<Uuid>| {
        v.and_then(|i| places.get(&i))
            .map(|t| t.kato.to_string())
            .unwrap_or_default()
    };
    let (villages, ballots): (Vec<String>, Vec<Vec<u32>>) = count::canonical(
        &projects,
        stored
            .iter()
            .map(|(choices, village)| {
                (
                    kato_of(*village),
                    choices.iter().filter_map(index).collect(),
                )
            })
            .collect(),
    )
    .into_iter()
    .unzip();
    let meta = [
        ("description", format!("Qatysu PB cycle {}", cy.id)),
        ("country", "Kazakhstan".to_string()),
        ("currency", "KZT".to_string()),
        ("rule", count::engine_rule(cy.rule).to_string()),
        ("num_votes", stored.len().to_string()),
    ];
    let election =
        count::election_with_villages(budget, &projects, &ballots, Some(&villages), &meta);
    let subs = sub_amounts(inputs.split.as_ref(), budget)?;
    let by_kato: HashMap<&str, &Territory> =
        places.values().map(|t| (t.kato.as_str(), t)).collect();
    let mut quota_rounds = Vec::with_capacity(subs.len());
    for (id, amount) in &subs {
        let Some(under) = places.get(id) else {
            continue;
        };
        quota_rounds.push(count::SubEnvelope {
            key: id.to_string(),
            amount: *amount,
            projects: (0..admitted.len())
                .filter(|i| lies_under(places, Some(admitted[*i].village_id), under))
                .collect(),
            voters: (0..villages.len())
                .filter(|i| {
                    by_kato
                        .get(villages[*i].as_str())
                        .is_some_and(|t| t.path.contains(&under.kato))
                })
                .collect(),
        });
    }
    let outcome = count::count_with_quotas(cy.rule, budget, &projects, &ballots, &quota_rounds);
    Ok(Count {
        ballots: stored.len(),
        admitted: admitted.clone(),
        turnout_bp,
        budget,
        votes,
        channels: channels.to_vec(),
        ballots_pb: tally::pb::write_string(&election),
        outcome,
        subs,
    })
}

/// Count a cycle from its stored ballots, now: what `qatysu verify` compares with the
/// published result.
pub async fn recount(db: &Db, cy: &Cycle) -> Result<Count> {
    let inputs = inputs(db, cy).await?;
    let stored = envelope::ballots_with_villages(db, cy.id).await?;
    let channels = ballots::turnout(db, cy.id).await?;
    count_ballots(cy, &inputs, &stored, &channels)
}

/// What gets published: the selection in order, the rule and the budget.
pub fn published(cy: &Cycle, c: &Count, now: DateTime<Utc>) -> Published {
    Published {
        rule: cy.rule.as_str().to_string(),
        budget_tiyn: c.budget.tiyn(),
        selected: c
            .outcome
            .selected
            .iter()
            .filter_map(|s| Uuid::parse_str(s).ok())
            .collect(),
        ballots: c.ballots as i64,
        computed_at: now,
        detail: Some(stored::detail(c)),
        ballots_pb: Some(c.ballots_pb.clone()),
    }
}

/// Whether a recount gives the published result (the selection, rule, budget, ballots).
pub fn matches(a: &Published, b: &Published) -> bool {
    (a.rule.as_str(), a.budget_tiyn, &a.selected, a.ballots)
        == (b.rule.as_str(), b.budget_tiyn, &b.selected, b.ballots)
}

/// What `qatysu verify` reports: the published result and a fresh recount of the ballots.
pub struct Verification {
    pub published: Published,
    pub recounted: Published,
}

impl Verification {
    pub fn matches(&self) -> bool {
        matches(&self.published, &self.recounted)
    }
}

/// Recount a cycle's stored ballots and set the result beside the published one; `None`
/// when the cycle does not exist or has no published result yet.
pub async fn verify_cycle(app: &App, id: Uuid) -> Result<Option<Verification>> {
    let db = &app.db;
    let Some(cy) = store::pb::get(db, id).await? else {
        return Ok(None);
    };
    let Some(published) = ballots::published(db, id).await? else {
        return Ok(None);
    };
    let count = recount(db, &cy).await?;
    let recounted = self::published(&cy, &count, published.computed_at);
    Ok(Some(Verification {
        published,
        recounted,
    }))
}

/// The published result of a cycle with its count as stored at publication, for the results
/// and protocol pages; `None` before publication. A result published before counts were
/// stored whole is counted once more and the count kept (security review L7).
pub async fn published_count(app: &App, cy: &Cycle) -> Result<Option<(Count, Published)>> {
    let Some(mut p) = ballots::published(&app.db, cy.id).await? else {
        return Ok(None);
    };
    if let (Some(detail), Some(pb)) = (&p.detail, &p.ballots_pb) {
        let proposals = store::pb::proposals::of_cycle(&app.db, cy.id).await?;
        return Ok(Some((stored::count(detail, pb, proposals)?, p)));
    }
    let count = recount(&app.db, cy).await?;
    let detail = stored::detail(&count);
    ballots::store_detail(&app.db, cy.id, &detail, &count.ballots_pb).await?;
    p.detail = Some(detail);
    p.ballots_pb = Some(count.ballots_pb.clone());
    Ok(Some((count, p)))
}

/// The anonymised ballots of a counted cycle as a Pabulib file (project ids are the proposal
/// ids of the API), as published; `NotFound` before results.
pub async fn ballots_pb(app: &App, cy: &Cycle) -> Result<String> {
    if cy.stage < domain::pb::Stage::Results {
        return Err(Error::NotFound);
    }
    let (count, _) = published_count(app, cy).await?.ok_or(Error::NotFound)?;
    Ok(count.ballots_pb)
}

/// Every cycle with the KATO code of its territory (the open-data API).
pub async fn cycles(app: &App) -> Result<Vec<(Cycle, String)>> {
    let cycles = store::pb::list(&app.db, None).await?;
    let mut out = Vec::with_capacity(cycles.len());
    for c in cycles {
        let kato = store::territories::by_id(&app.db, c.territory_id)
            .await?
            .map(|t| t.kato.to_string())
            .unwrap_or_default();
        out.push((c, kato));
    }
    Ok(out)
}

/// A proposal with the KATO code of its village and its votes (`None` while the cycle hides
/// live counts), for the open-data API.
pub struct OpenProposal {
    pub proposal: Proposal,
    pub village: String,
    pub votes: Option<i64>,
}

/// One cycle with the KATO code of its territory and its proposals, for the open-data API.
pub async fn open_cycle(app: &App, id: Uuid) -> Result<(Cycle, String, Vec<OpenProposal>)> {
    let c = store::pb::get(&app.db, id).await?.ok_or(Error::NotFound)?;
    let list = store::pb::proposals::of_cycle(&app.db, c.id).await?;
    let votes = super::ballots::public_votes(app, &c).await?;
    let Some(t) = store::territories::by_id(&app.db, c.territory_id).await? else {
        return Ok((c, String::new(), Vec::new()));
    };
    let katos: HashMap<Uuid, String> = store::territories::subtree(&app.db, &t)
        .await?
        .into_iter()
        .map(|v| (v.id, v.kato.to_string()))
        .collect();
    let proposals = list
        .into_iter()
        .map(|p| OpenProposal {
            village: katos.get(&p.village_id).cloned().unwrap_or_default(),
            votes: votes.as_ref().map(|v| v.get(&p.id).copied().unwrap_or(0)),
            proposal: p,
        })
        .collect();
    Ok((c, t.kato.to_string(), proposals))
}
