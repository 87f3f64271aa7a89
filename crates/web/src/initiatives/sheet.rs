//! The printable signature sheet (`/initiatives/{id}/sheet.pdf`), in Kazakh and Russian
//! whatever the reader's language: the paper goes round a village where both are read.

use super::{load_visible, markdown};
use crate::i18n::{Arg, Lang};
use crate::pages::Ctx;
use crate::{AppError, AppState};
use axum::extract::State;
use axum::response::Response;

/// Lines on one printed sheet: what fits on A4 with room to sign.
const ROWS: usize = 20;

fn both(id: &str) -> String {
    format!("{}\n{}", Lang::Kk.t(id), Lang::Ru.t(id))
}

pub async fn sheet(
    State(s): State<AppState>,
    c: Ctx,
    crate::extract::Id(id): crate::extract::Id,
) -> Result<Response, AppError> {
    let ini = load_visible(&s, &c, id).await?;
    if !ini.status.is_public() {
        return Err(AppError::NotFound);
    }
    let (kk, ru) = (Lang::Kk, Lang::Ru);
    let addressee = format!("initiatives-addressee-{}", ini.addressee.as_str());
    let mut facts = vec![
        kk.t_args(
            "initiatives-sheet-territory",
            &[
                ("territory", Arg::Str(ini.territory_name_kk.clone())),
                ("addressee", Arg::Str(kk.t(&addressee))),
            ],
        ),
        ru.t_args(
            "initiatives-sheet-territory",
            &[
                ("territory", Arg::Str(ini.territory_name_ru.clone())),
                ("addressee", Arg::Str(ru.t(&addressee))),
            ],
        ),
    ];
    if let Some(r) = ini.required {
        for l in [kk, ru] {
            facts.push(l.t_args(
                "initiatives-sheet-threshold",
                &[("count", Arg::Num(r)), ("required", Arg::Str(l.number(r)))],
            ));
        }
    }
    let sheet = pdf::SignatureSheet {
        headings: vec![
            kk.t("initiatives-sheet-heading"),
            ru.t("initiatives-sheet-heading"),
        ],
        title: ini.title.clone(),
        facts,
        summary: markdown::to_text(&ini.ask),
        columns: [
            "№".into(),
            both("initiatives-sheet-col-name"),
            both("initiatives-sheet-col-iin"),
            both("initiatives-sheet-col-village"),
            both("initiatives-sheet-col-date"),
            both("initiatives-sheet-col-signature"),
        ],
        rows: ROWS,
        footer: vec![
            kk.t("initiatives-sheet-footer"),
            ru.t("initiatives-sheet-footer"),
            format!("Qatysu · {}", ini.id),
        ],
    };
    crate::pages::pdf_response(format!("qatysu-sheet-{}.pdf", ini.id), move || {
        pdf::signature_sheet(&sheet)
    })
    .await
}
