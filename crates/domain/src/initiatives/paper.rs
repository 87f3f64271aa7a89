//! Paper signature sheets typed in twice by two coordinators ("double entry"): only the rows
//! both typed identically count, the others are listed for a third look at the paper.

use crate::accounts::{Iin, IinError};
use chrono::NaiveDate;

/// One typed row of a sheet: `name; IIN; village; date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperLine {
    /// The name with runs of spaces made one, so spacing alone is no mismatch.
    pub name: String,
    pub iin: Iin,
    /// The village as typed (a KATO code or a name); the caller resolves it.
    pub village: String,
    pub date: NaiveDate,
}

/// A row that could not be read, with its line number (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetError {
    pub line: usize,
    pub kind: SheetErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetErrorKind {
    Columns,
    Name,
    Iin(IinError),
    Date,
}

/// Why a well-formed row cannot count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowRefusal {
    /// The village is not one of the initiative's territory.
    Village,
    /// The signer was younger than the territory allows.
    Age,
    /// The row is dated after today.
    Date,
}

/// May a read row count: old enough on `today` and not dated in the future? (Whether its
/// village lies in the territory is looked up by the caller.)
pub fn check_row(line: &PaperLine, today: NaiveDate, min_age: u32) -> Result<(), RowRefusal> {
    if line.iin.age_on(today) < min_age {
        return Err(RowRefusal::Age);
    }
    if line.date > today {
        return Err(RowRefusal::Date);
    }
    Ok(())
}

/// The most rows one sheet may have (a printed sheet has 20; typed batches stay small).
pub const SHEET_MAX_ROWS: usize = 200;

fn parse_date(s: &str) -> Option<NaiveDate> {
    crate::time::parse_date(s).ok()
}

fn parse_line(line: &str) -> Result<PaperLine, SheetErrorKind> {
    let cols: Vec<&str> = line.split([';', '\t']).map(str::trim).collect();
    let [name, iin, village, date] = cols[..] else {
        return Err(SheetErrorKind::Columns);
    };
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return Err(SheetErrorKind::Name);
    }
    let iin = Iin::parse(iin).map_err(SheetErrorKind::Iin)?;
    if village.is_empty() {
        return Err(SheetErrorKind::Columns);
    }
    let date = parse_date(date).ok_or(SheetErrorKind::Date)?;
    Ok(PaperLine {
        name,
        iin,
        village: village.to_string(),
        date,
    })
}

/// Read a typed sheet, one row per non-empty line. Either every row is read, or every bad row
/// is listed: a half-read sheet would shift the line-by-line comparison.
pub fn parse_sheet(text: &str) -> Result<Vec<PaperLine>, Vec<SheetError>> {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        match parse_line(line) {
            Ok(r) => rows.push(r),
            Err(kind) => errors.push(SheetError { line: i + 1, kind }),
        }
    }
    if rows.len() + errors.len() > SHEET_MAX_ROWS {
        errors.push(SheetError {
            line: SHEET_MAX_ROWS + 1,
            kind: SheetErrorKind::Columns,
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// The outcome of comparing two entries of one sheet, row by row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reconciled {
    /// Indexes (from 0) of rows both entries agree on.
    pub matching: Vec<usize>,
    /// Line numbers (from 1) where they differ, or that only one entry has.
    pub mismatched: Vec<usize>,
}

/// Compare the first and second entry of a sheet line by line.
pub fn reconcile<T: PartialEq>(first: &[T], second: &[T]) -> Reconciled {
    let mut out = Reconciled::default();
    for i in 0..first.len().max(second.len()) {
        match (first.get(i), second.get(i)) {
            (Some(a), Some(b)) if a == b => out.matching.push(i),
            _ => out.mismatched.push(i + 1),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_rows_in_both_date_forms() {
        let rows = parse_sheet(
            "Әлия  Нұрова; 900101300017; 114435200; 2026-11-20\n\n Ерлан Сағынов;850315400025;Көркем;20.11.2026 ",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name, "Әлия Нұрова");
        assert_eq!(rows[1].village, "Көркем");
        assert_eq!(rows[0].date, rows[1].date);
    }

    #[test]
    fn rows_too_young_or_from_the_future() {
        let line = &parse_sheet("Әлия Нұрова; 900101300017; 114435200; 2026-11-20").unwrap()[0];
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(check_row(line, day("2026-11-20"), 18), Ok(()));
        assert_eq!(
            check_row(line, day("2026-11-19"), 18),
            Err(RowRefusal::Date)
        );
        assert_eq!(check_row(line, day("2026-11-20"), 40), Err(RowRefusal::Age));
    }

    #[test]
    fn every_bad_row_is_listed() {
        let errs = parse_sheet(
            "Әлия Нұрова; 900101300013; 114435200; 2026-11-20\nonly; two\nЕрлан; 850315400025; Көркем; 31.02.2026",
        )
        .unwrap_err();
        let lines: Vec<_> = errs.iter().map(|e| (e.line, e.kind)).collect();
        assert!(matches!(lines[0], (1, SheetErrorKind::Iin(_))));
        assert_eq!(
            lines[1..],
            [(2, SheetErrorKind::Columns), (3, SheetErrorKind::Date)]
        );
    }

    #[test]
    fn only_identical_rows_match() {
        let r = reconcile(&[1, 2, 3, 4], &[1, 5, 3]);
        assert_eq!(r.matching, [0, 2]);
        assert_eq!(r.mismatched, [2, 4]);
    }

    proptest! {
        #[test]
        fn every_line_is_either_matched_or_listed(a in prop::collection::vec(0u8..3, 0..30), b in prop::collection::vec(0u8..3, 0..30)) {
            let r = reconcile(&a, &b);
            prop_assert_eq!(r.matching.len() + r.mismatched.len(), a.len().max(b.len()));
            let same = reconcile(&a, &a);
            prop_assert!(same.mismatched.is_empty());
        }
    }
}
