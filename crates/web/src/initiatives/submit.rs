//! Writing an initiative, and editing one a moderator returned.

use super::{is_author, load_visible};
use crate::pages::{render, require_viewer, Ctx, FieldErrors};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use domain::initiatives::{Addressee, Status, TEXT_MAX, TITLE_MAX};
use domain::{Action, Kato};
use serde::Deserialize;
use store::initiatives::{self as ini_store, Draft};
use store::territories::{self, Territory};

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct DraftForm {
    territory: String,
    addressee: String,
    title: String,
    ask: String,
    reasons: String,
}

#[derive(Template)]
#[template(path = "initiatives/new.html")]
struct DraftPage<'a> {
    c: &'a Ctx,
    title: String,
    action: String,
    /// (KATO, name, selected)
    territories: Vec<(String, String, bool)>,
    addressees: Vec<(&'static str, String, bool)>,
    form: DraftForm,
    errors: FieldErrors,
}

/// The territories an author may address: their village and every territory above it.
async fn own_territories(s: &AppState, c: &Ctx) -> Result<Vec<Territory>, AppError> {
    let v = require_viewer(c)?;
    let home = territories::by_id(&s.db, v.user.residence_id)
        .await?
        .ok_or_else(|| AppError::Internal("residence missing".into()))?;
    c.require(Action::SubmitInitiative, &home.path)?;
    let mut list = territories::ancestors(&s.db, &home).await?;
    list.push(home);
    list.reverse();
    Ok(list)
}

async fn draft_page(
    s: &AppState,
    c: &Ctx,
    title: String,
    action: String,
    form: DraftForm,
    errors: FieldErrors,
) -> Result<String, AppError> {
    let lang = c.lang.code();
    let territories = own_territories(s, c)
        .await?
        .iter()
        .map(|t| {
            let k = t.kato.to_string();
            let selected = k == form.territory;
            (k, t.name(lang).to_string(), selected)
        })
        .collect();
    let addressees = Addressee::ALL
        .iter()
        .map(|a| {
            (
                a.as_str(),
                c.t(&format!("initiatives-addressee-{}", a.as_str())),
                a.as_str() == form.addressee,
            )
        })
        .collect();
    Ok(render(&DraftPage {
        c,
        title,
        action,
        territories,
        addressees,
        form,
        errors,
    })?
    .0)
}

pub async fn new_form(State(s): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    require_viewer(&c)?;
    let html = draft_page(
        &s,
        &c,
        c.t("initiatives-new-title"),
        "/initiatives".into(),
        DraftForm::default(),
        FieldErrors::default(),
    )
    .await?;
    Ok(axum::response::Html(html).into_response())
}

fn between(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.chars().count())
}

/// Check a typed draft against the author's own territories; every problem at once.
async fn validate(
    s: &AppState,
    c: &Ctx,
    f: &DraftForm,
) -> Result<Result<Draft, FieldErrors>, AppError> {
    let mut errors = FieldErrors::default();
    let own = own_territories(s, c).await?;
    let territory = Kato::parse(&f.territory)
        .ok()
        .and_then(|k| own.iter().find(|t| t.kato == k));
    if territory.is_none() {
        errors.add("territory", c.t("initiatives-err-territory"));
    }
    let addressee = Addressee::parse(&f.addressee);
    if addressee.is_none() {
        errors.add("addressee", c.t("initiatives-err-addressee"));
    }
    if !between(f.title.trim(), 5, TITLE_MAX) {
        errors.add("title", c.t("initiatives-err-title"));
    }
    if !between(f.ask.trim(), 20, TEXT_MAX) {
        errors.add("ask", c.t("initiatives-err-ask"));
    }
    if !between(f.reasons.trim(), 20, TEXT_MAX) {
        errors.add("reasons", c.t("initiatives-err-reasons"));
    }
    Ok(match (territory, addressee) {
        (Some(t), Some(a)) if errors.is_empty() => Ok(Draft {
            territory_id: t.id,
            addressee: a,
            title: f.title.trim().to_string(),
            ask: f.ask.trim().to_string(),
            reasons: f.reasons.trim().to_string(),
        }),
        _ => Err(errors),
    })
}

pub async fn create(
    State(s): State<AppState>,
    c: Ctx,
    Form(f): Form<DraftForm>,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    match validate(&s, &c, &f).await? {
        Ok(d) => {
            let id = ini_store::create(&s.db, v.user.id, &d, s.clock.now()).await?;
            Ok(
                Redirect::to(&format!("/initiatives/{id}?ok=initiatives-submitted"))
                    .into_response(),
            )
        }
        Err(errors) => {
            let html = draft_page(
                &s,
                &c,
                c.t("initiatives-new-title"),
                "/initiatives".into(),
                f,
                errors,
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, axum::response::Html(html)).into_response())
        }
    }
}

async fn own_returned(
    s: &AppState,
    c: &Ctx,
    id: &str,
) -> Result<store::initiatives::Initiative, AppError> {
    require_viewer(c)?;
    let ini = load_visible(s, c, id).await?;
    if !is_author(c, &ini) {
        return Err(AppError::Forbidden);
    }
    Ok(ini)
}

pub async fn edit_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let ini = own_returned(&s, &c, &id).await?;
    if ini.status != Status::Returned {
        return Ok(Redirect::to(&format!("/initiatives/{}", ini.id)).into_response());
    }
    let form = DraftForm {
        territory: ini.territory_kato.to_string(),
        addressee: ini.addressee.as_str().into(),
        title: ini.title.clone(),
        ask: ini.ask.clone(),
        reasons: ini.reasons.clone(),
    };
    let html = draft_page(
        &s,
        &c,
        c.t("initiatives-edit"),
        format!("/initiatives/{}/edit", ini.id),
        form,
        FieldErrors::default(),
    )
    .await?;
    Ok(axum::response::Html(html).into_response())
}

pub async fn resubmit(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    Form(f): Form<DraftForm>,
) -> Result<Response, AppError> {
    let ini = own_returned(&s, &c, &id).await?;
    let action = format!("/initiatives/{}/edit", ini.id);
    match validate(&s, &c, &f).await? {
        Ok(d) => match ini_store::resubmit(&s.db, ini.id, &d, s.clock.now()).await? {
            Ok(()) => Ok(Redirect::to(&format!(
                "/initiatives/{}?ok=initiatives-resubmitted",
                ini.id
            ))
            .into_response()),
            Err(why) => {
                let mut errors = FieldErrors::default();
                errors.add("title", c.t(why.message_id()));
                let html = draft_page(&s, &c, c.t("initiatives-edit"), action, f, errors).await?;
                Ok((StatusCode::CONFLICT, axum::response::Html(html)).into_response())
            }
        },
        Err(errors) => {
            let html = draft_page(&s, &c, c.t("initiatives-edit"), action, f, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, axum::response::Html(html)).into_response())
        }
    }
}
