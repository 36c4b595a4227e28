//! The agreement a data flow is made under, on its own terms: how long it runs and whether it renews
//! (`agreement_term`); and the conditions of UK and EU GDPR Article 9(2) on which health data, a special
//! category of personal data, may be processed (`special_category_condition`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Charter, DataElement, DataFlow, Date, Period, Regime, Renewal};

/// The term of the agreement a data flow is made under, apart from the charter's own: a data use
/// agreement for five years, say, that renews by agreement.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct AgreementTerm {
    /// How long the agreement runs from the day it begins, e.g. "5 years".
    pub length: Period,
    /// What happens at the end of the agreement's term: it ends (`"none"`), renews for
    /// `renewal_period` unless a party gives `notice` (`"automatic"`), or renews only if its parties
    /// agree in writing (`"by_agreement"`).
    pub renewal: Renewal,
    /// Length of each renewal, with `renewal = "automatic"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal_period: Option<Period>,
    /// Notice a party gives before the end of the current period to stop an automatic renewal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Period>,
    /// The day the agreement begins, when it is signed apart from the charter. Absent: the day the
    /// charter's term begins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<Date>,
}

impl AgreementTerm {
    /// Whether the agreement can go on past its first term: it renews automatically or by agreement.
    #[must_use]
    pub fn renews(&self) -> bool {
        self.renewal != Renewal::None
    }

    /// The last day of the agreement's first term, for an agreement that begins on `start`.
    #[must_use]
    pub fn last_day(&self, start: Date) -> Date {
        self.length.after(start).add_days(-1)
    }
}

impl DataFlow {
    /// Whether the flow's data concerns health, a special category of personal data under the GDPR: it
    /// lists no `elements` (the format's tiers describe health records), or lists one that is health
    /// data (diagnoses, procedures, medications, results, vital signs, images or clinical notes).
    #[must_use]
    pub fn concerns_health(&self) -> bool {
        self.elements.is_empty()
            || self.elements.iter().any(|e| {
                matches!(
                    e,
                    DataElement::Diagnoses
                        | DataElement::Procedures
                        | DataElement::Medications
                        | DataElement::LaboratoryResults
                        | DataElement::VitalSigns
                        | DataElement::MedicalImages
                        | DataElement::FreeTextNotes
                        | DataElement::RedactedFreeTextNotes
                )
            })
    }
}

impl Charter {
    /// The day a flow's agreement begins: its `signed` date, else the day the charter's term begins;
    /// none for a flow with no `agreement_term`, or when neither day is known.
    #[must_use]
    pub fn agreement_starts(&self, f: &DataFlow) -> Option<Date> {
        let t = f.agreement_term.as_ref()?;
        t.signed.or_else(|| self.term_starts())
    }

    /// The last day of the first term of a flow's agreement, when the day it begins is known.
    #[must_use]
    pub fn agreement_ends(&self, f: &DataFlow) -> Option<Date> {
        let t = f.agreement_term.as_ref()?;
        Some(t.last_day(self.agreement_starts(f)?))
    }
}

/// A condition of UK and EU GDPR Article 9(2) on which health data, a special category of personal
/// data, may be processed, in addition to a lawful basis of Article 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialCategoryCondition {
    /// Article 9(2)(a): the data subject's explicit consent.
    ExplicitConsent,
    /// Article 9(2)(b): obligations and rights in employment, social security and social protection law.
    Employment,
    /// Article 9(2)(c): the vital interests of a data subject incapable of giving consent.
    VitalInterests,
    /// Article 9(2)(d): the legitimate activities of a not-for-profit body, about its members.
    NotForProfit,
    /// Article 9(2)(e): data manifestly made public by the data subject.
    MadePublic,
    /// Article 9(2)(f): legal claims, or courts acting in their judicial capacity.
    LegalClaims,
    /// Article 9(2)(g): reasons of substantial public interest.
    SubstantialPublicInterest,
    /// Article 9(2)(h): preventive or occupational medicine, medical diagnosis, the provision of health
    /// or social care, or the management of health or social care systems.
    HealthOrSocialCare,
    /// Article 9(2)(i): reasons of public interest in the area of public health.
    PublicHealth,
    /// Article 9(2)(j): archiving in the public interest, scientific or historical research, or
    /// statistics, in accordance with Article 89(1) and its safeguards.
    Research,
}

impl SpecialCategoryCondition {
    /// The point of Article 9(2) the condition is: `'a'` to `'j'`.
    #[must_use]
    pub fn point(self) -> char {
        match self {
            SpecialCategoryCondition::ExplicitConsent => 'a',
            SpecialCategoryCondition::Employment => 'b',
            SpecialCategoryCondition::VitalInterests => 'c',
            SpecialCategoryCondition::NotForProfit => 'd',
            SpecialCategoryCondition::MadePublic => 'e',
            SpecialCategoryCondition::LegalClaims => 'f',
            SpecialCategoryCondition::SubstantialPublicInterest => 'g',
            SpecialCategoryCondition::HealthOrSocialCare => 'h',
            SpecialCategoryCondition::PublicHealth => 'i',
            SpecialCategoryCondition::Research => 'j',
        }
    }

