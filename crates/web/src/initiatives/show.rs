//! One initiative: its text, progress and deadline, the answer and the history, and every
//! action taken on it (sign, withdraw, publish, return, answer, follow-up).

use super::{card, date, is_author, load_visible, markdown, messages, progress_text, Card};
use crate::extract::{Form, Id};
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::initiatives::{self as ini, AnswerInput, Initiative, Outcome, SignOutcome};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use domain::initiatives::{
    may_withdraw, AnswerKind, AnswerText, Channel, EventKind, FollowUp, Note, Refused, SignRefusal,
    Status,
};
use domain::Action;
use serde::Deserialize;

/// What was typed into the forms of the page, kept when one is refused.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ActionForm {
    reason: String,
    kind: String,
    text: String,
    url: String,
    plan: String,
    due: String,
    step: String,
    note: String,
}

#[derive(Template)]
#[template(path = "initiatives/show.html")]
struct ShowPage<'a> {
    c: &'a Ctx,
    id: String,
    card: Card,
    kato: String,
    addressee: String,
    author: String,
    submitted: String,
    ask_html: String,
    reasons_html: String,
    percent: u32,
    progress: String,
    closed_reason: Option<String>,
    return_reason: Option<String>,
    answer: Option<AnswerView>,
    history: Vec<(String, String, Option<String>, Option<String>)>,
    signed: Option<String>,
    can_sign: bool,
    can_withdraw: bool,
    sign_hint: Option<String>,
    nearest: Vec<crate::centres::CentreCard>,
    can_moderate: bool,
    can_edit: bool,
    can_answer: bool,
    can_follow_up: bool,
    can_paper: bool,
    error: Option<String>,
    form: ActionForm,
    errors: &'a FieldErrors,
    answer_kinds: Vec<(&'static str, String, bool)>,
    steps: Vec<(&'static str, String, bool)>,
    attachments: Vec<(uuid::Uuid, String, String)>,
    can_attach: bool,
}

struct AnswerView {
    kind: String,
    text_html: String,
    url: Option<String>,
    plan: String,
    due: Option<String>,
}

/// The reader's relation to signing: their signature, or why they cannot sign.
struct SignState {
    signed: Option<String>,
    can_sign: bool,
    can_withdraw: bool,
    hint: Option<String>,
    /// Where to get verified, when the reader's account is below what signing requires.
    nearest: Vec<crate::centres::CentreCard>,
}

async fn sign_state(s: &AppState, c: &Ctx, ini: &Initiative) -> Result<SignState, AppError> {
    let mut st = SignState {
        signed: None,
        can_sign: false,
        can_withdraw: false,
        hint: None,
        nearest: Vec::new(),
    };
    let Some(v) = &c.viewer else {
        if ini.status == Status::Collecting {
            st.hint = Some(c.t("initiatives-sign-login"));
        }
        return Ok(st);
    };
    if let Some(sig) = ini::signature_of(s, v, ini.id).await? {
        let id = match sig.channel {
            Channel::Paper => "initiatives-signed-paper",
            Channel::Online => "initiatives-signed-online",
        };
        st.signed = Some(c.t_str(id, "date", &date(c, sig.signed_at)));
        st.can_withdraw = may_withdraw(ini.status).is_ok() && sig.channel == Channel::Online;
        return Ok(st);
    }
    if ini.status != Status::Collecting {
        return Ok(st);
    }
    match ini::may_sign_now(s, v, ini).await? {
        Ok(()) => st.can_sign = true,
        Err(r) => {
            if r == SignRefusal::NotVerified {
                st.nearest = crate::centres::nearest(s, c, &v.home).await?;
            }
            st.hint = Some(c.t(messages::sign(r)));
        }
    }
    Ok(st)
}

fn options<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(&'static str) -> String,
    chosen: &str,
) -> Vec<(&'static str, String, bool)> {
    all.iter()
        .map(|x| {
            let k = code(*x);
            (k, label(k), k == chosen)
        })
        .collect()
}

/// The initiative's page, with the forms as typed and why one was refused.
pub(super) async fn page(
    s: &AppState,
    c: &Ctx,
    ini: &Initiative,
    form: ActionForm,
    r: &Rejected,
) -> Result<Response, AppError> {
    let now = s.clock.now();
    let history = ini::history(s, ini.id)
        .await?
        .into_iter()
        .map(|h| {
            let note = match h.kind.as_str() {
                "answered" => AnswerKind::parse(h.note.as_deref().unwrap_or(""))
                    .map(|k| c.t(&format!("initiatives-answer-{}", k.as_str()))),
                _ => h.note,
            };
            let kind = EventKind::parse(&h.kind).unwrap_or(EventKind::Submitted);
            (
                date(c, h.created_at),
                c.t(&format!("initiatives-event-{}", kind.as_str())),
                h.actor,
                note,
            )
        })
        .collect();
    let st = sign_state(s, c, ini).await?;
    let answer = ini.answer.as_ref().map(|a| AnswerView {
        kind: c.t(&format!("initiatives-answer-{}", a.kind.as_str())),
        text_html: markdown::to_html(&a.text),
        url: a.url.clone(),
        plan: a.plan.clone(),
        due: a
            .plan_due
            .map(|d| c.t_str("initiatives-plan-due", "date", &c.lang.date(d))),
    });
    let percent = match ini.required {
        Some(r) if r > 0 => {
            u32::try_from((ini.signatures.max(0) * 100 / r).min(100)).unwrap_or(100)
        }
        _ => 0,
    };
    let answered_kind = ini.answer.as_ref().map(|a| a.kind);
    let (attachments, can_attach) = super::attachments::listed(s, c, ini).await?;
    let p = ShowPage {
        attachments,
        can_attach,
        c,
        id: ini.id.to_string(),
        card: card(c, ini, now),
        kato: ini.territory_kato.to_string(),
        addressee: c.t(&format!("initiatives-addressee-{}", ini.addressee.as_str())),
        author: ini.author_name.clone(),
        submitted: date(c, ini.created_at),
        ask_html: markdown::to_html(&ini.ask),
        reasons_html: markdown::to_html(&ini.reasons),
        percent,
        progress: progress_text(c, ini),
        closed_reason: ini
            .close_reason
            .filter(|_| ini.status == Status::Closed)
            .map(|r| c.t(&format!("initiatives-closed-{}", r.as_str()))),
        return_reason: ini
            .return_reason
            .clone()
            .filter(|_| ini.status == Status::Returned),
        answer,
        history,
        signed: st.signed,
        can_sign: st.can_sign,
        can_withdraw: st.can_withdraw,
        sign_hint: st.hint,
        nearest: st.nearest,
        can_moderate: ini.status == Status::Draft
            && c.may(Action::ModerateInitiative, &ini.territory_path),
        can_edit: ini.status == Status::Returned && is_author(c, ini),
        can_answer: ini.status == Status::MustConsider
            && c.may(Action::AnswerInitiative, &ini.territory_path),
        can_follow_up: ini.status == Status::Answered
            && c.may(Action::AnswerInitiative, &ini.territory_path),
        can_paper: matches!(ini.status, Status::Collecting | Status::MustConsider)
            && c.may(Action::EnterPaperSignatures, &ini.territory_path),
        error: r.message.clone(),
        answer_kinds: options(
            &AnswerKind::ALL,
            AnswerKind::as_str,
            |k| c.t(&format!("initiatives-answer-{k}")),
            &form.kind,
        ),
        steps: options(
            &FollowUp::ALL
                .into_iter()
                .filter(|f| answered_kind != Some(AnswerKind::Rejected) || *f == FollowUp::Closed)
                .collect::<Vec<_>>(),
            FollowUp::as_str,
            |k| c.t(&format!("initiatives-followup-{k}")),
            &form.step,
        ),
        form,
        errors: &r.errors,
    };
    Ok(r.respond(render(&p)?))
}

pub async fn show(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let ini = load_visible(&s, &c, id).await?;
    page(&s, &c, &ini, ActionForm::default(), &Rejected::none()).await
}

fn done(ini: &Initiative, notice: &str) -> Response {
    Redirect::to(&format!("/initiatives/{}?ok={notice}", ini.id)).into_response()
}

async fn transition_result(
    s: &AppState,
    c: &Ctx,
    ini: &Initiative,
    r: Outcome<Refused>,
    notice: &str,
    form: ActionForm,
) -> Result<Response, AppError> {
    match r {
        Outcome::Done => Ok(done(ini, notice)),
        Outcome::Refused(why) => {
            let fresh = ini::get(s, ini.id).await.unwrap_or_else(|_| ini.clone());
            let refused = Rejected::conflict(c.t(messages::refused(why)));
            page(s, c, &fresh, form, &refused).await
        }
    }
}

pub async fn sign(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    require_viewer(&c)?;
    let ini = load_visible(&s, &c, id).await?;
    // Signing is a resident's action where they live (checked again by the use case).
    let v = c.require(Action::SignInitiative, &c.home())?;
    match ini::sign_initiative(&s, v, id).await? {
        SignOutcome::Signed { .. } => Ok(done(&ini, "initiatives-signed")),
        SignOutcome::Refused(why) => {
            let r = Rejected::conflict(c.t(messages::sign(why)));
            page(&s, &c, &ini, ActionForm::default(), &r).await
        }
    }
}

pub async fn withdraw(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let ini = load_visible(&s, &c, id).await?;
    match ini::withdraw_signature(&s, v, id).await? {
        Outcome::Done => Ok(done(&ini, "initiatives-withdrawn")),
        Outcome::Refused(why) => {
            let r = Rejected::conflict(c.t(messages::withdraw(why)));
            page(&s, &c, &ini, ActionForm::default(), &r).await
        }
    }
}

pub async fn publish(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let ini = load_visible(&s, &c, id).await?;
    let r = ini::publish_initiative(&s, v, id).await?;
    let form = ActionForm::default();
    transition_result(&s, &c, &ini, r, "initiatives-published", form).await
}

pub async fn return_to_author(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<ActionForm>,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let ini = load_visible(&s, &c, id).await?;
    if !c.may(Action::ModerateInitiative, &ini.territory_path) {
        return Err(AppError::Forbidden);
    }
    let Ok(reason) = Note::parse(&f.reason) else {
        let mut errors = FieldErrors::default();
        errors.add("reason", c.t("initiatives-err-reason"));
        return page(&s, &c, &ini, f, &Rejected::form_has_errors(&c, errors)).await;
    };
    let r = ini::return_initiative(&s, v, id, &reason).await?;
    transition_result(&s, &c, &ini, r, "initiatives-returned", f).await
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    domain::time::parse_date(s).ok()
}

/// The answer form, parsed; every problem at once.
fn parse_answer(c: &Ctx, f: &ActionForm) -> Result<AnswerInput, FieldErrors> {
    let mut errors = FieldErrors::default();
    let kind = AnswerKind::parse(&f.kind);
    if kind.is_none() {
        errors.add("kind", c.t("initiatives-err-answer-kind"));
    }
    let text = AnswerText::parse(&f.text);
    if text.is_err() {
        errors.add("text", c.t("initiatives-err-answer-text"));
    }
    let url = f.url.trim();
    if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
        errors.add("url", c.t("initiatives-err-url"));
    }
    let due = f.due.trim();
    let plan_due = if due.is_empty() {
        None
    } else {
        parse_date(due)
    };
    if !due.is_empty() && plan_due.is_none() {
        errors.add("due", c.t("initiatives-err-date"));
    }
    match (kind, text) {
        (Some(kind), Ok(text)) if errors.is_empty() => Ok(AnswerInput {
            kind,
            text,
            url: (!url.is_empty()).then(|| url.to_string()),
            plan: f.plan.trim().to_string(),
            plan_due,
        }),
        _ => Err(errors),
    }
}

