//! The registrar's desk at a participation centre: find a person by IIN (within the
//! registrar's territory only) and raise them to `in_person` once the identity document, the
//! presence code from their own account page and their consent are recorded; or, when the
//! person proves the IIN but the account is not theirs, hand it to them (squatting). The IIN
//! travels only in POST bodies, never in an address.

use super::message_id;
use crate::accounts::iin_message;
use crate::extract::{Form, Id};
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::accounts::DisplayName;
use app::centres::{self, Centre, Found, Raise, Raised, Resolve, Resolved};
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use domain::accounts::{DocumentKind, DocumentTail, ResidenceProof};
use domain::{Contact, Iin, Kato};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/centres/{id}/desk", get(open).post(find))
        .route("/centres/{id}/desk/raise", post(raise))
        .route("/centres/{id}/desk/resolve", post(resolve))
}

/// One change of the person's level as the desk lists it.
struct HistoryRow {
    at: String,
    event: String,
    from: String,
    to: String,
    by: String,
    document: String,
    proof: String,
}

struct PersonView {
    name: String,
    village: String,
    level: String,
    history: Vec<HistoryRow>,
}

/// (code, label, chosen) for a `<select>`.
pub(super) type Choice = (String, String, bool);

#[derive(Template)]
#[template(path = "centres/desk.html")]
struct DeskPage<'a> {
    c: &'a Ctx,
    id: String,
    title: String,
    iin: String,
    person: Option<PersonView>,
    documents: Vec<Choice>,
    proofs: Vec<Choice>,
    villages: Vec<Choice>,
    /// The squatting form's own lists (its fields are named apart from the raise form's).
    s_documents: Vec<Choice>,
    s_proofs: Vec<Choice>,
    form: RaiseForm,
    message: Option<String>,
    errors: &'a FieldErrors,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RaiseForm {
    iin: String,
    presence: String,
    document: String,
    tail: String,
    proof: String,
    village: String,
    consent: String,
    /// The squatting resolution's fields: the real holder's name and contact, and the
    /// evidence under names of their own so both forms can stand on one page.
    name: String,
    contact: String,
    s_document: String,
    s_tail: String,
    s_proof: String,
    s_consent: String,
}

fn level_label(c: &Ctx, l: domain::Level) -> String {
    c.t(&format!("accounts-level-{}", l.as_str()))
}

fn person_view(c: &Ctx, f: &Found) -> PersonView {
    let lang = c.lang.code();
    let history = f
        .history
        .iter()
        .map(|(ch, by)| HistoryRow {
            at: c.lang.date_time(ch.at),
            event: c.t(&message_id("centres-event", ch.event.as_str())),
            from: level_label(c, ch.from),
            to: level_label(c, ch.to),
            by: by.clone().unwrap_or_default(),
            document: ch
                .evidence
                .document
                .map(|(k, t)| {
                    let kind = c.t(&message_id("centres-document", k.as_str()));
                    format!("{kind} …{}", t.as_str())
                })
                .unwrap_or_default(),
            proof: ch
                .evidence
                .residence
                .map(|p| c.t(&message_id("centres-proof", p.as_str())))
                .unwrap_or_default(),
        })
        .collect();
    PersonView {
        name: f.user.display_name.clone(),
        village: f.village.name(lang).to_string(),
        level: level_label(c, f.user.level),
        history,
    }
}

/// The document kinds for a `<select>`, `chosen` selected.
pub(super) fn document_choices(c: &Ctx, chosen: &str) -> Vec<Choice> {
    DocumentKind::ALL
        .iter()
        .map(|k| {
            let code = k.as_str();
            let label = c.t(&message_id("centres-document", code));
            (code.to_string(), label, code == chosen.trim())
        })
        .collect()
}

/// How residence was established, for a `<select>`, `chosen` selected.
pub(super) fn proof_choices(c: &Ctx, chosen: &str) -> Vec<Choice> {
    ResidenceProof::ALL
        .iter()
        .map(|p| {
            let code = p.as_str();
            let label = c.t(&message_id("centres-proof", code));
            (code.to_string(), label, code == chosen.trim())
        })
        .collect()
}

