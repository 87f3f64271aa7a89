//! What the akimat and other bodies owe residents in a territory: unanswered monitoring
//! reports, initiatives awaiting an answer, public-control documents not delivered and
//! recommendations awaiting an answer, each with its deadline.

pub use store::accountability::{Owed, KINDS};

use crate::{App, Result};
use domain::Kato;

/// Everything owed under the territory with this path (the whole country for an empty path),
/// as of today in Kazakhstan, newest deadline first.
pub async fn owed(app: &App, path: &[Kato]) -> Result<Vec<Owed>> {
    // Initiatives whose collection ended move on (by the domain's rule) before they are listed.
    crate::initiatives::sweep(app).await?;
    let prefix = store::territories::path_string(path);
    Ok(store::accountability::owed(&app.db, &prefix, app.clock.today()).await?)
}
