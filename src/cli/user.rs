//! `qatysu user add`: create an account from the command line (administrators, officials,
//! and residents registered at a participation centre).

use crate::i18n::{lang, s, t, t_args, Arg, Lang};
use crate::setup::{self, DataArgs};
use anyhow::Context;
use app::accounts::AddAccountError;
use app::App;
use clap::Subcommand;
use domain::{Level, Role};
use std::io::BufRead;
use uuid::Uuid;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account; optionally grant it a role on a territory (or the whole country).
    Add {
        #[arg(long)]
        name: String,
        /// Phone (+7…) or e-mail; used to log in.
        #[arg(long)]
        contact: String,
        /// The IIN on the command line: visible to anyone who can list this machine's
        /// processes, and kept in shell history. Prefer `--iin-stdin`.
        #[arg(
            long,
            required_unless_present = "iin_stdin",
            conflicts_with = "iin_stdin"
        )]
        iin: Option<String>,
        /// Read the IIN from the first line of standard input (before the password's line
        /// with `--password-stdin`), so it appears in no process list or shell history.
        #[arg(long)]
        iin_stdin: bool,
        /// KATO code of the village or town of residence.
        #[arg(long)]
        village: String,
        /// A role to grant besides resident.
        #[arg(long)]
        role: Option<String>,
        /// KATO code where the role applies; without it the role covers the whole country.
        #[arg(long)]
        territory: Option<String>,
        /// Verification level: self (nothing checked), contact, in_person (seen at a
        /// participation centre) or egov. Recorded as reached by nobody in particular.
        #[arg(long, default_value = "self")]
        level: String,
        /// Read the password from the first line of standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        data: DataArgs,
    },
}

pub use app::accounts::AccountSpec;

/// Create an account with its roles; every input is validated as the registration form does,
/// and refused in the reader's language with the form's own messages.
pub async fn create_account(app: &App, spec: &AccountSpec<'_>) -> anyhow::Result<Uuid> {
    app::accounts::add_account(app, spec)
        .await
        .map_err(|e| match e {
            AddAccountError::App(e) => anyhow::Error::from(e),
            e => anyhow::anyhow!("{}", refusal(lang(), &e)),
        })
}

/// Why an account was not added, as the registration form says it (the same messages).
pub fn refusal(lang: Lang, e: &AddAccountError) -> String {
    use domain::{IinError, PasswordError};
    let one =
        |id: &str, name: &'static str, value: String| lang.t_args(id, &[(name, Arg::Str(value))]);
    match e {
        AddAccountError::Contact(_) => lang.t("err-contact-invalid"),
        AddAccountError::Iin(e) => lang.t(match e {
            IinError::Length => "err-iin-length",
            IinError::Century => "err-iin-century",
            IinError::Date => "err-iin-date",
            IinError::CheckDigit => "err-iin-check",
        }),
        AddAccountError::Password(PasswordError::TooShort { min }) => {
            lang.t_args("err-password-short", &[("min", Arg::Num(*min as i64))])
        }
        AddAccountError::Password(PasswordError::TooLong) => lang.t("err-password-long"),
        AddAccountError::Password(PasswordError::Common) => lang.t("err-password-common"),
        AddAccountError::Kato(e) => super::import::kato_error(lang, e),
        AddAccountError::NoVillage(k) => one("cli-user-no-village", "kato", k.to_string()),
        AddAccountError::NoTerritory(k) => one("cli-user-no-territory", "kato", k.to_string()),
        AddAccountError::MembershipRole(r) => {
            one("cli-user-membership-role", "role", r.as_str().to_string())
        }
        AddAccountError::IinTaken => lang.t("cli-user-iin-taken"),
        AddAccountError::ContactTaken => lang.t("cli-user-contact-taken"),
        AddAccountError::App(e) => e.to_string(),
    }
}

pub fn random_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..14)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

pub async fn run(cmd: UserCommand) -> anyhow::Result<()> {
    let UserCommand::Add {
        name,
        contact,
        iin,
        // Clap checks that exactly one of `--iin` and `--iin-stdin` is given.
        iin_stdin: _,
        village,
        role,
        territory,
        level,
        password_stdin,
        data,
    } = cmd;
    let level = Level::parse(&level).with_context(|| {
        let names: Vec<&str> = Level::ALL.iter().map(|l| l.as_str()).collect();
        t_args(
            "cli-user-unknown-level",
            &[("value", s(&level)), ("values", s(names.join(", ")))],
        )
    })?;
    let role = match role.as_deref() {
        None => None,
        Some(r) => {
            let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
            Some(Role::parse(r).with_context(|| {
                t_args(
                    "cli-user-unknown-role",
                    &[("value", s(r)), ("values", s(names.join(", ")))],
                )
            })?)
        }
    };
    let mut input = std::io::stdin().lock();
    let mut line = || -> anyhow::Result<String> {
        let mut line = String::new();
        input.read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    };
    // Security review L8: an IIN typed on the command line shows in the process list.
    let iin = match iin {
        Some(iin) => {
            eprintln!(
                "{}",
                t_args(
                    "cli-user-iin-warning",
                    &[("iin", s("--iin")), ("iin_stdin", s("--iin-stdin"))],
                )
            );
            iin
        }
        None => line().with_context(|| t("cli-user-read-iin"))?,
    };
    let (password, generated) = if password_stdin {
        (line().with_context(|| t("cli-user-read-password"))?, false)
    } else {
        (random_password(), true)
    };
    let app = setup::open_app(&data.data).await?;
    let spec = AccountSpec {
        name: &name,
        contact: &contact,
        iin: &iin,
        village: &village,
        password: &password,
        role: role.map(|r| (r, territory.as_deref())),
        level,
    };
    let id = create_account(&app, &spec).await?;
    println!(
        "{}",
        t_args(
            "cli-user-created",
            &[("id", s(id)), ("contact", s(&contact))]
        )
    );
    if generated {
        println!(
            "{}",
            t_args("cli-user-password", &[("password", s(&password))])
        );
    }
    app.db.close().await;
    Ok(())
}
