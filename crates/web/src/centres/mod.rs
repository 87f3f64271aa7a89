//! Participation centres: the public list of a territory's centres and one centre's page;
//! administrators describe centres and name their registrars; the registrar's desk
//! ([`desk`]); the open-data list ([`api`]).

use crate::extract::{Form, Id, Path};
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::territories::load;
use crate::{AppError, AppState};
use app::centres::{self, Centre, CentreDraft, CentreInput, RegistrarAdded};
use app::territories::Territory;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use domain::{Action, Contact, Kato};
use serde::Deserialize;
use uuid::Uuid;

mod api;
mod desk;
mod slip;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(api::routes())
        .merge(desk::routes())
        .merge(slip::routes())
        .route("/territories/{kato}/centres", get(list))
        .route(
            "/territories/{kato}/centres/new",
            get(new_form).post(create),
        )
        .route("/centres/{id}", get(show))
        .route("/centres/{id}/edit", get(edit_form).post(edit))
        .route("/centres/{id}/registrars", post(add_registrar))
        .route("/centres/{id}/registrars/remove", post(remove_registrar))
}

/// What a person needs to go to a centre: for lists, the nearest-centre box and the API.
pub struct CentreCard {
    pub id: String,
    pub name: String,
    pub address: String,
    pub hours: String,
    pub phone: Option<String>,
    /// The territory the centre belongs to, in the reader's language.
    pub place: String,
}

async fn card(s: &AppState, c: &Ctx, centre: &Centre) -> Result<CentreCard, AppError> {
    let lang = c.lang.code();
    let place = centres::territory_of(&s.app, centre)
        .await?
        .name(lang)
        .to_string();
    Ok(CentreCard {
        id: centre.id.to_string(),
        name: centre.name(lang).to_string(),
        address: centre.address(lang).to_string(),
        hours: centre.hours.clone(),
        phone: centre.phone.clone(),
        place,
    })
}

async fn cards(s: &AppState, c: &Ctx, list: &[Centre]) -> Result<Vec<CentreCard>, AppError> {
    let mut out = Vec::with_capacity(list.len());
    for centre in list {
        out.push(card(s, c, centre).await?);
    }
    Ok(out)
}

/// The centres where a person living at the end of `path` can get verified (the deepest
/// territory on the path that has any), for `templates/centres/nearest.html`, which expects
/// them as `nearest`.
pub async fn nearest(s: &AppState, c: &Ctx, path: &[Kato]) -> Result<Vec<CentreCard>, AppError> {
    let list = centres::nearest(&s.app, path).await?;
    cards(s, c, &list).await
}

/// The message id of a code from a closed set (`id_card` → `centres-document-id-card`).
pub(crate) fn message_id(prefix: &str, code: &str) -> String {
    format!("{prefix}-{}", code.replace('_', "-"))
}

/// Every id [`message_id`] builds, for the locale completeness test.
#[cfg(test)]
pub(crate) fn built_message_ids() -> Vec<String> {
    use app::centres::CentreField;
    use domain::accounts::{DocumentKind, LevelEvent, ResidenceProof};
    let fields = [
        CentreField::NameKk,
        CentreField::NameRu,
        CentreField::AddressKk,
        CentreField::AddressRu,
        CentreField::Hours,
        CentreField::Phone,
    ];
    let codes = fields
        .iter()
        .map(|f| ("centres-err", f.as_str()))
        .chain(
            LevelEvent::ALL
                .iter()
                .map(|e| ("centres-event", e.as_str())),
        )
        .chain(
            DocumentKind::ALL
                .iter()
                .map(|k| ("centres-document", k.as_str())),
        )
        .chain(
            ResidenceProof::ALL
                .iter()
                .map(|p| ("centres-proof", p.as_str())),
        );
    codes
        .map(|(prefix, code)| message_id(prefix, code))
        .collect()
}

// ---- the public list and page ----

