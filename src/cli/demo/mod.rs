//! `qatysu demo`: a fresh database with a real rural district (Egindykol, Akmola oblast),
//! illustrative populations and one account per role, then the server.

pub mod pb;

mod accounts;
mod act;
mod centres;
mod control;
mod initiatives;
mod messages;
mod pb_discussion;
mod pb_paper;
mod projects;

use super::serve::{self, ServeArgs};
use super::user::{create_account, AccountSpec};
use crate::setup::{self, DataArgs};
use anyhow::Context;
use app::App;
use clap::Args;
use domain::{Iin, Role, TerritoryKind};
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;

/// `../shared/data/kz/kato_demo_egindykol.csv`, copied so the binary needs nothing beside it.
pub const DEMO_CSV: &str = include_str!("../../../data/kato_demo_egindykol.csv");

#[derive(Args, Debug)]
pub struct DemoArgs {
    #[arg(long, default_value = "127.0.0.1:8080", env = "QATYSU_ADDR")]
    pub addr: SocketAddr,
    /// Folder for the demo database; a temporary folder when absent. An existing demo
    /// database in it is replaced.
    #[arg(long)]
    pub data: Option<PathBuf>,
}

/// One demo account per role: (role, scope KATO or country, name, e-mail, password).
pub const ACCOUNTS: [(Role, Option<&str>, &str, &str, &str); 8] = [
    (
        Role::Admin,
        None,
        "Әкімші Демо",
        "admin@demo.qatysu.kz",
        "demo-admin-2026",
    ),
    (
        Role::Coordinator,
        Some("114435000"),
        "Айгүл Сейітова",
        "coordinator@demo.qatysu.kz",
        "demo-coordinator-2026",
    ),
    (
        Role::Expert,
        Some("114400000"),
        "Ерлан Жақыпов",
        "expert@demo.qatysu.kz",
        "demo-expert-2026",
    ),
    (
        Role::Official,
        Some("114400000"),
        "Мәдина Қасымова",
        "official@demo.qatysu.kz",
        "demo-official-2026",
    ),
    (
        Role::Deputy,
        Some("114400000"),
        "Серік Омаров",
        "deputy@demo.qatysu.kz",
        "demo-deputy-2026",
    ),
    (
        Role::Monitor,
        Some("114435000"),
        "Гүлнар Ахметова",
        "monitor@demo.qatysu.kz",
        "demo-monitor-2026",
    ),
    (
        Role::Resident,
        None,
        "Бауыржан Нұрланов",
        "resident@demo.qatysu.kz",
        "demo-resident-2026",
    ),
    (
        Role::Registrar,
        Some("114435000"),
        "Сәуле Жұмабаева",
        centres::REGISTRAR,
        "demo-registrar-2026",
    ),
];

/// Where the demo accounts live: the village of Коркем in the Alakol rural okrug.
pub const DEMO_VILLAGE: &str = "114435200";

pub async fn run(args: DemoArgs) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let (data, _tmp) = match args.data {
        Some(d) => (d, None),
        None => {
            let tmp = tempfile::Builder::new().prefix("qatysu-demo-").tempdir()?;
            (tmp.path().to_path_buf(), Some(tmp))
        }
    };
    std::fs::create_dir_all(&data)?;
    for f in ["qatysu.db", "qatysu.db-wal", "qatysu.db-shm"] {
        let _ = std::fs::remove_file(data.join(f));
    }
    let app = setup::open_app(&data).await?;
    let banner = seed(&app).await?;
    tracing::info!(ms = started.elapsed().as_millis() as u64, data = %data.display(), "demo ready");
    let serve_args = ServeArgs {
        addr: args.addr,
        data: DataArgs { data },
        secure_cookies: false,
        trust_proxy: false,
        oidc: Default::default(),
        senders: crate::messages::SenderArgs::default(),
        dev_print_codes: true,
    };
    let banner = format!(
        "{banner}\n{}",
        crate::i18n::t_args(
            "cli-demo-print-codes",
            &[("flag", crate::i18n::s("--dev-print-codes"))]
        )
    );
    serve::start(
        serve_args,
        app,
        Some(banner),
        crate::messages::Transports::print(),
    )
    .await
}

/// Load the district, the accounts and what they have done; returns the text that lists the
/// accounts. Every date is relative to the app's clock ("voting now", "answered last month").
pub async fn seed(app: &App) -> anyhow::Result<String> {
    let out = seed_people(app).await?;
    seed_content(app).await?;
    Ok(out)
}

