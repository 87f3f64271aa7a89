//! The registrar's desk, continued: registering a resident who has neither a phone nor an
//! e-mail, the printed slip (Kazakh and Russian) that carries their one-time sign-in code,
//! and the centre's list of IIN squatting resolutions with what each struck.

use super::desk::{at_desk, document_choices, parse_evidence, proof_choices, Choice};
use crate::accounts::iin_message;
use crate::extract::{Form, Id};
use crate::i18n::{Arg, Lang};
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::accounts::DisplayName;
use app::centres::{self, Centre, NewResident, Registered, Resolution, Struck};
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use domain::accounts::CodePurpose;
use domain::{Iin, Kato};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/centres/{id}/desk/resident",
            get(resident_form).post(register),
        )
        .route("/centres/{id}/resolutions", get(resolutions))
}

/// What the printed slip says besides the fixed text.
pub(super) struct Slip {
    pub name: String,
    /// Never logged, never stored: it exists only on this paper.
    pub code: String,
    /// The site's address, as the registrar's browser reached it.
    pub site: String,
}

/// `https://host` of this request (`http` when cookies are not marked secure: no TLS).
pub(super) fn site(s: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get("host")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("qatysu.kz");
    let scheme = if s.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// The slip's lines in one language.
fn slip_lines(l: Lang, centre: &Centre, slip: &Slip, valid_until: &str) -> Vec<(f32, String)> {
    // Read out in two groups of three, as the account page shows the presence code.
    let (head, tail) = slip.code.split_at(slip.code.len().min(3));
    let code = format!("{head} {tail}");
    let lang = l.code();
    vec![
        (16.0, l.t("centres-slip-heading")),
        (12.0, slip.name.clone()),
        (
            11.0,
            l.t_args(
                "centres-slip-site",
                &[("site", Arg::Str(format!("{}/login/slip", slip.site)))],
            ),
        ),
        (
            14.0,
            l.t_args("centres-slip-code", &[("code", Arg::Str(code))]),
        ),
        (
            10.0,
            l.t_args(
                "centres-slip-valid",
                &[("until", Arg::Str(valid_until.to_string()))],
            ),
        ),
        (10.0, l.t("centres-slip-how")),
        (
            10.0,
            l.t_args(
                "centres-slip-centre",
                &[
                    ("centre", Arg::Str(centre.name(lang).to_string())),
                    ("address", Arg::Str(centre.address(lang).to_string())),
                ],
            ),
        ),
        (10.0, String::new()),
    ]
}

/// The slip as a PDF: Kazakh first, then Russian.
pub(super) async fn respond(
    s: &AppState,
    centre: &Centre,
    slip: Slip,
) -> Result<Response, AppError> {
    let until = s.app.clock.now() + CodePurpose::SlipSignIn.lifetime();
    let mut lines = Vec::new();
    for l in [Lang::Kk, Lang::Ru] {
        lines.extend(slip_lines(l, centre, &slip, &l.date_time(until)));
    }
    crate::pages::pdf_response("qatysu-slip.pdf".to_string(), move || {
        pdf::text_document(&lines)
    })
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ResidentForm {
    name: String,
    iin: String,
    village: String,
    document: String,
    tail: String,
    proof: String,
    consent: String,
}

#[derive(Template)]
#[template(path = "centres/resident.html")]
struct ResidentPage<'a> {
    c: &'a Ctx,
    id: String,
    title: String,
    villages: Vec<Choice>,
    documents: Vec<Choice>,
    proofs: Vec<Choice>,
    form: ResidentForm,
    message: Option<String>,
    errors: &'a FieldErrors,
}

async fn resident_page(
    s: &AppState,
    c: &Ctx,
    centre: &Centre,
    form: ResidentForm,
    r: &Rejected,
) -> Result<Response, AppError> {
    let v = require_viewer(c)?;
    let lang = c.lang.code();
    let villages = centres::villages(&s.app, v, centre)
        .await?
        .into_iter()
        .map(|t| {
            let code = t.kato.to_string();
            let chosen = code == form.village.trim();
            (code, t.name(lang).to_string(), chosen)
        })
        .collect();
    let page = ResidentPage {
        c,
        id: centre.id.to_string(),
        title: c.t_str("centres-resident-title", "centre", centre.name(lang)),
        villages,
        documents: document_choices(c, &form.document),
        proofs: proof_choices(c, &form.proof),
        form,
        message: r.message.clone(),
        errors: &r.errors,
    };
    Ok(r.respond(render(&page)?))
}

async fn resident_form(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
) -> Result<Response, AppError> {
    let centre = at_desk(&s, &c, id).await?;
    resident_page(&s, &c, &centre, ResidentForm::default(), &Rejected::none()).await
}

fn parse_resident(c: &Ctx, f: &ResidentForm) -> Result<NewResident, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = DisplayName::parse_line(&f.name)
        .map_err(|_| errors.add("name", c.t("centres-err-name")))
        .ok();
    let iin = Iin::parse(&f.iin)
        .map_err(|e| errors.add("iin", iin_message(c, e)))
        .ok();
    let village = Kato::parse(f.village.trim())
        .map_err(|_| errors.add("village", c.t("centres-err-village")))
        .ok();
    let fields = [
        ("document", f.document.as_str()),
        ("tail", f.tail.as_str()),
        ("proof", f.proof.as_str()),
    ];
    let evidence = parse_evidence(c, fields, &mut errors);
    match (name, iin, village, evidence) {
        (Some(name), Some(iin), Some(village), Some((document, residence)))
            if errors.is_empty() =>
        {
            Ok(NewResident {
                name,
                iin,
                village,
                document,
                residence,
                consent: !f.consent.is_empty(),
            })
        }
        _ => Err(errors),
    }
}

