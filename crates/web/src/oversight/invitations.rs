//! Invitations to a cycle's expert council or monitoring group, answered on the account page
//! (security review M5): accept or decline, each a CSRF-protected POST.

use crate::extract::Id;
use crate::i18n::Arg;
use crate::pages::{require_viewer, Ctx, Rejected};
use crate::{AppError, AppState};
use app::oversight::invitations::{Answered, Body, DutyConflict};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

/// Why a person may not take a seat, in words (the inviter's form and the invitee's page).
pub fn conflict_message(c: &Ctx, e: DutyConflict) -> String {
    c.t(match e {
        DutyConflict::Yourself => "oversight-refused-yourself",
        DutyConflict::Coordinator => "oversight-refused-coordinator",
        DutyConflict::OtherBody(Body::ExpertCouncil) => "oversight-refused-council-member",
        DutyConflict::OtherBody(Body::MonitoringGroup) => "oversight-refused-group-member",
    })
}

fn cycle_name(c: &Ctx, year: i32, kk: &str, ru: &str) -> String {
    let territory = if c.lang.code() == "ru" { ru } else { kk };
    c.lang.t_args(
        "pb-cycle-title",
        &[
            ("year", Arg::Str(year.to_string())),
            ("territory", Arg::Str(territory.to_string())),
        ],
    )
}

/// One pending invitation as its addressee sees it.
pub struct PendingRow {
    pub id: String,
    /// "Expert council of Participation budget 2027: …"
    pub what: String,
    pub cycle_href: String,
    /// Who invited, and when.
    pub from: String,
}

/// One seat the person holds: (what, link to the cycle).
pub type SeatRow = (String, String);

/// The account page's invitations and seats.
pub struct AccountPart {
    pub invitations: Vec<PendingRow>,
    pub seats: Vec<SeatRow>,
}

pub async fn account_part(s: &AppState, c: &Ctx) -> Result<AccountPart, AppError> {
    let v = require_viewer(c)?;
    let invitations = app::oversight::invitations::addressed(&s.app, v)
        .await?
        .into_iter()
        .map(|i| {
            let cycle = cycle_name(c, i.year, &i.territory_name_kk, &i.territory_name_ru);
            PendingRow {
                id: i.id.to_string(),
                what: c.t_str(
                    match i.body {
                        Body::ExpertCouncil => "oversight-invitation-expert-council",
                        Body::MonitoringGroup => "oversight-invitation-monitoring-group",
                    },
                    "cycle",
                    &cycle,
                ),
                cycle_href: format!("/pb/{}", i.cycle_id),
                from: c.lang.t_args(
                    "oversight-invitation-from",
                    &[
                        ("name", Arg::Str(i.invited_by.unwrap_or_default())),
                        ("date", Arg::Str(c.lang.date_of(i.invited_at))),
                    ],
                ),
            }
        })
        .collect();
    let seats = app::oversight::invitations::seats(&s.app, v)
        .await?
        .into_iter()
        .map(|seat| {
            let role = crate::access::role_label(c, seat.body.role());
            let cycle = cycle_name(
                c,
                seat.year,
                &seat.territory_name_kk,
                &seat.territory_name_ru,
            );
            (
                format!("{role} — {cycle}"),
                format!("/pb/{}", seat.cycle_id),
            )
        })
        .collect();
    Ok(AccountPart { invitations, seats })
}

/// The answer's outcome: back to the account page with a notice, or the page again with
/// why the seat cannot be taken (409).
async fn answered(s: &AppState, c: &Ctx, a: Answered) -> Result<Response, AppError> {
    let why = match a {
        Answered::Accepted(_) => {
            return Ok(Redirect::to("/account?ok=oversight-accepted#invitations").into_response())
        }
        Answered::Declined => {
            return Ok(Redirect::to("/account?ok=oversight-declined#invitations").into_response())
        }
        Answered::Refused(e) => conflict_message(c, e),
        Answered::Full => c.t("projects-err-group-full"),
    };
    crate::accounts::account_page(s, c, &Rejected::conflict(why)).await
}

pub async fn accept(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let a = app::oversight::invitations::accept(&s.app, v, id).await?;
    answered(&s, &c, a).await
}

pub async fn decline(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let a = app::oversight::invitations::decline(&s.app, v, id).await?;
    answered(&s, &c, a).await
}
