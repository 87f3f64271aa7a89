//! The envelope split of a cycle: village quotas (none / a reserved share by population /
//! fixed amounts) or, on a city with districts, district sub-envelopes; set by the
//! coordinator before voting. For districts, the redistribution of unneeded shares.

use super::{cycle_title, load_cycle, money};
use crate::extract::{Form, Id};
use crate::i18n::{Arg, Lang};
use crate::pages::{render, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::pb::ballots::{Cycle, Territory};
use app::pb::envelope::{self as envelope_app, SplitOutcome, SplitRequest};
use app::pb::results::sub_amounts;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use domain::money::Tenge;
use domain::pb::setup::parse_percent_bp;
use domain::pb::{split_editable, Quota, SplitError, SplitKind};
use domain::Action;
use std::collections::HashMap;
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pb/{id}/envelope", get(page).post(save))
        .route(
            "/pb/{id}/redistribution",
            get(redistribution).post(apply_redistribution),
        )
}

/// The sub-envelopes of a cycle as (name, amount) lines for the cycle page and the protocol,
/// with the amounts out of `total`.
pub async fn breakdown(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    total: Tenge,
) -> Result<Vec<(String, String)>, AppError> {
    let b = envelope_app::breakdown(&s.app, cy, total).await?;
    let mut out: Vec<(String, String)> = b
        .subs
        .iter()
        .map(|(t, amount)| {
            let name = t
                .as_ref()
                .map(|t| t.name(c.lang.code()).to_string())
                .unwrap_or_default();
            (name, money(c, *amount))
        })
        .collect();
    if let Some(rest) = b.remainder {
        out.push((c.t("pb-envelope-remainder"), money(c, rest)));
    }
    Ok(out)
}

pub struct PlaceRow {
    id: Uuid,
    name: String,
    population: String,
    share: String,
    amount: String,
    /// What was typed in the fixed-amount field.
    typed: String,
    bad: bool,
}

pub struct EventRow {
    date: String,
    what: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "pb/envelope.html")]
struct EnvelopePage<'a> {
    c: &'a Ctx,
    id: Uuid,
    cycle_title: String,
    districts: bool,
    total: String,
    mode: String,
    reserved: String,
    rows: Vec<PlaceRow>,
    errors: &'a FieldErrors,
    editable: bool,
    locked: bool,
    history: Vec<EventRow>,
}

/// What the coordinator typed: `mode`, `reserved` and `amount_<territory id>` fields.
type Typed = HashMap<String, String>;

fn field<'a>(f: &'a Typed, name: &str) -> &'a str {
    f.get(name).map(String::as_str).unwrap_or("").trim()
}

