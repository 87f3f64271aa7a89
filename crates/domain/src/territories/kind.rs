use serde::{Deserialize, Serialize};

/// What a territory is in law, which decides PB caps and minimum envelopes later on.
/// KATO's `level` is only structural, so the kind is read from the code and the official name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TerritoryKind {
    /// облыс / область
    Oblast,
    /// республикалық маңызы бар қала / город республиканского значения (Astana, Almaty, Shymkent)
    CityRepublican,
    /// аудан / район
    District,
    /// облыстық маңызы бар қала / город областного значения
    CityOblast,
    /// ауылдық округ / сельский округ
    RuralOkrug,
    /// аудандық маңызы бар қала, кент / город районного значения, посёлок
    Town,
    /// ауыл / село
    Village,
}

const REPUBLICAN_CITIES: [&str; 3] = ["71", "75", "79"];

impl TerritoryKind {
    pub const ALL: [TerritoryKind; 7] = [
        TerritoryKind::Oblast,
        TerritoryKind::CityRepublican,
        TerritoryKind::District,
        TerritoryKind::CityOblast,
        TerritoryKind::RuralOkrug,
        TerritoryKind::Town,
        TerritoryKind::Village,
    ];

    /// Classify a KATO row from its `level` column and Russian name.
    pub fn classify(kato: &str, level: &str, name_ru: &str) -> Option<TerritoryKind> {
        let name = name_ru.to_lowercase();
        let kind = match level {
            "oblast" if REPUBLICAN_CITIES.iter().any(|p| kato.starts_with(p)) => {
                TerritoryKind::CityRepublican
            }
            "oblast" => TerritoryKind::Oblast,
            "district" if name.contains("район") => TerritoryKind::District,
            "district" => TerritoryKind::CityOblast,
            "sub_district" if name.contains("г.") || name.starts_with("п.") => {
                TerritoryKind::Town
            }
            "sub_district" => TerritoryKind::RuralOkrug,
            "settlement" if name.starts_with("г.") => TerritoryKind::Town,
            "settlement" => TerritoryKind::Village,
            _ => return None,
        };
        Some(kind)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TerritoryKind::Oblast => "oblast",
            TerritoryKind::CityRepublican => "city_republican",
            TerritoryKind::District => "district",
            TerritoryKind::CityOblast => "city_oblast",
            TerritoryKind::RuralOkrug => "rural_okrug",
            TerritoryKind::Town => "town",
            TerritoryKind::Village => "village",
        }
    }

    pub fn parse(s: &str) -> Option<TerritoryKind> {
        TerritoryKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Where a person can live (the "village of residence" on registration).
    pub fn is_settlement(self) -> bool {
        matches!(self, TerritoryKind::Village | TerritoryKind::Town)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_the_demo_district() {
        use TerritoryKind::*;
        let cases = [
            ("110000000", "oblast", "Акмолинская область", Oblast),
            ("750000000", "oblast", "г.Алматы", CityRepublican),
            ("114400000", "district", "Егиндыкольский район", District),
            ("101000000", "district", "Семей Г.А.", CityOblast),
            ("114435000", "sub_district", "Алакольский с.о.", RuralOkrug),
            ("114439000", "sub_district", "с.а. Бауманское", RuralOkrug),
            ("101010000", "sub_district", "г.Семей", Town),
            ("114435200", "settlement", "с.Коркем", Village),
        ];
        for (kato, level, name, want) in cases {
            assert_eq!(
                TerritoryKind::classify(kato, level, name),
                Some(want),
                "{name}"
            );
        }
        assert_eq!(TerritoryKind::classify("1", "planet", "x"), None);
        for k in TerritoryKind::ALL {
            assert_eq!(TerritoryKind::parse(k.as_str()), Some(k));
        }
    }
}
