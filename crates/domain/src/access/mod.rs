//! Who may do what, where. Every use case asks [`may`]; nothing else decides.

use crate::territories::Kato;
use serde::{Deserialize, Serialize};

mod duties;

pub use duties::{coordinates, may_as_member, may_join, Body, Duties, DutyConflict};

crate::code_enum! {
    /// A role, always granted on a territory (or on the whole country for administrators) and
    /// covering everything under it.
    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Role {
        /// тұрғын / житель
        Resident = "resident",
        /// ХҚБ үйлестірушісі / координатор БНУ
        Coordinator = "coordinator",
        /// сараптамалық кеңес мүшесі / член экспертного совета: held for one cycle by a seat on
        /// its council ([`Body::ExpertCouncil`]), never granted on a territory.
        Expert = "expert",
        /// әкімдік немесе әкім аппаратының қызметкері / сотрудник акимата или аппарата акима
        Official = "official",
        /// мәслихат депутаты / депутат маслихата
        Deputy = "deputy",
        /// бақылау тобының мүшесі / член группы надзора: held for one cycle by a seat on its
        /// monitoring group ([`Body::MonitoringGroup`]), never granted on a territory.
        Monitor = "monitor",
        /// әкімші / администратор платформы
        Admin = "admin",
        /// цифрлық қатысу орталығының тіркеушісі / регистратор центра цифрового участия
        Registrar = "registrar",
    }
}

impl Role {
    /// The roles a person holds for one cycle by a seat on its expert council or monitoring
    /// group ([`Body::role`]), never by a grant on a territory: [`authorize`] ignores such a
    /// grant (release 0.1 stored some; migration 0020 removes them) and nobody grants one.
    pub fn is_membership(self) -> bool {
        matches!(self, Role::Expert | Role::Monitor)
    }
}

/// Something a signed-in person does to an object that belongs to a territory. Later
/// capabilities add their actions here and rows to the policy and its test table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Correct a territory's population (the base of thresholds and per-capita indicators).
    EditTerritory,
    /// Grant or revoke a role on a territory.
    GrantRole,
    /// See who holds which role in a territory.
    ViewRoleGrants,
    /// Write a civic initiative (checked on the author's place of residence, which must lie
    /// inside the addressed territory).
    SubmitInitiative,
    /// Publish an initiative or return it to its author with a reason.
    ModerateInitiative,
    /// Sign an initiative (checked on the signer's place of residence, like submitting).
    SignInitiative,
    /// Publish the official answer and its follow-ups.
    AnswerInitiative,
    /// Type in paper signature sheets (double entry).
    EnterPaperSignatures,
    /// Set a territory's signature threshold, collection period and answer deadline.
    ConfigureThreshold,
    /// Set up a People's Participation Budget cycle and move it through its stages; enter
    /// proposals from paper forms.
    ManageCycle,
    /// Submit a proposal to a cycle (checked on the author's place of residence, which must
    /// lie inside the cycle's territory).
    SubmitProposal,
    /// Record an expert conclusion on a proposal: by a seat on the cycle's expert council only
    /// ([`may_as_member`]), which no grant gives.
    ReviewProposal,
    /// Type in paper ballots of a cycle (double entry) and settle mismatches.
    EnterPaperBallots,
    /// Record the ballot of a resident at a participation centre, with a witness.
    AssistVoter,
    /// Comment on an admitted proposal (checked on the author's place of residence, which
    /// must lie inside the cycle's territory, like submitting).
    CommentProposal,
    /// Hide a comment with a public reason, or restore it.
    ModerateComment,
    /// Record and correct a funded project's implementation (contract, dates, milestones,
    /// payments, documents); every change is logged publicly.
    EditImplementation,
    /// Record a cycle's monitoring group (бақылау тобы) elected by a gathering.
    RecordMonitoringGroup,
    /// Sign the acceptance of finished work: by a seat on the cycle's monitoring group only
    /// ([`may_as_member`]), which no grant gives.
    SignAcceptance,
    /// File a monitoring report on a funded project (checked on the author's residence).
    SubmitMonitoringReport,
    /// Answer residents' monitoring reports.
    AnswerMonitoringReport,
    /// Edit the table of public holidays and day transfers behind every working-day deadline.
    EditHolidays,
    /// Register a public-control event (checked on the organiser's place of residence, which
    /// must lie inside the event's territory).
    RegisterControlEvent,
    /// Record a state body's reasoned answer to a recommendation of a public-control event.
    AnswerRecommendation,
    /// Report unused or unlawfully granted farm land (checked on the reporter's residence).
    SubmitLandReport,
    /// Move a land report through the land commission's review.
    ReviewLandReport,
    /// Add or correct a row of the MRP table (year, valid from, value).
    EditMrp,
    /// Create and edit a participation centre and name the registrars who work there.
    ManageCentres,
    /// Raise an account to `in_person` at a participation centre's desk (the centre's own
    /// registrars only, checked besides; administrators are not exempt).
    VerifyInPerson,
    /// List accounts with their verification levels and see how each level came about
    /// (administrators, for accounts living in their territory).
    ViewAccounts,
    /// Invite a person to a cycle's expert council or monitoring group; the seat is theirs
    /// when they accept, and only if they hold no other duty of the cycle ([`may_join`]).
    InviteMember,
    /// Accept or decline an invitation addressed to you, on your own account (checked on the
    /// person's own home, like resident actions; the addressee is checked besides).
    AnswerInvitation,
}

