//! The MRP table (the monthly calculation index by year and valid-from date), edited by
//! administrators. Cycles keep the MRP they were created with.

use crate::{Actor, App, Error, Result};
use domain::money::Mrp;
use domain::pb::{mrp_row, mrp_value, MrpRowError};
use domain::Action;

/// The MRP table, oldest first.
pub async fn table(app: &App) -> Result<Vec<Mrp>> {
    Ok(store::pb::mrp_table(&app.db).await?)
}

/// A change to the MRP table as typed.
pub enum MrpEdit<'a> {
    /// A new row.
    Add {
        valid_from: &'a str,
        year: &'a str,
        value: &'a str,
    },
    /// A new value for the row valid from `valid_from`.
    Correct { valid_from: &'a str, value: &'a str },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MrpOutcome {
    Saved,
    /// The typed row was refused, field by field.
    Invalid(MrpRowError),
    /// A row for that date is in the table already.
    DateTaken,
}

/// Add a row to the MRP table or correct one (`NotFound` when the corrected row is not there).
pub async fn edit_mrp(app: &App, actor: &Actor, edit: &MrpEdit<'_>) -> Result<MrpOutcome> {
    actor.require(Action::EditMrp, &[])?;
    match *edit {
        MrpEdit::Add {
            valid_from,
            year,
            value,
        } => {
            let row = match mrp_row(valid_from, year, value) {
                Ok(r) => r,
                Err(e) => return Ok(MrpOutcome::Invalid(e)),
            };
            match store::pb::envelope::mrp_add(&app.db, &row).await? {
                Ok(()) => {
                    tracing::info!(valid_from = %row.valid_from, year = row.year, "mrp row added");
                    Ok(MrpOutcome::Saved)
                }
                Err(store::pb::envelope::MrpDateTaken) => Ok(MrpOutcome::DateTaken),
            }
        }
        MrpEdit::Correct { valid_from, value } => {
            let Ok(valid_from) = domain::time::parse_date(valid_from) else {
                return Err(Error::NotFound);
            };
            let Some(value) = mrp_value(value) else {
                return Ok(MrpOutcome::Invalid(MrpRowError {
                    value: true,
                    ..MrpRowError::default()
                }));
            };
            if !store::pb::envelope::mrp_correct(&app.db, valid_from, value).await? {
                return Err(Error::NotFound);
            }
            tracing::info!(%valid_from, "mrp row corrected");
            Ok(MrpOutcome::Saved)
        }
    }
}
