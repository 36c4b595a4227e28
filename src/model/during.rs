//! When a data flow's provider sends its data (`during`: phases of `[[phases]]`, or a window of dates),
//! and the data ceilings a partner has in particular phases (`phase_ceilings`), which hold in those
//! phases instead of its `data_ceiling`.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::{Charter, DataCeiling, DataFlow, Date, Partner, Phase};

/// When a flow's data is provided: only during the phases named (`during = ["retrospective"]`), or only
/// between two dates (`during = { from = 2027-01-01, until = 2027-06-30 }`, either end open).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum During {
    /// The ids of the phases in which the data is provided.
    Phases(Vec<String>),
    /// The first and last days on which it is provided.
    Dates(DateWindow),
}

/// A window of dates in which a flow's data is provided; an end left out is open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DateWindow {
    /// The first day the data is provided. Absent: from the start of the term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// The last day the data is provided. Absent: until the use of the data ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
}

/// A partner's data ceiling in one phase, which holds in that phase instead of its `data_ceiling`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseCeiling {
    /// The id of the phase.
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub phase: String,
    /// The most identifiable data the partner may receive in that phase, written as `data_ceiling` is.
    pub data_ceiling: DataCeiling,
}

/// A ceiling that holds for a recipient while a flow runs: in one phase, or (`phase` is `None`) its
/// `data_ceiling`, wherever no phase ceiling takes its place.
#[derive(Debug, Clone, Copy)]
pub struct HeldCeiling<'c> {
    /// The phase the ceiling holds in.
    pub phase: Option<&'c Phase>,
    /// The ceiling.
    pub ceiling: &'c DataCeiling,
}

impl HeldCeiling<'_> {
    /// The phase it holds in, in words for a diagnostic: ` in the phase "Silent pilot"`, or nothing.
    #[must_use]
    pub fn in_phase(&self) -> String {
        self.phase
            .map(|p| format!(" in the phase \"{}\"", p.name))
            .unwrap_or_default()
    }
}

impl DataFlow {
    /// The phase ids the flow is limited to; empty when it is not limited to phases.
    #[must_use]
    pub fn during_phases(&self) -> &[String] {
        match &self.during {
            Some(During::Phases(ids)) => ids,
            _ => &[],
        }
    }
}

impl Charter {
    /// The phases in which a flow's data is provided: those `during` names, those that overlap its window
    /// of dates, or every phase when the flow is not limited.
    #[must_use]
    pub fn phases_of(&self, f: &DataFlow) -> Vec<&Phase> {
        match &f.during {
            Some(During::Phases(ids)) => ids
                .iter()
                .filter_map(|id| self.phases.iter().find(|p| p.id == *id))
                .collect(),
            Some(During::Dates(w)) => self.phases.iter().filter(|p| w.overlaps(p)).collect(),
            None => self.phases.iter().collect(),
        }
    }

    /// The first day a flow's data is provided, when the charter says: the start of its earliest phase or
    /// of its window.
    #[must_use]
    pub fn flow_starts(&self, f: &DataFlow) -> Option<Date> {
        match &f.during {
            Some(During::Phases(_)) => self.phases_of(f).iter().map(|p| p.start).min(),
            Some(During::Dates(w)) => w.from,
            None => None,
        }
    }

    /// The ceilings that hold for `partner` while `f` runs: its phase ceiling in each phase of the flow
    /// that has one, and its `data_ceiling` while the flow runs outside such phases.
    #[must_use]
    pub fn ceilings_for<'c>(&'c self, partner: &'c Partner, f: &DataFlow) -> Vec<HeldCeiling<'c>> {
        let phases = self.phases_of(f);
        let in_phase = |p: &Phase| {
            partner
                .phase_ceilings
                .iter()
                .find(|c| c.phase == p.id)
                .map(|c| &c.data_ceiling)
        };
        let mut held: Vec<HeldCeiling<'c>> = phases
            .iter()
            .filter_map(|p| {
                in_phase(p).map(|ceiling| HeldCeiling {
                    phase: Some(*p),
                    ceiling,
                })
            })
            .collect();
        let own = |p: &Phase| in_phase(p).is_some();
        let outside = match &f.during {
            Some(During::Phases(_)) => !phases.iter().all(|p| own(p)),
            // A window, or the whole term, is held to the data ceiling unless phases with their own
            // ceilings cover it end to end.
            Some(During::Dates(w)) => !self.covered(w, &phases, own),
            None => !self.covered(&DateWindow::default(), &phases, own),
        };
        if let (true, Some(ceiling)) = (outside, &partner.data_ceiling) {
            held.insert(
                0,
                HeldCeiling {
                    phase: None,
                    ceiling,
                },
            );
        }
        held
    }

    /// Whether every day of a window, its open ends closed at the term's, falls in one of `phases` that
    /// has a ceiling of its own (`own`).
    fn covered(&self, w: &DateWindow, phases: &[&Phase], own: impl Fn(&Phase) -> bool) -> bool {
        w.bounded(self.term_starts(), self.term_ends())
            .within(phases.iter().filter(|p| own(p)))
    }
}

