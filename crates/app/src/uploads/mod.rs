//! Photos carry nothing hidden (security review M6). Every uploaded PNG or JPEG is decoded and
//! encoded again in its own format: what a camera or phone writes besides the pixels — EXIF
//! with the GPS position, the device and the owner's name, XMP, comments, text chunks,
//! thumbnails, colour profiles, data appended after the picture — is not carried over. The
//! EXIF orientation is applied first, so a phone photo stays upright. Photos are kept at most
//! [`PHOTO_MAX_SIDE`] pixels on their long side, and a photo whose header declares too many
//! pixels is refused before anything is decoded.
//!
//! Photos stored before this was done are re-encoded once by [`scrub`] (`qatysu uploads
//! scrub`, run by the first start after migration 21).

use crate::Result;
use domain::uploads::{declared_size_allowed, kept_size, Folder, PHOTO_MAX_SIDE};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use store::Db;
use tokio::sync::Semaphore;
use uuid::Uuid;

/// Why a photo was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    /// Its header declares more pixels than [`declared_size_allowed`] lets through (or decoding
    /// it would need more memory than a photo may): refused before it is decoded.
    #[error("the photo declares more pixels than allowed")]
    TooManyPixels,
    /// Not a PNG or JPEG that can be decoded.
    #[error("the photo cannot be read as PNG or JPEG")]
    Unreadable,
}

/// A photo decoded and encoded again: nothing but its pixels.
#[derive(Debug, Clone)]
pub struct CleanPhoto {
    pub bytes: Vec<u8>,
    /// `image/png` or `image/jpeg`: the format it came in.
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
}

/// What a decoder may allocate for one photo: a 50-megapixel photo with transparency fits.
const MAX_ALLOC: u64 = 256 * 1024 * 1024;
/// JPEG quality of the re-encoded photo.
const JPEG_QUALITY: u8 = 85;

/// PNG or JPEG, from the first bytes.
fn format_of(bytes: &[u8]) -> Option<ImageFormat> {
    match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Png | ImageFormat::Jpeg)) => Some(f),
        _ => None,
    }
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

fn refused(e: ImageError) -> PhotoError {
    match e {
        ImageError::Limits(_) => PhotoError::TooManyPixels,
        _ => PhotoError::Unreadable,
    }
}

/// Decode `bytes` (PNG or JPEG), turn it upright, shrink it to at most [`PHOTO_MAX_SIDE`] on
/// its long side and encode it again in the same format, without any metadata. The header's
/// dimensions are checked before any pixel is decoded. CPU work: call it off the async threads
/// ([`clean_photo_off_thread`]).
pub fn clean_photo(bytes: &[u8]) -> std::result::Result<CleanPhoto, PhotoError> {
    let format = format_of(bytes).ok_or(PhotoError::Unreadable)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    // Reads the header only.
    let mut decoder = reader.into_decoder().map_err(refused)?;
    let (width, height) = decoder.dimensions();
    if !declared_size_allowed(width, height) {
        return Err(PhotoError::TooManyPixels);
    }
    limits()
        .reserve(decoder.total_bytes())
        .map_err(|_| PhotoError::TooManyPixels)?;
    // A damaged EXIF block only loses the orientation.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(refused)?;
    picture.apply_orientation(orientation);
    let (w, h) = kept_size(picture.width(), picture.height());
    if (w, h) != (picture.width(), picture.height()) {
        picture = picture.resize_exact(w, h, FilterType::Triangle);
    }
    let mut out = Vec::new();
    let (written, content_type) = match format {
        ImageFormat::Png => (
            picture.write_with_encoder(PngEncoder::new_with_quality(
                &mut out,
                CompressionType::Default,
                PngFilter::Adaptive,
            )),
            "image/png",
        ),
        _ => (
            picture.write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)),
            "image/jpeg",
        ),
    };
    written.map_err(|_| PhotoError::Unreadable)?;
    Ok(CleanPhoto {
        bytes: out,
        content_type,
        width: w,
        height: h,
    })
}

/// Photos decoded at once, at most: each may take [`MAX_ALLOC`] of memory.
static DECODING: Semaphore = Semaphore::const_new(2);

/// [`clean_photo`] on the blocking pool, two at a time; a decoder that panics is a photo that
/// cannot be read, never a failed request.
pub async fn clean_photo_off_thread(bytes: Vec<u8>) -> std::result::Result<CleanPhoto, PhotoError> {
    let Ok(_permit) = DECODING.acquire().await else {
        return Err(PhotoError::Unreadable);
    };
    match tokio::task::spawn_blocking(move || clean_photo(&bytes)).await {
        Ok(outcome) => outcome,
        Err(e) => {
            tracing::warn!(error = %e, "decoding a photo failed");
            Err(PhotoError::Unreadable)
        }
    }
}

/// Does `bytes` hold nothing but what [`clean_photo`] writes, at a size it keeps? Then it is
/// left as it is (a JPEG encoded again loses a little each time).
pub fn is_clean(bytes: &[u8]) -> bool {
    let structure = match format_of(bytes) {
        Some(ImageFormat::Png) => png_is_bare(bytes),
        Some(ImageFormat::Jpeg) => jpeg_is_bare(bytes),
        _ => false,
    };
    structure
        && ImageReader::with_format(
            Cursor::new(bytes),
            format_of(bytes).unwrap_or(ImageFormat::Png),
        )
        .into_dimensions()
        .is_ok_and(|(w, h)| w.max(h) <= PHOTO_MAX_SIDE)
}

