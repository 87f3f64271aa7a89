//! A count as stored with its published result: JSON for the rounds and figures, the `.pb`
//! text beside it. The pages rebuild a [`Count`] from it without counting again.

use super::Count;
use crate::{Error, Result};
use domain::money::Tenge;
use domain::pb::count::{QuotaOutcome, Round};
use domain::pb::Channel;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use store::pb::proposals::Proposal;
use uuid::Uuid;

#[derive(Serialize, Deserialize)]
struct Detail {
    ballots: usize,
    turnout_bp: Option<u32>,
    budget_tiyn: i64,
    /// The admitted proposals counted, in the order of the count.
    admitted: Vec<Uuid>,
    votes: Vec<(Uuid, i64)>,
    /// Ballots per channel, by the channel's stored name.
    channels: Vec<(String, i64)>,
    rounds: Vec<StoredRound>,
    selected: Vec<String>,
    subs: Vec<(Uuid, i64)>,
}

#[derive(Serialize, Deserialize)]
struct StoredRound {
    key: Option<String>,
    budget_tiyn: i64,
    selected: Vec<String>,
    spent_tiyn: i64,
}

/// The JSON stored for count `c`.
pub(super) fn detail(c: &Count) -> String {
    let mut votes: Vec<(Uuid, i64)> = c.votes.iter().map(|(k, v)| (*k, *v)).collect();
    votes.sort();
    let d = Detail {
        ballots: c.ballots,
        turnout_bp: c.turnout_bp,
        budget_tiyn: c.budget.tiyn(),
        admitted: c.admitted.iter().map(|p| p.id).collect(),
        votes,
        channels: c
            .channels
            .iter()
            .map(|(ch, n)| (ch.as_str().to_string(), *n))
            .collect(),
        rounds: c
            .outcome
            .rounds
            .iter()
            .map(|r| StoredRound {
                key: r.key.clone(),
                budget_tiyn: r.budget.tiyn(),
                selected: r.selected.clone(),
                spent_tiyn: r.spent.tiyn(),
            })
            .collect(),
        selected: c.outcome.selected.clone(),
        subs: c.subs.iter().map(|(id, t)| (*id, t.tiyn())).collect(),
    };
    serde_json::to_string(&d).unwrap_or_else(|_| unreachable!("plain data serialises"))
}

/// The count stored as `detail` and `ballots_pb`, with the cycle's `proposals` (their titles
/// and costs as they are now; which of them were counted comes from the stored count).
pub(super) fn count(detail: &str, ballots_pb: &str, proposals: Vec<Proposal>) -> Result<Count> {
    let d: Detail = serde_json::from_str(detail)
        .map_err(|e| Error::Internal(format!("stored count unreadable: {e}")))?;
    let mut by_id: HashMap<Uuid, Proposal> = proposals.into_iter().map(|p| (p.id, p)).collect();
    Ok(Count {
        admitted: d
            .admitted
            .iter()
            .filter_map(|id| by_id.remove(id))
            .collect(),
        ballots: d.ballots,
        turnout_bp: d.turnout_bp,
        budget: Tenge::from_tiyn(d.budget_tiyn),
        votes: d.votes.into_iter().collect(),
        channels: d
            .channels
            .iter()
            .filter_map(|(ch, n)| Channel::parse(ch).map(|ch| (ch, *n)))
            .collect(),
        ballots_pb: ballots_pb.to_string(),
        outcome: QuotaOutcome {
            rounds: d
                .rounds
                .into_iter()
                .map(|r| Round {
                    key: r.key,
                    budget: Tenge::from_tiyn(r.budget_tiyn),
                    selected: r.selected,
                    spent: Tenge::from_tiyn(r.spent_tiyn),
                })
                .collect(),
            selected: d.selected,
        },
        subs: d
            .subs
            .into_iter()
            .map(|(id, t)| (id, Tenge::from_tiyn(t)))
            .collect(),
    })
}
