//! Page furniture in captured text: which single lines are not the article,
//! and why. The cue lists are data: generic shapes of page furniture
//! (menus, captions and credits, prompts, related links), never the name of
//! an outlet, an entity or a topic.

/// Why a line was dropped; the texts are what `brief ingest` prints.
pub(crate) mod rule {
    pub(crate) const NAVIGATION: &str = "navigation or sharing";
    pub(crate) const SYMBOL: &str = "stray symbol or button";
    pub(crate) const READING_TIME: &str = "reading time";
    pub(crate) const AUDIO: &str = "audio player note";
    pub(crate) const CAPTION: &str = "image caption or credit";
    pub(crate) const CAPTION_BY_CREDIT: &str = "image caption (next to its credit line)";
    pub(crate) const COPYRIGHT: &str = "copyright line";
    pub(crate) const CREDIT: &str = "credit line (reporting, editing, wire initials)";
    pub(crate) const TAGS: &str = "topic tags";
    pub(crate) const PROMPT: &str = "prompt (app, donation, subscription, newsletter, social)";
    pub(crate) const PROMPT_HEADING: &str = "heading of a prompt";
    pub(crate) const RELATED_HEADING: &str = "related links heading";
    pub(crate) const RELATED_LINK: &str = "related link (headline under a related heading)";
    pub(crate) const TEASER: &str = "link teaser or map widget";
    pub(crate) const LABEL: &str = "section label";
    pub(crate) const LABEL_ABOVE_HEADLINE: &str = "section label above the headline";
    pub(crate) const DATE_LINE: &str = "date line (date to front matter)";
    pub(crate) const BYLINE: &str = "byline (author to front matter)";
    pub(crate) const DATELINE: &str = "dateline (date, byline, reading time)";
    pub(crate) const AUTHOR_PHOTO: &str = "author photo label";
    pub(crate) const OUTLET: &str = "outlet name";
    pub(crate) const TITLE: &str = "title (in front matter)";
    pub(crate) const REPEATED: &str = "repeated line";
    pub(crate) const NOTE: &str = "publisher note";
}

/// Whole lines of menus and sharing bars (compared lower-case, trimmed).
const NAVIGATION: &[&str] = &[
    "skip to content",
    "skip to main content",
    "faq",
    "menu",
    "home",
    "share",
    "share this",
    "share this article",
    "share this story",
    "linkedin",
    "twitter",
    "facebook",
    "whatsapp",
    "email",
    "copy link",
    "scroll to top",
    "back to top",
    "print",
    "ko-fi buy me a coffee",
    "buy me a coffee",
    "contact us",
    "about us",
    "privacy policy",
    "terms of use",
    "terms of service",
    "cookie policy",
    "log in",
    "sign in",
    "comments",
];

/// Whole lines that label a part of the page and carry no article text.
const LABELS: &[&str] = &[
    "advertisement",
    "sponsored",
    "sponsored content",
    "what's the story",
    "story highlights",
    "key points",
    "key takeaways",
    "at a glance",
    "tl;dr",
];

/// Call-to-action phrases that make a line a prompt at any length.
const PROMPTS: &[&str] = &[
    "install our app",
    "tap to install",
    "add to home screen",
    "download our app",
    "get the news faster",
    "your gift makes a difference",
    "support our journalism",
    "support independent journalism",
    "support our work",
    "donate now",
    "donate today",
    "make a donation",
    "become a member",
    "become a subscriber",
    "subscribe now",
    "subscribe today",
    "subscribe to our",
    "sign up for our",
    "sign up now",
    "sign up to receive",
    "follow us on",
    "we use cookies",
    "accept all cookies",
    "free of paywalls",
    "is your trusted resource",
    "turn on notifications",
    "already a subscriber",
];

/// Phrases that make only a short line a prompt (in a long sentence they
/// may be reporting).
const SHORT_PROMPTS: &[&str] = &[
    "newsletter",
    "in your inbox",
    "unlimited access",
    "subscribe",
    "sign up",
    "log in to",
    "get the app",
    "download the app",
    "breaking news alerts",
];

