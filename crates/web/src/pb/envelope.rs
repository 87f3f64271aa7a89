//! The envelope split of a cycle: village quotas (none / a reserved share by population /
//! fixed amounts) or, on a city with districts, district sub-envelopes; set by the
//! coordinator before voting. For districts, the redistribution of unneeded shares.

use super::form::{parse_percent_bp, parse_tenge, percent};
use super::{cycle_title, load_cycle, money};
use crate::extract::Id;
use crate::i18n::Arg;
use crate::pages::{render, Ctx, FieldErrors};
use crate::{AppError, AppState};
use app::pb::results::sub_amounts;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use domain::money::Tenge;
use domain::pb::{count, quotas_by_population, ProposalStatus, Quota, Stage};
use domain::{Action, TerritoryKind};
use std::collections::HashMap;
use store::pb::envelope::{self, Split, SplitKind, SplitMode, Sub};
use store::pb::Cycle;
use store::territories::Territory;
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pb/{id}/envelope", get(page).post(save))
        .route(
            "/pb/{id}/redistribution",
            get(redistribution).post(apply_redistribution),
        )
}

/// Which split a cycle's territory takes, and over which territories: the city districts of a
/// city that has them, else the villages (and towns) under the territory.
pub async fn places(s: &AppState, t: &Territory) -> Result<(SplitKind, Vec<Territory>), AppError> {
    if matches!(
        t.kind,
        TerritoryKind::CityRepublican | TerritoryKind::CityOblast
    ) {
        let districts: Vec<Territory> = store::territories::children(&s.db, Some(t.id))
            .await?
            .into_iter()
            .filter(|c| c.kind == TerritoryKind::District)
            .collect();
        if !districts.is_empty() {
            return Ok((SplitKind::Districts, districts));
        }
    }
    let mut villages: Vec<Territory> = store::territories::subtree(&s.db, t)
        .await?
        .into_iter()
        .filter(|v| v.id != t.id && matches!(v.kind, TerritoryKind::Village | TerritoryKind::Town))
        .collect();
    villages.sort_by(|a, b| a.kato.as_str().cmp(b.kato.as_str()));
    Ok((SplitKind::Villages, villages))
}

/// The sub-envelopes of a cycle as (name, amount) lines for the cycle page and the protocol,
/// with the amounts out of `total`.
pub async fn breakdown(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    total: Tenge,
) -> Result<Vec<(String, String)>, AppError> {
    let split = envelope::get(&s.db, cy.id).await?;
    let mut out = Vec::new();
    let amounts = sub_amounts(split.as_ref(), total)?;
    let used: i64 = amounts.iter().map(|a| a.1.tiyn()).sum();
    for (id, amount) in amounts {
        let name = store::territories::by_id(&s.db, id)
            .await?
            .map(|t| t.name(c.lang.code()).to_string())
            .unwrap_or_default();
        out.push((name, money(c, amount)));
    }
    if split.is_some_and(|sp| sp.kind == SplitKind::Villages) && !out.is_empty() {
        out.push((
            c.t("pb-envelope-remainder"),
            money(c, Tenge::from_tiyn((total.tiyn() - used).max(0))),
        ));
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
    errors: FieldErrors,
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
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let (kind, list) = places(s, t).await?;
    let split = envelope::get(&s.db, cy.id).await?;
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
        (None, Some(sp)) => percent(sp.reserved_bp),
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
                share: shares.get(&v.id).map(|bp| percent(*bp)).unwrap_or_default(),
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
    let history = envelope::events(&s.db, cy.id)
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
            detail: e.detail,
        })
        .collect();
    let locked = cy.stage >= Stage::Voting;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = EnvelopePage {
        c,
        id: cy.id,
        cycle_title: cycle_title(c, cy, t),
        districts: kind == SplitKind::Districts,
        total: money(c, total),
        mode,
        reserved,
        rows,
        errors,
        editable: c.may(Action::ManageCycle, &t.path) && !locked,
        locked,
        history,
    };
    Ok((status, render(&page)?).into_response())
}

async fn page(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    render_page(&s, &c, &cy, &t, None, &[], FieldErrors::default()).await
}

/// Check the typed split; on success the split to store (`None`: no split).
fn validate(
    c: &Ctx,
    f: &Typed,
    kind: SplitKind,
    list: &[Territory],
    total: Tenge,
) -> Result<Option<Split>, (FieldErrors, Vec<Uuid>)> {
    let mut errors = FieldErrors::default();
    let mut bad = Vec::new();
    match field(f, "mode") {
        "none" => Ok(None),
        "population" => {
            let reserved = parse_percent_bp(field(f, "reserved")).filter(|bp| *bp > 0);
            let Some(reserved_bp) = reserved else {
                errors.add("reserved", c.t("pb-envelope-err-reserved"));
                return Err((errors, bad));
            };
            let pops: Vec<(String, i64)> = list
                .iter()
                .map(|v| (v.id.to_string(), v.population.unwrap_or(0)))
                .collect();
            let quotas = quotas_by_population(reserved_bp, &pops);
            if quotas.is_empty() {
                errors.add("reserved", c.t("pb-envelope-err-no-population"));
                return Err((errors, bad));
            }
            let subs = list
                .iter()
                .zip(quotas)
                .map(|(v, quota)| Sub {
                    territory_id: v.id,
                    quota,
                })
                .collect();
            Ok(Some(Split {
                kind,
                mode: SplitMode::Population,
                reserved_bp,
                subs,
            }))
        }
        "fixed" => {
            let mut subs = Vec::new();
            let mut sum: i64 = 0;
            for v in list {
                let typed = field(f, &format!("amount_{}", v.id));
                if typed.is_empty() {
                    continue;
                }
                match parse_tenge(typed) {
                    Some(a) if a.tiyn() > 0 => {
                        sum = sum.saturating_add(a.tiyn());
                        subs.push(Sub {
                            territory_id: v.id,
                            quota: Quota::Fixed {
                                village: v.id.to_string(),
                                amount: a,
                            },
                        });
                    }
                    Some(_) => {}
                    None => bad.push(v.id),
                }
            }
            if !bad.is_empty() {
                errors.add("amounts", c.t("pb-envelope-err-amount"));
            } else if subs.is_empty() {
                errors.add("amounts", c.t("pb-envelope-err-no-amounts"));
            } else if sum > total.tiyn() {
                errors.add(
                    "amounts",
                    c.lang.t_args(
                        "pb-envelope-err-over",
                        &[
                            ("sum", Arg::Str(money(c, Tenge::from_tiyn(sum)))),
                            ("total", Arg::Str(money(c, total))),
                        ],
                    ),
                );
            }
            if errors.is_empty() {
                let reserved_bp =
                    u32::try_from(i128::from(sum) * 10_000 / i128::from(total.tiyn().max(1)))
                        .unwrap_or(10_000);
                Ok(Some(Split {
                    kind,
                    mode: SplitMode::Fixed,
                    reserved_bp,
                    subs,
                }))
            } else {
                Err((errors, bad))
            }
        }
        _ => {
            errors.add("mode", c.t("pb-envelope-err-mode"));
            Err((errors, bad))
        }
    }
}

