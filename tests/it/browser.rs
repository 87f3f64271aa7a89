//! Browser end-to-end test: a resident registers (first with a mistyped IIN), logs out, logs
//! in again, switches the language to Russian and English and logs out, in headless Chromium
//! driven over WebDriver. No JavaScript of ours is involved: these are plain forms and links.
//!
//! Every browser test is ignored with its reason (it needs Chromium and chromedriver), so a
//! plain `cargo test` lists it as ignored (never as passed); CI runs them all with
//!
//!     cargo test --test it browser -- --ignored --nocapture
//!
//! A run without `/usr/bin/chromium` or `/usr/bin/chromedriver` (Debian packages `chromium`
//! and `chromium-driver`) fails, it does not skip.
//!
//! A PNG of the whole page after every step goes to `target/browser/NN-step.png` (and
//! `failure.png` when a step fails); chromedriver's own log goes to `target/browser/chromedriver.log`.

use crate::support::TestApp;
use fantoccini::{Client, ClientBuilder, Locator};
use qatysu::cli::demo;
use std::fs::File;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};
use web::i18n::Lang;

pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";
pub(crate) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The viewport: a common mid-range Android phone.
const WIDTH: u32 = 412;
const HEIGHT: u32 = 900;
/// How long a page may take to show what a step waits for.
pub(crate) const STEP_WAIT: Duration = Duration::from_secs(10);
/// The whole flow, so that a hung browser fails CI instead of stalling it.
const FLOW_BUDGET: Duration = Duration::from_secs(120);

/// The new resident. The IIN is valid and none of the demo accounts has it.
const NAME: &str = "Әлия Бекова";
const CONTACT: &str = "+7 701 555 12 34";
const GOOD_IIN: &str = "850315400025";
/// Twelve digits and a real birth date, but the check digit is wrong.
const BAD_IIN: &str = "900101300013";
const PASSWORD: &str = "Көктем-гүлі-2026";

pub(crate) type Failure = Box<dyn std::error::Error>;

/// Fail the current step with a message, like `assert!` but without unwinding the browser away.
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+).into());
        }
    };
}

