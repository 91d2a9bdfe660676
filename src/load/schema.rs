//! Structural validation of a parsed TOML document against the brief and
//! seed schemas. Unlike serde, which stops at the first problem, this walks
//! the whole document and reports every unknown key, wrong type, missing or
//! empty field and invalid date, each with the span of the offending value.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diag::ProblemCode;
use crate::model::Status;

/// What a field holds.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// A string.
    Text,
    /// A list of strings.
    TextList,
    /// A date: a TOML date or a "YYYY-MM-DD" string.
    Date,
    /// One of the given strings.
    OneOf(&'static [&'static str]),
    /// An inline or standard table.
    Table(&'static [Field]),
    /// An array of tables (`[[findings]]`).
    Tables(&'static [Field]),
    /// An integer or a float.
    Number,
    /// `true` or `false`.
    Bool,
    /// A table whose contents serde validates (e.g. `[audiences.NAME]`).
    AnyTable,
}

/// Whether a field must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    Optional,
    /// Present, and for text and lists not empty.
    Required,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub need: Need,
}

const fn req(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        need: Need::Required,
    }
}

const fn opt(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        need: Need::Optional,
    }
}

pub(crate) const STATUSES: &[&str] = &Status::KEYS;

const FIGURE: &[Field] = &[
    req("value", Kind::Text),
    req("label", Kind::Text),
    req("sources", Kind::TextList),
    opt("note", Kind::Text),
];

const EVIDENCE: &[Field] = &[
    req("source", Kind::Text),
    req("quote", Kind::Text),
    opt("side", Kind::Text),
];

const FINDING: &[Field] = &[
    req("id", Kind::Text),
    req("status", Kind::OneOf(STATUSES)),
    req("claim", Kind::Text),
    req("why", Kind::Text),
    opt("tags", Kind::TextList),
    opt("review_by", Kind::Date),
    opt("evidence", Kind::Tables(EVIDENCE)),
];

const TIMELINE: &[Field] = &[
    req("date", Kind::Text),
    req("event", Kind::Text),
    opt("sources", Kind::TextList),
];

const PULL_QUOTE: &[Field] = &[
    req("text", Kind::Text),
    req("source", Kind::Text),
    opt("attribution", Kind::Text),
];

const BAR: &[Field] = &[
    req("label", Kind::Text),
    req("value", Kind::Number),
    opt("display", Kind::Text),
    opt("sources", Kind::TextList),
    opt("highlight", Kind::Bool),
];

const CHART: &[Field] = &[
    req("title", Kind::Text),
    req("unit", Kind::Text),
    req("bars", Kind::Tables(BAR)),
];

/// The schema of `briefs/*.toml` (mirrors [`crate::model::Brief`]).
pub(crate) const BRIEF: &[Field] = &[
    req("kicker", Kind::Text),
    req("title", Kind::Text),
    req("deck", Kind::Text),
    req("as_of", Kind::Date),
    opt("authors", Kind::TextList),
    opt("keywords", Kind::TextList),
    req("bottom_line", Kind::Text),
    opt("figures", Kind::Tables(FIGURE)),
    opt("findings", Kind::Tables(FINDING)),
    opt("timeline", Kind::Tables(TIMELINE)),
    opt("pull_quote", Kind::Table(PULL_QUOTE)),
    opt("charts", Kind::Tables(CHART)),
    opt("audiences", Kind::AnyTable),
    opt("draft", Kind::Bool),
];

/// The schema of a seed's front matter (mirrors [`crate::model::source::SourceMeta`]).
pub(crate) const SEED: &[Field] = &[
    req("id", Kind::Text),
    opt("title", Kind::Text),
    opt("outlet", Kind::Text),
    opt("author", Kind::Text),
    opt("published", Kind::Date),
    opt("url", Kind::Text),
];

/// One structural problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Issue {
    pub code: ProblemCode,
    pub span: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// For an unknown key: the table it is in (`findings[0].evidence[1]`,
    /// empty for the top level) and the key, so a lenient load can drop it.
    pub unknown: Option<(String, String)>,
}

