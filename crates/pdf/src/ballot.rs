//! The printable ballot (бюллетень) of a budget cycle: the admitted projects with their
//! numbers, villages and costs, a box to mark beside each, and fields for the voter's IIN and
//! signature. As many A4 pages as the projects need; the fields close the last page.

use super::{black, wrap, PdfError, FONT};
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::text::{Font, TextDirection};
use krilla::Document;

/// One project on the ballot.
#[derive(Debug, Clone, Default)]
pub struct BallotProject {
    pub number: usize,
    pub title: String,
    pub village: String,
    /// Already formatted, with ₸.
    pub cost: String,
}

/// Everything printed on a ballot, already in the languages wanted (Kazakh, then Russian).
#[derive(Debug, Clone, Default)]
pub struct BallotPaper {
    /// The heading, one line per language.
    pub headings: Vec<String>,
    /// The cycle's title, one line per language.
    pub titles: Vec<String>,
    /// Territory, year, voting dates…
    pub facts: Vec<String>,
    /// How to fill the ballot in, one paragraph per language.
    pub instructions: Vec<String>,
    /// Column heads: number, project, village, cost, mark (each may hold two languages
    /// separated by a newline).
    pub columns: [String; 5],
    pub projects: Vec<BallotProject>,
    /// Labels of the fields at the foot: ballot number, IIN, signature (two languages each,
    /// separated by a newline).
    pub fields: [String; 3],
    pub footer: Vec<String>,
}

const W: f32 = 595.0;
const H: f32 = 842.0;
const MARGIN: f32 = 40.0;
const COLS: [f32; 5] = [28.0, 262.0, 95.0, 85.0, 45.0];
/// Room the fields need under the last row.
const FIELDS_H: f32 = 150.0;

enum Op {
    Text(f32, f32, f32, String),
    Line(f32, f32, f32, f32),
    Rect(f32, f32, f32, f32),
}

struct Layout {
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn text(&mut self, x: f32, y: f32, size: f32, t: &str) {
        self.ops().push(Op::Text(x, y, size, t.to_string()));
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN + 10.0;
    }

    fn head(&mut self, columns: &[String; 5]) {
        let head_h = 24.0;
        let mut x = MARGIN;
        let y = self.y;
        for (i, w) in COLS.iter().enumerate() {
            for (j, l) in columns[i].lines().enumerate() {
                self.text(x + 3.0, y + 9.0 + 10.0 * j as f32, 7.5, l);
            }
            self.ops().push(Op::Rect(x, y, *w, head_h));
            x += w;
        }
        self.y += head_h;
    }
}

fn lay_out(b: &BallotPaper) -> Layout {
    let mut l = Layout {
        pages: vec![Vec::new()],
        y: MARGIN + 14.0,
    };
    for h in &b.headings {
        l.text(MARGIN, l.y, 14.0, h);
        l.y += 18.0;
    }
    for t in &b.titles {
        for line in wrap(t, 72) {
            l.text(MARGIN, l.y, 11.0, &line);
            l.y += 14.0;
        }
    }
    for f in &b.facts {
        l.text(MARGIN, l.y, 9.0, f);
        l.y += 12.0;
    }
    l.y += 4.0;
    for para in &b.instructions {
        for line in wrap(para, 95) {
            l.text(MARGIN, l.y, 8.5, &line);
            l.y += 11.0;
        }
        l.y += 3.0;
    }
    l.y += 6.0;
    l.head(&b.columns);
    for p in &b.projects {
        let title = wrap(&p.title, 44);
        let village = wrap(&p.village, 16);
        let lines = title.len().max(village.len()).max(1);
        let row_h = 12.0 * lines as f32 + 10.0;
        if l.y + row_h > H - MARGIN - 20.0 {
            l.new_page();
            l.head(&b.columns);
        }
        let y = l.y;
        let mut x = MARGIN;
        let cells: [Vec<String>; 4] = [
            vec![p.number.to_string()],
            title,
            village,
            vec![p.cost.clone()],
        ];
        for (i, w) in COLS.iter().enumerate() {
            if let Some(cell) = cells.get(i) {
                for (j, line) in cell.iter().enumerate() {
                    l.text(x + 3.0, y + 13.0 + 12.0 * j as f32, 9.0, line);
                }
            } else {
                // The box to mark, in the middle of the last column.
                l.ops().push(Op::Rect(
                    x + (w - 14.0) / 2.0,
                    y + (row_h - 14.0) / 2.0,
                    14.0,
                    14.0,
                ));
            }
            l.ops().push(Op::Rect(x, y, *w, row_h));
            x += w;
        }
        l.y += row_h;
    }
    if l.y + FIELDS_H > H - MARGIN {
        l.new_page();
    }
    l.y += 22.0;
    // Ballot number, then the IIN in twelve boxes, then the signature line.
    for (i, label) in b.fields.iter().enumerate() {
        for (j, line) in label.lines().enumerate() {
            l.text(MARGIN, l.y + 10.0 * j as f32, 8.5, line);
        }
        let x0 = MARGIN + 130.0;
        let y = l.y;
        match i {
            1 => {
                for k in 0..12 {
                    l.ops()
                        .push(Op::Rect(x0 + 18.0 * k as f32, y - 10.0, 16.0, 18.0));
                }
            }
            _ => l.ops().push(Op::Line(x0, y + 6.0, x0 + 200.0, y + 6.0)),
        }
        l.y += 34.0;
    }
    for f in b.footer.iter().flat_map(|f| wrap(f, 100)) {
        l.text(MARGIN, l.y, 7.5, &f);
        l.y += 10.0;
    }
    l
}

