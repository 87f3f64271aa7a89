use super::{Category, Stage};
use crate::money::Tenge;
use crate::text::BoundedText;

crate::code_enum! {
    /// Where a proposal (ұсыныс / предложение) came from.
    pub enum Channel {
        Web = "web",
        /// Typed in by a coordinator from a paper form, with its number.
        Paper = "paper",
        /// Entered by a coordinator at a participation centre with the resident present.
        Assisted = "assisted",
    }
}

crate::code_enum! {
    /// Where a proposal stands with the expert council.
    pub enum ProposalStatus {
        Submitted = "submitted",
        Admitted = "admitted",
        Rejected = "rejected",
        /// Returned to the author for revision.
        Returned = "returned",
        /// Merged into another proposal.
        Merged = "merged",
    }
}

impl ProposalStatus {
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
    fn a_typed_proposal_is_parsed_once() {
        let lines = [("Құбыр", "3 000 000"), ("", ""), ("Жұмыс", "1 000 000")];
        let input = DraftInput {
            title: " Су құбыры ",
            description: "Ауылдың оңтүстік бөлігіне су құбырын тарту керек.",
            category: Category::ALL[0].as_str(),
            place: "Мектеп жанында",
            lines: &lines,
            ..DraftInput::default()
        };
        let cap = t(6_487_500);
        let l = ProposalLimits::default();
        let ok = ProposalText::parse(&input, cap, &l);
        assert_eq!(
            ok.map(|p| (p.title, p.items.len(), p.pledge_labour_days)),
            Ok(("Су құбыры".to_string(), 2, 0))
        );
        let bad_lines = [("", "5")];
        let bad = DraftInput {
            category: "nope",
            place: "ab",
            lines: &bad_lines,
            pledge_money: "x",
            pledge_labour_days: "400",
            ..input
        };
        assert_eq!(
            ProposalText::parse(&bad, cap, &l),
            Err(vec![
                DraftError::CostLine,
                DraftError::Category,
                DraftError::Place,
                DraftError::PledgeMoney,
                DraftError::Rule(ProposalError::Labour(365)),
            ])
        );
        let empty = DraftInput {
            lines: &[],
            ..input
        };
        assert_eq!(
            ProposalText::parse(&empty, cap, &l),
            Err(vec![DraftError::Rule(ProposalError::NoCost)])
        );
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

crate::code_enum! {
    /// The expert council's decision on a proposal.
    pub enum Decision {
        Admit = "admit",
        Reject = "reject",
        /// Back to the author for revision.
        Return = "return",
        /// Merged into another proposal of the same cycle.
        Merge = "merge",
    }
}

impl Decision {
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

/// Whether a proposal with `status` may be changed by its author while the cycle is at
/// `stage`: during collection, and a returned one during review and revision (a cycle without
/// a revision stage would otherwise leave a returned proposal with no way back).
pub fn editable(stage: Stage, status: ProposalStatus) -> bool {
    stage == Stage::Collection
        || (matches!(stage, Stage::Review | Stage::Revision) && status == ProposalStatus::Returned)
}

/// Whether the person `who` (none when signed out) may edit a proposal whose author is
/// `author` (none when a coordinator entered it from paper): only its author, while
/// [`editable`].
pub fn may_edit<Id: PartialEq>(
    stage: Stage,
    status: ProposalStatus,
    author: Option<&Id>,
    who: Option<&Id>,
) -> bool {
    editable(stage, status) && author.is_some() && who == author
}

/// What an author writes, parsed: everything of a proposal but its village (looked up among
/// the cycle's settlements) and who enters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalText {
    pub title: String,
    pub description: String,
    pub category: Category,
    pub place: PlaceText,
    pub items: Vec<(String, Tenge)>,
    pub pledge_money: Tenge,
    pub pledge_labour_days: i64,
}

/// What is wrong with a proposal as typed; each variant names one field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error("every line of the cost estimate needs a name and an amount")]
    CostLine,
    #[error("unknown category")]
    Category,
    #[error("the place must have at least three characters")]
    Place,
    #[error("the pledged money is not an amount")]
    PledgeMoney,
    #[error(transparent)]
    Rule(ProposalError),
}

/// The form of a proposal as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct DraftInput<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub category: &'a str,
    pub place: &'a str,
    /// (label, amount) per line of the cost sheet; empty lines are left out.
    pub lines: &'a [(&'a str, &'a str)],
    /// Empty is none.
    pub pledge_money: &'a str,
    /// Empty is none.
    pub pledge_labour_days: &'a str,
}

