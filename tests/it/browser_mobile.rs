//! Every page of the demo on a phone, and the pages people print, in headless Chromium.
//!
//! The phone test crawls same-origin links from `/` and from each demo role's account page
//! (signed in as each role in turn, then signed out), one URL per route pattern (UUIDs and
//! numbers such as KATO codes in the path collapsed), at 360 × 800 and 412 × 915. On each page
//! nothing may scroll sideways (neither the page nor a box inside it), money stays on one line
//! with its ₸, and links and buttons of the navigation, buttons and checkboxes are at least
//! 44 × 44 px. A full-page screenshot per pattern and width goes to
//! `target/browser/mobile/<pattern>-<width>.png`, and the list of pages to `pages.txt` there.
//!
//! The print test applies the stylesheet's `@media print` rules to the results, protocol and
//! an initiative page and checks what would be printed, then prints each to PDF through
//! WebDriver (`target/browser/print/*.pdf`) and checks the PDF's page box is the A4 the
//! stylesheet's `@page` asks for (the request asks for US Letter).
//!
//!     cargo test --test it browser_mobile -- --ignored --nocapture

use crate::browser::{login_with, set_viewport, within, Failure, Session};
use crate::support::TestApp;
use domain::pb::Stage;
use fantoccini::wd::{PrintConfiguration, PrintSize};
use fantoccini::Client;
use qatysu::cli::demo;
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::path::Path;
use std::time::{Duration, Instant};

/// The narrowest phones still common, and a common mid-range Android phone.
const PHONES: [(u32, u32); 2] = [(360, 800), (412, 915)];
/// Screenshots stop here: a page longer than this is cut, not the test.
const SHOT_MAX_HEIGHT: u32 = 4000;
/// A hung browser fails the test instead of stalling CI (the crawl takes well under this).
const CRAWL_BUDGET: Duration = Duration::from_secs(300);
const PRINT_BUDGET: Duration = Duration::from_secs(120);
/// Paths a crawl must not follow: they sign out, leave for the identity provider, or download.
const NOT_PAGES: [&str; 3] = ["/logout", "/login/oidc", "/boom"];
const DOWNLOADS: [&str; 7] = [".pdf", ".csv", ".pb", ".json", ".atom", ".png", ".jpg"];
const DOWNLOAD_FOLDERS: [&str; 4] = ["/api/", "/static/", "/photos/", "/files/"];
/// An A4 page in PDF points (210 × 297 mm), and how far Chromium's rounding may stray.
const A4_POINTS: (f64, f64) = (595.28, 841.89);
const POINT_SLACK: f64 = 2.0;