/// Headings of a list of links to other articles (lower-case, without a
/// trailing colon); `*` ends a prefix.
const RELATED: &[&str] = &[
    "related",
    "related stories",
    "related articles",
    "related posts",
    "related briefings",
    "related content",
    "related coverage",
    "related news",
    "related links",
    "recommended",
    "recommended for you",
    "recommended stories",
    "recommended articles",
    "you may also like",
    "you might also like",
    "more stories",
    "more news",
    "more to read",
    "read more",
    "read some more",
    "read next",
    "also read",
    "see also",
    "trending",
    "trending now",
    "trending stories",
    "most read",
    "most popular",
    "popular now",
    "top stories",
    "latest news",
    "latest stories",
    "editor's picks",
    "don't miss",
    "more from *",
    "more coverage *",
];

/// Prefixes of a one-line link to another article ("Related: How ...").
const LINK_PREFIXES: &[&str] = &[
    "related:",
    "read more:",
    "also read:",
    "see also:",
    "read next:",
    "recommended:",
    "more:",
];

/// Phrases of link teasers and map or media widgets (short lines only).
const TEASERS: &[&str] = &[
    "in a larger map",
    "view larger map",
    "click here",
    "watch the video",
    "watch video",
    "see the full list",
    "view the full list",
    "view gallery",
];

/// Prefixes of link teasers (short lines without a full stop).
const TEASER_PREFIXES: &[&str] = &[
    "list of ",
    "watch:",
    "video:",
    "photos:",
    "gallery:",
    "map:",
    "interactive:",
    "listen:",
];

/// Phrases of notes about the page's audio version.
const AUDIO: &[&str] = &[
    "listen to this article",
    "listen to this story",
    "read by ai",
    "audio report:",
    "ai-generated audio",
    "text-to-speech",
    "audio version of this",
];

/// Words that introduce a photo credit ("Photograph: Agency").
const CREDIT_WORDS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "photographer",
    "picture",
    "image",
    "images",
    "credit",
    "illustration",
    "video",
    "foto",
];

/// Line prefixes of photo credits and publisher notes.
const CREDIT_PREFIXES: &[&str] = &[
    "photo by ",
    "photos by ",
    "photograph by ",
    "image by ",
    "picture by ",
    "image credit",
    "photo credit",
];
const NOTE_PREFIXES: &[&str] = &["source assisted:"];

/// Line prefixes of reporting and editing credits.
const STAFF_CREDITS: &[&str] = &[
    "reporting by ",
    "additional reporting by ",
    "editing by ",
    "edited by ",
    "compiled by ",
    "with reporting from ",
    "with reporting by ",
];

/// Prefixes of lines of topic tags.
const TAG_PREFIXES: &[&str] = &[
    "tags ",
    "tags:",
    "tagged:",
    "topics:",
    "topic:",
    "filed under:",
    "keywords:",
    "categories:",
];

/// A line's lower-case form with straight quotes, for the cue lists.
pub(crate) fn lower(line: &str) -> String {
    line.trim()
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
}

pub(crate) fn word_count(line: &str) -> usize {
    line.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The rule that drops this line on its own, if any.
pub(crate) fn line_rule(line: &str) -> Option<&'static str> {
    let lower = lower(line);
    let words = word_count(line);
    if lower.is_empty() {
        return None;
    }
    if lower.chars().filter(|c| c.is_alphanumeric()).count() <= 1 {
        return Some(rule::SYMBOL);
    }
    if NAVIGATION.contains(&lower.as_str()) || is_share_bar(&lower, words) || is_menu(line) {
        return Some(rule::NAVIGATION);
    }
    if LABELS.contains(&lower.as_str()) {
        return Some(rule::LABEL);
    }
    if is_reading_time(&lower) {
        return Some(rule::READING_TIME);
    }
    if words <= 15 && AUDIO.iter().any(|a| lower.contains(a)) {
        return Some(rule::AUDIO);
    }
    if is_copyright(&lower, words) {
        return Some(rule::COPYRIGHT);
    }
    if is_staff_credit(&lower, words) || is_editor_initials(line) {
        return Some(rule::CREDIT);
    }
    if NOTE_PREFIXES.iter().any(|p| lower.starts_with(p))
        || lower.starts_with("how ") && lower.contains(" reports:")
    {
        return Some(rule::NOTE);
    }
    if is_credit_line(line) || ends_with_credit(line) || lower.contains("(cc by") {
        return Some(rule::CAPTION);
    }
    if is_tag_line(&lower, words) {
        return Some(rule::TAGS);
    }
    if is_prompt(&lower, words) {
        return Some(rule::PROMPT);
    }
    if is_related_heading(&lower) {
        return Some(rule::RELATED_HEADING);
    }
    if words <= 20 && LINK_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return Some(rule::RELATED_LINK);
    }
    if is_teaser(&lower, words) {
        return Some(rule::TEASER);
    }
    None
}

