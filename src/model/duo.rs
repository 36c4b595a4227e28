//! Data use conditions in the codes of the GA4GH Data Use Ontology (DUO): one permission (what research
//! the data may be used for) and any number of modifiers (conditions on that use), with the details some
//! codes need (the disease of DS, the date of MOR, the limit of TS …). Each code has its DUO identifier
//! and its meaning in plain words, for the documents and the JSON checklist.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::values::{Date, Period};

/// A flow's data use conditions, as the Data Use Ontology codes them.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct DataUse {
    /// What research the data may be used for: "GRU", "HMB", "DS", "POA" or "NRES".
    pub permission: DuoPermission,
    /// Conditions on that use, such as "NPU", "PUB", "IRB" or "MOR".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modifiers: Vec<DuoModifier>,
    /// The disease research is limited to, for "DS", e.g. "sepsis".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 200))]
    pub disease: Option<String>,
    /// The date before which no result may be published, for "MOR".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moratorium: Option<Date>,
    /// How long the data may be used, for "TS", e.g. "3 years".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit: Option<Period>,
    /// Where the data may be used, for "GS", e.g. "the United Kingdom".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 200))]
    pub geography: Option<String>,
    /// The kind of research the data is limited to, for "RS", e.g. "cardiovascular outcomes research".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 200))]
    pub research_type: Option<String>,
}

/// A DUO data use permission.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
pub enum DuoPermission {
    /// General research use.
    #[serde(rename = "GRU")]
    Gru,
    /// Health or medical or biomedical research.
    #[serde(rename = "HMB")]
    Hmb,
    /// Disease-specific research.
    #[serde(rename = "DS")]
    Ds,
    /// Population origins or ancestry research only.
    #[serde(rename = "POA")]
    Poa,
    /// No restriction.
    #[serde(rename = "NRES")]
    Nres,
}

/// A DUO data use modifier.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
pub enum DuoModifier {
    /// Not-for-profit use only.
    #[serde(rename = "NPU")]
    Npu,
    /// Non-commercial use only.
    #[serde(rename = "NCU")]
    Ncu,
    /// Publication required.
    #[serde(rename = "PUB")]
    Pub,
    /// Collaboration required.
    #[serde(rename = "COL")]
    Col,
    /// Ethics approval required.
    #[serde(rename = "IRB")]
    Irb,
    /// Geographical restriction.
    #[serde(rename = "GS")]
    Gs,
    /// Publication moratorium.
    #[serde(rename = "MOR")]
    Mor,
    /// Return to database or resource.
    #[serde(rename = "RT")]
    Rt,
    /// Time limit on use.
    #[serde(rename = "TS")]
    Ts,
    /// User-specific restriction.
    #[serde(rename = "US")]
    Us,
    /// Project-specific restriction.
    #[serde(rename = "PS")]
    Ps,
    /// Institution-specific restriction.
    #[serde(rename = "IS")]
    Is,
    /// Population origins or ancestry research prohibited.
    #[serde(rename = "NPOA")]
    Npoa,
    /// No general methods research.
    #[serde(rename = "NMDS")]
    Nmds,
    /// Genetic studies only.
    #[serde(rename = "GSO")]
    Gso,
    /// Research-specific restrictions.
    #[serde(rename = "RS")]
    Rs,
    /// Clinical care use.
    #[serde(rename = "CC")]
    Cc,
}

impl DuoPermission {
    /// The code as written: "DS".
    #[must_use]
    pub fn code(self) -> &'static str {
        self.facts().0
    }

    /// The DUO identifier: "DUO:0000007".
    #[must_use]
    pub fn duo_id(self) -> &'static str {
        self.facts().1
    }

    /// The meaning in words, before any detail: "disease-specific research".
    #[must_use]
    pub fn words(self) -> &'static str {
        self.facts().2
    }

    fn facts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            DuoPermission::Gru => ("GRU", "DUO:0000042", "use for any research purpose"),
            DuoPermission::Hmb => (
                "HMB",
                "DUO:0000006",
                "use for health, medical or biomedical research only",
            ),
            DuoPermission::Ds => ("DS", "DUO:0000007", "use for research on a disease only"),
            DuoPermission::Poa => (
                "POA",
                "DUO:0000011",
                "use for research on population origins or ancestry only",
            ),
            DuoPermission::Nres => ("NRES", "DUO:0000004", "use with no restriction"),
        }
    }
}

