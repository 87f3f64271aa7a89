//! Online voting: the ballot page, casting (one ballot per person, by the database), and the
//! receipt a voter checks later.

use super::{load_cycle, money};
use crate::extract::Id;
use crate::pages::{render, require_viewer, Ctx};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use domain::pb::{BallotError, BallotType, Channel, Ineligible, ProposalStatus, Stage};
use domain::Kato;
use rand::Rng;
use serde::Deserialize;
use store::pb::ballots::{self, Cast, NewBallot};
use store::pb::Cycle;
use store::territories::Territory;
use uuid::Uuid;

pub struct Choice {
    id: Uuid,
    title: String,
    cost: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "pb/vote.html")]
struct VotePage<'a> {
    c: &'a Ctx,
    id: Uuid,
    cycle_title: String,
    rules: String,
    multiple: bool,
    choices: Vec<Choice>,
    receipt: Option<String>,
    error: Option<String>,
}

/// Why this viewer cannot vote now, if they cannot.
async fn obstacle(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
) -> Result<Option<String>, AppError> {
    let v = require_viewer(c)?;
    let today = s.clock.today();
    if cy.stage != Stage::Voting || today < cy.schedule.voting_start {
        return Ok(Some(c.t("pb-vote-err-not-open")));
    }
    if today > cy.schedule.voting_end {
        return Ok(Some(c.t_str(
            "pb-vote-err-closed",
            "date",
            &c.lang.date(cy.schedule.voting_end),
        )));
    }
    let home: Vec<Kato> = store::territories::by_id(&s.db, v.user.residence_id)
        .await?
        .map(|h| h.path)
        .unwrap_or_default();
    let check = cy.eligibility.check(
        v.user.birth_date,
        v.user.verification_level,
        &home,
        &t.kato,
        cy.schedule.voting_end,
    );
    Ok(check.err().map(|e| match e {
        Ineligible::TooYoung(age) => c.t_num("pb-vote-err-age", "age", i64::from(age)),
        Ineligible::NotResident => c.t("pb-vote-err-resident"),
        Ineligible::NotVerified(_) => c.t("pb-vote-err-verification"),
    }))
}

fn rules_text(c: &Ctx, cy: &Cycle) -> String {
    match cy.ballot {
        BallotType::OneVote => c.t("pb-vote-rule-one"),
        BallotType::UpTo(k) => c.t_num("pb-vote-rule-up-to", "k", i64::from(k)),
        BallotType::Knapsack => c.t_str(
            "pb-vote-rule-knapsack",
            "budget",
            &money(c, cy.envelope.total(None)),
        ),
    }
}

