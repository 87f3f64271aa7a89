//! Assisted voting (`/pb/{id}/assist`): at a participation centre a coordinator finds the
//! registered resident by IIN, checks that they may vote (territory, age on the last voting
//! day, verification level), and records their choice on their behalf with a witness. The
//! ballot is marked `assisted`; the receipt code is handed to the resident.

use super::paper::{ballot_message, ballot_proposals};
use super::{load_cycle, money};
use crate::extract::Id;
use crate::pages::{render, Ctx, FieldErrors};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use domain::pb::{BallotType, Ineligible, Stage};
use domain::{Action, Iin, Kato};
use store::pb::assisted::{self, AssistedBallot};
use store::pb::ballots::{self, Cast};
use store::pb::Cycle;
use store::territories::Territory;
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
    errors: FieldErrors,
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

/// Whether voting is open today.
fn closed(c: &Ctx, cy: &Cycle, today: chrono::NaiveDate) -> Option<String> {
    let open = cy.stage == Stage::Voting
        && today >= cy.schedule.voting_start
        && today <= cy.schedule.voting_end;
    (!open).then(|| c.t("pb-assisted-closed"))
}

struct Outcome {
    errors: FieldErrors,
    problem: Option<String>,
    found: Option<Found>,
    receipt: Option<String>,
    recorded: bool,
    status: StatusCode,
}

impl Outcome {
    fn new() -> Outcome {
        Outcome {
            errors: FieldErrors::default(),
            problem: None,
            found: None,
            receipt: None,
            recorded: false,
            status: StatusCode::OK,
        }
    }
}

async fn page(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
    typed: Typed,
    o: Outcome,
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
        errors: o.errors,
        problem: o.problem,
        found: o.found,
        receipt: o.receipt,
        recorded: o.recorded,
        rules: rules_text(c, cy),
        multiple: cy.ballot != BallotType::OneVote,
        choices,
    };
    Ok((o.status, render(&p)?).into_response())
}

async fn form(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    c.require(Action::AssistVoter, &t.path)?;
    let mut o = Outcome::new();
    o.problem = closed(&c, &cy, s.clock.today());
    page(&s, &c, &cy, &t, Typed::default(), o).await
}

async fn submit(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let by = c.require(Action::AssistVoter, &t.path)?.user.id;
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
    let mut o = Outcome::new();
    o.status = StatusCode::UNPROCESSABLE_ENTITY;
    if let Some(p) = closed(&c, &cy, s.clock.today()) {
        o.problem = Some(p);
        o.status = StatusCode::CONFLICT;
        return page(&s, &c, &cy, &t, typed, o).await;
    }
    let iin = match Iin::parse(&typed.iin) {
        Ok(i) => i,
        Err(_) => {
            o.errors.add("iin", c.t("pb-paper-err-iin"));
            return page(&s, &c, &cy, &t, typed, o).await;
        }
    };
    let person = s.keys.iin.fingerprint(&iin);
    let user = match assisted::account_of(&s.db, &person).await? {
        Some(u) => store::accounts::by_id(&s.db, u).await?,
        None => None,
    };
    let Some(user) = user else {
        o.problem = Some(c.t("pb-assisted-not-found"));
        return page(&s, &c, &cy, &t, typed, o).await;
    };
    let home = store::territories::by_id(&s.db, user.residence_id).await?;
    let lang = c.lang.code();
    let today = s.clock.today();
    o.found = Some(Found {
        name: user.display_name.clone(),
        village: home
            .as_ref()
            .map(|h| h.name(lang).to_string())
            .unwrap_or_default(),
        age: c.t_num(
            "pb-assisted-age",
            "age",
            i64::from(domain::accounts::age_on(user.birth_date, today)),
        ),
    });
    if let Some(receipt) = ballots::receipt_of(&s.db, cy.id, &person).await? {
        o.receipt = Some(receipt);
        o.problem = Some(c.t("pb-assisted-already"));
        o.status = StatusCode::OK;
        return page(&s, &c, &cy, &t, typed, o).await;
    }
    let path: Vec<Kato> = home.as_ref().map(|h| h.path.clone()).unwrap_or_default();
    let check = cy.eligibility.check(
        user.birth_date,
        user.verification_level,
        &path,
        &t.kato,
        cy.schedule.voting_end,
    );
    if let Err(e) = check {
        o.problem = Some(match e {
            Ineligible::TooYoung(age) => c.t_num("pb-paper-err-age", "age", i64::from(age)),
            Ineligible::NotResident => c.t("pb-assisted-not-resident"),
            Ineligible::NotVerified(_) => c.t("pb-assisted-not-verified"),
        });
        return page(&s, &c, &cy, &t, typed, o).await;
    }
    if !recording {
        o.status = StatusCode::OK;
        return page(&s, &c, &cy, &t, typed, o).await;
    }
    if typed
        .witness
        .chars()
        .filter(|ch| ch.is_alphabetic())
        .count()
        < 2
        || typed.witness.chars().count() > 100
    {
        o.errors.add("witness", c.t("pb-assisted-err-witness"));
    }
    let proposals = ballot_proposals(&s, &cy).await?;
    let cost = |pid: &Uuid| proposals.iter().find(|p| p.id == *pid).map(|p| p.cost);
    if let Err(e) = cy
        .ballot
        .validate(&typed.chosen, cost, cy.envelope.total(None))
    {
        o.errors.add("choice", ballot_message(&c, &e));
    }
    if !o.errors.is_empty() {
        return page(&s, &c, &cy, &t, typed, o).await;
    }
    let b = AssistedBallot {
        cycle_id: cy.id,
        person_hash: person,
        voter_id: user.id,
        village_id: user.residence_id,
        entered_by: by,
        witness: typed.witness.clone(),
        choices: typed.chosen.clone(),
        receipt: super::voting::receipt_code(),
    };
    let (receipt, problem) = match assisted::cast(&s.db, &b, s.clock.now()).await? {
        Cast::New { receipt } | Cast::Replaced { receipt } => {
            tracing::info!(cycle = %cy.id, "assisted ballot recorded");
            o.recorded = true;
            (receipt, None)
        }
        Cast::AlreadyVoted { receipt } => (receipt, Some(c.t("pb-assisted-already"))),
    };
    o.receipt = Some(receipt);
    o.problem = problem;
    o.status = StatusCode::OK;
    page(&s, &c, &cy, &t, typed, o).await
}
