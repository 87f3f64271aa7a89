//! People's Participation Budget (ХҚБ / БНУ): cycles — set-up by a coordinator, the public
//! page with the envelope and the timeline, and moving through the stages.

mod api;
mod assisted;
mod ballot_pdf;
mod discussion;
mod envelope;
mod form;
mod meetings;
mod mrp;
mod paper;
mod photos;
mod proposals;
mod protocol;
mod results;
pub use discussion::notices_for;
mod review;
mod voting;

use crate::extract::{Form, Id, Path, Query};
use crate::i18n::Arg;
use crate::pages::{render, Ctx, FieldErrors, Rejected};
use crate::territories::load as load_territory;
use crate::{AppError, AppState};
use app::pb::cycles::{CreateOutcome, Cycle, Territory};
use app::pb::stage::StageOutcome;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use domain::money::Tenge;
use domain::pb::setup::{Place, COFINANCING_LINES, DATE_FIELDS};
use domain::pb::{BallotType, CoFinancingSource, CountingRule, Stage, StageError};
use domain::Action;
use form::CycleForm;
use serde::Deserialize;
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pb", get(list))
        .route("/territories/{kato}/pb/new", get(new_form))
        .route("/territories/{kato}/pb", post(create))
        .route("/pb/{id}", get(show))
        .route("/pb/{id}/stage", post(move_stage))
        .route("/pb/{id}/proposals/new", get(proposals::new_form))
        .route("/pb/{id}/proposals", post(proposals::create))
        .route("/pb/proposals/{pid}", get(proposals::show))
        .route(
            "/pb/proposals/{pid}/edit",
            get(proposals::edit_form).post(proposals::edit),
        )
        .route(
            "/pb/{id}/council",
            get(review::council).post(review::add_member),
        )
        .route("/pb/proposals/{pid}/conclusion", post(review::conclude))
        .route("/pb/proposals/{pid}/decision", post(review::decide))
        .merge(voting::routes())
        .merge(results::routes())
        .merge(api::routes())
        .merge(paper::routes())
        .merge(photos::routes())
        .merge(assisted::routes())
        .merge(ballot_pdf::routes())
        .merge(discussion::routes())
        .merge(meetings::routes())
        .merge(envelope::routes())
        .merge(mrp::routes())
        .merge(protocol::routes())
}

pub fn stage_label(c: &Ctx, s: Stage) -> String {
    c.t(&format!("pb-stage-{}", s.as_str()))
}

/// "Participation budget 2027: Alakol rural okrug".
fn cycle_title(c: &Ctx, cy: &Cycle, t: &Territory) -> String {
    c.lang.t_args(
        "pb-cycle-title",
        &[
            ("year", Arg::Str(cy.year.to_string())),
            ("territory", Arg::Str(t.name(c.lang.code()).to_string())),
        ],
    )
}

fn money(c: &Ctx, t: Tenge) -> String {
    t.format(c.lang.code())
}

// ---- list ----

pub struct CycleRow {
    id: Uuid,
    territory: String,
    year: i32,
    stage: String,
    envelope: String,
}

#[derive(Template)]
#[template(path = "pb/list.html")]
struct ListPage<'a> {
    c: &'a Ctx,
    rows: Vec<CycleRow>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    /// Only cycles of this territory and those under it.
    territory: String,
}

async fn list(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let prefix = match q.territory.trim() {
        "" => None,
        kato => {
            let t = load_territory(&s, kato).await?;
            Some(t.path_prefix())
        }
    };
    let cycles = app::pb::cycles::cycles(&s.app, prefix.as_deref()).await?;
    let mut rows = Vec::with_capacity(cycles.len());
    for (cy, territory) in cycles {
        rows.push(CycleRow {
            id: cy.id,
            territory: territory
                .map(|t| t.name(c.lang.code()).to_string())
                .unwrap_or_default(),
            year: cy.year,
            stage: stage_label(&c, cy.stage),
            envelope: money(&c, cy.envelope.total(None)),
        });
    }
    Ok(render(&ListPage { c: &c, rows })?.into_response())
}

// ---- set-up ----

