//! Participation centres (цифрлық қатысу орталығы / центр цифрового участия): the place in a
//! village, okrug or district where a registrar sees a person's identity document and raises
//! their account to `in_person`; and the presence code that proves the person at the desk
//! controls the account being raised.

pub mod presence;

use crate::text::{self, BoundedText};

/// A centre's name in one language.
pub type Name = BoundedText<2, 200>;
/// Where to find it: street, house, office.
pub type Address = BoundedText<5, 300>;
/// When it is open, as people write it ("Дс–Жм 09:00–18:00, түскі үзіліс 13:00–14:00").
pub type Hours = BoundedText<2, 300>;

/// A centre's telephone as people write it: a mobile or a landline with its area code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// Digits (6 to 15 of them) with the usual separators: spaces, `+`, `-`, brackets.
    pub fn parse(s: &str) -> Option<Phone> {
        let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
        let digits = t.chars().filter(char::is_ascii_digit).count();
        let allowed = t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')'));
        (allowed && (6..=15).contains(&digits)).then_some(Phone(t))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What an administrator types about a centre, as typed.
#[derive(Debug, Clone, Default)]
pub struct CentreInput<'a> {
    pub name_kk: &'a str,
    pub name_ru: &'a str,
    pub address_kk: &'a str,
    pub address_ru: &'a str,
    pub hours: &'a str,
    pub phone: &'a str,
}

/// A centre's description, valid in every field. The phone may be absent (a village centre
/// in the akimat's building shares its line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CentreDraft {
    pub name_kk: Name,
    pub name_ru: Name,
    pub address_kk: Address,
    pub address_ru: Address,
    pub hours: Hours,
    pub phone: Option<Phone>,
}

/// A field of the centre form that is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CentreField {
    NameKk,
    NameRu,
    AddressKk,
    AddressRu,
    Hours,
    Phone,
}

impl CentreField {
    /// The form field's name.
    pub fn as_str(self) -> &'static str {
        match self {
            CentreField::NameKk => "name_kk",
            CentreField::NameRu => "name_ru",
            CentreField::AddressKk => "address_kk",
            CentreField::AddressRu => "address_ru",
            CentreField::Hours => "hours",
            CentreField::Phone => "phone",
        }
    }
}

impl CentreDraft {
    /// Every field checked at once, so the form shows every mistake together.
    pub fn parse(i: &CentreInput<'_>) -> Result<CentreDraft, Vec<CentreField>> {
        let mut wrong = Vec::new();
        let name_kk = Name::parse_line(i.name_kk).map_err(|_| wrong.push(CentreField::NameKk));
        let name_ru = Name::parse_line(i.name_ru).map_err(|_| wrong.push(CentreField::NameRu));
        let address_kk =
            Address::parse_line(i.address_kk).map_err(|_| wrong.push(CentreField::AddressKk));
        let address_ru =
            Address::parse_line(i.address_ru).map_err(|_| wrong.push(CentreField::AddressRu));
        let hours = Hours::parse_line(i.hours).map_err(|_| wrong.push(CentreField::Hours));
        let phone = match text::optional::<1, 40>(i.phone) {
            Ok(None) => Ok(None),
            Ok(Some(p)) => Phone::parse(p.as_str()).map(Some).ok_or(()),
            Err(_) => Err(()),
        }
        .map_err(|()| wrong.push(CentreField::Phone));
        match (name_kk, name_ru, address_kk, address_ru, hours, phone) {
            (Ok(name_kk), Ok(name_ru), Ok(address_kk), Ok(address_ru), Ok(hours), Ok(phone)) => {
                Ok(CentreDraft {
                    name_kk,
                    name_ru,
                    address_kk,
                    address_ru,
                    hours,
                    phone,
                })
            }
            _ => Err(wrong),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CentreInput<'static> {
        CentreInput {
            name_kk: "Алакөл ауылдық округінің цифрлық қатысу орталығы",
            name_ru: "Центр цифрового участия Алакольского сельского округа",
            address_kk: "Көркем а., Бейбітшілік к., 12",
            address_ru: "с. Коркем, ул. Бейбитшилик, 12",
            hours: "Дс–Жм 09:00–18:00",
            phone: "8 (71636) 2-11-45",
        }
    }

    #[test]
    fn a_full_description_parses_and_the_phone_may_be_left_out() {
        let d = CentreDraft::parse(&input()).expect("valid");
        assert_eq!(
            d.phone.as_ref().map(Phone::as_str),
            Some("8 (71636) 2-11-45")
        );
        let d = CentreDraft::parse(&CentreInput {
            phone: "  ",
            ..input()
        })
        .expect("valid without a phone");
        assert_eq!(d.phone, None);
    }

    #[test]
    fn every_wrong_field_is_named_at_once() {
        let wrong = CentreDraft::parse(&CentreInput {
            name_kk: " ",
            address_ru: "с.",
            phone: "call the akim",
            ..input()
        })
        .expect_err("three wrong fields");
        assert_eq!(
            wrong,
            vec![
                CentreField::NameKk,
                CentreField::AddressRu,
                CentreField::Phone
            ]
        );
    }

    #[test]
    fn phones_are_digits_with_separators() {
        assert!(Phone::parse("+7 701 555 44 33").is_some());
        assert!(Phone::parse("12-34").is_none(), "too short");
        assert!(Phone::parse("+7 701 555 44 33 ext 5").is_none());
    }
}