async fn vote_page(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
    chosen: &[Uuid],
    error: Option<String>,
) -> Result<Response, AppError> {
    let v = require_viewer(c)?;
    let person = store::accounts::person_hash(&s.db, v.user.id).await?;
    let receipt = ballots::receipt_of(&s.db, cy.id, &person).await?;
    let choices = store::pb::proposals::of_cycle(&s.db, cy.id)
        .await?
        .into_iter()
        .filter(|p| p.status == ProposalStatus::Admitted)
        .map(|p| Choice {
            checked: chosen.contains(&p.id),
            id: p.id,
            title: p.title,
            cost: money(c, p.cost),
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = VotePage {
        c,
        id: cy.id,
        cycle_title: super::cycle_title(c, cy, t),
        rules: rules_text(c, cy),
        multiple: cy.ballot != BallotType::OneVote,
        choices,
        receipt,
        error,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn form(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let error = obstacle(&s, &c, &cy, &t).await?;
    vote_page(&s, &c, &cy, &t, &[], error).await
}

/// A receipt code: ten characters from an alphabet without look-alikes (0/O, 1/I, 2/Z, 5/S,
/// 8/B), easy to read out over the phone.
pub(super) fn receipt_code() -> String {
    const ALPHABET: &[u8] = b"ACDEFGHJKLMNPQRTUVWXY3479";
    let mut rng = rand::rng();
    (0..10)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

pub async fn cast(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let chosen: Vec<Uuid> = fields
        .iter()
        .filter(|(k, _)| k == "choice")
        .filter_map(|(_, v)| Uuid::parse_str(v).ok())
        .collect();
    if let Some(reason) = obstacle(&s, &c, &cy, &t).await? {
        return vote_page(&s, &c, &cy, &t, &chosen, Some(reason)).await;
    }
    let v = require_viewer(&c)?;
    let admitted: Vec<_> = store::pb::proposals::of_cycle(&s.db, cy.id)
        .await?
        .into_iter()
        .filter(|p| p.status == ProposalStatus::Admitted)
        .collect();
    let cost = |pid: &Uuid| admitted.iter().find(|p| p.id == *pid).map(|p| p.cost);
    if let Err(e) = cy.ballot.validate(&chosen, cost, cy.envelope.total(None)) {
        let msg = match e {
            BallotError::Empty => c.t("pb-vote-err-empty"),
            BallotError::TooMany { max } => c.t_num("pb-vote-err-too-many", "max", i64::from(max)),
            BallotError::Duplicate | BallotError::UnknownProject => c.t("pb-vote-err-unknown"),
            BallotError::OverBudget { spent, budget } => c.lang.t_args(
                "pb-vote-err-over-budget",
                &[
                    ("spent", crate::i18n::Arg::Str(money(&c, spent))),
                    ("budget", crate::i18n::Arg::Str(money(&c, budget))),
                ],
            ),
        };
        return vote_page(&s, &c, &cy, &t, &chosen, Some(msg)).await;
    }
    let ballot = NewBallot {
        cycle_id: cy.id,
        person_hash: store::accounts::person_hash(&s.db, v.user.id).await?,
        voter_id: Some(v.user.id),
        channel: Channel::Web,
        entered_by: None,
        choices: chosen.clone(),
        receipt: receipt_code(),
    };
    // One-vote ballots are irrevocable, as in eGov Mobile; others follow the cycle's setting.
    let changes = cy.changes_allowed && cy.ballot != BallotType::OneVote;
    match ballots::cast(&s.db, &ballot, changes, s.clock.now()).await? {
        Cast::New { .. } => {
            tracing::info!(cycle = %cy.id, "ballot cast");
            Ok(Redirect::to(&format!("/pb/{}/vote?ok=pb-vote-cast", cy.id)).into_response())
        }
        Cast::Replaced { .. } => {
            Ok(Redirect::to(&format!("/pb/{}/vote?ok=pb-vote-replaced", cy.id)).into_response())
        }
        Cast::AlreadyVoted { .. } => {
            vote_page(&s, &c, &cy, &t, &chosen, Some(c.t("pb-vote-err-already"))).await
        }
    }
}

#[derive(Template)]
#[template(path = "pb/receipt.html")]
struct ReceiptPage<'a> {
    c: &'a Ctx,
    id: Uuid,
    cycle_title: String,
    code: String,
    result: Option<String>,
    found: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReceiptQuery {
    code: String,
}

pub async fn receipt(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Query(q): Query<ReceiptQuery>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let code: String = q
        .code
        .trim()
        .to_uppercase()
        .chars()
        .filter(|ch| ch.is_ascii_alphanumeric())
        .take(20)
        .collect();
    let (result, found) = if code.is_empty() {
        (None, false)
    } else {
        match ballots::check_receipt(&s.db, cy.id, &code).await? {
            Some(r) => (
                Some(c.lang.t_args(
                    "pb-receipt-found",
                    &[
                        ("date", crate::i18n::Arg::Str(c.lang.date_of(r.cast_at))),
                        (
                            "channel",
                            crate::i18n::Arg::Str(
                                c.t(&format!("pb-channel-{}", r.channel.as_str())),
                            ),
                        ),
                        ("count", crate::i18n::Arg::Num(r.choices as i64)),
                    ],
                )),
                true,
            ),
            None => (Some(c.t("pb-receipt-not-found")), false),
        }
    };
    let page = ReceiptPage {
        c: &c,
        id: cy.id,
        cycle_title: super::cycle_title(&c, &cy, &t),
        code,
        result,
        found,
    };
    Ok(render(&page)?.into_response())
}