#[derive(Template)]
#[template(path = "pb/new.html")]
struct NewPage<'a> {
    c: &'a Ctx,
    kato: String,
    territory: String,
    form: CycleForm,
    errors: &'a FieldErrors,
    sources: Vec<(&'static str, String)>,
    ballot_types: Vec<(&'static str, String)>,
    rules: Vec<(&'static str, String)>,
    share_hint: String,
    cap_hint: String,
    cof_lines: Vec<CofLine>,
    verification: Vec<(&'static str, String, bool)>,
    dates: Vec<DateField>,
}

pub struct CofLine {
    i: usize,
    source: String,
    amount: String,
    turnout: String,
    error: Option<String>,
}

impl CofLine {
    fn is(&self, code: &str) -> bool {
        self.source.trim() == code
    }
}

pub struct DateField {
    name: &'static str,
    label: String,
    value: String,
    error: Option<String>,
}

const COF_AMOUNTS: [&str; COFINANCING_LINES] = ["cof_amount_0", "cof_amount_1", "cof_amount_2"];

async fn new_page(
    s: &AppState,
    c: &Ctx,
    t: &Territory,
    form: CycleForm,
    r: &Rejected,
) -> Result<Response, AppError> {
    let p: Place = app::pb::cycles::place(&s.app, t).await?;
    let min_bp = p.minimum_share_bp();
    let cap_mrp = p.cap_mrp();
    let errors = &r.errors;
    let cof_lines = form
        .cofinancing()
        .iter()
        .enumerate()
        .map(|(i, (source, amount, turnout))| CofLine {
            i,
            source: source.to_string(),
            amount: amount.to_string(),
            turnout: turnout.to_string(),
            error: errors.get(COF_AMOUNTS[i]).map(str::to_string),
        })
        .collect();
    let values = form.dates();
    let dates = DATE_FIELDS
        .iter()
        .zip(values)
        .map(|(name, value)| DateField {
            name,
            label: c.t(&format!("pb-field-{name}")),
            value: value.to_string(),
            error: errors.get(name).map(str::to_string),
        })
        .collect();
    let verification =
        crate::accounts::requirement_options(c, &form.min_level, s.config.egov_sign_in);
    let page = NewPage {
        cof_lines,
        verification,
        dates,
        c,
        kato: t.kato.to_string(),
        territory: t.name(c.lang.code()).to_string(),
        form,
        errors,
        sources: CoFinancingSource::ALL
            .iter()
            .map(|s| (s.as_str(), c.t(&format!("pb-source-{}", s.as_str()))))
            .collect(),
        ballot_types: ["one_vote", "up_to", "knapsack"]
            .iter()
            .map(|b| (*b, c.t(&format!("pb-ballot-{b}"))))
            .collect(),
        rules: CountingRule::ALL
            .iter()
            .map(|r| (r.as_str(), c.t(&format!("pb-rule-{}", r.as_str()))))
            .collect(),
        share_hint: c.t_str("pb-share-hint", "min", &c.lang.percent(min_bp)),
        cap_hint: c.t_str("pb-cap-hint", "mrp", &c.number(cap_mrp)),
    };
    Ok(r.respond(render(&page)?))
}

async fn new_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
) -> Result<Response, AppError> {
    let t = load_territory(&s, &kato).await?;
    c.require(Action::ManageCycle, &t.path)?;
    let today = s.clock.today();
    new_page(&s, &c, &t, CycleForm::defaults(today), &Rejected::none()).await
}

async fn create(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
    Form(f): Form<CycleForm>,
) -> Result<Response, AppError> {
    let t = load_territory(&s, &kato).await?;
    let actor = c.require(Action::ManageCycle, &t.path)?;
    match app::pb::cycles::create_cycle(&s.app, actor, t.id, &f.input(s.config.egov_sign_in))
        .await?
    {
        CreateOutcome::Created(id) => {
            Ok(Redirect::to(&format!("/pb/{id}?ok=pb-created")).into_response())
        }
        CreateOutcome::Refused(errors) => {
            let errors = form::messages(&c, &errors);
            new_page(&s, &c, &t, f, &Rejected::invalid(errors)).await
        }
        CreateOutcome::YearTaken => {
            let r = Rejected::field("year", c.t("pb-err-year-taken"));
            new_page(&s, &c, &t, f, &r).await
        }
    }
}

// ---- the public page ----

pub struct TimelineRow {
    stage: String,
    planned: String,
    happened: String,
    current: bool,
    done: bool,
}

pub struct MoneyRow {
    label: String,
    amount: String,
    condition: String,
}

#[derive(Template)]
#[template(path = "pb/show.html")]
struct ShowPage<'a> {
    c: &'a Ctx,
    id: Uuid,
    title: String,
    kato: String,
    territory: String,
    stage: String,
    timeline: Vec<TimelineRow>,
    money: Vec<MoneyRow>,
    /// Village quotas or district sub-envelopes (name, amount), from `envelope`.
    split: Vec<(String, String)>,
    total: String,
    total_if_all: String,
    cap: String,
    ballot: String,
    rule: String,
    voters: String,
    per_author: String,
    moves: Vec<(&'static str, String)>,
    stage_error: Option<String>,
    proposals: Vec<ProposalRow>,
    proposals_count: String,
    can_propose: bool,
    can_enter_paper: bool,
    voting_open: bool,
    results_out: bool,
    show_votes: bool,
    can_enter_ballots: bool,
    can_assist: bool,
    ballot_pdf: bool,
    discussion: meetings::CycleDiscussion,
}

pub struct ProposalRow {
    id: Uuid,
    title: String,
    village: String,
    cost: String,
    status: String,
    /// The channel when it was not the web (paper form, participation centre).
    channel: Option<String>,
    /// "2 photos", when the proposal has any.
    photos: Option<String>,
    votes: String,
}

async fn load_cycle(s: &AppState, id: Uuid) -> Result<(Cycle, Territory), AppError> {
    Ok(app::pb::cycle(&s.app, id).await?)
}

fn source_label(c: &Ctx, s: CoFinancingSource) -> String {
    c.t(&format!("pb-source-{}", s.as_str()))
}

/// The cycle's public page; `r.message` says why a stage change or a proposal was refused.
async fn show_page(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
    r: &Rejected,
) -> Result<Response, AppError> {
    let lang = c.lang.code();
    let data = app::pb::cycles::cycle_page(&s.app, cy, t).await?;
    let history = &data.history;
    let shown: Vec<Stage> = Stage::ALL
        .into_iter()
        .filter(|st| *st != Stage::Revision || cy.revision_enabled)
        .collect();
    let timeline = shown
        .iter()
        .map(|st| {
            let planned = cy
                .schedule
                .planned(*st)
                .map(|(a, b)| format!("{} — {}", c.lang.date(a), c.lang.date(b)))
                .unwrap_or_default();
            let happened = history
                .iter()
                .rev()
                .find(|e| e.to == *st)
                .map(|e| c.t_str("pb-stage-entered", "date", &c.lang.date_of(e.at)))
                .unwrap_or_default();
            TimelineRow {
                stage: stage_label(c, *st),
                planned,
                happened,
                current: *st == cy.stage,
                done: *st < cy.stage,
            }
        })
        .collect();
    let share = c.t_str(
        "pb-money-share",
        "share",
        &c.lang.percent(cy.envelope.share_bp),
    );
    let mut money_rows = vec![MoneyRow {
        label: share,
        amount: money(c, cy.envelope.base()),
        condition: String::new(),
    }];
    for line in &cy.envelope.cofinancing {
        money_rows.push(MoneyRow {
            label: source_label(c, line.source),
            amount: money(c, line.amount),
            condition: line
                .min_turnout_bp
                .map(|bp| c.t_str("pb-money-if-turnout", "turnout", &c.lang.percent(bp)))
                .unwrap_or_default(),
        });
    }
    let ballot = match cy.ballot {
        BallotType::OneVote => c.t("pb-ballot-one_vote"),
        BallotType::UpTo(k) => c.t_num("pb-ballot-up-to-k", "k", i64::from(k)),
        BallotType::Knapsack => c.t("pb-ballot-knapsack"),
    };
    let can_manage = c.may(Action::ManageCycle, &t.path);
    let moves = if can_manage {
        cy.stage
            .successors()
            .iter()
            .filter(|st| **st != Stage::Revision || cy.revision_enabled)
            .map(|st| {
                (
                    st.as_str(),
                    c.t_str("pb-move-to", "stage", &stage_label(c, *st)),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let name = t.name(lang).to_string();
    let list = &data.proposals;
    let show_votes = cy.votes_public();
    let (votes, places, photo_counts) = (&data.votes, &data.places, &data.photos);
    let mut proposals = Vec::with_capacity(list.len());
    for p in list {
        proposals.push(ProposalRow {
            id: p.id,
            title: p.title.clone(),
            village: places
                .get(&p.village_id)
                .map(|v| v.name(lang).to_string())
                .unwrap_or_default(),
            cost: money(c, p.cost),
            status: c.t(&format!("pb-status-{}", p.status.as_str())),
            channel: (p.channel != domain::pb::Channel::Web)
                .then(|| c.t(&format!("pb-channel-{}", p.channel.as_str()))),
            photos: photo_counts
                .get(&p.id)
                .map(|n| c.t_num("pb-photo-count", "count", *n)),
            votes: c.number(votes.get(&p.id).copied().unwrap_or(0)),
        });
    }
    let collecting = cy.stage == Stage::Collection;
    let may = |a| c.may(a, &t.path);
    let page = ShowPage {
        discussion: meetings::for_cycle(s, c, cy, t).await?,
        proposals_count: c.t_num("pb-proposals-count", "count", list.len() as i64),
        proposals,
        can_propose: collecting && !can_manage,
        can_enter_paper: collecting && can_manage,
        voting_open: cy.stage == Stage::Voting,
        results_out: cy.stage >= Stage::Results,
        show_votes,
        can_enter_ballots: cy.stage == Stage::Voting && may(Action::EnterPaperBallots),
        can_assist: cy.stage == Stage::Voting && may(Action::AssistVoter),
        ballot_pdf: cy.stage >= Stage::Discussion,
        c,
        id: cy.id,
        title: cycle_title(c, cy, t),
        kato: t.kato.to_string(),
        territory: name,
        stage: stage_label(c, cy.stage),
        timeline,
        money: money_rows,
        split: envelope::breakdown(s, c, cy, cy.envelope.total(None)).await?,
        total: money(c, cy.envelope.total(None)),
        total_if_all: money(c, cy.envelope.total(Some(10_000))),
        cap: c.lang.t_args(
            "pb-cap",
            &[
                ("mrp", Arg::Str(c.number(cy.cap_mrp))),
                ("tenge", Arg::Str(money(c, cy.cap()))),
            ],
        ),
        ballot,
        rule: c.t(&format!("pb-rule-{}", cy.rule.as_str())),
        voters: format!(
            "{} {}",
            c.t_num("pb-voters", "age", i64::from(cy.eligibility.min_age)),
            crate::accounts::requirement_text(c, cy.eligibility.min_level)
        ),
        per_author: c.t_num("pb-per-author", "n", cy.max_proposals_per_author),
        moves,
        stage_error: r.message.clone(),
    };
    Ok(r.respond(render(&page)?))
}

async fn show(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    show_page(&s, &c, &cy, &t, &Rejected::none()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StageForm {
    to: String,
}

/// Why a stage change was refused, in the reader's language.
fn stage_message(c: &Ctx, e: &StageError) -> String {
    match e {
        StageError::NotNext { .. } => c.t("pb-stage-err-not-next"),
        StageError::NoProposals => c.t("pb-stage-err-no-proposals"),
        StageError::Undecided(n) => c.t_num("pb-stage-err-undecided", "count", *n as i64),
        StageError::NoAdmittedProposals => c.t("pb-stage-err-none-admitted"),
        StageError::RevisionDisabled => c.t("pb-stage-err-no-revision"),
        StageError::NoVotingDates => c.t("pb-stage-err-no-dates"),
        StageError::VotingEndsInPast(d) => {
            c.t_str("pb-stage-err-voting-past", "date", &c.lang.date(*d))
        }
        StageError::VotingStillOpen(d) => {
            c.t_str("pb-stage-err-voting-open", "date", &c.lang.date(*d))
        }
        StageError::ResultsNotPublished => c.t("pb-stage-err-no-results"),
    }
}

async fn move_stage(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<StageForm>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let actor = c.require(Action::ManageCycle, &t.path)?;
    let refused = match Stage::parse(f.to.trim()) {
        None => c.t("pb-stage-err-not-next"),
        Some(to) => match app::pb::stage::move_stage(&s.app, actor, cy.id, to).await? {
            StageOutcome::Moved => {
                return Ok(Redirect::to(&format!("/pb/{}?ok=pb-stage-moved", cy.id)).into_response())
            }
            StageOutcome::Refused(e) => stage_message(&c, &e),
            StageOutcome::Raced => c.t("pb-stage-err-not-next"),
        },
    };
    show_page(&s, &c, &cy, &t, &Rejected::unprocessable(refused)).await
}
