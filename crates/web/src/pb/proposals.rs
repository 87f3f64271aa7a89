//! Proposals: submitted by residents online, or typed in by a coordinator from a paper form
//! (or at a participation centre); public pages with the cost sheet and history; editing by
//! the author until review starts.

use super::{load_cycle, money};
use crate::extract::{Form, Id};
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::pb::cycles::{Cycle, Territory};
use app::pb::proposals::{Draft, Entry, Proposal, SubmitOutcome, SubmitRefusal};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::pb::{
    Category, Channel, DraftError, DraftInput, PaperEntry, PaperEntryError, ProposalError,
    ProposalLimits, ProposalText,
};
use domain::{Action, Kato};
use serde::Deserialize;
use uuid::Uuid;

pub const COST_LINES: usize = 5;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ProposalForm {
    pub title: String,
    pub description: String,
    pub category: String,
    pub village: String,
    pub place: String,
    pub cost_label_0: String,
    pub cost_amount_0: String,
    pub cost_label_1: String,
    pub cost_amount_1: String,
    pub cost_label_2: String,
    pub cost_amount_2: String,
    pub cost_label_3: String,
    pub cost_amount_3: String,
    pub cost_label_4: String,
    pub cost_amount_4: String,
    pub pledge_money: String,
    pub pledge_labour_days: String,
    /// Paper and assisted entry only.
    pub channel: String,
    pub author_name: String,
    pub form_number: String,
}

impl ProposalForm {
    fn lines(&self) -> [(&str, &str); COST_LINES] {
        [
            (&self.cost_label_0, &self.cost_amount_0),
            (&self.cost_label_1, &self.cost_amount_1),
            (&self.cost_label_2, &self.cost_amount_2),
            (&self.cost_label_3, &self.cost_amount_3),
            (&self.cost_label_4, &self.cost_amount_4),
        ]
    }

    fn from(p: &Proposal, village_kato: String) -> ProposalForm {
        let mut f = ProposalForm {
            title: p.title.clone(),
            description: p.description.clone(),
            category: p.category.as_str().into(),
            village: village_kato,
            place: p.place.clone(),
            pledge_money: (p.pledge_money.tiyn() / 100).to_string(),
            pledge_labour_days: p.pledge_labour_days.to_string(),
            ..ProposalForm::default()
        };
        let slots: [(&mut String, &mut String); COST_LINES] = [
            (&mut f.cost_label_0, &mut f.cost_amount_0),
            (&mut f.cost_label_1, &mut f.cost_amount_1),
            (&mut f.cost_label_2, &mut f.cost_amount_2),
            (&mut f.cost_label_3, &mut f.cost_amount_3),
            (&mut f.cost_label_4, &mut f.cost_amount_4),
        ];
        for ((label, amount), (l, a)) in slots.into_iter().zip(&p.items) {
            *label = l.clone();
            *amount = (a.tiyn() / 100).to_string();
        }
        f
    }
}

pub struct Line {
    i: usize,
    label: String,
    amount: String,
}

pub struct Option3 {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "pb/proposal_form.html")]
struct FormPage<'a> {
    c: &'a Ctx,
    title: String,
    action: String,
    cycle_id: Uuid,
    cycle_title: String,
    form: ProposalForm,
    errors: &'a FieldErrors,
    lines: Vec<Line>,
    categories: Vec<Option3>,
    villages: Vec<Option3>,
    channels: Vec<Option3>,
    on_paper: bool,
    cap: String,
}

/// The settlements of the cycle's territory, where a project can be placed.
async fn villages(s: &AppState, t: &Territory) -> Result<Vec<Territory>, AppError> {
    Ok(app::pb::proposals::settlements(&s.app, t).await?)
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
    action: String,
    on_paper: bool,
    form: ProposalForm,
    r: &Rejected,
) -> Result<Response, AppError> {
    let lang = c.lang.code();
    let lines = form
        .lines()
        .iter()
        .enumerate()
        .map(|(i, (l, a))| Line {
            i,
            label: l.to_string(),
            amount: a.to_string(),
        })
        .collect();
    let categories = Category::ALL
        .iter()
        .map(|cat| Option3 {
            value: cat.as_str().into(),
            label: c.t(&format!("pb-category-{}", cat.as_str())),
            selected: form.category.trim() == cat.as_str(),
        })
        .collect();
    let villages = villages(s, t)
        .await?
        .iter()
        .map(|v| Option3 {
            value: v.kato.to_string(),
            label: v.name(lang).to_string(),
            selected: form.village.trim() == v.kato.as_str(),
        })
        .collect();
    let channels = [Channel::Paper, Channel::Assisted]
        .iter()
        .map(|ch| Option3 {
            value: ch.as_str().into(),
            label: c.t(&format!("pb-channel-{}", ch.as_str())),
            selected: form.channel.trim() == ch.as_str(),
        })
        .collect();
    let page = FormPage {
        c,
        title: c.t(if on_paper {
            "pb-proposal-paper-title"
        } else {
            "pb-proposal-new-title"
        }),
        action,
        cycle_id: cy.id,
        cycle_title: super::cycle_title(c, cy, t),
        lines,
        categories,
        villages,
        channels,
        on_paper,
        cap: c.lang.t_args(
            "pb-cap",
            &[
                ("mrp", crate::i18n::Arg::Str(c.number(cy.cap_mrp))),
                ("tenge", crate::i18n::Arg::Str(money(c, cy.cap()))),
            ],
        ),
        form,
        errors: &r.errors,
    };
    Ok(r.respond(render(&page)?))
}

