//! The `qatysu` binary as an operator runs it.

use crate::support::{fresh_db, postgres_url};
use std::path::Path;
use std::process::{Command, Output};

fn qatysu(args: &[&str], data: &Path, database_url: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qatysu"));
    cmd.args(args)
        .arg("--data")
        .arg(data)
        .env("RUST_LOG", "warn")
        .env_remove("DATABASE_URL");
    if let Some(url) = database_url {
        cmd.env("DATABASE_URL", url);
    }
    cmd.output().expect("run qatysu")
}

/// A database URL for the binary: the suite's engine (a fresh PostgreSQL database, or
/// SQLite in `data`).
async fn target(data: &Path) -> (Option<String>, Option<crate::support::TestDb>) {
    if postgres_url().is_some() {
        let t = fresh_db().await;
        (Some(t.url.clone()), Some(t))
    } else {
        let _ = data;
        (None, None)
    }
}

#[tokio::test]
async fn import_territories_reports_bad_lines_and_imports_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let (url, _keep) = target(dir.path()).await;
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "kato,kato_version,level,type_code,name_ru,name_kk,population\n\
         110000000,NK RK 11-2025,oblast,0,Акмолинская область,Ақмола облысы,\n\
         114400000,NK RK 11-2025,district,2,Егиндыкольский район,Егіндікөл ауданы,abc\n\
         1144,NK RK 11-2025,district,2,Район,Аудан,\n",
    )
    .expect("write");
    let out = qatysu(
        &["import", "territories", bad.to_str().unwrap_or("")],
        dir.path(),
        url.as_deref(),
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 3:") && err.contains("population"),
        "{err}"
    );
    assert!(err.contains("line 4:") && err.contains("9 digits"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");

    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kato_demo_egindykol.csv");
    for run in 0..2 {
        let out = qatysu(
            &["import", "territories", good.to_str().unwrap_or("")],
            dir.path(),
            url.as_deref(),
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let expected = if run == 0 {
            "23 new, 0 updated"
        } else {
            "0 new, 23 updated"
        };
        assert!(text.contains(expected), "run {run}: {text}");
    }
}

#[tokio::test]
async fn user_add_creates_an_admin_and_refuses_bad_input() {
    let dir = tempfile::tempdir().expect("dir");
    let (url, _keep) = target(dir.path()).await;
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kato_demo_egindykol.csv");
    assert!(qatysu(
        &["import", "territories", good.to_str().unwrap_or("")],
        dir.path(),
        url.as_deref()
    )
    .status
    .success());
    let base = [
        "user",
        "add",
        "--name",
        "Admin",
        "--contact",
        "root@akimat.kz",
        "--village",
        "114435200",
        "--role",
        "admin",
    ];
    let mut args = base.to_vec();
    args.extend(["--iin", "900101300013"]);
    let out = qatysu(&args, dir.path(), url.as_deref());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("check digit"));
    let mut args = base.to_vec();
    args.extend(["--iin", "900101300017"]);
    let out = qatysu(&args, dir.path(), url.as_deref());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("password: "), "{text}");
    let again = qatysu(&args, dir.path(), url.as_deref());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    // A resident verified at a participation centre, recorded as such; a made-up level is refused.
    let iin = qatysu::cli::demo::demo_iin(18).expect("a valid IIN");
    let resident = |level: &'static str| {
        vec![
            "user",
            "add",
            "--name",
            "Тұрғын",
            "--contact",
            "+77011234567",
            "--village",
            "114435200",
            "--iin",
            iin.as_str(),
            "--level",
            level,
        ]
    };
    let out = qatysu(&resident("verified"), dir.path(), url.as_deref());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("self, contact, in_person, egov"),
        "{err}"
    );
    let out = qatysu(&resident("in_person"), dir.path(), url.as_deref());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    #[cfg(unix)]
    if url.is_none() {
        use std::os::unix::fs::PermissionsExt;
        for (f, want) in [("qatysu.db", 0o600), ("secret", 0o600), ("", 0o700)] {
            let p = dir.path().join(f);
            let mode = std::fs::metadata(&p).map(|m| m.permissions().mode() & 0o777);
            assert_eq!(mode.ok(), Some(want), "{}", p.display());
        }
    }
    let db_url = url
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}", dir.path().join("qatysu.db").display()));
    let db = store::Db::connect(&db_url).await.expect("open");
    let contact = domain::Contact::parse("+77011234567").expect("contact");
    let (user, _) = store::accounts::credentials(&db, &contact)
        .await
        .expect("read")
        .expect("created");
    assert_eq!(user.level, domain::Level::InPerson);
    let log = store::accounts::level_changes(&db, user.id)
        .await
        .expect("log");
    assert_eq!(
        log.len(),
        1,
        "the level is recorded as reached, by nobody in particular"
    );
    assert_eq!(log[0].by, None);
    db.close().await;
}

#[test]
fn help_lists_every_command() {
    let out = Command::new(env!("CARGO_BIN_EXE_qatysu"))
        .arg("--help")
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    for cmd in ["serve", "demo", "migrate", "import", "user", "tally"] {
        assert!(text.contains(cmd), "{cmd} missing from --help");
    }
}

/// Security review L8: `user add --iin` put the IIN on the command line (process list, shell
/// history). `--iin-stdin` reads it, and the password after it, from standard input; `--iin`
/// still works and warns.
#[tokio::test]
async fn user_add_reads_the_iin_from_standard_input() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let (url, _pg) = target(dir.path()).await;
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kato_demo_egindykol.csv");
    assert!(qatysu(
        &["import", "territories", good.to_str().unwrap_or("")],
        dir.path(),
        url.as_deref()
    )
    .status
    .success());
    let iin = qatysu::cli::demo::demo_iin(21).expect("a valid IIN");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qatysu"));
    cmd.args([
        "user",
        "add",
        "--name",
        "Тұрғын",
        "--contact",
        "+77017654321",
        "--village",
        "114435200",
        "--iin-stdin",
        "--password-stdin",
        "--data",
    ])
    .arg(dir.path())
    .env("RUST_LOG", "warn")
    .env_remove("DATABASE_URL")
    .stdin(std::process::Stdio::piped())
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped());
    if let Some(u) = &url {
        cmd.env("DATABASE_URL", u);
    }
    let mut child = cmd.spawn().expect("run qatysu");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{iin}\ncorrect horse battery\n").as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("warning"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("password: "));
    let db_url = url
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}", dir.path().join("qatysu.db").display()));
    let db = store::Db::connect(&db_url).await.expect("open");
    let secret = std::fs::read_to_string(dir.path().join("secret")).expect("the secret file");
    let keys = app::Keys::derive(secret.trim().as_bytes());
    let person = keys
        .iin
        .fingerprint(&domain::Iin::parse(&iin).expect("iin"));
    assert!(store::pb::assisted::account_of(&db, &person)
        .await
        .expect("read")
        .is_some());
    db.close().await;

    // Neither way: refused; on the command line: accepted with a warning.
    let base = [
        "user",
        "add",
        "--name",
        "Екінші",
        "--contact",
        "+77017654322",
        "--village",
        "114435200",
    ];
    let out = qatysu(&base, dir.path(), url.as_deref());
    assert!(!out.status.success());
    let other = qatysu::cli::demo::demo_iin(22).expect("a valid IIN");
    let mut args = base.to_vec();
    args.extend(["--iin", other.as_str()]);
    let out = qatysu(&args, dir.path(), url.as_deref());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("--iin-stdin"), "{err}");
}
