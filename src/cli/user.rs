//! `qatysu user add`: create an account from the command line (administrators, officials,
//! and residents registered at a participation centre).

use crate::setup::{self, DataArgs};
use anyhow::{bail, Context};
use clap::Subcommand;
use domain::{Contact, Iin, IinKey, Kato, Password, Role};
use std::io::BufRead;
use store::accounts::{NewUser, Taken};
use store::Db;
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
        #[arg(long)]
        iin: String,
        /// KATO code of the village or town of residence.
        #[arg(long)]
        village: String,
        /// A role to grant besides resident.
        #[arg(long)]
        role: Option<String>,
        /// KATO code where the role applies; without it the role covers the whole country.
        #[arg(long)]
        territory: Option<String>,
        /// Read the password from the first line of standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        data: DataArgs,
    },
}

pub struct AccountSpec<'a> {
    pub name: &'a str,
    pub contact: &'a str,
    pub iin: &'a str,
    pub village: &'a str,
    pub password: &'a str,
    pub role: Option<(Role, Option<&'a str>)>,
}

/// Create an account with its roles; every input is validated as the registration form does.
pub async fn create_account(db: &Db, key: &IinKey, spec: &AccountSpec<'_>) -> anyhow::Result<Uuid> {
    let contact = Contact::parse(spec.contact).context("--contact")?;
    let iin = Iin::parse(spec.iin).context("--iin")?;
    let password = Password::parse(spec.password).context("password")?;
    let village_kato = Kato::parse(spec.village).context("--village")?;
    let village = store::territories::by_kato(db, &village_kato)
        .await?
        .filter(|t| t.kind.is_settlement())
        .with_context(|| format!("no village or town with KATO {village_kato}"))?;
    let role_territory = match spec.role {
        Some((_, Some(k))) => {
            let kato = Kato::parse(k).context("--territory")?;
            let t = store::territories::by_kato(db, &kato)
                .await?
                .with_context(|| format!("no territory {kato}"))?;
            Some(t.id)
        }
        _ => None,
    };
    let hash = web::hash_password(password).await?;
    let new = NewUser {
        display_name: spec.name.trim().to_string(),
        contact,
        password_hash: hash,
        iin_hash: key.fingerprint(&iin),
        iin_last4: iin.last_four(),
        birth_date: iin.birth_date(),
        residence_id: village.id,
        verification_level: 1,
    };
    let id = match store::accounts::create(db, &new).await? {
        Ok(id) => id,
        Err(Taken::Iin) => bail!("an account with this IIN already exists"),
        Err(Taken::Contact) => bail!("an account with this phone or e-mail already exists"),
    };
    if let Some((role, _)) = spec.role {
        store::accounts::grant(db, id, role, role_territory).await?;
    }
    Ok(id)
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
        village,
        role,
        territory,
        password_stdin,
        data,
    } = cmd;
    let role = match role.as_deref() {
        None => None,
        Some(r) => {
            let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
            Some(
                Role::parse(r)
                    .with_context(|| format!("unknown role {r:?}; one of {}", names.join(", ")))?,
            )
        }
    };
    let (password, generated) = if password_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        (line.trim_end_matches(['\r', '\n']).to_string(), false)
    } else {
        (random_password(), true)
    };
    let db = setup::open_db(&data.data).await?;
    let secret = setup::secret(&data.data)?;
    let key = web::Keys::derive(&secret).iin;
    let spec = AccountSpec {
        name: &name,
        contact: &contact,
        iin: &iin,
        village: &village,
        password: &password,
        role: role.map(|r| (r, territory.as_deref())),
    };
    let id = create_account(&db, &key, &spec).await?;
    println!("account {id} created for {contact}");
    if generated {
        println!("password: {password}");
    }
    db.close().await;
    Ok(())
}
