//! Paper signature sheets, typed in twice by two different people; the rows both typed
//! identically become signatures, in the same transaction as the second typing.

use crate::{Actor, App, Result};
use domain::initiatives::{check_row, PaperLine, RowRefusal, SheetNo};
use domain::{Action, Kato};
use store::initiatives::{self as ini, Initiative, NewPaperRow, SheetOutcome};
use store::territories::Territory;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaperOutcome {
    /// Rows that cannot count, by line number (from 1); nothing was written.
    Rows(Vec<(usize, RowRefusal)>),
    Entered(SheetOutcome),
}

/// A village typed as a KATO code or a name (Kazakh or Russian, any case).
fn village<'a>(villages: &'a [Territory], typed: &str) -> Option<&'a Territory> {
    if let Ok(k) = Kato::parse(typed) {
        return villages.iter().find(|v| v.kato == k);
    }
    let typed = typed.to_lowercase();
    villages
        .iter()
        .find(|v| v.name_kk.to_lowercase() == typed || v.name_ru.to_lowercase() == typed)
}

/// Check read rows against the initiative's territory and rules: each row's village lies in
/// the territory, the signer was old enough, the date is not in the future.
pub async fn check_paper_rows(
    app: &App,
    i: &Initiative,
    lines: &[PaperLine],
) -> Result<Result<Vec<NewPaperRow>, Vec<(usize, RowRefusal)>>> {
    let territory = super::territory_of(app, i).await?;
    let villages = super::villages_under(app, &territory).await?;
    let (rule, _) = ini::rule_for(&app.db, &territory).await?;
    let today = app.clock.today();
    let mut rows = Vec::new();
    let mut refused = Vec::new();
    for (n, l) in lines.iter().enumerate() {
        let checked = village(&villages, &l.village)
            .ok_or(RowRefusal::Village)
            .and_then(|v| check_row(l, today, rule.min_age).map(|()| v));
        match checked {
            Ok(v) => rows.push(NewPaperRow {
                name: l.name.clone(),
                person_hash: app.keys.iin.fingerprint(&l.iin),
                village_id: v.id,
                signed_on: l.date,
            }),
            Err(why) => refused.push((n + 1, why)),
        }
    }
    Ok(if refused.is_empty() {
        Ok(rows)
    } else {
        Err(refused)
    })
}

/// One typing of a sheet. The first waits; the second (by someone else) is compared with it
/// and the matching rows are signed, reaching the threshold as online signatures do.
pub async fn enter_paper_signatures(
    app: &App,
    actor: &Actor,
    id: Uuid,
    sheet_no: &SheetNo,
    lines: &[PaperLine],
) -> Result<PaperOutcome> {
    let i = super::visible(app, Some(actor), id).await?;
    let by = actor.require(Action::EnterPaperSignatures, &i.territory_path)?;
    let rows = match check_paper_rows(app, &i, lines).await? {
        Ok(rows) => rows,
        Err(refused) => return Ok(PaperOutcome::Rows(refused)),
    };
    let reach = super::sign::on_threshold(app, &i).await?;
    let now = app.clock.now();
    let out = ini::enter_sheet(&app.db, id, sheet_no.as_str(), by, &rows, &reach, now).await?;
    Ok(PaperOutcome::Entered(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::TerritoryKind;

    fn place(kato: &str, kk: &str, ru: &str) -> Territory {
        let kato = Kato::parse(kato).unwrap_or_else(|e| panic!("{kato}: {e}"));
        Territory {
            id: Uuid::nil(),
            path: vec![kato.clone()],
            kato,
            kato_version: String::new(),
            parent_id: None,
            level: String::new(),
            kind: TerritoryKind::Village,
            name_kk: kk.into(),
            name_ru: ru.into(),
            population: None,
            population_illustrative: false,
        }
    }

    #[test]
    fn a_village_is_found_by_code_or_either_name_in_any_case() {
        let villages = [place("114435200", "Көркем а.", "с. Коркем")];
        let found = |typed: &str| village(&villages, typed).map(|v| v.name_kk.as_str());
        assert_eq!(found("114435200"), Some("Көркем а."));
        assert_eq!(found("КӨРКЕМ А."), Some("Көркем а."));
        assert_eq!(found("с. коркем"), Some("Көркем а."));
        assert_eq!(found("114435100"), None);
        assert_eq!(found("Жаңа ауыл"), None);
    }
}