impl Action {
    pub const ALL: [Action; 32] = [
        Action::EditTerritory,
        Action::GrantRole,
        Action::ViewRoleGrants,
        Action::SubmitInitiative,
        Action::ModerateInitiative,
        Action::SignInitiative,
        Action::AnswerInitiative,
        Action::EnterPaperSignatures,
        Action::ConfigureThreshold,
        Action::ManageCycle,
        Action::SubmitProposal,
        Action::ReviewProposal,
        Action::EnterPaperBallots,
        Action::AssistVoter,
        Action::CommentProposal,
        Action::ModerateComment,
        Action::EditImplementation,
        Action::RecordMonitoringGroup,
        Action::SignAcceptance,
        Action::SubmitMonitoringReport,
        Action::AnswerMonitoringReport,
        Action::EditHolidays,
        Action::RegisterControlEvent,
        Action::AnswerRecommendation,
        Action::SubmitLandReport,
        Action::ReviewLandReport,
        Action::EditMrp,
        Action::ManageCentres,
        Action::VerifyInPerson,
        Action::ViewAccounts,
        Action::InviteMember,
        Action::AnswerInvitation,
    ];

    /// The policy: which roles may take an action at all. Scope is checked separately.
    pub fn allowed_roles(self) -> &'static [Role] {
        match self {
            Action::EditTerritory => &[Role::Official, Role::Admin],
            Action::GrantRole => &[Role::Admin],
            Action::ViewRoleGrants => &[Role::Coordinator, Role::Official, Role::Admin],
            // Resident actions: everyone holds the resident role where they live, and nobody
            // acts as a resident anywhere else, administrators included (see [`may`]).
            Action::SubmitInitiative | Action::SignInitiative => &[Role::Resident],
            Action::ModerateInitiative => &[Role::Coordinator, Role::Official, Role::Admin],
            // Initiatives go to the akim (officials) or the maslikhat (deputies).
            Action::AnswerInitiative => &[Role::Official, Role::Deputy, Role::Admin],
            Action::EnterPaperSignatures => &[Role::Coordinator, Role::Admin],
            Action::ConfigureThreshold => &[Role::Official, Role::Admin],
            Action::ManageCycle => &[Role::Coordinator, Role::Admin],
            Action::SubmitProposal => &[Role::Resident],
            // Membership actions: a seat on the cycle's body, never a grant (see [`Body`]).
            Action::ReviewProposal => &[Role::Expert],
            Action::EnterPaperBallots | Action::AssistVoter => &[Role::Coordinator, Role::Admin],
            Action::CommentProposal => &[Role::Resident],
            Action::ModerateComment => &[Role::Coordinator, Role::Admin],
            Action::EditImplementation | Action::AnswerMonitoringReport => {
                &[Role::Official, Role::Admin]
            }
            Action::RecordMonitoringGroup => &[Role::Coordinator, Role::Admin],
            Action::SignAcceptance => &[Role::Monitor],
            Action::SubmitMonitoringReport => &[Role::Resident],
            Action::EditHolidays => &[Role::Admin],
            Action::RegisterControlEvent | Action::SubmitLandReport => &[Role::Resident],
            Action::AnswerRecommendation | Action::ReviewLandReport => {
                &[Role::Official, Role::Admin]
            }
            Action::EditMrp | Action::ManageCentres | Action::ViewAccounts => &[Role::Admin],
            Action::VerifyInPerson => &[Role::Registrar, Role::Admin],
            Action::InviteMember => &[Role::Coordinator, Role::Admin],
            Action::AnswerInvitation => &[Role::Resident],
        }
    }

    /// Actions taken by a seat on a cycle's body ([`may_as_member`]), which no grant gives.
    pub fn is_membership(self) -> bool {
        self.allowed_roles().iter().all(|r| r.is_membership())
    }
}

