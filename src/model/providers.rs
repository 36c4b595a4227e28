//! The partners that provide a data flow: one (`provider = "northstar"`), or several that provide the same
//! data on the same terms (`provider = ["northstar", "riverbend"]`), so that one table replaces several
//! that differ only in their provider.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// The providers of a flow, in the order written, and whether they were written as a list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Providers {
    ids: Vec<String>,
    listed: bool,
}

impl Providers {
    /// One provider, written as text.
    #[must_use]
    pub fn one(id: &str) -> Self {
        Providers {
            ids: vec![id.to_owned()],
            listed: false,
        }
    }

    /// Whether the providers were written as a list, whose entries each have their own place in the
    /// file (`provider[1]`), rather than as one text.
    #[must_use]
    pub fn listed(&self) -> bool {
        self.listed
    }
}

impl Deref for Providers {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.ids
    }
}

/// What `provider` is written as.
const PROVIDER_WORDS: &str =
    "a partner id such as \"northstar\", or a list of them such as [\"northstar\", \"riverbend\"]";

impl<'de> Deserialize<'de> for Providers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ProvidersVisitor;
        impl<'de> Visitor<'de> for ProvidersVisitor {
            type Value = Providers;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(PROVIDER_WORDS)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Providers, E> {
                Ok(Providers::one(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Providers, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                if ids.is_empty() {
                    return Err(de::Error::custom(
                        "an empty list: name the partner that provides the data, such as `provider = \"northstar\"`",
                    ));
                }
                Ok(Providers { ids, listed: true })
            }
        }
        deserializer.deserialize_any(ProvidersVisitor)
    }
}

// Written back as it was written, so that `charter diff` compares one provider as text and several as a
// list.
impl Serialize for Providers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.listed, self.ids.as_slice()) {
            (false, [one]) => serializer.serialize_str(one),
            _ => self.ids.serialize(serializer),
        }
    }
}

impl JsonSchema for Providers {
    fn schema_name() -> Cow<'static, str> {
        "Providers".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The partner that provides the data, or a list of partners that each provide it on the same terms.",
            "anyOf": [
                { "type": "string", "pattern": super::ID_PATTERN },
                {
                    "type": "array",
                    "items": { "type": "string", "pattern": super::ID_PATTERN },
                    "minItems": 1
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Providers;

    fn providers(written: &str) -> Result<Providers, String> {
        #[derive(serde::Deserialize)]
        struct Flow {
            provider: Providers,
        }
        toml::from_str::<Flow>(&format!("provider = {written}"))
            .map(|f| f.provider)
            .map_err(|e| e.message().to_owned())
    }

    #[test]
    fn a_provider_is_one_id_or_a_list_and_is_written_back_as_it_came() {
        let one = providers("\"northstar\"").expect("one");
        assert_eq!(&*one, ["northstar"]);
        assert!(!one.listed());
        assert_eq!(serde_json::to_string(&one).expect("json"), "\"northstar\"");
        let two = providers("[\"northstar\", \"riverbend\"]").expect("two");
        assert_eq!(&*two, ["northstar", "riverbend"]);
        assert!(two.listed());
        assert_eq!(
            serde_json::to_string(&two).expect("json"),
            "[\"northstar\",\"riverbend\"]"
        );
        assert!(providers("[]").unwrap_err().contains("an empty list"));
        assert!(providers("3").is_err());
    }
}