/// The district with its populations and one account per role living in [`DEMO_VILLAGE`],
/// nothing else: the ground tests build their own cycles and initiatives on.
pub async fn seed_people(app: &App) -> anyhow::Result<String> {
    let mut rows = super::import::parse_territories(DEMO_CSV).map_err(|e| {
        let lines: Vec<String> = e.iter().map(|l| l.render(crate::i18n::lang())).collect();
        anyhow::anyhow!("demo territories: {}", lines.join("; "))
    })?;
    illustrate_populations(&mut rows);
    super::import::import(app, &rows, false).await?;
    let mut out = format!("{}\n", crate::i18n::t("cli-demo-accounts"));
    for (i, (role, scope, name, email, password)) in ACCOUNTS.iter().enumerate() {
        let iin = demo_iin(account_iin_number(i)).context("no demo IIN")?;
        let spec = AccountSpec {
            name,
            contact: email,
            iin: &iin,
            village: DEMO_VILLAGE,
            password,
            // Expert and monitor are never granted: the demo's expert and monitor take seats
            // on councils and groups by accepting invitations (security review M5).
            role: (*role != Role::Resident && !role.is_membership()).then_some((*role, *scope)),
            level: domain::Level::InPerson,
        };
        create_account(app, &spec).await?;
        let _ = writeln!(out, "  {:<12} {:<28} {}", role.as_str(), email, password);
    }
    Ok(out)
}

/// The demo's cycles, initiatives, projects and control events, on top of [`seed_people`]:
/// what the demo's people did, through the use cases, each on the day it happened.
pub async fn seed_content(app: &App) -> anyhow::Result<()> {
    let demo = act::Demo::new(app);
    initiatives::seed(&demo).await?;
    pb::seed(&demo).await?;
    let zhalmankulak = pb::zhalmankulak_people(&demo).await?;
    let finished = pb::seed_finished(&demo, &zhalmankulak).await?;
    projects::seed(&demo, finished, &zhalmankulak.residents).await?;
    control::seed(&demo).await?;
    centres::seed(&demo).await?;
    accounts::seed(&demo).await?;
    messages::seed(&demo).await?;
    Ok(())
}

/// Made-up populations, the same on every run: KATO has none, and the pages say so.
fn illustrate_populations(rows: &mut [app::territories::NewTerritory]) {
    for r in rows
        .iter_mut()
        .filter(|r| r.kind == TerritoryKind::Village || r.kind == TerritoryKind::Town)
    {
        let seed: u32 = r
            .kato
            .as_str()
            .bytes()
            .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
        r.population = Some(i64::from(300 + seed % 4200));
        r.population_illustrative = true;
    }
    let villages: Vec<(String, i64)> = rows
        .iter()
        .filter_map(|r| r.population.map(|p| (r.kato.to_string(), p)))
        .collect();
    for r in rows
        .iter_mut()
        .filter(|r| matches!(r.kind, TerritoryKind::RuralOkrug | TerritoryKind::District))
    {
        let prefix = &r.kato.as_str()[..if r.kind == TerritoryKind::District {
            4
        } else {
            6
        }];
        let sum: i64 = villages
            .iter()
            .filter(|(k, _)| k.starts_with(prefix))
            .map(|(_, p)| p)
            .sum();
        r.population = Some(sum);
        r.population_illustrative = true;
    }
}

/// The demo IIN number of account `i` of [`ACCOUNTS`]: Zhalmankulak's people hold 7–12
/// (`pb.rs`), so the accounts after the first seven continue at 13.
fn account_iin_number(i: usize) -> u32 {
    let i = i as u32;
    if i < 7 {
        i
    } else {
        i + 6
    }
}

/// A valid synthetic IIN for demo account `n` (born 1 January 1980 + n years, serial 9xxx).
pub fn demo_iin(n: u32) -> Option<String> {
    let year = 80 + n % 20;
    (0..1000).find_map(|serial| {
        (0..10).find_map(|k| {
            let s = format!("{year:02}0101{}9{serial:03}{k}", 3 + n % 2);
            Iin::parse(&s).ok().map(|_| s)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_iins_are_valid_and_distinct() {
        let all: Vec<String> = (0..7).filter_map(demo_iin).collect();
        assert_eq!(all.len(), 7);
        let mut dedup = all.clone();
        dedup.dedup();
        assert_eq!(dedup.len(), 7);
        // The accounts' IINs besides Zhalmankulak's people (7–12).
        let numbers: Vec<u32> = (0..ACCOUNTS.len()).map(account_iin_number).collect();
        assert!(numbers.iter().all(|n| !(7..=12).contains(n)));
        let mut iins: Vec<String> = numbers.into_iter().filter_map(demo_iin).collect();
        iins.sort();
        iins.dedup();
        assert_eq!(iins.len(), ACCOUNTS.len());
    }

    #[test]
    fn populations_add_up() {
        let mut rows = crate::cli::import::parse_territories(DEMO_CSV).unwrap_or_default();
        illustrate_populations(&mut rows);
        let pop = |k: &str| {
            rows.iter()
                .find(|r| r.kato.as_str() == k)
                .and_then(|r| r.population)
        };
        assert_eq!(
            pop("114435000"),
            Some(pop("114435100").unwrap_or(0) + pop("114435200").unwrap_or(0))
        );
        assert!(rows
            .iter()
            .filter(|r| r.population.is_some())
            .all(|r| r.population_illustrative));
        assert_eq!(pop("110000000"), None);
    }
}
