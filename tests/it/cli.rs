//! The `qatysu` binary as an operator runs it. Its words follow `QATYSU_LANG`, then `LANG`:
//! the tests read English unless they test the language.

use crate::support::{fresh_db, postgres_url};
use std::path::Path;
use std::process::{Command, Output};

fn qatysu(args: &[&str], data: &Path, database_url: Option<&str>) -> Output {
    qatysu_in("en", args, data, database_url)
}

/// [`qatysu`] with `QATYSU_LANG=lang` (and `LANG` naming another language, which loses).
fn qatysu_in(lang: &str, args: &[&str], data: &Path, database_url: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qatysu"));
    cmd.args(args)
        .arg("--data")
        .arg(data)
        .env("RUST_LOG", "warn")
        .env("QATYSU_LANG", lang)
        .env(
            "LANG",
            if lang == "ru" {
                "en_US.UTF-8"
            } else {
                "ru_RU.UTF-8"
            },
        )
        .env_remove("DATABASE_URL");
    if let Some(url) = database_url {
        cmd.env("DATABASE_URL", url);
    }
    cmd.output().expect("run qatysu")
}

/// The demo district's territories, imported through the binary.
/// The database the binary wrote to: `database_url`, else the SQLite file in `data`.
async fn open_written(database_url: Option<&str>, data: &Path) -> store::Db {
    let url = database_url.map_or_else(
        || format!("sqlite://{}", data.join("qatysu.db").display()),
        str::to_string,
    );
    store::Db::connect(&url).await.expect("open")
}

