//! Assisted voting: at a participation centre a coordinator finds the registered resident by
//! IIN, checks that they may vote (territory first, then whether they voted, age on the last
//! voting day, verification level), and records their choice on their behalf. The ballot is
//! recorded only once the resident confirmed it is them — their own password, a one-time code
//! sent to their confirmed contact, or, for someone with neither, an identity-document check
//! confirmed by a registrar — and a witness with an account (not the coordinator) confirmed
//! with their password or presence code (security review H2). The ballot is marked
//! `assisted`; the receipt code is handed to the resident.
//!
//! Every look-up by IIN (each step of the page resolves the IIN again) is counted against the
//! coordinator's limit and logged without the IIN.

use super::ballots::{admitted, new_receipt, open_today, Cycle, Obstacle, Territory};
use crate::accounts::throttle::count_attempt;
use crate::{Actor, App, Result};
use domain::accounts::CodePurpose;
use domain::pb::assisted::{
    lookup_answer, registrar_check, ConfirmRefusal, Confirmation, LookupAnswer, Witness,
    WitnessError, LOOKUPS_PER_WINDOW, LOOKUP_WINDOW_MINUTES, PASSWORD_TRIES,
    PASSWORD_WINDOW_MINUTES,
};
use domain::pb::{BallotError, Ineligible};
use domain::{Action, Contact, Iin};
use store::accounts::User;
use store::pb::assisted::{AssistedBallot, CoordinatorCounts};
use store::pb::ballots::Cast;
use uuid::Uuid;

/// A resident of the cycle's territory who may vote now.
#[derive(Debug, Clone)]
pub struct Voter {
    pub user: User,
    /// Where they live.
    pub village: Territory,
    /// Their age today.
    pub age: u32,
    /// They have a confirmed phone or e-mail, so a code can confirm their ballot.
    pub has_contact: bool,
    person_hash: Vec<u8>,
}

/// What a search by IIN found. Only [`Lookup::Found`] says anything about the person.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// Voting is not open today.
    Closed(Obstacle),
    /// Not a valid IIN.
    BadIin,
    /// The coordinator made too many look-ups: try again after this many minutes.
    Throttled {
        minutes: i64,
    },
    /// No registered resident of the cycle's territory has this IIN (unknown, or living
    /// elsewhere: the same answer).
    NotHere,
    /// The resident has a ballot in this cycle already (its receipt is theirs, not shown).
    Voted,
    /// The resident lives here but may not vote.
    Ineligible(Ineligible),
    Found(Box<Voter>),
}

async fn lookup(app: &App, by: Uuid, cy: &Cycle, t: &Territory, iin: &str) -> Result<Lookup> {
    if let Err(o) = open_today(app, cy) {
        return Ok(Lookup::Closed(o));
    }
    let Ok(iin) = Iin::parse(iin) else {
        return Ok(Lookup::BadIin);
    };
    let limit = [(format!("assist-lookup:{by}"), LOOKUPS_PER_WINDOW)];
    if let Some(minutes) = count_attempt(app, &limit, LOOKUP_WINDOW_MINUTES, "look-up").await? {
        return Ok(Lookup::Throttled { minutes });
    }
    let person = app.keys.iin.fingerprint(&iin);
    let user = store::accounts::by_person_hash(&app.db, &person).await?;
    let village = match &user {
        Some(u) => store::territories::by_id(&app.db, u.residence_id).await?,
        None => None,
    };
    let eligible = user.as_ref().map(|u| {
        let path = village.as_ref().map(|v| v.path.as_slice()).unwrap_or(&[]);
        cy.eligibility
            .check(u.birth_date, u.level, path, &t.kato, cy.schedule.voting_end)
    });
    let here = matches!(&eligible, Some(r) if *r != Err(Ineligible::NotResident));
    // Whether they voted is read only for a resident of the territory.
    let voted = here
        && store::pb::ballots::receipt_of(&app.db, &app.keys.ballots, cy.id, &person)
            .await?
            .is_some();
    store::pb::assisted::log_lookup(&app.db, cy.id, by, here, app.clock.now()).await?;
    Ok(match lookup_answer(eligible, voted) {
        LookupAnswer::NotHere => Lookup::NotHere,
        LookupAnswer::Voted => Lookup::Voted,
        LookupAnswer::Ineligible(e) => Lookup::Ineligible(e),
        LookupAnswer::MayVote => match (user, village) {
            (Some(user), Some(village)) => Lookup::Found(Box::new(Voter {
                age: domain::accounts::age_on(user.birth_date, app.clock.today()),
                has_contact: crate::accounts::contact_state(&user).confirmed,
                user,
                village,
                person_hash: person,
            })),
            _ => Lookup::NotHere,
        },
    })
}

