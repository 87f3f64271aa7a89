use super::cells;
use super::ReadError;
use crate::election::{Election, Project, VoteType};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

/// Amounts above this (in the file's smallest unit) are refused, so that every sum of costs and
/// every product of a cost with a vote count fits in the integer types the rules use.
const MAX_UNITS: u128 = 1_000_000_000_000_000;
const MAX_DECIMALS: u32 = 9;

/// Reads a `.pb` file, streaming: it is read once, line by line, so memory holds the election
/// and one line, never the whole file.
pub fn read_file(path: impl AsRef<Path>) -> Result<Election, ReadError> {
    let path = path.as_ref();
    let io_error = |error| ReadError::Io {
        path: path.display().to_string(),
        error,
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let reader = std::io::BufReader::with_capacity(1 << 16, file);
    let lines = FileLines {
        reader,
        buf: Vec::new(),
        pending: std::collections::VecDeque::new(),
        no: 0,
        done: false,
        path,
    };
    parse(lines)
}

/// Lines of a file as Python's `str.splitlines` sees them (`\n`, `\r\n` or `\r`), numbered from 1.
struct FileLines<'p, R> {
    reader: R,
    buf: Vec<u8>,
    pending: std::collections::VecDeque<String>,
    no: usize,
    done: bool,
    path: &'p Path,
}

impl<R: BufRead> Iterator for FileLines<'_, R> {
    type Item = Result<(usize, Cow<'static, str>), ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(line) = self.pending.pop_front() {
            self.no += 1;
            return Some(Ok((self.no, Cow::Owned(line))));
        }
        if self.done {
            return None;
        }
        self.buf.clear();
        match self.reader.read_until(b'\n', &mut self.buf) {
            Ok(0) => {
                self.done = true;
                return None;
            }
            Ok(_) => {}
            Err(error) => {
                self.done = true;
                return Some(Err(ReadError::Io {
                    path: self.path.display().to_string(),
                    error,
                }));
            }
        }
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
        }
        let text = match std::str::from_utf8(&self.buf) {
            Ok(t) => t,
            Err(_) => {
                self.done = true;
                return Some(Err(ReadError::NotUtf8 { line: self.no + 1 }));
            }
        };
        // A lone `\r` also ends a line.
        let mut parts = text.split('\r');
        let first = parts.next().unwrap_or("").to_string();
        self.pending.extend(parts.map(str::to_string));
        self.no += 1;
        Some(Ok((self.no, Cow::Owned(first))))
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    None,
    Meta,
    Projects,
    Votes,
}

impl Section {
    fn name(self) -> &'static str {
        match self {
            Section::None => "(none)",
            Section::Meta => "META",
            Section::Projects => "PROJECTS",
            Section::Votes => "VOTES",
        }
    }
}

/// A decimal read exactly: `mantissa / 10^decimals`, trailing fractional zeros removed.
#[derive(Clone, Copy)]
struct Decimal {
    mantissa: u128,
    decimals: u32,
}

enum DecimalError {
    NotANumber,
    Negative,
    OutOfRange,
}

/// Parses `12`, `1500.50`, `1500,50` (a comma is a decimal point, as pabutools reads it).
fn parse_decimal(raw: &str) -> Result<Decimal, DecimalError> {
    let s = raw.trim();
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (int_part, frac_part) = match digits.find(['.', ',']) {
        Some(i) => (&digits[..i], &digits[i + 1..]),
        None => (digits, ""),
    };
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if (int_part.is_empty() && frac_part.is_empty())
        || !all_digits(int_part)
        || !all_digits(frac_part)
    {
        return Err(DecimalError::NotANumber);
    }
    let frac_part = frac_part.trim_end_matches('0');
    if frac_part.len() as u32 > MAX_DECIMALS {
        return Err(DecimalError::OutOfRange);
    }
    let mut mantissa: u128 = 0;
    for b in int_part.bytes().chain(frac_part.bytes()) {
        mantissa = mantissa
            .checked_mul(10)
            .and_then(|m| m.checked_add(u128::from(b - b'0')))
            .ok_or(DecimalError::OutOfRange)?;
        if mantissa > MAX_UNITS * 10u128.pow(MAX_DECIMALS) {
            return Err(DecimalError::OutOfRange);
        }
    }
    if negative && mantissa != 0 {
        return Err(DecimalError::Negative);
    }
    Ok(Decimal {
        mantissa,
        decimals: frac_part.len() as u32,
    })
}

