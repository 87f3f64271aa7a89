//! Public-control events: a resident (or an NGO through its member) registers an event about
//! a state body, publishes its final document with recommendations and records its delivery;
//! officials answer each recommendation; a hearing on the answer needs enough notice. The
//! deadlines are the domain's [`Deadlines`], counted on the working-day calendar.

pub use store::control::{Document, Event, Recommendation};
pub use store::territories::Territory;

use crate::{Actor, App, Error, Result};
use chrono::NaiveDate;
use domain::control::{
    delivery_date_ok, participants, recommendations, AnswerText, BodyName, Deadlines, DocumentKind,
    DocumentText, EventKind, NgoName, NoticeTooShort, Place, Title, RECOMMENDATIONS_MAX,
};
use domain::oversight::{Bin, WorkingCalendar};
use domain::time::parse_date;
use domain::{Action, Kato};
use store::control::NewEvent;
use uuid::Uuid;

/// The events of a territory (its path; everywhere for an empty path), newest first, and
/// which of them have a deadline passed.
pub async fn events(app: &App, path: &[Kato], limit: i64) -> Result<(Vec<Event>, Vec<Uuid>)> {
    let prefix = store::territories::path_string(path);
    let list = store::control::list(&app.db, &prefix, limit).await?;
    let overdue = store::control::overdue_events(&app.db, &prefix, app.clock.today()).await?;
    Ok((list, overdue))
}

/// What the page of one event shows.
pub struct EventPage {
    pub event: Event,
    pub recommendations: Vec<Recommendation>,
    /// The calendar its countdowns are counted on.
    pub calendar: WorkingCalendar,
    pub today: NaiveDate,
}

async fn event(app: &App, id: Uuid) -> Result<Event> {
    store::control::get(&app.db, id)
        .await?
        .ok_or(Error::NotFound)
}

pub async fn event_page(app: &App, id: Uuid) -> Result<EventPage> {
    let event = event(app, id).await?;
    Ok(EventPage {
        recommendations: store::control::recommendations(&app.db, event.id).await?,
        event,
        calendar: crate::oversight::calendar(app).await?,
        today: app.clock.today(),
    })
}

fn organiser(actor: &Actor, e: &Event) -> Result<Uuid> {
    if actor.user.id == e.organiser_id {
        Ok(actor.user.id)
    } else {
        Err(Error::Forbidden)
    }
}

/// The registration form as typed.
pub struct EventInput<'a> {
    pub title: &'a str,
    pub kind: &'a str,
    pub body: &'a str,
    pub starts: &'a str,
    pub ends: &'a str,
    pub participants: &'a str,
    pub ngo_name: &'a str,
    pub ngo_bin: &'a str,
}

/// A field of the registration form that was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventField {
    Title,
    Kind,
    Body,
    Starts,
    Ends,
    /// The event ends before it starts.
    EndsBeforeStarts,
    Participants,
    NgoName,
    NgoBin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterOutcome {
    Registered(Uuid),
    Invalid(Vec<EventField>),
}

