use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Cadence, Date, Period};

/// One flow of data from a provider to one or more recipients.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct DataFlow {
    /// Short id of the flow.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// Name of the flow, e.g. "Retrospective EHR extract".
    #[validate(length(min = 1, max = 120))]
    pub name: String,
    /// The partner that provides the data, or several that each provide it on the same terms
    /// (`provider = ["northstar", "riverbend"]`).
    pub provider: super::Providers,
    /// The partners that receive it.
    #[validate(
        length(min = 1, message = "a data flow needs at least one recipient"),
        custom(function = "super::check_ids")
    )]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub recipients: Vec<String>,
    /// Categories of data, e.g. "vital signs", "laboratory results".
    #[validate(length(min = 1, message = "name at least one category of data"))]
    pub categories: Vec<String>,
    /// The data elements the flow carries, from a closed vocabulary that covers the 18 HIPAA Safe
    /// Harbor identifiers (`"names"`, `"zip5"`, `"dates_finer_than_year"`, ...) and common elements that
    /// identify no one (`"year_of_birth"`, `"zip3"`, `"diagnoses"`, ...). Absent, the charter names none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<super::DataElement>,
    /// How identifiable the data is.
    pub identifiability: Identifiability,
    /// The agreement the flow is made under.
    pub agreement: Agreement,
    /// The term of the flow's agreement, when it runs apart from the charter's: its length, renewal,
    /// notice and the day it begins. Absent, the charter says nothing of how long the agreement runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub agreement_term: Option<super::AgreementTerm>,
    /// The legal basis of the flow: under HIPAA, when it is more than its agreement, patient
    /// authorization, an IRB or privacy board waiver, public health reporting, or none needed; under the
    /// UK or EU GDPR, a lawful basis of Article 6(1). Absent, the charter states none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    /// The condition of UK or EU GDPR Article 9(2) on which the flow's health data, a special category
    /// of personal data, is processed, in addition to its Article 6 `basis`. Absent, the charter states
    /// none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_category_condition: Option<super::SpecialCategoryCondition>,
    /// When the data is provided, when not throughout the term: only during the phases named
    /// (`during = ["retrospective"]`), or only between two dates (`during = { from = 2027-01-01, until =
    /// 2027-06-30 }`). The recipients' ceilings are those of these phases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub during: Option<super::During>,
    /// What the recipients may do with the data.
    #[validate(length(min = 1, message = "state at least one permitted use"))]
    pub permitted_uses: Vec<String>,
    /// What they must never do.
    #[serde(default)]
    pub prohibited_uses: Vec<String>,
    /// Where the data is stored. Absent, the charter says nothing of it: an aggregate or de-identified
    /// flow need not invent a place; identifiable data needs one (E0560).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1))]
    pub storage: Option<String>,
    /// Who may access it. Absent, the charter says nothing of it; identifiable data needs it (E0561).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1))]
    pub access: Option<String>,
    /// How often access rights are reviewed.
    pub access_review: Option<Cadence>,
    /// Training required before access: the course in words, or a table that also says how often it is
    /// completed again (`{ course = "HIPAA privacy and security training", every = "1 year" }`).
    pub training: Option<Training>,
    /// How long the recipients keep the data.
    pub retention: Option<Period>,
    /// What happens to the data when its use ends.
    pub end_of_use: EndOfUse,
    /// The events that end the permitted use, whichever comes first: "term_end", "termination",
    /// "withdrawal" (for the recipient that withdraws), `{ phase = "ID" }`, `{ date = 2027-06-30 }`.
    /// Absent, the charter names no event, and the use ends with the term at the latest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(
        min = 1,
        message = "name at least one event that ends the use, or leave `use_ends` out"
    ))]
    pub use_ends: Option<Vec<UseEnd>>,
    /// How soon after the end of use the data is returned or destroyed.
    pub end_within: Option<Period>,
    /// Whether return or destruction is certified in writing.
    #[serde(default)]
    pub certified: bool,
    /// How long after the end of use the recipients keep the records of the flow (its agreement, the
    /// disclosures made under it, the access logs): a term apart from what becomes of the data itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records_retention: Option<Period>,
    /// How soon a recipient must notify the provider of a breach.
    pub breach_notification: Option<Period>,
    /// The data protection law this flow is made under, when it is not the charter's `privacy_regime`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regime: Option<Regime>,
    /// The data use conditions in the codes of the GA4GH Data Use Ontology: a permission, modifiers
    /// and their details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub data_use: Option<super::DataUse>,
}

/// A safeguard a reviewer expects of a flow of identifiable data: where it is stored, who may access
/// it, how often that access is reviewed, and the training required before access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Safeguard {
    /// `storage`.
    Storage,
    /// `access`.
    Access,
    /// `access_review`.
    AccessReview,
    /// `training`.
    Training,
}

impl Safeguard {
    /// Every safeguard, in the order of the keys of a flow.
    pub const ALL: [Safeguard; 4] = [
        Safeguard::Storage,
        Safeguard::Access,
        Safeguard::AccessReview,
        Safeguard::Training,
    ];