/// Fail loudly, naming the packages, when the browser or its driver is missing: a browser
/// test that runs must never pass without a browser.
pub(crate) fn require_browser() {
    for bin in [CHROMIUM, CHROMEDRIVER] {
        assert!(
            Path::new(bin).is_file(),
            "{bin} is missing: install the Debian packages `chromium` and `chromium-driver` \
             (apt-get install -y chromium chromium-driver) to run the browser tests"
        );
    }
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver: cargo test --test it browser -- --ignored"]
async fn resident_registers_logs_in_and_switches_language() {
    let mut b = Session::start("browser").await;
    let app = TestApp::with_people().await;
    let base = format!("http://{}", app.addr);
    let outcome = within(FLOW_BUDGET, flow(&b.client, &base, &mut b.shots)).await;
    b.finish(outcome).await;
}

/// A browser for one test: the driver, a client connected to it and the test's screenshots.
pub(crate) struct Session {
    pub client: Client,
    pub shots: Shots,
    driver: Driver,
    started: Instant,
}

impl Session {
    /// Start ChromeDriver and connect; screenshots and logs go to `target/<folder>/`.
    pub(crate) async fn start(folder: &str) -> Session {
        require_browser();
        let started = Instant::now();
        let shots = Shots::new(folder);
        let mut driver = Driver::start(&shots.dir);
        driver.wait_ready().await;
        let client = driver.connect().await;
        Session {
            client,
            shots,
            driver,
            started,
        }
    }

    /// Close the browser; a failed flow leaves a last screenshot and fails the test with the
    /// step it reached.
    pub(crate) async fn finish(mut self, outcome: Result<(), Failure>) {
        if outcome.is_err() {
            let shot = self.shots.save(&self.client, "failure");
            let _ = tokio::time::timeout(Duration::from_secs(10), shot).await;
        }
        let _ = tokio::time::timeout(Duration::from_secs(10), self.client.clone().close()).await;
        let Session {
            shots,
            driver,
            started,
            ..
        } = self;
        drop(driver);
        if let Err(e) = outcome {
            panic!(
                "browser flow failed after step {:02} ({}): {e}\nscreenshots: {}",
                shots.n,
                shots.last,
                shots.dir.display()
            );
        }
        println!(
            "browser flow passed: {} steps in {:.1} s, screenshots in {}",
            shots.n,
            started.elapsed().as_secs_f64(),
            shots.dir.display()
        );
    }
}

/// Run a flow within its time budget, so that a hung browser fails CI instead of stalling it.
pub(crate) async fn within(
    budget: Duration,
    flow: impl std::future::Future<Output = Result<(), Failure>>,
) -> Result<(), Failure> {
    match tokio::time::timeout(budget, flow).await {
        Ok(outcome) => outcome,
        Err(_) => Err(format!("the flow took longer than {budget:?}").into()),
    }
}

/// Log in with a demo account (`who` is the part before `@demo.qatysu.kz`).
pub(crate) async fn login_demo(c: &Client, base: &str, who: &str) -> Result<(), Failure> {
    let email = format!("{who}@demo.qatysu.kz");
    let password = qatysu::cli::demo::ACCOUNTS
        .iter()
        .find(|a| a.3 == email)
        .map(|a| a.4)
        .unwrap_or("");
    login_with(c, base, &email, password).await
}

/// Log in with a contact and password through the login form.
pub(crate) async fn login_with(
    c: &Client,
    base: &str,
    contact: &str,
    password: &str,
) -> Result<(), Failure> {
    // Under load a logout's redirect can still be landing when the next page is asked for,
    // and win: ask again until the login form is there.
    for _ in 0..3 {
        c.goto(&format!("{base}/login")).await?;
        if wait_for(c, "#contact").await.is_ok() {
            break;
        }
    }
    fill(c, "#contact", contact).await?;
    fill(c, "#password", password).await?;
    click(c, "form[action='/login'] button[type=submit]").await?;
    wait_path(c, "/account").await
}

/// Log out with the header's button.
pub(crate) async fn logout(c: &Client) -> Result<(), Failure> {
    click(c, "form[action='/logout'] button[type=submit]").await?;
    wait_path(c, "/").await?;
    // The notice is on the page the logout redirected to: the navigation has finished.
    wait_for(c, "main .notice").await
}

/// What a person does, step by step, with what they should see after each.
async fn flow(c: &Client, base: &str, shots: &mut Shots) -> Result<(), Failure> {
    let (kk, ru, en) = (Lang::Kk, Lang::Ru, Lang::En);
    let village = demo::DEMO_VILLAGE;

    set_viewport(c, WIDTH, HEIGHT).await?;
    // The browser asks for Kazakh (see the capabilities), so the site answers in Kazakh.
    c.goto(&format!("{base}/")).await?;
    expect_lang(c, "kk").await?;
    ensure!(
        exists(c, "header nav a[href='/register']").await?,
        "no register link on the home page"
    );
    shots.save(c, "home").await?;

    click(c, "header nav a[href='/register']").await?;
    wait_path(c, "/register").await?;
    expect_text(c, "h1", &kk.t("register-title")).await?;
    ensure!(
        exists(c, &format!("select#village option[value='{village}']")).await?,
        "the village list has no demo village {village}"
    );
    shots.save(c, "register-form").await?;

    // A mistyped IIN: the form comes back in Kazakh, says what is wrong and keeps what was typed.
    fill(c, "#name", NAME).await?;
    fill(c, "#contact", CONTACT).await?;
    fill(c, "#iin", BAD_IIN).await?;
    c.find(Locator::Css("#village"))
        .await?
        .select_by_value(village)
        .await?;
    fill(c, "#password", PASSWORD).await?;
    // Consent to the processing of personal data (Law No. 94-V): ticked once, kept on errors.
    click(c, "#consent").await?;
    click(c, "form[action='/register'] button[type=submit]").await?;
    wait_for(c, "#iin-err").await?;
    expect_lang(c, "kk").await?;
    expect_text(c, "#iin-err", &kk.t("err-iin-check")).await?;
    expect_text(c, "main p.err[role=alert]", &kk.t("form-has-errors")).await?;
    let field_errors = c.find_all(Locator::Css("form p.err")).await?.len();
    ensure!(
        field_errors == 1,
        "only the IIN should be marked wrong, {field_errors} fields are"
    );
    expect_attr(c, "#iin", "aria-invalid", "true").await?;
    expect_value(c, "#name", NAME).await?;
    expect_value(c, "#contact", CONTACT).await?;
    expect_value(c, "#iin", BAD_IIN).await?;
    expect_value(c, "#village", village).await?;
    expect_value(c, "#password", "").await?;
    shots.save(c, "register-bad-iin").await?;

    // Fixed: the account is made and the resident is signed in, with a welcome.
    let iin = c.find(Locator::Css("#iin")).await?;
    iin.clear().await?;
    iin.send_keys(GOOD_IIN).await?;
    fill(c, "#password", PASSWORD).await?;
    click(c, "form[action='/register'] button[type=submit]").await?;
    // The welcome comes with the form for the code sent to the contact.
    wait_path(c, "/account/contact/confirm").await?;
    expect_text(c, "main .notice[role=status]", &kk.t("register-done")).await?;
    expect_text(c, "h1", &kk.t("accounts-confirm-title")).await?;
    ensure!(
        exists(c, "form[action='/account/contact/confirm'] input#code").await?,
        "no field for the code after registering"
    );
    shots.save(c, "register-confirm-contact").await?;
    click(c, "main a[href='/account']").await?;
    wait_path(c, "/account").await?;
    expect_text(c, "h1", &kk.t("account-title")).await?;
    let main = text(c, "main").await?;
    ensure!(
        main.contains(NAME),
        "the account page does not show the name: {main:?}"
    );
    ensure!(
        !main.contains("0025"),
        "the account page shows digits of the IIN: {main:?}"
    );
    ensure!(
        !c.source().await?.contains(GOOD_IIN),
        "the account page shows the whole IIN"
    );
    ensure!(
        exists(c, "form[action='/logout']").await?,
        "no logout button once signed in"
    );
    shots.save(c, "registered").await?;

    click(c, "form[action='/logout'] button[type=submit]").await?;
    wait_path(c, "/").await?;
    // The notice is on the page the logout redirected to: the navigation has finished.
    wait_for(c, "main .notice").await?;
    expect_signed_out(c, kk).await?;
    shots.save(c, "logged-out").await?;

    click(c, "header nav a[href='/login']").await?;
    wait_path(c, "/login").await?;
    expect_text(c, "h1", &kk.t("login-title")).await?;
    shots.save(c, "login-form").await?;

    fill(c, "#contact", CONTACT).await?;
    fill(c, "#password", PASSWORD).await?;
    click(c, "form[action='/login'] button[type=submit]").await?;
    wait_path(c, "/account").await?;
    expect_text(c, "h1", &kk.t("account-title")).await?;
    let main = text(c, "main").await?;
    ensure!(
        main.contains(NAME),
        "logged in, but the account page does not show the name: {main:?}"
    );
    shots.save(c, "logged-in").await?;

    // The language switch keeps the page and the session.
    for (lang, native) in [(ru, "Русский"), (en, "English")] {
        let code = lang.code();
        click(c, &format!("header nav.langs a[lang='{code}']")).await?;
        expect_lang(c, code).await?;
        wait_path(c, "/account").await?;
        expect_text(c, "h1", &lang.t("account-title")).await?;
        expect_text(c, "header nav.langs [aria-current=true]", native).await?;
        expect_text(c, "form[action='/logout'] button", &lang.t("nav-logout")).await?;
        expect_text(c, "main dl.facts dt", &lang.t("field-name")).await?;
        shots.save(c, &format!("account-{code}")).await?;
    }

    // Logging out in English: the login link is back, still in English (the choice is remembered).
    click(c, "form[action='/logout'] button[type=submit]").await?;
    wait_path(c, "/").await?;
    // The notice is on the page the logout redirected to: the navigation has finished.
    wait_for(c, "main .notice").await?;
    expect_lang(c, "en").await?;
    expect_signed_out(c, en).await?;
    shots.save(c, "logged-out-en").await?;
    Ok(())
}

/// Signed out: the notice says so, the login link is back and the logout button is gone.
async fn expect_signed_out(c: &Client, lang: Lang) -> Result<(), Failure> {
    expect_text(c, "main .notice[role=status]", &lang.t("logout-done")).await?;
    expect_text(c, "header nav a[href='/login']", &lang.t("nav-login")).await?;
    ensure!(
        !exists(c, "form[action='/logout']").await?,
        "the logout button is still there after logging out"
    );
    Ok(())
}

// ---- small WebDriver helpers ----

pub(crate) async fn exists(c: &Client, css: &str) -> Result<bool, Failure> {
    Ok(!c.find_all(Locator::Css(css)).await?.is_empty())
}

pub(crate) async fn text(c: &Client, css: &str) -> Result<String, Failure> {
    let el = c
        .find(Locator::Css(css))
        .await
        .map_err(|e| format!("no {css}: {e}"))?;
    Ok(el.text().await?)
}

pub(crate) async fn fill(c: &Client, css: &str, value: &str) -> Result<(), Failure> {
    let el = c
        .find(Locator::Css(css))
        .await
        .map_err(|e| format!("no field {css}: {e}"))?;
    el.clear().await?;
    el.send_keys(value).await?;
    Ok(())
}

pub(crate) async fn click(c: &Client, css: &str) -> Result<(), Failure> {
    let el = c
        .find(Locator::Css(css))
        .await
        .map_err(|e| format!("nothing to click at {css}: {e}"))?;
    el.click().await?;
    Ok(())
}

pub(crate) async fn expect_text(c: &Client, css: &str, want: &str) -> Result<(), Failure> {
    // The page after a form may still be loading: wait for the text, up to a step's time.
    let deadline = Instant::now() + STEP_WAIT;
    loop {
        let got = text(c, css).await.unwrap_or_default();
        if got.trim() == want {
            return Ok(());
        }
        ensure!(
            Instant::now() < deadline,
            "{css} reads {got:?}, expected {want:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn expect_attr(c: &Client, css: &str, attr: &str, want: &str) -> Result<(), Failure> {
    let got = c.find(Locator::Css(css)).await?.attr(attr).await?;
    ensure!(
        got.as_deref() == Some(want),
        "{css} has {attr}={got:?}, expected {want:?}"
    );
    Ok(())
}

async fn expect_value(c: &Client, css: &str, want: &str) -> Result<(), Failure> {
    let got = c.find(Locator::Css(css)).await?.prop("value").await?;
    ensure!(
        got.as_deref() == Some(want),
        "{css} holds {got:?}, expected {want:?}"
    );
    Ok(())
}

/// Wait until the page is in the language `code`.
async fn expect_lang(c: &Client, code: &str) -> Result<(), Failure> {
    let deadline = Instant::now() + STEP_WAIT;
    loop {
        let lang = c.find(Locator::Css("html")).await?.attr("lang").await?;
        if lang.as_deref() == Some(code) {
            return Ok(());
        }
        ensure!(
            Instant::now() < deadline,
            "<html lang> is {lang:?}, expected {code:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Wait until the browser is at `path` (any query) and the page has loaded.
pub(crate) async fn wait_path(c: &Client, path: &str) -> Result<(), Failure> {
    let deadline = Instant::now() + STEP_WAIT;
    loop {
        let url = c.current_url().await?;
        let ready = c.execute("return document.readyState", vec![]).await?;
        if url.path() == path && ready == "complete" {
            return Ok(());
        }
        ensure!(
            Instant::now() < deadline,
            "the browser is at {url}, expected {path}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub(crate) async fn wait_for(c: &Client, css: &str) -> Result<(), Failure> {
    c.wait()
        .at_most(STEP_WAIT)
        .for_element(Locator::Css(css))
        .await
        .map_err(|e| format!("{css} did not appear: {e}"))?;
    Ok(())
}

/// Make the page area `width`×`height` CSS pixels. Headless Chromium still counts a window
/// frame around it, and makes no window narrower than 500 px from the command line.
pub(crate) async fn set_viewport(c: &Client, width: u32, height: u32) -> Result<(), Failure> {
    c.set_window_size(width, height).await?;
    let inner = c
        .execute("return [window.innerWidth, window.innerHeight]", vec![])
        .await?;
    let get = |i: usize, dflt: u32| {
        inner[i]
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .unwrap_or(dflt)
    };
    let (w, h) = (get(0, width), get(1, height));
    if (w, h) != (width, height) {
        c.set_window_size(
            width + width.saturating_sub(w),
            height + height.saturating_sub(h),
        )
        .await?;
    }
    Ok(())
}

// ---- screenshots ----

/// Numbered full-page screenshots in `target/<folder>`.
pub(crate) struct Shots {
    pub(crate) dir: PathBuf,
    pub(crate) n: u32,
    last: String,
}

impl Shots {
    pub(crate) fn new(folder: &str) -> Shots {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join(folder);
        std::fs::create_dir_all(&dir).expect("create target/browser");
        // Pictures of an earlier run would pass for this one's.
        for entry in std::fs::read_dir(&dir)
            .expect("read target/browser")
            .flatten()
        {
            if entry.path().extension().is_some_and(|e| e == "png") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        Shots {
            dir,
            n: 0,
            last: "start".into(),
        }
    }

    /// Record a finished step: the whole page, not just the phone-sized viewport.
    pub(crate) async fn save(&mut self, c: &Client, step: &str) -> Result<(), Failure> {
        let file = if step == "failure" {
            "failure.png".to_string()
        } else {
            self.n += 1;
            self.last = step.to_string();
            format!("{:02}-{step}.png", self.n)
        };
        let height = c
            .execute("return document.documentElement.scrollHeight", vec![])
            .await?
            .as_u64()
            .and_then(|h| u32::try_from(h).ok())
            .unwrap_or(HEIGHT)
            .clamp(HEIGHT, 4000);
        if height > HEIGHT {
            set_viewport(c, WIDTH, height).await?;
        }
        // Not a failure (yet), but worth a look: a page wider than the phone scrolls sideways.
        let wide = c
            .execute(
                "return document.documentElement.scrollWidth - window.innerWidth",
                vec![],
            )
            .await?
            .as_i64()
            .unwrap_or(0);
        if wide > 0 {
            println!("browser: warning: {file} is {wide} px wider than the {WIDTH} px screen");
        }
        let png = c.screenshot().await;
        if height > HEIGHT {
            set_viewport(c, WIDTH, HEIGHT).await?;
        }
        std::fs::write(self.dir.join(&file), png?)?;
        println!("browser: {file}");
        Ok(())
    }
}

// ---- chromedriver ----

/// A chromedriver of our own on a free port; dropping it quits the browser and the driver,
/// also when an assertion fails.
pub(crate) struct Driver {
    child: Child,
    port: u16,
    profile: tempfile::TempDir,
    log: PathBuf,
}

impl Driver {
    pub(crate) fn start(log_dir: &Path) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("find a free port")
            .port();
        let profile = tempfile::Builder::new()
            .prefix("qatysu-chromium-")
            .tempdir()
            .expect("profile dir");
        let log = log_dir.join("chromedriver.log");
        let out = File::create(&log).expect("chromedriver log");
        let err = out.try_clone().expect("chromedriver log");
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("start {CHROMEDRIVER}: {e}"));
        Driver {
            child,
            port,
            profile,
            log,
        }
    }

    /// Wait (up to ~10 s) until chromedriver answers `/status` with `ready: true`.
    pub(crate) async fn wait_ready(&mut self) {
        let url = format!("http://127.0.0.1:{}/status", self.port);
        let http = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut last: String;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "chromedriver exited at start ({status}); see {}",
                    self.log.display()
                );
            }
            match http.get(&url).timeout(Duration::from_secs(1)).send().await {
                Ok(res) => {
                    let body = res.text().await.unwrap_or_default();
                    let ready = serde_json::from_str::<serde_json::Value>(&body)
                        .ok()
                        .and_then(|v| v["value"]["ready"].as_bool())
                        .unwrap_or(false);
                    if ready {
                        return;
                    }
                    last = body;
                }
                Err(e) => last = e.to_string(),
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver on port {} not ready after 10 s: {last}; see {}",
                self.port,
                self.log.display()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    pub(crate) async fn connect(&self) -> Client {
        let caps = serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--hide-scrollbars",
                    format!("--window-size={WIDTH},{HEIGHT}"),
                    format!("--user-data-dir={}", self.profile.path().display()),
                ],
                // A Kazakh-speaking resident's browser: Accept-Language picks the first page's language.
                "prefs": { "intl.accept_languages": "kk-KZ,kk,ru" },
            },
            "timeouts": { "pageLoad": 20_000, "script": 10_000, "implicit": 0 },
        });
        let caps = caps.as_object().cloned().unwrap_or_default();
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "start Chromium through chromedriver: {e}; see {}",
                    self.log.display()
                )
            })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // `/shutdown` makes chromedriver quit the browsers it started, then exit.
        if let Ok(mut s) =
            TcpStream::connect_timeout(&([127, 0, 0, 1], self.port).into(), Duration::from_secs(1))
        {
            let _ = s.set_read_timeout(Some(Duration::from_secs(3)));
            let req = format!(
                "GET /shutdown HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
                self.port
            );
            if s.write_all(req.as_bytes()).is_ok() {
                let _ = s.read(&mut [0u8; 256]);
            }
        }
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