fn import_demo_territories(data: &Path, database_url: Option<&str>) {
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kato_demo_egindykol.csv");
    let import = ["import", "territories", csv.to_str().unwrap_or("")];
    assert!(qatysu(&import, data, database_url).status.success());
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
    import_demo_territories(dir.path(), url.as_deref());
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
    assert!(String::from_utf8_lossy(&out.stderr).contains("the last digit does not match"));
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
    let db = open_written(url.as_deref(), dir.path()).await;
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

/// The binary as `LANG` and `QATYSU_LANG` ask: no variable, a bare `LANG`, or both.
fn binary(args: &[&str], qatysu_lang: Option<&str>, lang: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qatysu"));
    cmd.args(args)
        .env("RUST_LOG", "warn")
        .env_remove("QATYSU_LANG")
        .env_remove("LANG")
        .env_remove("DATABASE_URL");
    if let Some(l) = qatysu_lang {
        cmd.env("QATYSU_LANG", l);
    }
    if let Some(l) = lang {
        cmd.env("LANG", l);
    }
    cmd.output().expect("run qatysu")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Issue 13 item 4: `--help` of the program and of every command in Kazakh (the default),
/// Russian or English, `QATYSU_LANG` over `LANG`; commands and flags as they were.
#[test]
fn help_lists_every_command_in_the_readers_language() {
    let commands = [
        "serve", "demo", "migrate", "import", "user", "tally", "outbox", "verify", "uploads",
    ];
    let kk = binary(&["--help"], None, None);
    assert!(kk.status.success());
    let kk = text(&kk.stdout);
    for cmd in commands {
        assert!(
            kk.contains(&format!("  {cmd} ")),
            "{cmd} missing from --help: {kk}"
        );
    }
    assert!(
        kk.contains("Қолданылуы: qatysu <КОМАНДА>") && kk.contains("Командалар:"),
        "{kk}"
    );
    assert!(kk.contains("Веб-платформаны іске қосу."), "{kk}");
    assert!(!kk.contains("Usage") && !kk.contains("Print help"), "{kk}");

    let ru = binary(&["tally", "--help"], None, Some("ru_RU.UTF-8"));
    let ru = text(&ru.stdout);
    assert!(
        ru.contains("Использование: qatysu tally [ПАРАМЕТРЫ] <ФАЙЛ>"),
        "{ru}"
    );
    assert!(
        ru.contains("Параметры:") && ru.contains("Аргументы:"),
        "{ru}"
    );
    assert!(
        ru.contains("--rule <ПРАВИЛО>") && ru.contains("Правило подсчёта."),
        "{ru}"
    );
    assert!(
        ru.contains("[по умолчанию: greedy]") && ru.contains("mes-add1-greedy"),
        "{ru}"
    );
    assert!(
        !ru.contains("possible values") && !ru.contains("Options"),
        "{ru}"
    );

    // QATYSU_LANG wins over LANG; every command's help is translated, defaults and
    // variables included.
    for args in [
        vec!["serve", "--help"],
        vec!["user", "add", "--help"],
        vec!["outbox", "drain", "--help"],
        vec!["import", "territories", "--help"],
        vec!["uploads", "scrub", "--help"],
        vec!["verify", "--help"],
        vec!["demo", "--help"],
        vec!["migrate", "--help"],
        vec!["help", "user"],
    ] {
        let en = binary(&args, Some("en"), Some("ru_RU.UTF-8"));
        let en = text(&en.stdout);
        assert!(
            en.starts_with(char::is_uppercase) && en.contains("Usage: qatysu"),
            "{args:?}: {en}"
        );
        let kk = text(&binary(&args, Some("kk"), Some("en_US.UTF-8")).stdout);
        assert!(kk.contains("Қолданылуы: qatysu"), "{args:?}: {kk}");
        assert!(
            !kk.contains("[default") && !kk.contains("[env"),
            "{args:?}: {kk}"
        );
        assert!(
            !kk.contains("Print help") && !kk.contains("Usage"),
            "{args:?}: {kk}"
        );
    }
    let serve = text(&binary(&["serve", "--help"], Some("kk"), None).stdout);
    assert!(serve.contains("[айнымалы: QATYSU_SMTP_URL]"), "{serve}");
    assert!(
        serve.contains("--smtp-url <МЕКЕНЖАЙ>") && serve.contains("--data <ҚАЛТА>"),
        "{serve}"
    );
}

/// clap's own mistakes (an unknown flag, a missing value, a wrong value) in the reader's
/// language, with clap's exit code 2.
#[test]
fn command_line_mistakes_are_explained_in_the_readers_language() {
    let out = binary(
        &["tally", "x.pb", "--rul", "mes"],
        None,
        Some("ru_RU.UTF-8"),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("Ошибка: Неизвестный аргумент: --rul"),
        "{err}"
    );
    assert!(
        err.contains("--rule") && err.contains("Использование: qatysu tally"),
        "{err}"
    );
    assert!(!err.contains("error:") && !err.contains("Usage"), "{err}");

    let out = binary(&["tally", "x.pb", "--rule"], Some("kk"), None);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("Қате: Мәнін көрсетіңіз: --rule <ЕРЕЖЕ>"),
        "{err}"
    );
    assert!(err.contains("Мүмкін мәндері: greedy"), "{err}");

    let out = binary(&["verify"], Some("en"), Some("ru_RU.UTF-8"));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Required arguments missing: <CYCLE_ID>"));
}

/// `qatysu tally`: rules by their names, amounts grouped, the review's jargon gone.
#[test]
fn tally_tables_name_the_rule_and_group_amounts() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("village.pb");
    std::fs::write(
        &file,
        "META\nkey;value\ndescription;test\nvote_type;approval\nbudget;1500000\nrule;greedy\n\
         PROJECTS\nproject_id;cost;selected\np1;1000000;1\np2;600000;0\np3;400000;1\n\
         VOTES\nvoter_id;vote\nv1;p1,p2\nv2;p1,p3\nv3;p1\nv4;p2\n",
    )
    .expect("write");
    let path = file.to_str().unwrap_or("");
    let kk = binary(
        &["tally", path, "--rule", "mes"],
        Some("kk"),
        Some("ru_RU.UTF-8"),
    );
    assert!(kk.status.success(), "{}", text(&kk.stderr));
    let kk = text(&kk.stdout);
    assert!(kk.contains("Ереже: Тең үлестер әдісі (mes)"), "{kk}");
    assert!(kk.contains("Бюджет: 1\u{a0}500\u{a0}000"), "{kk}");
    assert!(kk.contains("дауыс берушінің үлесі"), "{kk}");
    assert!(!kk.contains("сайлаушы") && !kk.contains("ашкөз"), "{kk}");

    let ru = binary(&["tally", path, "--compare"], None, Some("ru_RU.UTF-8"));
    let ru = text(&ru.stdout);
    assert!(
        ru.contains("Официальный итог: Больше голосов, пока хватает средств (greedy)"),
        "{ru}"
    );
    assert!(
        ru.contains("  G = Больше голосов, пока хватает средств (greedy)"),
        "{ru}"
    );
    assert!(ru.contains("Итог: ● — выбран в официальном итоге"), "{ru}");
    assert!(
        ru.contains("профинансирован") && ru.contains("число пересчётов"),
        "{ru}"
    );
    assert!(ru.contains("1\u{a0}000\u{a0}000"), "{ru}");
    for jargon in [
        "куплен",
        "прогонов",
        "цена на сторонника",
        " OF ",
        "=greedy",
    ] {
        assert!(!ru.contains(jargon), "{jargon}: {ru}");
    }

    let json = binary(&["tally", path, "--format", "json"], Some("kk"), None);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON stays JSON");
    assert_eq!(json["rule"], "greedy");
}

