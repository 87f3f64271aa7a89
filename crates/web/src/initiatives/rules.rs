//! A territory's threshold, collection period and answer deadline (officials, administrators).

use super::messages;
use crate::extract::{Form, Path};
use crate::i18n::Lang;
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::territories::load;
use crate::{AppError, AppState};
use app::initiatives::{self as ini, Outcome, Territory};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::accounts::DEFAULT_REQUIREMENT;
use domain::initiatives::{RuleError, ThresholdRule};
use domain::{Action, Level};
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RuleForm {
    share: String,
    fixed: String,
    floor: String,
    min_age: String,
    min_level: String,
    months: String,
    days: String,
}

impl RuleForm {
    fn of(r: &ThresholdRule, lang: Lang) -> RuleForm {
        let opt = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        RuleForm {
            // Basis points shown as the reader writes a percent: 150 → "1,5" (kk, ru), "1.5".
            share: r.share_bp.map(|bp| lang.percent(bp)).unwrap_or_default(),
            fixed: opt(r.fixed),
            floor: r.floor.to_string(),
            min_age: r.min_age.to_string(),
            min_level: r.min_level.as_str().to_string(),
            months: r.collection_months.to_string(),
            days: r.consider_days.to_string(),
        }
    }
}

#[derive(Template)]
#[template(path = "initiatives/rules.html")]
struct RulesPage<'a> {
    c: &'a Ctx,
    kato: String,
    name: String,
    source: String,
    required: String,
    form: RuleForm,
    levels: Vec<crate::accounts::LevelOption>,
    errors: &'a FieldErrors,
}

async fn allowed(s: &AppState, c: &Ctx, kato: &str) -> Result<Territory, AppError> {
    require_viewer(c)?;
    let t = load(s, kato).await?;
    c.require(Action::ConfigureThreshold, &t.path)?;
    Ok(t)
}

async fn page(
    s: &AppState,
    c: &Ctx,
    t: &Territory,
    form: Option<RuleForm>,
    r: &Rejected,
) -> Result<Response, AppError> {
    let (rule, source) = ini::rule_for(s, t).await?;
    let source = match source {
        Some(k) if k == t.kato => c.t("initiatives-rules-own"),
        Some(k) => {
            // Named as residents know it; the code only if that territory cannot be read.
            let name = match load(s, k.as_str()).await {
                Ok(from) => from.name(c.lang.code()).to_string(),
                Err(_) => k.to_string(),
            };
            c.t_str("initiatives-rules-inherited", "territory", &name)
        }
        None => c.t("initiatives-rules-default"),
    };
    let required = c.lang.t_args(
        "initiatives-rules-required",
        &[(
            "count",
            crate::i18n::Arg::Num(i64::from(rule.required(t.population))),
        )],
    );
    let form = form.unwrap_or_else(|| RuleForm::of(&rule, c.lang));
    let levels = crate::accounts::requirement_options(c, &form.min_level, s.config.egov_sign_in);
    Ok(r.respond(render(&RulesPage {
        c,
        kato: t.kato.to_string(),
        name: t.name(c.lang.code()).to_string(),
        source,
        required,
        levels,
        form,
        errors: &r.errors,
    })?))
}

pub async fn form(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
) -> Result<Response, AppError> {
    let t = allowed(&s, &c, &kato).await?;
    page(&s, &c, &t, None, &Rejected::none()).await
}

fn number(s: &str) -> Option<Option<u32>> {
    let s = s.trim();
    if s.is_empty() {
        return Some(None);
    }
    s.parse::<u32>().ok().map(Some)
}

/// "2", "1.5", "0,75" (percent) → basis points.
fn percent_bp(s: &str) -> Option<Option<u32>> {
    let s = s.trim().replace(',', ".");
    if s.is_empty() {
        return Some(None);
    }
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let w: u32 = whole.parse().ok()?;
    let f: u32 = format!("{frac:0<2}").parse().ok()?;
    Some(Some(w.checked_mul(100)?.checked_add(f)?))
}

fn parse(c: &Ctx, f: &RuleForm, egov_sign_in: bool) -> Result<ThresholdRule, FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut need = |field: &'static str, v: Option<Option<u32>>, required: bool| -> Option<u32> {
        match v {
            Some(Some(n)) => Some(n),
            Some(None) if !required => None,
            _ => {
                errors.add(field, c.t("initiatives-err-number"));
                None
            }
        }
    };
    let share_bp = need("share", percent_bp(&f.share), false);
    let fixed = need("fixed", number(&f.fixed), false);
    let floor = need("floor", number(&f.floor), true);
    let min_age = need("min_age", number(&f.min_age), true);
    let months = need("months", number(&f.months), true);
    let days = need("days", number(&f.days), true);
    let min_level = Level::requirement(&f.min_level, egov_sign_in)
        .map_err(|_| errors.add("min_level", c.t("initiatives-err-level")))
        .ok();
    let rule = ThresholdRule {
        share_bp,
        fixed,
        floor: floor.unwrap_or(0),
        min_age: min_age.unwrap_or(0),
        min_level: min_level.unwrap_or(DEFAULT_REQUIREMENT),
        collection_months: months.unwrap_or(0),
        consider_days: days.unwrap_or(0),
    };
    if errors.is_empty() {
        Ok(rule)
    } else {
        Err(errors)
    }
}

pub async fn save(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
    Form(f): Form<RuleForm>,
) -> Result<Response, AppError> {
    let t = allowed(&s, &c, &kato).await?;
    let v = require_viewer(&c)?;
    let errors = match parse(&c, &f, s.config.egov_sign_in) {
        Ok(rule) => match ini::set_initiative_rules(&s, v, &t, &rule).await? {
            Outcome::Done => {
                return Ok(Redirect::to(&format!(
                    "/territories/{}/initiative-rules?ok=initiatives-rules-saved",
                    t.kato
                ))
                .into_response())
            }
            Outcome::Refused(e) => {
                let field = match e {
                    RuleError::NoBasis | RuleError::ShareTooLarge => "share",
                    RuleError::Period => "months",
                    RuleError::ConsiderDays => "days",
                };
                let mut errors = FieldErrors::default();
                errors.add(field, c.t(messages::rule(e)));
                errors
            }
        },
        Err(errors) => errors,
    };
    page(&s, &c, &t, Some(f), &Rejected::invalid(errors)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_become_basis_points() {
        assert_eq!(percent_bp("2"), Some(Some(200)));
        assert_eq!(percent_bp("1,5"), Some(Some(150)));
        assert_eq!(percent_bp("0.75"), Some(Some(75)));
        assert_eq!(percent_bp(""), Some(None));
        assert_eq!(percent_bp("1.234"), None);
        assert_eq!(percent_bp("abc"), None);
        let rule = ThresholdRule {
            share_bp: Some(150),
            ..ThresholdRule::default()
        };
        assert_eq!(RuleForm::of(&rule, Lang::En).share, "1.5");
        assert_eq!(RuleForm::of(&rule, Lang::Ru).share, "1,5");
        assert_eq!(RuleForm::of(&ThresholdRule::default(), Lang::Kk).share, "2");
    }
}