fn refusal(c: &Ctx, r: SubmitRefusal) -> String {
    match r {
        SubmitRefusal::NotResident => c.t("pb-proposal-err-not-resident"),
        SubmitRefusal::Closed => c.t("pb-proposal-err-closed"),
    }
}

/// May the viewer submit online to this cycle? Residents of its territory, during collection.
fn may_submit(c: &Ctx, cy: &Cycle, t: &Territory) -> Result<Result<(), String>, AppError> {
    let v = require_viewer(c)?;
    Ok(app::pb::proposals::may_submit(v, cy, t).map_err(|r| refusal(c, r)))
}

pub async fn new_form(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let on_paper = c.may(Action::ManageCycle, &t.path);
    if !on_paper {
        if let Err(reason) = may_submit(&c, &cy, &t)? {
            return super::show_page(&s, &c, &cy, &t, &Rejected::unprocessable(reason)).await;
        }
    }
    let action = format!("/pb/{}/proposals", cy.id);
    let form = ProposalForm::default();
    form_page(&s, &c, &cy, &t, action, on_paper, form, &Rejected::none()).await
}

/// Read the form; on success the proposal's parts (who enters it is the caller's).
async fn read_form(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
    f: &ProposalForm,
    errors: &mut FieldErrors,
) -> Result<Option<Draft>, AppError> {
    let village = match Kato::parse(&f.village) {
        Ok(k) => villages(s, t).await?.into_iter().find(|v| v.kato == k),
        Err(_) => None,
    };
    if village.is_none() {
        errors.add("village", c.t("err-village-unknown"));
    }
    let lines = f.lines();
    let input = DraftInput {
        title: &f.title,
        description: &f.description,
        category: &f.category,
        place: &f.place,
        lines: &lines,
        pledge_money: &f.pledge_money,
        pledge_labour_days: &f.pledge_labour_days,
    };
    let text = match ProposalText::parse(&input, cy.cap(), &ProposalLimits::default()) {
        Ok(text) => Some(text),
        Err(wrong) => {
            for e in wrong {
                draft_error(c, cy, e, errors);
            }
            None
        }
    };
    let (Some(village), Some(text), true) = (village, text, errors.is_empty()) else {
        return Ok(None);
    };
    Ok(Some(Draft {
        title: text.title,
        description: text.description,
        category: text.category,
        village_id: village.id,
        place: text.place,
        items: text.items,
        pledge_money: text.pledge_money,
        pledge_labour_days: text.pledge_labour_days,
    }))
}

/// One refused field's message in the reader's language.
fn draft_error(c: &Ctx, cy: &Cycle, e: DraftError, errors: &mut FieldErrors) {
    let range = |id: &str, (min, max): (usize, usize)| {
        c.lang.t_args(
            id,
            &[
                ("min", crate::i18n::Arg::Num(min as i64)),
                ("max", crate::i18n::Arg::Num(max as i64)),
            ],
        )
    };
    match e {
        DraftError::CostLine => errors.add("cost", c.t("pb-proposal-err-cost-line")),
        DraftError::Category => errors.add("category", c.t("pb-proposal-err-category")),
        DraftError::Place => errors.add("place", c.t("pb-proposal-err-place")),
        DraftError::PledgeMoney => errors.add("pledge_money", c.t("pb-err-money")),
        DraftError::Rule(ProposalError::Title(a, b)) => {
            errors.add("title", range("pb-proposal-err-title", (a, b)))
        }
        DraftError::Rule(ProposalError::Description(a, b)) => {
            errors.add("description", range("pb-proposal-err-description", (a, b)))
        }
        DraftError::Rule(ProposalError::NoCost) => {
            errors.add("cost", c.t("pb-proposal-err-no-cost"))
        }
        DraftError::Rule(ProposalError::CostLine(_)) => {}
        DraftError::Rule(ProposalError::OverCap { total, cap }) => errors.add(
            "cost",
            c.lang.t_args(
                "pb-proposal-err-over-cap",
                &[
                    ("total", crate::i18n::Arg::Str(money(c, total))),
                    ("mrp", crate::i18n::Arg::Str(c.number(cy.cap_mrp))),
                    ("cap", crate::i18n::Arg::Str(money(c, cap))),
                ],
            ),
        ),
        DraftError::Rule(ProposalError::Labour(max)) => errors.add(
            "pledge_labour_days",
            c.t_num("pb-proposal-err-labour", "max", max),
        ),
    }
}