    /// The key of a flow that states it.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Safeguard::Storage => "storage",
            Safeguard::Access => "access",
            Safeguard::AccessReview => "access_review",
            Safeguard::Training => "training",
        }
    }
}

impl DataFlow {
    /// Whether the flow states a safeguard.
    #[must_use]
    pub fn states(&self, safeguard: Safeguard) -> bool {
        match safeguard {
            Safeguard::Storage => self.storage.is_some(),
            Safeguard::Access => self.access.is_some(),
            Safeguard::AccessReview => self.access_review.is_some(),
            Safeguard::Training => self.training.is_some(),
        }
    }

    /// The safeguards a flow of identifiable data (identified, a limited data set, pseudonymised) leaves
    /// unstated, in the order of its keys; none for a flow of data that identifies no one.
    pub fn missing_safeguards(&self) -> impl Iterator<Item = Safeguard> + '_ {
        Safeguard::ALL
            .into_iter()
            .filter(|s| self.identifiability.is_identifiable() && !self.states(*s))
    }
}

/// The training required before access to a flow's data, and how often it is completed again. Written as
/// the course in words (`"HIPAA training before access"`) or as a table with a refresher cadence
/// (`{ course = "HIPAA privacy and security training", every = "1 year" }`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Training {
    /// The course, in words.
    pub course: String,
    /// How often each person with access completes it again; absent, once before access.
    pub every: Option<Period>,
}

/// The forms of `training`, as written.
const TRAINING_WORDS: &str = "the course in quotes, such as \"HIPAA training before access\", or a table such as `{ course = \"HIPAA privacy and security training\", every = \"1 year\" }`";

impl<'de> Deserialize<'de> for Training {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TrainingVisitor;
        impl<'de> Visitor<'de> for TrainingVisitor {
            type Value = Training;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(TRAINING_WORDS)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Training, E> {
                Ok(Training {
                    course: v.to_owned(),
                    every: None,
                })
            }
            // Read as a derived table, so that a mistaken key is located at the key itself.
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Training, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Table {
                    course: String,
                    every: Option<Period>,
                }
                let t = Table::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Training {
                    course: t.course,
                    every: t.every,
                })
            }
        }
        deserializer.deserialize_any(TrainingVisitor)
    }
}

// A training without a refresher is the course in words, however it was written, so that `charter diff`
// reads a table of the course alone as the same term as the words.
impl Serialize for Training {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self.every {
            None => serializer.serialize_str(&self.course),
            Some(every) => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("course", &self.course)?;
                map.serialize_entry("every", &every)?;
                map.end()
            }
        }
    }
}

impl JsonSchema for Training {
    fn schema_name() -> Cow<'static, str> {
        "Training".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let period = generator.subschema_for::<Period>();
        json_schema!({
            "description": "Training required before access: the course in words, or a table with the course and how often each person with access completes it again, such as { course = \"HIPAA privacy and security training\", every = \"1 year\" }.",
            "anyOf": [
                { "type": "string", "minLength": 1 },
                {
                    "type": "object",
                    "properties": {
                        "course": {
                            "description": "The course, in words.",
                            "type": "string",
                            "minLength": 1
                        },
                        "every": period
                    },
                    "required": ["course"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// A period as a cadence reads in a sentence: "every year", "every 3 months", "every 2 years".
#[must_use]
pub fn every_words(p: Period) -> String {
    if p.count == 1 {
        let words = p.to_string();
        format!("every {}", words.trim_start_matches("1 "))
    } else {
        format!("every {p}")
    }
}

/// The data protection law a data flow is made under: its words and its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// The US Health Insurance Portability and Accountability Act (the HIPAA Privacy, Security and Breach
    /// Notification Rules).
    Hipaa,
    /// The UK GDPR and the Data Protection Act 2018.
    UkGdpr,
    /// The EU General Data Protection Regulation.
    EuGdpr,
    /// The partners state no data protection law: no rule of any law is checked, and the words are
    /// the charter's own.
    NoneStated,
}

impl Regime {
    /// Whether it is one of the GDPRs, whose words and limits are the same.
    #[must_use]
    pub fn is_gdpr(self) -> bool {
        matches!(self, Regime::UkGdpr | Regime::EuGdpr)
    }

    /// The law in words, as the charter names it ("the UK GDPR and the Data Protection Act 2018"); none
    /// for `none_stated`.
    #[must_use]
    pub fn law(self) -> Option<&'static str> {
        match self {
            Regime::Hipaa => {
                Some("HIPAA (the HIPAA Privacy, Security and Breach Notification Rules)")
            }
            Regime::UkGdpr => Some("the UK GDPR and the Data Protection Act 2018"),
            Regime::EuGdpr => Some("the EU General Data Protection Regulation (the EU GDPR)"),
            Regime::NoneStated => None,
        }
    }

    /// The short name of the law, as a citation reads ("UK GDPR").
    #[must_use]
    pub fn short(self) -> &'static str {
        match self {
            Regime::Hipaa => "HIPAA",
            Regime::UkGdpr => "UK GDPR",
            Regime::EuGdpr => "EU GDPR",
            Regime::NoneStated => "no stated law",
        }
    }

    /// The law as a sentence names it: "HIPAA", "the UK GDPR".
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Regime::Hipaa => "HIPAA",
            Regime::UkGdpr => "the UK GDPR",
            Regime::EuGdpr => "the EU GDPR",
            Regime::NoneStated => "no stated law",
        }
    }

    /// The authority a controller notifies of a personal data breach under a GDPR.
    #[must_use]
    pub fn supervisory_authority(self) -> &'static str {
        match self {
            Regime::UkGdpr => "the Information Commissioner",
            _ => "the competent supervisory authority",
        }
    }
}

