crate::code_enum! {
    /// What a proposal is about (санат / категория): the nine activities of the Budget Planning
    /// Rules, the ones proposed by the seeds, and the rural classifier of DESIGN.md.
    pub enum Category {
        // The Rules' list.
        Greening = "greening",
        Pavements = "pavements",
        RampsAndDitches = "ramps_ditches",
        PublicSpacesAndLighting = "public_spaces_lighting",
        KerbsAndWalls = "kerbs_walls",
        DumpRemoval = "dump_removal",
        BenchesAndPlayEquipment = "benches_play",
        SportsAndPlayGrounds = "sports_play_grounds",
        Sanitation = "sanitation",
        // Proposed additions.
        PublicWifi = "public_wifi",
        Ecology = "ecology",
        InclusiveAccess = "inclusive_access",
        Other = "other",
        // Rural classifier.
        WaterAndSewerage = "water_sewerage",
        MedicalPost = "medical_post",
        RoadsAndBridges = "roads_bridges",
        Internet = "internet",
        MobileMedicalVet = "mobile_medical_vet",
        CultureHouseLibrary = "culture_library",
        FairAndFarmGrounds = "fair_farm_grounds",
        IrrigationAndFarm = "irrigation_farm",
    }
}

impl Category {
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