impl DuoModifier {
    /// The code as written: "NPU".
    #[must_use]
    pub fn code(self) -> &'static str {
        self.facts().0
    }

    /// The DUO identifier: "DUO:0000045".
    #[must_use]
    pub fn duo_id(self) -> &'static str {
        self.facts().1
    }

    /// The meaning in words, before any detail: "use by not-for-profit organisations only".
    #[must_use]
    pub fn words(self) -> &'static str {
        self.facts().2
    }

    /// The detail this code needs, by its key: `moratorium` for MOR, `time_limit` for TS, `geography`
    /// for GS, `research_type` for RS.
    #[must_use]
    pub fn detail_key(self) -> Option<&'static str> {
        match self {
            DuoModifier::Mor => Some("moratorium"),
            DuoModifier::Ts => Some("time_limit"),
            DuoModifier::Gs => Some("geography"),
            DuoModifier::Rs => Some("research_type"),
            _ => None,
        }
    }

    fn facts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            DuoModifier::Npu => (
                "NPU",
                "DUO:0000045",
                "use by not-for-profit organisations only",
            ),
            DuoModifier::Ncu => ("NCU", "DUO:0000046", "non-commercial use only"),
            DuoModifier::Pub => (
                "PUB",
                "DUO:0000019",
                "the results must be made available to the public",
            ),
            DuoModifier::Col => (
                "COL",
                "DUO:0000020",
                "the user must collaborate with the study's investigators",
            ),
            DuoModifier::Irb => (
                "IRB",
                "DUO:0000021",
                "the user must have the approval of an ethics committee",
            ),
            DuoModifier::Gs => ("GS", "DUO:0000022", "use in a named place only"),
            DuoModifier::Mor => (
                "MOR",
                "DUO:0000024",
                "no result may be published before a date",
            ),
            DuoModifier::Rt => (
                "RT",
                "DUO:0000029",
                "derived data and results must be returned to the provider",
            ),
            DuoModifier::Ts => ("TS", "DUO:0000025", "use for a limited time only"),
            DuoModifier::Us => ("US", "DUO:0000026", "use by approved users only"),
            DuoModifier::Ps => ("PS", "DUO:0000027", "use within the approved project only"),
            DuoModifier::Is => ("IS", "DUO:0000028", "use within approved institutions only"),
            DuoModifier::Npoa => (
                "NPOA",
                "DUO:0000044",
                "no research on population origins or ancestry",
            ),
            DuoModifier::Nmds => ("NMDS", "DUO:0000015", "no research on general methods"),
            DuoModifier::Gso => ("GSO", "DUO:0000016", "use for genetic studies only"),
            DuoModifier::Rs => ("RS", "DUO:0000012", "use for a named kind of research only"),
            DuoModifier::Cc => ("CC", "DUO:0000043", "use for clinical care is allowed"),
        }
    }
}

impl DataUse {
    /// Each condition's code, DUO identifier and plain words, the details written in: ("DS",
    /// "DUO:0000007", "use for research on sepsis only"), ("MOR", …, "no result may be published before
    /// 2027-01-01").
    /// `date` writes a date in the charter's style.
    #[must_use]
    pub fn conditions(
        &self,
        date: impl Fn(Date) -> String,
    ) -> Vec<(&'static str, &'static str, String)> {
        // The detail goes into the words where the code has a blank; a valid charter always gives it.
        let phrase = |generic: &str, code: &str, value: Option<String>| match (code, value) {
            ("DS", Some(v)) => format!("use for research on {v} only"),
            ("MOR", Some(v)) => format!("no result may be published before {v}"),
            ("TS" | "RS", Some(v)) => format!("use for {v} only"),
            ("GS", Some(v)) => format!("use in {v} only"),
            _ => generic.to_owned(),
        };
        let p = self.permission;
        let disease = (p == DuoPermission::Ds)
            .then(|| self.disease.clone())
            .flatten();
        let mut out = vec![(p.code(), p.duo_id(), phrase(p.words(), p.code(), disease))];
        for &m in &self.modifiers {
            let value = match m {
                DuoModifier::Mor => self.moratorium.map(&date),
                DuoModifier::Ts => self.time_limit.map(|t| t.to_string()),
                DuoModifier::Gs => self.geography.clone(),
                DuoModifier::Rs => self.research_type.clone(),
                _ => None,
            };
            out.push((m.code(), m.duo_id(), phrase(m.words(), m.code(), value)));
        }
        out
    }

    /// Whether a detail key is given: `disease`, `moratorium`, `time_limit`, `geography` or
    /// `research_type`.
    #[must_use]
    pub fn has_detail(&self, key: &str) -> bool {
        match key {
            "disease" => self.disease.is_some(),
            "moratorium" => self.moratorium.is_some(),
            "time_limit" => self.time_limit.is_some(),
            "geography" => self.geography.is_some(),
            "research_type" => self.research_type.is_some(),
            _ => false,
        }
    }
}

/// The detail keys, each with the code that needs it.
pub const DETAILS: &[(&str, &str)] = &[
    ("disease", "DS"),
    ("moratorium", "MOR"),
    ("time_limit", "TS"),
    ("geography", "GS"),
    ("research_type", "RS"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> DataUse {
        toml::from_str(text).expect("a data use")
    }

    #[test]
    fn codes_read_and_say_their_meaning_with_their_details() {
        let u = read(
            "permission = \"DS\"\ndisease = \"sepsis\"\nmodifiers = [\"NPU\", \"MOR\"]\nmoratorium = 2027-01-01\n",
        );
        let words: Vec<String> = u
            .conditions(|d| d.to_string())
            .into_iter()
            .map(|(code, id, text)| format!("{text} ({code}, {id})"))
            .collect();
        assert_eq!(
            words,
            [
                "use for research on sepsis only (DS, DUO:0000007)",
                "use by not-for-profit organisations only (NPU, DUO:0000045)",
                "no result may be published before 2027-01-01 (MOR, DUO:0000024)",
            ]
        );
    }

    #[test]
    fn an_unknown_code_is_refused() {
        assert!(toml::from_str::<DataUse>("permission = \"ABC\"").is_err());
        assert!(toml::from_str::<DataUse>("permission = \"HMB\"\nmodifiers = [\"npu\"]").is_err());
    }
}