/// Tiers of identifiability, from most to least identifiable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Identifiability {
    /// Identified protected health information.
    Identified,
    /// A HIPAA limited data set (no direct identifiers, but dates and places).
    LimitedDataSet,
    /// De-identified by the HIPAA Safe Harbor method.
    DeidentifiedSafeHarbor,
    /// De-identified by HIPAA Expert Determination.
    DeidentifiedExpert,
    /// Aggregate statistics only.
    Aggregate,
    /// Pseudonymised personal data (UK and EU GDPR Article 4(5)): it can no longer be attributed to a
    /// person without additional information kept separately, and is still personal data.
    Pseudonymised,
    /// Anonymised data (UK and EU GDPR Recital 26): no person is identifiable by any means reasonably
    /// likely to be used, so it is no longer personal data.
    Anonymised,
}

impl Identifiability {
    /// Higher means more identifiable.
    #[must_use]
    pub fn level(self) -> u8 {
        match self {
            Identifiability::Identified => 4,
            Identifiability::LimitedDataSet | Identifiability::Pseudonymised => 3,
            Identifiability::DeidentifiedSafeHarbor
            | Identifiability::DeidentifiedExpert
            | Identifiability::Anonymised => 2,
            Identifiability::Aggregate => 1,
        }
    }

    /// Whether the data can identify a patient, so that an agreement and breach terms are needed.
    #[must_use]
    pub fn is_identifiable(self) -> bool {
        self.level() >= 3
    }

    /// The tier in plain words.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Identifiability::Identified => "identified health information",
            Identifiability::LimitedDataSet => "a limited data set",
            Identifiability::DeidentifiedSafeHarbor => "de-identified data (Safe Harbor)",
            Identifiability::DeidentifiedExpert => "de-identified data (Expert Determination)",
            Identifiability::Aggregate => "aggregate statistics",
            Identifiability::Pseudonymised => "pseudonymised data",
            Identifiability::Anonymised => "anonymised data",
        }
    }

    /// The tier in the words of a flow's law: under a GDPR, identified and pseudonymised data are
    /// personal data; under any other law (or none) the words are [`Identifiability::label`]'s.
    #[must_use]
    pub fn label_under(self, regime: Option<Regime>) -> &'static str {
        match (self, regime.is_some_and(Regime::is_gdpr)) {
            (Identifiability::Identified, true) => "identified personal data",
            (Identifiability::Pseudonymised, true) => "pseudonymised personal data",
            _ => self.label(),
        }
    }

    /// The law whose term of art this tier is, if it belongs to one law only: HIPAA's limited data set
    /// and de-identification methods, the GDPR's pseudonymisation and anonymisation.
    #[must_use]
    pub fn term_of(self) -> Option<Law> {
        match self {
            Identifiability::LimitedDataSet
            | Identifiability::DeidentifiedSafeHarbor
            | Identifiability::DeidentifiedExpert => Some(Law::Hipaa),
            Identifiability::Pseudonymised | Identifiability::Anonymised => Some(Law::Gdpr),
            Identifiability::Identified | Identifiability::Aggregate => None,
        }
    }
}

/// The family of law a term of art belongs to: HIPAA, or the UK and EU GDPR alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Law {
    /// US HIPAA.
    Hipaa,
    /// The UK GDPR or the EU GDPR.
    Gdpr,
}

impl Law {
    /// The family a regime belongs to; none for `none_stated`.
    #[must_use]
    pub fn of(regime: Regime) -> Option<Law> {
        match regime {
            Regime::Hipaa => Some(Law::Hipaa),
            Regime::UkGdpr | Regime::EuGdpr => Some(Law::Gdpr),
            Regime::NoneStated => None,
        }
    }
}

