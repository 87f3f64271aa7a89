//! Authors write in a small, safe Markdown: raw HTML is shown as text, links go only to web
//! and mail addresses, images become links, headings start below the page's own.

use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Markdown to HTML that can be put into a page as it is.
pub fn to_html(src: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    // A link or image with an unsafe address loses the address but keeps its text; the
    // stack remembers which `End` to drop.
    let mut dropped: Vec<bool> = Vec::new();
    let events = Parser::new_ext(src, opts).filter_map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        })
        | Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let ok = safe_url(&dest_url);
            dropped.push(!ok);
            ok.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link | TagEnd::Image) => {
            let was_dropped = dropped.pop().unwrap_or(false);
            (!was_dropped).then_some(Event::End(TagEnd::Link))
        }
        Event::Start(Tag::Heading { level, .. }) => Some(Event::Start(Tag::Heading {
            level: demote(level),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(demote(level)))),
        Event::Start(Tag::FootnoteDefinition(_)) | Event::End(TagEnd::FootnoteDefinition) => None,
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

/// The text of Markdown without its marks, for print (paragraphs and items on their own lines).
pub fn to_text(src: &str) -> String {
    let mut out = String::new();
    for e in Parser::new(src) {
        match e {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push('\n'),
            Event::Start(Tag::Item) => out.push_str("– "),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_text_for_print() {
        assert_eq!(
            super::to_text("Шам **орнату**:\n\n- көше\n- алаң"),
            "Шам орнату:\n– көше\n– алаң"
        );
    }

    use super::*;

    #[test]
    fn markdown_is_rendered_and_html_escaped() {
        let h = to_html("# Су\n\n**Таза** су <script>alert(1)</script> [сілтеме](https://gov.kz)");
        assert!(h.contains("<h3>Су</h3>"));
        assert!(h.contains("<strong>Таза</strong>"));
        assert!(h.contains("&lt;script&gt;"));
        assert!(!h.contains("<script"));
        assert!(h.contains("<a href=\"https://gov.kz\">сілтеме</a>"));
    }

    #[test]
    fn unsafe_links_and_images_lose_their_address() {
        let h =
            to_html("[x](javascript:alert(1)) ![img](https://e.kz/a.png) <img src=x onerror=y>");
        assert!(!h.contains("javascript"), "{h}");
        assert!(!h.contains("<img"), "{h}");
        assert!(h.contains("<a href=\"https://e.kz/a.png\">img</a>"), "{h}");
        assert!(h.contains("&lt;img"), "{h}");
    }
}