/// `(mantissa, decimals)` of a non-negative decimal, for META values the rules read.
pub(crate) fn decimal_parts(raw: &str) -> Option<(u128, u32)> {
    parse_decimal(raw).ok().map(|d| (d.mantissa, d.decimals))
}

fn decimal_error(e: DecimalError, line: usize, field: &'static str, value: &str) -> ReadError {
    let value = value.trim().to_string();
    match e {
        DecimalError::NotANumber => ReadError::NotANumber { line, field, value },
        DecimalError::Negative => ReadError::Negative { line, field, value },
        DecimalError::OutOfRange => ReadError::OutOfRange { line, field, value },
    }
}

/// Brings decimals read with different numbers of places to one common scale.
fn rescale(
    d: Decimal,
    scale: u32,
    line: usize,
    field: &'static str,
    raw: &str,
) -> Result<u64, ReadError> {
    let v = d.mantissa * 10u128.pow(scale - d.decimals);
    if v > MAX_UNITS {
        return Err(decimal_error(DecimalError::OutOfRange, line, field, raw));
    }
    Ok(v as u64)
}

/// Splits on `\n`, `\r\n` and `\r`, numbering lines from 1.
fn lines(text: &str) -> impl Iterator<Item = Result<(usize, Cow<'_, str>), ReadError>> {
    let mut rest = text;
    let mut no = 0;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        no += 1;
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = &rest[..end];
        let mut next = end;
        if rest[end..].starts_with("\r\n") {
            next += 2;
        } else if end < rest.len() {
            next += 1;
        }
        rest = &rest[next..];
        Some(Ok((no, Cow::Borrowed(line))))
    })
}