/// The legal basis on which a flow's data may be disclosed or processed: HIPAA's bases, and the lawful
/// bases of UK and EU GDPR Article 6(1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// HIPAA: the flow's agreement, a data use agreement for a limited data set (45 CFR 164.514(e)), a
    /// business associate agreement for a vendor (164.502(e)).
    Agreement,
    /// HIPAA: each patient's written authorization (45 CFR 164.508).
    PatientAuthorization,
    /// HIPAA: a waiver of authorization by an IRB or privacy board (45 CFR 164.512(i)).
    IrbWaiver,
    /// HIPAA: reporting to a public health authority (45 CFR 164.512(b)).
    PublicHealth,
    /// None needed: the data is de-identified, anonymised or aggregate, no longer protected health
    /// information or personal data.
    NotNeeded,
    /// GDPR Article 6(1)(a): the data subject's consent.
    Consent,
    /// GDPR Article 6(1)(b): a contract with the data subject.
    Contract,
    /// GDPR Article 6(1)(c): a legal obligation of the controller.
    LegalObligation,
    /// GDPR Article 6(1)(d): the vital interests of the data subject or another person.
    VitalInterests,
    /// GDPR Article 6(1)(e): a task in the public interest or in the exercise of official authority.
    PublicTask,
    /// GDPR Article 6(1)(f): the legitimate interests of the controller or a third party.
    LegitimateInterests,
}

impl Basis {
    /// The basis in plain words, completing "The data is disclosed ...".
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Basis::Agreement => "under the agreement named above",
            Basis::PatientAuthorization => "with each patient's written authorization",
            Basis::IrbWaiver => {
                "under a waiver of authorization approved by an IRB or privacy board"
            }
            Basis::PublicHealth => "as reporting to a public health authority",
            Basis::NotNeeded => {
                "with no authorization or agreement needed, as the data is not protected health information"
            }
            Basis::Consent => "with the consent of each data subject",
            Basis::Contract => "for the performance of a contract with each data subject",
            Basis::LegalObligation => "to comply with a legal obligation of the controller",
            Basis::VitalInterests => "to protect the vital interests of a person",
            Basis::PublicTask => "for a task carried out in the public interest",
            Basis::LegitimateInterests => "for the legitimate interests of the controller",
        }
    }

    /// The HIPAA provision the basis rests on, if any.
    #[must_use]
    pub fn citation(self) -> Option<&'static str> {
        match self {
            Basis::PatientAuthorization => Some("45 CFR 164.508"),
            Basis::IrbWaiver => Some("45 CFR 164.512(i)"),
            Basis::PublicHealth => Some("45 CFR 164.512(b)"),
            _ => None,
        }
    }

    /// Whether the basis lets protected health information flow without an agreement.
    #[must_use]
    pub fn permits_phi_without_agreement(self) -> bool {
        matches!(
            self,
            Basis::PatientAuthorization | Basis::IrbWaiver | Basis::PublicHealth
        )
    }

    /// The law whose basis this is: HIPAA's agreement, authorization, waiver and public health
    /// reporting, the GDPR's lawful bases; none for `not_needed`, which both laws know.
    #[must_use]
    pub fn law(self) -> Option<Law> {
        match self {
            Basis::Agreement
            | Basis::PatientAuthorization
            | Basis::IrbWaiver
            | Basis::PublicHealth => Some(Law::Hipaa),
            Basis::NotNeeded => None,
            _ => Some(Law::Gdpr),
        }
    }

    /// The point of GDPR Article 6(1) a lawful basis is (`'a'` to `'f'`); none for HIPAA's bases and
    /// `not_needed`.
    #[must_use]
    pub fn article_6_point(self) -> Option<char> {
        match self {
            Basis::Consent => Some('a'),
            Basis::Contract => Some('b'),
            Basis::LegalObligation => Some('c'),
            Basis::VitalInterests => Some('d'),
            Basis::PublicTask => Some('e'),
            Basis::LegitimateInterests => Some('f'),
            _ => None,
        }
    }

    /// A lawful basis in the words of GDPR Article 6(1); none for HIPAA's bases and `not_needed`.
    #[must_use]
    pub fn article_6_words(self) -> Option<&'static str> {
        Some(match self {
            Basis::Consent => {
                "the data subject has given consent to the processing of his or her personal data for one or more specific purposes"
            }
            Basis::Contract => {
                "processing is necessary for the performance of a contract to which the data subject is party or in order to take steps at the request of the data subject prior to entering into a contract"
            }
            Basis::LegalObligation => {
                "processing is necessary for compliance with a legal obligation to which the controller is subject"
            }
            Basis::VitalInterests => {
                "processing is necessary in order to protect the vital interests of the data subject or of another natural person"
            }
            Basis::PublicTask => {
                "processing is necessary for the performance of a task carried out in the public interest or in the exercise of official authority vested in the controller"
            }
            Basis::LegitimateInterests => {
                "processing is necessary for the purposes of the legitimate interests pursued by the controller or by a third party, except where such interests are overridden by the interests or fundamental rights and freedoms of the data subject which require protection of personal data"
            }
            _ => return None,
        })
    }
}

/// The agreement under which data flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// A data use agreement.
    DataUseAgreement,
    /// A business associate agreement.
    BusinessAssociateAgreement,
    /// A data sharing agreement.
    DataSharingAgreement,
    /// A data processing agreement: the contract with a processor that UK and EU GDPR Article 28(3)
    /// requires.
    DataProcessingAgreement,
    /// This charter alone.
    CharterOnly,
    /// No agreement.
    None,
}