impl DateWindow {
    /// Whether the window shares a day with a phase.
    #[must_use]
    pub fn overlaps(&self, p: &Phase) -> bool {
        self.from.is_none_or(|from| p.end >= from)
            && self.until.is_none_or(|until| p.start <= until)
    }

    /// The window with an open end closed at the term's: from the day the term begins, until the day it
    /// ends, when those are known.
    #[must_use]
    pub fn bounded(&self, start: Option<Date>, end: Option<Date>) -> DateWindow {
        DateWindow {
            from: self.from.or(start),
            until: self.until.or(end),
        }
    }

    /// Whether every day of the window falls within one of `phases`: a closed window covered by them
    /// end to end.
    fn within<'p>(&self, phases: impl Iterator<Item = &'p &'p Phase>) -> bool {
        let (Some(from), Some(until)) = (self.from, self.until) else {
            return false;
        };
        let mut spans: Vec<(Date, Date)> = phases.map(|p| (p.start, p.end)).collect();
        spans.sort();
        let mut next = from;
        for (start, end) in spans {
            if start > next {
                break;
            }
            if end >= next {
                next = end.add_days(1);
            }
            if next > until {
                return true;
            }
        }
        false
    }
}

impl fmt::Display for During {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            During::Phases(ids) => {
                let quoted: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
                write!(f, "[{}]", quoted.join(", "))
            }
            During::Dates(w) => {
                let mut parts = Vec::new();
                if let Some(from) = w.from {
                    parts.push(format!("from = {from}"));
                }
                if let Some(until) = w.until {
                    parts.push(format!("until = {until}"));
                }
                write!(f, "{{ {} }}", parts.join(", "))
            }
        }
    }
}

/// What `during` is written as.
const DURING_WORDS: &str = "a list of phase ids such as `[\"retrospective\"]`, or a table of dates such as `{ from = 2027-01-01, until = 2027-06-30 }`";

impl<'de> Deserialize<'de> for During {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DuringVisitor;
        impl<'de> Visitor<'de> for DuringVisitor {
            type Value = During;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(DURING_WORDS)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<During, E> {
                Err(E::custom(format!(
                    "a single text: write the phase in a list, `during = [\"{v}\"]`"
                )))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<During, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                if ids.is_empty() {
                    return Err(de::Error::custom(
                        "an empty list: name the phases, such as `during = [\"retrospective\"]`, or leave `during` out",
                    ));
                }
                Ok(During::Phases(ids))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<During, A::Error> {
                let w = DateWindow::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if w.from.is_none() && w.until.is_none() {
                    return Err(de::Error::custom(
                        "an empty table: give `from`, `until` or both, such as `{ from = 2027-01-01, until = 2027-06-30 }`",
                    ));
                }
                Ok(During::Dates(w))
            }
        }
        deserializer.deserialize_any(DuringVisitor)
    }
}

impl JsonSchema for During {
    fn schema_name() -> Cow<'static, str> {
        "During".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let window = generator.subschema_for::<DateWindow>();
        json_schema!({
            "description": "When the flow's data is provided: only during the phases named (a list of phase ids), or only between two dates ({ from = 2027-01-01, until = 2027-06-30 }, either end open).",
            "anyOf": [
                {
                    "type": "array",
                    "items": { "type": "string", "pattern": super::ID_PATTERN },
                    "minItems": 1
                },
                window
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{DateWindow, During};
    use crate::model::Date;

    fn during(written: &str) -> Result<During, String> {
        #[derive(serde::Deserialize)]
        struct Flow {
            during: During,
        }
        toml::from_str::<Flow>(&format!("during = {written}"))
            .map(|f| f.during)
            .map_err(|e| e.message().to_owned())
    }

    fn day(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn during_is_a_list_of_phases_or_a_window_of_dates() {
        assert_eq!(
            during("[\"pilot\", \"retrospective\"]"),
            Ok(During::Phases(vec!["pilot".into(), "retrospective".into()]))
        );
        assert_eq!(
            during("{ from = 2027-01-01 }"),
            Ok(During::Dates(DateWindow {
                from: Some(day(2027, 1, 1)),
                until: None
            }))
        );
        assert!(
            during("\"pilot\"")
                .unwrap_err()
                .contains("`during = [\"pilot\"]`")
        );
        assert!(during("[]").unwrap_err().contains("an empty list"));
        assert!(
            during("{}")
                .unwrap_err()
                .contains("give `from`, `until` or both")
        );
        assert!(during("{ to = 2027-01-01 }").is_err());
    }

    #[test]
    fn during_is_shown_as_it_is_written() {
        assert_eq!(
            during("[\"pilot\"]").expect("phases").to_string(),
            "[\"pilot\"]"
        );
        assert_eq!(
            during("{ from = 2027-01-01, until = 2027-06-30 }")
                .expect("dates")
                .to_string(),
            "{ from = 2027-01-01, until = 2027-06-30 }"
        );
    }
}