    /// The condition in the words of Article 9(2).
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            SpecialCategoryCondition::ExplicitConsent => {
                "the data subject has given explicit consent to the processing of those personal data for one or more specified purposes"
            }
            SpecialCategoryCondition::Employment => {
                "processing is necessary for the purposes of carrying out the obligations and exercising specific rights of the controller or of the data subject in the field of employment and social security and social protection law"
            }
            SpecialCategoryCondition::VitalInterests => {
                "processing is necessary to protect the vital interests of the data subject or of another natural person where the data subject is physically or legally incapable of giving consent"
            }
            SpecialCategoryCondition::NotForProfit => {
                "processing is carried out in the course of its legitimate activities with appropriate safeguards by a foundation, association or any other not-for-profit body with a political, philosophical, religious or trade union aim"
            }
            SpecialCategoryCondition::MadePublic => {
                "processing relates to personal data which are manifestly made public by the data subject"
            }
            SpecialCategoryCondition::LegalClaims => {
                "processing is necessary for the establishment, exercise or defence of legal claims or whenever courts are acting in their judicial capacity"
            }
            SpecialCategoryCondition::SubstantialPublicInterest => {
                "processing is necessary for reasons of substantial public interest"
            }
            SpecialCategoryCondition::HealthOrSocialCare => {
                "processing is necessary for the purposes of preventive or occupational medicine, medical diagnosis, the provision of health or social care or treatment or the management of health or social care systems and services"
            }
            SpecialCategoryCondition::PublicHealth => {
                "processing is necessary for reasons of public interest in the area of public health"
            }
            SpecialCategoryCondition::Research => {
                "processing is necessary for archiving purposes in the public interest, scientific or historical research purposes or statistical purposes in accordance with Article 89(1), subject to appropriate safeguards for the rights and freedoms of the data subject"
            }
        }
    }

    /// The condition of Schedule 1 to the Data Protection Act 2018 that the UK GDPR adds to the
    /// condition (section 10 of the Act), if it adds one.
    #[must_use]
    pub fn uk_schedule_1(self) -> Option<&'static str> {
        match self {
            SpecialCategoryCondition::Employment => Some("paragraph 1 of Part 1"),
            SpecialCategoryCondition::HealthOrSocialCare => Some("paragraph 2 of Part 1"),
            SpecialCategoryCondition::PublicHealth => Some("paragraph 3 of Part 1"),
            SpecialCategoryCondition::Research => Some("paragraph 4 of Part 1"),
            SpecialCategoryCondition::SubstantialPublicInterest => Some("a condition in Part 2"),
            _ => None,
        }
    }

    /// The citation of the condition under a flow's law: "Article 9(2)(j) of the UK GDPR and paragraph
    /// 4 of Part 1 of Schedule 1 to the Data Protection Act 2018"; "the GDPR" under a law that is not
    /// one of them.
    #[must_use]
    pub fn citation(self, regime: Option<Regime>) -> String {
        let article = format!("Article 9(2)({}) of {}", self.point(), gdpr_name(regime));
        match (regime, self.uk_schedule_1()) {
            (Some(Regime::UkGdpr), Some(schedule)) => {
                format!("{article} and {schedule} of Schedule 1 to the Data Protection Act 2018")
            }
            _ => article,
        }
    }
}

/// The GDPR a flow is made under, as a citation names it: "the UK GDPR", "the EU GDPR", or "the GDPR"
/// when the flow's law is neither.
#[must_use]
pub fn gdpr_name(regime: Option<Regime>) -> &'static str {
    match regime {
        Some(r) if r.is_gdpr() => r.name(),
        _ => "the GDPR",
    }
}

#[cfg(test)]
mod tests {
    use super::{AgreementTerm, SpecialCategoryCondition};
    use crate::model::{Date, Regime};

    #[test]
    fn an_agreement_term_ends_the_day_before_its_anniversary() {
        let t: AgreementTerm =
            toml::from_str("length = \"5 years\"\nrenewal = \"none\"").expect("a term");
        let start = Date {
            year: 2026,
            month: 3,
            day: 1,
        };
        assert_eq!(
            t.last_day(start),
            Date {
                year: 2031,
                month: 2,
                day: 28
            }
        );
        assert!(!t.renews());
        let unknown = toml::from_str::<AgreementTerm>("length = \"5 years\"\nrenewal = \"never\"");
        assert!(unknown.is_err());
    }

    #[test]
    fn a_condition_cites_its_point_and_the_uk_schedule_only_under_the_uk_gdpr() {
        let research = SpecialCategoryCondition::Research;
        assert_eq!(
            research.citation(Some(Regime::UkGdpr)),
            "Article 9(2)(j) of the UK GDPR and paragraph 4 of Part 1 of Schedule 1 to the Data Protection Act 2018"
        );
        assert_eq!(
            research.citation(Some(Regime::EuGdpr)),
            "Article 9(2)(j) of the EU GDPR"
        );
        assert_eq!(research.citation(None), "Article 9(2)(j) of the GDPR");
        assert_eq!(
            SpecialCategoryCondition::ExplicitConsent.citation(Some(Regime::UkGdpr)),
            "Article 9(2)(a) of the UK GDPR"
        );
        assert!(research.words().contains("Article 89(1)"));
    }
}
