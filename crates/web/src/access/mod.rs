//! Who holds which role in a territory, and granting roles (administrators only).

use crate::pages::{render, Ctx, FieldErrors};
use crate::territories::load;
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use domain::{Action, Contact, Role};
use serde::Deserialize;
use store::territories::Territory;

pub fn routes() -> Router<AppState> {
    Router::new().route("/territories/{kato}/roles", get(list).post(grant))
}

#[derive(Template)]
#[template(path = "access/roles.html")]
struct RolesPage<'a> {
    c: &'a Ctx,
    title: String,
    kato: String,
    territory_name: String,
    rows: Vec<(String, String, String)>,
    can_grant: bool,
    roles: Vec<(&'static str, String, bool)>,
    contact: String,
    errors: FieldErrors,
}

pub fn role_label(c: &Ctx, r: Role) -> String {
    c.t(&format!("role-{}", r.as_str()))
}

async fn roles_page<'a>(
    s: &AppState,
    c: &'a Ctx,
    t: &Territory,
    form: GrantForm,
    errors: FieldErrors,
) -> Result<RolesPage<'a>, AppError> {
    let _v = c.require(Action::ViewRoleGrants, &t.path)?;
    let lang = c.lang.code();
    let prefix = t.path_prefix();
    let rows = store::accounts::roles_within(&s.db, &prefix)
        .await?
        .into_iter()
        .map(|h| {
            let place = h
                .place(lang)
                .map(str::to_string)
                .unwrap_or_else(|| c.t("roles-country"));
            (h.user_name, role_label(c, h.grant.role), place)
        })
        .collect();
    let name = t.name(lang).to_string();
    Ok(RolesPage {
        c,
        title: c.t_str("roles-title", "territory", &name),
        kato: t.kato.to_string(),
        territory_name: name,
        rows,
        can_grant: c.may(Action::GrantRole, &t.path),
        roles: Role::ALL
            .iter()
            .map(|r| (r.as_str(), role_label(c, *r), r.as_str() == form.role))
            .collect(),
        contact: form.contact,
        errors,
    })
}

async fn list(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
) -> Result<Response, AppError> {
    let t = load(&s, &kato).await?;
    let p = roles_page(&s, &c, &t, GrantForm::default(), FieldErrors::default()).await?;
    Ok(render(&p)?.into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct GrantForm {
    contact: String,
    role: String,
}

async fn grant(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
    Form(f): Form<GrantForm>,
) -> Result<Response, AppError> {
    let t = load(&s, &kato).await?;
    let v = c.require(Action::GrantRole, &t.path)?;
    let mut errors = FieldErrors::default();
    let role = Role::parse(&f.role);
    if role.is_none() {
        errors.add("role", c.t("err-role-unknown"));
    }
    let user = match Contact::parse(&f.contact) {
        Err(_) => {
            errors.add("contact", c.t("err-contact-invalid"));
            None
        }
        Ok(contact) => {
            let found = store::accounts::credentials(&s.db, &contact)
                .await?
                .map(|(u, _)| u);
            if found.is_none() {
                errors.add("contact", c.t("err-user-unknown"));
            }
            found
        }
    };
    match (user, role) {
        (Some(u), Some(r)) if errors.is_empty() => {
            store::accounts::grant(&s.db, u.id, r, Some(t.id), s.clock.now()).await?;
            tracing::info!(target_user = %u.id, role = r.as_str(), territory = %t.kato, by = %v.user.id, "role granted");
            Ok(
                Redirect::to(&format!("/territories/{}/roles?ok=roles-granted", t.kato))
                    .into_response(),
            )
        }
        _ => {
            let p = roles_page(&s, &c, &t, f, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&p)?).into_response())
        }
    }
}
