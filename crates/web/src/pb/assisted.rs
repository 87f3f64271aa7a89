//! Assisted voting (`/pb/{id}/assist`): at a participation centre a coordinator finds the
//! registered resident by IIN and records their choice on their behalf, once the resident
//! confirmed it is them (their password, a code sent to their contact, or a registrar's
//! document check) and a witness with an account confirmed being there. A look-up shows
//! nothing about someone who does not live in the cycle's territory, and never an earlier
//! ballot's receipt. The ballot is marked `assisted`; the receipt code is handed to the
//! resident. The cycle's managers see the look-ups and assisted ballots of each coordinator.

use super::paper::{ballot_message, ballot_proposals};
use super::{load_cycle, money};
use crate::accounts::contact::{refusal_message, throttled as codes_throttled};
use crate::extract::{Form, Id};
use crate::pages::{render, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::pb::assisted::{
    self, AssistInput, AssistOutcome, CodeSent, Confirm, Lookup, Problems, Voter,
};
use app::pb::ballots::{Cycle, Territory};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use domain::pb::assisted::{ConfirmRefusal, WitnessError};
use domain::pb::{BallotType, Ineligible};
use domain::Action;
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new().route("/pb/{id}/assist", get(form).post(submit))
}

pub struct Choice {
    id: Uuid,
    number: usize,
    title: String,
    cost: String,
    checked: bool,
}

/// The resident found by IIN (only someone who may vote now).
pub struct Found {
    name: String,
    village: String,
    age: String,
    /// A code can be sent to them.
    has_contact: bool,
}

/// One coordinator's figures, for the cycle's managers.
pub struct CountRow {
    name: String,
    lookups: String,
    ballots: String,
}

#[derive(Template)]
#[template(path = "pb/assisted.html")]
struct AssistPage<'a> {
    c: &'a Ctx,
    id: Uuid,
    cycle_title: String,
    iin: String,
    witness: String,
    /// The confirmation chosen: `password`, `code` or `document` (or nothing yet).
    confirm: String,
    registrar: String,
    errors: &'a FieldErrors,
    /// Why the resident cannot vote here, or what is wrong with the form.
    problem: Option<String>,
    /// What just happened (a code was sent).
    notice: Option<String>,
    found: Option<Found>,
    /// The receipt of the ballot recorded now.
    receipt: Option<String>,
    rules: String,
    multiple: bool,
    choices: Vec<Choice>,
    /// Look-ups and assisted ballots per coordinator (`None`: not a manager of the cycle).
    counts: Option<Vec<CountRow>>,
}

/// What the coordinator typed; secrets (passwords, codes) are never shown again.
#[derive(Default)]
struct Typed {
    iin: String,
    witness: String,
    confirm: String,
    registrar: String,
    chosen: Vec<Uuid>,
}

fn rules_text(c: &Ctx, cy: &Cycle) -> String {
    match cy.ballot {
        BallotType::OneVote => c.t("pb-assisted-rule-one"),
        BallotType::UpTo(k) => c.t_num("pb-assisted-rule-up-to", "k", i64::from(k)),
        BallotType::Knapsack => c.t_str(
            "pb-assisted-rule-knapsack",
            "budget",
            &money(c, cy.envelope.total(None)),
        ),
    }
}

/// What the search or the recording found; why it went no further is the page's `Rejected`.
#[derive(Default)]
struct Outcome {
    found: Option<Found>,
    receipt: Option<String>,
    notice: Option<String>,
}

async fn page(
    s: &AppState,
    c: &Ctx,
    (cy, t): (&Cycle, &Territory),
    typed: Typed,
    o: Outcome,
    r: &Rejected,
) -> Result<Response, AppError> {
    let choices = ballot_proposals(s, cy)
        .await?
        .into_iter()
        .enumerate()
        .map(|(i, p)| Choice {
            checked: typed.chosen.contains(&p.id),
            id: p.id,
            number: i + 1,
            title: p.title,
            cost: money(c, p.cost),
        })
        .collect();
    let counts = match c.viewer.as_ref() {
        Some(v) if c.may(Action::ManageCycle, &t.path) => Some(
            assisted::coordinator_counts(&s.app, v, cy.id)
                .await?
                .into_iter()
                .map(|n| CountRow {
                    name: n.name,
                    lookups: c.number(n.lookups),
                    ballots: c.number(n.ballots),
                })
                .collect(),
        ),
        _ => None,
    };
    let p = AssistPage {
        c,
        id: cy.id,
        cycle_title: super::cycle_title(c, cy, t),
        iin: typed.iin,
        witness: typed.witness,
        confirm: typed.confirm,
        registrar: typed.registrar,
        errors: &r.errors,
        problem: r.message.clone(),
        notice: o.notice,
        found: o.found,
        receipt: o.receipt,
        rules: rules_text(c, cy),
        multiple: cy.ballot != BallotType::OneVote,
        choices,
        counts,
    };
    Ok(r.respond(render(&p)?))
}

