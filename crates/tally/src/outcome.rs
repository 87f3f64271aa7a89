//! The result of a count, in the shape the CLI prints as JSON.

use crate::election::Scaled;
use crate::rules::Rule;
use serde::{Serialize, Serializer};

/// A money amount: a JSON integer when it has no decimals, otherwise a JSON number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub Scaled);

impl Amount {
    pub fn to_f64(self) -> f64 {
        self.0.to_f64()
    }
}

impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.to_decimal_string())
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.scale == 0 {
            s.serialize_u64(self.0.units)
        } else {
            s.serialize_f64(self.0.to_f64())
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub rule: Rule,
    pub budget: Amount,
    /// Project ids in the order the rule selected them.
    pub selected: Vec<String>,
    pub spent: Amount,
    /// Every project, in file order.
    pub projects: Vec<ProjectOutcome>,
    /// Why each project was or was not bought, for the rules of the Method of Equal Shares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub equal_shares: Option<EqualSharesReport>,
}

impl Outcome {
    /// `{"rule","budget","selected","spent","projects":[{"id","cost","votes","selected","round"}]}`
    /// plus `equal_shares` for the Method of Equal Shares.
    pub fn to_json(&self) -> String {
        // Every field serializes infallibly (no maps with non-string keys).
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectOutcome {
    pub id: String,
    pub cost: Amount,
    /// Ballots that list the project.
    pub votes: u64,
    /// Total points, for cumulative and scoring ballots.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    pub selected: bool,
    /// 1-based position in the selection order.
    pub round: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EqualSharesReport {
    /// Each voter's share in the run whose outcome was kept (B/n without a completion).
    pub voter_share: f64,
    /// How many runs of the method the completion needed.
    pub runs: usize,
    pub projects: Vec<EqualSharesNote>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EqualSharesNote {
    pub id: String,
    pub supporters: u64,
    /// Round of the method in which the project was bought.
    pub round: Option<usize>,
    /// What each supporter who could afford it paid (the poorer ones paid all they had left).
    pub price_per_supporter: Option<f64>,
    /// cost ÷ price per supporter: how many full-paying supporters the project was worth.
    pub effective_votes: Option<f64>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Verdict {
    /// Bought by equal shares.
    Bought,
    /// Added afterwards by the greedy completion.
    BoughtByCompletion,
    /// Nobody gave it a positive utility (no votes, or zero cost under cost utility).
    NoSupport,
    /// Its supporters' remaining money was less than its cost.
    SupportersCannotAfford { supporters_money: f64 },
}

/// Every rule's outcome beside the file's official one (`--compare`).
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// META `rule`: how the city chose its winners.
    pub official_rule: Option<String>,
    /// The projects marked `1` in the `selected` column, when the file has one.
    pub official: Option<Vec<String>>,
    pub outcomes: Vec<Outcome>,
}

impl Comparison {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
