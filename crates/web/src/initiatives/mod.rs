//! Civic initiatives on the web: submit, moderate, sign and withdraw, paper sheets typed in
//! twice, thresholds, the official answer and its follow-ups, lists, search and an Atom feed.

mod api;
mod attachments;
mod list;
mod markdown;
mod messages;
mod mine;
mod paper;
mod rules;
mod sheet;
mod show;
mod submit;

pub use list::overdue_in;

use crate::pages::Ctx;
use crate::{AppError, AppState};
use app::initiatives::Initiative;
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, Utc};
use domain::initiatives::{days_left, deadline, is_overdue, Status};
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/initiatives", get(list::list).post(submit::create))
        .route("/initiatives/new", get(submit::new_form))
        .route("/initiatives/mine", get(mine::mine))
        .route("/initiatives/{id}", get(show::show))
        .route(
            "/initiatives/{id}/edit",
            get(submit::edit_form).post(submit::resubmit),
        )
        .route("/initiatives/{id}/sign", post(show::sign))
        .route("/initiatives/{id}/withdraw", post(show::withdraw))
        .route("/initiatives/{id}/publish", post(show::publish))
        .route("/initiatives/{id}/return", post(show::return_to_author))
        .route("/initiatives/{id}/answer", post(show::answer))
        .route("/initiatives/{id}/follow-up", post(show::follow_up))
        .route(
            "/initiatives/{id}/paper",
            get(paper::form).post(paper::enter),
        )
        .route("/initiatives/{id}/sheet.pdf", get(sheet::sheet))
        .route(
            "/initiatives/{id}/attachments",
            post(attachments::upload).layer(axum::extract::DefaultBodyLimit::max(
                attachments::MAX_BYTES + 64 * 1024,
            )),
        )
        .route(
            "/initiatives/{id}/attachments/{aid}",
            get(attachments::download),
        )
        .route("/territories/{kato}/initiatives.atom", get(list::feed))
        .route(
            "/territories/{kato}/initiative-rules",
            get(rules::form).post(rules::save),
        )
        .merge(api::routes())
}

/// The path string a territory's subtree shares (`/110000000/114400000/`).
pub(crate) use app::initiatives::path_string as path_prefix;

fn is_author(c: &Ctx, ini: &Initiative) -> bool {
    c.viewer
        .as_ref()
        .is_some_and(|v| v.user.id == ini.author_id)
}

/// An initiative the reader may see: drafts only for their author and the moderators.
async fn load_visible(s: &AppState, c: &Ctx, id: Uuid) -> Result<Initiative, AppError> {
    Ok(app::initiatives::visible(s, c.viewer.as_ref(), id).await?)
}

fn status_label(c: &Ctx, s: Status) -> String {
    c.t(&format!("initiatives-status-{}", s.as_str()))
}

fn date(c: &Ctx, d: DateTime<Utc>) -> String {
    c.lang.date_of(d)
}

/// One line of a list: what a reader needs to choose what to open.
pub struct Card {
    pub id: String,
    pub title: String,
    pub status: String,
    pub territory: String,
    pub progress: String,
    pub deadline: Option<String>,
    pub overdue: bool,
}

fn progress_text(c: &Ctx, ini: &Initiative) -> String {
    match ini.required {
        Some(r) => c.lang.t_args(
            "initiatives-progress",
            &[
                ("count", crate::i18n::Arg::Num(ini.signatures)),
                ("signatures", crate::i18n::Arg::Num(ini.signatures)),
                ("required", crate::i18n::Arg::Num(r)),
            ],
        ),
        None => String::new(),
    }
}

