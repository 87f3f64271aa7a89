//! Signing online, and taking a signature back.

use super::Outcome;
use crate::{Actor, App, Result};
use domain::accounts::age_on;
use domain::initiatives::{may_sign, SignRefusal, Signer, WithdrawRefusal};
use domain::Action;
use store::initiatives::{self as ini, Initiative, NewSignature, OnThreshold};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOutcome {
    /// Counted; `reached` when this signature reached the threshold.
    Signed {
        reached: bool,
    },
    Refused(SignRefusal),
}

/// What reaching the threshold of `i` records now: the answer's deadline (the territory's
/// `consider_deadline`) and who must answer (`answering_role`).
pub(super) async fn on_threshold(app: &App, i: &Initiative) -> Result<OnThreshold> {
    let territory = super::territory_of(app, i).await?;
    let (rule, _) = ini::rule_for(&app.db, &territory).await?;
    Ok(OnThreshold {
        consider_due: rule.consider_deadline(app.clock.now()),
        answering: i.addressee.answering_role(),
    })
}

/// May the actor sign `i` now (the domain's `may_sign`: status, residence, age, verification)?
pub async fn may_sign_now(
    app: &App,
    actor: &Actor,
    i: &Initiative,
) -> Result<Result<(), SignRefusal>> {
    actor.require(Action::SignInitiative, &actor.home)?;
    let territory = super::territory_of(app, i).await?;
    let (rule, _) = ini::rule_for(&app.db, &territory).await?;
    let signer = Signer {
        residence_path: &actor.home,
        age: age_on(actor.user.birth_date, app.clock.today()),
        level: actor.user.level,
    };
    Ok(may_sign(i.status, &i.territory_kato, &signer, &rule))
}

/// A resident signs online. One signature per person is the database's unique key; the
/// threshold transition happens in the same transaction as the signature.
pub async fn sign_initiative(app: &App, actor: &Actor, id: Uuid) -> Result<SignOutcome> {
    let i = super::visible(app, Some(actor), id).await?;
    if let Err(r) = may_sign_now(app, actor, &i).await? {
        return Ok(SignOutcome::Refused(r));
    }
    let sig = NewSignature {
        person_hash: ini::person_hash_of(&app.db, actor.user.id).await?,
        user_id: Some(actor.user.id),
        village_id: actor.user.residence_id,
        paper: false,
    };
    let reach = on_threshold(app, &i).await?;
    Ok(
        match ini::sign(&app.db, id, &sig, &reach, app.clock.now()).await? {
            ini::SignOutcome::Signed { reached } => {
                if reached {
                    tracing::info!(initiative = %id, "initiative reached its threshold");
                }
                SignOutcome::Signed { reached }
            }
            ini::SignOutcome::AlreadySigned => SignOutcome::Refused(SignRefusal::AlreadySigned),
            ini::SignOutcome::NotCollecting => SignOutcome::Refused(SignRefusal::NotCollecting),
        },
    )
}

/// Take one's online signature back, while signatures are being collected.
pub async fn withdraw_signature(
    app: &App,
    actor: &Actor,
    id: Uuid,
) -> Result<Outcome<WithdrawRefusal>> {
    super::visible(app, Some(actor), id).await?;
    let hash = ini::person_hash_of(&app.db, actor.user.id).await?;
    Ok(ini::withdraw(&app.db, id, &hash).await?.into())
}