async fn form(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    c.require(Action::AssistVoter, &t.path)?;
    let r = match app::pb::ballots::open_today(&s.app, &cy) {
        Ok(_) => Rejected::none(),
        Err(_) => Rejected::none().with_message(c.t("pb-assisted-closed")),
    };
    page(&s, &c, (&cy, &t), Typed::default(), Outcome::default(), &r).await
}

async fn submit(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let actor = c.require(Action::AssistVoter, &t.path)?;
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let line = |name: &str| field(name).trim().chars().take(200).collect::<String>();
    let typed = Typed {
        iin: field("iin").trim().chars().take(20).collect(),
        witness: line("witness"),
        confirm: match field("confirm").as_str() {
            c @ ("password" | "code" | "document") => c.to_string(),
            _ => String::new(),
        },
        registrar: line("registrar"),
        chosen: fields
            .iter()
            .filter(|(k, _)| k == "choice")
            .filter_map(|(_, v)| Uuid::parse_str(v).ok())
            .collect(),
    };
    let mut o = Outcome::default();
    let here = (&cy, &t);
    if !field("send_code").is_empty() {
        let (voter, r) = match assisted::send_resident_code(&s.app, actor, cy.id, &typed.iin)
            .await?
        {
            CodeSent::NotReady(lookup) => {
                let r = lookup_result(&c, lookup);
                return page(&s, &c, here, typed, o, &r).await;
            }
            CodeSent::Sent(v) => {
                o.notice = Some(c.t("pb-assisted-code-sent"));
                (v, Rejected::none())
            }
            CodeSent::NoContact(v) => (v, Rejected::field("code", c.t("pb-assisted-code-none"))),
            CodeSent::Throttled { voter, minutes } => (voter, codes_throttled(&c, minutes)),
        };
        let typed = Typed {
            confirm: "code".into(),
            ..typed
        };
        o.found = Some(found(&c, &voter));
        return page(&s, &c, here, typed, o, &r).await;
    }
    if field("step") != "record" {
        let lookup = assisted::find_voter(&s.app, actor, cy.id, &typed.iin).await?;
        if let Lookup::Found(v) = &lookup {
            o.found = Some(found(&c, v));
        }
        let r = lookup_result(&c, lookup);
        return page(&s, &c, here, typed, o, &r).await;
    }
    let secret = |name: &str| Some(field(name)).filter(|v| !v.is_empty());
    let confirm = match typed.confirm.as_str() {
        "password" => secret("password").map(Confirm::Password),
        "code" => secret("code").map(Confirm::Code),
        "document" => secret("registrar_password")
            .filter(|_| !typed.registrar.is_empty())
            .map(|password| Confirm::Document {
                registrar: typed.registrar.clone(),
                password,
            }),
        _ => None,
    };
    let witness_secret = field("witness_secret");
    let input = AssistInput {
        iin: &typed.iin,
        chosen: &typed.chosen,
        witness: &typed.witness,
        witness_secret: &witness_secret,
        confirm: confirm.unwrap_or_default(),
    };
    match assisted::assist_voter(&s.app, actor, cy.id, &input).await? {
        AssistOutcome::NotReady(lookup) => {
            let r = lookup_result(&c, lookup);
            page(&s, &c, here, typed, o, &r).await
        }
        AssistOutcome::Invalid { voter, problems } => {
            o.found = Some(found(&c, &voter));
            page(&s, &c, here, typed, o, &refused(&c, problems)).await
        }
        AssistOutcome::Recorded { receipt, .. } => {
            o.receipt = Some(receipt);
            page(&s, &c, here, Typed::default(), o, &Rejected::none()).await
        }
        AssistOutcome::AlreadyVoted { .. } => {
            // Someone recorded their ballot meanwhile: as for a look-up, nothing more is shown.
            let r = Rejected::conflict(c.t("pb-assisted-already"));
            page(&s, &c, here, Typed::default(), o, &r).await
        }
    }
}

