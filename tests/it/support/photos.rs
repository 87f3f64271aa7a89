//! Real photos for upload tests (uploads are decoded, so a few magic bytes no longer pass),
//! and photos carrying what a phone hides in them (security review M6): an EXIF block with
//! the owner's name and the GPS position, a PNG text chunk, a header declaring a huge picture.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ExtendedColorType, ImageEncoder, Rgb, RgbImage};

/// What the hidden metadata says; must never be served back.
pub const MARKER: &str = "Artist=Whistleblower Aibek Testov; GPSLatitude=52/1,8/1,0/1";

fn picture(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 96]))
}

/// A real JPEG of `w` × `h`.
pub fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(picture(w, h).as_raw(), w, h, ExtendedColorType::Rgb8)
        .expect("encode a JPEG");
    out
}

/// A real PNG of `w` × `h`.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(picture(w, h).as_raw(), w, h, ExtendedColorType::Rgb8)
        .expect("encode a PNG");
    out
}

/// `jpeg` with an APP1 Exif block right after its start: Artist and GPS (as [`MARKER`]).
pub fn with_exif(jpeg: &[u8]) -> Vec<u8> {
    let text = format!("{MARKER}\0");
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&1u16.to_be_bytes());
    // Artist (0x013b), ASCII, its length, at the offset just after this one-entry IFD.
    tiff.extend_from_slice(&[0x01, 0x3b, 0, 2]);
    tiff.extend_from_slice(&(text.len() as u32).to_be_bytes());
    tiff.extend_from_slice(&(8u32 + 2 + 12 + 4).to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff.extend_from_slice(text.as_bytes());
    let mut body = b"Exif\0\0".to_vec();
    body.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xff, 0xe1]);
    out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    out.extend(body);
    // A comment segment too.
    let comment = b"taken at home";
    out.extend_from_slice(&[0xff, 0xfe]);
    out.extend_from_slice(&((comment.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(comment);
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
    let mut typed = kind.to_vec();
    typed.extend_from_slice(data);
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    c.extend_from_slice(&typed);
    c.extend_from_slice(&crc32(&typed).to_be_bytes());
    c
}

/// `png` with a tEXt chunk carrying [`MARKER`] right after its header.
pub fn with_text(png: &[u8]) -> Vec<u8> {
    let header_end = 8 + 25;
    let mut out = png[..header_end].to_vec();
    out.extend(chunk(b"tEXt", format!("Author\0{MARKER}").as_bytes()));
    out.extend_from_slice(&png[header_end..]);
    out
}

/// A small PNG whose header declares `w` × `h` pixels (a decompression bomb's header).
pub fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    out.extend(chunk(b"IHDR", &ihdr));
    let mut idat = vec![0x78, 0x9c];
    idat.resize(4096, 0);
    out.extend(chunk(b"IDAT", &idat));
    out.extend(chunk(b"IEND", &[]));
    out
}

/// Does `haystack` contain `needle`?
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The width and height of an image served back.
pub fn size_of(bytes: &[u8]) -> (u32, u32) {
    let img = image::load_from_memory(bytes).expect("a served photo decodes");
    (img.width(), img.height())
}
