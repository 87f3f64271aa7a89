//! Assisted voting (`/pb/{id}/assist`): at a participation centre a coordinator finds the
//! registered resident by IIN, checks that they may vote (territory, age on the last voting
//! day, verification level), and records their choice on their behalf with a witness. The
//! ballot is marked `assisted`; the receipt code is handed to the resident.

use super::paper::{ballot_message, ballot_proposals};
use super::{load_cycle, money};
use crate::extract::Id;
use crate::pages::{render, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::pb::assisted::{self, AssistOutcome, Lookup, Voter};
use app::pb::ballots::{Cycle, Territory};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
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

/// The resident found by IIN.
pub struct Found {
    name: String,
    village: String,
    age: String,
}

#[derive(Template)]
#[template(path = "pb/assisted.html")]
struct AssistPage<'a> {
    c: &'a Ctx,
    id: Uuid,
    cycle_title: String,
    iin: String,
    witness: String,
    errors: &'a FieldErrors,
    /// Why the resident cannot vote here (not found, not eligible, voting closed).
    problem: Option<String>,
    found: Option<Found>,
    /// Set when the resident has a ballot: only the receipt is shown.
    receipt: Option<String>,
    recorded: bool,
    rules: String,
    multiple: bool,
    choices: Vec<Choice>,
}

#[derive(Default)]
struct Typed {
    iin: String,
    witness: String,
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
    recorded: bool,
}

/// The page; `r.message` is the problem with the resident (it may come with a 200: an earlier
/// ballot's receipt is an answer, not a refusal).
async fn page(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
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
    let p = AssistPage {
        c,
        id: cy.id,
        cycle_title: super::cycle_title(c, cy, t),
        iin: typed.iin,
        witness: typed.witness,
        errors: &r.errors,
        problem: r.message.clone(),
        found: o.found,
        receipt: o.receipt,
        recorded: o.recorded,
        rules: rules_text(c, cy),
        multiple: cy.ballot != BallotType::OneVote,
        choices,
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
    page(&s, &c, &cy, &t, Typed::default(), Outcome::default(), &r).await
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
    let typed = Typed {
        iin: field("iin").trim().chars().take(20).collect(),
        witness: field("witness")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        chosen: fields
            .iter()
            .filter(|(k, _)| k == "choice")
            .filter_map(|(_, v)| Uuid::parse_str(v).ok())
            .collect(),
    };
    let recording = field("step") == "record";
    let mut o = Outcome::default();
    let outcome = if recording {
        let (iin, witness) = (&typed.iin, &typed.witness);
        assisted::assist_voter(&s.app, actor, cy.id, iin, witness, &typed.chosen).await?
    } else {
        AssistOutcome::NotReady(assisted::find_voter(&s.app, actor, cy.id, &typed.iin).await?)
    };
    let (voter, r) = match outcome {
        AssistOutcome::NotReady(lookup) => {
            let r = lookup_result(&c, lookup, &mut o);
            return page(&s, &c, &cy, &t, typed, o, &r).await;
        }
        AssistOutcome::Invalid {
            voter,
            witness,
            ballot,
        } => {
            let mut errors = FieldErrors::default();
            if witness.is_some() {
                errors.add("witness", c.t("pb-assisted-err-witness"));
            }
            if let Some(e) = ballot {
                errors.add("choice", ballot_message(&c, &e));
            }
            (voter, Rejected::invalid(errors))
        }
        AssistOutcome::Recorded { voter, receipt } => {
            o.recorded = true;
            o.receipt = Some(receipt);
            (voter, Rejected::none())
        }
        AssistOutcome::AlreadyVoted { voter, receipt } => {
            o.receipt = Some(receipt);
            (voter, already(&c))
        }
    };
    o.found = Some(found(&c, &voter));
    page(&s, &c, &cy, &t, typed, o, &r).await
}

fn found(c: &Ctx, v: &Voter) -> Found {
    Found {
        name: v.user.display_name.clone(),
        village: v
            .village
            .as_ref()
            .map(|h| h.name(c.lang.code()).to_string())
            .unwrap_or_default(),
        age: c.t_num("pb-assisted-age", "age", i64::from(v.age)),
    }
}

/// The resident has a ballot already: its receipt is shown, which is an answer (200).
fn already(c: &Ctx) -> Rejected {
    Rejected::none().with_message(c.t("pb-assisted-already"))
}

/// What a search by IIN found, on the page (nothing recorded).
fn lookup_result(c: &Ctx, lookup: Lookup, o: &mut Outcome) -> Rejected {
    match lookup {
        Lookup::Closed(_) => Rejected::conflict(c.t("pb-assisted-closed")),
        Lookup::BadIin => Rejected::field("iin", c.t("pb-paper-err-iin")),
        Lookup::NotFound => Rejected::unprocessable(c.t("pb-assisted-not-found")),
        Lookup::Found(v) => {
            o.found = Some(found(c, &v));
            if let Some(receipt) = &v.receipt {
                o.receipt = Some(receipt.clone());
                already(c)
            } else if let Some(e) = &v.ineligible {
                Rejected::unprocessable(match e {
                    Ineligible::TooYoung(age) => {
                        c.t_num("pb-paper-err-age", "age", i64::from(*age))
                    }
                    Ineligible::NotResident => c.t("pb-assisted-not-resident"),
                    Ineligible::NotVerified(_) => c.t("pb-assisted-not-verified"),
                })
            } else {
                Rejected::none()
            }
        }
    }
}
