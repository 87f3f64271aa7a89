use std::fmt;

/// A land plot's cadastral number (кадастрлық нөмір / кадастровый номер): `RR:DDD:QQQ:PPPP`
/// (land-cadastre region, district, quarter, plot), also printed with hyphens. Kept in the
/// colon form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CadastralNumber(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CadastralError {
    #[error("a cadastral number looks like 01:234:567:8901")]
    Format,
}

const WIDTHS: [usize; 4] = [2, 3, 3, 4];

impl CadastralNumber {
    pub fn parse(raw: &str) -> Result<CadastralNumber, CadastralError> {
        let s = raw.trim();
        let parts: Vec<&str> = s.split([':', '-']).collect();
        let ok = parts.len() == 4
            && parts
                .iter()
                .zip(WIDTHS)
                .all(|(p, w)| p.len() == w && p.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return Err(CadastralError::Format);
        }
        Ok(CadastralNumber(parts.join(":")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CadastralNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_printed_forms() {
        assert_eq!(
            CadastralNumber::parse("01:234:567:8901").map(|c| c.to_string()),
            Ok("01:234:567:8901".into())
        );
        assert_eq!(
            CadastralNumber::parse(" 01-234-567-8901 ").map(|c| c.to_string()),
            Ok("01:234:567:8901".into())
        );
        for bad in [
            "",
            "01:234:567",
            "1:234:567:8901",
            "01:234:567:890a",
            "01:234:567:8901:1",
            "01/234/567/8901",
        ] {
            assert_eq!(
                CadastralNumber::parse(bad),
                Err(CadastralError::Format),
                "{bad}"
            );
        }
    }
}
