//! Attachments of initiatives: uploaded as multipart forms, checked by content and size before
//! anything is stored, downloaded by whoever can see the initiative.

use crate::support::{Client, Page, TestApp};
use domain::Role;
use reqwest::StatusCode;

async fn new_initiative(c: &Client) -> String {
    let res = c
        .submit(
            "/initiatives/new",
            "/initiatives",
            &[
                ("territory", "114435000"),
                ("addressee", "akim"),
                ("title", "Ауылға жаңа аялдама"),
                (
                    "ask",
                    "Автобус аялдамасын салу және оған шатыр орнату керек.",
                ),
                (
                    "reasons",
                    "Қыста адамдар далада ұзақ күтеді, балалар мен қарттар тоңады.",
                ),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.location()
        .trim_start_matches("/initiatives/")
        .split('?')
        .next()
        .unwrap_or("")
        .to_string()
}

/// Send a file as a browser does: multipart, the CSRF token in the form's action URL.
async fn upload(c: &Client, id: &str, name: &str, bytes: &[u8], token: Option<&str>) -> Page {
    let path = format!("/initiatives/{id}/attachments");
    c.multipart(&path, token, &[], "file", &[(name, bytes)])
        .await
}

fn stored_files(app: &TestApp) -> usize {
    std::fs::read_dir(app.data.join("uploads/initiatives"))
        .map(|d| d.count())
        .unwrap_or(0)
}

/// Uploads are personal data: the folders and files are the server user's alone.
fn owner_only(dir: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| {
            std::fs::metadata(p)
                .map(|m| m.permissions().mode() & 0o777)
                .unwrap_or(0)
        };
        assert_eq!(mode(dir), 0o700, "{}", dir.display());
        assert_eq!(mode(dir.parent().expect("uploads")), 0o700);
        for f in std::fs::read_dir(dir).expect("read").flatten() {
            assert_eq!(mode(&f.path()), 0o600, "{}", f.path().display());
        }
    }
}

#[tokio::test]
async fn an_author_attaches_a_pdf_and_bad_files_are_refused_before_storing() {
    let app = TestApp::with_people().await;
    let r = app.login_as(Role::Resident).await;
    let id = new_initiative(&r).await;
    let page = r.get(&format!("/initiatives/{id}?lang=en")).await;
    assert!(page.has("enctype=\"multipart/form-data\"") && page.has("Attach a file"));
    let token = page.csrf();

    // Without the token: refused.
    assert_eq!(
        upload(&r, &id, "a.pdf", b"%PDF-1.4 x", None).await.status,
        StatusCode::FORBIDDEN
    );
    // Not a PDF or image (an executable renamed to .pdf): refused, nothing stored.
    let exe = upload(&r, &id, "smeta.pdf", b"MZ\x90\x00\x03\x00", Some(&token)).await;
    assert_eq!(exe.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(exe.body.contains("Only PDF, JPEG and PNG"));
    // Too big: refused while reading, nothing stored.
    let big = vec![b'%'; 5 * 1024 * 1024 + 10];
    let res = upload(&r, &id, "big.pdf", &big, Some(&token)).await;
    assert!(
        res.status == StatusCode::PAYLOAD_TOO_LARGE
            || res.status == StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        res.status
    );
    assert_eq!(stored_files(&app), 0);
    assert!(
        store::initiatives::attachments::of(&app.db, uuid::Uuid::parse_str(&id).expect("id"))
            .await
            .expect("q")
            .is_empty()
    );

    // A real PDF: stored and listed; the download gives the same bytes.
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    let ok = upload(&r, &id, "смета.pdf", pdf, Some(&token)).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(stored_files(&app), 1);
    owner_only(&app.data.join("uploads/initiatives"));
    let page = r
        .get(&format!(
            "/initiatives/{id}?ok=initiatives-attach-added&lang=en"
        ))
        .await;
    assert!(page.has("The file has been attached.") && page.has("Document 1"));
    assert!(
        !page.has("смета"),
        "the name it was uploaded with is not kept"
    );
    let href = page
        .body
        .split(&format!("/initiatives/{id}/attachments/"))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("")
        .to_string();
    let file = r
        .http
        .get(format!("{}/initiatives/{id}/attachments/{href}", r.base))
        .send()
        .await
        .expect("download");
    assert_eq!(
        file.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    assert!(file
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .starts_with(&format!("attachment; filename=\"document-{href}.pdf\"")));
    assert_eq!(file.bytes().await.expect("bytes").as_ref(), pdf);

    // Someone else cannot attach to it (a draft is not even visible to them).
    let other = app.login_as(Role::Deputy).await;
    let token = other.get("/account").await.csrf();
    let status = upload(&other, &id, "x.pdf", pdf, Some(&token)).await.status;
    assert!(
        status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
        "{status}"
    );
    assert_eq!(stored_files(&app), 1);
}

/// Security review M6: files are listed and sent under generated names, never the names they
/// were uploaded with; the form warns that a PDF is published as it is; an attached photo is
/// re-encoded without its EXIF.
#[tokio::test]
async fn attachments_are_named_by_id_and_the_form_warns_about_pdf_metadata() {
    let app = TestApp::with_people().await;
    let r = app.login_as(Role::Resident).await;
    let id = new_initiative(&r).await;
    let page = r.get(&format!("/initiatives/{id}?lang=en")).await;
    assert!(page.has("A PDF is published as it is"));
    let ru = r.get(&format!("/initiatives/{id}?lang=ru")).await;
    assert!(ru.has("PDF публикуется как есть"));
    let token = page.csrf();
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    let ok = upload(&r, &id, "Aibek_Testov_petition.pdf", pdf, Some(&token)).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let photo = crate::support::photos::with_exif(&crate::support::photos::jpeg(32, 24));
    let ok = upload(&r, &id, "IMG_AibekTestov.jpg", &photo, Some(&token)).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let page = r.get(&format!("/initiatives/{id}?lang=en")).await;
    assert!(page.has("Document 1") && page.has("Photo 1"));
    assert!(!page.has("Aibek"), "no uploaded name is shown");
    let hrefs: Vec<String> = page
        .body
        .split(&format!("/initiatives/{id}/attachments/"))
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect();
    assert_eq!(hrefs.len(), 2);
    for (aid, name) in hrefs.iter().zip(["document", "photo"]) {
        let file = r
            .http
            .get(format!("{}/initiatives/{id}/attachments/{aid}", r.base))
            .send()
            .await
            .expect("download");
        let disposition = file
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let ext = if name == "photo" { "jpg" } else { "pdf" };
        assert_eq!(
            disposition,
            format!("attachment; filename=\"{name}-{aid}.{ext}\"")
        );
        let bytes = file.bytes().await.expect("bytes");
        assert!(!crate::support::photos::contains(&bytes, b"Whistleblower"));
    }
}