/// The ballot as PDF bytes: one A4 page or more.
pub fn ballot(b: &BallotPaper) -> Result<Vec<u8>, PdfError> {
    let font = Font::new(FONT.to_vec().into(), 0).ok_or(PdfError::Font)?;
    let layout = lay_out(b);
    let mut doc = Document::new();
    for ops in &layout.pages {
        let mut page = doc.start_page_with(PageSettings::from_wh(W, H).ok_or(PdfError::Page)?);
        let mut surface = page.surface();
        surface.set_fill(Some(black()));
        let mut pb = PathBuilder::new();
        for op in ops {
            match op {
                Op::Text(x, y, size, t) => {
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        font.clone(),
                        *size,
                        t,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Line(x1, y1, x2, y2) => {
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                }
                Op::Rect(x, y, w, h) => {
                    pb.move_to(*x, *y);
                    pb.line_to(x + w, *y);
                    pb.line_to(x + w, y + h);
                    pb.line_to(*x, y + h);
                    pb.close();
                }
            }
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
    }
    doc.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample(n: usize) -> BallotPaper {
        BallotPaper {
            headings: vec!["ХҚБ бюллетені".into(), "Бюллетень БНУ".into()],
            titles: vec!["Халық қатысатын бюджет, 2027: Алакөл ауылдық округі".into()],
            facts: vec!["Дауыс беру: 2027 жылғы 2–15 сәуір".into()],
            instructions: vec!["Бір жобаны таңдаңыз. ".repeat(6)],
            columns: [
                "№".into(),
                "Жоба\nПроект".into(),
                "Ауыл\nСело".into(),
                "Құны\nСтоимость".into(),
                "Белгі\nОтметка".into(),
            ],
            projects: (1..=n)
                .map(|i| BallotProject {
                    number: i,
                    title: "Ғимараттың шатырын жөндеу және қоршау, Әйгерім көшесі "
                        .repeat(1 + i % 2),
                    village: "Көркем".into(),
                    cost: "3 200 000 ₸".into(),
                })
                .collect(),
            fields: [
                "Бюллетень №".into(),
                "ЖСН\nИИН".into(),
                "Қолы\nПодпись".into(),
            ],
            footer: vec!["Qatysu".into()],
        }
    }

    #[test]
    fn a_ballot_is_a_pdf_and_long_lists_go_on_more_pages() {
        let short = lay_out(&sample(6));
        assert_eq!(short.pages.len(), 1);
        let long = lay_out(&sample(40));
        assert!(long.pages.len() >= 2, "{} pages", long.pages.len());
        let pdf = ballot(&sample(40)).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        let tail = String::from_utf8_lossy(&pdf[pdf.len() - 64..]).to_string();
        assert!(tail.contains("%%EOF"));
        let _ = std::fs::write(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../target/pb-ballot-sample.pdf"
            ),
            &pdf,
        );
    }
}
