//! Results: the count through the `tally` engine when voting closes, the public results
//! page, the anonymised ballots as a Pabulib file, and the recount that `qatysu verify` runs.

use super::{load_cycle, money};
use crate::i18n::Arg;
use crate::pages::{render, Ctx};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::money::Tenge;
use domain::pb::Quota;
use domain::pb::{count, ProposalStatus, Stage};
use serde::Serialize;
use std::collections::HashMap;
use store::pb::ballots::{self, Published};
use store::pb::envelope::{self, Split};
use store::pb::proposals::Proposal;
use store::pb::Cycle;
use store::territories::Territory;
use store::Db;
use uuid::Uuid;

/// Everything a count needs, read from storage.
pub struct Count {
    pub admitted: Vec<Proposal>,
    pub ballots: usize,
    /// Ballots as a share of the territory's population, in basis points, when it is known.
    pub turnout_bp: Option<u32>,
    pub budget: Tenge,
    /// The whole election (all admitted projects, all ballots), published as a `.pb` file.
    pub election: tally::Election,
    /// The selection, round by round: sub-envelopes first, then the remainder.
    pub outcome: count::QuotaOutcome,
    /// Village quotas or district sub-envelopes, with their amounts in this count.
    pub subs: Vec<(Uuid, Tenge)>,
}

/// The amount of each sub-envelope out of `total` (a share of it, or a fixed amount).
pub fn sub_amounts(split: Option<&Split>, total: Tenge) -> Vec<(Uuid, Tenge)> {
    split
        .map(|s| {
            s.subs
                .iter()
                .map(|sub| {
                    let amount = match &sub.quota {
                        Quota::Share { share_bp, .. } => Tenge::from_tiyn(
                            i64::try_from(
                                i128::from(total.tiyn()) * i128::from(*share_bp) / 10_000,
                            )
                            .unwrap_or(0),
                        ),
                        Quota::Fixed { amount, .. } => *amount,
                    };
                    (sub.territory_id, amount)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Whether territory `id` (a proposal's village, a voter's residence) lies under `under`.
fn lies_under(places: &HashMap<Uuid, Territory>, id: Option<Uuid>, under: &Territory) -> bool {
    id.and_then(|i| places.get(&i))
        .is_some_and(|t| t.path.contains(&under.kato))
}

/// Count a cycle from its stored ballots. The same function publishes and verifies. With
/// village quotas or district sub-envelopes, see `domain::pb::count::count_with_quotas`.
pub async fn recount(db: &Db, cy: &Cycle) -> store::Result<Count> {
    let admitted: Vec<Proposal> = store::pb::proposals::of_cycle(db, cy.id)
        .await?
        .into_iter()
        .filter(|p| p.status == ProposalStatus::Admitted)
        .collect();
    let stored = envelope::ballots_with_villages(db, cy.id).await?;
    let territory = store::territories::by_id(db, cy.territory_id).await?;
    let population = territory
        .as_ref()
        .and_then(|t| t.population)
        .filter(|p| *p > 0);
    let turnout_bp =
        population.map(|p| u32::try_from(stored.len() as i64 * 10_000 / p).unwrap_or(u32::MAX));
    let budget = cy.envelope.total(turnout_bp);
    let index = |id: &Uuid| admitted.iter().position(|p| p.id == *id).map(|i| i as u32);
    let ballots: Vec<Vec<u32>> = stored
        .iter()
        .map(|b| b.0.iter().filter_map(index).collect())
        .collect();
    let projects: Vec<(String, Tenge)> = admitted
        .iter()
        .map(|p| (p.id.to_string(), p.cost))
        .collect();
    let meta = [
        ("description", format!("Qatysu PB cycle {}", cy.id)),
        ("country", "Kazakhstan".to_string()),
        ("currency", "KZT".to_string()),
        ("rule", count::engine_rule(cy.rule).to_string()),
        ("num_votes", stored.len().to_string()),
    ];
    let election = count::election(budget, &projects, &ballots, &meta);
    let split = envelope::get(db, cy.id).await?;
    let subs = sub_amounts(split.as_ref(), budget);
    let mut quota_rounds = Vec::with_capacity(subs.len());
    if let (false, Some(t)) = (subs.is_empty(), territory.as_ref()) {
        let places: HashMap<Uuid, Territory> = store::territories::subtree(db, t)
            .await?
            .into_iter()
            .map(|v| (v.id, v))
            .collect();
        for (id, amount) in &subs {
            let Some(under) = places.get(id) else {
                continue;
            };
            quota_rounds.push(count::SubEnvelope {
                key: id.to_string(),
                amount: *amount,
                projects: (0..admitted.len())
                    .filter(|i| lies_under(&places, Some(admitted[*i].village_id), under))
                    .collect(),
                voters: (0..stored.len())
                    .filter(|i| lies_under(&places, stored[*i].1, under))
                    .collect(),
            });
        }
    }
    let outcome = count::count_with_quotas(cy.rule, budget, &projects, &ballots, &quota_rounds);
    Ok(Count {
        ballots: stored.len(),
        admitted,
        turnout_bp,
        budget,
        election,
        outcome,
        subs,
    })
}

/// What gets published: the selection in order, the rule and the budget.
pub fn published(cy: &Cycle, c: &Count) -> Published {
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
        computed_at: chrono::Utc::now(),
    }
}

/// Whether a recount gives the published result (the selection, rule, budget, ballots).
pub fn matches(a: &Published, b: &Published) -> bool {
    (a.rule.as_str(), a.budget_tiyn, &a.selected, a.ballots)
        == (b.rule.as_str(), b.budget_tiyn, &b.selected, b.ballots)
}

pub struct ResultRow {
    rank: usize,
    id: Uuid,
    title: String,
    votes: String,
    cost: String,
    funded: bool,
}

#[derive(Template)]
#[template(path = "pb/results.html")]
struct ResultsPage<'a> {
    c: &'a Ctx,
    id: Uuid,
    cycle_title: String,
    summary: String,
    turnout: String,
    channels: Vec<String>,
    rows: Vec<ResultRow>,
    flags: Vec<String>,
    /// The count had village quotas or district sub-envelopes: explain the procedure.
    quotas: bool,
}

async fn published_count(s: &AppState, cy: &Cycle) -> Result<(Count, Published), AppError> {
    let Some(p) = ballots::published(&s.db, cy.id).await? else {
        return Err(AppError::NotFound);
    };
    Ok((recount(&s.db, cy).await?, p))
}

pub async fn page(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, &id).await?;
    if cy.stage < Stage::Results {
        return Err(AppError::NotFound);
    }
    let (count, published) = published_count(&s, &cy).await?;
    let votes = ballots::counts(&s.db, cy.id).await?;
    let spent: i64 = count
        .admitted
        .iter()
        .filter(|p| published.selected.contains(&p.id))
        .map(|p| p.cost.tiyn())
        .sum();
    let mut admitted = count.admitted.clone();
    admitted.sort_by_key(|p| std::cmp::Reverse(votes.get(&p.id).copied().unwrap_or(0)));
    let rows = admitted
        .iter()
        .enumerate()
        .map(|(i, p)| ResultRow {
            rank: i + 1,
            id: p.id,
            title: p.title.clone(),
            votes: c.number(votes.get(&p.id).copied().unwrap_or(0)),
            cost: money(&c, p.cost),
            funded: published.selected.contains(&p.id),
        })
        .collect();
    let summary = c.lang.t_args(
        "pb-results-summary",
        &[
            (
                "rule",
                Arg::Str(c.t(&format!("pb-rule-{}", cy.rule.as_str()))),
            ),
            (
                "budget",
                Arg::Str(money(&c, Tenge::from_tiyn(published.budget_tiyn))),
            ),
            ("spent", Arg::Str(money(&c, Tenge::from_tiyn(spent)))),
            (
                "left",
                Arg::Str(money(&c, Tenge::from_tiyn(published.budget_tiyn - spent))),
            ),
        ],
    );
    let turnout = match count.turnout_bp {
        Some(bp) => c.lang.t_args(
            "pb-results-turnout",
            &[
                ("ballots", Arg::Str(c.number(count.ballots as i64))),
                ("percent", Arg::Str(super::form::percent(bp))),
            ],
        ),
        None => c.t_num("pb-results-ballots", "ballots", count.ballots as i64),
    };
    let channels = ballots::turnout(&s.db, cy.id)
        .await?
        .into_iter()
        .map(|(ch, n)| {
            format!(
                "{}: {}",
                c.t(&format!("pb-channel-{}", ch.as_str())),
                c.number(n)
            )
        })
        .collect();
    let page = ResultsPage {
        flags: super::paper::flag_lines(&s, &c, cy.id).await?,
        c: &c,
        id: cy.id,
        cycle_title: super::cycle_title(&c, &cy, &t),
        summary,
        turnout,
        channels,
        rows,
        quotas: !count.subs.is_empty(),
    };
    Ok(render(&page)?.into_response())
}

/// The anonymised ballots as a Pabulib file; project ids are the proposal ids of the API.
pub async fn ballots_pb(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (cy, _) = load_cycle(&s, &id).await?;
    if cy.stage < Stage::Results {
        return Err(AppError::NotFound);
    }
    let count = recount(&s.db, &cy).await?;
    let text = tally::pb::write_string(&count.election);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/plain; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"qatysu-{}.pb\"", cy.id),
            ),
        ],
        text,
    )
        .into_response())
}

