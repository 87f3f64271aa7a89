//! Every page of the demo on a phone, and the pages people print, in headless Chromium.
//!
//! The phone test follows same-origin links from `/` and from each demo role's account page
//! (signed in as each role in turn, then signed out; over HTTP, which is quick), keeps one URL
//! per route pattern (UUIDs and numbers such as KATO codes in the path collapsed: the page
//! with the most content of those reached), then opens each in the browser, signed in as the
//! role that reached it, at 360 × 800 and 412 × 915. Nothing may scroll sideways (neither the
//! page nor a box inside it: the failure names the widest element), an amount stays on one
//! line with its ₸, and the navigation's links and buttons, every button and checkbox are at
//! least 44 × 44 px. A full-page screenshot per pattern and width goes to
//! `target/browser/mobile/<pattern>-<width>.png`, the list of pages to `pages.txt` there.
//!
//! The print test applies the stylesheet's `@media print` rules to the results, protocol and
//! an initiative page and checks what paper would show, then prints each to PDF through
//! WebDriver (`target/browser/print/*.pdf`), asking for US Letter, and reads the PDF back:
//! every page is A4 (so the stylesheet's `@page` won), the heading is there, the navigation
//! is not, and a link's address is printed.
//!
//!     cargo test --test it browser_mobile -- --ignored --nocapture

use crate::browser::{login_with, set_viewport, within, Failure, Session};
use crate::support::TestApp;
use domain::pb::Stage;
use domain::Role;
use fantoccini::wd::{PrintConfiguration, PrintSize};
use fantoccini::Client;
use qatysu::cli::demo;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
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
    let dir = b.shots.dir.clone();
    let outcome = within(CRAWL_BUDGET, crawl(&b.client, &app, &dir)).await;
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

/// The page that stands for a route pattern: the one with the most content among those the
/// crawl reached (a territory's land reports rather than an empty list), and who saw it.
struct Pick {
    url: String,
    role: Option<Role>,
    size: usize,
}

/// How many pages of one pattern a role's crawl opens to look for links: two cycles (the one
/// voting links no results), a few territories, not all of them.
const PER_PATTERN: usize = 3;

/// Where each role starts: the account page, the demo's okrug (where its cycles, initiatives
/// and reports are) and the home page; signed out, also the forms of a stranger and the page
/// for an address that is not there.
fn starts(role: Option<Role>) -> Vec<String> {
    let okrug = format!("/territories/{}", demo::pb::DEMO_OKRUG);
    let mut s = vec!["/account".to_string(), okrug, "/".to_string()];
    if role.is_none() {
        s = vec![s[1].clone(), s[2].clone()];
        s.extend(["/login", "/register", "/password/reset", "/no-such-page"].map(String::from));
    }
    s
}

/// Every role's links, followed over HTTP (fast), to the richest page of each pattern.
async fn discover(app: &TestApp) -> BTreeMap<String, Pick> {
    let mut picks: BTreeMap<String, Pick> = BTreeMap::new();
    let roles = demo::ACCOUNTS.iter().map(|a| Some(a.0)).chain([None]);
    for role in roles {
        let client = match role {
            Some(r) => app.login_as(r).await,
            None => app.client(),
        };
        let mut opened: HashSet<String> = HashSet::new();
        let mut per_pattern: BTreeMap<String, usize> = BTreeMap::new();
        let mut queue: VecDeque<String> = starts(role).into();
        while let Some(url) = queue.pop_front() {
            let pat = pattern(&url);
            let n = per_pattern.entry(pat.clone()).or_default();
            if *n >= PER_PATTERN || !opened.insert(url.clone()) {
                continue;
            }
            *n += 1;
            let page = client.get(&url).await;
            let html = page
                .headers
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("text/html"));
            // A redirect (to the login form, or away from it once signed in) is no page.
            if !html || page.status.is_redirection() {
                continue;
            }
            let size = page.body.len();
            let richer = picks.get(&pat).is_none_or(|p| size > p.size);
            if richer {
                picks.insert(pat, Pick { url, role, size });
            }
            queue.extend(hrefs(&page.body).filter_map(|h| crawlable(&h)));
        }
    }
    picks
}

/// The `href`s of a page's links, unescaped.
fn hrefs(html: &str) -> impl Iterator<Item = String> + '_ {
    html.split("<a ").skip(1).filter_map(|tag| {
        let tag = tag.split('>').next()?;
        let at = tag.find("href=\"")? + "href=\"".len();
        let href = tag[at..].split('"').next()?;
        Some(href.replace("&amp;", "&"))
    })
}