/// Register the resident and print their slip.
async fn register(
    State(s): State<AppState>,
    headers: HeaderMap,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<ResidentForm>,
) -> Result<Response, AppError> {
    let centre = at_desk(&s, &c, id).await?;
    let v = require_viewer(&c)?;
    let input = match parse_resident(&c, &f) {
        Ok(input) => input,
        Err(errors) => {
            let r = Rejected::form_has_errors(&c, errors);
            return resident_page(&s, &c, &centre, f, &r).await;
        }
    };
    let name = input.name.as_str().to_string();
    let refused = match centres::register_resident(&s.app, v, &centre, input).await? {
        Registered::Done { code, .. } => {
            let slip = Slip {
                name,
                code,
                site: site(&s, &headers),
            };
            return respond(&s, &centre, slip).await;
        }
        Registered::NoConsent => Rejected::field("consent", c.t("centres-err-consent")),
        Registered::VillageOutside => Rejected::field("village", c.t("centres-err-village")),
        Registered::IinTaken => {
            Rejected::field("iin", c.t("centres-err-iin-taken")).with_status(StatusCode::CONFLICT)
        }
    };
    resident_page(&s, &c, &centre, f, &refused).await
}

/// One resolution as the list shows it.
struct ResolutionRow {
    at: String,
    name: String,
    previous_name: String,
    previous_contact: String,
    registrar: String,
    counts: String,
    struck: Vec<String>,
}

#[derive(Template)]
#[template(path = "centres/resolutions.html")]
struct ResolutionsPage<'a> {
    c: &'a Ctx,
    id: String,
    title: String,
    rows: Vec<ResolutionRow>,
}

fn struck_line(c: &Ctx, x: &Struck) -> String {
    match x {
        Struck::Ballot {
            territory_kk,
            territory_ru,
            year,
            ..
        } => {
            let place = if c.lang.code() == "ru" {
                territory_ru
            } else {
                territory_kk
            };
            c.lang.t_args(
                "centres-struck-ballot",
                &[
                    ("territory", Arg::Str(place.clone())),
                    ("year", Arg::Str(year.to_string())),
                ],
            )
        }
        Struck::Signature { title, .. } => c.t_str("centres-struck-signature", "title", title),
    }
}

fn resolution_row(c: &Ctx, r: &Resolution, struck: &[Struck]) -> ResolutionRow {
    ResolutionRow {
        at: c.lang.date_time(r.at),
        name: r.current_name.clone(),
        previous_name: r.previous_name.clone(),
        previous_contact: r.previous_contact.clone().unwrap_or_default(),
        registrar: r.registrar_name.clone(),
        counts: c.lang.t_args(
            "centres-struck-counts",
            &[
                ("ballots", Arg::Num(r.struck_ballots)),
                ("signatures", Arg::Num(r.struck_signatures)),
            ],
        ),
        struck: struck.iter().map(|x| struck_line(c, x)).collect(),
    }
}

async fn resolutions(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let centre = at_desk(&s, &c, id).await?;
    let v = require_viewer(&c)?;
    let rows = centres::resolutions(&s.app, v, &centre)
        .await?
        .iter()
        .map(|(r, struck)| resolution_row(&c, r, struck))
        .collect();
    let page = ResolutionsPage {
        c: &c,
        id: centre.id.to_string(),
        title: c.t_str(
            "centres-resolutions-title",
            "centre",
            centre.name(c.lang.code()),
        ),
        rows,
    };
    Ok(axum::response::IntoResponse::into_response(render(&page)?))
}