/// Validates a whole document; `header` is where "missing field" problems
/// of the top-level table point (its first line).
pub(crate) fn validate(root: &DeTable<'_>, schema: &[Field], header: Range<usize>) -> Vec<Issue> {
    let mut issues = Vec::new();
    table(root, schema, "", header, &mut issues);
    issues
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn table(t: &DeTable<'_>, schema: &[Field], at: &str, span: Range<usize>, out: &mut Vec<Issue>) {
    for (key, value) in t.iter() {
        let name = key.get_ref().as_ref();
        match schema.iter().find(|f| f.name == name) {
            Some(field) => check_value(value, field, &join(at, name), out),
            None => out.push(unknown_key(key.span(), name, at, schema)),
        }
    }
    for field in schema.iter().filter(|f| f.need == Need::Required) {
        if !t.iter().any(|(k, _)| k.get_ref().as_ref() == field.name) {
            let whole = join(at, field.name);
            out.push(Issue {
                code: ProblemCode::MissingField,
                unknown: None,
                span: span.clone(),
                message: format!("missing required field `{whole}`"),
                hint: Some(format!("add `{} = ...` to this table", field.name)),
            });
        }
    }
}

fn unknown_key(span: Range<usize>, name: &str, at: &str, schema: &[Field]) -> Issue {
    let best = schema
        .iter()
        .map(|f| (strsim::jaro_winkler(name, f.name), f.name))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let hint = match best {
        Some((score, known)) if score > 0.8 => format!("did you mean `{known}`?"),
        _ => format!(
            "expected one of: {}",
            schema.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
        ),
    };
    let place = if at.is_empty() {
        String::new()
    } else {
        format!(" in `{at}`")
    };
    Issue {
        code: ProblemCode::UnknownKey,
        span,
        message: format!("unknown key `{name}`{place}"),
        hint: Some(hint),
        unknown: Some((at.to_string(), name.to_string())),
    }
}

fn check_value(value: &Spanned<DeValue<'_>>, field: &Field, at: &str, out: &mut Vec<Issue>) {
    let span = value.span();
    let v = value.get_ref();
    let wrong = |expected: &str| Issue {
        code: ProblemCode::WrongType,
        unknown: None,
        span: span.clone(),
        message: format!(
            "`{at}` should be {expected}, found {}",
            article(v.type_str())
        ),
        hint: None,
    };
    match field.kind {
        Kind::Text => match v.as_str() {
            Some(s) if s.trim().is_empty() && field.need == Need::Required => {
                out.push(empty(span, at))
            }
            Some(_) => {}
            None => out.push(Issue {
                hint: Some("put the text in quotes".into()),
                ..wrong("a string")
            }),
        },
        Kind::TextList => match v.as_array() {
            Some(items) => {
                if items.is_empty() && field.need == Need::Required {
                    out.push(empty(span.clone(), at));
                }
                for (i, item) in items.iter().enumerate() {
                    match item.get_ref().as_str() {
                        Some(s) if s.trim().is_empty() => {
                            out.push(empty(item.span(), &format!("{at}[{i}]")))
                        }
                        Some(_) => {}
                        None => out.push(Issue {
                            code: ProblemCode::WrongType,
                            unknown: None,
                            span: item.span(),
                            message: format!(
                                "`{at}[{i}]` should be a string, found {}",
                                article(item.get_ref().type_str())
                            ),
                            hint: None,
                        }),
                    }
                }
            }
            None => out.push(Issue {
                hint: Some(format!("write a list: {} = [\"...\"]", last(at))),
                ..wrong("a list of strings")
            }),
        },
        Kind::Date => {
            if let Some(message) = date_problem(v) {
                out.push(Issue {
                    code: ProblemCode::InvalidDate,
                    unknown: None,
                    span,
                    message: format!("`{at}`: {message}"),
                    hint: Some("write the date as YYYY-MM-DD, e.g. 2026-07-02".into()),
                });
            }
        }
        Kind::OneOf(options) => match v.as_str() {
            Some(s) if options.contains(&s) => {}
            Some(s) => out.push(Issue {
                code: ProblemCode::InvalidValue,
                unknown: None,
                span,
                message: format!("`{at}` has an unknown value `{s}`"),
                hint: Some(match closest(s, options) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("expected one of: {}", options.join(", ")),
                }),
            }),
            None => out.push(Issue {
                hint: Some(format!("expected one of: {}", options.join(", "))),
                ..wrong("a string")
            }),
        },
        Kind::Number => {
            let finite = v.as_float().map(|f| {
                f.as_str()
                    .replace('_', "")
                    .parse::<f64>()
                    .is_ok_and(f64::is_finite)
            });
            if !(v.is_integer() || v.is_float()) {
                out.push(Issue {
                    hint: Some("write the number without quotes: 1600".into()),
                    ..wrong("a number")
                });
            } else if finite == Some(false) {
                out.push(Issue {
                    hint: Some("nan and inf cannot be drawn; write the value".into()),
                    ..wrong("a finite number")
                });
            }
        }
        Kind::Bool => {
            if !v.is_bool() {
                out.push(Issue {
                    hint: Some("write true or false, without quotes".into()),
                    ..wrong("true or false")
                });
            }
        }
        Kind::AnyTable => {
            if !v.is_table() {
                out.push(wrong("a table"));
            }
        }
        Kind::Table(schema) => match v.as_table() {
            Some(t) => table(t, schema, at, span, out),
            None => out.push(wrong("a table")),
        },
        Kind::Tables(schema) => match v.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    let here = format!("{at}[{i}]");
                    match item.get_ref().as_table() {
                        Some(t) => table(t, schema, &here, item.span(), out),
                        None => out.push(Issue {
                            code: ProblemCode::WrongType,
                            unknown: None,
                            span: item.span(),
                            message: format!(
                                "`{here}` should be a table, found {}",
                                article(item.get_ref().type_str())
                            ),
                            hint: Some(format!("write it as [[{at}]] with keys below")),
                        }),
                    }
                }
            }
            None => out.push(Issue {
                hint: Some(format!("write each entry as a [[{at}]] table")),
                ..wrong("an array of tables")
            }),
        },
    }
}