/// What the browser found, and where it put the pictures.
#[derive(Default)]
struct Checked {
    problems: Vec<String>,
    list: String,
}

async fn crawl(c: &Client, app: &TestApp, dir: &Path) -> Result<(), Failure> {
    let started = Instant::now();
    let base = format!("http://{}", app.addr);
    let picks = discover(app).await;
    let discovered = started.elapsed();
    let mut checked = Checked::default();
    // Cookies belong to the app's origin: be on it before clearing them.
    c.goto(&format!("{base}/")).await?;
    let roles = demo::ACCOUNTS.iter().map(|a| Some(a.0)).chain([None]);
    for role in roles {
        let mine: Vec<(&String, &Pick)> = picks.iter().filter(|(_, p)| p.role == role).collect();
        if mine.is_empty() {
            continue;
        }
        c.delete_all_cookies().await?;
        set_viewport(c, PHONES[0].0, PHONES[0].1).await?;
        if let Some(account) = demo::ACCOUNTS.iter().find(|a| Some(a.0) == role) {
            login_with(c, &base, account.3, account.4).await?;
        }
        for (pat, pick) in mine {
            check_page(c, &base, dir, pat, pick, &mut checked).await?;
        }
    }
    std::fs::write(dir.join("pages.txt"), &checked.list)?;
    println!(
        "browser_mobile: {} pages (one per route pattern) at {:?} in {:.1} s ({:.1} s finding \
         them over HTTP); screenshots in {}\n{}",
        picks.len(),
        PHONES.map(|p| p.0),
        started.elapsed().as_secs_f64(),
        discovered.as_secs_f64(),
        dir.display(),
        checked.list
    );
    ensure!(
        picks.len() >= 60,
        "the crawl reached only {} route patterns:\n{}",
        picks.len(),
        checked.list
    );
    ensure!(
        checked.problems.is_empty(),
        "{} problems on a phone:\n{}",
        checked.problems.len(),
        checked.problems.join("\n")
    );
    Ok(())
}

