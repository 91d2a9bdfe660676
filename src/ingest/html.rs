//! HTML pages: the main content as found by a readability port
//! (`dom_smoothie`, after Mozilla's Readability), turned into text blocks in
//! reading order; the metadata the page declares (Open Graph, article meta,
//! canonical link, then JSON-LD as the readability port reads it); and every
//! part of the page that was left out, so nothing is dropped silently.
//!
//! Own code stays for what the crate does not do: listing the left-out
//! parts, turning the content into one line per block (the plain-text rules
//! then apply), and a fallback to `<article>`/`<main>`/`<body>` for pages
//! the crate cannot grab.

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Node, Selector};

use super::{collapse, Converted, Dropped};

/// Why a part of the page was left out.
const OUTSIDE: &str = "outside the article's main content (readability)";

/// Elements that hold page furniture, never article text.
const FURNITURE: &[&str] = &[
    "nav", "header", "footer", "aside", "form", "button", "noscript", "iframe", "svg", "menu",
    "dialog",
];

/// Elements whose content is not text at all.
const INVISIBLE: &[&str] = &["script", "style", "template", "head", "link", "meta"];

/// Elements that make one line of text each.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "figcaption",
    "caption",
    "td",
    "th",
];

/// Converts an HTML page.
pub(crate) fn convert(page: &str) -> Converted {
    let doc = Html::parse_document(page);
    let root = ["article", "main", "body"]
        .iter()
        .find_map(|s| doc.select(&selector(s)).next())
        .unwrap_or_else(|| doc.root_element());
    let mut lines = Vec::new();
    let mut dropped = Vec::new();
    walk(root, &mut lines, &mut dropped);
    let readable = dom_smoothie::Readability::new(page, None, None)
        .ok()
        .and_then(|mut r| r.parse().ok());
    if let Some(article) = &readable {
        let content = Html::parse_fragment(&article.content);
        let mut main = Vec::new();
        let mut inner_dropped = Vec::new();
        walk(content.root_element(), &mut main, &mut inner_dropped);
        // Keep the readability result only when it found text.
        if !main.is_empty() {
            let mut all = Vec::new();
            let mut all_dropped = Vec::new();
            let body = doc.select(&selector("body")).next().unwrap_or(root);
            walk(body, &mut all, &mut all_dropped);
            let kept: std::collections::HashSet<&String> = main.iter().collect();
            let reported: std::collections::HashSet<String> =
                inner_dropped.iter().map(|d| d.text.clone()).collect();
            dropped = inner_dropped;
            for part in all_dropped {
                if !reported.contains(&part.text) {
                    dropped.push(part);
                }
            }
            for line in all.iter().filter(|l| !kept.contains(l)) {
                dropped.push(Dropped {
                    line: 0,
                    text: crate::util::text::shorten(line, 100),
                    rule: OUTSIDE,
                });
            }
            lines = main;
        }
    }
    let from_article = |f: fn(&dom_smoothie::Article) -> Option<String>| {
        readable
            .as_ref()
            .and_then(f)
            .map(|v| collapse(&v))
            .filter(|v| !v.is_empty())
    };
    Converted {
        text: lines.join("\n\n"),
        title: meta(&doc, "meta[property='og:title']")
            .or_else(|| first_text(&doc, "article h1, main h1, h1"))
            .or_else(|| from_article(|a| Some(a.title.clone())))
            .or_else(|| first_text(&doc, "title")),
        outlet: meta(&doc, "meta[property='og:site_name']")
            .or_else(|| from_article(|a| a.site_name.clone())),
        author: meta(&doc, "meta[name='author']")
            .or_else(|| {
                meta(&doc, "meta[property='article:author']").filter(|a| !a.contains("://"))
            })
            .or_else(|| first_text(&doc, "[rel='author']"))
            .or_else(|| from_article(|a| a.byline.clone())),
        date: meta(&doc, "meta[property='article:published_time']")
            .or_else(|| attribute(&doc, "time[datetime]", "datetime"))
            .or_else(|| meta(&doc, "meta[name='date']"))
            .or_else(|| from_article(|a| a.published_time.clone()))
            .and_then(|d| NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok()),
        url: attribute(&doc, "link[rel='canonical']", "href")
            .or_else(|| meta(&doc, "meta[property='og:url']"))
            .or_else(|| from_article(|a| a.url.clone())),
        dropped,
    }
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("the built-in selectors are valid CSS")
}