/// What the commands print and their errors follow the language too.
#[tokio::test]
async fn commands_print_and_refuse_in_the_readers_language() {
    let dir = tempfile::tempdir().expect("dir");
    let (url, _keep) = target(dir.path()).await;
    let out = qatysu_in("ru", &["migrate"], dir.path(), url.as_deref());
    let said = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(said.contains("Версия схемы базы данных: "), "{said}");
    assert!(
        said.contains("Очищено: 0, без изменений: 0, с ошибкой: 0"),
        "{said}"
    );
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kato_demo_egindykol.csv");
    let import = ["import", "territories", csv.to_str().unwrap_or("")];
    let out = qatysu_in("kk", &import, dir.path(), url.as_deref());
    assert!(
        text(&out.stdout).contains("Аумақ саны: 23, оның ішінде жаңасы: 23, жаңартылғаны: 0"),
        "{}",
        text(&out.stdout)
    );
    let add = |level: &'static str| {
        vec![
            "user",
            "add",
            "--name",
            "Тұрғын",
            "--contact",
            "+77011234599",
            "--village",
            "114435200",
            "--iin",
            "900101300017",
            "--level",
            level,
        ]
    };
    let out = qatysu_in("ru", &add("verified"), dir.path(), url.as_deref());
    let err = text(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("Ошибка: Неизвестный уровень: verified; допустимы: self, contact"),
        "{err}"
    );
    let out = qatysu_in("kk", &add("self"), dir.path(), url.as_deref());
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("Ескерту: --iin арқылы"), "{err}");
    assert!(text(&out.stdout).contains("Құпиясөз: "));
    let again = qatysu_in("kk", &add("self"), dir.path(), url.as_deref());
    assert!(
        text(&again.stderr).contains("есептік жазба бұрыннан бар"),
        "{}",
        text(&again.stderr)
    );
}

/// Security review L8: `user add --iin` put the IIN on the command line (process list, shell
/// history). `--iin-stdin` reads it, and the password after it, from standard input; `--iin`
/// still works and warns.
#[tokio::test]
async fn user_add_reads_the_iin_from_standard_input() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let (url, _pg) = target(dir.path()).await;
    import_demo_territories(dir.path(), url.as_deref());
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
    .env("QATYSU_LANG", "en")
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
    let db = open_written(url.as_deref(), dir.path()).await;
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

