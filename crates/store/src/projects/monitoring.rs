//! Public control of a funded project: the cycle's monitoring group (бақылау тобы), its
//! members' acceptance of finished work, and residents' monitoring reports with answers.
//! Members take their seats by accepting an invitation (`store::oversight::invitations`).

use super::files::{insert_file, ProjectFile};
use super::log_line;
use crate::db::{in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::projects::{Judgement, Verdict, GROUP_MAX};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct Group {
    pub cycle_id: Uuid,
    pub elected_on: NaiveDate,
    /// The gathering (жиын) that elected the group, as its minutes name it.
    pub gathering: String,
    /// (user id, display name), in the order they were recorded.
    pub members: Vec<(Uuid, String)>,
}

const SELECT_MONITORING_GROUPS: &str =
    "SELECT elected_on, gathering FROM monitoring_groups WHERE cycle_id = $1";
const SELECT_MONITORING_MEMBERS: &str =
    "SELECT m.user_id, u.display_name FROM monitoring_members m JOIN users u ON u.id = \
     m.user_id WHERE m.cycle_id = $1 ORDER BY m.added_at, m.user_id";

pub async fn group(db: &Db, cycle: Uuid) -> Result<Option<Group>> {
    type Head = (NaiveDate, String);
    let head: Option<Head> = on_pool!(db, |p| sqlx::query_as(SELECT_MONITORING_GROUPS)
        .bind(cycle)
        .fetch_optional(p)
        .await)?;
    let Some((elected_on, gathering)) = head else {
        return Ok(None);
    };
    let members: Vec<(Uuid, String)> = on_pool!(db, |p| sqlx::query_as(SELECT_MONITORING_MEMBERS)
        .bind(cycle)
        .fetch_all(p)
        .await)?;
    Ok(Some(Group {
        cycle_id: cycle,
        elected_on,
        gathering,
        members,
    }))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddMember {
    /// Their invitation waits for their answer.
    Invited,
    /// They sit on the group already.
    Already,
    /// The group's members and pending invitations reach [`GROUP_MAX`] already.
    Full,
}

const INSERT_MONITORING_GROUPS: &str =
    "INSERT INTO monitoring_groups (cycle_id, elected_on, gathering, recorded_by, \
     recorded_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (cycle_id) DO UPDATE SET \
     elected_on = $2, gathering = $3, recorded_by = $4, recorded_at = $5";
const COUNT_MEMBERS: &str = "SELECT COUNT(*) FROM monitoring_members WHERE cycle_id = $1";
const IS_MEMBER: &str =
    "SELECT COUNT(*) FROM monitoring_members WHERE cycle_id = $1 AND user_id = $2";
const IS_INVITED: &str = "SELECT COUNT(*) FROM oversight_invitations WHERE body = $1 \
     AND cycle_id = $2 AND user_id = $3 AND answer IS NULL";

/// One member of a monitoring group, as the gathering elected them.
pub struct NewMember<'a> {
    pub cycle: Uuid,
    pub elected_on: NaiveDate,
    pub gathering: &'a str,
    pub user: Uuid,
    pub by: Uuid,
}

/// Record (or correct) the group's election and invite one member, all or nothing (security
/// review M5: the seat is theirs only when they accept,
/// `store::oversight::invitations::accept`).
pub async fn invite_member(db: &Db, m: &NewMember<'_>, now: DateTime<Utc>) -> Result<AddMember> {
    let NewMember {
        cycle,
        elected_on,
        gathering,
        user,
        by,
    } = *m;
    let body = domain::access::Body::MonitoringGroup.as_str();
    let out = in_tx!(db, |tx| {
        sqlx::query(INSERT_MONITORING_GROUPS)
            .bind(cycle)
            .bind(elected_on)
            .bind(gathering)
            .bind(by)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let member: i64 = sqlx::query_scalar(IS_MEMBER)
            .bind(cycle)
            .bind(user)
            .fetch_one(&mut *tx)
            .await?;
        let invited: i64 = sqlx::query_scalar(IS_INVITED)
            .bind(body)
            .bind(cycle)
            .bind(user)
            .fetch_one(&mut *tx)
            .await?;
        let members: i64 = sqlx::query_scalar(COUNT_MEMBERS)
            .bind(cycle)
            .fetch_one(&mut *tx)
            .await?;
        let pending: i64 = sqlx::query_scalar(crate::oversight::invitations::COUNT_PENDING)
            .bind(body)
            .bind(cycle)
            .fetch_one(&mut *tx)
            .await?;
        if member > 0 {
            AddMember::Already
        } else if invited == 0 && members + pending >= GROUP_MAX as i64 {
            AddMember::Full
        } else {
            crate::oversight::invitations::invite_in_tx!(tx, body, cycle, user, false, by, now);
            AddMember::Invited
        }
    });
    Ok(out)
}

pub async fn is_member(db: &Db, cycle: Uuid, user: Uuid) -> Result<bool> {
    let n: i64 = on_pool!(db, |p| sqlx::query_scalar(IS_MEMBER)
        .bind(cycle)
        .bind(user)
        .fetch_one(p)
        .await)?;
    Ok(n > 0)
}

#[derive(Debug, Clone)]
pub struct Acceptance {
    pub user_id: Uuid,
    pub name: String,
    pub verdict: Verdict,
    pub remarks: String,
    pub signed_at: DateTime<Utc>,
}

const INSERT_ACCEPTANCES: &str =
    "INSERT INTO acceptances (proposal_id, user_id, verdict, remarks, signed_at) VALUES \
     ($1, $2, $3, $4, $5) ON CONFLICT (proposal_id, user_id) DO UPDATE SET verdict = $3, \
     remarks = $4, signed_at = $5";

/// A member's signature; signing again replaces their earlier one. Logged.
pub async fn sign(
    db: &Db,
    proposal: Uuid,
    user: Uuid,
    verdict: Verdict,
    remarks: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let what = domain::projects::LogKind::acceptance(verdict);
    in_tx!(db, |tx| {
        sqlx::query(INSERT_ACCEPTANCES)
            .bind(proposal)
            .bind(user)
            .bind(verdict.as_str())
            .bind(remarks)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        log_line!(tx, proposal, user, now, what, remarks);
    });
    Ok(())
}

const SELECT_ACCEPTANCES: &str =
    "SELECT a.user_id, u.display_name, a.verdict, a.remarks, a.signed_at FROM acceptances \
     a JOIN users u ON u.id = a.user_id WHERE a.proposal_id = $1 ORDER BY a.signed_at, \
     a.user_id";

pub async fn acceptances(db: &Db, proposal: Uuid) -> Result<Vec<Acceptance>> {
    type AcceptanceRow = (Uuid, String, String, String, DateTime<Utc>);
    let rows: Vec<AcceptanceRow> = on_pool!(db, |p| sqlx::query_as(SELECT_ACCEPTANCES)
        .bind(proposal)
        .fetch_all(p)
        .await)?;
    rows.into_iter()
        .map(|(user_id, name, v, remarks, signed_at)| {
            Ok(Acceptance {
                user_id,
                name,
                verdict: Verdict::parse(&v)
                    .ok_or_else(|| StoreError::Corrupt(format!("acceptance verdict {v}")))?,
                remarks,
                signed_at,
            })
        })
        .collect()
}

/// A resident's report as filed.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub proposal_id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    pub judgement: Judgement,
    pub coordinates: Option<(f64, f64)>,
    /// Now, except for records typed in later (the demo, imports).
    pub filed_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub id: Uuid,
    pub proposal_id: Uuid,
    pub author: String,
    pub body: String,
    pub judgement: Judgement,
    pub coordinates: Option<(f64, f64)>,
    pub created_at: DateTime<Utc>,
    pub answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

struct ReportRow {
    id: Uuid,
    proposal_id: Uuid,
    author: String,
    body: String,
    judgement: String,
    lat: Option<f64>,
    lon: Option<f64>,
    created_at: DateTime<Utc>,
    answer: Option<String>,
    answered_at: Option<DateTime<Utc>>,
}
crate::db::from_row!(ReportRow {
    id,
    proposal_id,
    author,
    body,
    judgement,
    lat,
    lon,
    created_at,
    answer,
    answered_at
});

const REPORT_COLUMNS: &str =
    "r.id, r.proposal_id, u.display_name AS author, r.body, r.judgement, r.lat, r.lon, \
     r.created_at, r.answer, r.answered_at";

fn report(r: ReportRow) -> Result<Report> {
    Ok(Report {
        judgement: Judgement::parse(&r.judgement)
            .ok_or_else(|| StoreError::Corrupt(format!("report judgement {}", r.judgement)))?,
        id: r.id,
        proposal_id: r.proposal_id,
        author: r.author,
        body: r.body,
        coordinates: r.lat.zip(r.lon),
        created_at: r.created_at,
        answer: r.answer,
        answered_at: r.answered_at,
    })
}

const INSERT_MONITORING_REPORTS: &str =
    "INSERT INTO monitoring_reports (id, proposal_id, author_id, body, judgement, lat, \
     lon, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

/// Store a report and its photos (already written to the uploads folder) together.
pub async fn add_report(db: &Db, r: &NewReport, photos: &[ProjectFile]) -> Result<Uuid> {
    let id = new_id();
    let now = r.filed_at;
    let (lat, lon) = (r.coordinates.map(|c| c.0), r.coordinates.map(|c| c.1));
    in_tx!(db, |tx| {
        sqlx::query(INSERT_MONITORING_REPORTS)
            .bind(id)
            .bind(r.proposal_id)
            .bind(r.author_id)
            .bind(&r.body)
            .bind(r.judgement.as_str())
            .bind(lat)
            .bind(lon)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        for f in photos {
            let f = ProjectFile {
                report_id: Some(id),
                ..f.clone()
            };
            insert_file!(tx, f, r.author_id);
        }
    });
    Ok(id)
}

/// A project's reports, newest first.
pub async fn reports(db: &Db, proposal: Uuid) -> Result<Vec<Report>> {
    let sql = format!(
        "SELECT {REPORT_COLUMNS} FROM monitoring_reports r JOIN users u ON u.id = r.author_id \
         WHERE r.proposal_id = $1 ORDER BY r.created_at DESC, r.id DESC"
    );
    let rows: Vec<ReportRow> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(proposal)
        .fetch_all(p)
        .await)?;
    rows.into_iter().map(report).collect()
}