impl Agreement {
    /// Whether this names an agreement apart from the charter.
    #[must_use]
    pub fn is_agreement(self) -> bool {
        !matches!(self, Agreement::CharterOnly | Agreement::None)
    }

    /// The agreement in plain words.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Agreement::DataUseAgreement => "a data use agreement",
            Agreement::BusinessAssociateAgreement => "a business associate agreement",
            Agreement::DataSharingAgreement => "a data sharing agreement",
            Agreement::DataProcessingAgreement => "a data processing agreement",
            Agreement::CharterOnly => "this charter alone",
            Agreement::None => "no agreement",
        }
    }

    /// The agreement in the words of a flow's law: a data processing agreement under a GDPR cites
    /// Article 28.
    #[must_use]
    pub fn label_under(self, regime: Option<Regime>) -> String {
        match (self, regime) {
            (Agreement::DataProcessingAgreement, Some(r)) if r.is_gdpr() => {
                format!(
                    "a data processing agreement (Article 28 of the {})",
                    r.short()
                )
            }
            _ => self.label().to_owned(),
        }
    }

    /// The law whose instrument this agreement is, if it belongs to one law only: HIPAA's business
    /// associate and data use agreements, the GDPR's data processing agreement.
    #[must_use]
    pub fn term_of(self) -> Option<Law> {
        match self {
            Agreement::BusinessAssociateAgreement | Agreement::DataUseAgreement => Some(Law::Hipaa),
            Agreement::DataProcessingAgreement => Some(Law::Gdpr),
            _ => None,
        }
    }
}

/// What happens to data when its permitted use ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndOfUse {
    /// Returned to the provider.
    Return,
    /// Destroyed.
    Destroy,
    /// Returned or destroyed, at the provider's choice.
    ReturnOrDestroy,
    /// Kept by the recipients under the retention terms.
    Retain,
}

/// An event that ends the permitted use of a flow's data.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum UseEnd {
    /// The end of the charter's term (`"term_end"`).
    TermEnd,
    /// The termination of the charter (`"termination"`).
    Termination,
    /// A recipient's withdrawal from the partnership, which ends the use for that recipient
    /// (`"withdrawal"`).
    Withdrawal,
    /// The end of a phase of `[[phases]]`, by id (`{ phase = "pilot" }`).
    Phase(String),
    /// A fixed date (`{ date = 2027-06-30 }`).
    Date(Date),
}

impl UseEnd {
    /// Whether the event happens only under a `[term]`: the end of the term, termination, withdrawal.
    #[must_use]
    pub fn needs_term(&self) -> bool {
        matches!(
            self,
            UseEnd::TermEnd | UseEnd::Termination | UseEnd::Withdrawal
        )
    }
}

/// The events written as text.
const USE_END_WORDS: &str =
    "`term_end`, `termination`, `withdrawal`, `{ phase = \"ID\" }` or `{ date = 2027-06-30 }`";

// An event is shown as the organiser writes it, so that `charter diff` reads `{ phase = "pilot" }`.
impl fmt::Display for UseEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UseEnd::TermEnd => f.write_str("term_end"),
            UseEnd::Termination => f.write_str("termination"),
            UseEnd::Withdrawal => f.write_str("withdrawal"),
            UseEnd::Phase(id) => write!(f, "{{ phase = \"{id}\" }}"),
            UseEnd::Date(date) => write!(f, "{{ date = {date} }}"),
        }
    }
}

