//! Where a person lives: the village list shared by registration, eGov's completion and the
//! move page (`/account/residence`), and the move itself, which drops a verified account to
//! `contact` until a registrar confirms the new village.

use crate::extract::{Form, Query};
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::accounts::Moved;
use app::territories::Territory;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use domain::Kato;
use serde::Deserialize;
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new().route("/account/residence", get(move_form).post(move_residence))
}

const VILLAGE_LIMIT: i64 = 3000;

/// The villages of one okrug (or the districts of one oblast) in a residence list.
pub(super) struct VillageGroup {
    pub name: String,
    parent: Option<Uuid>,
    pub villages: Vec<VillageOption>,
}

pub(super) struct VillageOption {
    pub kato: String,
    pub name: String,
    pub selected: bool,
}

/// The residence list of a form. With a whole country loaded the district is chosen first (one
/// list would be too big for slow connections): `districts` is offered instead of the form.
pub(super) struct Picker {
    pub villages: Vec<VillageGroup>,
    pub need_district: bool,
    pub districts: Vec<VillageGroup>,
    /// The district chosen in the first step, by name.
    pub district_name: Option<String>,
}

/// The list for a form whose fields hold `village` and `district` (as typed or chosen).
pub(super) async fn picker(
    s: &AppState,
    c: &Ctx,
    village: &str,
    district: &str,
) -> Result<Picker, AppError> {
    let large = app::territories::settlements_count(&s.app).await? > s.config.village_list_limit;
    let chosen = match Kato::parse(district) {
        Ok(k) if large => app::territories::by_kato(&s.app, &k)
            .await
            .ok()
            .filter(|t| t.level == "district"),
        _ => None,
    };
    let need_district = large && chosen.is_none();
    Ok(Picker {
        villages: if need_district {
            Vec::new()
        } else {
            villages(s, c, village, chosen.as_ref()).await?
        },
        districts: if need_district {
            district_groups(s, c, district).await?
        } else {
            Vec::new()
        },
        need_district,
        district_name: chosen.as_ref().map(|d| d.name(c.lang.code()).to_string()),
    })
}

/// Villages grouped under their okrug (or district).
async fn villages(
    s: &AppState,
    c: &Ctx,
    chosen: &str,
    district: Option<&Territory>,
) -> Result<Vec<VillageGroup>, AppError> {
    let lang = c.lang.code();
    let list = app::territories::settlements(&s.app, district, VILLAGE_LIMIT).await?;
    let mut groups: Vec<VillageGroup> = Vec::new();
    for v in list {
        if groups.last().map(|g| g.parent) != Some(v.parent_id) {
            let name = match v.parent_id {
                Some(p) => app::territories::by_id(&s.app, p)
                    .await?
                    .map(|t| t.name(lang).to_string()),
                None => None,
            };
            groups.push(VillageGroup {
                name: name.unwrap_or_default(),
                parent: v.parent_id,
                villages: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.villages.push(VillageOption {
                selected: v.kato.as_str() == chosen.trim(),
                kato: v.kato.to_string(),
                name: v.name(lang).to_string(),
            });
        }
    }
    Ok(groups)
}

/// Districts grouped under their oblast, for the first step of a country-wide list.
async fn district_groups(
    s: &AppState,
    c: &Ctx,
    chosen: &str,
) -> Result<Vec<VillageGroup>, AppError> {
    let lang = c.lang.code();
    let oblasts = app::territories::of_level(&s.app, "oblast", 100).await?;
    let districts = app::territories::of_level(&s.app, "district", 1000).await?;
    Ok(oblasts
        .iter()
        .map(|o| VillageGroup {
            name: o.name(lang).to_string(),
            parent: Some(o.id),
            villages: districts
                .iter()
                .filter(|d| d.parent_id == Some(o.id))
                .map(|d| VillageOption {
                    selected: d.kato.as_str() == chosen.trim(),
                    kato: d.kato.to_string(),
                    name: d.name(lang).to_string(),
                })
                .collect(),
        })
        .filter(|g| !g.villages.is_empty())
        .collect())
}

// ---- moving ----

#[derive(Deserialize, Default)]
#[serde(default)]
struct MoveForm {
    village: String,
    district: String,
    password: String,
}

#[derive(Template)]
#[template(path = "accounts/residence.html")]
struct MovePage<'a> {
    c: &'a Ctx,
    form: MoveForm,
    /// Where the person lives now.
    current: String,
    /// The move will cost a verified level (the page says so before the person moves).
    loses_level: bool,
    picker: Picker,
    errors: &'a FieldErrors,
    message: Option<String>,
}

async fn move_page(
    s: &AppState,
    c: &Ctx,
    mut form: MoveForm,
    r: &Rejected,
) -> Result<Response, AppError> {
    let v = require_viewer(c)?;
    form.password.clear(); // never sent back
    let current = app::territories::by_id(&s.app, v.user.residence_id)
        .await?
        .map(|t| t.name(c.lang.code()).to_string())
        .unwrap_or_default();
    let page = MovePage {
        c,
        current,
        loses_level: v.user.level > domain::Level::Contact,
        picker: picker(s, c, &form.village, &form.district).await?,
        form,
        errors: &r.errors,
        message: r.message.clone(),
    };
    Ok(r.respond(render(&page)?))
}

/// The first step's answer on a country-wide list (`?district=KATO`).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct DistrictQuery {
    pub district: String,
}

async fn move_form(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<DistrictQuery>,
) -> Result<Response, AppError> {
    let form = MoveForm {
        district: q.district,
        ..MoveForm::default()
    };
    move_page(&s, &c, form, &Rejected::none()).await
}

async fn move_residence(
    State(s): State<AppState>,
    c: Ctx,
    Form(f): Form<MoveForm>,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let Ok(village) = Kato::parse(&f.village) else {
        let r = Rejected::field("village", c.t("err-village-unknown"));
        return move_page(&s, &c, f, &r).await;
    };
    let password = f.password.clone();
    let r = match app::accounts::move_residence(&s.app, v, &village, password).await? {
        Moved::Done { .. } => {
            return Ok(Redirect::to("/account?ok=accounts-residence-moved").into_response())
        }
        Moved::Unchanged => Rejected::field("village", c.t("accounts-residence-same")),
        Moved::UnknownVillage => Rejected::field("village", c.t("err-village-unknown")),
        Moved::PasswordWrong => Rejected::field("password", c.t("err-password-wrong")),
        Moved::Throttled { minutes } => super::password_throttled(&c, "password", minutes),
    };
    move_page(&s, &c, f, &r).await
}