#[tokio::test]
#[ignore = "needs Chromium and chromedriver: cargo test --test it browser -- --ignored"]
async fn browser_every_page_of_the_demo_fits_a_phone() {
    let b = Session::start("browser/mobile").await;
    let app = TestApp::spawn().await;
    let base = format!("http://{}", app.addr);
    let dir = b.shots.dir.clone();
    let outcome = within(CRAWL_BUDGET, crawl(&b.client, &base, &dir)).await;
    b.finish(outcome).await;
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver: cargo test --test it browser -- --ignored"]
async fn browser_results_protocol_and_initiative_print_on_a4() {
    let b = Session::start("browser/print").await;
    let app = TestApp::spawn().await;
    let base = format!("http://{}", app.addr);
    let cycles = store::pb::list(&app.db, None).await.expect("cycles");
    let finished = cycles
        .iter()
        .find(|c| c.stage == Stage::Results)
        .map(|c| c.id)
        .expect("the demo has a cycle with results");
    let dir = b.shots.dir.clone();
    let outcome = within(PRINT_BUDGET, print_pages(&b.client, &base, finished, &dir)).await;
    b.finish(outcome).await;
}

// ---- the phone crawl ----

/// What the crawl found: problems per page, and which page stood for each pattern.
#[derive(Default)]
struct Crawl {
    seen: HashSet<String>,
    pages: BTreeMap<String, (String, &'static str)>,
    problems: Vec<String>,
}

async fn crawl(c: &Client, base: &str, dir: &Path) -> Result<(), Failure> {
    let started = Instant::now();
    let mut found = Crawl::default();
    // Cookies belong to the app's origin: be on it before clearing them.
    c.goto(&format!("{base}/")).await?;
    for account in &demo::ACCOUNTS {
        let (role, _, _, email, password) = *account;
        c.delete_all_cookies().await?;
        set_viewport(c, PHONES[0].0, PHONES[0].1).await?;
        login_with(c, base, email, password).await?;
        let who = role.as_str();
        visit_all(c, base, dir, &mut found, who, &["/account", "/"]).await?;
    }
    c.delete_all_cookies().await?;
    // Signed out: the forms of a stranger, and the page for an address that is not there.
    let public = ["/", "/login", "/register", "/password/reset", "/no-such-page"];
    visit_all(c, base, dir, &mut found, "anonymous", &public).await?;
    let list: String = found
        .pages
        .iter()
        .map(|(pattern, (url, who))| format!("{pattern}\t{url}\t{who}\n"))
        .collect();
    std::fs::write(dir.join("pages.txt"), &list)?;
    println!(
        "browser_mobile: {} pages (one per route pattern) at {:?} in {:.1} s; screenshots in {}\n{list}",
        found.pages.len(),
        PHONES.map(|p| p.0),
        started.elapsed().as_secs_f64(),
        dir.display()
    );
    ensure!(
        found.pages.len() >= 40,
        "the crawl reached only {} route patterns: {list}",
        found.pages.len()
    );
    ensure!(
        found.problems.is_empty(),
        "{} problems on a phone:\n{}",
        found.problems.len(),
        found.problems.join("\n")
    );
    Ok(())
}

/// Breadth-first from `starts`, as `who`, through every link to a pattern not yet seen.
async fn visit_all(
    c: &Client,
    base: &str,
    dir: &Path,
    found: &mut Crawl,
    who: &'static str,
    starts: &[&str],
) -> Result<(), Failure> {
    let mut queue: VecDeque<String> = starts.iter().map(|s| s.to_string()).collect();
    while let Some(url) = queue.pop_front() {
        if !found.seen.insert(pattern(&url)) {
            continue;
        }
        c.goto(&format!("{base}{url}")).await?;
        // A redirect (a signed-in user asking for the login form) lands on a page of its own.
        let landed = c.current_url().await?;
        let landed_pattern = pattern(landed.path());
        if landed_pattern != pattern(&url) && !found.seen.insert(landed_pattern.clone()) {
            continue;
        }
        found
            .pages
            .insert(landed_pattern.clone(), (url.clone(), who));
        for (width, height) in PHONES {
            set_viewport(c, width, height).await?;
            for p in phone_problems(c).await? {
                found
                    .problems
                    .push(format!("{url} ({landed_pattern}, {who}) at {width} px: {p}"));
            }
            let file = dir.join(format!("{}-{width}.png", file_name(&landed_pattern)));
            full_page_shot(c, width, height, &file).await?;
        }
        set_viewport(c, PHONES[0].0, PHONES[0].1).await?;
        for href in links(c).await? {
            if let Some(next) = crawlable(base, &href) {
                if !found.seen.contains(&pattern(&next)) {
                    queue.push_back(next);
                }
            }
        }
    }
    Ok(())
}

/// The route pattern of a path (query and fragment dropped): a UUID becomes `{id}`, digits
/// (a number, a KATO code) become `{n}`.
fn pattern(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.split('/')
        .map(|seg| {
            if uuid::Uuid::parse_str(seg).is_ok() {
                "{id}"
            } else if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
                "{n}"
            } else {
                seg
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// `/pb/{id}/results` → `pb_id_results`; `/` → `home`.
fn file_name(pattern: &str) -> String {
    let name: String = pattern
        .trim_matches('/')
        .chars()
        .filter(|c| !matches!(c, '{' | '}'))
        .map(|c| if c == '/' { '_' } else { c })
        .collect();
    if name.is_empty() {
        "home".into()
    } else {
        name
    }
}

/// A link the crawl follows, as a path with its query: same origin, a page (not a download,
/// a photo, the API, the identity provider or logging out), and no language switch (which
/// would change the language the rest of the crawl sees).
fn crawlable(base: &str, href: &str) -> Option<String> {
    let rest = href.strip_prefix(base)?;
    let rest = rest.split('#').next().unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let download = DOWNLOADS.iter().any(|ext| path.ends_with(ext))
        || DOWNLOAD_FOLDERS.iter().any(|dir| path.contains(dir))
        || path.contains("/attachments/");
    let leaves = NOT_PAGES.iter().any(|p| path.starts_with(p));
    let switches_language = query.split('&').any(|kv| kv.starts_with("lang="));
    (!download && !leaves && !switches_language).then(|| rest.to_string())
}

async fn links(c: &Client) -> Result<Vec<String>, Failure> {
    let v = c
        .execute(
            "return [...document.querySelectorAll('a[href]')].map(a => a.href)",
            vec![],
        )
        .await?;
    Ok(strings(v))
}

fn strings(v: serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// What a phone user would trip over on the page as it is now, one sentence each.
async fn phone_problems(c: &Client) -> Result<Vec<String>, Failure> {
    Ok(strings(c.execute(PHONE_CHECKS, vec![]).await?))
}

/// Run in the page: the page wider than the screen (naming the element reaching furthest
/// right, outside any box of its own that scrolls), a box scrolling sideways inside the page
/// (the cost column and its ₸ off-screen, and no cue to swipe), an amount broken across lines
/// away from its ₸, and a navigation link, button or checkbox smaller than 44 × 44 px.
const PHONE_CHECKS: &str = r#"
const describe = el => {
  const path = [];
  for (let e = el; e && e !== document.body; e = e.parentElement)
    path.unshift(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].join('.') : ''));
  return path.join(' > ') + ' ' + JSON.stringify((el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60));
};
const problems = [];
const all = [...document.body.querySelectorAll('*')];
const boxed = el => {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
    if (getComputedStyle(p).overflowX !== 'visible') return true;
  return false;
};
const iw = window.innerWidth, sw = document.documentElement.scrollWidth;
if (sw > iw) {
  let worst = document.body, right = -Infinity;
  for (const el of all) {
    if (boxed(el)) continue;
    const r = el.getBoundingClientRect().right;
    if (r >= right) { right = r; worst = el; }
  }
  problems.push(`the page is ${sw} px wide on a ${iw} px screen; the widest element, reaching ${Math.round(right)} px: ${describe(worst)}`);
}
for (const el of all) {
  if (el.matches('input, select, textarea')) continue;
  const o = getComputedStyle(el).overflowX;
  if ((o === 'auto' || o === 'scroll') && el.scrollWidth > el.clientWidth + 1)
    problems.push(`scrolls sideways inside its box (${el.scrollWidth} px in ${el.clientWidth} px): ${describe(el)}`);
}
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  for (const m of n.data.matchAll(/\d[\d\u00a0,]*\u00a0₸/g)) {
    const range = document.createRange();
    range.setStart(n, m.index);
    range.setEnd(n, m.index + m[0].length);
    const rects = [...range.getClientRects()].filter(r => r.width > 0);
    if (rects.some(r => Math.abs(r.top - rects[0].top) > 2))
      problems.push(`an amount breaks across lines: ${JSON.stringify(m[0])} in ${describe(n.parentElement)}`);
  }
}
const taps = 'header a, nav a, nav button, button, .button, label.check, input[type=checkbox]:not(label.check input), input[type=radio]:not(label.check input)';
for (const el of document.querySelectorAll(taps)) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (r.width < 43.5 || r.height < 43.5)
    problems.push(`a tap target of ${Math.round(r.width)} × ${Math.round(r.height)} px (at least 44 × 44): ${describe(el)}`);
}
return problems;
"#;

/// The whole page at `width`, up to [`SHOT_MAX_HEIGHT`]: the window is made as tall as the
/// page for the picture, then put back.
async fn full_page_shot(c: &Client, width: u32, height: u32, file: &Path) -> Result<(), Failure> {
    let full = c
        .execute("return document.documentElement.scrollHeight", vec![])
        .await?
        .as_u64()
        .and_then(|h| u32::try_from(h).ok())
        .unwrap_or(height)
        .clamp(height, SHOT_MAX_HEIGHT);
    if full > height {
        set_viewport(c, width, full).await?;
    }
    let png = c.screenshot().await;
    if full > height {
        set_viewport(c, width, height).await?;
    }
    std::fs::write(file, png?)?;
    Ok(())
}

// ---- print ----

async fn print_pages(
    c: &Client,
    base: &str,
    finished: uuid::Uuid,
    dir: &Path,
) -> Result<(), Failure> {
    // The page box of A4 with the stylesheet's margins, at 96 px to the inch.
    set_viewport(c, 794, 1123).await?;
    let initiative = an_initiative(c, base).await?;
    let pages = [
        ("results", format!("/pb/{finished}/results")),
        ("protocol", format!("/pb/{finished}/protocol")),
        ("initiative", initiative),
    ];
    for (name, path) in pages {
        c.goto(&format!("{base}{path}")).await?;
        let problems = strings(c.execute(PRINT_CHECKS, vec![]).await?);
        ensure!(
            problems.is_empty(),
            "{path} would not print cleanly:\n{}",
            problems.join("\n")
        );
        let pdf = print_to_pdf(c).await?;
        let file = dir.join(format!("{name}.pdf"));
        std::fs::write(&file, &pdf)?;
        let boxes = media_boxes(&pdf);
        ensure!(!boxes.is_empty(), "{path}: the PDF has no page");
        for (w, h) in &boxes {
            ensure!(
                (w - A4_POINTS.0).abs() <= POINT_SLACK && (h - A4_POINTS.1).abs() <= POINT_SLACK,
                "{path}: a printed page is {w} × {h} pt, not A4 ({} × {} pt): {}",
                A4_POINTS.0,
                A4_POINTS.1,
                file.display()
            );
        }
        println!(
            "browser_mobile: printed {path} on {} A4 page(s): {}",
            boxes.len(),
            file.display()
        );
    }
    Ok(())
}

/// An initiative of the demo, from the public list.
async fn an_initiative(c: &Client, base: &str) -> Result<String, Failure> {
    c.goto(&format!("{base}/initiatives")).await?;
    let found = links(c)
        .await?
        .into_iter()
        .filter_map(|href| crawlable(base, &href))
        .find(|path| pattern(path) == "/initiatives/{id}");
    found.ok_or_else(|| "the demo's initiative list links no initiative".into())
}

/// Print through WebDriver, asking for US Letter: a PDF on A4 then comes from the stylesheet's
/// `@page { size: A4 }` (chromedriver lets the page's size win when shrink-to-fit is off).
async fn print_to_pdf(c: &Client) -> Result<Vec<u8>, Failure> {
    let config = PrintConfiguration::builder()
        .size(PrintSize::US_LETTER)
        .shrink_to_fit(false)
        .build()
        .map_err(|e| e.to_string())?;
    Ok(c.print(config).await?)
}

/// Every page's `/MediaBox [x0 y0 x1 y1]` in a PDF, as width × height in points.
fn media_boxes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    text.split("/MediaBox")
        .skip(1)
        .filter_map(|rest| {
            let inside = rest.trim_start().strip_prefix('[')?.split(']').next()?;
            let n: Vec<f64> = inside
                .split_whitespace()
                .filter_map(|v| v.parse().ok())
                .collect();
            match n[..] {
                [x0, y0, x1, y1] => Some((x1 - x0, y1 - y0)),
                _ => None,
            }
        })
        .collect()
}

/// Run in the page: find the stylesheet's `@page` and `@media print` rules, apply the print
/// rules to the page as a printer would (a constructed sheet: the page's CSP allows no inline
/// style), and report what would be wrong on paper. The page is left as it was.
const PRINT_CHECKS: &str = r#"
const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + [...el.classList].join('.') : '') + ' ' + JSON.stringify((el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40));
const problems = [];
const rules = [...document.styleSheets].flatMap(s => [...s.cssRules]);
const page = rules.find(r => r instanceof CSSPageRule);
if (!page || page.style.getPropertyValue('size') !== 'A4') problems.push('no @page { size: A4 }: ' + (page ? page.cssText : 'no @page rule'));
const print = rules.filter(r => r instanceof CSSMediaRule && r.media.mediaText === 'print');
if (!print.length) return problems.concat(['no @media print rules']);
const sheet = new CSSStyleSheet();
sheet.replaceSync(print.flatMap(m => [...m.cssRules].map(r => r.cssText)).join('\n'));
document.adoptedStyleSheets = [sheet];
const shown = el => el.getClientRects().length > 0;
for (const el of document.querySelectorAll('header, nav, footer, form, button, .button, input, select, textarea'))
  if (shown(el)) problems.push('printed although it only works on screen: ' + describe(el));
