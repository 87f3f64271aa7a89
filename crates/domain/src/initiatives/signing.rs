//! Who may sign, and who may take a signature back.

use super::{Status, ThresholdRule};
use crate::accounts::Level;
use crate::territories::Kato;

/// What the rules need to know about a person who signs (online or on paper).
#[derive(Debug, Clone)]
pub struct Signer<'a> {
    /// The KATO codes from the country down to the village the person lives in.
    pub residence_path: &'a [Kato],
    pub age: u32,
    /// The account's level; a paper signature checked by a coordinator counts as seen in person.
    pub level: Level,
}

/// Why a signature is refused; nothing is written in any of these cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignRefusal {
    #[error("signatures are not being collected for this initiative")]
    NotCollecting,
    #[error("the signer does not live in the territory the initiative is addressed to")]
    OutsideTerritory,
    #[error("the signer is younger than the territory allows")]
    TooYoung,
    #[error("the signer's account is not verified enough")]
    NotVerified,
    #[error("this person has already signed")]
    AlreadySigned,
}

impl SignRefusal {
    pub const ALL: [SignRefusal; 5] = [
        SignRefusal::NotCollecting,
        SignRefusal::OutsideTerritory,
        SignRefusal::TooYoung,
        SignRefusal::NotVerified,
        SignRefusal::AlreadySigned,
    ];
}

/// May this person sign an initiative of `territory` now? `AlreadySigned` is decided by the
/// database (one signature per person is a unique key), not here.
pub fn may_sign(
    status: Status,
    territory: &Kato,
    signer: &Signer<'_>,
    rule: &ThresholdRule,
) -> Result<(), SignRefusal> {
    if status != Status::Collecting {
        return Err(SignRefusal::NotCollecting);
    }
    if !signer.residence_path.contains(territory) {
        return Err(SignRefusal::OutsideTerritory);
    }
    if signer.age < rule.min_age {
        return Err(SignRefusal::TooYoung);
    }
    if !signer.level.meets(rule.min_level) {
        return Err(SignRefusal::NotVerified);
    }
    Ok(())
}

/// Why a signature cannot be withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WithdrawRefusal {
    #[error("the threshold is reached (or collection is over): signatures now stay")]
    Locked,
    #[error("there is no signature of yours to withdraw")]
    NotSigned,
}

/// A signature can be taken back only while signatures are being collected: once the
/// threshold is reached the addressee's obligation must not disappear under it.
pub fn may_withdraw(status: Status) -> Result<(), WithdrawRefusal> {
    if status == Status::Collecting {
        Ok(())
    } else {
        Err(WithdrawRefusal::Locked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Kato {
        Kato::parse(s).unwrap()
    }

    #[test]
    fn each_rule_in_turn() {
        let okrug = k("114435000");
        let home = [
            k("110000000"),
            k("114400000"),
            okrug.clone(),
            k("114435200"),
        ];
        let elsewhere = [
            k("110000000"),
            k("114400000"),
            k("114441000"),
            k("114441100"),
        ];
        let rule = ThresholdRule {
            min_level: Level::InPerson,
            ..ThresholdRule::default()
        };
        let ok = Signer {
            residence_path: &home,
            age: 30,
            level: Level::InPerson,
        };
        assert_eq!(may_sign(Status::Collecting, &okrug, &ok, &rule), Ok(()));
        for s in [
            Status::Draft,
            Status::MustConsider,
            Status::Closed,
            Status::Implemented,
        ] {
            assert_eq!(
                may_sign(s, &okrug, &ok, &rule),
                Err(SignRefusal::NotCollecting)
            );
        }
        let outside = Signer {
            residence_path: &elsewhere,
            ..ok.clone()
        };
        assert_eq!(
            may_sign(Status::Collecting, &okrug, &outside, &rule),
            Err(SignRefusal::OutsideTerritory)
        );
        let young = Signer {
            age: 17,
            ..ok.clone()
        };
        assert_eq!(
            may_sign(Status::Collecting, &okrug, &young, &rule),
            Err(SignRefusal::TooYoung)
        );
        let unverified = Signer {
            level: Level::Contact,
            ..ok.clone()
        };
        assert_eq!(
            may_sign(Status::Collecting, &okrug, &unverified, &rule),
            Err(SignRefusal::NotVerified)
        );
        // The district above the okrug: every village of the district may sign.
        assert_eq!(
            may_sign(Status::Collecting, &k("114400000"), &outside, &rule),
            Ok(())
        );
    }

    #[test]
    fn withdrawal_only_while_collecting() {
        assert_eq!(may_withdraw(Status::Collecting), Ok(()));
        assert_eq!(
            may_withdraw(Status::MustConsider),
            Err(WithdrawRefusal::Locked)
        );
        assert_eq!(may_withdraw(Status::Closed), Err(WithdrawRefusal::Locked));
    }
}
