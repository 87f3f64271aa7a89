/// A password that meets the policy. Never stored or logged: only its argon2id hash is.
pub struct Password(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("at least {min} characters")]
    TooShort { min: usize },
    #[error("too long")]
    TooLong,
    #[error("too easy to guess")]
    Common,
}

pub const MIN_LEN: usize = 8;
const MAX_LEN: usize = 256;

/// Passwords seen most often in leaks, in Latin and Cyrillic keyboard layouts.
const COMMON: [&str; 16] = [
    "12345678",
    "123456789",
    "1234567890",
    "password",
    "qwertyui",
    "qwerty123",
    "11111111",
    "00000000",
    "87654321",
    "password1",
    "iloveyou",
    "йцукенгш",
    "пароль123",
    "qazwsxed",
    "abcd1234",
    "qatysu123",
];

impl Password {
    pub fn parse(raw: &str) -> Result<Password, PasswordError> {
        let chars = raw.chars().count();
        if chars < MIN_LEN {
            return Err(PasswordError::TooShort { min: MIN_LEN });
        }
        if chars > MAX_LEN {
            return Err(PasswordError::TooLong);
        }
        let lower = raw.to_lowercase();
        let one_char = lower.chars().all(|c| lower.starts_with(c));
        if one_char || COMMON.contains(&lower.as_str()) {
            return Err(PasswordError::Common);
        }
        Ok(Password(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert!(Password::parse("жаңа-құпия-сөз").is_ok());
        assert_eq!(
            Password::parse("short").err(),
            Some(PasswordError::TooShort { min: 8 })
        );
        assert_eq!(
            Password::parse("12345678").err(),
            Some(PasswordError::Common)
        );
        assert_eq!(
            Password::parse("aaaaaaaaaa").err(),
            Some(PasswordError::Common)
        );
        assert_eq!(
            Password::parse(&"x".repeat(300)).err(),
            Some(PasswordError::TooLong)
        );
    }
}
