//! Splitting one line into `;`-separated cells the way Python's `csv` module does with its
//! default dialect (pabutools splits the text into lines first, so a quoted field never spans
//! lines).

use super::ReadError;
use std::borrow::Cow;

/// Splits `line` into `out`. A quote opens a quoted field only at the start of a cell; inside it,
/// `""` is one quote and `;` is literal; text after the closing quote is kept as Python does.
pub(crate) fn split<'a>(
    line: &'a str,
    line_no: usize,
    out: &mut Vec<Cow<'a, str>>,
) -> Result<(), ReadError> {
    out.clear();
    if line.is_empty() {
        return Ok(());
    }
    let bytes = line.as_bytes();
    let mut i = 0;
    loop {
        if i < bytes.len() && bytes[i] == b'"' {
            let mut cell = String::new();
            let mut j = i + 1;
            let mut closed = false;
            while j < bytes.len() {
                if bytes[j] == b'"' {
                    if j + 1 < bytes.len() && bytes[j + 1] == b'"' {
                        cell.push('"');
                        j += 2;
                        continue;
                    }
                    closed = true;
                    j += 1;
                    break;
                }
                let next = line[j..].find('"').map_or(bytes.len(), |k| j + k);
                cell.push_str(&line[j..next]);
                j = next;
            }
            if !closed {
                return Err(ReadError::UnclosedQuote { line: line_no });
            }
            let end = line[j..].find(';').map_or(bytes.len(), |k| j + k);
            cell.push_str(&line[j..end]);
            out.push(Cow::Owned(cell));
            if end >= bytes.len() {
                return Ok(());
            }
            i = end + 1;
        } else {
            let end = line[i..].find(';').map_or(bytes.len(), |k| i + k);
            out.push(Cow::Borrowed(&line[i..end]));
            if end >= bytes.len() {
                return Ok(());
            }
            i = end + 1;
            if i == bytes.len() {
                out.push(Cow::Borrowed(""));
                return Ok(());
            }
        }
    }
}

/// Quotes a cell for writing when Python's `csv` would (it contains `;`, a quote, or a line break).
pub(crate) fn quote(cell: &str) -> Cow<'_, str> {
    if cell.contains([';', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", cell.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(line: &str) -> Vec<String> {
        let mut v = Vec::new();
        split(line, 1, &mut v).unwrap();
        v.into_iter().map(|c| c.into_owned()).collect()
    }

    #[test]
    fn splits_like_python_csv() {
        assert_eq!(cells("a;b;c"), ["a", "b", "c"]);
        assert_eq!(cells("a;;"), ["a", "", ""]);
        assert_eq!(cells("\"x;y\";z"), ["x;y", "z"]);
        assert_eq!(cells("\"say \"\"hi\"\"\";1"), ["say \"hi\"", "1"]);
        assert_eq!(cells("ab\"c;d"), ["ab\"c", "d"]);
        assert_eq!(cells("\"q\"tail;d"), ["qtail", "d"]);
        assert!(cells("").is_empty());
        assert_eq!(cells(";"), ["", ""]);
    }

    #[test]
    fn unclosed_quote_is_an_error() {
        let mut v = Vec::new();
        assert!(matches!(
            split("\"abc;d", 7, &mut v),
            Err(ReadError::UnclosedQuote { line: 7 })
        ));
    }

    #[test]
    fn quoting_round_trips() {
        for s in ["plain", "a;b", "he said \"x\"", "x\ny"] {
            assert_eq!(cells(&quote(s)), [s]);
        }
    }
}