fn empty(span: Range<usize>, at: &str) -> Issue {
    Issue {
        code: ProblemCode::EmptyField,
        unknown: None,
        span,
        message: format!("`{at}` is empty"),
        hint: Some("fill it in or remove the entry".into()),
    }
}

fn last(at: &str) -> &str {
    at.rsplit('.').next().unwrap_or(at)
}

fn article(type_str: &str) -> String {
    let a = if type_str.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{a} {type_str}")
}

/// The closest of `options` to `s`, if it is close enough to be a typo.
pub(crate) fn closest<'a>(s: &str, options: &[&'a str]) -> Option<&'a str> {
    options
        .iter()
        .map(|o| (strsim::jaro_winkler(&s.to_lowercase(), o), *o))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, o)| o)
}

/// Why a value is not a valid date, or `None` if it is one.
fn date_problem(v: &DeValue<'_>) -> Option<String> {
    if let Some(dt) = v.as_datetime() {
        return match (dt.date, dt.time) {
            (Some(d), None)
                if chrono::NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)
                    .is_some() =>
            {
                None
            }
            (Some(_), None) => Some(format!("invalid date `{dt}`")),
            _ => Some(format!("expected a date, found the date-time `{dt}`")),
        };
    }
    match v.as_str() {
        Some(s) => chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .is_err()
            .then(|| format!("invalid date `{s}`")),
        None => Some(format!("expected a date, found {}", article(v.type_str()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema must accept everything the model can hold: a brief with
    /// every optional part, serialised, validates without issues.
    #[test]
    fn schema_matches_the_model() {
        let text = r#"
kicker = "k"
title = "t"
deck = "d"
as_of = 2026-07-02
authors = ["a"]
keywords = ["k"]
bottom_line = "b"
[[figures]]
value = "1"
label = "l"
sources = ["s"]
note = "n"
[[findings]]
id = "f"
status = "watch"
claim = "c"
why = "w"
tags = ["t"]
review_by = "2026-07-02"
[[findings.evidence]]
source = "s"
quote = "q"
side = "x"
[[timeline]]
date = "2026"
event = "e"
sources = ["s"]
[pull_quote]
text = "q"
source = "s"
attribution = "a"
[[charts]]
title = "c"
unit = "u"
[[charts.bars]]
label = "l"
value = 1.5
display = "1.5"
sources = ["s"]
highlight = true
"#;
        let brief: crate::model::Brief = toml::from_str(text).expect("the model accepts it");
        let again = toml::to_string(&brief).unwrap();
        for doc in [text, again.as_str()] {
            let root = toml::de::DeTable::parse(doc).unwrap();
            let issues = validate(root.get_ref(), BRIEF, 0..0);
            assert!(issues.is_empty(), "{issues:?}\n{doc}");
        }
    }
}
