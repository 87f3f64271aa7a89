//! Public pages of the territory tree, and correcting a territory's population.

use crate::extract::{Form, Path};
use crate::pages::{render, Ctx, Rejected};
use crate::{AppError, AppState};
use app::territories::{self, Territory};
use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use domain::Action;
use serde::Deserialize;

mod api;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(api::routes())
        .route("/territories", get(tree))
        .route("/territories/{kato}", get(show))
        .route("/territories/{kato}/population", post(set_population))
}

/// The whole tree is shown when it is small (one district, as in the demo); a full KATO
/// import shows the oblasts and cities only.
const TREE_LIMIT: i64 = 400;

pub struct TreeRow {
    kato: String,
    name: String,
    kind: String,
    depth: usize,
}

#[derive(Template)]
#[template(path = "territories/tree.html")]
struct TreePage<'a> {
    c: &'a Ctx,
    rows: Vec<TreeRow>,
    truncated: bool,
}

fn kind_label(c: &Ctx, t: &Territory) -> String {
    c.t(&format!("kind-{}", t.kind.as_str()))
}

async fn tree(State(s): State<AppState>, c: Ctx) -> Result<Html<String>, AppError> {
    let (list, truncated) = territories::tree(&s.app, TREE_LIMIT).await?;
    let rows = list
        .iter()
        .map(|t| TreeRow {
            kato: t.kato.to_string(),
            name: t.name(c.lang.code()).to_string(),
            kind: kind_label(&c, t),
            depth: t.path.len(),
        })
        .collect();
    render(&TreePage {
        c: &c,
        rows,
        truncated,
    })
}

#[derive(Template)]
#[template(path = "territories/show.html")]
struct ShowPage<'a> {
    c: &'a Ctx,
    kato: String,
    name: String,
    kind: String,
    population: String,
    illustrative: bool,
    crumbs: Vec<(String, String)>,
    children: Vec<(String, String, String)>,
    children_count: String,
    can_edit: bool,
    can_view_roles: bool,
    can_start_pb: bool,
    population_input: String,
    population_error: Option<String>,
    /// Initiatives whose answer is overdue, here and below: (id, title, due date).
    overdue: Vec<(String, String, String)>,
}

pub async fn load(s: &AppState, kato: &str) -> Result<Territory, AppError> {
    Ok(territories::by_code(&s.app, kato).await?)
}

async fn show_page(
    s: &AppState,
    c: &Ctx,
    t: &Territory,
    population_input: Option<String>,
    r: &Rejected,
) -> Result<Response, AppError> {
    let lang = c.lang.code();
    let crumbs = territories::ancestors(&s.app, t)
        .await?
        .iter()
        .map(|a| (a.kato.to_string(), a.name(lang).to_string()))
        .collect();
    let kids = territories::children(&s.app, Some(t.id)).await?;
    let children = kids
        .iter()
        .map(|k| {
            (
                k.kato.to_string(),
                k.name(lang).to_string(),
                kind_label(c, k),
            )
        })
        .collect();
    let population = t
        .population
        .map(|p| c.number(p))
        .unwrap_or_else(|| c.t("territory-population-unknown"));
    let page = ShowPage {
        c,
        kato: t.kato.to_string(),
        name: t.name(lang).to_string(),
        kind: kind_label(c, t),
        population,
        illustrative: t.population_illustrative && t.population.is_some(),
        crumbs,
        children_count: c.t_num("territory-children-count", "count", kids.len() as i64),
        children,
        can_edit: c.may(Action::EditTerritory, &t.path),
        can_view_roles: c.may(Action::ViewRoleGrants, &t.path),
        can_start_pb: c.may(Action::ManageCycle, &t.path),
        population_input: population_input
            .unwrap_or_else(|| t.population.map(|p| p.to_string()).unwrap_or_default()),
        population_error: r.errors.get("population").map(str::to_string),
        overdue: crate::initiatives::overdue_in(s, c, t).await?,
    };
    Ok(r.respond(render(&page)?))
}

async fn show(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
) -> Result<Response, AppError> {
    let t = load(&s, &kato).await?;
    show_page(&s, &c, &t, None, &Rejected::none()).await
}

#[derive(Deserialize)]
#[serde(default)]
#[derive(Default)]
struct PopulationForm {
    population: String,
}

async fn set_population(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
    Form(f): Form<PopulationForm>,
) -> Result<Response, AppError> {
    let t = load(&s, &kato).await?;
    let v = c.require(Action::EditTerritory, &t.path)?;
    match domain::territories::Population::parse(&f.population) {
        Ok(n) => {
            territories::set_population(&s.app, v, &t, n).await?;
            Ok(Redirect::to(&format!(
                "/territories/{}?ok=territory-population-saved",
                t.kato
            ))
            .into_response())
        }
        Err(_) => {
            let r = Rejected::field("population", c.t("err-population-invalid"));
            show_page(&s, &c, &t, Some(f.population), &r).await
        }
    }
}
