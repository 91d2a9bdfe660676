//! The layering of the crate's modules, checked over its source: every
//! `crate::` (and `super::`) path a module names must lead to its own layer
//! or one below, and no two files may depend on each other in a cycle.
//! The layers are drawn in the crate's doc (`lib.rs`).

/// The layers, bottom first; each top-level module is in exactly one.
const LAYERS: &[&[&str]] = &[
    &["diag", "error"],
    &["util"],
    &["model"],
    &["load"],
    &["check", "extract", "numbers", "ingest", "draft", "diff"],
    &["render"],
    &["typeset", "diagnostics"],
    &["edition"],
    &["project", "build", "watch", "scaffold", "schedule"],
];

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    use super::LAYERS;

    /// The library's source files by module path (`load::seed`), with their text.
    fn modules() -> BTreeMap<String, String> {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
        let mut out = BTreeMap::new();
        for top in lib
            .lines()
            .filter_map(|l| {
                l.strip_prefix("pub mod ")
                    .or_else(|| l.strip_prefix("pub(crate) mod "))
            })
            .map(|l| l.trim_end_matches(';').to_string())
        {
            let file = src.join(format!("{top}.rs"));
            if file.is_file() {
                out.insert(top.clone(), std::fs::read_to_string(file).unwrap());
            } else {
                collect(&src.join(&top), &top, &mut out);
            }
        }
        out
    }

    fn collect(dir: &Path, module: &str, out: &mut BTreeMap<String, String>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                collect(&path, &format!("{module}::{stem}"), out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let name = if stem == "mod" {
                    module.to_string()
                } else {
                    format!("{module}::{stem}")
                };
                out.insert(name, std::fs::read_to_string(&path).unwrap());
            }
        }
    }

    /// The code of a file without comments and without its test module.
    fn code(text: &str) -> String {
        let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
        text.lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Every path named after `crate::` or `super::` in `code`, absolute
    /// (`{a, b::c}` groups expanded).
    fn paths(module: &str, is_mod_rs: bool, code: &str) -> Vec<String> {
        let mut parent: Vec<&str> = module.split("::").collect();
        if !is_mod_rs {
            parent.pop();
        }
        let mut found = Vec::new();
        for (prefix, base) in [("crate::", String::new()), ("super::", parent.join("::"))] {
            let mut rest = code;
            while let Some(at) = rest.find(prefix) {
                let before = rest[..at].chars().next_back();
                rest = &rest[at + prefix.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                for path in expand(rest) {
                    found.push(if base.is_empty() {
                        path
                    } else {
                        format!("{base}::{path}")
                    });
                }
            }
        }
        found
    }

    /// The paths at the start of `text`: `a::b` or a `{a, b::{c, d}}` group.
    fn expand(text: &str) -> Vec<String> {
        let ident_end = text
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(text.len());
        let head = text[..ident_end].trim_end_matches(':');
        let after = &text[ident_end..];
        if !after.starts_with('{') {
            return vec![head.to_string()];
        }
        let mut depth = 0;
        let mut items = Vec::new();
        let mut start = 1;
        for (i, c) in after.char_indices() {
            match c {
                '{' => depth += 1,
                '}' | ',' if depth == 1 => {
                    items.push(after[start..i].trim());
                    start = i + 1;
                    if c == '}' {
                        break;
                    }
                }
                '}' => depth -= 1,
                _ => {}
            }
        }
        items
            .into_iter()
            .filter(|i| !i.is_empty())
            .flat_map(expand)
            .map(|p| match head {
                "" => p,
                h => format!("{h}::{p}"),
            })
            .collect()
    }

    /// The module a path leads to: its longest prefix that is a module.
    fn module_of<'m>(path: &str, modules: &'m BTreeMap<String, String>) -> Option<&'m str> {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len())
            .rev()
            .map(|n| parts[..n].join("::"))
            .find_map(|p| modules.get_key_value(&p).map(|(k, _)| k.as_str()))
    }

    fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
        let modules = modules();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        modules
            .iter()
            .map(|(name, text)| {
                let is_mod_rs = src.join(name.replace("::", "/")).join("mod.rs").is_file();
                let deps = paths(name, is_mod_rs, &code(text))
                    .iter()
                    .filter_map(|p| module_of(p, &modules))
                    .filter(|m| m != name)
                    .map(str::to_string)
                    .collect();
                (name.clone(), deps)
            })
            .collect()
    }

    fn layer_of(module: &str) -> usize {
        let top = module.split("::").next().unwrap();
        LAYERS
            .iter()
            .position(|l| l.contains(&top))
            .unwrap_or_else(|| panic!("module `{top}` is in no layer of layers.rs"))
    }

    #[test]
    fn every_module_uses_only_its_layer_and_those_below() {
        let mut wrong = Vec::new();
        for (module, deps) in dependencies() {
            for dep in deps {
                if layer_of(&dep) > layer_of(&module) {
                    wrong.push(format!("{module} -> {dep}"));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "upward dependencies:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn no_two_modules_depend_on_each_other_in_a_cycle() {
        let deps = dependencies();
        // Depth-first search; a module met again while on the stack closes a cycle.
        fn visit<'d>(
            m: &'d str,
            deps: &'d BTreeMap<String, BTreeSet<String>>,
            stack: &mut Vec<&'d str>,
            done: &mut BTreeSet<&'d str>,
        ) -> Option<Vec<String>> {
            if let Some(i) = stack.iter().position(|s| *s == m) {
                let mut cycle: Vec<String> = stack[i..].iter().map(|s| s.to_string()).collect();
                cycle.push(m.to_string());
                return Some(cycle);
            }
            if !done.insert(m) {
                return None;
            }
            stack.push(m);
            for d in deps.get(m).into_iter().flatten() {
                if let Some(c) = visit(d, deps, stack, done) {
                    return Some(c);
                }
            }
            stack.pop();
            None
        }
        let mut done = BTreeSet::new();
        for m in deps.keys() {
            let cycle = visit(m, &deps, &mut Vec::new(), &mut done);
            assert!(cycle.is_none(), "cycle: {}", cycle.unwrap().join(" -> "));
        }
    }

    #[test]
    fn the_checker_sees_grouped_and_relative_paths() {
        let code = "use crate::{diag::{Problem, pos}, util::fs};\nuse super::x::Y;";
        assert_eq!(
            paths("load::seed", false, code),
            ["diag::Problem", "diag::pos", "util::fs", "load::x::Y"]
        );
    }
}