/// Find the resident with this IIN, and whether they may vote in the cycle today.
pub async fn find_voter(app: &App, actor: &Actor, cycle: Uuid, iin: &str) -> Result<Lookup> {
    let (cy, t) = super::cycle(app, cycle).await?;
    let by = actor.require(Action::AssistVoter, &t.path)?;
    lookup(app, by, &cy, &t, iin).await
}

/// What asking for a code for the resident came to.
#[derive(Debug, Clone)]
pub enum CodeSent {
    /// Not sent: the look-up found no one who may vote.
    NotReady(Lookup),
    /// Sent to the resident's confirmed phone or e-mail.
    Sent(Box<Voter>),
    /// The resident has no confirmed contact: they confirm another way.
    NoContact(Box<Voter>),
    /// Too many codes for this contact: try after this many minutes.
    Throttled { voter: Box<Voter>, minutes: i64 },
}

/// Codes one contact may be sent within an hour, counted with every other code request to it.
const CODES_PER_CONTACT: i64 = 5;

/// Send the resident a one-time code (to their confirmed contact) that confirms their ballot.
pub async fn send_resident_code(
    app: &App,
    actor: &Actor,
    cycle: Uuid,
    iin: &str,
) -> Result<CodeSent> {
    let (cy, t) = super::cycle(app, cycle).await?;
    let by = actor.require(Action::AssistVoter, &t.path)?;
    let voter = match lookup(app, by, &cy, &t, iin).await? {
        Lookup::Found(v) => v,
        other => return Ok(CodeSent::NotReady(other)),
    };
    let contact = crate::accounts::contact_of(&voter.user).filter(|_| voter.has_contact);
    let Some(contact) = contact else {
        return Ok(CodeSent::NoContact(voter));
    };
    let limit = [(format!("code-contact:{contact}"), CODES_PER_CONTACT)];
    if let Some(minutes) = count_attempt(app, &limit, 60, "assisted code").await? {
        return Ok(CodeSent::Throttled { voter, minutes });
    }
    crate::accounts::send_code(
        app,
        voter.user.id,
        CodePurpose::ConfirmAssistedBallot,
        &contact,
    )
    .await?;
    tracing::info!(cycle = %cy.id, coordinator = %by, "assisted-ballot code sent");
    Ok(CodeSent::Sent(voter))
}

/// How the resident at the centre confirms that the ballot is theirs, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Confirm {
    /// Nothing chosen or nothing typed.
    #[default]
    Missing,
    /// Their own password, typed by them.
    Password(String),
    /// The code sent to their contact.
    Code(String),
    /// A registrar checked their identity document and confirms with the registrar's login.
    Document { registrar: String, password: String },
}

/// What the coordinator submits to record a ballot.
#[derive(Debug, Clone)]
pub struct AssistInput<'a> {
    pub iin: &'a str,
    pub chosen: &'a [Uuid],
    /// The witness's phone or e-mail (the one they log in with).
    pub witness: &'a str,
    /// The witness's password or the presence code their account page shows.
    pub witness_secret: &'a str,
    pub confirm: Confirm,
}

/// Why an assisted ballot was not recorded, field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    pub ballot: Option<BallotError>,
    pub witness: Option<WitnessError>,
    pub confirmation: Option<ConfirmRefusal>,
}

/// What became of an assisted ballot.
#[derive(Debug, Clone)]
pub enum AssistOutcome {
    /// Not recorded: voting closed, no such resident here, voted already or not eligible.
    NotReady(Lookup),
    /// The choices, the witness or the resident's confirmation were refused.
    Invalid {
        voter: Box<Voter>,
        problems: Problems,
    },
    Recorded {
        voter: Box<Voter>,
        receipt: String,
    },
    /// Someone recorded the person's ballot meanwhile: theirs counts (its receipt is theirs).
    AlreadyVoted {
        voter: Box<Voter>,
    },
}

