//! Writing an initiative, and editing one a moderator returned.

use super::messages;
use super::{is_author, load_visible};
use crate::extract::{Form, Id};
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::initiatives::{self as ini, DraftInput, Initiative, Outcome, Territory};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::initiatives::{Addressee, Body, Status, Title};
use domain::Kato;
use serde::Deserialize;

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
    errors: &'a FieldErrors,
}

/// The territories an author may address: their village and every territory above it.
async fn own_territories(s: &AppState, c: &Ctx) -> Result<Vec<Territory>, AppError> {
    let v = require_viewer(c)?;
    Ok(ini::own_territories(s, v).await?)
}

async fn draft_page(
    s: &AppState,
    c: &Ctx,
    title: String,
    action: String,
    form: DraftForm,
    r: &Rejected,
) -> Result<Response, AppError> {
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
    Ok(r.respond(render(&DraftPage {
        c,
        title,
        action,
        territories,
        addressees,
        form,
        errors: &r.errors,
    })?))
}

pub async fn new_form(State(s): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    require_viewer(&c)?;
    let title = c.t("initiatives-new-title");
    let form = DraftForm::default();
    draft_page(
        &s,
        &c,
        title,
        "/initiatives".into(),
        form,
        &Rejected::none(),
    )
    .await
}

/// Check a typed draft against the author's own territories; every problem at once.
async fn validate(
    s: &AppState,
    c: &Ctx,
    f: &DraftForm,
) -> Result<Result<DraftInput, FieldErrors>, AppError> {
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
    let title = Title::parse(&f.title);
    if title.is_err() {
        errors.add("title", c.t("initiatives-err-title"));
    }
    let ask = Body::parse(&f.ask);
    if ask.is_err() {
        errors.add("ask", c.t("initiatives-err-ask"));
    }
    let reasons = Body::parse(&f.reasons);
    if reasons.is_err() {
        errors.add("reasons", c.t("initiatives-err-reasons"));
    }
    Ok(match (territory, addressee, title, ask, reasons) {
        (Some(t), Some(a), Ok(title), Ok(ask), Ok(reasons)) => Ok(DraftInput {
            territory_id: t.id,
            addressee: a,
            title,
            ask,
            reasons,
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
            let id = ini::submit_initiative(&s, v, d).await?;
            Ok(
                Redirect::to(&format!("/initiatives/{id}?ok=initiatives-submitted"))
                    .into_response(),
            )
        }
        Err(errors) => {
            let title = c.t("initiatives-new-title");
            let r = Rejected::invalid(errors);
            draft_page(&s, &c, title, "/initiatives".into(), f, &r).await
        }
    }
}

async fn own_returned(s: &AppState, c: &Ctx, id: uuid::Uuid) -> Result<Initiative, AppError> {
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
    Id(id): Id,
) -> Result<Response, AppError> {
    let ini = own_returned(&s, &c, id).await?;
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
    let action = format!("/initiatives/{}/edit", ini.id);
    let title = c.t("initiatives-edit");
    draft_page(&s, &c, title, action, form, &Rejected::none()).await
}

pub async fn resubmit(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<DraftForm>,
) -> Result<Response, AppError> {
    let ini = own_returned(&s, &c, id).await?;
    let v = require_viewer(&c)?;
    let action = format!("/initiatives/{}/edit", ini.id);
    let refused = match validate(&s, &c, &f).await? {
        Ok(d) => match ini::resubmit_initiative(&s, v, ini.id, d).await? {
            Outcome::Done => {
                return Ok(Redirect::to(&format!(
                    "/initiatives/{}?ok=initiatives-resubmitted",
                    ini.id
                ))
                .into_response())
            }
            Outcome::Refused(why) => {
                // Said next to the title: the whole draft is refused, not one field.
                let message = c.t(messages::refused(why));
                Rejected::field("title", message).with_status(StatusCode::CONFLICT)
            }
        },
        Err(errors) => Rejected::invalid(errors),
    };
    draft_page(&s, &c, c.t("initiatives-edit"), action, f, &refused).await
}