async fn render_page(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
    typed: Option<&Typed>,
    bad: &[Uuid],
    r: &Rejected,
) -> Result<Response, AppError> {
    let (kind, list) = envelope_app::places(&s.app, t).await?;
    let split = envelope_app::split(&s.app, cy.id).await?;
    let total = cy.envelope.total(None);
    let amounts: HashMap<Uuid, Tenge> = sub_amounts(split.as_ref(), total)?.into_iter().collect();
    let shares: HashMap<Uuid, u32> = split
        .as_ref()
        .map(|sp| {
            sp.subs
                .iter()
                .filter_map(|sub| match sub.quota {
                    Quota::Share { share_bp, .. } => Some((sub.territory_id, share_bp)),
                    Quota::Fixed { .. } => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let mode = match (typed, &split) {
        (Some(f), _) => field(f, "mode").to_string(),
        (None, Some(sp)) => sp.mode.as_str().to_string(),
        (None, None) => "none".to_string(),
    };
    let reserved = match (typed, &split) {
        (Some(f), _) => field(f, "reserved").to_string(),
        (None, Some(sp)) => c.lang.percent(sp.reserved_bp),
        (None, None) => if kind == SplitKind::Districts {
            "100"
        } else {
            "30"
        }
        .to_string(),
    };
    let rows = list
        .iter()
        .map(|v| {
            let amount = amounts.get(&v.id).copied();
            let name_field = format!("amount_{}", v.id);
            PlaceRow {
                id: v.id,
                name: v.name(c.lang.code()).to_string(),
                population: v.population.map(|p| c.number(p)).unwrap_or_default(),
                share: shares
                    .get(&v.id)
                    .map(|bp| c.lang.percent(*bp))
                    .unwrap_or_default(),
                amount: amount.map(|a| money(c, a)).unwrap_or_default(),
                typed: match typed {
                    Some(f) => field(f, &name_field).to_string(),
                    None => amount
                        .map(|a| (a.tiyn() / 100).to_string())
                        .unwrap_or_default(),
                },
                bad: bad.contains(&v.id),
            }
        })
        .collect();
    let history = envelope_app::events(&s.app, cy.id)
        .await?
        .into_iter()
        .map(|e| EventRow {
            date: c.lang.date_of(e.at),
            what: c.t(match e.event.as_str() {
                "redistributed" => "pb-envelope-event-redistributed",
                "split-cleared" => "pb-envelope-event-cleared",
                "split-population" => "pb-envelope-event-population",
                "split-fixed" => "pb-envelope-event-fixed",
                _ => "pb-envelope-event-set",
            }),
            // Stored as "30.5%": written here as the reader's language writes a percentage.
            detail: match c.lang {
                Lang::En => e.detail,
                Lang::Kk | Lang::Ru => e.detail.replace('.', ","),
            },
        })
        .collect();
    let locked = !split_editable(cy.stage);
    let page = EnvelopePage {
        c,
        id: cy.id,
        cycle_title: cycle_title(c, cy, t),
        districts: kind == SplitKind::Districts,
        total: money(c, total),
        mode,
        reserved,
        rows,
        errors: &r.errors,
        editable: c.may(Action::ManageCycle, &t.path) && !locked,
        locked,
        history,
    };
    Ok(r.respond(render(&page)?))
}

async fn page(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    render_page(&s, &c, &cy, &t, None, &[], &Rejected::none()).await
}

/// The refusal of a typed split as field errors, with the territories whose amounts are bad.
fn refusal(c: &Ctx, e: &SplitError<Uuid>) -> (FieldErrors, Vec<Uuid>) {
    let mut errors = FieldErrors::default();
    let mut bad = Vec::new();
    match e {
        SplitError::Locked => errors.add("mode", c.t("pb-envelope-err-locked")),
        SplitError::Mode => errors.add("mode", c.t("pb-envelope-err-mode")),
        SplitError::Reserved => errors.add("reserved", c.t("pb-envelope-err-reserved")),
        SplitError::NoPopulation => errors.add("reserved", c.t("pb-envelope-err-no-population")),
        SplitError::BadAmounts(ids) => {
            bad.extend(ids.iter().copied());
            errors.add("amounts", c.t("pb-envelope-err-amount"));
        }
        SplitError::NoAmounts => errors.add("amounts", c.t("pb-envelope-err-no-amounts")),
        SplitError::Over { sum, total } => errors.add(
            "amounts",
            c.lang.t_args(
                "pb-envelope-err-over",
                &[
                    ("sum", Arg::Str(money(c, *sum))),
                    ("total", Arg::Str(money(c, *total))),
                ],
            ),
        ),
    }
    (errors, bad)
}

async fn save(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<Typed>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let actor = c.require(Action::ManageCycle, &t.path)?;
    let amounts: HashMap<Uuid, String> = f
        .iter()
        .filter_map(|(k, v)| {
            let id = Uuid::parse_str(k.strip_prefix("amount_")?).ok()?;
            Some((id, v.clone()))
        })
        .collect();
    let request = SplitRequest {
        mode: field(&f, "mode"),
        reserved_bp: parse_percent_bp(field(&f, "reserved")),
        amounts: &amounts,
    };
    match envelope_app::set_envelope_split(&s.app, actor, cy.id, &request).await? {
        SplitOutcome::Saved => Ok(Redirect::to(&format!(
            "/pb/{}/envelope?ok=pb-envelope-saved",
            cy.id
        ))
        .into_response()),
        SplitOutcome::Refused(e) => {
            let (errors, bad) = refusal(&c, &e);
            render_page(&s, &c, &cy, &t, Some(&f), &bad, &Rejected::invalid(errors)).await
        }
    }
}

// ---- redistribution between city districts ----

pub struct RedistRow {
    name: String,
    share: String,
    demand: String,
    surplus: String,
    unmet: String,
    after: String,
}

#[derive(Template)]
#[template(path = "pb/redistribution.html")]
struct RedistPage<'a> {
    c: &'a Ctx,
    id: Uuid,
    cycle_title: String,
    rows: Vec<RedistRow>,
    can_apply: bool,
    changes: bool,
}

async fn redistribution(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let Some((_, table)) = envelope_app::plan(&s.app, &cy, &t).await? else {
        return Err(AppError::NotFound);
    };
    let changes = table.iter().any(|(_, r)| r.after != r.share);
    let rows = table
        .iter()
        .map(|(d, r)| RedistRow {
            name: d.name(c.lang.code()).to_string(),
            share: money(&c, r.share),
            demand: money(&c, r.demand),
            surplus: money(&c, r.surplus),
            unmet: money(&c, r.unmet),
            after: money(&c, r.after),
        })
        .collect();
    let page = RedistPage {
        can_apply: c.may(Action::ManageCycle, &t.path) && split_editable(cy.stage) && changes,
        changes,
        c: &c,
        id: cy.id,
        cycle_title: cycle_title(&c, &cy, &t),
        rows,
    };
    Ok(render(&page)?.into_response())
}

async fn apply_redistribution(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let actor = c.require(Action::ManageCycle, &t.path)?;
    envelope_app::redistribute(&s.app, actor, cy.id).await?;
    Ok(Redirect::to(&format!(
        "/pb/{}/envelope?ok=pb-envelope-redistributed",
        cy.id
    ))
    .into_response())
}