fn new_event(
    t: &Territory,
    organiser: Uuid,
    f: &EventInput<'_>,
) -> Result<NewEvent, Vec<EventField>> {
    let mut errors = Vec::new();
    let title = Title::parse(f.title)
        .map_err(|_| errors.push(EventField::Title))
        .ok();
    let kind = EventKind::parse(f.kind);
    if kind.is_none() {
        errors.push(EventField::Kind);
    }
    let body = BodyName::parse(f.body)
        .map_err(|_| errors.push(EventField::Body))
        .ok();
    let starts = parse_date(f.starts).ok();
    if starts.is_none() {
        errors.push(EventField::Starts);
    }
    let ends = parse_date(f.ends).ok();
    match (starts, ends) {
        (_, None) => errors.push(EventField::Ends),
        (Some(a), Some(b)) if b < a => errors.push(EventField::EndsBeforeStarts),
        _ => {}
    }
    let people = participants(f.participants);
    if people.is_none() {
        errors.push(EventField::Participants);
    }
    let (ngo_name, ngo_bin) = (f.ngo_name.trim(), f.ngo_bin.trim());
    let mut ngo = None;
    if !ngo_name.is_empty() || !ngo_bin.is_empty() {
        let name = NgoName::parse(ngo_name);
        if name.is_err() {
            errors.push(EventField::NgoName);
        }
        match Bin::parse(ngo_bin) {
            Ok(b) => ngo = Some((ngo_name.to_string(), b.to_string())),
            Err(_) => errors.push(EventField::NgoBin),
        }
    }
    match (title, kind, body, starts, ends, people) {
        (Some(title), Some(kind), Some(body), Some(starts_on), Some(ends_on), Some(people))
            if errors.is_empty() =>
        {
            Ok(NewEvent {
                territory_id: t.id,
                organiser_id: organiser,
                ngo,
                kind,
                title: title.into_string(),
                body_name: body.into_string(),
                starts_on,
                ends_on,
                participants: people,
            })
        }
        _ => Err(errors),
    }
}