/// Record the choice of the resident with this IIN on their behalf, once they confirmed it is
/// them and a witness confirmed being there.
pub async fn assist_voter(
    app: &App,
    actor: &Actor,
    cycle: Uuid,
    input: &AssistInput<'_>,
) -> Result<AssistOutcome> {
    let (cy, t) = super::cycle(app, cycle).await?;
    let by = actor.require(Action::AssistVoter, &t.path)?;
    let voter = match lookup(app, by, &cy, &t, input.iin).await? {
        Lookup::Found(v) => v,
        other => return Ok(AssistOutcome::NotReady(other)),
    };
    let proposals = admitted(app, cy.id).await?;
    let cost = |pid: &Uuid| proposals.iter().find(|p| p.id == *pid).map(|p| p.cost);
    let mut problems = Problems {
        ballot: cy
            .ballot
            .validate(input.chosen, cost, cy.envelope.total(None))
            .err(),
        ..Problems::default()
    };
    // The registrar of a document check, found by their login (checked below, with the rest).
    let registrar = match &input.confirm {
        Confirm::Document { registrar, .. } => match Contact::parse(registrar) {
            Ok(c) => store::accounts::credentials(&app.db, &c).await?,
            Err(_) => None,
        },
        _ => None,
    };
    let witness = match confirm_witness(app, by, &voter, registrar.as_ref(), input).await? {
        Ok(w) => Some(w),
        Err(e) => {
            problems.witness = Some(e);
            None
        }
    };
    if input.confirm == Confirm::Missing {
        problems.confirmation = Some(ConfirmRefusal::Missing);
    }
    // The resident's confirmation is checked last, only when all else is right: a right code
    // is spent by the check, and must not be spent on a ballot that is refused anyway.
    let (Some(witness), None, None) = (witness, &problems.ballot, &problems.confirmation) else {
        return Ok(AssistOutcome::Invalid { voter, problems });
    };
    let confirmed = confirm_resident(app, by, &voter, registrar, &input.confirm).await?;
    let (confirmation, confirmed_by) = match confirmed {
        Ok(c) => c,
        Err(e) => {
            problems.confirmation = Some(e);
            return Ok(AssistOutcome::Invalid { voter, problems });
        }
    };
    let b = AssistedBallot {
        cycle_id: cy.id,
        person_hash: voter.person_hash.clone(),
        voter_id: voter.user.id,
        village_id: voter.user.residence_id,
        entered_by: by,
        witness_id: witness.account(),
        confirmation,
        confirmed_by,
        choices: input.chosen.to_vec(),
        receipt: new_receipt(),
    };
    Ok(
        match store::pb::assisted::cast(&app.db, &b, &app.keys.ballots, app.clock.now()).await? {
            Cast::New { receipt } | Cast::Replaced { receipt } => {
                tracing::info!(
                    cycle = %cy.id,
                    coordinator = %by,
                    confirmation = confirmation.as_str(),
                    "assisted ballot recorded"
                );
                AssistOutcome::Recorded { voter, receipt }
            }
            Cast::AlreadyVoted { .. } => AssistOutcome::AlreadyVoted { voter },
        },
    )
}

/// The witness: an account found by its login contact, other than the coordinator, the voter
/// and the registrar, that proved being there with its password or its presence code.
async fn confirm_witness(
    app: &App,
    coordinator: Uuid,
    voter: &Voter,
    registrar: Option<&(User, String)>,
    input: &AssistInput<'_>,
) -> Result<Result<Witness<Uuid>, WitnessError>> {
    let Ok(contact) = Contact::parse(input.witness) else {
        return Ok(Err(WitnessError::NotAContact));
    };
    let presence = domain::centres::presence::normalize(input.witness_secret).is_some();
    let Some((u, hash)) = store::accounts::credentials(&app.db, &contact).await? else {
        // The same work as for an account, and the same answer as a wrong password.
        if !presence {
            let key = format!("assist-password:{contact}");
            let _ = password_matches(app, key, input.witness_secret, None).await?;
        }
        return Ok(Err(WitnessError::NotConfirmed));
    };
    let registrar = registrar.map(|(r, _)| r.id);
    let witness = match Witness::accept(u.id, coordinator, voter.user.id, registrar) {
        Ok(w) => w,
        Err(e) => return Ok(Err(e)),
    };
    let confirmed = if presence {
        crate::centres::presence::check(app, u.id, input.witness_secret).await?
    } else {
        let key = format!("assist-password:{}", u.id);
        password_matches(app, key, input.witness_secret, Some(hash)).await? == Ok(true)
    };
    Ok(if confirmed {
        Ok(witness)
    } else {
        Err(WitnessError::NotConfirmed)
    })
}

