//! Who holds which role in a territory, and granting roles (administrators only).

use crate::extract::{Form, Path};
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::territories::load;
use crate::{AppError, AppState};
use app::access::Granted;
use app::territories::Territory;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use domain::{Action, Contact, Role};
use serde::Deserialize;

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
    errors: &'a FieldErrors,
}

pub fn role_label(c: &Ctx, r: Role) -> String {
    c.t(&format!("role-{}", r.as_str()))
}

async fn roles_page(
    s: &AppState,
    c: &Ctx,
    t: &Territory,
    form: GrantForm,
    r: &Rejected,
) -> Result<Response, AppError> {
    let v = require_viewer(c)?;
    let lang = c.lang.code();
    let rows = app::access::roles_within(&s.app, v, t)
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
    let page = RolesPage {
        c,
        title: c.t_str("roles-title", "territory", &name),
        kato: t.kato.to_string(),
        territory_name: name,
        rows,
        can_grant: c.may(Action::GrantRole, &t.path),
        // Expert and monitor come with a seat on a cycle's council or group, by invitation.
        roles: Role::ALL
            .iter()
            .filter(|r| !r.is_membership())
            .map(|r| (r.as_str(), role_label(c, *r), r.as_str() == form.role))
            .collect(),
        contact: form.contact,
        errors: &r.errors,
    };
    Ok(r.respond(render(&page)?))
}

async fn list(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
) -> Result<Response, AppError> {
    let t = load(&s, &kato).await?;
    roles_page(&s, &c, &t, GrantForm::default(), &Rejected::none()).await
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
    let contact = Contact::parse(&f.contact)
        .map_err(|_| errors.add("contact", c.t("err-contact-invalid")))
        .ok();
    let granted = match (contact, role) {
        (Some(contact), Some(role)) => {
            app::access::grant_role(&s.app, v, &t, &contact, role).await?
        }
        (Some(contact), None) => {
            // Say what is wrong with the contact too, before anything is granted.
            if !app::access::contact_exists(&s.app, &contact).await? {
                errors.add("contact", c.t("err-user-unknown"));
            }
            Granted::UnknownContact
        }
        _ => Granted::UnknownContact,
    };
    match granted {
        Granted::Yes => Ok(Redirect::to(&format!(
            "/territories/{}/roles?ok=roles-granted",
            t.kato
        ))
        .into_response()),
        Granted::UnknownContact => {
            if errors.is_empty() {
                errors.add("contact", c.t("err-user-unknown"));
            }
            roles_page(&s, &c, &t, f, &Rejected::invalid(errors)).await
        }
        Granted::MembershipRole => {
            errors.add("role", c.t("roles-err-membership"));
            roles_page(&s, &c, &t, f, &Rejected::invalid(errors)).await
        }
        Granted::SeatedOnACycle(body) => {
            let body = body.as_str();
            errors.add("contact", c.t_str("roles-err-seated", "body", body));
            let refused = Rejected {
                status: StatusCode::CONFLICT,
                ..Rejected::invalid(errors)
            };
            roles_page(&s, &c, &t, f, &refused).await
        }
    }
}
