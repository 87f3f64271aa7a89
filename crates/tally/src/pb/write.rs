use super::cells::quote;
use crate::election::{Election, Scaled};
use std::io::{self, Write};

/// Writes the election as a `.pb` file that [`super::read_str`] reads back to an equal election.
///
/// Line breaks inside cells are written as spaces: pabutools splits the file into lines before it
/// parses quotes, so a quoted line break cannot be read back by anyone.
pub fn write_to(election: &Election, out: &mut impl Write) -> io::Result<()> {
    let cell = |s: &str| -> String {
        let flat = if s.contains(['\n', '\r']) {
            s.replace(['\n', '\r'], " ")
        } else {
            s.to_string()
        };
        quote(&flat).into_owned()
    };
    writeln!(out, "META")?;
    writeln!(out, "key;value")?;
    for (k, v) in &election.meta {
        writeln!(out, "{};{}", cell(k), cell(v))?;
    }
    writeln!(out, "PROJECTS")?;
    write!(out, "project_id;cost")?;
    for c in &election.project_columns {
        write!(out, ";{}", cell(c))?;
    }
    writeln!(out)?;
    for p in &election.projects {
        let cost = Scaled {
            units: p.cost,
            scale: election.money_scale,
        };
        write!(out, "{};{}", cell(&p.id), cost.to_decimal_string())?;
        for v in &p.extra {
            write!(out, ";{}", cell(v))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "VOTES")?;
    let with_points = election.vote_type().has_points();
    write!(out, "voter_id;vote")?;
    if with_points {
        write!(out, ";points")?;
    }
    for c in &election.vote_columns {
        write!(out, ";{}", cell(c))?;
    }
    writeln!(out)?;
    let mut ids = String::new();
    for v in 0..election.num_voters() {
        let ballot = election.ballot(v);
        ids.clear();
        for (k, &p) in ballot.projects.iter().enumerate() {
            if k > 0 {
                ids.push(',');
            }
            ids.push_str(&election.projects[p as usize].id);
        }
        write!(out, "{};{}", cell(election.voter_id(v)), cell(&ids))?;
        if with_points {
            let pts: Vec<String> = ballot
                .points
                .unwrap_or(&[])
                .iter()
                .map(|&u| {
                    Scaled {
                        units: u,
                        scale: election.points_scale,
                    }
                    .to_decimal_string()
                })
                .collect();
            write!(out, ";{}", cell(&pts.join(",")))?;
        }
        for c in 0..election.vote_columns.len() {
            write!(out, ";{}", cell(election.voter_extra(v, c)))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

pub fn write_string(election: &Election) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_to(election, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}
