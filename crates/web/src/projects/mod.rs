//! Implementation of funded projects on the web: the public page with progress, timeline,
//! payments, documents, acceptance, residents' reports and the change log; the forms of
//! officials, monitoring-group members and residents; the lists of a cycle and a territory;
//! `GET /api/v1/projects/{id}/implementation`.

mod api;
mod edit;
mod lists;
mod monitoring;
mod show;

use crate::pages::Ctx;
use crate::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

/// At most this many bytes per file, and this many photos per report.
pub const MAX_BYTES: usize = domain::uploads::PROJECT_FILE_BYTES;
pub const MAX_PHOTOS: usize = domain::uploads::MONITORING_PHOTOS.files;
/// Files of a project are kept in `DATA/uploads/projects`.
const AREA: &str = "projects";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/projects/{id}", get(show::show))
        .route("/projects/{id}/implementation", post(edit::save))
        .route("/projects/{id}/milestones", post(edit::add_milestone))
        .route("/projects/{id}/milestones/{mid}", post(edit::set_progress))
        .route("/projects/{id}/payments", post(edit::add_payment))
        .route(
            "/projects/{id}/files",
            post(edit::upload).layer(DefaultBodyLimit::max(MAX_BYTES + 64 * 1024)),
        )
        .route("/projects/{id}/files/{fid}", get(edit::download))
        .route("/projects/{id}/acceptance", post(monitoring::sign))
        .route(
            "/projects/{id}/reports",
            post(monitoring::report)
                .layer(DefaultBodyLimit::max(MAX_PHOTOS * MAX_BYTES + 64 * 1024)),
        )
        .route(
            "/projects/{id}/reports/{rid}/answer",
            post(monitoring::answer),
        )
        .route("/pb/{id}/projects", get(lists::cycle))
        .route(
            "/pb/{id}/monitoring",
            get(monitoring::group_page).post(monitoring::record),
        )
        .route("/territories/{kato}/projects", get(lists::territory))
        .route("/api/v1/projects", get(api::list))
        .route(
            "/api/v1/projects/{id}/implementation",
            get(api::implementation),
        )
}

fn date(c: &Ctx, d: chrono::NaiveDate) -> String {
    c.lang.date(d)
}

#[cfg(test)]
mod tests {
    use crate::i18n::{message_ids, Lang};
    use domain::projects::{FieldError, Judgement, LogKind, Verdict};

    /// Ids built at run time from closed sets of values exist in every language.
    #[test]
    fn built_message_ids_exist() {
        let mut ids: Vec<String> = Vec::new();
        ids.extend(
            Judgement::ALL
                .iter()
                .map(|j| format!("projects-judgement-{}", j.as_str())),
        );
        ids.extend(
            Verdict::ALL
                .iter()
                .map(|v| format!("projects-verdict-{}", v.as_str())),
        );
        ids.extend(
            FieldError::ALL
                .iter()
                .map(|e| format!("projects-err-{}", e.code())),
        );
        ids.extend(
            LogKind::ALL
                .iter()
                .map(|k| format!("projects-log-{}", k.as_str())),
        );
        ids.extend(
            app::accountability::KINDS
                .iter()
                .map(|k| format!("accountability-kind-{k}")),
        );
        for lang in Lang::ALL {
            let known = message_ids(lang);
            let missing: Vec<_> = ids.iter().filter(|i| !known.contains(i)).collect();
            assert!(missing.is_empty(), "{}: {missing:?}", lang.code());
        }
    }
}
