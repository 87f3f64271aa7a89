//! Separation of duties for one People's Participation Budget cycle (security review M5).
//!
//! Three duties of a cycle check one another: the coordinator runs it and records the expert
//! council's decisions, the council's members give their conclusions on proposals, and the
//! monitoring group's members sign the acceptance of finished works. Nobody holds two of them
//! for one cycle. A seat on the council or the group is never granted: the coordinator
//! invites, and the person takes the seat by accepting the invitation on their own account.
//! The seat is the grant: it is held for that one cycle only, and it gives its power only while
//! the person holds no other duty of the cycle.

use super::{authorize, Action, Grant, Role};
use crate::territories::Kato;

crate::code_enum! {
    /// A body a person joins for one cycle by accepting an invitation.
    pub enum Body {
        /// сараптамалық кеңес / экспертный совет
        ExpertCouncil = "expert_council",
        /// бақылау тобы / группа надзора
        MonitoringGroup = "monitoring_group",
    }
}

impl Body {
    /// The role a member of this body holds, for the body's cycle only.
    pub fn role(self) -> Role {
        match self {
            Body::ExpertCouncil => Role::Expert,
            Body::MonitoringGroup => Role::Monitor,
        }
    }
}

/// Why a person may not take a seat on a body of a cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DutyConflict {
    #[error("nobody invites themselves")]
    Yourself,
    #[error("a coordinator of the cycle's territory sits on neither its council nor its group")]
    Coordinator,
    #[error("the person already sits on the cycle's {}", .0.as_str())]
    OtherBody(Body),
}

/// The duties one person holds for one cycle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Duties {
    /// A grant of theirs lets them run the cycle: a coordinator grant on its territory or
    /// above it, or an administrator's grant ([`coordinates`]).
    pub coordinates: bool,
    /// The bodies of the cycle they sit on (accepted seats).
    pub member_of: Vec<Body>,
}

/// Whether someone holding `grants` holds the coordinator's duty for a cycle of the territory
/// whose path is `cycle_path`: any grant that lets them run the cycle — a coordinator grant on
/// the territory or one of its ancestors, or an administrator's grant covering it.
/// Administrators are not exempt from the separation of duties.
pub fn coordinates(grants: &[Grant], cycle_path: &[Kato]) -> bool {
    authorize(grants, Action::ManageCycle, cycle_path)
}

/// May a person holding `duties` for a cycle take a seat on its `body`? `yourself`: the person
/// is the one who invites them. Checked when inviting and again when accepting (a role may
/// have been granted in between). A seat already held on `body` itself is no conflict.
pub fn may_join(body: Body, duties: &Duties, yourself: bool) -> Result<(), DutyConflict> {
    if yourself {
        return Err(DutyConflict::Yourself);
    }
    if duties.coordinates {
        return Err(DutyConflict::Coordinator);
    }
    match duties.member_of.iter().find(|b| **b != body) {
        Some(other) => Err(DutyConflict::OtherBody(*other)),
        None => Ok(()),
    }
}

