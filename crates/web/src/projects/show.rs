//! The public page of a funded project, and the forms on it (shown again, with what was
//! typed and what is wrong, when one is refused).

use super::date;
use crate::extract::Id;
use crate::i18n::Arg;
use crate::pages::{render, Ctx, FieldErrors, Rejected};
use crate::uploads;
use crate::{AppError, AppState};
use app::projects::{Project, ProjectRecord};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::projects::{kz_date, Judgement, Verdict};
use domain::Action;
use serde::Deserialize;
use uuid::Uuid;

/// The implementation form, as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct RecordForm {
    pub contractor_name: String,
    pub contractor_bin: String,
    pub contract_number: String,
    pub contract_sum: String,
    pub planned_start: String,
    pub planned_end: String,
    pub actual_start: String,
    pub actual_end: String,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct MilestoneForm {
    pub ms_title: String,
    pub ms_due: String,
    pub ms_progress: String,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct PaymentForm {
    pub pay_date: String,
    pub pay_amount: String,
    pub pay_note: String,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct AcceptanceForm {
    pub verdict: String,
    pub remarks: String,
}

#[derive(Default, Clone)]
pub struct ReportForm {
    pub body: String,
    pub judgement: String,
    pub lat: String,
    pub lon: String,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct AnswerForm {
    pub answer: String,
}

/// Every form of the page; a refused one comes back filled in (what was wrong with it is the
/// page's `Rejected`).
#[derive(Default)]
pub struct Forms {
    pub record: Option<RecordForm>,
    pub milestone: MilestoneForm,
    pub payment: PaymentForm,
    pub acceptance: AcceptanceForm,
    pub report: ReportForm,
    /// The report whose answer was refused, and what was typed.
    pub answer: Option<(uuid::Uuid, String)>,
}

pub struct MilestoneRow {
    id: String,
    title: String,
    due: String,
    progress: i64,
    late: bool,
}

/// One text or date field of a form.
pub struct Input {
    name: &'static str,
    label: String,
    value: String,
    kind: &'static str,
    error: Option<String>,
}

fn inputs(
    c: &Ctx,
    errors: &FieldErrors,
    list: &[(&'static str, &str, &str, &'static str)],
) -> Vec<Input> {
    list.iter()
        .map(|(name, label, value, kind)| Input {
            name,
            label: c.t(label),
            value: value.to_string(),
            kind,
            error: errors.get(name).map(str::to_string),
        })
        .collect()
}

/// (id, label) of each file: "Document 1", "Photo 2", never the name it was uploaded with.
fn labelled<'a>(
    c: &Ctx,
    files: impl Iterator<Item = &'a app::projects::ProjectFile> + Clone,
) -> Vec<(String, String)> {
    let labels = uploads::labels(c, files.clone().map(|f| f.content_type.as_str()));
    files.map(|f| f.id.to_string()).zip(labels).collect()
}

pub struct ReportRow {
    id: String,
    author: String,
    filed: String,
    judgement: String,
    body: String,
    coordinates: Option<String>,
    photos: Vec<(String, String)>,
    answer: Option<String>,
    due: String,
    overdue: bool,
    answer_input: String,
    answer_error: Option<String>,
}

#[derive(Template)]
#[template(path = "projects/show.html")]
struct ShowPage<'a> {
    c: &'a Ctx,
    id: String,
    cycle_id: String,
    cycle_title: String,
    title: String,
    place: String,
    recorded: bool,
    contractor: String,
    contract: String,
    sum: String,
    paid: String,
    planned: String,
    actual: String,
    percent: i64,
    late: bool,
    over_budget: bool,
    milestones: Vec<MilestoneRow>,
    payments: Vec<(String, String, String)>,
    documents: Vec<(String, String)>,
    acceptances: Vec<(String, String, String, String)>,
    reports: Vec<ReportRow>,
    log: Vec<(String, String, String, String)>,
    can_edit: bool,
    can_sign: bool,
    can_report: bool,
    can_answer: bool,
    report_hint: Option<String>,
    record_fields: Vec<Input>,
    milestone_fields: Vec<Input>,
    payment_fields: Vec<Input>,
    acceptance: AcceptanceForm,
    report: ReportForm,
    errors: &'a FieldErrors,
    /// A refusal that belongs to no one field (an upload, an answer given meanwhile).
    error: Option<String>,
    judgements: Vec<(&'static str, String)>,
    verdicts: Vec<(&'static str, String)>,
}

fn or_dash(c: &Ctx, d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| date(c, d)).unwrap_or_else(|| "—".into())
}

fn money(c: &Ctx, t: domain::Tenge) -> String {
    t.format(c.lang.code())
}

pub async fn show(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    page(&s, &c, id, Forms::default(), &Rejected::none()).await
}

/// The page of project `id`, with `forms` as typed (or empty), and why one was refused.
pub async fn page(
    s: &AppState,
    c: &Ctx,
    id: Uuid,
    forms: Forms,
    r: &Rejected,
) -> Result<Response, AppError> {
    let (proj, rec) = app::projects::project_record(s, id).await?;
    let is_member = app::projects::may_sign(s, c.viewer.as_ref(), &proj).await?;
    let view = View {
        c,
        proj: &proj,
        rec: &rec,
        is_member,
    };
    let html = render(&view.build(forms, r))?;
    Ok(r.respond(html))
}

/// What the page is built from.
struct View<'a> {
    c: &'a Ctx,
    proj: &'a Project,
    rec: &'a ProjectRecord,
    is_member: bool,
}

impl<'a> View<'a> {
    fn reports(&self, forms: &Forms, errors: &FieldErrors) -> Vec<ReportRow> {
        let c = self.c;
        self.rec
            .reports
            .iter()
            .map(|st| {
                let r = &st.report;
                let (due, overdue) = (st.due, st.overdue());
                let (answer_input, answer_error) = match &forms.answer {
                    Some((rid, text)) if *rid == r.id => {
                        (text.clone(), errors.get("answer").map(str::to_string))
                    }
                    _ => (String::new(), None),
                };
                ReportRow {
                    id: r.id.to_string(),
                    author: r.author.clone(),
                    filed: date(c, kz_date(r.created_at)),
                    judgement: c.t(&format!("projects-judgement-{}", r.judgement.as_str())),
                    body: r.body.clone(),
                    coordinates: r.coordinates.map(|(a, o)| format!("{a:.5}, {o:.5}")),
                    photos: labelled(
                        c,
                        self.rec
                            .report_photos
                            .iter()
                            .filter(|f| f.report_id == Some(r.id)),
                    ),
                    answer: r.answer.clone(),
                    due: if overdue {
                        c.lang.t_args(
                            "projects-report-overdue",
                            &[
                                ("date", Arg::Str(date(c, due))),
                                ("days", Arg::Num(st.days_overdue)),
                            ],
                        )
                    } else {
                        c.t_str("projects-report-due", "date", &date(c, due))
                    },
                    overdue,
                    answer_input,
                    answer_error,
                }
            })
            .collect()
    }

    fn build(&self, forms: Forms, r: &'a Rejected) -> ShowPage<'a> {
        let (c, proj, rec) = (self.c, self.proj, self.rec);
        let pid = proj.p.id;
        let imp = &rec.implementation;
        let h = rec.health;
        let can_answer = c.may(Action::AnswerMonitoringReport, &proj.t.path);
        let reports = self.reports(&forms, &r.errors);
        let is_member = self.is_member;
        let can_report = c.may(Action::SubmitMonitoringReport, &proj.t.path);
        let report_hint = (!can_report).then(|| {
            c.t(if c.viewer.is_some() {
                "projects-report-not-resident"
            } else {
                "projects-report-login"
            })
        });
        let record = forms.record.unwrap_or_else(|| match &imp {
            Some(i) => RecordForm {
                contractor_name: i.contractor_name.clone(),
                contractor_bin: i.contractor_bin.clone(),
                contract_number: i.contract_number.clone(),
                contract_sum: (i.contract_sum.tiyn() / 100).to_string(),
                planned_start: i.planned_start.map(|d| d.to_string()).unwrap_or_default(),
                planned_end: i.planned_end.map(|d| d.to_string()).unwrap_or_default(),
                actual_start: i.actual_start.map(|d| d.to_string()).unwrap_or_default(),
                actual_end: i.actual_end.map(|d| d.to_string()).unwrap_or_default(),
            },
            None => RecordForm {
                contract_sum: (proj.p.cost.tiyn() / 100).to_string(),
                ..RecordForm::default()
            },
        });
        let t_name = proj.t.name(c.lang.code()).to_string();
        ShowPage {
            c,
            id: pid.to_string(),
            cycle_id: proj.cy.id.to_string(),
            cycle_title: c.lang.t_args(
                "pb-cycle-title",
                &[
                    ("year", Arg::Str(proj.cy.year.to_string())),
                    ("territory", Arg::Str(t_name)),
                ],
            ),
            title: proj.p.title.clone(),
            place: proj.p.place.clone(),
            recorded: imp.is_some(),
            contractor: imp
                .as_ref()
                .map(|i| format!("{} · {}", i.contractor_name, i.contractor_bin))
                .unwrap_or_default(),
            contract: imp
                .as_ref()
                .map(|i| i.contract_number.clone())
                .unwrap_or_default(),
            sum: imp
                .as_ref()
                .map(|i| money(c, i.contract_sum))
                .unwrap_or_else(|| money(c, proj.p.cost)),
            paid: money(c, rec.paid),
            planned: imp
                .as_ref()
                .map(|i| {
                    format!(
                        "{} – {}",
                        or_dash(c, i.planned_start),
                        or_dash(c, i.planned_end)
                    )
                })
                .unwrap_or_default(),
            actual: imp
                .as_ref()
                .map(|i| {
                    format!(
                        "{} – {}",
                        or_dash(c, i.actual_start),
                        or_dash(c, i.actual_end)
                    )
                })
                .unwrap_or_default(),
            percent: i64::from(rec.progress),
            late: h.late,
            over_budget: h.over_budget,
            milestones: rec
                .milestones
                .iter()
                .map(|m| MilestoneRow {
                    id: m.id.to_string(),
                    title: m.title.clone(),
                    due: or_dash(c, m.due),
                    progress: i64::from(m.progress),
                    late: rec.milestone_late(m),
                })
                .collect(),
            payments: rec
                .payments
                .iter()
                .map(|p| (date(c, p.paid_on), money(c, p.amount), p.note.clone()))
                .collect(),
            documents: labelled(c, rec.documents.iter()),
            acceptances: rec
                .acceptances
                .iter()
                .map(|a| {
                    (
                        a.name.clone(),
                        c.t(&format!("projects-verdict-{}", a.verdict.as_str())),
                        a.remarks.clone(),
                        date(c, kz_date(a.signed_at)),
                    )
                })
                .collect(),
            reports,
            log: rec
                .log
                .iter()
                .map(|l| {
                    (
                        date(c, kz_date(l.at)),
                        l.by.clone().unwrap_or_default(),
                        c.t(&format!("projects-log-{}", l.what.as_str())),
                        l.detail.clone(),
                    )
                })
                .collect(),
            can_edit: c.may(Action::EditImplementation, &proj.t.path),
            // A seat on the cycle's group (accepted, no other duty of it), never a role grant.
            can_sign: is_member,
            can_report,
            can_answer,
            report_hint,
            record_fields: inputs(
                c,
                &r.errors,
                &[
                    (
                        "contractor_name",
                        "projects-field-contractor",
                        &record.contractor_name,
                        "text",
                    ),
                    (
                        "contractor_bin",
                        "projects-field-bin",
                        &record.contractor_bin,
                        "text",
                    ),
                    (
                        "contract_number",
                        "projects-field-contract",
                        &record.contract_number,
                        "text",
                    ),
                    (
                        "contract_sum",
                        "projects-field-sum",
                        &record.contract_sum,
                        "text",
                    ),
                    (
                        "planned_start",
                        "projects-field-planned-start",
                        &record.planned_start,
                        "date",
                    ),
                    (
                        "planned_end",
                        "projects-field-planned-end",
                        &record.planned_end,
                        "date",
                    ),
                    (
                        "actual_start",
                        "projects-field-actual-start",
                        &record.actual_start,
                        "date",
                    ),
                    (
                        "actual_end",
                        "projects-field-actual-end",
                        &record.actual_end,
                        "date",
                    ),
                ],
            ),
            milestone_fields: inputs(
                c,
                &r.errors,
                &[
                    (
                        "ms_title",
                        "projects-field-ms-title",
                        &forms.milestone.ms_title,
                        "text",
                    ),
                    (
                        "ms_due",
                        "projects-field-ms-due",
                        &forms.milestone.ms_due,
                        "date",
                    ),
                    (
                        "ms_progress",
                        "projects-field-progress",
                        &forms.milestone.ms_progress,
                        "text",
                    ),
                ],
            ),
            payment_fields: inputs(
                c,
                &r.errors,
                &[
                    (
                        "pay_date",
                        "projects-field-pay-date",
                        &forms.payment.pay_date,
                        "date",
                    ),
                    (
                        "pay_amount",
                        "projects-field-pay-amount",
                        &forms.payment.pay_amount,
                        "text",
                    ),
                    (
                        "pay_note",
                        "projects-field-pay-note",
                        &forms.payment.pay_note,
                        "text",
                    ),
                ],
            ),
            acceptance: forms.acceptance,
            report: forms.report,
            errors: &r.errors,
            error: r.message.clone(),
            judgements: Judgement::ALL
                .iter()
                .map(|j| {
                    (
                        j.as_str(),
                        c.t(&format!("projects-judgement-{}", j.as_str())),
                    )
                })
                .collect(),
            verdicts: Verdict::ALL
                .iter()
                .map(|v| (v.as_str(), c.t(&format!("projects-verdict-{}", v.as_str()))))
                .collect(),
        }
    }
}
