//! Every missing key of every table, in one pass. Deserialization stops at a table's first problem, so a
//! data flow missing six keys took six runs of `check`; this walk compares each table of the parsed TOML
//! with the JSON Schema generated from the model (the same types serde reads, so the same required keys)
//! and reports each required key a table lacks. It runs only when a charter fails to deserialize.

use std::ops::Range;

use serde_json::Value;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::suggest::closest;

/// A required key that a table lacks: the table's context in the organiser's words, and its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Missing {
    pub key: String,
    pub context: String,
    pub span: Range<usize>,
}

/// Every required key missing from any table, the top level's sections included, in document order.
pub(super) fn missing_keys(tree: &Spanned<DeTable<'_>>) -> Vec<Missing> {
    let schema = crate::schema::value();
    let walk = Walk { root: &schema };
    let mut out = Vec::new();
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return out;
    };
    let required = schema.get("required").and_then(Value::as_array);
    for key in required.into_iter().flatten().filter_map(Value::as_str) {
        if !tree.get_ref().iter().any(|(k, _)| k.get_ref() == key) {
            out.push(Missing {
                key: key.to_owned(),
                context: "the top level of the charter".to_owned(),
                span: tree.span(),
            });
        }
    }
    for (key, value) in tree.get_ref() {
        if let Some(property) = properties.get(key.get_ref().as_ref()) {
            walk.value(value, property, &Place::top(key.get_ref()), &mut out);
        }
    }
    out.sort_by_key(|m| (m.span.start, m.key.clone()));
    out
}

/// Where a table sits: its header as written (`partners.signatory`), whether it is an entry of a list of
/// tables, and the entries it is inside, for the context of a message.
#[derive(Debug, Clone)]
struct Place {
    header: String,
    within: String,
}

impl Place {
    fn top(key: &str) -> Self {
        Place {
            header: key.to_owned(),
            within: String::new(),
        }
    }

    fn child(&self, key: &str, context: &str) -> Self {
        Place {
            header: format!("{}.{key}", self.header),
            within: context.to_owned(),
        }
    }

    /// The context of a single table: `` `[charter]` `` or `` `[partners.signatory]` of [[partners]] entry 1 ``.
    fn table(&self) -> String {
        self.of(format!("`[{}]`", self.header))
    }

    /// The context of an entry of a list of tables: `[[partners]] entry 2`.
    fn entry(&self, index: usize) -> String {
        self.of(format!("[[{}]] entry {}", self.header, index + 1))
    }

    fn of(&self, own: String) -> String {
        if self.within.is_empty() {
            own
        } else {
            format!("{own} of {}", self.within)
        }
    }
}

struct Walk<'a> {
    root: &'a Value,
}

impl Walk<'_> {
    /// The schema a `$ref` points to, followed until it is not a reference.
    fn resolve<'s>(&'s self, mut schema: &'s Value) -> &'s Value {
        for _ in 0..8 {
            let Some(name) = schema
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"))
            else {
                break;
            };
            match self.root.get("$defs").and_then(|d| d.get(name)) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    fn value(
        &self,
        value: &Spanned<DeValue<'_>>,
        schema: &Value,
        at: &Place,
        out: &mut Vec<Missing>,
    ) {
        let schema = self.resolve(schema);
        match value.get_ref() {
            DeValue::Table(table) => {
                self.table(table, value.span(), schema, &at.table(), at, out);
            }
            DeValue::Array(items) => {
                let Some(item_schema) = schema.get("items") else {
                    return;
                };
                for (i, item) in items.iter().enumerate() {
                    if let DeValue::Table(table) = item.get_ref() {
                        let item_schema = self.resolve(item_schema);
                        self.table(table, item.span(), item_schema, &at.entry(i), at, out);
                    }
                }
            }
            _ => {}
        }
    }

    /// Reports the required keys `table` lacks, then walks its values. A schema that is not a plain object
    /// (a choice between shapes) is left to deserialization, which names the shape it expected.
    fn table(
        &self,
        table: &DeTable<'_>,
        span: Range<usize>,
        schema: &Value,
        context: &str,
        at: &Place,
        out: &mut Vec<Missing>,
    ) {
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
            return;
        };
        let has = |key: &str| table.iter().any(|(k, _)| k.get_ref() == key);
        let required = schema.get("required").and_then(Value::as_array);
        let mut missing: Vec<&str> = required
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter(|key| !has(key))
            .collect();
        // A misspelt key (`idd`) is reported as unknown with the right spelling as its hint; the key it
        // stands for is not reported missing as well.
        for (key, _) in table {
            let key: &str = key.get_ref();
            if !properties.contains_key(key)
                && let Some(meant) = closest(key, &missing)
            {
                missing.retain(|m| *m != meant);
            }
        }
        out.extend(missing.into_iter().map(|key| Missing {
            key: key.to_owned(),
            context: context.to_owned(),
            span: span.clone(),
        }));
        for (key, value) in table {
            if let Some(property) = properties.get(key.get_ref().as_ref()) {
                self.value(value, property, &at.child(key.get_ref(), context), out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing(text: &str) -> Vec<(String, String)> {
        let (tree, errors) = DeTable::parse_recoverable(text);
        assert!(errors.is_empty(), "{errors:?}");
        missing_keys(&tree)
            .into_iter()
            .map(|m| (m.context, m.key))
            .collect()
    }

    #[test]
    fn every_missing_key_of_every_table_is_found_with_its_place() {
        let text = "schema_version = 2\n\
            [[partners]]\nid = \"a\"\nsignatory = { name = \"Ana\" }\n\
            [[data_flows]]\nid = \"f\"\n";
        let found = missing(text);
        let has = |context: &str, key: &str| found.iter().any(|(c, k)| c == context && k == key);
        assert!(has("the top level of the charter", "charter"), "{found:?}");
        // A standing document may leave out its term (E0472 asks for it in the other kinds).
        assert!(!has("the top level of the charter", "term"), "{found:?}");
        assert!(has("[[partners]] entry 1", "legal_name"), "{found:?}");
        assert!(has("[[partners]] entry 1", "short_name"), "{found:?}");
        assert!(
            has("`[partners.signatory]` of [[partners]] entry 1", "title"),
            "{found:?}"
        );
        for key in [
            "name",
            "provider",
            "recipients",
            "identifiability",
            "agreement",
            "permitted_uses",
        ] {
            assert!(has("[[data_flows]] entry 1", key), "{key}: {found:?}");
        }
        assert!(!found.iter().any(|(_, k)| k == "id"), "{found:?}");
        // A misspelt key is an unknown key with a hint, not a missing one too.
        let typo = missing("[[partners]]\nidd = \"a\"\n");
        assert!(!typo.iter().any(|(_, k)| k == "id"), "{typo:?}");
        assert!(typo.iter().any(|(_, k)| k == "legal_name"), "{typo:?}");
    }

    #[test]
    fn a_complete_example_lacks_nothing() {
        let text = include_str!("../../charters/sepsis-advisory-board.toml");
        assert_eq!(missing(text), Vec::<(String, String)>::new());
    }
}
