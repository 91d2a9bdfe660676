//! Markdown articles: text blocks with the markup removed (links keep their
//! text, images are reported as dropped), and the first `#` heading as the
//! title.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::{collapse, Converted, Dropped};

/// Converts a Markdown article.
pub(crate) fn convert(text: &str) -> Converted {
    let mut out = Converted::default();
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut image: Option<String> = None;
    let mut in_h1 = false;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Image { .. }) => image = Some(String::new()),
            Event::End(TagEnd::Image) => {
                let alt = image.take().unwrap_or_default();
                out.dropped.push(Dropped {
                    line: 0,
                    text: if alt.is_empty() {
                        "(image)".into()
                    } else {
                        alt
                    },
                    rule: "image",
                });
            }
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut current, &mut lines);
                in_h1 = level == HeadingLevel::H1 && out.title.is_none();
            }
            Event::End(TagEnd::Heading(_)) => {
                if in_h1 {
                    out.title = Some(current.trim().to_string());
                    in_h1 = false;
                }
                flush(&mut current, &mut lines);
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut lines);
                current.push_str("• ");
            }
            // A paragraph inside a list item continues the item's line.
            Event::Start(Tag::Paragraph | Tag::BlockQuote(_) | Tag::CodeBlock(_))
                if current.trim() != "•" =>
            {
                flush(&mut current, &mut lines)
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::CodeBlock,
            ) => flush(&mut current, &mut lines),
            Event::Text(t) | Event::Code(t) => match image.as_mut() {
                Some(alt) => alt.push_str(&t),
                None => current.push_str(&t),
            },
            Event::SoftBreak => current.push(' '),
            Event::HardBreak => flush(&mut current, &mut lines),
            Event::Html(h) | Event::InlineHtml(h) => {
                let h = h.trim();
                if !h.is_empty() {
                    out.dropped.push(Dropped {
                        line: 0,
                        text: crate::util::text::shorten(h, 100),
                        rule: "raw HTML in Markdown",
                    });
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut lines);
    out.text = lines.join("\n\n");
    out
}

fn flush(current: &mut String, lines: &mut Vec<String>) {
    let line = collapse(current);
    if !line.is_empty() && line != "•" {
        lines.push(line);
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_markup_keeps_text_and_reports_images() {
        let c = convert(
            "# Shipyard wins order\n\nThe yard *said* it signed a [$3 billion](https://x.org) order.\n\n![A ferry at sea](f.jpg)\n\n- Twelve ferries\n- From 2029\n\n## Why it matters\n\nJobs.\n",
        );
        assert_eq!(c.title.as_deref(), Some("Shipyard wins order"));
        let lines: Vec<&str> = c.text.split("\n\n").collect();
        assert_eq!(
            lines,
            vec![
                "Shipyard wins order",
                "The yard said it signed a $3 billion order.",
                "• Twelve ferries",
                "• From 2029",
                "Why it matters",
                "Jobs.",
            ]
        );
        assert_eq!(c.dropped.len(), 1);
        assert_eq!(c.dropped[0].text, "A ferry at sea");
    }
}