pub async fn get_report(db: &Db, id: Uuid) -> Result<Option<Report>> {
    let sql = format!(
        "SELECT {REPORT_COLUMNS} FROM monitoring_reports r JOIN users u ON u.id = r.author_id \
         WHERE r.id = $1"
    );
    let row: Option<ReportRow> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)?;
    row.map(report).transpose()
}

const SELECT_MONITORING_REPORTS: &str =
    "SELECT proposal_id FROM monitoring_reports WHERE id = $1 AND answer IS NULL";
const UPDATE_MONITORING_REPORTS: &str =
    "UPDATE monitoring_reports SET answer = $2, answered_by = $3, answered_at = $4 WHERE \
     id = $1";

/// Answer a report once; false when it was answered already. Logged.
pub async fn answer(
    db: &Db,
    report: Uuid,
    text: &str,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<bool> {
    let done = in_tx!(db, |tx| {
        let proposal: Option<Uuid> = sqlx::query_scalar(SELECT_MONITORING_REPORTS)
            .bind(report)
            .fetch_optional(&mut *tx)
            .await?;
        match proposal {
            Some(proposal) => {
                sqlx::query(UPDATE_MONITORING_REPORTS)
                    .bind(report)
                    .bind(text)
                    .bind(by)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                log_line!(
                    tx,
                    proposal,
                    by,
                    now,
                    domain::projects::LogKind::Answer,
                    text
                );
                true
            }
            None => false,
        }
    });
    Ok(done)
}

const UNANSWERED_UNDER: &str =
    "SELECT r.id, r.proposal_id, pr.title, r.created_at FROM monitoring_reports r JOIN \
     pb_proposals pr ON pr.id = r.proposal_id JOIN pb_cycles c ON c.id = pr.cycle_id JOIN \
     territories t ON t.id = c.territory_id WHERE r.answer IS NULL AND t.path LIKE $1 \
     ORDER BY r.created_at DESC, r.id";

/// An unanswered report of a project under a territory: (report id, proposal id, project
/// title, filed at).
pub async fn unanswered_under(
    db: &Db,
    path_prefix: &str,
) -> Result<Vec<(Uuid, Uuid, String, DateTime<Utc>)>> {
    Ok(on_pool!(db, |p| sqlx::query_as(UNANSWERED_UNDER)
        .bind(format!("{path_prefix}%"))
        .fetch_all(p)
        .await)?)
}
