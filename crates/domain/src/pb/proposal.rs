use crate::money::Tenge;

/// Where a proposal (ұсыныс / предложение) came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Web,
    /// Typed in by a coordinator from a paper form, with its number.
    Paper,
    /// Entered by a coordinator at a participation centre with the resident present.
    Assisted,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Web, Channel::Paper, Channel::Assisted];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Paper => "paper",
            Channel::Assisted => "assisted",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Where a proposal stands with the expert council.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalStatus {
    Submitted,
    Admitted,
    Rejected,
    /// Returned to the author for revision.
    Returned,
    /// Merged into another proposal.
    Merged,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 5] = [
        ProposalStatus::Submitted,
        ProposalStatus::Admitted,
        ProposalStatus::Rejected,
        ProposalStatus::Returned,
        ProposalStatus::Merged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Submitted => "submitted",
            ProposalStatus::Admitted => "admitted",
            ProposalStatus::Rejected => "rejected",
            ProposalStatus::Returned => "returned",
            ProposalStatus::Merged => "merged",
        }
    }

    pub fn parse(s: &str) -> Option<ProposalStatus> {
        ProposalStatus::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Still waiting for the council's decision.
    pub fn undecided(self) -> bool {
        self == ProposalStatus::Submitted
    }
}

/// Limits of a proposal's text and cost sheet; defaults, configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProposalLimits {
    pub title_chars: (usize, usize),
    pub description_chars: (usize, usize),
    pub max_cost_items: usize,
    pub max_labour_days: i64,
}

impl Default for ProposalLimits {
    fn default() -> ProposalLimits {
        ProposalLimits {
            title_chars: (5, 150),
            description_chars: (20, 5000),
            max_cost_items: 10,
            max_labour_days: 365,
        }
    }
}

/// What is wrong with a proposal; each variant names one field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProposalError {
    #[error("the title must have {0} to {1} characters")]
    Title(usize, usize),
    #[error("the description must have {0} to {1} characters")]
    Description(usize, usize),
    #[error("add at least one line to the cost estimate")]
    NoCost,
    #[error("every line of the cost estimate needs a name and a positive amount")]
    CostLine(usize),
    #[error("the estimate {total:?} is over the cap {cap:?}")]
    OverCap { total: Tenge, cap: Tenge },
    #[error("days of voluntary labour must be 0 to {0}")]
    Labour(i64),
}

/// The estimate's total, or the first problem with its lines.
pub fn cost_total(
    items: &[(String, Tenge)],
    limits: &ProposalLimits,
) -> Result<Tenge, ProposalError> {
    if items.is_empty() {
        return Err(ProposalError::NoCost);
    }
    let mut total: i64 = 0;
    for (i, (label, amount)) in items.iter().enumerate().take(limits.max_cost_items) {
        if label.trim().is_empty() || amount.tiyn() <= 0 {
            return Err(ProposalError::CostLine(i));
        }
        total = total.saturating_add(amount.tiyn());
    }
    Ok(Tenge::from_tiyn(total))
}

/// Check the parts of a proposal the rules constrain. The cap is the cycle's, in tenge.
pub fn check(
    title: &str,
    description: &str,
    items: &[(String, Tenge)],
    labour_days: i64,
    cap: Tenge,
    limits: &ProposalLimits,
) -> Vec<ProposalError> {
    let mut errors = Vec::new();
    let (tmin, tmax) = limits.title_chars;
    if !(tmin..=tmax).contains(&title.trim().chars().count()) {
        errors.push(ProposalError::Title(tmin, tmax));
    }
    let (dmin, dmax) = limits.description_chars;
    if !(dmin..=dmax).contains(&description.trim().chars().count()) {
        errors.push(ProposalError::Description(dmin, dmax));
    }
    match cost_total(items, limits) {
        Ok(total) if total > cap => errors.push(ProposalError::OverCap { total, cap }),
        Ok(_) => {}
        Err(e) => errors.push(e),
    }
    if !(0..=limits.max_labour_days).contains(&labour_days) {
        errors.push(ProposalError::Labour(limits.max_labour_days));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(n: i64) -> Tenge {
        Tenge::from_tenge(n)
    }

    #[test]
    fn a_good_proposal_passes_and_each_fault_is_named() {
        let l = ProposalLimits::default();
        let items = vec![
            ("Құбыр".to_string(), t(3_000_000)),
            ("Жұмыс".to_string(), t(1_000_000)),
        ];
        let desc = "Ауылдың оңтүстік бөлігіне су құбырын тарту керек.";
        assert!(check("Су құбыры", desc, &items, 10, t(6_487_500), &l).is_empty());
        assert_eq!(cost_total(&items, &l), Ok(t(4_000_000)));
        let errs = check("Су", "қысқа", &[], -1, t(1), &l);
        assert_eq!(
            errs,
            vec![
                ProposalError::Title(5, 150),
                ProposalError::Description(20, 5000),
                ProposalError::NoCost,
                ProposalError::Labour(365)
            ]
        );
        let over = check("Су құбыры", desc, &items, 0, t(3_999_999), &l);
        assert_eq!(
            over,
            vec![ProposalError::OverCap {
                total: t(4_000_000),
                cap: t(3_999_999)
            }]
        );
        let bad_line = vec![("".to_string(), t(5))];
        assert_eq!(cost_total(&bad_line, &l), Err(ProposalError::CostLine(0)));
    }

    #[test]
    fn names_round_trip() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
        }
        for s in ProposalStatus::ALL {
            assert_eq!(ProposalStatus::parse(s.as_str()), Some(s));
        }
        assert!(ProposalStatus::Submitted.undecided());
        assert!(!ProposalStatus::Admitted.undecided());
    }
}

/// The expert council's decision on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Admit,
    Reject,
    /// Back to the author for revision.
    Return,
    /// Merged into another proposal of the same cycle.
    Merge,
}

impl Decision {
    pub const ALL: [Decision; 4] = [
        Decision::Admit,
        Decision::Reject,
        Decision::Return,
        Decision::Merge,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Admit => "admit",
            Decision::Reject => "reject",
            Decision::Return => "return",
            Decision::Merge => "merge",
        }
    }

    pub fn parse(s: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.as_str() == s)
    }

    pub fn status(self) -> ProposalStatus {
        match self {
            Decision::Admit => ProposalStatus::Admitted,
            Decision::Reject => ProposalStatus::Rejected,
            Decision::Return => ProposalStatus::Returned,
            Decision::Merge => ProposalStatus::Merged,
        }
    }

    /// A refusal, a return or a merge is public with its reason.
    pub fn needs_reason(self) -> bool {
        self != Decision::Admit
    }
}

/// Seed 000: at least half of an expert council are civil-society members.
pub fn council_balanced(civil_society: usize, total: usize) -> bool {
    total > 0 && civil_society * 2 >= total
}

#[cfg(test)]
mod decisions {
    use super::*;

    #[test]
    fn decisions_and_councils() {
        for d in Decision::ALL {
            assert_eq!(Decision::parse(d.as_str()), Some(d));
        }
        assert!(!Decision::Admit.needs_reason() && Decision::Merge.needs_reason());
        assert_eq!(Decision::Return.status(), ProposalStatus::Returned);
        assert!(council_balanced(2, 4) && !council_balanced(1, 3) && !council_balanced(0, 0));
    }
}
