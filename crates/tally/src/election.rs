//! One participatory-budgeting election: projects with costs, a budget, and the ballots.
//!
//! Money is held as integers in the smallest decimal unit that occurs in the file
//! (`money_scale` decimal places), so every sum and comparison of costs is exact and cheap.
//! Ballots are stored column-wise (one offsets array, one flat array of project indices) because
//! citywide files have up to 130 000 voters and the election must stay smaller than its file.

use serde::Serialize;
use std::fmt;

/// How a ballot expresses preferences (META `vote_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VoteType {
    Approval,
    #[serde(rename = "choose-1")]
    ChooseOne,
    Ordinal,
    Cumulative,
    Scoring,
}

impl VoteType {
    pub fn parse(s: &str) -> Option<VoteType> {
        Some(match s {
            "approval" => VoteType::Approval,
            "choose-1" => VoteType::ChooseOne,
            "ordinal" => VoteType::Ordinal,
            "cumulative" => VoteType::Cumulative,
            "scoring" => VoteType::Scoring,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            VoteType::Approval => "approval",
            VoteType::ChooseOne => "choose-1",
            VoteType::Ordinal => "ordinal",
            VoteType::Cumulative => "cumulative",
            VoteType::Scoring => "scoring",
        }
    }

    /// Ballots that give each project a number of points (a `points` column).
    pub fn has_points(self) -> bool {
        matches!(self, VoteType::Cumulative | VoteType::Scoring)
    }
}

impl fmt::Display for VoteType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A non-negative decimal amount held as `units / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scaled {
    pub units: u64,
    pub scale: u32,
}

impl Scaled {
    /// Formats without trailing zeros, so that reading the text back gives the same scale.
    pub fn to_decimal_string(self) -> String {
        let p = 10u64.pow(self.scale);
        let whole = self.units / p;
        let frac = self.units % p;
        if frac == 0 {
            return whole.to_string();
        }
        let digits = format!("{:0width$}", frac, width = self.scale as usize);
        format!("{whole}.{}", digits.trim_end_matches('0'))
    }

    pub fn to_f64(self) -> f64 {
        self.units as f64 / 10f64.powi(self.scale as i32)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// `project_id`, compared as a plain string (pabutools orders ids by code point).
    pub id: String,
    /// Cost in units of `10^-money_scale`.
    pub cost: u64,
    /// The other PROJECTS columns, aligned with [`Election::project_columns`].
    pub extra: Vec<String>,
}

/// A view of one ballot: project indices (most preferred first for ordinal ballots) and, for
/// cumulative and scoring ballots, the points given to each (in units of `10^-points_scale`).
#[derive(Debug, Clone, Copy)]
pub struct Ballot<'a> {
    pub projects: &'a [u32],
    pub points: Option<&'a [u64]>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Election {
    /// META rows in file order (keys and values stripped).
    pub meta: Vec<(String, String)>,
    pub vote_type: Option<VoteType>,
    pub budget: u64,
    pub money_scale: u32,
    pub points_scale: u32,
    pub projects: Vec<Project>,
    /// PROJECTS header after `project_id;cost`.
    pub project_columns: Vec<String>,
    /// VOTES header after `voter_id` (without `vote` and `points`).
    pub vote_columns: Vec<String>,
    voter_cells: String,
    voter_cell_ends: Vec<u32>,
    ballot_ends: Vec<u32>,
    ballot_projects: Vec<u32>,
    ballot_points: Vec<u64>,
}

impl Election {
    /// An election with no voters yet; add them with [`Election::push_voter`].
    pub fn new(
        vote_type: VoteType,
        budget: Scaled,
        projects: Vec<Project>,
        money_scale: u32,
    ) -> Election {
        let mut meta = vec![
            ("vote_type".to_string(), vote_type.as_str().to_string()),
            ("budget".to_string(), budget.to_decimal_string()),
        ];
        meta.push(("num_projects".to_string(), projects.len().to_string()));
        Election {
            meta,
            vote_type: Some(vote_type),
            budget: budget.units,
            money_scale,
            projects,
            ..Election::default()
        }
    }

    pub fn vote_type(&self) -> VoteType {
        self.vote_type.unwrap_or(VoteType::Approval)
    }

    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn num_voters(&self) -> usize {
        self.ballot_ends.len()
    }

    pub fn ballot(&self, voter: usize) -> Ballot<'_> {
        let start = if voter == 0 {
            0
        } else {
            self.ballot_ends[voter - 1] as usize
        };
        let end = self.ballot_ends[voter] as usize;
        Ballot {
            projects: &self.ballot_projects[start..end],
            points: if self.vote_type().has_points() {
                Some(&self.ballot_points[start..end])
            } else {
                None
            },
        }
    }

    fn voter_cell(&self, voter: usize, column: usize) -> &str {
        let per = 1 + self.vote_columns.len();
        let i = voter * per + column;
        let start = if i == 0 {
            0
        } else {
            self.voter_cell_ends[i - 1] as usize
        };
        &self.voter_cells[start..self.voter_cell_ends[i] as usize]
    }

    pub fn voter_id(&self, voter: usize) -> &str {
        self.voter_cell(voter, 0)
    }

    /// The `column`-th extra VOTES cell of a voter (aligned with `vote_columns`).
    pub fn voter_extra(&self, voter: usize, column: usize) -> &str {
        self.voter_cell(voter, column + 1)
    }

    /// A VOTES column other than `voter_id`, `vote` and `points` (e.g. `age`).
    pub fn voter_field(&self, voter: usize, column: &str) -> Option<&str> {
        let c = self.vote_columns.iter().position(|h| h == column)?;
        Some(self.voter_cell(voter, c + 1))
    }

    /// A PROJECTS column other than `project_id` and `cost` (e.g. `selected`, `votes`, `name`).
    pub fn project_field(&self, project: usize, column: &str) -> Option<&str> {
        let c = self.project_columns.iter().position(|h| h == column)?;
        self.projects[project].extra.get(c).map(String::as_str)
    }

    pub fn project_index(&self, id: &str) -> Option<usize> {
        self.projects.iter().position(|p| p.id == id)
    }

    /// Appends a voter. `extra` is aligned with `vote_columns`; `points` must have one entry per
    /// project for cumulative and scoring elections and is ignored otherwise. The caller has
    /// already removed duplicates as the ballot type requires.
    pub fn push_voter(&mut self, id: &str, extra: &[&str], projects: &[u32], points: &[u64]) {
        self.voter_cells.push_str(id);
        self.voter_cell_ends.push(self.voter_cells.len() as u32);
        for i in 0..self.vote_columns.len() {
            self.voter_cells
                .push_str(extra.get(i).copied().unwrap_or(""));
            self.voter_cell_ends.push(self.voter_cells.len() as u32);
        }
        self.ballot_projects.extend_from_slice(projects);
        if self.vote_type().has_points() {
            for i in 0..projects.len() {
                self.ballot_points.push(points.get(i).copied().unwrap_or(0));
            }
        }
        self.ballot_ends.push(self.ballot_projects.len() as u32);
    }

    /// Gives back the slack that growing the vectors left while reading.
    pub(crate) fn shrink(&mut self) {
        self.voter_cells.shrink_to_fit();
        self.voter_cell_ends.shrink_to_fit();
        self.ballot_ends.shrink_to_fit();
        self.ballot_projects.shrink_to_fit();
        self.ballot_points.shrink_to_fit();
    }

    /// Replaces the points of all ballots at once (the reader learns their scale only at the end).
    pub(crate) fn set_points(&mut self, points: Vec<u64>) {
        debug_assert_eq!(points.len(), self.ballot_projects.len());
        self.ballot_points = points;
    }

    pub fn budget_scaled(&self) -> Scaled {
        Scaled {
            units: self.budget,
            scale: self.money_scale,
        }
    }

    pub fn cost_scaled(&self, project: usize) -> Scaled {
        Scaled {
            units: self.projects[project].cost,
            scale: self.money_scale,
        }
    }

    /// Number of ballots listing each project (with any points, even 0).
    pub fn approval_counts(&self) -> Vec<u64> {
        let mut counts = vec![0u64; self.projects.len()];
        for &p in &self.ballot_projects {
            counts[p as usize] += 1;
        }
        counts
    }

    /// Total points per project (cumulative and scoring), otherwise the approval counts.
    pub fn point_totals(&self) -> Vec<u64> {
        if !self.vote_type().has_points() {
            return self.approval_counts();
        }
        let mut totals = vec![0u64; self.projects.len()];
        for (i, &p) in self.ballot_projects.iter().enumerate() {
            totals[p as usize] = totals[p as usize].saturating_add(self.ballot_points[i]);
        }
        totals
    }

    /// The official outcome recorded in the `selected` column, if present: the projects marked `1`.
    /// (`2` and `3` mark projects funded afterwards from extra or reserve money.)
    pub fn official_selection(&self) -> Option<Vec<usize>> {
        let c = self.project_columns.iter().position(|h| h == "selected")?;
        Some(
            self.projects
                .iter()
                .enumerate()
                .filter(|(_, p)| p.extra.get(c).map(|v| v.trim() == "1").unwrap_or(false))
                .map(|(i, _)| i)
                .collect(),
        )
    }
}