/// A PNG of the chunks the encoder writes only (header, palette, transparency, pixels, end),
/// with nothing after its end.
fn png_is_bare(bytes: &[u8]) -> bool {
    let mut at = 8;
    loop {
        let Some(head) = bytes.get(at..at + 8) else {
            return false;
        };
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let kind = &head[4..8];
        if !matches!(kind, b"IHDR" | b"PLTE" | b"tRNS" | b"IDAT" | b"IEND") {
            return false;
        }
        at = match at.checked_add(12).and_then(|a| a.checked_add(len)) {
            Some(next) if next <= bytes.len() => next,
            _ => return false,
        };
        if kind == b"IEND" {
            return at == bytes.len();
        }
    }
}

/// A JPEG of the segments the encoder writes only (a JFIF header without a thumbnail, tables,
/// one frame, one scan), ending with its end marker and nothing after it.
fn jpeg_is_bare(bytes: &[u8]) -> bool {
    let mut at = 2;
    // The segments before the scan.
    loop {
        let (Some(0xff), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return false;
        };
        let Some(len) = bytes
            .get(at + 2..at + 4)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
        else {
            return false;
        };
        let body = bytes.get(at + 4..at + 2 + len).unwrap_or(&[]);
        let allowed = match marker {
            // JFIF, 16 bytes long: no thumbnail.
            0xe0 => len == 16 && body.starts_with(b"JFIF\0"),
            // Quantisation and Huffman tables, restart interval, a baseline or progressive
            // frame, and the scan's own header.
            0xdb | 0xc4 | 0xdd | 0xc0 | 0xc1 | 0xc2 | 0xda => true,
            _ => false,
        };
        if !allowed || len < 2 || at + 2 + len > bytes.len() {
            return false;
        }
        at += 2 + len;
        if marker == 0xda {
            break;
        }
    }
    // The entropy-coded data: only stuffed bytes and restart markers until the end marker,
    // which ends the file (a second scan, a comment or an appended video is not bare).
    let scan = bytes.get(at..).unwrap_or(&[]);
    let mut i = 0;
    while i + 1 < scan.len() {
        if scan[i] != 0xff {
            i += 1;
            continue;
        }
        match scan[i + 1] {
            0x00 | 0xd0..=0xd7 => i += 2,
            0xff => i += 1,
            0xd9 => return i + 2 == scan.len(),
            _ => return false,
        }
    }
    false
}

/// What [`scrub`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScrubReport {
    /// Photos re-encoded.
    pub scrubbed: usize,
    /// Photos that carried nothing to remove.
    pub unchanged: usize,
    /// Photos missing or unreadable, each as `folder/id: why`, left as they were.
    pub failed: Vec<String>,
}

/// Re-encode every stored photo (PB proposals, land reports, projects and monitoring reports,
/// initiative attachments) that still carries anything besides its pixels or is larger than
/// kept, in place under `uploads/<folder>/<id>`, and record its new size. Photos already clean
/// are left alone, so running it again changes nothing.
pub async fn scrub(db: &Db, uploads: &Path) -> Result<ScrubReport> {
    let mut report = ScrubReport::default();
    for folder in Folder::ALL {
        for (id, _) in store::uploads::photos(db, folder).await? {
            let path = uploads.join(folder.as_str()).join(id.to_string());
            // A decoder that panics fails this photo, not the others.
            let done = tokio::task::spawn_blocking(move || scrub_file(&path))
                .await
                .unwrap_or_else(|e| Err(format!("the decoder failed: {e}")));
            match done {
                Ok(Some(size)) => {
                    store::uploads::set_size(db, folder, id, size).await?;
                    report.scrubbed += 1;
                }
                Ok(None) => report.unchanged += 1,
                Err(why) => report
                    .failed
                    .push(format!("{}/{id}: {why}", folder.as_str())),
            }
        }
    }
    tracing::info!(
        scrubbed = report.scrubbed,
        unchanged = report.unchanged,
        failed = report.failed.len(),
        "stored photos scrubbed"
    );
    Ok(report)
}

/// Run [`scrub`] if a migration asked for it, then clear the request (a photo that failed stays
/// as it was and is named in the log). `None` when nothing was asked.
pub async fn scrub_if_pending(db: &Db, uploads: &Path) -> Result<Option<ScrubReport>> {
    if !store::uploads::scrub_pending(db).await? {
        return Ok(None);
    }
    let report = scrub(db, uploads).await?;
    for f in &report.failed {
        tracing::warn!(photo = %f, "a stored photo could not be scrubbed");
    }
    store::uploads::clear_scrub_pending(db).await?;
    Ok(Some(report))
}

/// Re-encode one stored file in place: `None` if it was already clean, else its new size.
fn scrub_file(path: &Path) -> std::result::Result<Option<i64>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if is_clean(&bytes) {
        return Ok(None);
    }
    let clean = clean_photo(&bytes).map_err(|e| e.to_string())?;
    replace(path, &clean.bytes).map_err(|e| format!("cannot write: {e}"))?;
    Ok(Some(clean.bytes.len() as i64))
}

/// Write `bytes` beside `path` (readable by the owner only), then move it over `path`: a reader
/// sees the old file or the new one, never half of one.
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp: PathBuf = path.with_file_name(format!(".{name}.{}.scrub", Uuid::now_v7()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    match written.and_then(|()| std::fs::rename(&tmp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests;
