//! The one way the platform writes a CSV cell (the protocol, an initiative's villages, any
//! other table to download).

/// The first characters a spreadsheet reads as the start of a formula (or that hide one).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One CSV cell. A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'`, so it is shown as text (security
/// review L4); a cell holding a comma, a quote or a line break is quoted, quotes doubled.
pub fn cell(s: &str) -> String {
    let s = if s.starts_with(FORMULA_START) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Cells joined into one CSV line (without its line ending), each through [`cell`].
pub fn row<S: AsRef<str>>(cells: &[S]) -> String {
    cells
        .iter()
        .map(|c| cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_written_as_text() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tcmd"), "'\tcmd");
        assert_eq!(cell("\r=1"), "\"'\r=1\"");
    }

    #[test]
    fn plain_cells_are_left_alone_or_quoted() {
        assert_eq!(cell("Алакөл"), "Алакөл");
        assert_eq!(cell("12 500"), "12 500");
        assert_eq!(cell(""), "");
        assert_eq!(cell("a = b"), "a = b");
        assert_eq!(cell("Су, жарық"), "\"Су, жарық\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(row(&["a", "=1", "b,c"]), "a,'=1,\"b,c\"");
    }
}
