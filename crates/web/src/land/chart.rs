//! A horizontal bar chart drawn on the server as SVG: no JavaScript, readable by screen readers
//! through its `<title>` and `<desc>`, with every figure also in the table beside it.

/// Everything the template needs to draw the chart.
pub struct Chart {
    pub title: String,
    pub desc: String,
    pub height: u32,
    pub bars: Vec<Bar>,
}

pub struct Bar {
    pub label: String,
    pub value: String,
    pub y: u32,
    pub text_y: u32,
    pub width: u32,
    pub value_x: u32,
}

pub const WIDTH: u32 = 640;
const LABEL_W: u32 = 250;
const BAR_MAX: u32 = 280;
const ROW: u32 = 30;
const BAR_H: u32 = 20;

impl Chart {
    /// `rows`: (label, value for the length, value as printed).
    pub fn new(title: String, desc: String, rows: &[(String, i64, String)]) -> Chart {
        let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
        let bars = rows
            .iter()
            .zip(0u32..)
            .map(|((label, v, printed), i)| {
                let scaled = i128::from((*v).max(0)) * i128::from(BAR_MAX) / i128::from(max);
                let width = u32::try_from(scaled).unwrap_or(BAR_MAX).max(1);
                Bar {
                    label: label.clone(),
                    value: printed.clone(),
                    y: i * ROW + 5,
                    text_y: i * ROW + 20,
                    width,
                    value_x: LABEL_W + width + 6,
                }
            })
            .collect::<Vec<_>>();
        Chart {
            title,
            desc,
            height: (bars.len() as u32) * ROW + 10,
            bars,
        }
    }

    pub fn width(&self) -> u32 {
        WIDTH
    }

    pub fn label_w(&self) -> u32 {
        LABEL_W
    }

    pub fn bar_h(&self) -> u32 {
        BAR_H
    }

    pub fn label_x(&self) -> u32 {
        LABEL_W - 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest() {
        let rows = vec![
            ("A · 2025".to_string(), 5400, "54 ha".to_string()),
            ("A · 2026".to_string(), 2700, "27 ha".to_string()),
            ("B · 2026".to_string(), 0, "0 ha".to_string()),
        ];
        let c = Chart::new("t".into(), "d".into(), &rows);
        assert_eq!(c.bars[0].width, BAR_MAX);
        assert_eq!(c.bars[1].width, BAR_MAX / 2);
        assert_eq!(c.bars[2].width, 1, "a zero still shows as a hairline");
        assert_eq!(c.bars[1].y, ROW + 5);
        assert_eq!(c.height, 3 * ROW + 10);
        assert!(c.bars.iter().all(|b| b.value_x + 90 <= WIDTH));
        assert!(Chart::new("t".into(), "d".into(), &[]).bars.is_empty());
    }
}
