use std::fmt;

/// How a resident is reached and logs in: a Kazakhstan mobile number or an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contact {
    /// Normalised to `+7XXXXXXXXXX`.
    Phone(String),
    /// Lower-cased.
    Email(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ContactError {
    #[error("not a phone number (+7 and 10 digits) or an e-mail address")]
    Invalid,
}

impl Contact {
    pub fn parse(raw: &str) -> Result<Contact, ContactError> {
        let s = raw.trim();
        if s.contains('@') {
            let lower = s.to_lowercase();
            let (local, domain) = lower.split_once('@').ok_or(ContactError::Invalid)?;
            let ok = !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !lower
                    .chars()
                    .any(|c| c.is_whitespace() || c == '<' || c == '>')
                && lower.len() <= 254;
            return if ok {
                Ok(Contact::Email(lower))
            } else {
                Err(ContactError::Invalid)
            };
        }
        let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
        let only_phone_chars = s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'));
        let national = match digits.len() {
            11 if digits.starts_with('7') || digits.starts_with('8') => &digits[1..],
            10 => &digits[..],
            _ => return Err(ContactError::Invalid),
        };
        if !only_phone_chars || !national.starts_with('7') {
            return Err(ContactError::Invalid);
        }
        Ok(Contact::Phone(format!("+7{national}")))
    }

    pub fn as_str(&self) -> &str {
        match self {
            Contact::Phone(s) | Contact::Email(s) => s,
        }
    }
}

impl fmt::Display for Contact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_phones_and_emails() {
        for p in [
            "+7 701 123 45 67",
            "87011234567",
            "7011234567",
            "+7(701)123-45-67",
        ] {
            assert_eq!(
                Contact::parse(p),
                Ok(Contact::Phone("+77011234567".into())),
                "{p}"
            );
        }
        assert_eq!(
            Contact::parse(" Aigul@Mail.KZ "),
            Ok(Contact::Email("aigul@mail.kz".into()))
        );
        for bad in [
            "",
            "123",
            "a@b",
            "@mail.kz",
            "+7 301 123 45 67",
            "phone 87011234567",
        ] {
            assert!(Contact::parse(bad).is_err(), "{bad}");
        }
    }
}