fn is_share_bar(lower: &str, words: usize) -> bool {
    (lower.starts_with("share ") && words <= 3)
        || (lower.starts_with("share on ") && words <= 10)
        || (lower.contains("copy link") && words <= 10)
}

/// "Home | World | Business": three or more short parts between bars.
fn is_menu(line: &str) -> bool {
    let parts: Vec<&str> = line.split(['|', '·', '•']).map(str::trim).collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && word_count(p) <= 3 && !p.ends_with('.'))
}

/// "4 min read", "~10 min read", "Listen · 4 min".
fn is_reading_time(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.len() <= 5
        && (lower.contains("min read") || lower.contains("minute read"))
        && words
            .iter()
            .any(|w| w.trim_start_matches('~').parse::<u32>().is_ok())
}

fn is_copyright(lower: &str, words: usize) -> bool {
    words <= 20
        && (lower.starts_with('©')
            || lower.starts_with("copyright")
            || lower.starts_with("(c) ")
            || lower.contains("all rights reserved"))
}

fn is_staff_credit(lower: &str, words: usize) -> bool {
    words <= 20 && STAFF_CREDITS.iter().any(|p| lower.starts_with(p))
}

/// "mkg/hc (Reuters, AFP)": editors' initials, with the wires they used.
fn is_editor_initials(line: &str) -> bool {
    let line = line.trim();
    let head = line.split(" (").next().unwrap_or(line);
    let rest = &line[head.len()..];
    let parts: Vec<&str> = head.split('/').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase()))
        && rest.trim_start().starts_with('(')
        && rest.ends_with(')')
}

/// A whole line that is a photo credit: "(Name / For The Paper)",
/// "Agency News/AP", "Photo by Name / Agency".
pub(crate) fn is_credit_line(line: &str) -> bool {
    let line = line.trim();
    let lower = lower(line);
    if CREDIT_PREFIXES.iter().any(|p| lower.starts_with(p)) && word_count(line) <= 12 {
        return true;
    }
    let inner = line
        .strip_prefix('(')
        .and_then(|l| l.strip_suffix(')'))
        .unwrap_or(line);
    word_count(inner) <= 8 && !inner.ends_with('.') && is_slash_credit(inner)
}

/// "Name / Agency", "AP Photo/Paper, Name, FILE": capitalised parts around
/// a slash.
fn is_slash_credit(text: &str) -> bool {
    let parts: Vec<&str> = text.split('/').map(str::trim).collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            p.chars().next().is_some_and(char::is_uppercase)
                && p.chars().filter(|c| c.is_alphabetic()).count() >= 2
        })
}

/// A caption that ends with its credit: "... (Agency/Agency)", "...
/// Photograph: Agency", "... [SCREEN CAPTURE]", "... AGENCY/Name".
pub(crate) fn ends_with_credit(line: &str) -> bool {
    let line = line.trim();
    if let Some(open) = line.strip_suffix(')').and_then(|l| l.rfind('(')) {
        let inner = &line[open + 1..line.len() - 1];
        if word_count(inner) <= 14 && is_slash_credit(inner) {
            return true;
        }
    }
    if let Some(open) = line.strip_suffix(']').and_then(|l| l.rfind('[')) {
        let inner = &line[open + 1..line.len() - 1];
        if (1..=4).contains(&word_count(inner))
            && inner.chars().any(char::is_alphabetic)
            && !inner.chars().any(char::is_lowercase)
            && !inner.contains('@')
        {
            return true;
        }
    }
    // The last sentence: "Photograph: Agency" or "Photographer: Name/Agency."
    let last = line
        .trim_end_matches('.')
        .rsplit(". ")
        .next()
        .unwrap_or(line);
    if let Some((word, credit)) = last.split_once(':') {
        if CREDIT_WORDS.contains(&lower(word).as_str())
            && (1..=8).contains(&word_count(credit))
            && credit.trim().starts_with(char::is_uppercase)
        {
            return true;
        }
    }
    // "... on Sunday. AGENCY/Name Surname"
    let tail = line.rsplit(". ").next().unwrap_or(line);
    tail != line
        && word_count(tail) <= 4
        && tail.split_once('/').is_some_and(|(agency, name)| {
            agency.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !agency.chars().any(char::is_lowercase)
                && name.starts_with(char::is_uppercase)
        })
}