fn meta(doc: &Html, css: &str) -> Option<String> {
    attribute(doc, css, "content")
}

fn attribute(doc: &Html, css: &str, name: &str) -> Option<String> {
    doc.select(&selector(css))
        .find_map(|e| e.value().attr(name))
        .map(collapse)
        .filter(|v| !v.is_empty())
}

fn first_text(doc: &Html, css: &str) -> Option<String> {
    doc.select(&selector(css))
        .map(|e| collapse(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

/// Collects block texts in document order; furniture is reported as dropped.
fn walk(element: ElementRef<'_>, lines: &mut Vec<String>, dropped: &mut Vec<Dropped>) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => {
                let text = collapse(text);
                if !text.is_empty() {
                    lines.push(text);
                }
            }
            Node::Element(_) => {
                let Some(el) = ElementRef::wrap(child) else {
                    continue;
                };
                let name = el.value().name();
                let text = collapse(&el.text().collect::<String>());
                if INVISIBLE.contains(&name) {
                    continue;
                }
                if FURNITURE.contains(&name) || name == "figcaption" {
                    if !text.is_empty() {
                        let rule = if name == "figcaption" {
                            "image caption"
                        } else {
                            "page furniture (navigation, header, footer, aside, form)"
                        };
                        dropped.push(Dropped {
                            line: 0,
                            text: crate::util::text::shorten(&text, 100),
                            rule,
                        });
                    }
                    continue;
                }
                if BLOCKS.contains(&name) {
                    if !text.is_empty() {
                        let bullet = if name == "li" { "• " } else { "" };
                        lines.push(format!("{bullet}{text}"));
                    }
                    continue;
                }
                walk(el, lines, dropped);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Ferries | Harbour Daily</title>
<meta property="og:title" content="Shipyard wins order for twelve ferries">
<meta property="og:site_name" content="Harbour Daily">
<meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2027-03-04T08:00:00Z">
<link rel="canonical" href="https://example.org/ferries">
<script>var x = "<p>not text</p>";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
<article>
<h1>Shipyard wins order for twelve ferries</h1>
<p>The yard said on <em>Tuesday</em> it had signed a $3 billion order.</p>
<figure><img src="a.jpg"><figcaption>Photo: Someone / Agency</figcaption></figure>
<ul><li>Twelve ferries</li><li>Delivery from 2029</li></ul>
<aside>Sign up for our newsletter</aside>
<div>A paragraph written straight into a div.</div>
</article>
<footer>© Harbour Daily</footer>
</body></html>"#;

    #[test]
    fn reads_metadata_blocks_and_reports_furniture() {
        let c = convert(PAGE);
        assert_eq!(
            c.title.as_deref(),
            Some("Shipyard wins order for twelve ferries")
        );
        assert_eq!(c.outlet.as_deref(), Some("Harbour Daily"));
        assert_eq!(c.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(c.date, NaiveDate::from_ymd_opt(2027, 3, 4));
        assert_eq!(c.url.as_deref(), Some("https://example.org/ferries"));
        let lines: Vec<&str> = c.text.split("\n\n").collect();
        assert_eq!(
            lines,
            vec![
                "The yard said on Tuesday it had signed a $3 billion order.",
                "• Twelve ferries",
                "• Delivery from 2029",
                "A paragraph written straight into a div.",
            ]
        );
        // The headline, which readability leaves out of the content as the
        // title, is reported with the caption and the furniture.
        let dropped: Vec<(&str, &str)> = c
            .dropped
            .iter()
            .map(|d| (d.rule, d.text.as_str()))
            .collect();
        for part in [
            ("image caption", "Photo: Someone / Agency"),
            (
                "page furniture (navigation, header, footer, aside, form)",
                "Sign up for our newsletter",
            ),
            (OUTSIDE, "Shipyard wins order for twelve ferries"),
        ] {
            assert!(dropped.contains(&part), "{part:?} not in {dropped:?}");
        }
        assert!(!c.text.contains("not text"));
    }
}
