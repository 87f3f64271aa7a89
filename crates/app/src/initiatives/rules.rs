//! A territory's rules for initiatives: threshold, collection period, days to answer.

use crate::{Actor, App, Result};
use domain::initiatives::{RuleError, ThresholdRule};
use domain::{Action, Kato};
use store::initiatives as ini;
use store::territories::Territory;

use super::Outcome;

/// The rule that applies to initiatives of `t`, and the territory that set it (`None`: the
/// platform's defaults).
pub async fn rule_for(app: &App, t: &Territory) -> Result<(ThresholdRule, Option<Kato>)> {
    Ok(ini::rule_for(&app.db, t).await?)
}

/// Set a territory's rule. Initiatives already published keep the threshold they were
/// published with.
pub async fn set_initiative_rules(
    app: &App,
    actor: &Actor,
    t: &Territory,
    rule: &ThresholdRule,
) -> Result<Outcome<RuleError>> {
    actor.require(Action::ConfigureThreshold, &t.path)?;
    if let Err(e) = rule.validate() {
        return Ok(Outcome::Refused(e));
    }
    ini::set_rule(&app.db, t.id, rule, app.clock.now()).await?;
    tracing::info!(territory = %t.kato, "initiative rules set");
    Ok(Outcome::Done)
}