fn is_tag_line(lower: &str, words: usize) -> bool {
    words <= 20
        && TAG_PREFIXES.iter().any(|p| lower.starts_with(p))
        && !lower.trim_end().ends_with('.')
}

/// A call to install, donate, subscribe, sign up or follow.
pub(crate) fn is_prompt(lower: &str, words: usize) -> bool {
    let reporting = lower.contains(" said") || lower.contains(" says") || lower.contains('"');
    (words <= 60 && PROMPTS.iter().any(|p| lower.contains(p)))
        || (words <= 15 && !reporting && SHORT_PROMPTS.iter().any(|p| lower.contains(p)))
        || (words <= 8 && lower.contains("install") && lower.contains(" app"))
}

pub(crate) fn is_related_heading(lower: &str) -> bool {
    let text = lower.trim().trim_end_matches(':').trim();
    RELATED.iter().any(|r| match r.strip_suffix('*') {
        Some(prefix) => text.starts_with(prefix) && word_count(text) <= 8,
        None => text == *r,
    })
}

fn is_teaser(lower: &str, words: usize) -> bool {
    words <= 12
        && (TEASERS.iter().any(|t| lower.contains(t))
            || TEASER_PREFIXES.iter().any(|p| lower.starts_with(p)) && !lower.ends_with('.'))
}

/// A line shaped like a headline: a few words, no sentence punctuation at
/// its end, no reported speech.
pub(crate) fn is_headline_like(line: &str) -> bool {
    let text = line
        .trim()
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}']);
    let words = word_count(text);
    (2..=18).contains(&words)
        && !text.ends_with(['.', ',', ';', ':', '!', '?'])
        && !lower(text).contains(" said")
}

/// A heading of a few words without a full stop (above a prompt box).
pub(crate) fn is_short_heading(line: &str) -> bool {
    let text = line.trim();
    (1..=8).contains(&word_count(text)) && !text.ends_with(['.', ',', ';', ':', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_end_with_their_credits() {
        for caption in [
            "Guests at the park. (Name Surname / For The Paper)",
            "A victim is carried. (AFP/Getty Images)",
            "Someone waves. (AP Photo/The Daily, A. Name Jr., FILE)",
            "The site at dawn. Photograph: EPA",
            "A man speaks on April 2. Photographer: Name Surname/Agency.",
            "Left, the chart. [SCREEN CAPTURE]",
            "Workers inspect the crane on Sunday. REUTERS/Name Surname",
        ] {
            assert!(ends_with_credit(caption), "{caption}");
        }
        for sentence in [
            "The fine was 2.95 billion euros (about $3.5 billion).",
            "Speeds reached 120 km/h on the bypass.",
            "The court (the EU's General Court) agreed.",
            "Shares fell 3% [to a record low].",
        ] {
            assert!(!ends_with_credit(sentence), "{sentence}");
        }
        assert!(is_credit_line("(Name Surname / For The Paper)"));
        assert!(is_credit_line("Agency News/AP"));
        assert!(!is_credit_line("and/or"));
    }

    #[test]
    fn prompts_are_calls_to_act_not_reports_about_them() {
        assert!(is_prompt("tap to install our app.", 5));
        assert!(is_prompt("sign up for our morning newsletter", 6));
        assert!(!is_prompt(
            "the company said its newsletter reached 2 million readers.",
            9
        ));
        assert!(!is_prompt(
            "officials plan to install the app on every phone, he said",
            11
        ));
    }

    #[test]
    fn related_headings_and_menus() {
        assert!(is_related_heading("recommended for you"));
        assert!(is_related_heading("more coverage on the flood."));
        assert!(!is_related_heading("more than 300 people were hurt."));
        assert!(is_menu("Home | World | Business | Sport"));
        assert!(!is_menu(
            "Rates: 10% | 20% | 34% for the largest, officials said."
        ));
        assert!(is_editor_initials("mkg/hc (Reuters, AFP, dpa, AP)"));
        assert!(!is_editor_initials("and/or"));
    }
}