/// The record form refused, field by field (429 when the passwords typed are over the limit).
fn refused(c: &Ctx, problems: Problems) -> Rejected {
    let mut errors = FieldErrors::default();
    if let Some(e) = problems.ballot {
        errors.add("choice", ballot_message(c, &e));
    }
    if let Some(e) = problems.witness {
        errors.add("witness", witness_message(c, e));
    }
    let throttled = matches!(
        problems.confirmation,
        Some(ConfirmRefusal::Throttled { .. })
    );
    if let Some(e) = problems.confirmation {
        errors.add(confirm_field(e), confirm_message(c, e));
    }
    let r = Rejected::form_has_errors(c, errors);
    if throttled {
        r.with_status(StatusCode::TOO_MANY_REQUESTS)
    } else {
        r
    }
}

fn found(c: &Ctx, v: &Voter) -> Found {
    Found {
        name: v.user.display_name.clone(),
        village: v.village.name(c.lang.code()).to_string(),
        age: c.t_num("pb-assisted-age", "age", i64::from(v.age)),
        has_contact: v.has_contact,
    }
}

/// What a search by IIN found, on the page (nothing recorded). Nothing but the answer itself
/// is shown unless the resident may vote.
fn lookup_result(c: &Ctx, lookup: Lookup) -> Rejected {
    match lookup {
        Lookup::Closed(_) => Rejected::conflict(c.t("pb-assisted-closed")),
        Lookup::BadIin => Rejected::field("iin", c.t("pb-paper-err-iin")),
        Lookup::Throttled { minutes } => Rejected::refused(
            StatusCode::TOO_MANY_REQUESTS,
            c.t_num("pb-assisted-throttled", "minutes", minutes),
        ),
        Lookup::NotHere => Rejected::unprocessable(c.t("pb-assisted-not-here")),
        Lookup::Voted => Rejected::conflict(c.t("pb-assisted-already")),
        Lookup::Ineligible(e) => Rejected::unprocessable(match e {
            Ineligible::TooYoung(age) => c.t_num("pb-paper-err-age", "age", i64::from(age)),
            // Not reached: someone living elsewhere is `NotHere`.
            Ineligible::NotResident => c.t("pb-assisted-not-here"),
            Ineligible::NotVerified(_) => c.t("pb-assisted-not-verified"),
        }),
        Lookup::Found(_) => Rejected::none(),
    }
}

fn witness_message(c: &Ctx, e: WitnessError) -> String {
    c.t(match e {
        WitnessError::NotAContact => "pb-assisted-err-witness-contact",
        WitnessError::NotConfirmed => "pb-assisted-err-witness-unconfirmed",
        WitnessError::IsCoordinator => "pb-assisted-err-witness-coordinator",
        WitnessError::IsVoter => "pb-assisted-err-witness-voter",
        WitnessError::IsRegistrar => "pb-assisted-err-witness-registrar",
    })
}

/// The field a refused confirmation is shown under.
fn confirm_field(e: ConfirmRefusal) -> &'static str {
    match e {
        ConfirmRefusal::Missing | ConfirmRefusal::Throttled { .. } => "confirm",
        ConfirmRefusal::PasswordWrong => "password",
        ConfirmRefusal::Code(_) => "code",
        ConfirmRefusal::RegistrarNotConfirmed
        | ConfirmRefusal::NotRegistrar
        | ConfirmRefusal::RegistrarIsCoordinator
        | ConfirmRefusal::RegistrarIsVoter => "registrar",
    }
}

fn confirm_message(c: &Ctx, e: ConfirmRefusal) -> String {
    match e {
        ConfirmRefusal::Missing => c.t("pb-assisted-err-confirm"),
        ConfirmRefusal::PasswordWrong => c.t("pb-assisted-err-password"),
        ConfirmRefusal::Code(r) => refusal_message(c, r),
        ConfirmRefusal::Throttled { minutes } => c.t_num("login-throttled", "minutes", minutes),
        ConfirmRefusal::RegistrarNotConfirmed => c.t("pb-assisted-err-registrar"),
        ConfirmRefusal::NotRegistrar => c.t("pb-assisted-err-not-registrar"),
        ConfirmRefusal::RegistrarIsCoordinator => c.t("pb-assisted-err-registrar-coordinator"),
        ConfirmRefusal::RegistrarIsVoter => c.t("pb-assisted-err-registrar-voter"),
    }
}