#[derive(Template)]
#[template(path = "centres/list.html")]
struct ListPage<'a> {
    c: &'a Ctx,
    title: String,
    kato: String,
    territory_name: String,
    centres: Vec<CentreCard>,
    can_create: bool,
}

async fn list(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
) -> Result<Response, AppError> {
    let t = load(&s, &kato).await?;
    let name = t.name(c.lang.code()).to_string();
    let list = centres::serving(&s.app, &t).await?;
    let page = ListPage {
        c: &c,
        title: c.t_str("centres-list-title", "territory", &name),
        kato: t.kato.to_string(),
        territory_name: name,
        centres: cards(&s, &c, &list).await?,
        can_create: c.may(Action::ManageCentres, &t.path),
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "centres/show.html")]
struct ShowPage<'a> {
    c: &'a Ctx,
    centre: CentreCard,
    kato: String,
    registrars: Vec<(String, String)>,
    can_manage: bool,
    works_here: bool,
    contact: String,
    errors: &'a FieldErrors,
}

async fn show_page(
    s: &AppState,
    c: &Ctx,
    centre: &Centre,
    contact: String,
    r: &Rejected,
) -> Result<Response, AppError> {
    let t = centres::territory_of(&s.app, centre).await?;
    let registrars = centres::registrars(&s.app, centre).await?;
    let works_here = c
        .viewer
        .as_ref()
        .is_some_and(|v| registrars.iter().any(|(id, _)| *id == v.user.id));
    let page = ShowPage {
        c,
        centre: card(s, c, centre).await?,
        kato: t.kato.to_string(),
        registrars: registrars
            .into_iter()
            .map(|(id, name)| (id.to_string(), name))
            .collect(),
        can_manage: c.may(Action::ManageCentres, &t.path),
        works_here: works_here && c.may(Action::VerifyInPerson, &t.path),
        contact,
        errors: &r.errors,
    };
    Ok(r.respond(render(&page)?))
}

async fn show(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let centre = centres::by_id(&s.app, id).await?;
    show_page(&s, &c, &centre, String::new(), &Rejected::none()).await
}

// ---- administrators: describing a centre ----

#[derive(Deserialize, Default)]
#[serde(default)]
struct CentreForm {
    name_kk: String,
    name_ru: String,
    address_kk: String,
    address_ru: String,
    hours: String,
    phone: String,
}

impl CentreForm {
    fn of(centre: &Centre) -> CentreForm {
        CentreForm {
            name_kk: centre.name_kk.clone(),
            name_ru: centre.name_ru.clone(),
            address_kk: centre.address_kk.clone(),
            address_ru: centre.address_ru.clone(),
            hours: centre.hours.clone(),
            phone: centre.phone.clone().unwrap_or_default(),
        }
    }

    fn parse(&self, c: &Ctx) -> Result<CentreDraft, FieldErrors> {
        CentreDraft::parse(&CentreInput {
            name_kk: &self.name_kk,
            name_ru: &self.name_ru,
            address_kk: &self.address_kk,
            address_ru: &self.address_ru,
            hours: &self.hours,
            phone: &self.phone,
        })
        .map_err(|wrong| {
            let mut errors = FieldErrors::default();
            for f in wrong {
                errors.add(f.as_str(), c.t(&message_id("centres-err", f.as_str())));
            }
            errors
        })
    }
}

#[derive(Template)]
#[template(path = "centres/form.html")]
struct FormPage<'a> {
    c: &'a Ctx,
    title: String,
    action: String,
    back: String,
    form: CentreForm,
    errors: &'a FieldErrors,
}

fn form_page(
    c: &Ctx,
    title: String,
    action: String,
    back: String,
    form: CentreForm,
    r: &Rejected,
) -> Result<Response, AppError> {
    let page = FormPage {
        c,
        title,
        action,
        back,
        form,
        errors: &r.errors,
    };
    Ok(r.respond(render(&page)?))
}

