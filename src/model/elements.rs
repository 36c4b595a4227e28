//! What a data flow carries, element by element, and the de-identification methods a partner's data
//! ceiling accepts. The vocabulary covers the 18 identifiers of the HIPAA Safe Harbor method (45 CFR
//! 164.514(b)(2)(i)), split where a limited data set keeps part of one (45 CFR 164.514(e)(2)), and the
//! common elements that identify no one.

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::Identifiability;

/// One element of data a flow carries, from a closed vocabulary.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum DataElement {
    /// Names of patients, relatives, employers or household members (Safe Harbor identifier A).
    Names,
    /// Street addresses (Safe Harbor identifier B; a direct identifier of a limited data set).
    StreetAddress,
    /// Cities or towns (Safe Harbor identifier B; a limited data set may keep them).
    City,
    /// Counties (Safe Harbor identifier B; a limited data set may keep them).
    County,
    /// Precincts (Safe Harbor identifier B; a limited data set may keep them).
    Precinct,
    /// Five-digit ZIP codes (Safe Harbor identifier B; a limited data set may keep them).
    Zip5,
    /// Every element of a date but the year: of birth, admission, discharge, death or service (Safe
    /// Harbor identifier C; a limited data set may keep them).
    DatesFinerThanYear,
    /// Ages over 89 (Safe Harbor identifier C; a limited data set may keep them).
    #[serde(rename = "ages_over_89")]
    AgesOver89,
    /// Telephone numbers (Safe Harbor identifier D).
    TelephoneNumbers,
    /// Fax numbers (Safe Harbor identifier E).
    FaxNumbers,
    /// E-mail addresses (Safe Harbor identifier F).
    EmailAddresses,
    /// Social security numbers (Safe Harbor identifier G).
    SocialSecurityNumbers,
    /// Medical record numbers (Safe Harbor identifier H).
    RecordNumbers,
    /// Health plan beneficiary numbers (Safe Harbor identifier I).
    HealthPlanNumbers,
    /// Account numbers (Safe Harbor identifier J).
    AccountNumbers,
    /// Certificate and licence numbers (Safe Harbor identifier K).
    LicenceNumbers,
    /// Vehicle identifiers and serial numbers, licence plates among them (Safe Harbor identifier L).
    VehicleIdentifiers,
    /// Device identifiers and serial numbers (Safe Harbor identifier M).
    DeviceIdentifiers,
    /// Web addresses (Safe Harbor identifier N).
    Urls,
    /// IP addresses (Safe Harbor identifier O).
    IpAddresses,
    /// Biometric identifiers, finger and voice prints among them (Safe Harbor identifier P).
    BiometricIdentifiers,
    /// Full-face photographs and comparable images (Safe Harbor identifier Q).
    FullFacePhotographs,
    /// Any other unique identifying number, characteristic or code (Safe Harbor identifier R; a
    /// limited data set may keep one that is not a direct identifier).
    OtherUniqueIdentifiers,
    /// The year of each date, without its month or day.
    DateYears,
    /// The year of birth.
    YearOfBirth,
    /// Ages, with every age over 89 given as "90 or older".
    Ages,
    /// The state.
    State,
    /// The first three digits of ZIP codes, "000" where fewer than 20,000 people live in the area.
    Zip3,
    /// Sex.
    Sex,
    /// Diagnoses.
    Diagnoses,
    /// Procedures.
    Procedures,
    /// Medications.
    Medications,
    /// Laboratory results.
    LaboratoryResults,
    /// Vital signs.
    VitalSigns,
    /// Medical images other than full-face photographs.
    MedicalImages,
    /// Free-text clinical notes, which may name patients, dates and record numbers in passing.
    FreeTextNotes,
    /// Free-text clinical notes from which the identifiers have been removed.
    RedactedFreeTextNotes,
}

impl DataElement {
    /// Every element, in the order of the vocabulary.
    pub const ALL: [DataElement; 37] = [
        DataElement::Names,
        DataElement::StreetAddress,
        DataElement::City,
        DataElement::County,
        DataElement::Precinct,
        DataElement::Zip5,
        DataElement::DatesFinerThanYear,
        DataElement::AgesOver89,
        DataElement::TelephoneNumbers,
        DataElement::FaxNumbers,
        DataElement::EmailAddresses,
        DataElement::SocialSecurityNumbers,
        DataElement::RecordNumbers,
        DataElement::HealthPlanNumbers,
        DataElement::AccountNumbers,
        DataElement::LicenceNumbers,
        DataElement::VehicleIdentifiers,
        DataElement::DeviceIdentifiers,
        DataElement::Urls,
        DataElement::IpAddresses,
        DataElement::BiometricIdentifiers,
        DataElement::FullFacePhotographs,
        DataElement::OtherUniqueIdentifiers,
        DataElement::DateYears,
        DataElement::YearOfBirth,
        DataElement::Ages,
        DataElement::State,
        DataElement::Zip3,
        DataElement::Sex,
        DataElement::Diagnoses,
        DataElement::Procedures,
        DataElement::Medications,
        DataElement::LaboratoryResults,
        DataElement::VitalSigns,
        DataElement::MedicalImages,
        DataElement::FreeTextNotes,
        DataElement::RedactedFreeTextNotes,
    ];