/// Register a public-control event in a territory where the person lives.
pub async fn register_control_event(
    app: &App,
    actor: &Actor,
    territory: &Territory,
    input: &EventInput<'_>,
) -> Result<RegisterOutcome> {
    let by = actor.require(Action::RegisterControlEvent, &territory.path)?;
    match new_event(territory, by, input) {
        Ok(e) => {
            let id = store::control::create(&app.db, &e, app.clock.now()).await?;
            Ok(RegisterOutcome::Registered(id))
        }
        Err(fields) => Ok(RegisterOutcome::Invalid(fields)),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentOutcome {
    Published,
    /// Which of kind, text and recommendations were refused.
    Invalid {
        kind: bool,
        text: bool,
        recommendations: bool,
    },
    /// The event has its final document already.
    AlreadyPublished,
}

/// The organiser publishes the final document with its recommendations, once; it is due at
/// the body within 7 working days.
pub async fn publish_document(
    app: &App,
    actor: &Actor,
    event_id: Uuid,
    kind: &str,
    text: &str,
    recs: &str,
) -> Result<DocumentOutcome> {
    let e = event(app, event_id).await?;
    organiser(actor, &e)?;
    let kind = DocumentKind::parse(kind);
    let text = DocumentText::parse(text).ok();
    let recs = recommendations(recs);
    let (Some(kind), Some(text), Some(recs)) = (kind, text.clone(), recs.clone()) else {
        return Ok(DocumentOutcome::Invalid {
            kind: kind.is_none(),
            text: text.is_none(),
            recommendations: recs.is_none(),
        });
    };
    let cal = crate::oversight::calendar(app).await?;
    let on = app.clock.today();
    let doc = Document {
        kind,
        text: text.into_string(),
        on,
    };
    let due = Deadlines::default().delivery_due(&cal, on);
    let now = app.clock.now();
    if store::control::publish_document(&app.db, e.id, &doc, due, &recs, now).await? {
        Ok(DocumentOutcome::Published)
    } else {
        Ok(DocumentOutcome::AlreadyPublished)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupplementOutcome {
    Added,
    /// None given, a line too long, or more than a document may carry in all.
    Invalid,
    /// No final document yet: its own recommendations come first.
    NoDocument,
}

/// The organiser adds recommendations to the published final document (a supplement); they
/// are numbered after the others and reach the body with the next recorded delivery.
pub async fn add_recommendations(
    app: &App,
    actor: &Actor,
    event_id: Uuid,
    recs: &str,
) -> Result<SupplementOutcome> {
    let e = event(app, event_id).await?;
    organiser(actor, &e)?;
    if e.document.is_none() {
        return Ok(SupplementOutcome::NoDocument);
    }
    let Some(recs) = recommendations(recs) else {
        return Ok(SupplementOutcome::Invalid);
    };
    let before = store::control::recommendations(&app.db, e.id).await?.len();
    if before + recs.len() > RECOMMENDATIONS_MAX {
        return Ok(SupplementOutcome::Invalid);
    }
    store::control::add_recommendations(&app.db, e.id, &recs, app.clock.now()).await?;
    Ok(SupplementOutcome::Added)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryOutcome {
    Recorded,
    /// No final document yet.
    NoDocument,
    /// No date was given.
    NoDate,
    /// The date is before the document's or after today.
    DateOutOfRange {
        document_on: NaiveDate,
    },
}

/// The organiser or an official records the day the final document reached the body; the
/// answers are due 10 working days later.
pub async fn record_delivery(
    app: &App,
    actor: &Actor,
    event_id: Uuid,
    on: Option<NaiveDate>,
) -> Result<DeliveryOutcome> {
    let e = event(app, event_id).await?;
    if organiser(actor, &e).is_err() {
        actor.require(Action::AnswerRecommendation, &e.territory_path)?;
    }
    let Some(doc) = &e.document else {
        return Ok(DeliveryOutcome::NoDocument);
    };
    let Some(on) = on else {
        return Ok(DeliveryOutcome::NoDate);
    };
    if !delivery_date_ok(on, doc.on, app.clock.today()) {
        return Ok(DeliveryOutcome::DateOutOfRange {
            document_on: doc.on,
        });
    }
    let cal = crate::oversight::calendar(app).await?;
    let due = Deadlines::default().answer_due(&cal, on);
    store::control::record_delivery(&app.db, e.id, on, due).await?;
    Ok(DeliveryOutcome::Recorded)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerOutcome {
    Answered,
    /// The answer is shorter or longer than allowed.
    Invalid,
    NotDelivered,
    AlreadyAnswered,
}

/// An official's reasoned answer to one delivered recommendation, once.
pub async fn answer_recommendation(
    app: &App,
    actor: &Actor,
    event_id: Uuid,
    recommendation: Uuid,
    text: &str,
) -> Result<AnswerOutcome> {
    let e = event(app, event_id).await?;
    let by = actor.require(Action::AnswerRecommendation, &e.territory_path)?;
    let recs = store::control::recommendations(&app.db, e.id).await?;
    let rec = recs
        .iter()
        .find(|r| r.id == recommendation)
        .ok_or(Error::NotFound)?;
    let Ok(text) = AnswerText::parse(text) else {
        return Ok(AnswerOutcome::Invalid);
    };
    if rec.delivered_on.is_none() {
        return Ok(AnswerOutcome::NotDelivered);
    }
    let today = app.clock.today();
    if store::control::answer(&app.db, e.id, rec.id, text.as_str(), today, by).await? {
        Ok(AnswerOutcome::Answered)
    } else {
        Ok(AnswerOutcome::AlreadyAnswered)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HearingOutcome {
    Scheduled,
    NotDelivered,
    Invalid {
        date: bool,
        place: bool,
    },
    /// Less than 3 working days' notice.
    NoticeTooShort(NoticeTooShort),
}

/// The organiser sets (or moves) the hearing on the body's answer.
pub async fn schedule_hearing(
    app: &App,
    actor: &Actor,
    event_id: Uuid,
    on: Option<NaiveDate>,
    place: &str,
) -> Result<HearingOutcome> {
    let e = event(app, event_id).await?;
    organiser(actor, &e)?;
    if e.delivered_on.is_none() {
        return Ok(HearingOutcome::NotDelivered);
    }
    let place = Place::parse(place).ok();
    let (Some(on), Some(place)) = (on, place.clone()) else {
        return Ok(HearingOutcome::Invalid {
            date: on.is_none(),
            place: place.is_none(),
        });
    };
    let cal = crate::oversight::calendar(app).await?;
    if let Err(short) = Deadlines::default().check_notice(&cal, app.clock.today(), on) {
        return Ok(HearingOutcome::NoticeTooShort(short));
    }
    store::control::schedule_hearing(&app.db, e.id, on, place.as_str()).await?;
    Ok(HearingOutcome::Scheduled)
}
