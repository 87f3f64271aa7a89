//! Security review M6: the pure re-encoding of photos.

use super::*;
use image::{ImageEncoder, Rgb, RgbImage};

const MARKER: &str = "Artist=Whistleblower Aibek Testov; GPSLatitude=52/1,8/1,0/1";

fn picture(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 128]))
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(picture(w, h).as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .expect("encode");
    out
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(picture(w, h).as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .expect("encode");
    out
}

/// A big-endian EXIF block: the orientation, and an Artist string carrying [`MARKER`].
fn exif(orientation: u16) -> Vec<u8> {
    let text = format!("{MARKER}\0");
    let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
    t.extend_from_slice(&2u16.to_be_bytes());
    // Orientation (0x0112), SHORT, 1, value.
    t.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    t.extend_from_slice(&orientation.to_be_bytes());
    t.extend_from_slice(&[0, 0]);
    // Artist (0x013b), ASCII, count, offset just after this IFD.
    let offset = 8 + 2 + 2 * 12 + 4;
    t.extend_from_slice(&[0x01, 0x3b, 0, 2]);
    t.extend_from_slice(&(text.len() as u32).to_be_bytes());
    t.extend_from_slice(&(offset as u32).to_be_bytes());
    t.extend_from_slice(&[0, 0, 0, 0]);
    t.extend_from_slice(text.as_bytes());
    t
}

/// `jpeg` with an APP1 Exif segment right after its start marker.
fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut body = b"Exif\0\0".to_vec();
    body.extend(exif(orientation));
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xff, 0xe1]);
    out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    out.extend(body);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    let mut typed = kind.to_vec();
    typed.extend_from_slice(data);
    c.extend_from_slice(&typed);
    c.extend_from_slice(&crc32(&typed).to_be_bytes());
    c
}

/// `png` with a tEXt chunk carrying [`MARKER`] right after its header chunk.
fn with_text(png: &[u8]) -> Vec<u8> {
    let ihdr_end = 8 + 25;
    let mut out = png[..ihdr_end].to_vec();
    out.extend(chunk(b"tEXt", format!("Author\0{MARKER}").as_bytes()));
    out.extend_from_slice(&png[ihdr_end..]);
    out
}

/// A PNG whose header declares `w` × `h` pixels, with a few bytes of (bad) pixel data.
fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    out.extend(chunk(b"IHDR", &ihdr));
    out.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1]));
    out.extend(chunk(b"IEND", &[]));
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Security review M6: a JPEG's EXIF (the owner's name, the GPS position) does not survive;
/// its orientation is applied first, so the photo stays upright.
#[test]
fn a_jpeg_loses_its_exif_and_is_turned_upright() {
    let raw = with_exif(&jpeg(30, 10), 6);
    assert!(contains(&raw, MARKER.as_bytes()) && !is_clean(&raw));
    let clean = clean_photo(&raw).expect("a good photo");
    assert_eq!(clean.content_type, "image/jpeg");
    assert!(!contains(&clean.bytes, b"Whistleblower"));
    assert!(!contains(&clean.bytes, b"GPS"));
    assert!(!contains(&clean.bytes, b"Exif"));
    // Orientation 6: the camera was held turned a quarter; the photo is stored upright.
    assert_eq!((clean.width, clean.height), (10, 30));
    let back = image::load_from_memory(&clean.bytes).expect("decodes");
    assert_eq!((back.width(), back.height()), (10, 30));
    assert!(is_clean(&clean.bytes), "the scrub leaves it alone");
}

/// Security review M6: a PNG's text chunks do not survive, and a PNG stays a PNG.
#[test]
fn a_png_loses_its_text_chunks() {
    let raw = with_text(&png(40, 20));
    assert!(contains(&raw, MARKER.as_bytes()) && !is_clean(&raw));
    let clean = clean_photo(&raw).expect("a good photo");
    assert_eq!(clean.content_type, "image/png");
    assert!(!contains(&clean.bytes, b"Whistleblower") && !contains(&clean.bytes, b"tEXt"));
    assert_eq!((clean.width, clean.height), (40, 20));
    assert!(is_clean(&clean.bytes));
    let back = image::load_from_memory(&clean.bytes).expect("decodes");
    assert_eq!(back.to_rgb8(), picture(40, 20), "PNG stays lossless");
}

/// Security review M6: photos are kept at most 2,048 pixels on their long side.
#[test]
fn large_photos_shrink_to_2048_on_the_long_side() {
    let clean = clean_photo(&jpeg(3000, 1000)).expect("a good photo");
    assert_eq!((clean.width, clean.height), (2048, 683));
    let back = image::load_from_memory(&clean.bytes).expect("decodes");
    assert_eq!((back.width(), back.height()), (2048, 683));
    let tall = clean_photo(&png(500, 2500)).expect("a good photo");
    assert_eq!((tall.width, tall.height), (410, 2048));
    assert!(!is_clean(&jpeg(3000, 1000)), "too large is not clean");
}

/// Security review M6: a header declaring a huge picture is refused before decoding.
#[test]
fn decompression_bombs_are_refused_by_their_header() {
    let started = std::time::Instant::now();
    assert_eq!(
        clean_photo(&png_declaring(100_000, 100_000)).err(),
        Some(PhotoError::TooManyPixels)
    );
    // Each side allowed, the area not.
    assert_eq!(
        clean_photo(&png_declaring(15_000, 15_000)).err(),
        Some(PhotoError::TooManyPixels)
    );
    // A JPEG frame header declaring 65,000 × 65,000.
    let mut j = jpeg(8, 8);
    let sof = j
        .windows(2)
        .position(|w| w == [0xff, 0xc0])
        .expect("a frame header");
    j[sof + 5..sof + 9].copy_from_slice(&[0xfd, 0xe8, 0xfd, 0xe8]);
    assert_eq!(clean_photo(&j).err(), Some(PhotoError::TooManyPixels));
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
}

#[test]
fn what_is_not_a_photo_is_unreadable() {
    assert_eq!(
        clean_photo(b"%PDF-1.4 x").err(),
        Some(PhotoError::Unreadable)
    );
    assert_eq!(
        clean_photo(&[0xff, 0xd8, 0xff, 0xe0, 0, 16, b'J', b'F']).err(),
        Some(PhotoError::Unreadable)
    );
    assert_eq!(
        clean_photo(&png_declaring(10, 10)).err(),
        Some(PhotoError::Unreadable)
    );
    assert!(!is_clean(b"%PDF-1.4 x"));
}

/// What the scrub leaves alone: only what the encoder itself writes.
#[test]
fn only_bare_photos_are_clean() {
    let bare = clean_photo(&jpeg(64, 48)).expect("clean").bytes;
    assert!(is_clean(&bare));
    let mut appended = bare.clone();
    appended.extend_from_slice(b"ftypmp42 a motion photo's video");
    assert!(!is_clean(&appended));
    let mut comment = bare[..2].to_vec();
    comment.extend_from_slice(&[0xff, 0xfe, 0, 7, b'h', b'e', b'l', b'l', b'o']);
    comment.extend_from_slice(&bare[2..]);
    assert!(!is_clean(&comment));
    let png_bare = clean_photo(&png(16, 16)).expect("clean").bytes;
    assert!(is_clean(&png_bare));
    let mut after_end = png_bare.clone();
    after_end.extend_from_slice(b"hidden");
    assert!(!is_clean(&after_end));
}
