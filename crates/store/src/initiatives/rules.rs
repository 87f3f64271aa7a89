//! Thresholds per territory: the nearest rule at or above a territory applies, else the
//! defaults of [`ThresholdRule`].

use crate::db::{execute, on_pool};
use crate::territories::Territory;
use crate::{Db, Result};
use chrono::{DateTime, Utc};
use domain::initiatives::ThresholdRule;
use domain::Kato;
use uuid::Uuid;

struct Row {
    share_bp: Option<i64>,
    fixed: Option<i64>,
    floor: i64,
    min_age: i64,
    min_level: String,
    collection_months: i64,
    consider_days: i64,
    kato: String,
    path: String,
}
crate::db::from_row!(Row {
    share_bp,
    fixed,
    floor,
    min_age,
    min_level,
    collection_months,
    consider_days,
    kato,
    path
});

fn u32_of(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

const RULES_ABOVE: &str = "SELECT r.share_bp, r.fixed, r.floor, r.min_age, r.min_level, \
    r.collection_months, r.consider_days, t.kato, t.path FROM initiative_rules r \
    JOIN territories t ON t.id = r.territory_id WHERE $1 LIKE t.path || '%'";
const SET_RULE: &str = "INSERT INTO initiative_rules (territory_id, share_bp, fixed, floor, \
    min_age, min_level, collection_months, consider_days, updated_at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (territory_id) DO UPDATE SET \
    share_bp = excluded.share_bp, fixed = excluded.fixed, floor = excluded.floor, \
    min_age = excluded.min_age, min_level = excluded.min_level, \
    collection_months = excluded.collection_months, consider_days = excluded.consider_days, \
    updated_at = excluded.updated_at";

/// The rule that applies to initiatives of `t`, and the territory that set it (`None`: the
/// platform's defaults).
pub async fn rule_for(db: &Db, t: &Territory) -> Result<(ThresholdRule, Option<Kato>)> {
    let path = t.path_prefix();
    let rows: Vec<Row> = on_pool!(db, |p| sqlx::query_as(RULES_ABOVE)
        .bind(&path)
        .fetch_all(p)
        .await)?;
    // The deepest territory's rule wins: an okrug may be stricter than its district.
    let Some(r) = rows.into_iter().max_by_key(|r| r.path.len()) else {
        return Ok((ThresholdRule::default(), None));
    };
    let rule = ThresholdRule {
        share_bp: r.share_bp.map(u32_of),
        fixed: r.fixed.map(u32_of),
        floor: u32_of(r.floor),
        min_age: u32_of(r.min_age),
        // An unknown code asks for the default, the stricter side.
        min_level: domain::Level::parse(&r.min_level)
            .unwrap_or(domain::accounts::DEFAULT_REQUIREMENT),
        collection_months: u32_of(r.collection_months),
        consider_days: u32_of(r.consider_days),
    };
    Ok((rule, Kato::parse(&r.kato).ok()))
}

/// Set a territory's rule (validated by the caller). Initiatives already published keep the
/// threshold they were published with.
pub async fn set_rule(
    db: &Db,
    territory: Uuid,
    r: &ThresholdRule,
    now: DateTime<Utc>,
) -> Result<()> {
    execute!(
        db,
        sqlx::query(SET_RULE)
            .bind(territory)
            .bind(r.share_bp.map(i64::from))
            .bind(r.fixed.map(i64::from))
            .bind(i64::from(r.floor))
            .bind(i64::from(r.min_age))
            .bind(r.min_level.as_str())
            .bind(i64::from(r.collection_months))
            .bind(i64::from(r.consider_days))
            .bind(now)
    )?;
    Ok(())
}