async fn desk_page(
    s: &AppState,
    c: &Ctx,
    centre: &Centre,
    found: Option<Found>,
    form: RaiseForm,
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
    let documents = document_choices(c, &form.document);
    let proofs = proof_choices(c, &form.proof);
    let s_documents = document_choices(c, &form.s_document);
    let s_proofs = proof_choices(c, &form.s_proof);
    let page = DeskPage {
        c,
        id: centre.id.to_string(),
        title: c.t_str("centres-desk-title", "centre", centre.name(lang)),
        iin: form.iin.clone(),
        person: found.as_ref().map(|f| person_view(c, f)),
        documents,
        proofs,
        villages,
        s_documents,
        s_proofs,
        form,
        message: r.message.clone(),
        errors: &r.errors,
    };
    Ok(r.respond(render(&page)?))
}

/// The centre, when the reader is one of its registrars (403 otherwise).
pub(super) async fn at_desk(s: &AppState, c: &Ctx, id: uuid::Uuid) -> Result<Centre, AppError> {
    let v = require_viewer(c)?;
    let centre = centres::by_id(&s.app, id).await?;
    centres::desk(&s.app, v, &centre).await?;
    Ok(centre)
}

async fn open(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let centre = at_desk(&s, &c, id).await?;
    desk_page(
        &s,
        &c,
        &centre,
        None,
        RaiseForm::default(),
        &Rejected::none(),
    )
    .await
}

pub(super) fn not_found(c: &Ctx) -> Rejected {
    Rejected::field("iin", c.t("centres-desk-not-found")).with_status(StatusCode::NOT_FOUND)
}

