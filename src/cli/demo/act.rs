//! The demo's people acting through the use cases, as they would on the site: each step is
//! the `app` function a page calls, with the [`Actor`] of the account who would take it, so
//! that authorization, the domain's rules and notices run as in production. The past ("voting
//! opened last week") is recorded on a clock of the demo's own, set to the day each thing
//! happened: every record gets its time from a clock, none from a hand-made timestamp.

use anyhow::Context;
use app::{Actor, App, Clock};
use chrono::{DateTime, Days, NaiveDate, TimeDelta, TimeZone, Utc};
use domain::Contact;

/// The seeding app and the moment seeding started.
pub struct Demo {
    /// The same database and keys as the served app, on the demo's own clock.
    pub app: App,
    /// The served app's "now" when seeding started, and its date in Kazakhstan.
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
}

impl Demo {
    pub fn new(served: &App) -> Demo {
        let now = served.clock.now();
        Demo {
            app: served.with_clock(Clock::manual(now)),
            now,
            today: domain::time::kz_date(now),
        }
    }

    /// The account with this e-mail, as the use cases see the signed-in person.
    pub async fn actor(&self, email: &str) -> anyhow::Result<Actor> {
        let contact = Contact::parse(email).with_context(|| format!("demo contact {email}"))?;
        app::access::actor_by_contact(&self.app, &contact)
            .await?
            .with_context(|| format!("demo account {email}"))
    }

    /// Put the clock `days` days before the start of seeding, at the same time of day.
    pub fn days_ago(&self, days: i64) {
        self.app.clock.set(self.now - TimeDelta::days(days));
    }

    /// Put the clock on `day` at `hour` o'clock in Kazakhstan (UTC+5).
    pub fn on(&self, day: NaiveDate, hour: u32) {
        let local = day.and_hms_opt(hour, 0, 0).unwrap_or_default();
        let utc = Utc.from_utc_datetime(&local) - TimeDelta::hours(5);
        self.app.clock.set(utc.min(self.now));
    }

    /// `member` accepts, on their account page, the invitation to a body of `cycle` (an expert
    /// council or a monitoring group): the seat is theirs only then.
    pub async fn take_seat(&self, member: &Actor, cycle: uuid::Uuid) -> anyhow::Result<()> {
        use app::oversight::invitations::{accept, addressed, Answered};
        let waiting = addressed(&self.app, member).await?;
        let invitation = waiting
            .iter()
            .find(|i| i.cycle_id == cycle)
            .context("an invitation to the cycle")?;
        match accept(&self.app, member, invitation.id).await? {
            Answered::Accepted(_) => Ok(()),
            other => Err(refused("seat", other)),
        }
    }

    /// `n` days before today.
    pub fn day_ago(&self, n: u64) -> NaiveDate {
        self.today
            .checked_sub_days(Days::new(n))
            .unwrap_or(self.today)
    }

    /// `n` days after today.
    pub fn day_ahead(&self, n: u64) -> NaiveDate {
        self.today
            .checked_add_days(Days::new(n))
            .unwrap_or(self.today)
    }

    /// The date `n` days before `d`.
    pub fn before(d: NaiveDate, n: u64) -> NaiveDate {
        d.checked_sub_days(Days::new(n)).unwrap_or(d)
    }

    /// The date `n` days after `d`.
    pub fn after(d: NaiveDate, n: u64) -> NaiveDate {
        d.checked_add_days(Days::new(n)).unwrap_or(d)
    }
}

/// A use case's refusal, which the demo's fixed data should never meet, as an error that
/// names the step.
pub fn refused(step: &str, why: impl std::fmt::Debug) -> anyhow::Error {
    anyhow::anyhow!("demo {step} refused: {why:?}")
}
