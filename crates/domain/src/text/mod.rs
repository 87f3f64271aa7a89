//! Text people type into forms, parsed once into values that can only be valid ("parse,
//! don't validate"): a [`BoundedText`] is trimmed and within its length limits, counted in
//! characters (Kazakh and Russian letters are one character each, whatever their bytes).

use std::fmt;

/// A text outside its length limits (counted in characters, after trimming).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the text must have {min} to {max} characters")]
pub struct Length {
    pub min: usize,
    pub max: usize,
}

/// Trimmed text of `MIN..=MAX` characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BoundedText<const MIN: usize, const MAX: usize>(String);

impl<const MIN: usize, const MAX: usize> BoundedText<MIN, MAX> {
    pub const LIMITS: Length = Length { min: MIN, max: MAX };

    /// Trim, then check the length.
    pub fn parse(text: &str) -> Result<Self, Length> {
        let t = text.trim();
        if (MIN..=MAX).contains(&t.chars().count()) {
            Ok(BoundedText(t.to_string()))
        } else {
            Err(Self::LIMITS)
        }
    }

    /// Runs of whitespace (line breaks included) become one space, then as [`Self::parse`]:
    /// for one-line labels typed by hand.
    pub fn parse_line(text: &str) -> Result<Self, Length> {
        Self::parse(&text.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl<const MIN: usize, const MAX: usize> fmt::Display for BoundedText<MIN, MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<const MIN: usize, const MAX: usize> AsRef<str> for BoundedText<MIN, MAX> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// An optional text: empty (after trimming) is `None`, anything else must fit the limits.
pub fn optional<const MIN: usize, const MAX: usize>(
    text: &str,
) -> Result<Option<BoundedText<MIN, MAX>>, Length> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        BoundedText::parse(text).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type Label = BoundedText<1, 5>;

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(
            Label::parse("  Өңір ").map(|t| t.into_string()),
            Ok("Өңір".into())
        );
        assert_eq!(Label::parse("Қазақстан"), Err(Length { min: 1, max: 5 }));
        assert!(Label::parse("   ").is_err());
        assert_eq!(
            BoundedText::<1, 20>::parse_line("a\n  b\tc").map(|t| t.into_string()),
            Ok("a b c".into())
        );
        assert_eq!(optional::<2, 5>("  ").map(|o| o.is_none()), Ok(true));
        assert!(optional::<2, 5>("x").is_err());
    }

    proptest! {
        #[test]
        fn what_parses_is_trimmed_and_within_limits(s in "\\PC{0,12}") {
            if let Ok(t) = Label::parse(&s) {
                let n = t.as_str().chars().count();
                prop_assert!((1..=5).contains(&n));
                prop_assert_eq!(t.as_str(), t.as_str().trim());
            }
        }
    }
}