impl ProposalText {
    /// Parse a proposal against the cycle's cap; every wrong field is reported (a missing cost
    /// sheet only when no line was wrong).
    pub fn parse(
        input: &DraftInput<'_>,
        cap: Tenge,
        limits: &ProposalLimits,
    ) -> Result<ProposalText, Vec<DraftError>> {
        let mut errors = Vec::new();
        let mut items = Vec::new();
        let mut bad_line = false;
        for (label, amount) in input.lines {
            if label.trim().is_empty() && amount.trim().is_empty() {
                continue;
            }
            match amount.parse::<Tenge>() {
                Ok(a) if !label.trim().is_empty() => items.push((label.trim().to_string(), a)),
                _ => bad_line = true,
            }
        }
        if bad_line {
            errors.push(DraftError::CostLine);
        }
        let category = Category::parse(input.category.trim());
        if category.is_none() {
            errors.push(DraftError::Category);
        }
        let place = PlaceText::parse(input.place);
        if place.is_err() {
            errors.push(DraftError::Place);
        }
        let pledge_money = if input.pledge_money.trim().is_empty() {
            Some(Tenge::default())
        } else {
            input.pledge_money.parse::<Tenge>().ok()
        };
        if pledge_money.is_none() {
            errors.push(DraftError::PledgeMoney);
        }
        let labour = if input.pledge_labour_days.trim().is_empty() {
            Some(0)
        } else {
            input.pledge_labour_days.trim().parse::<i64>().ok()
        };
        let (title, description) = (input.title, input.description);
        let rules = check(
            title,
            description,
            &items,
            labour.unwrap_or(-1),
            cap,
            limits,
        );
        for e in rules {
            match e {
                ProposalError::NoCost | ProposalError::CostLine(_) if bad_line => {}
                ProposalError::CostLine(_) => {}
                e => errors.push(DraftError::Rule(e)),
            }
        }
        match (category, place, pledge_money, labour) {
            (Some(category), Ok(place), Some(pledge_money), Some(pledge_labour_days))
                if errors.is_empty() =>
            {
                Ok(ProposalText {
                    title: title.trim().to_string(),
                    description: description.trim().to_string(),
                    category,
                    place,
                    items,
                    pledge_money,
                    pledge_labour_days,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The name of a proposal's author as a coordinator types it from a paper form.
pub type AuthorName = BoundedText<2, 100>;
/// Where the project would be built ("near the school"): at least three characters.
pub type PlaceText = BoundedText<3, { usize::MAX }>;

/// A proposal typed in by a coordinator: from a paper form (with its number) or at a
/// participation centre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperEntry {
    pub channel: Channel,
    pub author_name: AuthorName,
    pub form_number: Option<String>,
}

/// What is wrong with a coordinator's entry; each variant names one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PaperEntryError {
    #[error("choose paper or participation centre")]
    Channel,
    #[error("the author's name must have 2 to 100 characters")]
    AuthorName,
    #[error("a paper form needs its number")]
    FormNumber,
}

impl PaperEntry {
    /// Parse the channel (not the web), the author's name and the form number (required for
    /// a paper form); every wrong field is reported.
    pub fn parse(
        channel: &str,
        author_name: &str,
        form_number: &str,
    ) -> Result<PaperEntry, Vec<PaperEntryError>> {
        let mut errors = Vec::new();
        let channel = Channel::parse(channel.trim()).filter(|ch| *ch != Channel::Web);
        if channel.is_none() {
            errors.push(PaperEntryError::Channel);
        }
        let author_name = AuthorName::parse(author_name);
        if author_name.is_err() {
            errors.push(PaperEntryError::AuthorName);
        }
        let number = form_number.trim();
        if channel == Some(Channel::Paper) && number.is_empty() {
            errors.push(PaperEntryError::FormNumber);
        }
        match (channel, author_name) {
            (Some(channel), Ok(author_name)) if errors.is_empty() => Ok(PaperEntry {
                channel,
                author_name,
                form_number: (!number.is_empty()).then(|| number.to_string()),
            }),
            _ => Err(errors),
        }
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
        assert!(may_edit(
            Stage::Collection,
            ProposalStatus::Submitted,
            Some(&1),
            Some(&1)
        ));
        assert!(!may_edit(
            Stage::Collection,
            ProposalStatus::Submitted,
            Some(&1),
            Some(&2)
        ));
        assert!(!may_edit::<i32>(
            Stage::Collection,
            ProposalStatus::Submitted,
            None,
            None
        ));
        assert!(!may_edit(
            Stage::Review,
            ProposalStatus::Submitted,
            Some(&1),
            Some(&1)
        ));
        assert!(may_edit(
            Stage::Review,
            ProposalStatus::Returned,
            Some(&1),
            Some(&1)
        ));
        assert!(may_edit(
            Stage::Revision,
            ProposalStatus::Returned,
            Some(&1),
            Some(&1)
        ));
        assert!(!may_edit(
            Stage::Discussion,
            ProposalStatus::Returned,
            Some(&1),
            Some(&1)
        ));
        let e = PaperEntry::parse("paper", " Айгүл ", " 17 ");
        assert_eq!(
            e.map(|e| (e.author_name.into_string(), e.form_number)),
            Ok(("Айгүл".into(), Some("17".into())))
        );
        assert_eq!(
            PaperEntry::parse("paper", "А", ""),
            Err(vec![
                PaperEntryError::AuthorName,
                PaperEntryError::FormNumber
            ])
        );
        assert_eq!(
            PaperEntry::parse("web", "Айгүл", ""),
            Err(vec![PaperEntryError::Channel])
        );
        assert!(PaperEntry::parse("assisted", "Айгүл", "").is_ok_and(|e| e.form_number.is_none()));
        assert!(PlaceText::parse(" ab ").is_err() && PlaceText::parse("abc").is_ok());
        assert!(council_balanced(2, 4) && !council_balanced(1, 3) && !council_balanced(0, 0));
    }
}
