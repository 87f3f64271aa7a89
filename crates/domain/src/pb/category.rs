/// What a proposal is about (санат / категория): the nine activities of the Budget Planning
/// Rules, the ones proposed by the seeds, and the rural classifier of DESIGN.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    // The Rules' list.
    Greening,
    Pavements,
    RampsAndDitches,
    PublicSpacesAndLighting,
    KerbsAndWalls,
    DumpRemoval,
    BenchesAndPlayEquipment,
    SportsAndPlayGrounds,
    Sanitation,
    // Proposed additions.
    PublicWifi,
    Ecology,
    InclusiveAccess,
    Other,
    // Rural classifier.
    WaterAndSewerage,
    MedicalPost,
    RoadsAndBridges,
    Internet,
    MobileMedicalVet,
    CultureHouseLibrary,
    FairAndFarmGrounds,
    IrrigationAndFarm,
}

impl Category {
    pub const ALL: [Category; 21] = [
        Category::Greening,
        Category::Pavements,
        Category::RampsAndDitches,
        Category::PublicSpacesAndLighting,
        Category::KerbsAndWalls,
        Category::DumpRemoval,
        Category::BenchesAndPlayEquipment,
        Category::SportsAndPlayGrounds,
        Category::Sanitation,
        Category::PublicWifi,
        Category::Ecology,
        Category::InclusiveAccess,
        Category::Other,
        Category::WaterAndSewerage,
        Category::MedicalPost,
        Category::RoadsAndBridges,
        Category::Internet,
        Category::MobileMedicalVet,
        Category::CultureHouseLibrary,
        Category::FairAndFarmGrounds,
        Category::IrrigationAndFarm,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Greening => "greening",
            Category::Pavements => "pavements",
            Category::RampsAndDitches => "ramps_ditches",
            Category::PublicSpacesAndLighting => "public_spaces_lighting",
            Category::KerbsAndWalls => "kerbs_walls",
            Category::DumpRemoval => "dump_removal",
            Category::BenchesAndPlayEquipment => "benches_play",
            Category::SportsAndPlayGrounds => "sports_play_grounds",
            Category::Sanitation => "sanitation",
            Category::PublicWifi => "public_wifi",
            Category::Ecology => "ecology",
            Category::InclusiveAccess => "inclusive_access",
            Category::Other => "other",
            Category::WaterAndSewerage => "water_sewerage",
            Category::MedicalPost => "medical_post",
            Category::RoadsAndBridges => "roads_bridges",
            Category::Internet => "internet",
            Category::MobileMedicalVet => "mobile_medical_vet",
            Category::CultureHouseLibrary => "culture_library",
            Category::FairAndFarmGrounds => "fair_farm_grounds",
            Category::IrrigationAndFarm => "irrigation_farm",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether the activity is in the legal list (the others need the akimat's agreement).
    pub fn in_the_rules(self) -> bool {
        Category::ALL[..9].contains(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_distinct() {
        let mut names: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
        }
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 21);
        assert!(Category::Sanitation.in_the_rules());
        assert!(!Category::MedicalPost.in_the_rules());
    }
}