pub async fn create(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<ProposalForm>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let on_paper = c.may(Action::ManageCycle, &t.path);
    let action = format!("/pb/{}/proposals", cy.id);
    let mut errors = FieldErrors::default();
    let entry = if on_paper {
        c.require(Action::ManageCycle, &t.path)?;
        if !app::pb::proposals::collecting(&cy) {
            errors.add("form_number", c.t("pb-proposal-err-closed"));
        }
        match PaperEntry::parse(&f.channel, &f.author_name, &f.form_number) {
            Ok(e) => Some(Entry::Paper(e)),
            Err(wrong) => {
                for e in wrong {
                    match e {
                        PaperEntryError::Channel => {
                            errors.add("channel", c.t("pb-proposal-err-channel"))
                        }
                        PaperEntryError::AuthorName => {
                            errors.add("author_name", c.t("err-name-required"))
                        }
                        PaperEntryError::FormNumber => {
                            errors.add("form_number", c.t("pb-proposal-err-form-number"))
                        }
                    }
                }
                None
            }
        }
    } else {
        if let Err(reason) = may_submit(&c, &cy, &t)? {
            return super::show_page(&s, &c, &cy, &t, &Rejected::unprocessable(reason)).await;
        }
        Some(Entry::Online)
    };
    let draft = read_form(&s, &c, &cy, &t, &f, &mut errors).await?;
    let (Some(entry), Some(draft), true) = (entry, draft, errors.is_empty()) else {
        let r = Rejected::invalid(errors);
        return form_page(&s, &c, &cy, &t, action, on_paper, f, &r).await;
    };
    let actor = require_viewer(&c)?;
    let r = match app::pb::proposals::submit_proposal(&s.app, actor, cy.id, entry, draft).await? {
        SubmitOutcome::Submitted(pid) => {
            return Ok(
                Redirect::to(&format!("/pb/proposals/{pid}?ok=pb-proposal-submitted"))
                    .into_response(),
            )
        }
        SubmitOutcome::Refused(SubmitRefusal::Closed) if on_paper => {
            Rejected::field("form_number", c.t("pb-proposal-err-closed"))
        }
        SubmitOutcome::Refused(why) => {
            let reason = Rejected::unprocessable(refusal(&c, why));
            return super::show_page(&s, &c, &cy, &t, &reason).await;
        }
        SubmitOutcome::TooMany(n) => {
            Rejected::field("title", c.t_num("pb-proposal-err-too-many", "max", n))
        }
        SubmitOutcome::FormNumberTaken => {
            Rejected::field("form_number", c.t("pb-proposal-err-form-taken"))
        }
    };
    form_page(&s, &c, &cy, &t, action, on_paper, f, &r).await
}

// ---- the public page and editing ----

#[derive(Template)]
#[template(path = "pb/proposal.html")]
struct ProposalPage<'a> {
    c: &'a Ctx,
    p: &'a Proposal,
    cycle_title: String,
    status: String,
    category: String,
    village: String,
    cost: String,
    items: Vec<(String, String)>,
    pledge: String,
    channel: String,
    history: Vec<(String, String)>,
    can_edit: bool,
    review: super::review::ReviewView,
    discussion: super::discussion::DiscussionView,
    photos: super::photos::PhotosView,
    errors: &'a FieldErrors,
}

pub(super) async fn load(
    s: &AppState,
    pid: Uuid,
) -> Result<(Proposal, Cycle, Territory), AppError> {
    Ok(app::pb::proposals::get(&s.app, pid).await?)
}

/// May the viewer edit the proposal now (the domain's rule: its author, while editable)?
pub(super) fn can_edit(c: &Ctx, p: &Proposal, cy: &Cycle) -> bool {
    app::pb::proposals::may_edit(c.viewer.as_ref(), p, cy)
}