#[derive(Serialize)]
pub struct ResultsJson {
    rule: String,
    budget: f64,
    selected: Vec<Uuid>,
    projects: Vec<ProjectJson>,
}

#[derive(Serialize)]
struct ProjectJson {
    id: Uuid,
    cost: f64,
    votes: i64,
    funded: bool,
}

pub async fn api(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ResultsJson>, AppError> {
    let (cy, _) = load_cycle(&s, &id).await?;
    if cy.stage < Stage::Results {
        return Err(AppError::NotFound);
    }
    let (count, published) = published_count(&s, &cy).await?;
    let votes = ballots::counts(&s.db, cy.id).await?;
    Ok(Json(ResultsJson {
        rule: published.rule.clone(),
        budget: published.budget_tiyn as f64 / 100.0,
        projects: count
            .admitted
            .iter()
            .map(|p| ProjectJson {
                id: p.id,
                cost: p.cost.tiyn() as f64 / 100.0,
                votes: votes.get(&p.id).copied().unwrap_or(0),
                funded: published.selected.contains(&p.id),
            })
            .collect(),
        selected: published.selected,
    }))
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
pub async fn verify(db: &Db, id: Uuid) -> store::Result<Option<Verification>> {
    let Some(cy) = store::pb::get(db, id).await? else {
        return Ok(None);
    };
    let Some(published) = ballots::published(db, id).await? else {
        return Ok(None);
    };
    let count = recount(db, &cy).await?;
    let mut recounted = self::published(&cy, &count);
    recounted.computed_at = published.computed_at;
    Ok(Some(Verification {
        published,
        recounted,
    }))
}