fn new_page(c: &Ctx, t: &Territory, form: CentreForm, r: &Rejected) -> Result<Response, AppError> {
    let title = c.t_str("centres-new-title", "territory", t.name(c.lang.code()));
    let kato = t.kato.to_string();
    let action = format!("/territories/{kato}/centres/new");
    form_page(
        c,
        title,
        action,
        format!("/territories/{kato}/centres"),
        form,
        r,
    )
}

async fn new_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
) -> Result<Response, AppError> {
    let t = load(&s, &kato).await?;
    c.require(Action::ManageCentres, &t.path)?;
    new_page(&c, &t, CentreForm::default(), &Rejected::none())
}

async fn create(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
    Form(f): Form<CentreForm>,
) -> Result<Response, AppError> {
    let t = load(&s, &kato).await?;
    let v = c.require(Action::ManageCentres, &t.path)?;
    match f.parse(&c) {
        Ok(draft) => {
            let id = centres::create(&s.app, v, &t, &draft).await?;
            Ok(Redirect::to(&format!("/centres/{id}?ok=centres-saved")).into_response())
        }
        Err(errors) => new_page(&c, &t, f, &Rejected::invalid(errors)),
    }
}

async fn managed(s: &AppState, c: &Ctx, id: Uuid) -> Result<Centre, AppError> {
    let centre = centres::by_id(&s.app, id).await?;
    let t = centres::territory_of(&s.app, &centre).await?;
    c.require(Action::ManageCentres, &t.path)?;
    Ok(centre)
}

fn edit_page(
    c: &Ctx,
    centre: &Centre,
    form: CentreForm,
    r: &Rejected,
) -> Result<Response, AppError> {
    let title = c.t_str("centres-edit-title", "centre", centre.name(c.lang.code()));
    let back = format!("/centres/{}", centre.id);
    form_page(c, title, format!("{back}/edit"), back, form, r)
}

async fn edit_form(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let centre = managed(&s, &c, id).await?;
    edit_page(&c, &centre, CentreForm::of(&centre), &Rejected::none())
}

async fn edit(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<CentreForm>,
) -> Result<Response, AppError> {
    let centre = managed(&s, &c, id).await?;
    let v = require_viewer(&c)?;
    match f.parse(&c) {
        Ok(draft) => {
            centres::update(&s.app, v, &centre, &draft).await?;
            Ok(Redirect::to(&format!("/centres/{id}?ok=centres-saved")).into_response())
        }
        Err(errors) => edit_page(&c, &centre, f, &Rejected::invalid(errors)),
    }
}

// ---- administrators: the centre's registrars ----

#[derive(Deserialize, Default)]
#[serde(default)]
struct RegistrarForm {
    contact: String,
}

async fn add_registrar(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<RegistrarForm>,
) -> Result<Response, AppError> {
    let centre = managed(&s, &c, id).await?;
    let v = require_viewer(&c)?;
    let Ok(contact) = Contact::parse(&f.contact) else {
        let r = Rejected::field("contact", c.t("err-contact-invalid"));
        return show_page(&s, &c, &centre, f.contact, &r).await;
    };
    match centres::add_registrar(&s.app, v, &centre, &contact).await? {
        RegistrarAdded::Yes => {
            Ok(Redirect::to(&format!("/centres/{id}?ok=centres-registrar-added")).into_response())
        }
        RegistrarAdded::UnknownContact => {
            let r = Rejected::field("contact", c.t("err-user-unknown"));
            show_page(&s, &c, &centre, f.contact, &r).await
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RemoveForm {
    user: String,
}

async fn remove_registrar(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<RemoveForm>,
) -> Result<Response, AppError> {
    let centre = managed(&s, &c, id).await?;
    let v = require_viewer(&c)?;
    let user = Uuid::parse_str(f.user.trim()).map_err(|_| AppError::NotFound)?;
    centres::remove_registrar(&s.app, v, &centre, user).await?;
    Ok(Redirect::to(&format!("/centres/{id}?ok=centres-registrar-removed")).into_response())
}