async fn save(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<Typed>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let by = c.require(Action::ManageCycle, &t.path)?.user.id;
    if cy.stage >= Stage::Voting {
        let mut errors = FieldErrors::default();
        errors.add("mode", c.t("pb-envelope-err-locked"));
        return render_page(&s, &c, &cy, &t, Some(&f), &[], errors).await;
    }
    let (kind, list) = places(&s, &t).await?;
    let total = cy.envelope.total(None);
    let split = match validate(&c, &f, kind, &list, total) {
        Ok(split) => split,
        Err((errors, bad)) => return render_page(&s, &c, &cy, &t, Some(&f), &bad, errors).await,
    };
    let (event, detail) = match &split {
        None => ("split-cleared", String::new()),
        Some(sp) if sp.mode == SplitMode::Population => {
            ("split-population", format!("{}%", percent(sp.reserved_bp)))
        }
        Some(sp) => ("split-fixed", format!("{}%", percent(sp.reserved_bp))),
    };
    envelope::set(
        &s.db,
        cy.id,
        split.as_ref(),
        event,
        &detail,
        Some(by),
        s.clock.now(),
    )
    .await?;
    tracing::info!(cycle = %cy.id, event, "pb envelope split saved");
    Ok(Redirect::to(&format!("/pb/{}/envelope?ok=pb-envelope-saved", cy.id)).into_response())
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

/// The before/after table of a district cycle, with the district territories.
async fn plan(
    s: &AppState,
    cy: &Cycle,
    t: &Territory,
) -> Result<Option<(Split, Vec<(Territory, count::Redistribution)>)>, AppError> {
    let Some(split) = envelope::get(&s.db, cy.id).await? else {
        return Ok(None);
    };
    if split.kind != SplitKind::Districts {
        return Ok(None);
    }
    let places: HashMap<Uuid, Territory> = store::territories::subtree(&s.db, t)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let admitted: Vec<_> = store::pb::proposals::of_cycle(&s.db, cy.id)
        .await?
        .into_iter()
        .filter(|p| p.status == ProposalStatus::Admitted)
        .collect();
    let shares = sub_amounts(Some(&split), cy.envelope.total(None))?;
    let mut lines = Vec::new();
    let mut districts = Vec::new();
    for (id, share) in shares {
        let Some(d) = places.get(&id) else { continue };
        let demand: i64 = admitted
            .iter()
            .filter(|p| {
                places
                    .get(&p.village_id)
                    .is_some_and(|v| v.path.contains(&d.kato))
            })
            .map(|p| p.cost.tiyn())
            .sum();
        lines.push((id.to_string(), share, Tenge::from_tiyn(demand)));
        districts.push(d.clone());
    }
    let rows = count::redistribute(&lines);
    Ok(Some((split, districts.into_iter().zip(rows).collect())))
}

async fn redistribution(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let Some((_, table)) = plan(&s, &cy, &t).await? else {
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
        can_apply: c.may(Action::ManageCycle, &t.path) && cy.stage < Stage::Voting && changes,
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
    let by = c.require(Action::ManageCycle, &t.path)?.user.id;
    if cy.stage >= Stage::Voting {
        return Err(AppError::Forbidden);
    }
    let Some((split, table)) = plan(&s, &cy, &t).await? else {
        return Err(AppError::NotFound);
    };
    let detail = table
        .iter()
        .map(|(d, r)| {
            format!(
                "{}: {} → {}",
                d.kato,
                r.share.tiyn() / 100,
                r.after.tiyn() / 100
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let subs = table
        .iter()
        .map(|(d, r)| Sub {
            territory_id: d.id,
            quota: Quota::Fixed {
                village: d.id.to_string(),
                amount: r.after,
            },
        })
        .collect();
    let after = Split {
        kind: split.kind,
        mode: SplitMode::Fixed,
        reserved_bp: split.reserved_bp,
        subs,
    };
    envelope::set(
        &s.db,
        cy.id,
        Some(&after),
        "redistributed",
        &detail,
        Some(by),
        s.clock.now(),
    )
    .await?;
    tracing::info!(cycle = %cy.id, "pb district envelopes redistributed");
    Ok(Redirect::to(&format!(
        "/pb/{}/envelope?ok=pb-envelope-redistributed",
        cy.id
    ))
    .into_response())
}