/// The person with the typed IIN, or why there is none to show.
async fn look_up(
    s: &AppState,
    c: &Ctx,
    centre: &Centre,
    typed: &str,
) -> Result<Result<(Iin, Found), Rejected>, AppError> {
    let v = require_viewer(c)?;
    let iin = match Iin::parse(typed) {
        Ok(iin) => iin,
        Err(e) => return Ok(Err(Rejected::field("iin", iin_message(c, e)))),
    };
    Ok(match centres::find_person(&s.app, v, centre, &iin).await? {
        Some(found) => Ok((iin, found)),
        None => Err(not_found(c)),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FindForm {
    iin: String,
}

async fn find(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<FindForm>,
) -> Result<Response, AppError> {
    let centre = at_desk(&s, &c, id).await?;
    let form = RaiseForm {
        iin: f.iin,
        ..RaiseForm::default()
    };
    match look_up(&s, &c, &centre, &form.iin).await? {
        Ok((_, found)) => desk_page(&s, &c, &centre, Some(found), form, &Rejected::none()).await,
        Err(r) => desk_page(&s, &c, &centre, None, form, &r).await,
    }
}

/// The registrar's entries as domain values, or each wrong field's message.
fn parse_raise(c: &Ctx, iin: Iin, f: &RaiseForm) -> Result<Raise, FieldErrors> {
    let mut errors = FieldErrors::default();
    if domain::centres::presence::normalize(&f.presence).is_none() {
        errors.add("presence", c.t("centres-err-presence-digits"));
    }
    let fields = [
        ("document", f.document.as_str()),
        ("tail", f.tail.as_str()),
        ("proof", f.proof.as_str()),
    ];
    let evidence = parse_evidence(c, fields, &mut errors);
    let village = match f.village.trim() {
        "" => None,
        k => match Kato::parse(k) {
            Ok(k) => Some(k),
            Err(_) => {
                errors.add("village", c.t("centres-err-village"));
                None
            }
        },
    };
    match evidence {
        Some((document, residence)) if errors.is_empty() => Ok(Raise {
            iin,
            presence: f.presence.clone(),
            document,
            residence,
            village,
            consent: !f.consent.is_empty(),
        }),
        _ => Err(errors),
    }
}

async fn raise(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<RaiseForm>,
) -> Result<Response, AppError> {
    let centre = at_desk(&s, &c, id).await?;
    let v = require_viewer(&c)?;
    let (iin, found) = match look_up(&s, &c, &centre, &f.iin).await? {
        Ok(hit) => hit,
        Err(r) => return desk_page(&s, &c, &centre, None, f, &r).await,
    };
    let input = match parse_raise(&c, iin, &f) {
        Ok(input) => input,
        Err(errors) => {
            let r = Rejected::form_has_errors(&c, errors);
            return desk_page(&s, &c, &centre, Some(found), f, &r).await;
        }
    };
    let refused = match centres::raise(&s.app, v, &centre, input).await? {
        Raised::Yes(_) => {
            let to = format!("/centres/{id}/desk?ok=centres-raised");
            return Ok(Redirect::to(&to).into_response());
        }
        Raised::NotFound => not_found(&c),
        Raised::NoConsent => Rejected::field("consent", c.t("centres-err-consent")),
        Raised::PresenceWrong => Rejected::field("presence", c.t("centres-err-presence-wrong"))
            .with_message(c.t("centres-desk-presence-refused")),
        Raised::VillageOutside => Rejected::field("village", c.t("centres-err-village")),
    };
    desk_page(&s, &c, &centre, Some(found), f, &refused).await
}

/// The document and residence evidence as typed under `fields` (document, tail, proof), or
/// each wrong field's message under its own name.
pub(super) fn parse_evidence(
    c: &Ctx,
    fields: [(&'static str, &str); 3],
    errors: &mut FieldErrors,
) -> Option<((DocumentKind, DocumentTail), ResidenceProof)> {
    let [(doc_name, doc), (tail_name, tail), (proof_name, proof)] = fields;
    let kind = DocumentKind::parse(doc.trim());
    if kind.is_none() {
        errors.add(doc_name, c.t("centres-err-document"));
    }
    let tail = DocumentTail::parse(tail)
        .map_err(|_| errors.add(tail_name, c.t("centres-err-tail")))
        .ok();
    let proof = ResidenceProof::parse(proof.trim());
    if proof.is_none() {
        errors.add(proof_name, c.t("centres-err-proof"));
    }
    Some(((kind?, tail?), proof?))
}

fn parse_resolve(c: &Ctx, iin: Iin, f: &RaiseForm) -> Result<Resolve, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = DisplayName::parse_line(&f.name)
        .map_err(|_| errors.add("name", c.t("centres-err-name")))
        .ok();
    let contact = match f.contact.trim() {
        "" => None,
        typed => match Contact::parse(typed) {
            Ok(contact) => Some(contact),
            Err(_) => {
                errors.add("contact", c.t("centres-err-contact"));
                None
            }
        },
    };
    let fields = [
        ("s_document", f.s_document.as_str()),
        ("s_tail", f.s_tail.as_str()),
        ("s_proof", f.s_proof.as_str()),
    ];
    let evidence = parse_evidence(c, fields, &mut errors);
    match (name, evidence) {
        (Some(name), Some((document, residence))) if errors.is_empty() => Ok(Resolve {
            iin,
            name,
            contact,
            document,
            residence,
            consent: !f.s_consent.is_empty(),
        }),
        _ => Err(errors),
    }
}

/// Hand the account under the IIN to the person at the desk and print their slip.
async fn resolve(
    State(s): State<AppState>,
    headers: HeaderMap,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<RaiseForm>,
) -> Result<Response, AppError> {
    let centre = at_desk(&s, &c, id).await?;
    let v = require_viewer(&c)?;
    let (iin, found) = match look_up(&s, &c, &centre, &f.iin).await? {
        Ok(hit) => hit,
        Err(r) => return desk_page(&s, &c, &centre, None, f, &r).await,
    };
    let input = match parse_resolve(&c, iin, &f) {
        Ok(input) => input,
        Err(errors) => {
            let r = Rejected::form_has_errors(&c, errors);
            return desk_page(&s, &c, &centre, Some(found), f, &r).await;
        }
    };
    let name = input.name.as_str().to_string();
    let refused = match centres::resolve(&s.app, v, &centre, input).await? {
        Resolved::Done { code, .. } => {
            let slip = super::slip::Slip {
                name,
                code,
                site: super::slip::site(&s, &headers),
            };
            return super::slip::respond(&s, &centre, slip).await;
        }
        Resolved::NotFound => not_found(&c),
        Resolved::NoConsent => Rejected::field("s_consent", c.t("centres-err-consent")),
        Resolved::ContactTaken => Rejected::field("contact", c.t("centres-err-contact-taken")),
    };
    desk_page(&s, &c, &centre, Some(found), f, &refused).await
}