/// "until 28 May 2027 (12 days left)" or "overdue since …".
fn deadline_text(c: &Ctx, ini: &Initiative, now: DateTime<Utc>) -> Option<String> {
    let d = deadline(ini.status, ini.collect_until, ini.consider_due)?;
    if is_overdue(ini.status, ini.consider_due, now) {
        return Some(c.t_str("initiatives-overdue-since", "date", &date(c, d)));
    }
    let id = match ini.status {
        Status::MustConsider => "initiatives-answer-due",
        _ => "initiatives-collect-until",
    };
    Some(c.lang.t_args(
        id,
        &[
            ("date", crate::i18n::Arg::Str(date(c, d))),
            ("days", crate::i18n::Arg::Num(days_left(d, now))),
        ],
    ))
}

fn card(c: &Ctx, ini: &Initiative, now: DateTime<Utc>) -> Card {
    Card {
        id: ini.id.to_string(),
        title: ini.title.clone(),
        status: status_label(c, ini.status),
        territory: ini.territory_name(c.lang.code()).to_string(),
        progress: progress_text(c, ini),
        deadline: deadline_text(c, ini, now),
        overdue: is_overdue(ini.status, ini.consider_due, now),
    }
}

#[cfg(test)]
mod tests {
    use super::messages;
    use crate::i18n::{message_ids, Lang};
    use domain::initiatives::{
        Addressee, AnswerKind, EventKind, FollowUp, Refused, RowRefusal, RuleError, SheetErrorKind,
        SignRefusal, Status, WithdrawRefusal,
    };

    /// Ids built at run time from closed sets of values exist in every language.
    #[test]
    fn built_message_ids_exist() {
        let mut ids: Vec<String> = Vec::new();
        ids.extend(
            Status::ALL
                .iter()
                .map(|s| format!("initiatives-status-{}", s.as_str())),
        );
        ids.extend(
            Status::ALL
                .iter()
                .map(|s| format!("initiatives-list-status-{}", s.as_str())),
        );
        ids.extend(
            AnswerKind::ALL
                .iter()
                .map(|a| format!("initiatives-answer-{}", a.as_str())),
        );
        ids.extend(
            FollowUp::ALL
                .iter()
                .map(|f| format!("initiatives-followup-{}", f.as_str())),
        );
        ids.extend(
            Addressee::ALL
                .iter()
                .map(|a| format!("initiatives-addressee-{}", a.as_str())),
        );
        let refusals: Vec<&str> = Refused::ALL.iter().map(|r| messages::refused(*r)).collect();
        let unique: std::collections::BTreeSet<_> = refusals.iter().collect();
        assert_eq!(unique.len(), Refused::ALL.len(), "one message per refusal");
        ids.extend(refusals.iter().map(|r| r.to_string()));
        ids.extend(
            SignRefusal::ALL
                .iter()
                .map(|r| messages::sign(*r).to_string()),
        );
        ids.extend(
            [WithdrawRefusal::Locked, WithdrawRefusal::NotSigned]
                .iter()
                .map(|r| messages::withdraw(*r).to_string()),
        );
        ids.extend(
            [
                SheetErrorKind::Columns,
                SheetErrorKind::Name,
                SheetErrorKind::Date,
            ]
            .iter()
            .map(|k| messages::sheet(*k).to_string()),
        );
        ids.extend(
            [RowRefusal::Village, RowRefusal::Age, RowRefusal::Date]
                .iter()
                .map(|r| messages::row(*r).to_string()),
        );
        ids.push("initiatives-paper-err-iin".into());
        for k in EventKind::ALL {
            ids.push(format!("initiatives-event-{}", k.as_str()));
        }
        for k in ["not_enough_signatures", "ended"] {
            ids.push(format!("initiatives-closed-{k}"));
        }
        for e in [
            RuleError::NoBasis,
            RuleError::ShareTooLarge,
            RuleError::Period,
            RuleError::ConsiderDays,
        ] {
            ids.push(messages::rule(e).into());
        }
        for lang in Lang::ALL {
            let known = message_ids(lang);
            let missing: Vec<_> = ids.iter().filter(|i| !known.contains(i)).collect();
            assert!(missing.is_empty(), "{}: {missing:?}", lang.code());
        }
    }
}