/// One role held by one person; `territory: None` is the whole country (administrators).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub role: Role,
    pub territory: Option<Kato>,
}

impl Grant {
    /// Whether the grant's territory is the target or one of its ancestors.
    pub fn covers(&self, target_path: &[Kato]) -> bool {
        match &self.territory {
            None => true,
            Some(k) => target_path.contains(k),
        }
    }
}

impl Action {
    /// Actions a person takes as a resident (тұрғын / житель): proposing, signing,
    /// commenting, reporting. They are allowed only on objects of a territory the person lives
    /// in, whatever other roles they hold.
    pub fn is_residents(self) -> bool {
        self.allowed_roles() == [Role::Resident]
    }
}

/// The one authorization rule. May a person holding `grants`, who lives in the territory
/// whose path is `home_path`, take `action` on an object of the territory whose path (its
/// ancestors and itself) is `target_path`?
///
/// - Resident actions ([`Action::is_residents`]): the target territory lies on the person's
///   home path (their village, its okrug, district, oblast or the country), and they hold the
///   resident role there. Administrators are residents only where they live.
/// - Every other action: a grant of an allowed role covers the target ([`authorize`]).
pub fn may(grants: &[Grant], home_path: &[Kato], action: Action, target_path: &[Kato]) -> bool {
    if action.is_residents() {
        let Some(target) = target_path.last() else {
            return false;
        };
        home_path.contains(target) && authorize(grants, action, home_path)
    } else {
        authorize(grants, action, target_path)
    }
}