    /// The element in plain words, as a list of them in the charter reads.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            DataElement::Names => "names",
            DataElement::StreetAddress => "street addresses",
            DataElement::City => "cities or towns",
            DataElement::County => "counties",
            DataElement::Precinct => "precincts",
            DataElement::Zip5 => "five-digit ZIP codes",
            DataElement::DatesFinerThanYear => {
                "dates (of birth, admission, discharge, death or service) with their month or day"
            }
            DataElement::AgesOver89 => "ages over 89",
            DataElement::TelephoneNumbers => "telephone numbers",
            DataElement::FaxNumbers => "fax numbers",
            DataElement::EmailAddresses => "e-mail addresses",
            DataElement::SocialSecurityNumbers => "social security numbers",
            DataElement::RecordNumbers => "medical record numbers",
            DataElement::HealthPlanNumbers => "health plan beneficiary numbers",
            DataElement::AccountNumbers => "account numbers",
            DataElement::LicenceNumbers => "certificate and licence numbers",
            DataElement::VehicleIdentifiers => {
                "vehicle identifiers and serial numbers, licence plates among them"
            }
            DataElement::DeviceIdentifiers => "device identifiers and serial numbers",
            DataElement::Urls => "web addresses (URLs)",
            DataElement::IpAddresses => "IP addresses",
            DataElement::BiometricIdentifiers => {
                "biometric identifiers, finger and voice prints among them"
            }
            DataElement::FullFacePhotographs => "full-face photographs and comparable images",
            DataElement::OtherUniqueIdentifiers => {
                "other unique identifying numbers, characteristics or codes"
            }
            DataElement::DateYears => "the years of dates, without month or day",
            DataElement::YearOfBirth => "year of birth",
            DataElement::Ages => "ages, with every age over 89 given as \"90 or older\"",
            DataElement::State => "state",
            DataElement::Zip3 => {
                "the first three digits of ZIP codes (\"000\" where fewer than 20,000 people live in the area)"
            }
            DataElement::Sex => "sex",
            DataElement::Diagnoses => "diagnoses",
            DataElement::Procedures => "procedures",
            DataElement::Medications => "medications",
            DataElement::LaboratoryResults => "laboratory results",
            DataElement::VitalSigns => "vital signs",
            DataElement::MedicalImages => "medical images other than full-face photographs",
            DataElement::FreeTextNotes => "free-text clinical notes",
            DataElement::RedactedFreeTextNotes => {
                "free-text clinical notes with the identifiers removed"
            }
        }
    }

    /// Whether it is one of the 18 identifiers that the Safe Harbor method removes (45 CFR
    /// 164.514(b)(2)(i)).
    #[must_use]
    pub fn is_safe_harbor_identifier(self) -> bool {
        self <= DataElement::OtherUniqueIdentifiers
    }

    /// Whether it is a direct identifier, which a limited data set must exclude (45 CFR
    /// 164.514(e)(2)): every Safe Harbor identifier but towns, counties, precincts, five-digit ZIP
    /// codes, dates, ages and other codes.
    #[must_use]
    pub fn is_direct_identifier(self) -> bool {
        self.is_safe_harbor_identifier()
            && !matches!(
                self,
                DataElement::City
                    | DataElement::County
                    | DataElement::Precinct
                    | DataElement::Zip5
                    | DataElement::DatesFinerThanYear
                    | DataElement::AgesOver89
                    | DataElement::OtherUniqueIdentifiers
            )
    }

    /// Whether it may hold identifiers that no list of elements shows: free text.
    #[must_use]
    pub fn may_hide_identifiers(self) -> bool {
        self == DataElement::FreeTextNotes
    }

    /// The element that de-identified data keeps in its place, if there is one: the first three digits
    /// of a ZIP code for five, the year for a date, the state for a smaller place.
    #[must_use]
    pub fn generalised(self) -> Option<DataElement> {
        match self {
            DataElement::Zip5 => Some(DataElement::Zip3),
            DataElement::DatesFinerThanYear => Some(DataElement::DateYears),
            DataElement::AgesOver89 => Some(DataElement::Ages),
            DataElement::StreetAddress
            | DataElement::City
            | DataElement::County
            | DataElement::Precinct => Some(DataElement::State),
            DataElement::FreeTextNotes => Some(DataElement::RedactedFreeTextNotes),
            _ => None,
        }
    }

    /// The element as the organiser writes it (`"zip5"`).
    #[must_use]
    pub fn key(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// A method of de-identification under HIPAA (45 CFR 164.514(b)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeidMethod {
    /// The Safe Harbor method: the 18 identifiers removed.
    SafeHarbor,
    /// Expert Determination: a qualified expert finds the risk of re-identification very small.
    ExpertDetermination,
}