fn is_blank(row: &[Cow<'_, str>]) -> bool {
    row.is_empty() || (row.len() == 1 && row[0].trim().is_empty())
}

struct PendingProject {
    line: usize,
    id: String,
    cost: Decimal,
    raw_cost: String,
    extra: Vec<String>,
}

struct VotesLayout {
    voter_id: usize,
    vote: usize,
    points: Option<usize>,
    /// Column index of every other column, in header order.
    extra: Vec<usize>,
    width: usize,
}

/// Parses the text of a `.pb` file (a leading BOM is allowed).
pub fn read_str(text: &str) -> Result<Election, ReadError> {
    parse(lines(text))
}

fn parse<'t>(
    lines: impl Iterator<Item = Result<(usize, Cow<'t, str>), ReadError>>,
) -> Result<Election, ReadError> {
    let mut election = Election::default();
    let mut section = Section::None;
    let mut expect_header = false;
    let mut meta_index: HashMap<String, usize> = HashMap::new();
    let mut meta_lines: Vec<usize> = Vec::new();

    let mut project_header: Vec<String> = Vec::new();
    let mut id_col = 0usize;
    let mut cost_col = 0usize;
    let mut pending: Vec<PendingProject> = Vec::new();
    let mut first_line_of: HashMap<String, usize> = HashMap::new();

    let mut index_of: HashMap<String, u32> = HashMap::new();
    let mut layout: Option<VotesLayout> = None;
    let mut vote_type = VoteType::Approval;
    let mut seen_stamp: Vec<u32> = Vec::new();
    let mut ballot: Vec<u32> = Vec::new();
    let mut ballot_points: Vec<Decimal> = Vec::new();
    let mut extra_cells: Vec<String> = Vec::new();
    // Points are rescaled at the end (their scale is known only then), so they are kept here.
    let mut all_points: Vec<Decimal> = Vec::new();
    let mut last_line = 0;

    for item in lines {
        let (no, line) = item?;
        let line = if no == 1 {
            line.strip_prefix('\u{feff}').unwrap_or(&line)
        } else {
            &line
        };
        last_line = no;
        let mut row: Vec<Cow<'_, str>> = Vec::new();
        cells::split(line, no, &mut row)?;
        if expect_header {
            if is_blank(&row) {
                return Err(ReadError::MissingHeader {
                    line: no,
                    section: section.name(),
                });
            }
            expect_header = false;
            match section {
                Section::Meta | Section::None => {}
                Section::Projects => {
                    project_header = row.iter().map(|c| c.trim().to_string()).collect();
                    id_col = find_col(&project_header, "project_id", no, "PROJECTS")?;
                    cost_col = find_col(&project_header, "cost", no, "PROJECTS")?;
                    election.project_columns = project_header
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| i != id_col && i != cost_col)
                        .map(|(_, h)| h.clone())
                        .collect();
                }
                Section::Votes => {
                    let header: Vec<String> = row.iter().map(|c| c.trim().to_string()).collect();
                    let voter_id = find_col(&header, "voter_id", no, "VOTES")?;
                    let vote = find_col(&header, "vote", no, "VOTES")?;
                    let points = if vote_type.has_points() {
                        Some(find_col(&header, "points", no, "VOTES")?)
                    } else {
                        None
                    };
                    let extra: Vec<usize> = (0..header.len())
                        .filter(|&i| i != voter_id && i != vote && Some(i) != points)
                        .collect();
                    election.vote_columns = extra.iter().map(|&i| header[i].clone()).collect();
                    layout = Some(VotesLayout {
                        voter_id,
                        vote,
                        points,
                        extra,
                        width: header.len(),
                    });
                }
            }
            continue;
        }
        if is_blank(&row) {
            continue;
        }
        let marker = row[0].trim().to_ascii_lowercase();
        let next = match marker.as_str() {
            "meta" => Some(Section::Meta),
            "projects" => Some(Section::Projects),
            "votes" => Some(Section::Votes),
            _ => None,
        };
        if let Some(next) = next {
            if next <= section {
                return Err(ReadError::RepeatedSection {
                    line: no,
                    section: next.name(),
                });
            }
            let expected = match section {
                Section::None => Section::Meta,
                Section::Meta => Section::Projects,
                _ => Section::Votes,
            };
            if next != expected {
                return Err(ReadError::SectionOrder {
                    line: no,
                    found: next.name(),
                    expected: expected.name(),
                });
            }
            if next == Section::Projects {
                vote_type = finish_meta(&mut election, &meta_index, no)?;
            }
            if next == Section::Votes {
                let budget_line = meta_index.get("budget").map_or(0, |&i| meta_lines[i]);
                finish_projects(&mut election, &mut pending, &mut index_of, budget_line)?;
                seen_stamp = vec![0; election.projects.len()];
            }
            section = next;
            expect_header = true;
            continue;
        }
        match section {
            Section::None => return Err(ReadError::OutsideSection { line: no }),
            Section::Meta => {
                let key = row[0].trim().to_string();
                let value = match row.get(1) {
                    Some(v) => v.trim().to_string(),
                    None => return Err(ReadError::MetaWithoutValue { line: no, key }),
                };
                match meta_index.get(&key) {
                    Some(&i) => {
                        election.meta[i].1 = value;
                        meta_lines[i] = no;
                    }
                    None => {
                        meta_index.insert(key.clone(), election.meta.len());
                        election.meta.push((key, value));
                        meta_lines.push(no);
                    }
                }
            }
            Section::Projects => {
                if row.len() > project_header.len() {
                    return Err(ReadError::ShortRow {
                        line: no,
                        found: row.len(),
                        expected: project_header.len(),
                    });
                }
                let id = row.get(id_col).map(|c| c.trim()).unwrap_or("");
                if id.is_empty() {
                    return Err(ReadError::EmptyProjectId { line: no });
                }
                if let Some(&first) = first_line_of.get(id) {
                    return Err(ReadError::DuplicateProject {
                        line: no,
                        id: id.to_string(),
                        first,
                    });
                }
                let raw_cost = row.get(cost_col).map(|c| c.trim()).unwrap_or("");
                let cost =
                    parse_decimal(raw_cost).map_err(|e| decimal_error(e, no, "cost", raw_cost))?;
                let extra = (0..project_header.len())
                    .filter(|&i| i != id_col && i != cost_col)
                    .map(|i| row.get(i).map(|c| c.trim().to_string()).unwrap_or_default())
                    .collect();
                first_line_of.insert(id.to_string(), no);
                pending.push(PendingProject {
                    line: no,
                    id: id.to_string(),
                    cost,
                    raw_cost: raw_cost.to_string(),
                    extra,
                });
            }
            Section::Votes => {
                let Some(layout) = layout.as_ref() else {
                    return Err(ReadError::MissingHeader {
                        line: no,
                        section: "VOTES",
                    });
                };
                if row.len() > layout.width {
                    return Err(ReadError::ShortRow {
                        line: no,
                        found: row.len(),
                        expected: layout.width,
                    });
                }
                let cell = |i: usize| row.get(i).map(|c| c.as_ref()).unwrap_or("");
                let voter = cell(layout.voter_id).trim();
                ballot.clear();
                ballot_points.clear();
                let stamp = (election.num_voters() + 1) as u32;
                let items: Vec<&str> = if vote_type.has_points() {
                    cell(layout.vote).trim().split(',').collect()
                } else {
                    cell(layout.vote)
                        .trim()
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .collect()
                };
                let items: &[&str] = if items.len() == 1 && items[0].is_empty() {
                    &[]
                } else {
                    &items
                };
                match layout.points {
                    Some(pc) => {
                        let raw = cell(pc).trim();
                        let pts: Vec<&str> = if raw.is_empty() || raw.eq_ignore_ascii_case("none") {
                            Vec::new()
                        } else {
                            raw.split(',').collect()
                        };
                        if pts.len() != items.len() {
                            return Err(ReadError::PointsMismatch {
                                line: no,
                                voter: voter.to_string(),
                                projects: items.len(),
                                points: pts.len(),
                            });
                        }
                        for (name, pt) in items.iter().zip(&pts) {
                            let p = lookup(&index_of, name, no, voter)?;
                            let d = parse_decimal(pt)
                                .map_err(|e| decimal_error(e, no, "points", pt))?;
                            if seen_stamp[p as usize] == stamp {
                                // A repeated id keeps its first position and its last points.
                                if let Some(k) = ballot.iter().position(|&q| q == p) {
                                    ballot_points[k] = d;
                                }
                            } else {
                                seen_stamp[p as usize] = stamp;
                                ballot.push(p);
                                ballot_points.push(d);
                            }
                        }
                    }
                    None => {
                        if matches!(vote_type, VoteType::Approval | VoteType::ChooseOne) {
                            if let Some(i) =
                                election.vote_columns.iter().position(|h| h == "points")
                            {
                                let raw = cell(layout.extra[i]).trim();
                                if !raw.is_empty() && !raw.eq_ignore_ascii_case("none") {
                                    return Err(ReadError::PointsOnApproval {
                                        line: no,
                                        voter: voter.to_string(),
                                        vote_type: vote_type.as_str(),
                                    });
                                }
                            }
                        }
                        for name in items {
                            let p = lookup(&index_of, name, no, voter)?;
                            if seen_stamp[p as usize] != stamp {
                                seen_stamp[p as usize] = stamp;
                                ballot.push(p);
                            }
                        }
                        if vote_type == VoteType::ChooseOne && ballot.len() > 1 {
                            return Err(ReadError::NotChooseOne {
                                line: no,
                                voter: voter.to_string(),
                                count: ballot.len(),
                            });
                        }
                    }
                }
                extra_cells.clear();
                extra_cells.extend(layout.extra.iter().map(|&i| cell(i).trim().to_string()));
                let extra: Vec<&str> = extra_cells.iter().map(String::as_str).collect();
                if election.num_voters() >= u32::MAX as usize - 1 {
                    return Err(ReadError::TooLarge { line: no });
                }
                election.push_voter(voter, &extra, &ballot, &[]);
                all_points.extend_from_slice(&ballot_points);
            }
        }
    }
    if expect_header {
        return Err(ReadError::MissingHeader {
            line: last_line + 1,
            section: section.name(),
        });
    }
    match section {
        Section::None => return Err(ReadError::MissingSection { section: "META" }),
        Section::Meta => {
            return Err(ReadError::MissingSection {
                section: "PROJECTS",
            })
        }
        Section::Projects => return Err(ReadError::MissingSection { section: "VOTES" }),
        Section::Votes => {}
    }
    if vote_type.has_points() {
        let scale = all_points.iter().map(|d| d.decimals).max().unwrap_or(0);
        election.points_scale = scale;
        let mut scaled = Vec::with_capacity(all_points.len());
        for d in &all_points {
            let v = d.mantissa * 10u128.pow(scale - d.decimals);
            if v > MAX_UNITS {
                return Err(ReadError::OutOfRange {
                    line: last_line,
                    field: "points",
                    value: format!("{} (after scaling)", v),
                });
            }
            scaled.push(v as u64);
        }
        election.set_points(scaled);
    }
    election.shrink();
    Ok(election)
}

