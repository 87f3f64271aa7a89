//! Printable paper twins of on-line forms. The first is the signature sheet of a civic
//! initiative: a resident without internet signs on paper, a coordinator types the sheet in.
//!
//! Text comes from the caller (translated by the web layer's messages); this crate only lays
//! it out. DejaVu Sans (`fonts/`, Bitstream Vera licence beside it) is embedded because it has
//! every Kazakh letter and the tenge sign, which many common fonts lack.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::Document;

mod ballot;
pub use ballot::{ballot, BallotPaper, BallotProject};

/// DejaVu Sans, regular.
pub const FONT: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded font cannot be read")]
    Font,
    #[error("the page size is invalid")]
    Page,
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// Everything printed on a signature sheet, already in the languages wanted.
#[derive(Debug, Clone, Default)]
pub struct SignatureSheet {
    /// The heading, one line per language (Kazakh, then Russian).
    pub headings: Vec<String>,
    pub title: String,
    /// Lines under the title: territory, addressee, threshold…
    pub facts: Vec<String>,
    /// What is asked, as plain text; wrapped to the page.
    pub summary: String,
    /// Column heads: number, name, IIN, village, date, signature (each may hold two languages
    /// separated by a newline).
    pub columns: [String; 6],
    /// How many lines to print.
    pub rows: usize,
    /// Small print at the foot (where to send the sheet, the initiative's address).
    pub footer: Vec<String>,
}

const W: f32 = 595.0; // A4, points
const H: f32 = 842.0;
const MARGIN: f32 = 40.0;
/// Column widths in points, summing to the text width (515).
const COLS: [f32; 6] = [24.0, 150.0, 86.0, 95.0, 70.0, 90.0];

/// Break text into lines of at most `max` characters at spaces (a long word stays whole).
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

fn black() -> Fill {
    Fill {
        paint: rgb::Color::new(0, 0, 0).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// The sheet as PDF bytes: one A4 page.
pub fn signature_sheet(s: &SignatureSheet) -> Result<Vec<u8>, PdfError> {
    let font = Font::new(FONT.to_vec().into(), 0).ok_or(PdfError::Font)?;
    let mut doc = Document::new();
    let mut page = doc.start_page_with(PageSettings::from_wh(W, H).ok_or(PdfError::Page)?);
    let mut surface = page.surface();
    surface.set_fill(Some(black()));
    let mut y = MARGIN + 14.0;
    let text = |surface: &mut krilla::surface::Surface<'_>, x: f32, y: f32, size: f32, t: &str| {
        surface.draw_text(
            Point::from_xy(x, y),
            font.clone(),
            size,
            t,
            false,
            TextDirection::Auto,
        );
    };
    for h in &s.headings {
        text(&mut surface, MARGIN, y, 13.0, h);
        y += 17.0;
    }
    y += 4.0;
    for line in wrap(&s.title, 70) {
        text(&mut surface, MARGIN, y, 12.0, &line);
        y += 15.0;
    }
    for f in &s.facts {
        text(&mut surface, MARGIN, y, 9.0, f);
        y += 12.0;
    }
    y += 4.0;
    for line in wrap(&s.summary, 105).into_iter().take(12) {
        text(&mut surface, MARGIN, y, 8.5, &line);
        y += 11.0;
    }
    y += 8.0;
    // The table: a head of two lines, then numbered empty rows.
    let head_h = 24.0;
    let row_h = ((H - MARGIN - 40.0 - y - head_h) / s.rows.max(1) as f32).clamp(16.0, 26.0);
    let mut x = MARGIN;
    for (i, w) in COLS.iter().enumerate() {
        for (j, l) in s.columns[i].lines().enumerate() {
            text(&mut surface, x + 2.0, y + 9.0 + 10.0 * j as f32, 7.5, l);
        }
        x += w;
    }
    for r in 0..s.rows {
        let ty = y + head_h + row_h * r as f32 + row_h * 0.65;
        text(&mut surface, MARGIN + 3.0, ty, 8.0, &(r + 1).to_string());
    }
    let table_h = head_h + row_h * s.rows as f32;
    let mut pb = PathBuilder::new();
    let width: f32 = COLS.iter().sum();
    for i in 0..=s.rows + 1 {
        let ly = if i == 0 {
            y
        } else {
            y + head_h + row_h * (i - 1) as f32
        };
        pb.move_to(MARGIN, ly);
        pb.line_to(MARGIN + width, ly);
    }
    let mut x = MARGIN;
    pb.move_to(x, y);
    pb.line_to(x, y + table_h);
    for w in COLS {
        x += w;
        pb.move_to(x, y);
        pb.line_to(x, y + table_h);
    }
    let mut foot_y = y + table_h + 16.0;
    for line in s.footer.iter().flat_map(|f| wrap(f, 118)) {
        text(&mut surface, MARGIN, foot_y, 7.5, &line);
        foot_y += 10.0;
    }
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        width: 0.6,
        ..Stroke::default()
    }));
    if let Some(path) = pb.finish() {
        surface.draw_path(&path);
    }
    surface.finish();
    page.finish();
    doc.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}