impl DeidMethod {
    /// The method in plain words.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            DeidMethod::SafeHarbor => "the Safe Harbor method",
            DeidMethod::ExpertDetermination => "Expert Determination",
        }
    }

    /// The method of a de-identified tier; none for any other tier.
    #[must_use]
    pub fn of(tier: Identifiability) -> Option<DeidMethod> {
        match tier {
            Identifiability::DeidentifiedSafeHarbor => Some(DeidMethod::SafeHarbor),
            Identifiability::DeidentifiedExpert => Some(DeidMethod::ExpertDetermination),
            _ => None,
        }
    }

    /// The tier of data de-identified by this method.
    #[must_use]
    pub fn tier(self) -> Identifiability {
        match self {
            DeidMethod::SafeHarbor => Identifiability::DeidentifiedSafeHarbor,
            DeidMethod::ExpertDetermination => Identifiability::DeidentifiedExpert,
        }
    }
}

/// The most identifiable data a partner may receive: a tier (`data_ceiling = "aggregate"`), or a tier
/// with the de-identification methods the partner accepts (`data_ceiling = { tier = "deidentified",
/// methods = ["safe_harbor"] }`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, JsonSchema, Serialize)]
#[serde(untagged)]
pub enum DataCeiling {
    /// A tier of identifiability; data de-identified by either method is within a de-identified tier.
    Tier(Identifiability),
    /// A tier, and the methods by which de-identified data it receives must be de-identified.
    Methods(CeilingMethods),
}

/// A data ceiling that names the de-identification methods it accepts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CeilingMethods {
    /// The most identifiable tier the partner may receive.
    pub tier: CeilingTier,
    /// The de-identification methods it accepts, at least one: `"safe_harbor"`,
    /// `"expert_determination"`.
    #[schemars(length(min = 1))]
    pub methods: Vec<DeidMethod>,
}

/// The tiers of a data ceiling that names its methods: de-identified data is one tier, whose method
/// `methods` states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CeilingTier {
    /// Identified data.
    Identified,
    /// A HIPAA limited data set.
    LimitedDataSet,
    /// Pseudonymised personal data.
    Pseudonymised,
    /// Data de-identified by a method of `methods`.
    Deidentified,
    /// Anonymised data.
    Anonymised,
    /// Aggregate statistics only.
    Aggregate,
}

impl CeilingTier {
    /// The tier of identifiability it stands for; a de-identified ceiling stands for either method's.
    fn as_tier(self) -> Identifiability {
        match self {
            CeilingTier::Identified => Identifiability::Identified,
            CeilingTier::LimitedDataSet => Identifiability::LimitedDataSet,
            CeilingTier::Pseudonymised => Identifiability::Pseudonymised,
            CeilingTier::Deidentified => Identifiability::DeidentifiedSafeHarbor,
            CeilingTier::Anonymised => Identifiability::Anonymised,
            CeilingTier::Aggregate => Identifiability::Aggregate,
        }
    }
}

impl DataCeiling {
    /// Higher means more identifiable, as [`Identifiability::level`].
    #[must_use]
    pub fn level(&self) -> u8 {
        match self {
            DataCeiling::Tier(t) => t.level(),
            DataCeiling::Methods(m) => m.tier.as_tier().level(),
        }
    }

    /// The methods it accepts, when it names them; none means either method.
    #[must_use]
    pub fn methods(&self) -> Option<&[DeidMethod]> {
        match self {
            DataCeiling::Tier(_) => None,
            DataCeiling::Methods(m) => Some(&m.methods),
        }
    }

    /// Whether data de-identified by `method` is acceptable by its method.
    #[must_use]
    pub fn accepts(&self, method: DeidMethod) -> bool {
        self.methods().is_none_or(|m| m.contains(&method))
    }

    /// The tiers it names in words, for the glossary: its tier, or each method's de-identified tier.
    #[must_use]
    pub fn tiers(&self) -> Vec<Identifiability> {
        match self {
            DataCeiling::Tier(t) => vec![*t],
            DataCeiling::Methods(m) if m.tier == CeilingTier::Deidentified => {
                m.methods.iter().map(|d| d.tier()).collect()
            }
            DataCeiling::Methods(m) => vec![m.tier.as_tier()],
        }
    }