for (const a of document.querySelectorAll('a[href]')) {
  if (!shown(a)) continue;
  const after = getComputedStyle(a, '::after').content;
  if (!after.includes(a.getAttribute('href'))) problems.push('a link printed without its address: ' + describe(a) + ' ' + after);
}
for (const tr of document.querySelectorAll('tr'))
  if (getComputedStyle(tr).breakInside !== 'avoid') { problems.push('a table row may be cut between pages: ' + describe(tr)); break; }
for (const el of [document.body, ...document.querySelectorAll('main *')]) {
  if (!shown(el)) continue;
  const s = getComputedStyle(el);
  const bg = s.backgroundColor;
  if (s.color !== 'rgb(0, 0, 0)' || !(bg === 'rgba(0, 0, 0, 0)' || bg === 'rgb(255, 255, 255)')) {
    problems.push(`not black on white (${s.color} on ${bg}): ` + describe(el));
    break;
  }
}
document.adoptedStyleSheets = [];
return problems;
"#;

#[test]
fn route_patterns_collapse_ids_numbers_and_kato_codes() {
    let id = "0192a4f6-1c2d-7e3f-8a9b-0c1d2e3f4a5b";
    assert_eq!(pattern(&format!("/pb/{id}/results?x=1")), "/pb/{id}/results");
    assert_eq!(pattern("/territories/114435000#top"), "/territories/{n}");
    assert_eq!(pattern("/"), "/");
    assert_eq!(file_name("/pb/{id}/results"), "pb_id_results");
    assert_eq!(file_name("/"), "home");
    let base = "http://127.0.0.1:1";
    assert_eq!(
        crawlable(base, "http://127.0.0.1:1/pb?territory=1#x").as_deref(),
        Some("/pb?territory=1")
    );
    for skipped in [
        "http://127.0.0.1:1/pb/1/protocol.pdf",
        "http://127.0.0.1:1/account?lang=ru",
        "http://127.0.0.1:1/api/v1/cycles",
        "http://127.0.0.1:1/login/oidc",
        "http://127.0.0.1:1/pb/proposals/1/photos/2",
        "http://127.0.0.1:12/",
        "https://egov.kz/",
    ] {
        assert_eq!(crawlable(base, skipped), None, "{skipped}");
    }
}

/// The PDF page boxes as Chromium writes them.
#[test]
fn media_boxes_are_read_from_a_pdf() {
    let pdf = b"<< /Type /Page /MediaBox [0 0 595.91998 842.88] >> << /MediaBox[0 0 612 792] >>";
    assert_eq!(media_boxes(pdf), vec![(595.91998, 842.88), (612.0, 792.0)]);
}