/// A password typed at the centre for an account (`hash` `None`: no account has the contact,
/// checked against a decoy so the answer takes as long), counted against `subject`'s tries;
/// `Err(minutes)` to wait when over them.
async fn password_matches(
    app: &App,
    subject: String,
    typed: &str,
    hash: Option<String>,
) -> Result<std::result::Result<bool, i64>> {
    let limit = [(subject, PASSWORD_TRIES)];
    if let Some(minutes) = count_attempt(app, &limit, PASSWORD_WINDOW_MINUTES, "password").await? {
        return Ok(Err(minutes));
    }
    Ok(Ok(crate::accounts::verify_password(
        app,
        typed.to_string(),
        hash,
    )
    .await?))
}

/// The resident's confirmation: how, and the registrar who checked the document.
async fn confirm_resident(
    app: &App,
    coordinator: Uuid,
    voter: &Voter,
    registrar: Option<(User, String)>,
    confirm: &Confirm,
) -> Result<std::result::Result<(Confirmation, Option<Uuid>), ConfirmRefusal>> {
    let user = voter.user.id;
    Ok(match confirm {
        Confirm::Missing => Err(ConfirmRefusal::Missing),
        Confirm::Password(typed) => {
            let hash = store::accounts::password_hash(&app.db, user).await?;
            let key = format!("assist-password:{user}");
            match password_matches(app, key, typed, Some(hash)).await? {
                Ok(true) => Ok((Confirmation::Password, None)),
                Ok(false) => Err(ConfirmRefusal::PasswordWrong),
                Err(minutes) => Err(ConfirmRefusal::Throttled { minutes }),
            }
        }
        Confirm::Code(typed) => {
            let purpose = CodePurpose::ConfirmAssistedBallot;
            match crate::accounts::check_code(app, user, purpose, typed).await? {
                Ok(_) => Ok((Confirmation::Code, None)),
                Err(e) => Err(ConfirmRefusal::Code(e)),
            }
        }
        Confirm::Document {
            registrar: typed,
            password,
        } => {
            let Ok(contact) = Contact::parse(typed) else {
                return Ok(Err(ConfirmRefusal::RegistrarNotConfirmed));
            };
            let key = match &registrar {
                Some((r, _)) => format!("assist-password:{}", r.id),
                None => format!("assist-password:{contact}"),
            };
            let hash = registrar.as_ref().map(|(_, h)| h.clone());
            match (password_matches(app, key, password, hash).await?, registrar) {
                (Err(minutes), _) => Err(ConfirmRefusal::Throttled { minutes }),
                (Ok(true), Some((r, _))) => {
                    let may = crate::access::actor(app, r.id)
                        .await?
                        .is_some_and(|a| a.may(Action::VerifyInPerson, &voter.village.path));
                    registrar_check(r.id, coordinator, user, may).map(|()| {
                        tracing::info!(registrar = %r.id, "document check confirmed");
                        (Confirmation::Document, Some(r.id))
                    })
                }
                (Ok(_), _) => Err(ConfirmRefusal::RegistrarNotConfirmed),
            }
        }
    })
}

/// Look-ups and assisted ballots per coordinator, for the cycle's managers.
pub async fn coordinator_counts(
    app: &App,
    actor: &Actor,
    cycle: Uuid,
) -> Result<Vec<CoordinatorCounts>> {
    let (_, t) = super::cycle(app, cycle).await?;
    actor.require(Action::ManageCycle, &t.path)?;
    Ok(store::pb::assisted::per_coordinator(&app.db, cycle).await?)
}

/// Assisted ballots per coordinator (name and count), published with the results.
pub async fn published_counts(app: &App, cycle: &Cycle) -> Result<Vec<(String, i64)>> {
    Ok(store::pb::assisted::per_coordinator(&app.db, cycle.id)
        .await?
        .into_iter()
        .filter(|c| c.ballots > 0)
        .map(|c| (c.name, c.ballots))
        .collect())
}