    /// The ceiling in plain words: "aggregate statistics", "de-identified data".
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            DataCeiling::Tier(t) => t.label(),
            DataCeiling::Methods(m) => match m.tier {
                CeilingTier::Deidentified => "de-identified data",
                other => other.as_tier().label(),
            },
        }
    }
}

/// What a data ceiling is written as.
const CEILING_WORDS: &str = "a tier such as \"aggregate\", or a table such as `{ tier = \"deidentified\", methods = [\"safe_harbor\"] }`";

impl<'de> Deserialize<'de> for DataCeiling {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CeilingVisitor;
        impl<'de> Visitor<'de> for CeilingVisitor {
            type Value = DataCeiling;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(CEILING_WORDS)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DataCeiling, E> {
                let tier: de::value::StrDeserializer<'_, E> = v.into_deserializer();
                Identifiability::deserialize(tier).map(DataCeiling::Tier)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DataCeiling, A::Error> {
                let m = CeilingMethods::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if m.methods.is_empty() {
                    return Err(de::Error::custom(
                        "`methods` is empty: name the methods the partner accepts, such as `methods = [\"safe_harbor\"]`, or write the tier alone",
                    ));
                }
                Ok(DataCeiling::Methods(m))
            }
        }
        deserializer.deserialize_any(CeilingVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::{CeilingTier, DataCeiling, DataElement, DeidMethod};
    use crate::model::Identifiability;

    #[derive(serde::Deserialize)]
    struct Partner {
        data_ceiling: DataCeiling,
    }

    fn ceiling(written: &str) -> Result<DataCeiling, String> {
        toml::from_str::<Partner>(&format!("data_ceiling = {written}"))
            .map(|p| p.data_ceiling)
            .map_err(|e| e.message().to_owned())
    }

    #[test]
    fn the_vocabulary_holds_the_eighteen_safe_harbor_identifiers_and_sixteen_direct_ones() {
        let all = DataElement::ALL;
        let schema = serde_json::to_value(schemars::schema_for!(DataElement)).expect("a schema");
        let written = schema["oneOf"].as_array().map_or(0, Vec::len);
        assert_eq!(written, all.len(), "ALL lists every element: {schema}");
        assert_eq!(
            all.iter().filter(|e| e.is_safe_harbor_identifier()).count(),
            23,
            "the 18 identifiers, place and date split in their parts"
        );
        assert_eq!(all.iter().filter(|e| e.is_direct_identifier()).count(), 16);
        assert!(all.iter().all(|e| !e.label().is_empty()));
        for e in all.iter().filter_map(|e| e.generalised()) {
            assert!(!e.is_safe_harbor_identifier(), "{e:?}");
        }
        assert_eq!(DataElement::Zip5.key(), "zip5");
        assert_eq!(DataElement::AgesOver89.key(), "ages_over_89");
    }

    #[test]
    fn a_ceiling_is_a_tier_or_a_table_of_methods() {
        assert_eq!(
            ceiling("\"aggregate\""),
            Ok(DataCeiling::Tier(Identifiability::Aggregate))
        );
        let safe_harbor =
            ceiling("{ tier = \"deidentified\", methods = [\"safe_harbor\"] }").expect("a table");
        assert_eq!(safe_harbor.level(), 2);
        assert!(safe_harbor.accepts(DeidMethod::SafeHarbor));
        assert!(!safe_harbor.accepts(DeidMethod::ExpertDetermination));
        assert_eq!(
            safe_harbor.tiers(),
            [Identifiability::DeidentifiedSafeHarbor]
        );
        assert!(
            DataCeiling::Tier(Identifiability::DeidentifiedSafeHarbor)
                .accepts(DeidMethod::ExpertDetermination)
        );
        assert_eq!(
            serde_json::to_string(&safe_harbor).expect("json"),
            r#"{"tier":"deidentified","methods":["safe_harbor"]}"#
        );
        assert_eq!(
            serde_json::to_string(&DataCeiling::Tier(Identifiability::Aggregate)).expect("json"),
            r#""aggregate""#
        );
        let _ = CeilingTier::Aggregate;
    }

    #[test]
    fn a_ceiling_the_format_does_not_know_is_refused_with_what_to_write() {
        for (written, says) in [
            ("\"agregate\"", "unknown variant `agregate`"),
            (
                "{ tier = \"deidentified\", method = [\"safe_harbor\"] }",
                "unknown field `method`",
            ),
            (
                "{ tier = \"deidentified\", methods = [] }",
                "name the methods",
            ),
            (
                "{ tier = \"deidentified_safe_harbor\", methods = [\"safe_harbor\"] }",
                "unknown variant `deidentified_safe_harbor`",
            ),
            ("3", "a tier such as"),
        ] {
            let error = ceiling(written).expect_err(written);
            assert!(error.contains(says), "{written}: {error}");
        }
    }
}
