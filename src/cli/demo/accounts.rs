//! Residents of the demo village at every verification level besides `in_person`: one who
//! registered and checked nothing, one who confirmed a phone, one who signed in through eGov.
//! They do nothing else; the administrators' list of accounts shows every level with them.
//! Not in the banner: nobody needs to log in as them.

use super::act::Demo;
use crate::cli::user::{create_account, AccountSpec};
use anyhow::Context;
use domain::{Iin, Level};

/// (name, contact, level, days ago registered).
const RESIDENTS: [(&str, &str, Level, i64); 3] = [
    (
        "Ерлан Сейітов",
        "erlan.seiitov@demo.qatysu.kz",
        Level::SelfDeclared,
        3,
    ),
    ("Айжан Тұрсынова", "+77015550141", Level::Contact, 12),
    (
        "Дәурен Бекболатов",
        "dauren.bekbolatov@demo.qatysu.kz",
        Level::Egov,
        40,
    ),
];

pub async fn seed(d: &Demo) -> anyhow::Result<()> {
    for (i, (name, contact, level, days)) in RESIDENTS.into_iter().enumerate() {
        d.days_ago(days);
        let iin = iin(i as u32).context("no demo IIN")?;
        let password = crate::cli::user::random_password();
        let spec = AccountSpec {
            name,
            contact,
            iin: &iin,
            village: super::DEMO_VILLAGE,
            password: &password,
            role: None,
            level,
        };
        create_account(&d.app, &spec).await?;
    }
    Ok(())
}

/// A valid synthetic IIN born on 1 February (the other demo people are born on 1 January).
fn iin(n: u32) -> Option<String> {
    let year = 70 + n % 10;
    (0..1000).find_map(|serial| {
        (0..10).find_map(|k| {
            let s = format!("{year:02}0201{}9{serial:03}{k}", 3 + n % 2);
            Iin::parse(&s).ok().map(|_| s)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iins_are_valid_and_distinct() {
        let mut all: Vec<String> = (0..RESIDENTS.len() as u32).filter_map(iin).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), RESIDENTS.len());
    }
}