fn event_label(c: &Ctx, event: &str) -> String {
    match event.split_once(':') {
        Some(("submitted", channel)) => c.t_str(
            "pb-event-submitted",
            "channel",
            &c.t(&format!("pb-channel-{channel}")),
        ),
        Some(("decided", decision)) => c.t(&format!("pb-event-decided-{decision}")),
        _ => c.t(&format!("pb-event-{event}")),
    }
}

/// The proposal's public page; `r.errors` come from a refused conclusion, decision or photo.
pub(super) async fn proposal_page(
    s: &AppState,
    c: &Ctx,
    p: &Proposal,
    cy: &Cycle,
    t: &Territory,
    r: &Rejected,
) -> Result<Response, AppError> {
    proposal_page_with(s, c, p, cy, t, r, Default::default()).await
}

/// The proposal's page, keeping a refused comment's text in its form.
pub(super) async fn proposal_page_with(
    s: &AppState,
    c: &Ctx,
    p: &Proposal,
    cy: &Cycle,
    t: &Territory,
    r: &Rejected,
    draft: super::discussion::CommentForm,
) -> Result<Response, AppError> {
    let lang = c.lang.code();
    let village = app::pb::proposals::territory(&s.app, p.village_id)
        .await?
        .map(|v| v.name(lang).to_string())
        .unwrap_or_default();
    let history = app::pb::proposals::history(&s.app, p.id)
        .await?
        .iter()
        .map(|e| (c.lang.date_of(e.at), event_label(c, &e.event)))
        .collect();
    let mut pledge_parts = Vec::new();
    if p.pledge_money.tiyn() > 0 {
        pledge_parts.push(money(c, p.pledge_money));
    }
    if p.pledge_labour_days > 0 {
        pledge_parts.push(c.t_num("pb-pledge-days", "days", p.pledge_labour_days));
    }
    let channel = match (&p.channel, &p.paper_form_number) {
        (Channel::Paper, Some(n)) => c.t_str("pb-channel-paper-number", "number", n),
        (ch, _) => c.t(&format!("pb-channel-{}", ch.as_str())),
    };
    let page = ProposalPage {
        c,
        p,
        cycle_title: super::cycle_title(c, cy, t),
        status: c.t(&format!("pb-status-{}", p.status.as_str())),
        category: c.t(&format!("pb-category-{}", p.category.as_str())),
        village,
        cost: money(c, p.cost),
        items: p
            .items
            .iter()
            .map(|(l, a)| (l.clone(), money(c, *a)))
            .collect(),
        pledge: pledge_parts.join(" · "),
        channel,
        history,
        can_edit: can_edit(c, p, cy),
        review: super::review::view(s, c, p, cy, t).await?,
        discussion: super::discussion::view(s, c, p, cy, t, draft).await?,
        photos: super::photos::view(s, c, p, cy, t).await?,
        errors: &r.errors,
    };
    Ok(r.respond(render(&page)?))
}

pub async fn show(State(s): State<AppState>, c: Ctx, Id(pid): Id) -> Result<Response, AppError> {
    let (p, cy, t) = load(&s, pid).await?;
    proposal_page(&s, &c, &p, &cy, &t, &Rejected::none()).await
}

pub async fn edit_form(
    State(s): State<AppState>,
    c: Ctx,
    Id(pid): Id,
) -> Result<Response, AppError> {
    let (p, cy, t) = load(&s, pid).await?;
    require_viewer(&c)?;
    if !can_edit(&c, &p, &cy) {
        return Err(AppError::Forbidden);
    }
    let kato = app::pb::proposals::territory(&s.app, p.village_id)
        .await?
        .map(|v| v.kato.to_string())
        .unwrap_or_default();
    let action = format!("/pb/proposals/{}/edit", p.id);
    let form = ProposalForm::from(&p, kato);
    form_page(&s, &c, &cy, &t, action, false, form, &Rejected::none()).await
}

pub async fn edit(
    State(s): State<AppState>,
    c: Ctx,
    Id(pid): Id,
    Form(f): Form<ProposalForm>,
) -> Result<Response, AppError> {
    let (p, cy, t) = load(&s, pid).await?;
    let v = require_viewer(&c)?;
    if !can_edit(&c, &p, &cy) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let action = format!("/pb/proposals/{}/edit", p.id);
    match read_form(&s, &c, &cy, &t, &f, &mut errors).await? {
        Some(draft) => {
            app::pb::proposals::edit_proposal(&s.app, v, p.id, draft).await?;
            Ok(
                Redirect::to(&format!("/pb/proposals/{}?ok=pb-proposal-saved", p.id))
                    .into_response(),
            )
        }
        None => {
            let r = Rejected::invalid(errors);
            form_page(&s, &c, &cy, &t, action, false, f, &r).await
        }
    }
}