/// May a person holding `duties` for a cycle take `action` there as a member (a conclusion,
/// a signature on an acceptance)? Only through the one seat they hold, and only while they
/// hold no other duty of the cycle: a seat taken before this rule, or a coordinator grant given
/// after the seat, gives no power.
pub fn may_as_member(action: Action, duties: &Duties) -> bool {
    let [seat] = duties.member_of.as_slice() else {
        return false;
    };
    !duties.coordinates && action.allowed_roles().contains(&seat.role())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Kato {
        Kato::parse(s).expect("kato")
    }

    fn grant(role: Role, territory: Option<&str>) -> Grant {
        Grant {
            role,
            territory: territory.map(k),
        }
    }

    /// Body × action: `true` where a seat on the body, alone, lets its holder act.
    const SEATS: &[(Body, Action)] = &[
        (Body::ExpertCouncil, Action::ReviewProposal),
        (Body::MonitoringGroup, Action::SignAcceptance),
    ];

    #[test]
    fn a_seat_gives_exactly_its_bodys_action() {
        for body in Body::ALL {
            let duties = Duties {
                coordinates: false,
                member_of: vec![body],
            };
            for action in Action::ALL {
                assert_eq!(
                    may_as_member(action, &duties),
                    SEATS.contains(&(body, action)),
                    "{body:?} {action:?}"
                );
            }
        }
        assert!(!may_as_member(Action::ReviewProposal, &Duties::default()));
    }

    #[test]
    fn a_seat_with_another_duty_gives_nothing() {
        for body in Body::ALL {
            let coordinator = Duties {
                coordinates: true,
                member_of: vec![body],
            };
            let both = Duties {
                coordinates: false,
                member_of: Body::ALL.to_vec(),
            };
            for action in Action::ALL {
                assert!(!may_as_member(action, &coordinator), "{body:?} {action:?}");
                assert!(!may_as_member(action, &both), "{body:?} {action:?}");
            }
        }
    }

    #[test]
    fn nobody_joins_with_another_duty_or_by_their_own_invitation() {
        let free = Duties::default();
        for body in Body::ALL {
            assert_eq!(may_join(body, &free, false), Ok(()));
            assert_eq!(may_join(body, &free, true), Err(DutyConflict::Yourself));
            let coordinator = Duties {
                coordinates: true,
                member_of: Vec::new(),
            };
            assert_eq!(
                may_join(body, &coordinator, false),
                Err(DutyConflict::Coordinator)
            );
            // Accepting again a seat already held is no conflict.
            let seated = Duties {
                coordinates: false,
                member_of: vec![body],
            };
            assert_eq!(may_join(body, &seated, false), Ok(()));
        }
        let expert = Duties {
            coordinates: false,
            member_of: vec![Body::ExpertCouncil],
        };
        assert_eq!(
            may_join(Body::MonitoringGroup, &expert, false),
            Err(DutyConflict::OtherBody(Body::ExpertCouncil))
        );
        let monitor = Duties {
            coordinates: false,
            member_of: vec![Body::MonitoringGroup],
        };
        assert_eq!(
            may_join(Body::ExpertCouncil, &monitor, false),
            Err(DutyConflict::OtherBody(Body::MonitoringGroup))
        );
    }

    #[test]
    fn coordinating_means_any_grant_that_runs_the_cycle_above_or_on_its_territory() {
        let okrug = [k("110000000"), k("114400000"), k("114435000")];
        let other = [k("110000000"), k("114400000"), k("114441000")];
        let on_okrug = [grant(Role::Coordinator, Some("114435000"))];
        let on_district = [grant(Role::Coordinator, Some("114400000"))];
        let on_village = [grant(Role::Coordinator, Some("114435200"))];
        assert!(coordinates(&on_okrug, &okrug));
        assert!(coordinates(&on_district, &okrug), "an ancestor covers it");
        assert!(!coordinates(&on_okrug, &other));
        assert!(
            !coordinates(&on_village, &okrug),
            "a grant never reaches up"
        );
        // Administrators are not exempt: their grant runs every cycle it covers.
        assert!(coordinates(&[grant(Role::Admin, None)], &okrug));
        for role in [
            Role::Resident,
            Role::Expert,
            Role::Official,
            Role::Deputy,
            Role::Monitor,
            Role::Registrar,
        ] {
            assert!(
                !coordinates(&[grant(role, Some("114435000"))], &okrug),
                "{role:?}"
            );
        }
    }

    #[test]
    fn each_body_has_its_own_membership_role() {
        for body in Body::ALL {
            assert!(body.role().is_membership());
            assert_eq!(Body::parse(body.as_str()), Some(body));
        }
        let roles: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.is_membership())
            .collect();
        assert_eq!(roles, [Role::Expert, Role::Monitor]);
    }
}
