//! Photos of PB proposals: added by the author while the proposal may be edited and by the
//! territory's coordinators, checked by content, size and count before anything is stored,
//! served inline, removed with their files. Runs on SQLite, and on PostgreSQL when
//! `QATYSU_TEST_DATABASE_URL` is set.

use crate::support::{photos, Client, Page, TestApp};
use domain::Role;
use reqwest::StatusCode;
use uuid::Uuid;

/// A valid 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xd0, 0x6a, 0xb0, 0x07,
    0x00, 0x01, 0xc1, 0x00, 0xea, 0x81, 0x75, 0xdf, 0xc3, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];
/// A real JPEG (photos are decoded, so the first bytes alone no longer pass).
static JPEG: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| photos::jpeg(8, 6));

const TITLE: &str = "Саябақтағы орындықтар";

/// A cycle of the demo okrug, collecting proposals now.
async fn collecting_cycle(app: &TestApp) -> Uuid {
    crate::support::pages::collecting_cycle(app, 2037, 3).await
}

async fn propose(r: &Client, cycle: Uuid) -> Uuid {
    let res = r
        .submit(
            &format!("/pb/{cycle}/proposals/new"),
            &format!("/pb/{cycle}/proposals"),
            &[
                ("title", TITLE),
                (
                    "description",
                    "Саябаққа жаңа орындықтар мен қоқыс жәшіктерін орнату керек, қазіргілері сынған.",
                ),
                ("category", "water_sewerage"),
                ("village", "114435200"),
                ("place", "Орталық саябақ, мектептің жанында"),
                ("cost_label_0", "Орындықтар"),
                ("cost_amount_0", "1 500 000"),
                ("pledge_money", ""),
                ("pledge_labour_days", "0"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id = res
        .location()
        .trim_start_matches("/pb/proposals/")
        .split('?')
        .next()
        .unwrap_or("")
        .to_string();
    Uuid::parse_str(&id).expect("proposal id")
}

/// A multipart form as a browser sends it: the CSRF token in the action URL, files named `file`.
async fn multipart(c: &Client, path: &str, token: &str, files: &[(&str, &[u8])]) -> Page {
    let path = format!("{path}?lang=en");
    c.multipart(&path, Some(token), &[], "file", files).await
}

async fn upload(c: &Client, pid: Uuid, token: &str, files: &[(&str, &[u8])]) -> Page {
    multipart(c, &format!("/pb/proposals/{pid}/photos"), token, files).await
}

async fn token(c: &Client, pid: Uuid) -> String {
    c.get(&format!("/pb/proposals/{pid}?lang=en")).await.csrf()
}

async fn rows(app: &TestApp, pid: Uuid) -> Vec<store::pb::photos::Photo> {
    store::pb::photos::list(&app.db, pid).await.expect("photos")
}

fn stored_files(app: &TestApp) -> usize {
    std::fs::read_dir(app.data.join("uploads/pb-photos"))
        .map(|d| d.count())
        .unwrap_or(0)
}

/// The photo addresses on a proposal page, in order.
fn photo_links(page: &Page, pid: Uuid) -> Vec<String> {
    let prefix = format!("<img src=\"/pb/proposals/{pid}/photos/");
    page.body
        .split(&prefix)
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|fid| format!("/pb/proposals/{pid}/photos/{fid}"))
        .collect()
}

async fn register_neighbour(app: &TestApp) -> Client {
    let c = app.client();
    let reg = c
        .submit(
            "/register",
            "/register",
            &[
                ("name", "Көрші Тұрғын"),
                ("contact", "korshi@mail.kz"),
                ("iin", "850315400025"),
                ("village", "114435200"),
                ("password", "таза-ауа-2026"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(reg.status, StatusCode::SEE_OTHER, "{}", reg.body);
    c
}

#[tokio::test]
async fn authors_add_photos_checked_before_storing_and_see_them_on_the_page() {
    let app = TestApp::with_people().await;
    let cycle = collecting_cycle(&app).await;
    let r = app.login_as(Role::Resident).await;
    let pid = propose(&r, cycle).await;
    let page = r.get(&format!("/pb/proposals/{pid}?lang=en")).await;
    assert!(page.has("enctype=\"multipart/form-data\"") && page.has("Add photos"));
    assert!(page.has("Up to 4 photos per proposal"));
    let t = page.csrf();

    // Without the token: refused.
    assert_eq!(
        upload(&r, pid, "", &[("a.png", PNG)]).await.status,
        StatusCode::FORBIDDEN
    );
    // A text file renamed .png: refused by content, said on the page, nothing stored.
    let text = upload(
        &r,
        pid,
        &t,
        &[("photo.png", b"just some text, not an image\n")],
    )
    .await;
    assert_eq!(text.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text.has("Only PNG and JPEG photos are accepted. Nothing was saved."));
    assert!(
        text.has(TITLE) && text.has("Орындықтар"),
        "the rest of the page is intact"
    );
    // A PDF is a file the platform takes elsewhere, but not as a photo.
    let pdf = upload(&r, pid, &t, &[("a.png", b"%PDF-1.4 x")]).await;
    assert_eq!(pdf.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Too big: refused while reading.
    let mut big = PNG.to_vec();
    big.resize(5 * 1024 * 1024 + 10, 0);
    let res = upload(&r, pid, &t, &[("big.png", &big)]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.has("at most 5 MB per photo"));
    assert!(rows(&app, pid).await.is_empty());
    assert_eq!(stored_files(&app), 0);

    // A PNG and a JPEG in one form.
    let ok = upload(
        &r,
        pid,
        &t,
        &[("саябақ.png", PNG), ("oryndyq.jpg", JPEG.as_slice())],
    )
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(rows(&app, pid).await.len(), 2);
    assert_eq!(stored_files(&app), 2);
    let page = r
        .get(&format!("/pb/proposals/{pid}?ok=pb-photo-added&lang=en"))
        .await;
    assert!(page.has("The photos have been added."));
    assert!(page.has(&format!("alt=\"{TITLE} — photo 1\"")));
    assert!(page.has(&format!("alt=\"{TITLE} — photo 2\"")));
    assert_eq!(page.body.matches("loading=\"lazy\"").count(), 2);
    let links = photo_links(&page, pid);
    assert_eq!(links.len(), 2);
    // Anyone sees them, with their type, inline, the same pictures (re-encoded).
    let public = app.client();
    let sent = [(PNG, "image/png"), (JPEG.as_slice(), "image/jpeg")];
    for (link, (bytes, kind)) in links.iter().zip(sent) {
        let res = public
            .http
            .get(format!("{}{link}", public.base))
            .send()
            .await
            .expect("photo");
        assert_eq!(res.status(), StatusCode::OK);
        let header = |h: &str| {
            res.headers()
                .get(h)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        assert_eq!(header("content-type"), kind);
        assert!(header("content-disposition").starts_with("inline; filename=\"photo-"));
        assert_eq!(header("x-content-type-options"), "nosniff");
        let served = res.bytes().await.expect("bytes");
        assert_eq!(photos::size_of(&served), photos::size_of(bytes));
    }
    // The Russian and Kazakh pages describe the photos in their language.
    let ru = public.get(&format!("/pb/proposals/{pid}?lang=ru")).await;
    assert!(ru.has("Фотографии") && ru.has(&format!("{TITLE} — фото 2")));
    let kk = public.get(&format!("/pb/proposals/{pid}?lang=kk")).await;
    assert!(kk.has("Фотосуреттер") && kk.has(&format!("{TITLE} — 1-фотосурет")));
    // The public sees no upload or remove forms.
    assert!(!kk.has("enctype=\"multipart/form-data\"") && !kk.has("/remove\""));

    // Three more would make five: refused, none of them kept.
    let three = upload(
        &r,
        pid,
        &t,
        &[("1.png", PNG), ("2.png", PNG), ("3.png", PNG)],
    )
    .await;
    assert_eq!(three.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(three.has("A proposal may have at most 4 photos. Nothing was saved."));
    assert_eq!(rows(&app, pid).await.len(), 2);
    assert_eq!(stored_files(&app), 2);
    // Two more fill it; then the form goes and a fifth is refused.
    let two = upload(&r, pid, &t, &[("3.png", PNG), ("4.jpg", JPEG.as_slice())]).await;
    assert_eq!(two.status, StatusCode::SEE_OTHER, "{}", two.body);
    let full = r.get(&format!("/pb/proposals/{pid}?lang=en")).await;
    assert!(!full.has("Add photos"));
    assert_eq!(photo_links(&full, pid).len(), 4);
    // The cycle's list of proposals says how many photos each has.
    assert!(public
        .get(&format!("/pb/{cycle}?lang=en"))
        .await
        .has("· 4 photos"));
    let fifth = upload(&r, pid, &t, &[("5.png", PNG)]).await;
    assert_eq!(fifth.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(fifth.has("at most 4 photos"));
    assert_eq!(rows(&app, pid).await.len(), 4);
    assert_eq!(stored_files(&app), 4);

    // The author removes one: the record and the file go.
    let gone = rows(&app, pid).await[0].id;
    let res = r
        .post(
            &format!("/pb/proposals/{pid}/photos/{gone}/remove"),
            &[("csrf", &t)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(rows(&app, pid).await.len(), 3);
    assert_eq!(stored_files(&app), 3);
    assert!(!app.data.join(format!("uploads/pb-photos/{gone}")).exists());
    assert_eq!(
        public
            .get(&format!("/pb/proposals/{pid}/photos/{gone}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A photo of another proposal is not reachable under this one.
    let other = Uuid::nil();
    assert_eq!(
        public
            .get(&format!(
                "/pb/proposals/{other}/photos/{}",
                rows(&app, pid).await[0].id
            ))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn only_the_author_while_editable_and_the_territorys_coordinators_change_photos() {
    let app = TestApp::with_people().await;
    let cycle = collecting_cycle(&app).await;
    let r = app.login_as(Role::Resident).await;
    let pid = propose(&r, cycle).await;
    let t = token(&r, pid).await;
    assert_eq!(
        upload(&r, pid, &t, &[("a.png", PNG)]).await.status,
        StatusCode::SEE_OTHER
    );
    let first = rows(&app, pid).await[0].id;

    // A neighbour who is not the author: neither adds nor removes.
    let n = register_neighbour(&app).await;
    let nt = token(&n, pid).await;
    assert!(!n
        .get(&format!("/pb/proposals/{pid}?lang=en"))
        .await
        .has("Add photos"));
    let res = upload(&n, pid, &nt, &[("b.png", PNG)]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.has("Only the author"));
    let res = n
        .post(
            &format!("/pb/proposals/{pid}/photos/{first}/remove"),
            &[("csrf", &nt)],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // Not signed in: nothing either.
    let anon = app.client();
    let at = anon
        .get(&format!("/pb/proposals/{pid}"))
        .await
        .csrf_or_empty();
    let res = upload(&anon, pid, &at, &[("c.png", PNG)]).await;
    assert!(
        !res.status.is_success() && !res.location().starts_with("/pb/"),
        "{}",
        res.status
    );
    assert_eq!(rows(&app, pid).await.len(), 1);
    assert_eq!(stored_files(&app), 1);

    // The coordinator of the territory adds one (say, from the paper form).
    let coord = app.login_as(Role::Coordinator).await;
    let ct = token(&coord, pid).await;
    let res = upload(&coord, pid, &ct, &[("qagaz.jpg", JPEG.as_slice())]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(rows(&app, pid).await.len(), 2);

    // Review starts: the author may no longer add or remove, and is told why.
    let cycle_page = coord.get(&format!("/pb/{cycle}?lang=en")).await;
    let moved = coord
        .post(
            &format!("/pb/{cycle}/stage"),
            &[("csrf", &cycle_page.csrf()), ("to", "review")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let page = r.get(&format!("/pb/proposals/{pid}?lang=en")).await;
    assert!(!page.has("Add photos") && !page.has("/remove\""));
    let res = upload(&r, pid, &t, &[("late.png", PNG)]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.has("Only the author (while the proposal may still be edited)"));
    assert!(res.has(TITLE), "the refusal is shown on the proposal page");
    let res = r
        .post(
            &format!("/pb/proposals/{pid}/photos/{first}/remove"),
            &[("csrf", &t)],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(rows(&app, pid).await.len(), 2);
    assert_eq!(stored_files(&app), 2);

    // The coordinator still can, and removing deletes the file.
    let res = upload(&coord, pid, &ct, &[("b.png", PNG)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = coord
        .post(
            &format!("/pb/proposals/{pid}/photos/{first}/remove"),
            &[("csrf", &ct)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(rows(&app, pid).await.len(), 2);
    assert_eq!(stored_files(&app), 2);
    assert!(!app.data.join(format!("uploads/pb-photos/{first}")).exists());
    // The positions keep the order photos were added in.
    let positions: Vec<i64> = rows(&app, pid).await.iter().map(|p| p.position).collect();
    assert_eq!(positions, vec![1, 2]);
}

#[tokio::test]
async fn the_limit_holds_in_the_store_under_concurrent_uploads() {
    let app = TestApp::with_people().await;
    let cycle = collecting_cycle(&app).await;
    let r = app.login_as(Role::Resident).await;
    let pid = propose(&r, cycle).await;
    let author = store::pb::proposals::get(&app.db, pid)
        .await
        .expect("q")
        .and_then(|p| p.author_id)
        .expect("author");
    let photo = |_: usize| store::pb::photos::NewPhoto {
        id: store::new_id(),
        content_type: "image/png".into(),
        size: 10,
    };
    let mut tasks = Vec::new();
    for i in 0..6 {
        let db = app.db.clone();
        let batch = vec![photo(i)];
        tasks.push(tokio::spawn(async move {
            store::pb::photos::add(&db, pid, &batch, author, 4, crate::support::now()).await
        }));
    }
    let mut ok = 0;
    for t in tasks {
        if matches!(t.await.expect("join"), Ok(Ok(()))) {
            ok += 1;
        }
    }
    assert_eq!(ok, 4);
    assert_eq!(rows(&app, pid).await.len(), 4);
    // A batch that would pass the limit is refused whole.
    let refused =
        store::pb::photos::add(&app.db, pid, &[photo(9)], author, 4, crate::support::now())
            .await
            .expect("q");
    assert_eq!(refused, Err(store::pb::photos::Refused::TooMany(4)));
}

/// Security review M6: a PNG's text chunk (the author, the place) is not served, nor the name
/// it was uploaded with; a photo 3,000 pixels wide comes back 2,048 wide, the same shape; a
/// JPEG with EXIF and GPS loses them.
#[tokio::test]
async fn proposal_photos_are_served_without_metadata_names_or_excess_pixels() {
    let app = TestApp::with_people().await;
    let cycle = collecting_cycle(&app).await;
    let r = app.login_as(Role::Resident).await;
    let pid = propose(&r, cycle).await;
    let t = token(&r, pid).await;
    let text_png = photos::with_text(&photos::png(64, 48));
    let exif_jpeg = photos::with_exif(&photos::jpeg(3000, 1000));
    assert!(photos::contains(&text_png, b"Whistleblower"));
    let ok = upload(
        &r,
        pid,
        &t,
        &[
            ("Aibek_Testov_family.png", &text_png),
            ("IMG_20261201_AibekTestov_home.jpg", &exif_jpeg),
        ],
    )
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let public = app.client();
    let page = public.get(&format!("/pb/proposals/{pid}?lang=en")).await;
    assert!(!page.has("Aibek") && !page.has("IMG_2026"));
    let links = photo_links(&page, pid);
    assert_eq!(links.len(), 2);
    let mut sizes = Vec::new();
    for (link, ext) in links.iter().zip(["png", "jpg"]) {
        let res = public
            .http
            .get(format!("{}{link}", public.base))
            .send()
            .await
            .expect("photo");
        assert_eq!(res.status(), StatusCode::OK);
        let fid = link.rsplit('/').next().unwrap_or("");
        assert_eq!(
            res.headers()
                .get("content-disposition")
                .and_then(|v| v.to_str().ok()),
            Some(format!("inline; filename=\"photo-{fid}.{ext}\"").as_str())
        );
        let served = res.bytes().await.expect("bytes");
        for hidden in [&b"Whistleblower"[..], b"Aibek", b"tEXt", b"Exif", b"GPS"] {
            assert!(
                !photos::contains(&served, hidden),
                "{link}: metadata served"
            );
        }
        sizes.push(photos::size_of(&served));
    }
    assert_eq!(sizes, [(64, 48), (2048, 683)]);
    // The recorded size is what is stored, not what was sent.
    let recorded = rows(&app, pid).await;
    assert!(recorded[1].size < exif_jpeg.len() as i64);

    // A header declaring 100,000 × 100,000 pixels: refused, said on the page, nothing stored.
    let bomb = upload(
        &r,
        pid,
        &t,
        &[("huge.png", &photos::png_declaring(100_000, 100_000))],
    )
    .await;
    assert_eq!(bomb.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bomb.has("The photo has too many pixels"));
    assert_eq!(rows(&app, pid).await.len(), 2);
    assert_eq!(stored_files(&app), 2);
}