/// Security review M6: photos stored before uploads were cleaned are re-encoded in place by
/// `qatysu uploads scrub` (their recorded size follows); photos already clean are left alone,
/// so a second run changes nothing; an unreadable one is counted and named. The migration
/// that asks for it makes the next `migrate` (or `serve`) run it once by itself.
#[tokio::test]
async fn uploads_scrub_re_encodes_stored_photos_once() {
    use crate::support::photos;
    let dir = tempfile::tempdir().expect("dir");
    let (url, _keep) = target(dir.path()).await;
    let first = qatysu(&["migrate"], dir.path(), url.as_deref());
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    // A fresh database asks for the scrub too: nothing to do.
    let text = String::from_utf8_lossy(&first.stdout);
    assert!(text.contains("scrubbed 0, unchanged 0, failed 0"), "{text}");
    import_demo_territories(dir.path(), url.as_deref());
    let iin = qatysu::cli::demo::demo_iin(19).expect("a valid IIN");
    let add = [
        "user",
        "add",
        "--name",
        "Тұрғын",
        "--contact",
        "+77011234568",
        "--village",
        "114435200",
        "--iin",
        iin.as_str(),
    ];
    let out = qatysu(&add, dir.path(), url.as_deref());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A land report whose photos were stored as uploaded, before this release.
    let db = open_written(url.as_deref(), dir.path()).await;
    let contact = domain::Contact::parse("+77011234568").expect("contact");
    let (user, _) = store::accounts::credentials(&db, &contact)
        .await
        .expect("read")
        .expect("created");
    let village =
        store::territories::by_kato(&db, &domain::Kato::parse("114435200").expect("kato"))
            .await
            .expect("read")
            .expect("village");
    let raw = photos::with_exif(&photos::jpeg(3000, 1000));
    let clean = app::uploads::clean_photo(&photos::jpeg(40, 30))
        .expect("clean")
        .bytes;
    let broken = [&raw[..600], b"\xff\xd9"].concat();
    let stored = [raw.clone(), clean.clone(), broken];
    let list: Vec<store::land::Photo> = stored
        .iter()
        .map(|b| store::land::Photo {
            id: store::new_id(),
            content_type: "image/jpeg".into(),
            size_bytes: b.len() as i64,
        })
        .collect();
    let report = store::land::NewReport {
        village_id: village.id,
        reporter_id: user.id,
        cadastral_number: domain::oversight::CadastralNumber::parse("01-017-042-0997")
            .expect("cadastral"),
        area: domain::land::Hectares::parse("3").expect("area"),
        kind: domain::land::LandKind::Unused,
        description: "Учаске пайдаланылмайды.".into(),
    };
    let rid = store::land::create(&db, &report, &list, crate::support::now())
        .await
        .expect("report");
    let folder = dir.path().join("uploads/land");
    std::fs::create_dir_all(&folder).expect("folder");
    for (p, bytes) in list.iter().zip(&stored) {
        std::fs::write(folder.join(p.id.to_string()), bytes).expect("write");
    }
    let path = |i: usize| folder.join(list[i].id.to_string());

    let out = qatysu(&["uploads", "scrub"], dir.path(), url.as_deref());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("scrubbed 1, unchanged 1, failed 1"), "{text}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("land/{}", list[2].id)),
        "the unreadable photo is named"
    );
    let scrubbed = std::fs::read(path(0)).expect("read");
    assert!(
        !photos::contains(&scrubbed, b"Whistleblower") && !photos::contains(&scrubbed, b"Exif")
    );
    assert_eq!(photos::size_of(&scrubbed), (2048, 683));
    assert_eq!(
        std::fs::read(path(1)).expect("read"),
        clean,
        "a clean photo is left alone"
    );
    let recorded = store::land::photos(&db, rid).await.expect("photos");
    let size = |id| recorded.iter().find(|p| p.id == id).map(|p| p.size_bytes);
    assert_eq!(size(list[0].id), Some(scrubbed.len() as i64));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path(0)).map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode.ok(), Some(0o600));
    }

    // Again: nothing left to do.
    let out = qatysu(&["uploads", "scrub"], dir.path(), url.as_deref());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("scrubbed 0, unchanged 2, failed 1"), "{text}");
    assert_eq!(std::fs::read(path(0)).expect("read"), scrubbed);

    // Asked for by a migration: the next start does it once, then no more.
    std::fs::write(path(0), &raw).expect("write");
    store::uploads::mark_scrub_pending(&db).await.expect("mark");
    let out = qatysu(&["migrate"], dir.path(), url.as_deref());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("scrubbed 1, unchanged 1, failed 1"), "{text}");
    assert!(!store::uploads::scrub_pending(&db).await.expect("flag"));
    assert!(!photos::contains(
        &std::fs::read(path(0)).expect("read"),
        b"Whistleblower"
    ));
    let out = qatysu(&["migrate"], dir.path(), url.as_deref());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("scrubbed"));
    db.close().await;
}