pub async fn answer(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<ActionForm>,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let ini = load_visible(&s, &c, id).await?;
    if !c.may(Action::AnswerInitiative, &ini.territory_path) {
        return Err(AppError::Forbidden);
    }
    let a = match parse_answer(&c, &f) {
        Ok(a) => a,
        Err(errors) => {
            return page(&s, &c, &ini, f, &Rejected::form_has_errors(&c, errors)).await;
        }
    };
    let r = ini::answer_initiative(&s, v, id, a).await?;
    transition_result(&s, &c, &ini, r, "initiatives-answered", f).await
}

pub async fn follow_up(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<ActionForm>,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let ini = load_visible(&s, &c, id).await?;
    if !c.may(Action::AnswerInitiative, &ini.territory_path) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let step = FollowUp::parse(&f.step);
    if step.is_none() {
        errors.add("step", c.t("initiatives-err-step"));
    }
    let note = Note::parse(&f.note);
    if note.is_err() {
        errors.add("note", c.t("initiatives-err-note"));
    }
    let (Some(step), Ok(note)) = (step, note) else {
        return page(&s, &c, &ini, f, &Rejected::form_has_errors(&c, errors)).await;
    };
    let r = ini::follow_up(&s, v, id, step, &note).await?;
    transition_result(&s, &c, &ini, r, "initiatives-followed-up", f).await
}
