use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{DataCeiling, Date};

/// One organisation in the partnership.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// Short id used everywhere else in the charter to refer to this partner.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// Full legal name, as it signs.
    #[validate(length(min = 1, max = 200))]
    pub legal_name: String,
    /// Name used in the body of the charter.
    #[validate(length(min = 1, max = 60))]
    pub short_name: String,
    /// What kind of organisation it is.
    pub kind: PartnerKind,
    /// Its roles in the partnership.
    #[validate(length(min = 1, message = "give the partner at least one role"))]
    pub roles: Vec<Role>,
    /// Whether its seats carry a vote unless a body says otherwise.
    #[serde(default = "yes")]
    pub voting: bool,
    /// The most identifiable data this partner may receive: a tier (`"aggregate"`), or a tier with the
    /// de-identification methods it accepts (`{ tier = "deidentified", methods = ["safe_harbor"] }`);
    /// absent means no limit beyond each flow's terms.
    pub data_ceiling: Option<DataCeiling>,
    /// Its data ceilings in particular phases, which hold in those phases instead of `data_ceiling`:
    /// `phase_ceilings = [{ phase = "pilot", data_ceiling = "identified" }]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phase_ceilings: Vec<super::PhaseCeiling>,
    /// What it brings: funding, data, staff time, software, expertise.
    #[validate(length(min = 1, message = "say what the partner contributes"))]
    pub contributions: Vec<String>,
    /// What it receives in return.
    #[validate(length(min = 1, message = "say what the partner receives"))]
    pub benefits: Vec<String>,
    /// Who signs the charter for it; a standing document adopted by a body needs none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub signatory: Option<Person>,
    /// Where it receives formal notices; absent, notices go to its signatory.
    #[validate(nested)]
    pub notice: Option<super::NoticeAddress>,
    /// Who represents it day to day.
    #[serde(default)]
    #[validate(nested)]
    pub representatives: Vec<Person>,
    /// The date the partner withdrew from the partnership, if it has; it then holds no seat and receives
    /// no data.
    pub withdrawn: Option<Date>,
    /// The date the partner gave written notice of its withdrawal: before `withdrawn`, or alone while
    /// the withdrawal is still to take effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawal_notified: Option<Date>,
    /// The duties that still bind the partner once it has withdrawn: those of the data flows it
    /// received, its own obligations, and confidentiality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surviving: Option<Surviving>,
}

/// The duties of a withdrawing partner that survive its withdrawal, by reference to the terms they come
/// from.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Surviving {
    /// Data flows it received: its duties to report breaches and to return or destroy the data survive.
    #[serde(default)]
    #[validate(custom(function = "super::check_ids"))]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub flows: Vec<String>,
    /// Obligations (`[[obligations]]` ids) it owns that it must still perform.
    #[serde(default)]
    #[validate(custom(function = "super::check_ids"))]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub obligations: Vec<String>,
    /// Whether its duty of confidentiality under `[confidentiality]` survives.
    #[serde(default)]
    pub confidentiality: bool,
}

impl Partner {
    /// Whether the partner has withdrawn, or given notice that it will.
    #[must_use]
    pub fn is_withdrawing(&self) -> bool {
        self.withdrawn.is_some() || self.withdrawal_notified.is_some()
    }

    /// Whether the flow `id` is among those whose duties survive the partner's withdrawal.
    #[must_use]
    pub fn flow_survives(&self, id: &str) -> bool {
        self.surviving
            .as_ref()
            .is_some_and(|s| s.flows.iter().any(|f| f == id))
    }

    /// Whether the obligation `id` survives the partner's withdrawal.
    #[must_use]
    pub fn obligation_survives(&self, id: &str) -> bool {
        self.surviving
            .as_ref()
            .is_some_and(|s| s.obligations.iter().any(|o| o == id))
    }
}

fn yes() -> bool {
    true
}

/// A named person.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    #[validate(length(min = 1, max = 120))]
    pub name: String,
    /// Job title.
    #[validate(length(min = 1, max = 120))]
    pub title: String,
    /// Work e-mail address.
    #[validate(email)]
    pub email: Option<String>,
    /// The SSH public key with which a partner's signatory approves the charter (`charter approve`), as
    /// the one line of the key's `.pub` file: `"ssh-ed25519 AAAAC3Nza... jane@vitalis.example"`. Only a
    /// signatory's key is used.
    pub ssh_key: Option<String>,
}

/// Kinds of partner organisation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum PartnerKind {
    /// A university hospital or academic medical centre.
    AcademicMedicalCentre,
    /// A community hospital.
    CommunityHospital,
    /// A critical access hospital (rural, 25 beds or fewer).
    CriticalAccessHospital,
    /// A health system of several hospitals.
    HealthSystem,
    /// A university or research institute.
    University,
    /// A company.
    Industry,
    /// A non-profit or community organisation.
    NonProfit,
    /// A public body.
    Government,
    /// An insurer or payer.
    Payer,
    /// A patient advocacy organisation.
    PatientAdvocacy,
}

impl PartnerKind {
    /// The kind in plain words.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            PartnerKind::AcademicMedicalCentre => "Academic medical centre",
            PartnerKind::CommunityHospital => "Community hospital",
            PartnerKind::CriticalAccessHospital => "Critical access hospital",
            PartnerKind::HealthSystem => "Health system",
            PartnerKind::University => "University",
            PartnerKind::Industry => "Industry",
            PartnerKind::NonProfit => "Non-profit organisation",
            PartnerKind::Government => "Government body",
            PartnerKind::Payer => "Payer",
            PartnerKind::PatientAdvocacy => "Patient advocacy organisation",
        }
    }
}

/// Roles a partner can hold.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Leads the partnership.
    Lead,
    /// Funds the work or owns the product under study.
    Sponsor,
    /// Provides data.
    DataProvider,
    /// Receives data.
    DataRecipient,
    /// Runs coordination and administration.
    CoordinatingCentre,
    /// Provides a service under contract.
    ServiceProvider,
    /// Advises without delivering work.
    Advisor,
    /// Takes part in the work.
    Participant,
}

impl Role {
    /// The role in plain words.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Sponsor => "sponsor",
            Role::DataProvider => "data provider",
            Role::DataRecipient => "data recipient",
            Role::CoordinatingCentre => "coordinating centre",
            Role::ServiceProvider => "service provider",
            Role::Advisor => "advisor",
            Role::Participant => "participant",
        }
    }
}
