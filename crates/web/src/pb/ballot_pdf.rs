//! The printable ballot of a cycle (`/pb/{id}/ballot.pdf`), in Kazakh and Russian whatever
//! the reader's language: the admitted projects with the numbers coordinators type in from
//! paper, a box to mark beside each, and fields for the IIN and the signature.

use super::load_cycle;
use super::paper::ballot_proposals;
use crate::extract::Id;
use crate::i18n::{Arg, Lang};
use crate::{AppError, AppState};
use app::pb::ballots::{Cycle, Proposal, Territory};
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use domain::pb::{BallotType, Stage};

pub fn routes() -> Router<AppState> {
    Router::new().route("/pb/{id}/ballot.pdf", get(ballot))
}

fn both(id: &str) -> String {
    format!("{}\n{}", Lang::Kk.t(id), Lang::Ru.t(id))
}

fn rule(l: Lang, cy: &Cycle) -> String {
    match cy.ballot {
        BallotType::OneVote => l.t("pb-ballot-pdf-rule-one"),
        BallotType::UpTo(k) => {
            l.t_args("pb-ballot-pdf-rule-up-to", &[("k", Arg::Num(i64::from(k)))])
        }
        BallotType::Knapsack => l.t_args(
            "pb-ballot-pdf-rule-knapsack",
            &[("budget", Arg::Str(cy.envelope.total(None).format(l.code())))],
        ),
    }
}

fn sheet(
    cy: &Cycle,
    t: &Territory,
    villages: &[Territory],
    proposals: &[Proposal],
) -> pdf::BallotPaper {
    let (kk, ru) = (Lang::Kk, Lang::Ru);
    let title = |l: Lang| {
        l.t_args(
            "pb-cycle-title",
            &[
                ("year", Arg::Str(cy.year.to_string())),
                ("territory", Arg::Str(t.name(l.code()).to_string())),
            ],
        )
    };
    let dates = |l: Lang| {
        l.t_args(
            "pb-ballot-pdf-dates",
            &[
                ("start", Arg::Str(l.date(cy.schedule.voting_start))),
                ("end", Arg::Str(l.date(cy.schedule.voting_end))),
            ],
        )
    };
    let village = |id| {
        villages
            .iter()
            .find(|v| v.id == id)
            .map(|v| {
                if v.name_kk == v.name_ru {
                    v.name_kk.clone()
                } else {
                    format!("{} / {}", v.name_kk, v.name_ru)
                }
            })
            .unwrap_or_default()
    };
    pdf::BallotPaper {
        headings: vec![kk.t("pb-ballot-pdf-heading"), ru.t("pb-ballot-pdf-heading")],
        titles: vec![title(kk), title(ru)],
        facts: vec![dates(kk), dates(ru)],
        instructions: vec![
            format!("{} {}", rule(kk, cy), kk.t("pb-ballot-pdf-how")),
            format!("{} {}", rule(ru, cy), ru.t("pb-ballot-pdf-how")),
        ],
        columns: [
            "№".into(),
            both("pb-ballot-pdf-col-project"),
            both("pb-ballot-pdf-col-village"),
            both("pb-ballot-pdf-col-cost"),
            both("pb-ballot-pdf-col-mark"),
        ],
        projects: proposals
            .iter()
            .enumerate()
            .map(|(i, p)| pdf::BallotProject {
                number: i + 1,
                title: p.title.clone(),
                village: village(p.village_id),
                cost: p.cost.format("kk"),
            })
            .collect(),
        fields: [
            both("pb-ballot-pdf-field-number"),
            both("pb-ballot-pdf-field-iin"),
            both("pb-ballot-pdf-field-signature"),
        ],
        footer: vec![
            kk.t("pb-ballot-pdf-footer"),
            ru.t("pb-ballot-pdf-footer"),
            format!("Qatysu · {}", cy.id),
        ],
    }
}

async fn ballot(State(s): State<AppState>, Id(id): Id) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let proposals = ballot_proposals(&s, &cy).await?;
    // A ballot exists once the council has admitted projects to the vote.
    if cy.stage < Stage::Discussion || proposals.is_empty() {
        return Err(AppError::NotFound);
    }
    let villages = app::pb::paper::villages(&s.app, &t).await?;
    let paper = sheet(&cy, &t, &villages, &proposals);
    crate::pages::pdf_response(format!("qatysu-ballot-{}.pdf", cy.id), move || {
        pdf::ballot(&paper)
    })
    .await
}