/// May someone holding `grants` take `action` on an object of the territory whose path (its
/// ancestors and itself) is `target_path`? Grants only; residence is [`may`]'s business. A
/// grant of a membership role ([`Role::is_membership`]) gives nothing: seats do, per cycle.
pub fn authorize(grants: &[Grant], action: Action, target_path: &[Kato]) -> bool {
    let roles = action.allowed_roles();
    grants
        .iter()
        .any(|g| !g.role.is_membership() && roles.contains(&g.role) && g.covers(target_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Kato {
        Kato::parse(s).unwrap()
    }

    /// Role × action × (inside / outside): the table later issues extend. `true` means the
    /// role, granted on a territory, may take the action inside it; outside it, nothing is
    /// ever allowed. Seats on a cycle's bodies are `duties`' table.
    const TABLE: &[(Role, Action, bool)] = &[
        (Role::Resident, Action::EditTerritory, false),
        (Role::Resident, Action::GrantRole, false),
        (Role::Resident, Action::ViewRoleGrants, false),
        (Role::Resident, Action::SubmitInitiative, true),
        (Role::Resident, Action::ModerateInitiative, false),
        (Role::Resident, Action::SignInitiative, true),
        (Role::Resident, Action::AnswerInitiative, false),
        (Role::Resident, Action::EnterPaperSignatures, false),
        (Role::Resident, Action::ConfigureThreshold, false),
        (Role::Resident, Action::ManageCycle, false),
        (Role::Resident, Action::SubmitProposal, true),
        (Role::Resident, Action::ReviewProposal, false),
        (Role::Coordinator, Action::EditTerritory, false),
        (Role::Coordinator, Action::GrantRole, false),
        (Role::Coordinator, Action::ViewRoleGrants, true),
        (Role::Coordinator, Action::SubmitInitiative, false),
        (Role::Coordinator, Action::ModerateInitiative, true),
        (Role::Coordinator, Action::SignInitiative, false),
        (Role::Coordinator, Action::AnswerInitiative, false),
        (Role::Coordinator, Action::EnterPaperSignatures, true),
        (Role::Coordinator, Action::ConfigureThreshold, false),
        (Role::Coordinator, Action::ManageCycle, true),
        (Role::Coordinator, Action::SubmitProposal, false),
        (Role::Coordinator, Action::ReviewProposal, false),
        (Role::Expert, Action::EditTerritory, false),
        (Role::Expert, Action::GrantRole, false),
        (Role::Expert, Action::ViewRoleGrants, false),
        (Role::Expert, Action::SubmitInitiative, false),
        (Role::Expert, Action::ModerateInitiative, false),
        (Role::Expert, Action::SignInitiative, false),
        (Role::Expert, Action::AnswerInitiative, false),
        (Role::Expert, Action::EnterPaperSignatures, false),
        (Role::Expert, Action::ConfigureThreshold, false),
        (Role::Expert, Action::ManageCycle, false),
        (Role::Expert, Action::SubmitProposal, false),
        (Role::Expert, Action::ReviewProposal, false),
        (Role::Official, Action::EditTerritory, true),
        (Role::Official, Action::GrantRole, false),
        (Role::Official, Action::ViewRoleGrants, true),
        (Role::Official, Action::SubmitInitiative, false),
        (Role::Official, Action::ModerateInitiative, true),
        (Role::Official, Action::SignInitiative, false),
        (Role::Official, Action::AnswerInitiative, true),
        (Role::Official, Action::EnterPaperSignatures, false),
        (Role::Official, Action::ConfigureThreshold, true),
        (Role::Official, Action::ManageCycle, false),
        (Role::Official, Action::SubmitProposal, false),
        (Role::Official, Action::ReviewProposal, false),
        (Role::Deputy, Action::EditTerritory, false),
        (Role::Deputy, Action::GrantRole, false),
        (Role::Deputy, Action::ViewRoleGrants, false),
        (Role::Deputy, Action::SubmitInitiative, false),
        (Role::Deputy, Action::ModerateInitiative, false),
        (Role::Deputy, Action::SignInitiative, false),
        (Role::Deputy, Action::AnswerInitiative, true),
        (Role::Deputy, Action::EnterPaperSignatures, false),
        (Role::Deputy, Action::ConfigureThreshold, false),
        (Role::Deputy, Action::ManageCycle, false),
        (Role::Deputy, Action::SubmitProposal, false),
        (Role::Deputy, Action::ReviewProposal, false),
        (Role::Monitor, Action::EditTerritory, false),
        (Role::Monitor, Action::GrantRole, false),
        (Role::Monitor, Action::ViewRoleGrants, false),
        (Role::Monitor, Action::SubmitInitiative, false),
        (Role::Monitor, Action::ModerateInitiative, false),
        (Role::Monitor, Action::SignInitiative, false),
        (Role::Monitor, Action::AnswerInitiative, false),
        (Role::Monitor, Action::EnterPaperSignatures, false),
        (Role::Monitor, Action::ConfigureThreshold, false),
        (Role::Monitor, Action::ManageCycle, false),
        (Role::Monitor, Action::SubmitProposal, false),
        (Role::Monitor, Action::ReviewProposal, false),
        (Role::Admin, Action::EditTerritory, true),
        (Role::Admin, Action::GrantRole, true),
        (Role::Admin, Action::ViewRoleGrants, true),
        (Role::Admin, Action::SubmitInitiative, false),
        (Role::Admin, Action::ModerateInitiative, true),
        (Role::Admin, Action::SignInitiative, false),
        (Role::Admin, Action::AnswerInitiative, true),
        (Role::Admin, Action::EnterPaperSignatures, true),
        (Role::Admin, Action::ConfigureThreshold, true),
        (Role::Admin, Action::ManageCycle, true),
        (Role::Admin, Action::SubmitProposal, false),
        (Role::Admin, Action::ReviewProposal, false),
        (Role::Resident, Action::EnterPaperBallots, false),
        (Role::Resident, Action::AssistVoter, false),
        (Role::Coordinator, Action::EnterPaperBallots, true),
        (Role::Coordinator, Action::AssistVoter, true),
        (Role::Expert, Action::EnterPaperBallots, false),
        (Role::Expert, Action::AssistVoter, false),
        (Role::Official, Action::EnterPaperBallots, false),
        (Role::Official, Action::AssistVoter, false),
        (Role::Deputy, Action::EnterPaperBallots, false),
        (Role::Deputy, Action::AssistVoter, false),
        (Role::Monitor, Action::EnterPaperBallots, false),
        (Role::Monitor, Action::AssistVoter, false),
        (Role::Admin, Action::EnterPaperBallots, true),
        (Role::Admin, Action::AssistVoter, true),
        (Role::Resident, Action::CommentProposal, true),
        (Role::Resident, Action::ModerateComment, false),
        (Role::Coordinator, Action::CommentProposal, false),
        (Role::Coordinator, Action::ModerateComment, true),
        (Role::Expert, Action::CommentProposal, false),
        (Role::Expert, Action::ModerateComment, false),
        (Role::Official, Action::CommentProposal, false),
        (Role::Official, Action::ModerateComment, false),
        (Role::Deputy, Action::CommentProposal, false),
        (Role::Deputy, Action::ModerateComment, false),
        (Role::Monitor, Action::CommentProposal, false),
        (Role::Monitor, Action::ModerateComment, false),
        (Role::Admin, Action::CommentProposal, false),
        (Role::Admin, Action::ModerateComment, true),
        (Role::Resident, Action::EditImplementation, false),
        (Role::Resident, Action::RecordMonitoringGroup, false),
        (Role::Resident, Action::SignAcceptance, false),
        (Role::Resident, Action::SubmitMonitoringReport, true),
        (Role::Resident, Action::AnswerMonitoringReport, false),
        (Role::Resident, Action::EditHolidays, false),
        (Role::Coordinator, Action::EditImplementation, false),
        (Role::Coordinator, Action::RecordMonitoringGroup, true),
        (Role::Coordinator, Action::SignAcceptance, false),
        (Role::Coordinator, Action::SubmitMonitoringReport, false),
        (Role::Coordinator, Action::AnswerMonitoringReport, false),
        (Role::Coordinator, Action::EditHolidays, false),
        (Role::Expert, Action::EditImplementation, false),
        (Role::Expert, Action::RecordMonitoringGroup, false),
        (Role::Expert, Action::SignAcceptance, false),
        (Role::Expert, Action::SubmitMonitoringReport, false),
        (Role::Expert, Action::AnswerMonitoringReport, false),
        (Role::Expert, Action::EditHolidays, false),
        (Role::Official, Action::EditImplementation, true),
        (Role::Official, Action::RecordMonitoringGroup, false),
        (Role::Official, Action::SignAcceptance, false),
        (Role::Official, Action::SubmitMonitoringReport, false),
        (Role::Official, Action::AnswerMonitoringReport, true),
        (Role::Official, Action::EditHolidays, false),
        (Role::Deputy, Action::EditImplementation, false),
        (Role::Deputy, Action::RecordMonitoringGroup, false),
        (Role::Deputy, Action::SignAcceptance, false),
        (Role::Deputy, Action::SubmitMonitoringReport, false),
        (Role::Deputy, Action::AnswerMonitoringReport, false),
        (Role::Deputy, Action::EditHolidays, false),
        (Role::Monitor, Action::EditImplementation, false),
        (Role::Monitor, Action::RecordMonitoringGroup, false),
        (Role::Monitor, Action::SignAcceptance, false),
        (Role::Monitor, Action::SubmitMonitoringReport, false),
        (Role::Monitor, Action::AnswerMonitoringReport, false),
        (Role::Monitor, Action::EditHolidays, false),
        (Role::Admin, Action::EditImplementation, true),
        (Role::Admin, Action::RecordMonitoringGroup, true),
        (Role::Admin, Action::SignAcceptance, false),
        (Role::Admin, Action::SubmitMonitoringReport, false),
        (Role::Admin, Action::AnswerMonitoringReport, true),
        (Role::Admin, Action::EditHolidays, true),
        (Role::Resident, Action::RegisterControlEvent, true),
        (Role::Resident, Action::AnswerRecommendation, false),
        (Role::Resident, Action::SubmitLandReport, true),
        (Role::Resident, Action::ReviewLandReport, false),
        (Role::Coordinator, Action::RegisterControlEvent, false),
        (Role::Coordinator, Action::AnswerRecommendation, false),
        (Role::Coordinator, Action::SubmitLandReport, false),
        (Role::Coordinator, Action::ReviewLandReport, false),
        (Role::Expert, Action::RegisterControlEvent, false),
        (Role::Expert, Action::AnswerRecommendation, false),
        (Role::Expert, Action::SubmitLandReport, false),
        (Role::Expert, Action::ReviewLandReport, false),
        (Role::Official, Action::RegisterControlEvent, false),
        (Role::Official, Action::AnswerRecommendation, true),
        (Role::Official, Action::SubmitLandReport, false),
        (Role::Official, Action::ReviewLandReport, true),
        (Role::Deputy, Action::RegisterControlEvent, false),
        (Role::Deputy, Action::AnswerRecommendation, false),
        (Role::Deputy, Action::SubmitLandReport, false),
        (Role::Deputy, Action::ReviewLandReport, false),
        (Role::Monitor, Action::RegisterControlEvent, false),
        (Role::Monitor, Action::AnswerRecommendation, false),
        (Role::Monitor, Action::SubmitLandReport, false),
        (Role::Monitor, Action::ReviewLandReport, false),
        (Role::Admin, Action::RegisterControlEvent, false),
        (Role::Admin, Action::AnswerRecommendation, true),
        (Role::Admin, Action::SubmitLandReport, false),
        (Role::Admin, Action::ReviewLandReport, true),
        (Role::Resident, Action::EditMrp, false),
        (Role::Coordinator, Action::EditMrp, false),
        (Role::Expert, Action::EditMrp, false),
        (Role::Official, Action::EditMrp, false),
        (Role::Deputy, Action::EditMrp, false),
        (Role::Monitor, Action::EditMrp, false),
        (Role::Admin, Action::EditMrp, true),
        (Role::Resident, Action::ManageCentres, false),
        (Role::Resident, Action::VerifyInPerson, false),
        (Role::Resident, Action::ViewAccounts, false),
        (Role::Coordinator, Action::ManageCentres, false),
        (Role::Coordinator, Action::VerifyInPerson, false),
        (Role::Coordinator, Action::ViewAccounts, false),
        (Role::Expert, Action::ManageCentres, false),
        (Role::Expert, Action::VerifyInPerson, false),
        (Role::Expert, Action::ViewAccounts, false),
        (Role::Official, Action::ManageCentres, false),
        (Role::Official, Action::VerifyInPerson, false),
        (Role::Official, Action::ViewAccounts, false),
        (Role::Deputy, Action::ManageCentres, false),
        (Role::Deputy, Action::VerifyInPerson, false),
        (Role::Deputy, Action::ViewAccounts, false),
        (Role::Monitor, Action::ManageCentres, false),
        (Role::Monitor, Action::VerifyInPerson, false),
        (Role::Monitor, Action::ViewAccounts, false),
        (Role::Admin, Action::ManageCentres, true),
        (Role::Admin, Action::VerifyInPerson, true),
        (Role::Admin, Action::ViewAccounts, true),
        (Role::Registrar, Action::EditTerritory, false),
        (Role::Registrar, Action::GrantRole, false),
        (Role::Registrar, Action::ViewRoleGrants, false),
        (Role::Registrar, Action::SubmitInitiative, false),
        (Role::Registrar, Action::ModerateInitiative, false),
        (Role::Registrar, Action::SignInitiative, false),
        (Role::Registrar, Action::AnswerInitiative, false),
        (Role::Registrar, Action::EnterPaperSignatures, false),
        (Role::Registrar, Action::ConfigureThreshold, false),
        (Role::Registrar, Action::ManageCycle, false),
        (Role::Registrar, Action::SubmitProposal, false),
        (Role::Registrar, Action::ReviewProposal, false),
        (Role::Registrar, Action::EnterPaperBallots, false),
        (Role::Registrar, Action::AssistVoter, false),
        (Role::Registrar, Action::CommentProposal, false),
        (Role::Registrar, Action::ModerateComment, false),
        (Role::Registrar, Action::EditImplementation, false),
        (Role::Registrar, Action::RecordMonitoringGroup, false),
        (Role::Registrar, Action::SignAcceptance, false),
        (Role::Registrar, Action::SubmitMonitoringReport, false),
        (Role::Registrar, Action::AnswerMonitoringReport, false),
        (Role::Registrar, Action::EditHolidays, false),
        (Role::Registrar, Action::RegisterControlEvent, false),
        (Role::Registrar, Action::AnswerRecommendation, false),
        (Role::Registrar, Action::SubmitLandReport, false),
        (Role::Registrar, Action::ReviewLandReport, false),
        (Role::Registrar, Action::EditMrp, false),
        (Role::Registrar, Action::ManageCentres, false),
        (Role::Registrar, Action::VerifyInPerson, true),
        (Role::Registrar, Action::ViewAccounts, false),
        // Security review M5: coordinators invite; everyone answers their own invitations;
        // reviewing and signing come from seats, never from grants (see `duties`).
        (Role::Resident, Action::InviteMember, false),
        (Role::Resident, Action::AnswerInvitation, true),
        (Role::Coordinator, Action::InviteMember, true),
        (Role::Coordinator, Action::AnswerInvitation, false),
        (Role::Expert, Action::InviteMember, false),
        (Role::Expert, Action::AnswerInvitation, false),
        (Role::Official, Action::InviteMember, false),
        (Role::Official, Action::AnswerInvitation, false),
        (Role::Deputy, Action::InviteMember, false),
        (Role::Deputy, Action::AnswerInvitation, false),
        (Role::Monitor, Action::InviteMember, false),
        (Role::Monitor, Action::AnswerInvitation, false),
        (Role::Admin, Action::InviteMember, true),
        (Role::Admin, Action::AnswerInvitation, false),
        (Role::Registrar, Action::InviteMember, false),
        (Role::Registrar, Action::AnswerInvitation, false),
    ];

    #[test]
    fn residents_act_where_they_live_and_nowhere_else() {
        let village = [
            k("110000000"),
            k("114400000"),
            k("114435000"),
            k("114435200"),
        ];
        let other = [k("110000000"), k("114400000"), k("114441000")];
        let resident = vec![Grant {
            role: Role::Resident,
            territory: Some(k("114435200")),
        }];
        let okrug = &village[..3];
        assert!(may(&resident, &village, Action::SubmitProposal, okrug));
        assert!(may(&resident, &village, Action::SubmitProposal, &village));
        assert!(!may(&resident, &village, Action::SubmitProposal, &other));
        assert!(!may(&resident, &village, Action::ManageCycle, okrug));
        // An administrator is a resident where they live, not in the next district.
        let mut admin = resident.clone();
        admin.push(Grant {
            role: Role::Admin,
            territory: None,
        });
        assert!(!may(&admin, &village, Action::SignInitiative, &other));
        assert!(may(&admin, &village, Action::SignInitiative, okrug));
        assert!(may(&admin, &village, Action::ManageCycle, &other));
        // Without the resident grant (an account whose role was taken away), nothing.
        assert!(!may(&[], &village, Action::SubmitProposal, okrug));
        assert!(!may(&resident, &village, Action::SubmitProposal, &[]));
    }

    #[test]
    fn resident_actions_are_exactly_those_only_residents_hold() {
        for a in Action::ALL {
            let holders: Vec<Role> = TABLE
                .iter()
                .filter(|(_, act, ok)| *act == a && *ok)
                .map(|(r, _, _)| *r)
                .collect();
            assert_eq!(a.is_residents(), holders == [Role::Resident], "{a:?}");
            // Membership actions: no grant gives them.
            assert_eq!(a.is_membership(), holders.is_empty(), "{a:?}");
        }
    }

    #[test]
    fn table_covers_every_role_and_action() {
        for r in Role::ALL {
            for a in Action::ALL {
                assert_eq!(
                    TABLE
                        .iter()
                        .filter(|(tr, ta, _)| *tr == r && *ta == a)
                        .count(),
                    1,
                    "{r:?} × {a:?} must have exactly one row"
                );
            }
        }
    }

    #[test]
    fn role_action_inside_and_outside() {
        // Granted on an okrug: a village inside it, and a village of another okrug.
        let okrug = k("114435000");
        let inside = [
            k("110000000"),
            k("114400000"),
            okrug.clone(),
            k("114435200"),
        ];
        let outside = [
            k("110000000"),
            k("114400000"),
            k("114441000"),
            k("114441100"),
        ];
        for &(role, action, allowed) in TABLE {
            let grants = [Grant {
                role,
                territory: Some(okrug.clone()),
            }];
            assert_eq!(
                authorize(&grants, action, &inside),
                allowed,
                "{role:?} {action:?} inside"
            );
            assert!(
                !authorize(&grants, action, &outside),
                "{role:?} {action:?} outside"
            );
            // A grant never reaches upwards: the district above the okrug is outside too.
            assert!(
                !authorize(&grants, action, &inside[..2]),
                "{role:?} {action:?} above"
            );
        }
    }

    #[test]
    fn country_wide_admin_covers_everything_but_resident_actions() {
        let grants = [Grant {
            role: Role::Admin,
            territory: None,
        }];
        for a in Action::ALL {
            assert_eq!(
                authorize(&grants, a, &[k("750000000")]),
                !a.is_residents() && !a.is_membership(),
                "{a:?}"
            );
        }
        assert!(!authorize(&[], Action::ViewRoleGrants, &[k("750000000")]));
    }

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("king"), None);
    }
}