fn lookup(
    index_of: &HashMap<String, u32>,
    name: &str,
    line: usize,
    voter: &str,
) -> Result<u32, ReadError> {
    index_of
        .get(name)
        .copied()
        .ok_or_else(|| ReadError::UnknownProject {
            line,
            voter: voter.to_string(),
            project: name.to_string(),
        })
}

fn find_col(
    header: &[String],
    name: &'static str,
    line: usize,
    section: &'static str,
) -> Result<usize, ReadError> {
    header
        .iter()
        .position(|h| h == name)
        .ok_or(ReadError::MissingColumn {
            line,
            section,
            column: name,
        })
}

/// Checks META once PROJECTS begins: the vote type must be known before any ballot is read.
fn finish_meta(
    election: &mut Election,
    meta_index: &HashMap<String, usize>,
    line: usize,
) -> Result<VoteType, ReadError> {
    let vt = match meta_index.get("vote_type") {
        Some(&i) => election.meta[i].1.clone(),
        None => return Err(ReadError::MissingMeta { key: "vote_type" }),
    };
    let vote_type = VoteType::parse(&vt).ok_or(ReadError::UnknownVoteType { line, value: vt })?;
    election.vote_type = Some(vote_type);
    if !meta_index.contains_key("budget") {
        return Err(ReadError::MissingMeta { key: "budget" });
    }
    Ok(vote_type)
}