impl<'de> Deserialize<'de> for UseEnd {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EndVisitor;
        impl<'de> Visitor<'de> for EndVisitor {
            type Value = UseEnd;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(USE_END_WORDS)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<UseEnd, E> {
                match v {
                    "term_end" => Ok(UseEnd::TermEnd),
                    "termination" => Ok(UseEnd::Termination),
                    "withdrawal" => Ok(UseEnd::Withdrawal),
                    _ => Err(E::unknown_variant(
                        v,
                        &["term_end", "termination", "withdrawal"],
                    )),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UseEnd, A::Error> {
                let key: String = map.next_key()?.ok_or_else(|| {
                    de::Error::custom(format!("an empty table: write {USE_END_WORDS}"))
                })?;
                let end = match key.as_str() {
                    "phase" => UseEnd::Phase(map.next_value()?),
                    "date" => UseEnd::Date(map.next_value()?),
                    // A bare TOML date reaches a visitor as a map with one private key.
                    k if k.starts_with("$__toml") => {
                        return Err(de::Error::custom(
                            "a date on its own is not an event of `use_ends`: write it in a table, such as `{ date = 2027-06-30 }`",
                        ));
                    }
                    _ => return Err(de::Error::unknown_field(&key, &["phase", "date"])),
                };
                if map.next_key::<String>()?.is_some() {
                    return Err(de::Error::custom(format!(
                        "a table with more than one key: write each event on its own, {USE_END_WORDS}"
                    )));
                }
                Ok(end)
            }
        }
        deserializer.deserialize_any(EndVisitor)
    }
}

impl Serialize for UseEnd {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for UseEnd {
    fn schema_name() -> Cow<'static, str> {
        "UseEnd".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An event that ends the permitted use of the data: \"term_end\" (the end of the term), \"termination\", \"withdrawal\" (a recipient's withdrawal, for that recipient), the end of a phase ({ phase = \"ID\" }) or a date ({ date = 2027-06-30 }).",
            "anyOf": [
                { "type": "string", "enum": ["term_end", "termination", "withdrawal"] },
                {
                    "type": "object",
                    "properties": { "phase": { "type": "string", "pattern": super::ID_PATTERN } },
                    "required": ["phase"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": { "date": { "type": "string", "format": "date" } },
                    "required": ["date"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// How a flow's law was found, for the words of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegimeSource {
    /// The flow's own `regime`.
    Flow,
    /// The charter's `privacy_regime`.
    Charter,
    /// Neither is stated, but a flow of the charter uses a HIPAA term of art.
    ImpliedHipaa,
}

impl super::Charter {
    /// The data protection law a data flow is made under, and where that was found: the flow's own
    /// `regime`, else the charter's `privacy_regime`, else HIPAA when the charter's terms imply it
    /// ([`Self::implies_hipaa`]); none when nothing says.
    #[must_use]
    pub fn regime_of(&self, f: &DataFlow) -> Option<(Regime, RegimeSource)> {
        f.regime
            .map(|r| (r, RegimeSource::Flow))
            .or_else(|| {
                self.charter
                    .privacy_regime
                    .map(|r| (r, RegimeSource::Charter))
            })
            .or_else(|| {
                self.implies_hipaa()
                    .then_some((Regime::Hipaa, RegimeSource::ImpliedHipaa))
            })
    }

    /// The earliest event of a flow's `use_ends` that falls on a day known in advance, with that day: the
    /// last day of a phase, a date, or the end of the term on `term_end` (the caller's last day of the
    /// term, if it has one). Termination, withdrawal and phases that do not exist have no day.
    #[must_use]
    pub fn dated_use_end<'f>(
        &self,
        f: &'f DataFlow,
        term_end: Option<Date>,
    ) -> Option<(Date, &'f UseEnd)> {
        f.use_ends
            .iter()
            .flatten()
            .filter_map(|end| Some((self.use_end_day(end, term_end)?, end)))
            .min_by_key(|(day, _)| *day)
    }

    /// The day an event of `use_ends` falls on, when it is known in advance: the last day of a phase, a
    /// date, or the end of the term on `term_end`. Termination, withdrawal and phases that do not exist
    /// have none.
    #[must_use]
    pub fn use_end_day(&self, end: &UseEnd, term_end: Option<Date>) -> Option<Date> {
        match end {
            UseEnd::TermEnd => term_end,
            UseEnd::Phase(id) => self.phases.iter().find(|p| p.id == *id).map(|p| p.end),
            UseEnd::Date(date) => Some(*date),
            UseEnd::Termination | UseEnd::Withdrawal => None,
        }
    }

    /// The law a data flow is made under, without where it was found.
    #[must_use]
    pub fn regime(&self, f: &DataFlow) -> Option<Regime> {
        self.regime_of(f).map(|(r, _)| r)
    }

    /// Whether the charter's own terms imply HIPAA where no regime is stated: a data flow that states no
    /// law of its own uses one of HIPAA's terms of art, a limited data set, a de-identification method
    /// (Safe Harbor, Expert Determination), a business associate agreement or a data use agreement.
    /// Charters written before `privacy_regime` existed use these words, and keep their checks.
    #[must_use]
    pub fn implies_hipaa(&self) -> bool {
        self.charter.privacy_regime.is_none()
            && self.data_flows.iter().any(|f| {
                f.regime.is_none()
                    && (f.identifiability.term_of() == Some(Law::Hipaa)
                        || f.agreement.term_of() == Some(Law::Hipaa))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::{Basis, Law, Regime, RegimeSource, Safeguard, Training, UseEnd, every_words};
    use crate::model::{Charter, Date};

    #[test]
    fn bases_that_permit_phi_cite_their_provision() {
        for b in [
            Basis::PatientAuthorization,
            Basis::IrbWaiver,
            Basis::PublicHealth,
        ] {
            assert!(b.permits_phi_without_agreement());
            assert!(b.citation().is_some_and(|c| c.starts_with("45 CFR 164.5")));
        }
        for b in [Basis::Agreement, Basis::NotNeeded] {
            assert!(!b.permits_phi_without_agreement());
            assert_eq!(b.citation(), None);
        }
    }

    #[test]
    fn the_gdpr_bases_are_the_points_of_article_6_and_no_hipaa_basis_is_one() {
        let gdpr = [
            Basis::Consent,
            Basis::Contract,
            Basis::LegalObligation,
            Basis::VitalInterests,
            Basis::PublicTask,
            Basis::LegitimateInterests,
        ];
        let points: String = gdpr.iter().filter_map(|b| b.article_6_point()).collect();
        assert_eq!(points, "abcdef");
        for b in gdpr {
            assert_eq!(b.law(), Some(Law::Gdpr));
            assert!(
                b.article_6_words()
                    .is_some_and(|w| w.contains("data subject") || w.contains("controller"))
            );
            assert!(!b.permits_phi_without_agreement());
        }
        for b in [
            Basis::Agreement,
            Basis::PatientAuthorization,
            Basis::IrbWaiver,
            Basis::PublicHealth,
        ] {
            assert_eq!(b.law(), Some(Law::Hipaa));
            assert_eq!(b.article_6_point(), None);
        }
        assert_eq!(Basis::NotNeeded.law(), None);
    }

    const BASE: &str = r#"
schema_version = 2
[charter]
id = "c"
title = "T"
version = "1"
effective_date = 2026-01-01
jurisdiction = "England and Wales"
purpose = "P"
goals = ["G"]
scope = "S"
[[partners]]
id = "a"
legal_name = "A"
short_name = "A"
kind = "university"
roles = ["lead"]
contributions = ["x"]
benefits = ["y"]
signatory = { name = "N", title = "T" }
[[partners]]
id = "b"
legal_name = "B"
short_name = "B"
kind = "university"
roles = ["lead"]
contributions = ["x"]
benefits = ["y"]
signatory = { name = "N", title = "T" }
[term]
length = "1 year"
renewal = "none"
termination_notice = "30 days"
cure_period = "30 days"
withdrawal_notice = "30 days"
on_withdrawal = "W"
"#;

    fn charter(charter_key: &str, flows: &[(&str, &str, &str)]) -> Charter {
        let mut text = BASE.replace(
            "scope = \"S\"\n",
            &format!("scope = \"S\"\n{charter_key}\n"),
        );
        for (i, (tier, agreement, regime)) in flows.iter().enumerate() {
            text.push_str(&format!(
                "[[data_flows]]\nid = \"f{i}\"\nname = \"F\"\nprovider = \"a\"\nrecipients = [\"b\"]\ncategories = [\"c\"]\nidentifiability = \"{tier}\"\nagreement = \"{agreement}\"\npermitted_uses = [\"u\"]\nstorage = \"s\"\naccess = \"a\"\nend_of_use = \"retain\"\n{regime}\n"
            ));
        }
        toml::from_str(&text).expect("a charter")
    }

    #[test]
    fn a_flow_takes_its_own_law_then_the_charters_then_an_implied_hipaa() {
        let c = charter(
            "privacy_regime = \"uk_gdpr\"",
            &[
                ("pseudonymised", "data_processing_agreement", ""),
                (
                    "limited_data_set",
                    "data_use_agreement",
                    "regime = \"hipaa\"",
                ),
            ],
        );
        assert_eq!(
            c.regime_of(&c.data_flows[0]),
            Some((Regime::UkGdpr, RegimeSource::Charter))
        );
        assert_eq!(
            c.regime_of(&c.data_flows[1]),
            Some((Regime::Hipaa, RegimeSource::Flow))
        );
        let implied = charter(
            "",
            &[
                ("identified", "data_sharing_agreement", ""),
                ("deidentified_expert", "charter_only", ""),
            ],
        );
        assert_eq!(
            implied.regime_of(&implied.data_flows[0]),
            Some((Regime::Hipaa, RegimeSource::ImpliedHipaa))
        );
        let silent = charter("", &[("identified", "data_sharing_agreement", "")]);
        assert_eq!(silent.regime_of(&silent.data_flows[0]), None);
    }

    #[test]
    fn a_flow_with_a_law_of_its_own_implies_nothing_for_the_others() {
        let c = charter(
            "",
            &[
                ("identified", "data_sharing_agreement", ""),
                (
                    "limited_data_set",
                    "data_use_agreement",
                    "regime = \"none_stated\"",
                ),
            ],
        );
        assert!(!c.implies_hipaa());
        assert_eq!(Law::of(Regime::NoneStated), None);
    }

    #[derive(serde::Deserialize, serde::Serialize)]
    struct Trained {
        training: Training,
    }

    #[test]
    fn training_reads_as_words_or_as_a_table_with_its_refresher() {
        let words: Trained =
            toml::from_str("training = \"HIPAA training before access\"").expect("words");
        assert_eq!(
            words.training,
            Training {
                course: "HIPAA training before access".to_owned(),
                every: None
            }
        );
        let table: Trained = toml::from_str(
            "training = { course = \"HIPAA privacy and security training\", every = \"1 year\" }",
        )
        .expect("a table");
        assert_eq!(table.training.course, "HIPAA privacy and security training");
        assert_eq!(table.training.every, "1 year".parse().ok());
        // The course alone is the same term as its words, and is written back as them.
        let course: Trained = toml::from_str("training = { course = \"GCP\" }").expect("a course");
        assert_eq!(
            serde_json::to_value(&course).expect("json"),
            serde_json::json!({ "training": "GCP" })
        );
        assert_eq!(
            serde_json::to_value(&table).expect("json"),
            serde_json::json!({ "training": { "course": "HIPAA privacy and security training", "every": "1 year" } })
        );
    }

    #[test]
    fn a_training_table_takes_a_course_and_a_period_and_nothing_else() {
        for (written, says) in [
            ("{ every = \"1 year\" }", "missing field `course`"),
            (
                "{ course = \"GCP\", often = \"1 year\" }",
                "unknown field `often`, expected `course` or `every`",
            ),
            (
                "{ course = \"GCP\", every = \"yearly\" }",
                "not a period of time",
            ),
            ("42", "the course in quotes"),
        ] {
            let error = toml::from_str::<Trained>(&format!("training = {written}"))
                .err()
                .unwrap_or_else(|| panic!("{written} was read"));
            assert!(error.message().contains(says), "{written}: {error}");
        }
    }

    #[test]
    fn a_cadence_in_words_drops_the_one() {
        let words = |p: &str| every_words(p.parse().expect("a period"));
        assert_eq!(words("1 year"), "every year");
        assert_eq!(words("1 business day"), "every business day");
        assert_eq!(words("3 months"), "every 3 months");
        assert_eq!(words("2 years"), "every 2 years");
    }

    #[test]
    fn only_identifiable_data_misses_a_safeguard() {
        let mut c = charter("", &[("aggregate", "charter_only", "")]);
        let f = &mut c.data_flows[0];
        f.storage = None;
        assert_eq!(f.missing_safeguards().count(), 0);
        f.identifiability = super::Identifiability::LimitedDataSet;
        assert_eq!(
            f.missing_safeguards().collect::<Vec<_>>(),
            [
                Safeguard::Storage,
                Safeguard::AccessReview,
                Safeguard::Training
            ]
        );
        f.identifiability = super::Identifiability::DeidentifiedExpert;
        assert_eq!(f.missing_safeguards().count(), 0);
    }

    #[derive(serde::Deserialize)]
    struct Ends {
        use_ends: Vec<UseEnd>,
    }

    #[test]
    fn events_read_and_show_as_the_organiser_writes_them() {
        let written = r#"use_ends = ["term_end", "termination", "withdrawal", { phase = "pilot" }, { date = 2027-06-30 }]"#;
        let ends: Ends = toml::from_str(written).expect("events");
        let june = Date {
            year: 2027,
            month: 6,
            day: 30,
        };
        assert_eq!(
            ends.use_ends,
            [
                UseEnd::TermEnd,
                UseEnd::Termination,
                UseEnd::Withdrawal,
                UseEnd::Phase("pilot".to_owned()),
                UseEnd::Date(june),
            ]
        );
        let shown: Vec<String> = ends.use_ends.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "term_end",
                "termination",
                "withdrawal",
                "{ phase = \"pilot\" }",
                "{ date = 2027-06-30 }"
            ]
        );
        assert!(ends.use_ends[..3].iter().all(UseEnd::needs_term));
        assert!(!ends.use_ends[3..].iter().any(UseEnd::needs_term));
    }

    #[test]
    fn events_the_format_does_not_know_are_refused_with_what_to_write() {
        for (written, says) in [
            (r#"["expiry"]"#, "unknown variant `expiry`"),
            (r#"[{ stage = "pilot" }]"#, "unknown field `stage`"),
            ("[2027-06-30]", "{ date = 2027-06-30 }"),
            (
                r#"[{ phase = "pilot", date = 2027-06-30 }]"#,
                "more than one key",
            ),
        ] {
            let error = toml::from_str::<Ends>(&format!("use_ends = {written}"))
                .err()
                .unwrap_or_else(|| panic!("{written} was read"));
            assert!(error.message().contains(says), "{written}: {error}");
        }
    }

    #[test]
    fn the_dated_end_of_use_is_the_earliest_known_day() {
        let mut c = charter("", &[("aggregate", "charter_only", "")]);
        let term_end = Date {
            year: 2026,
            month: 12,
            day: 31,
        };
        let june = Date {
            year: 2026,
            month: 6,
            day: 30,
        };
        c.data_flows[0].use_ends = Some(vec![
            UseEnd::Withdrawal,
            UseEnd::TermEnd,
            UseEnd::Date(june),
        ]);
        let f = &c.data_flows[0];
        assert_eq!(
            c.dated_use_end(f, Some(term_end)),
            Some((june, &UseEnd::Date(june)))
        );
        let mut undated = f.clone();
        undated.use_ends = Some(vec![UseEnd::Termination, UseEnd::Phase("none".to_owned())]);
        assert_eq!(c.dated_use_end(&undated, Some(term_end)), None);
        undated.use_ends = None;
        assert_eq!(c.dated_use_end(&undated, Some(term_end)), None);
    }
}