/// One page at each phone width: its problems, and a screenshot of each.
async fn check_page(
    c: &Client,
    base: &str,
    dir: &Path,
    pat: &str,
    pick: &Pick,
    checked: &mut Checked,
) -> Result<(), Failure> {
    let who = pick.role.map_or("anonymous", Role::as_str);
    c.goto(&format!("{base}{}", pick.url)).await?;
    for (width, height) in PHONES {
        set_viewport(c, width, height).await?;
        for p in phone_problems(c).await? {
            let url = &pick.url;
            checked
                .problems
                .push(format!("{url} ({pat}, {who}) at {width} px: {p}"));
        }
        let file = dir.join(format!("{}-{width}.png", file_name(pat)));
        full_page_shot(c, width, height, &file).await?;
    }
    set_viewport(c, PHONES[0].0, PHONES[0].1).await?;
    checked
        .list
        .push_str(&format!("{pat}\t{}\t{who}\n", pick.url));
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
fn crawlable(href: &str) -> Option<String> {
    let rest = href.split('#').next().unwrap_or(href);
    if !rest.starts_with('/') || rest.starts_with("//") {
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
    // An A4 sheet at 96 px to the inch: the page lays out as wide as on paper.
    set_viewport(c, 794, 1123).await?;
    let initiative = an_initiative(c, base).await?;
    let pages = [
        ("results", format!("/pb/{finished}/results")),
        ("protocol", format!("/pb/{finished}/protocol")),
        ("initiative", initiative),
    ];
    for (name, path) in pages {
        print_one(c, base, &path, &dir.join(format!("{name}.pdf"))).await?;
    }
    Ok(())
}

/// One page: its print rules checked in the page, then printed to `file` and read back.
async fn print_one(c: &Client, base: &str, path: &str, file: &Path) -> Result<(), Failure> {
    c.goto(&format!("{base}{path}")).await?;
    let problems = strings(c.execute(PRINT_CHECKS, vec![]).await?);
    ensure!(
        problems.is_empty(),
        "{path} would not print cleanly:\n{}",
        problems.join("\n")
    );
    let words = c.execute(SCREEN_AND_PAPER, vec![]).await?;
    let list = |i: usize| strings(words[i].clone());
    let (screen_only, heading, addresses) = (list(0), list(1), list(2));
    let pdf = print_to_pdf(c).await?;
    std::fs::write(file, &pdf)?;
    let at = file.display();
    let boxes = media_boxes(&pdf);
    ensure!(!boxes.is_empty(), "{path}: the PDF has no page: {at}");
    for (w, h) in &boxes {
        let (a4w, a4h) = A4_POINTS;
        ensure!(
            (w - a4w).abs() <= POINT_SLACK && (h - a4h).abs() <= POINT_SLACK,
            "{path}: a printed page is {w} × {h} pt, not A4 ({a4w} × {a4h} pt): {at}"
        );
    }
    let text = pdf_text(&pdf);
    ensure!(
        heading.iter().all(|w| text.contains(w.as_str())),
        "{path}: the PDF does not show the heading's words {heading:?}: {at}\n{text}"
    );
    for word in &screen_only {
        ensure!(
            !text.contains(word.as_str()),
            "{path}: the PDF shows {word:?} of the navigation or footer: {at}"
        );
    }
    for address in &addresses {
        ensure!(
            text.contains(address.as_str()),
            "{path}: the PDF does not show the link address {address}: {at}"
        );
    }
    println!(
        "browser_mobile: printed {path} on {} A4 page(s), without {} words of the navigation, \
         with link addresses: {at}",
        boxes.len(),
        screen_only.len()
    );
    Ok(())
}

/// Run in the page: the words of the navigation and footer that the content does not also
/// use (paper must not show them), the heading's words (paper must), and the address of the
/// content's first link (paper prints it after the link).
const SCREEN_AND_PAPER: &str = r#"
const main = document.querySelector('main');
const content = main.textContent;
const screenOnly = [...document.querySelectorAll('header a, header button, footer a')]
  .map(e => e.textContent.trim()).filter(t => t && !content.includes(t));
const heading = main.querySelector('h1').textContent.trim().split(/\s+/).filter(w => w.length > 3);
const link = [...main.querySelectorAll('a[href^="/"]')].find(a => !a.closest('nav'));
return [screenOnly, heading, link ? [link.getAttribute('href')] : []];
"#;

/// An initiative of the demo, from the public list.
async fn an_initiative(c: &Client, base: &str) -> Result<String, Failure> {
    c.goto(&format!("{base}/initiatives")).await?;
    let found = links(c)
        .await?
        .into_iter()
        .filter_map(|href| crawlable(href.strip_prefix(base)?))
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

/// The text a Chromium (Skia) PDF shows: the strings of its pages' content streams, each
/// through its font's ToUnicode map. Enough to tell what is on the paper; not a PDF reader.
fn pdf_text(pdf: &[u8]) -> String {
    let objects = pdf_objects(pdf);
    let dict = |id: u32| objects.get(&id).map_or("", |o| o.0.as_str());
    let mut fonts: HashMap<String, CMap> = HashMap::new();
    for (d, _) in objects.values() {
        for (name, id) in refs_in(d, "/Font") {
            let cmap = ref_after(dict(id), "/ToUnicode")
                .and_then(|m| objects.get(&m))
                .map(|o| CMap::parse(&String::from_utf8_lossy(&o.1)));
            fonts.insert(name, cmap.unwrap_or_default());
        }
    }
    let mut text = String::new();
    let pages = objects.values().filter(|o| o.0.contains("/Type /Page\n"));
    for id in pages.filter_map(|o| ref_after(&o.0, "/Contents")) {
        if let Some((_, stream)) = objects.get(&id) {
            show_strings(stream, &fonts, &mut text);
        }
    }
    text
}

/// Each `N 0 obj`: its dictionary's text and its stream, inflated.
fn pdf_objects(pdf: &[u8]) -> HashMap<u32, (String, Vec<u8>)> {
    use std::io::Read;
    let mut out = HashMap::new();
    let mut at = 0;
    while let Some(i) = find(&pdf[at..], b" 0 obj") {
        let start = at + i;
        let digits = pdf[..start]
            .iter()
            .rposition(|b| !b.is_ascii_digit())
            .map_or(0, |p| p + 1);
        let id = String::from_utf8_lossy(&pdf[digits..start]).parse().ok();
        let body = start + b" 0 obj".len();
        let end = find(&pdf[body..], b"endobj").map_or(pdf.len(), |e| body + e);
        let stream = find(&pdf[body..end], b"stream\n").map(|s| body + s);
        let dict = String::from_utf8_lossy(&pdf[body..stream.unwrap_or(end)]).into_owned();
        let mut data = Vec::new();
        at = end;
        if let Some(s) = stream {
            let len = number_after(&dict, "/Length").unwrap_or(0);
            let from = s + b"stream\n".len();
            let raw = &pdf[from..(from + len).min(pdf.len())];
            at = from + raw.len();
            if dict.contains("/FlateDecode") {
                let _ = flate2::read::ZlibDecoder::new(raw).read_to_end(&mut data);
            } else {
                data = raw.to_vec();
            }
        }
        if let Some(id) = id {
            out.insert(id, (dict, data));
        }
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn number_after(dict: &str, key: &str) -> Option<usize> {
    let rest = dict.split(key).nth(1)?.trim_start();
    rest.split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// `key N 0 R` → N.
fn ref_after(dict: &str, key: &str) -> Option<u32> {
    let n = number_after(dict, key)?;
    u32::try_from(n).ok()
}

/// The `/Name N 0 R` pairs of a resource dictionary such as `/Font <</F4 4 0 R>>`.
fn refs_in(dict: &str, key: &str) -> Vec<(String, u32)> {
    let Some(inner) = dict
        .split(&format!("{key} <<"))
        .nth(1)
        .and_then(|r| r.split(">>").next())
    else {
        return Vec::new();
    };
    let words: Vec<&str> = inner.split_whitespace().collect();
    words
        .windows(4)
        .filter(|w| w[0].starts_with('/') && w[2] == "0" && w[3] == "R")
        .filter_map(|w| Some((w[0].to_string(), w[1].parse().ok()?)))
        .collect()
}

/// A font's ToUnicode map: code bytes per glyph, and glyph code → text.
#[derive(Default)]
struct CMap {
    width: usize,
    map: HashMap<u32, String>,
}

impl CMap {
    fn parse(src: &str) -> CMap {
        let hex = |s: &str| u32::from_str_radix(s.trim_matches(['<', '>']), 16).ok();
        let utf16 = |s: &str| {
            let s = s.trim_matches(['<', '>']);
            let units: Vec<u16> = (0..s.len() / 4)
                .filter_map(|k| u16::from_str_radix(s.get(4 * k..4 * k + 4)?, 16).ok())
                .collect();
            String::from_utf16_lossy(&units)
        };
        let mut cmap = CMap {
            width: 2,
            map: HashMap::new(),
        };
        let mut section = "";
        for line in src.lines().map(str::trim) {
            let parts: Vec<&str> = line.split_whitespace().collect();
            match (section, parts.as_slice()) {
                (_, [_, s]) if s.ends_with("begincodespacerange") => section = "space",
                (_, [_, s]) if s.ends_with("beginbfchar") => section = "char",
                (_, [_, s]) if s.ends_with("beginbfrange") => section = "range",
                ("space", [lo, _]) => cmap.width = lo.trim_matches(['<', '>']).len() / 2,
                ("char", [code, to]) => {
                    if let Some(code) = hex(code) {
                        cmap.map.insert(code, utf16(to));
                    }
                }
                ("range", [lo, hi, to]) => {
                    let (Some(lo), Some(hi), Some(first)) = (hex(lo), hex(hi), hex(to)) else {
                        continue;
                    };
                    for (k, code) in (lo..=hi).enumerate() {
                        let c = u32::try_from(k)
                            .ok()
                            .and_then(|k| char::from_u32(first + k));
                        cmap.map
                            .insert(code, c.map(String::from).unwrap_or_default());
                    }
                }
                _ => section = if line.starts_with("end") { "" } else { section },
            }
        }
        cmap
    }

    fn decode(&self, hex: &str, out: &mut String) {
        let step = 2 * self.width.max(1);
        for k in (0..hex.len()).step_by(step) {
            let code = hex
                .get(k..k + step)
                .and_then(|h| u32::from_str_radix(h, 16).ok());
            match code.and_then(|c| self.map.get(&c)) {
                Some(s) => out.push_str(s),
                None => out.push('?'),
            }
        }
    }
}

/// The hex strings a content stream shows (`<…> Tj`, `[<…> 12 <…>] TJ`), in the font set by
/// the last `/F Tf`.
fn show_strings(stream: &[u8], fonts: &HashMap<String, CMap>, out: &mut String) {
    let src = String::from_utf8_lossy(stream);
    let empty = CMap::default();
    let (mut font, mut last_name) = (&empty, "");
    let mut rest = src.as_ref();
    while let Some(i) = rest.find(['<', '/', 'T']) {
        let tail = &rest[i..];
        if let Some(dict) = tail.strip_prefix("<<") {
            rest = dict;
        } else if let Some(hex) = tail.strip_prefix('<') {
            let end = hex.find('>').unwrap_or(hex.len());
            font.decode(&hex[..end], out);
            rest = &hex[end..];
        } else if let Some(name) = tail.strip_prefix('/') {
            let end = name
                .find(|c: char| c.is_whitespace() || "/<>[]()".contains(c))
                .map_or(tail.len(), |e| e + 1);
            last_name = &tail[..end];
            rest = &tail[end..];
        } else {
            if tail.starts_with("Tf") {
                font = fonts.get(last_name).unwrap_or(&empty);
            }
            rest = &tail[1..];
        }
    }
}

/// Run in the page: find the stylesheet's `@page` and `@media print` rules, apply the print
/// rules to the page as a printer would (a constructed sheet: the page's CSP allows no inline
/// style), and report what would be wrong on paper. The page is left as it was.
const PRINT_CHECKS: &str = r#"
const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + [...el.classList].join('.') : '') + ' ' + JSON.stringify((el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40));
const problems = [];
const rules = [...document.styleSheets].flatMap(s => [...s.cssRules]);
const page = rules.find(r => r instanceof CSSPageRule);
if (!page || page.style.getPropertyValue('size').toLowerCase() !== 'a4') problems.push('no @page { size: A4 }: ' + (page ? page.cssText : 'no @page rule'));
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
    assert_eq!(
        pattern(&format!("/pb/{id}/results?x=1")),
        "/pb/{id}/results"
    );
    assert_eq!(pattern("/territories/114435000#top"), "/territories/{n}");
    assert_eq!(pattern("/"), "/");
    assert_eq!(file_name("/pb/{id}/results"), "pb_id_results");
    assert_eq!(file_name("/"), "home");
    assert_eq!(
        crawlable("/pb?territory=1#x").as_deref(),
        Some("/pb?territory=1")
    );
    for skipped in [
        "/pb/1/protocol.pdf",
        "/account?lang=ru",
        "/api/v1/cycles",
        "/login/oidc",
        "/logout",
        "/pb/proposals/1/photos/2",
        "//egov.kz/",
        "https://egov.kz/",
        "#main",
    ] {
        assert_eq!(crawlable(skipped), None, "{skipped}");
    }
    let html = r#"<a class="x" href="/pb?a=1&amp;b=2">x</a> <a href="/">y</a><abbr>"#;
    assert_eq!(hrefs(html).collect::<Vec<_>>(), ["/pb?a=1&b=2", "/"]);
}

/// Text read back through a font's ToUnicode map, one- and two-byte codes, chars and ranges.
#[test]
fn pdf_text_reads_strings_through_the_fonts_maps() {
    use std::io::Write;
    let deflate = |s: &str| {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = z.write_all(s.as_bytes());
        z.finish().unwrap_or_default()
    };
    let cmap2 = "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfchar\n\
                 <0003> <0020>\nendbfchar\n1 beginbfrange\n<01D9> <01DA> <043D>\nendbfrange\n";
    let cmap1 = "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n1 beginbfchar\n\
                 <33> <049A>\nendbfchar\n";
    let content = "BT\n/F4 32 Tf\n<33> Tj\nET\nBT\n/F5 32 Tf\n[<01D9> 12 <000301DA>] TJ\nET\n";
    let mut pdf = Vec::new();
    let stream = |pdf: &mut Vec<u8>, id: u32, body: &str| {
        let z = deflate(body);
        let head = format!(
            "{id} 0 obj\n<</Filter /FlateDecode\n/Length {}>> stream\n",
            z.len()
        );
        pdf.extend_from_slice(head.as_bytes());
        pdf.extend_from_slice(&z);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
    };
    pdf.extend_from_slice(b"%PDF-1.4\n2 0 obj\n<</Type /Page\n/Resources <</Font <</F4 4 0 R\n/F5 5 0 R>>>>\n/MediaBox [0 0 595 842]\n/Contents 8 0 R>>\nendobj\n");
    pdf.extend_from_slice(b"4 0 obj\n<</Type /Font\n/ToUnicode 6 0 R>>\nendobj\n5 0 obj\n<</Type /Font\n/ToUnicode 7 0 R>>\nendobj\n");
    stream(&mut pdf, 6, cmap1);
    stream(&mut pdf, 7, cmap2);
    stream(&mut pdf, 8, content);
    assert_eq!(pdf_text(&pdf), "Қн о");
}

/// The PDF page boxes as Chromium writes them.
#[test]
fn media_boxes_are_read_from_a_pdf() {
    let pdf = b"<< /Type /Page /MediaBox [0 0 595.91998 842.88] >> << /MediaBox[0 0 612 792] >>";
    assert_eq!(media_boxes(pdf), vec![(595.91998, 842.88), (612.0, 792.0)]);
}