/// A plain document of text lines (a results protocol): each line with its font size; long
/// lines are wrapped, pages are added as needed (A4).
pub fn text_document(lines: &[(f32, String)]) -> Result<Vec<u8>, PdfError> {
    let font = Font::new(FONT.to_vec().into(), 0).ok_or(PdfError::Font)?;
    // Lay out first: (page, y, size, text).
    let mut placed: Vec<(usize, f32, f32, String)> = Vec::new();
    let (mut page_no, mut y) = (0usize, MARGIN + 14.0);
    for (size, text) in lines {
        let size = size.clamp(6.0, 20.0);
        let max = ((W - 2.0 * MARGIN) / (size * 0.56)) as usize;
        let wrapped = if text.is_empty() {
            vec![String::new()]
        } else {
            wrap(text, max.max(10))
        };
        for l in wrapped {
            if y > H - MARGIN {
                page_no += 1;
                y = MARGIN + 14.0;
            }
            placed.push((page_no, y, size, l));
            y += size * 1.35;
        }
    }
    let mut doc = Document::new();
    for p in 0..=page_no {
        let mut page = doc.start_page_with(PageSettings::from_wh(W, H).ok_or(PdfError::Page)?);
        let mut surface = page.surface();
        surface.set_fill(Some(black()));
        for (_, y, size, l) in placed.iter().filter(|x| x.0 == p) {
            if !l.is_empty() {
                surface.draw_text(
                    Point::from_xy(MARGIN, *y),
                    font.clone(),
                    *size,
                    l,
                    false,
                    TextDirection::Auto,
                );
            }
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every letter of the Kazakh alphabet (upper and lower case) and the tenge sign are in the
    /// embedded font: the sheet never shows an empty box.
    #[test]
    fn the_font_has_every_kazakh_letter_and_the_tenge_sign() {
        let letters = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ";
        let all: String = letters
            .chars()
            .chain(letters.to_lowercase().chars())
            .chain(['₸', '№'])
            .collect();
        assert_eq!(letters.chars().count(), 42);
        let missing: Vec<char> = all.chars().filter(|c| !has_glyph(*c)).collect();
        assert!(missing.is_empty(), "missing glyphs: {missing:?}");
        assert!(!has_glyph('\u{E000}'), "the check can fail");
    }

    /// Whether the font's character map has a glyph for `c` (format 4 subtable, the BMP).
    fn has_glyph(c: char) -> bool {
        cmap_format4(FONT).is_some_and(|(ends, starts, deltas, offsets_at, data)| {
            let code = u32::from(c);
            if code > 0xFFFF {
                return false;
            }
            let code = code as u16;
            let be = |at: usize| u16::from_be_bytes([data[at], data[at + 1]]);
            (0..ends.len()).any(|i| {
                if code > ends[i] || code < starts[i] {
                    return false;
                }
                let ro_at = offsets_at + 2 * i;
                let ro = be(ro_at);
                let glyph = if ro == 0 {
                    code.wrapping_add(deltas[i])
                } else {
                    let at = ro_at + usize::from(ro) + 2 * usize::from(code - starts[i]);
                    let g = be(at);
                    if g == 0 {
                        0
                    } else {
                        g.wrapping_add(deltas[i])
                    }
                };
                glyph != 0
            })
        })
    }

    type Cmap<'a> = (Vec<u16>, Vec<u16>, Vec<u16>, usize, &'a [u8]);

    fn cmap_format4(data: &[u8]) -> Option<Cmap<'_>> {
        let be16 = |at: usize| Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]));
        let be32 = |at: usize| {
            Some(u32::from_be_bytes([
                *data.get(at)?,
                *data.get(at + 1)?,
                *data.get(at + 2)?,
                *data.get(at + 3)?,
            ]))
        };
        let tables = usize::from(be16(4)?);
        let cmap = (0..tables).find_map(|i| {
            let rec = 12 + 16 * i;
            (data.get(rec..rec + 4)? == b"cmap")
                .then(|| be32(rec + 8))
                .flatten()
        })? as usize;
        let subtables = usize::from(be16(cmap + 2)?);
        let sub = (0..subtables).find_map(|i| {
            let rec = cmap + 4 + 8 * i;
            let off = cmap + be32(rec + 4)? as usize;
            (be16(off)? == 4).then_some(off)
        })?;
        let segs = usize::from(be16(sub + 6)? / 2);
        let ends_at = sub + 14;
        let starts_at = ends_at + 2 * segs + 2;
        let deltas_at = starts_at + 2 * segs;
        let offsets_at = deltas_at + 2 * segs;
        let read = |at: usize| {
            (0..segs)
                .map(|i| be16(at + 2 * i))
                .collect::<Option<Vec<u16>>>()
        };
        Some((
            read(ends_at)?,
            read(starts_at)?,
            read(deltas_at)?,
            offsets_at,
            data,
        ))
    }

    #[test]
    fn a_sheet_is_a_pdf_with_the_text_embedded() {
        let sheet = SignatureSheet {
            headings: vec![
                "Азаматтық бастамаға қол қою парағы".into(),
                "Подписной лист".into(),
            ],
            title: "Ауыл көшелерін түнде жарықтандыру — 1 500 000 ₸".into(),
            facts: vec!["Алакөл ауылдық округі".into()],
            summary:
                "Көркем және Полтавка ауылдарының орталық көшелеріне шамдар орнатуды сұраймыз. "
                    .repeat(8),
            columns: [
                "№".into(),
                "Аты-жөні\nФИО".into(),
                "ЖСН\nИИН".into(),
                "Ауыл\nСело".into(),
                "Күні\nДата".into(),
                "Қолы\nПодпись".into(),
            ],
            rows: 20,
            footer: vec!["Qatysu".into()],
        };
        let pdf = signature_sheet(&sheet).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(
            pdf.len() > 2_000 && pdf.len() < 200_000,
            "the font is subset: {} bytes",
            pdf.len()
        );
        let tail = String::from_utf8_lossy(&pdf[pdf.len() - 64..]).to_string();
        assert!(tail.contains("%%EOF"));
    }

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(wrap("бір екі үш төрт", 7), ["бір екі", "үш төрт"]);
        assert_eq!(wrap("ұзынсөзбіреуі", 3), ["ұзынсөзбіреуі"]);
        assert!(wrap("", 10).is_empty());
    }
    #[test]
    fn a_text_document_spans_pages() {
        let lines: Vec<(f32, String)> = (0..120)
            .map(|i| (9.0, format!("{i}. Жоба — 1 500 000 ₸")))
            .collect();
        let pdf = text_document(&lines).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
