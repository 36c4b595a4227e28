//! The JSON Schema (draft 2020-12) of the charter format, generated from the model types, so that editors
//! can complete keys and flag mistakes as the organiser types. It describes the shape of a charter (keys,
//! types, vocabularies, id and period syntax); the cross-field rules stay with `charter check`.
//!
//! Imports only the model.

use schemars::Schema;
use schemars::generate::SchemaSettings;
use schemars::transform::transform_subschemas;
use serde_json::{Value, json};

use crate::model::Charter;

/// The schema as pretty-printed JSON, ending with a newline.
#[must_use]
pub fn generate() -> String {
    // A map of strings and numbers always serializes.
    serde_json::to_string_pretty(&schema()).unwrap_or_default() + "\n"
}

/// The schema as a JSON value, for walking it (`check` compares a charter's tables with it).
#[must_use]
pub fn value() -> Value {
    schema().to_value()
}

fn schema() -> Schema {
    let mut schema = SchemaSettings::draft2020_12()
        .with_transform(plain_enums)
        .with_transform(no_null)
        .into_generator()
        .into_root_schema_for::<Charter>();
    schema.insert("title".to_owned(), "charter".into());
    schema.insert(
        "description".to_owned(),
        "A multi-party partnership charter, as read by `charter check` and `charter render`. See docs/format.md for every key and docs/rules.md for the checks the schema cannot express.".into(),
    );
    schema
}

/// Drops the `null` that the derive allows beside every optional value: TOML has no null (an optional
/// key is left out), and the extra `anyOf` branch made an editor report one wrong value in an optional
/// table as a failure of the whole table, many times over, without naming the key.
fn no_null(schema: &mut Schema) {
    if let Some(object) = schema.as_object_mut() {
        if object.get("default") == Some(&Value::Null) {
            object.remove("default");
        }
        if let Some(Value::Array(types)) = object.get_mut("type") {
            types.retain(|t| t != "null");
            if let [only] = types.as_slice() {
                let only = only.clone();
                object.insert("type".to_owned(), only);
            }
        }
        for key in ["anyOf", "oneOf"] {
            let Some(Value::Array(branches)) = object.get(key) else {
                continue;
            };
            let is_null = |b: &Value| {
                b.get("type") == Some(&json!("null")) && b.as_object().is_some_and(|o| o.len() == 1)
            };
            let kept: Vec<Value> = branches.iter().filter(|b| !is_null(b)).cloned().collect();
            if kept.len() == branches.len() {
                continue;
            }
            object.remove(key);
            match kept.as_slice() {
                [Value::Object(only)] => {
                    for (k, v) in only {
                        object.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                }
                _ => {
                    object.insert(key.to_owned(), Value::Array(kept));
                }
            }
        }
    }
    transform_subschemas(&mut no_null, schema);
}

/// Rewrites a closed vocabulary, which the derive writes as `oneOf` a `const` per documented word, as one
/// `enum` with the words' documentation in taplo's `x-taplo.docs.enumValues`. It accepts exactly the same
/// values, and editors that implement only older drafts (taplo documents draft 4) complete the words and
/// show their meaning.
fn plain_enums(schema: &mut Schema) {
    if let Some(object) = schema.as_object_mut()
        && let Some(Value::Array(branches)) = object.get("oneOf")
    {
        let words: Option<Vec<(Value, Value)>> = branches
            .iter()
            .map(|branch| {
                let branch = branch.as_object()?;
                let word = branch.get("const")?.clone();
                let docs = branch.get("description").cloned().unwrap_or(Value::Null);
                Some((word, docs))
            })
            .collect();
        if let Some(words) = words {
            let (values, docs): (Vec<Value>, Vec<Value>) = words.into_iter().unzip();
            object.remove("oneOf");
            object.insert("type".to_owned(), json!("string"));
            object.insert("enum".to_owned(), Value::Array(values));
            object.insert(
                "x-taplo".to_owned(),
                json!({ "docs": { "enumValues": docs } }),
            );
        }
    }
    transform_subschemas(&mut plain_enums, schema);
}