fn finish_projects(
    election: &mut Election,
    pending: &mut Vec<PendingProject>,
    index_of: &mut HashMap<String, u32>,
    budget_line: usize,
) -> Result<(), ReadError> {
    let raw_budget = election.meta("budget").unwrap_or("").to_string();
    let budget = parse_decimal(&raw_budget)
        .map_err(|e| decimal_error(e, budget_line, "META budget", &raw_budget))?;
    let scale = pending
        .iter()
        .map(|p| p.cost.decimals)
        .chain(std::iter::once(budget.decimals))
        .max()
        .unwrap_or(0);
    election.money_scale = scale;
    election.budget = rescale(budget, scale, budget_line, "META budget", &raw_budget)?;
    for (i, p) in pending.drain(..).enumerate() {
        let cost = rescale(p.cost, scale, p.line, "cost", &p.raw_cost)?;
        index_of.insert(p.id.clone(), i as u32);
        election.projects.push(Project {
            id: p.id,
            cost,
            extra: p.extra,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        let ok = |s: &str| parse_decimal(s).map(|d| (d.mantissa, d.decimals)).ok();
        assert_eq!(ok("1500"), Some((1500, 0)));
        assert_eq!(ok("1500,50"), Some((15005, 1)));
        assert_eq!(ok(" 1500.25 "), Some((150025, 2)));
        assert_eq!(ok(".5"), Some((5, 1)));
        assert_eq!(ok("-0"), Some((0, 0)));
        assert!(ok("").is_none());
        assert!(ok("12a").is_none());
        assert!(ok("1.2.3").is_none());
        assert!(matches!(parse_decimal("-5"), Err(DecimalError::Negative)));
    }
}
