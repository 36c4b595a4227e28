//! The built-in glossary: the terms of art a charter uses, each with its meaning, the regulation it
//! comes from where there is one, and when a charter uses it. The definitions clause lists only the
//! entries a charter uses, so that no charter defines a term it never mentions.

use super::{Agreement, Charter, Identifiability, Instrument, PeriodUnit, Regime};

/// One built-in definition.
#[derive(Debug)]
pub struct Entry {
    /// The term as the charter writes it, e.g. "Limited Data Set".
    pub term: &'static str,
    /// What it means, completing the sentence "\"Limited Data Set\" means …".
    pub meaning: &'static str,
    /// The regulation that defines it, e.g. "45 CFR 164.514(e)".
    pub citation: Option<&'static str>,
    /// Whether a charter uses the term.
    pub used_when: fn(&Charter) -> bool,
}

/// Every built-in definition, in alphabetical order of term.
pub static GLOSSARY: &[Entry] = &[
    Entry {
        term: "Anonymised Data",
        meaning: "information that does not relate to an identified or identifiable natural person, or personal data rendered anonymous so that the person is no longer identifiable by any means reasonably likely to be used",
        citation: Some("Recital 26 of the UK GDPR and the EU GDPR"),
        used_when: |c| tier_used(c, Identifiability::Anonymised),
    },
    Entry {
        term: "Background IP",
        meaning: "intellectual property a partner owns or controls before the effective date, or creates outside the partnership",
        citation: None,
        used_when: |c| c.ip.is_some(),
    },
    Entry {
        term: "Business Associate Agreement",
        meaning: "a contract under which a business associate agrees to safeguard the protected health information it creates, receives, maintains or transmits on behalf of a covered entity",
        citation: Some("45 CFR 164.504(e)"),
        used_when: |c| agreement_used(c, Agreement::BusinessAssociateAgreement),
    },
    Entry {
        term: "Business Day",
        meaning: "a day other than a Saturday, a Sunday or a public holiday in the place of the governing law",
        citation: None,
        used_when: |c| {
            c.notices
                .as_ref()
                .is_some_and(|n| n.received_after_business_days.is_some())
                || business_days_used(c)
        },
    },
    Entry {
        term: "Confidential Information",
        meaning: "the information described in the confidentiality clause of this charter, disclosed by one partner to another in the course of the partnership",
        citation: None,
        used_when: |c| c.confidentiality.is_some(),
    },
    Entry {
        term: "Data Processing Agreement",
        meaning: "a contract under which a processor processes personal data on behalf of a controller, with the terms the GDPR requires of such a contract",
        citation: Some("Article 28(3) of the UK GDPR and the EU GDPR"),
        used_when: |c| agreement_used(c, Agreement::DataProcessingAgreement),
    },
    Entry {
        term: "Data Sharing Agreement",
        meaning: "a written agreement between a data provider and its recipients that sets the terms of one data flow beyond those of this charter",
        citation: None,
        used_when: |c| agreement_used(c, Agreement::DataSharingAgreement),
    },
    Entry {
        term: "Data Use Agreement",
        meaning: "an agreement under which the recipient of a limited data set gives the satisfactory assurances the HIPAA Privacy Rule requires about its use and disclosure",
        citation: Some("45 CFR 164.514(e)(4)"),
        used_when: |c| agreement_used(c, Agreement::DataUseAgreement),
    },
    Entry {
        term: "Data Use Ontology",
        meaning: "the vocabulary of data use conditions whose codes, such as HMB or NCU, the data clauses give beside each condition they state in words",
        citation: Some(
            "the Data Use Ontology (DUO) of the Global Alliance for Genomics and Health (GA4GH)",
        ),
        used_when: |c| c.data_flows.iter().any(|f| f.data_use.is_some()),
    },
    Entry {
        term: "De-identified Data",
        meaning: "health information that does not identify an individual and gives no reasonable basis to identify one, de-identified by the Safe Harbor method or by Expert Determination",
        citation: Some("45 CFR 164.514(a)-(b)"),
        used_when: |c| {
            tier_used(c, Identifiability::DeidentifiedSafeHarbor)
                || tier_used(c, Identifiability::DeidentifiedExpert)
        },
    },
    Entry {
        term: "Developer Certificate of Origin",
        meaning: "the statement by which a contributor certifies, with a Signed-off-by line in each contribution, that it has the right to submit the contribution under the licence of the work it contributes to, and that a public record of the contribution and of its sign-off may be kept and redistributed",
        citation: Some(
            "version 1.1 of the Developer Certificate of Origin, published at developercertificate.org",
        ),
        used_when: |c| {
            c.ip.as_ref()
                .and_then(|ip| ip.contributions.as_ref())
                .is_some_and(|k| k.agreements.contains(&super::ContributorAgreement::Dco))
        },
    },
    Entry {
        term: "Foreground IP",
        meaning: "intellectual property created in the course of the partnership, in the categories set out in the intellectual property section",
        citation: None,
        used_when: |c| !c.stated_foreground().is_empty(),
    },
    Entry {
        term: "Limited Data Set",
        meaning: "protected health information from which the direct identifiers of the individuals, their relatives, employers and household members are removed, but which may keep dates, towns, states and ZIP codes",
        citation: Some("45 CFR 164.514(e)"),
        used_when: |c| tier_used(c, Identifiability::LimitedDataSet),
    },
    Entry {
        term: "Personal Data Breach",
        meaning: "a breach of security leading to the accidental or unlawful destruction, loss, alteration, unauthorised disclosure of, or access to, personal data",
        citation: Some("Article 4(12) of the UK GDPR and the EU GDPR"),
        used_when: |c| {
            c.data_flows.iter().any(|f| {
                f.breach_notification.is_some() && c.regime(f).is_some_and(Regime::is_gdpr)
            })
        },
    },
    Entry {
        term: "Protected Health Information",
        meaning: "individually identifiable health information held or transmitted by a covered entity or business associate in any form or medium",
        citation: Some("45 CFR 160.103"),
        used_when: |c| {
            (tier_used(c, Identifiability::Identified)
                || tier_used(c, Identifiability::LimitedDataSet)
                || agreement_used(c, Agreement::BusinessAssociateAgreement))
                && !all_gdpr(c)
        },
    },
    Entry {
        term: "Pseudonymised Data",
        meaning: "personal data processed so that it can no longer be attributed to a specific person without additional information, which is kept separately and protected; it remains personal data",
        citation: Some("Article 4(5) of the UK GDPR and the EU GDPR"),
        used_when: |c| tier_used(c, Identifiability::Pseudonymised),
    },
    Entry {
        term: "Significant Financial Interest",
        meaning: "a financial interest related to a person's institutional responsibilities, of at least the amount the conflict-of-interest clause sets, that must be disclosed",
        citation: Some("42 CFR Part 50, Subpart F"),
        used_when: |c| {
            c.conflicts
                .as_ref()
                .is_some_and(|coi| coi.threshold_usd.is_some())
        },
    },
];

/// The built-in definitions a charter uses, in alphabetical order.
pub fn used(c: &Charter) -> impl Iterator<Item = &'static Entry> + '_ {
    GLOSSARY.iter().filter(move |e| (e.used_when)(c))
}

/// A defined term as the key of its anchor and of its identity: lowercase letters and digits, words
/// joined by single hyphens ("De-identified Data" → `de-identified-data`). Two terms with the same key
/// are the same term; a term without a letter or digit has an empty key.
/// A letter or digit outside ASCII is written as its code point (`é` → `u00e9`), so that the key stays
/// a plain anchor.
#[must_use]
pub fn key(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    for word in term
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        for c in word.chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                out.push_str(&format!("u{:04x}", u32::from(c)));
            }
        }
    }
    out
}

/// Whether a data flow is made under `agreement`, or the order of precedence names it.
fn agreement_used(c: &Charter, agreement: Agreement) -> bool {
    c.data_flows.iter().any(|f| f.agreement == agreement)
        || c.precedence.as_ref().is_some_and(|p| {
            p.order
                .iter()
                .any(|i| Instrument::agreement(*i) == Some(agreement))
        })
}

/// Whether the charter has data flows and every one is made under the UK or EU GDPR, whose words
/// ("personal data") take the place of HIPAA's.
fn all_gdpr(c: &Charter) -> bool {
    !c.data_flows.is_empty()
        && c.data_flows
            .iter()
            .all(|f| c.regime(f).is_some_and(Regime::is_gdpr))
}

/// Whether a data flow carries data of `tier`, or a partner may receive no more than it.
fn tier_used(c: &Charter, tier: Identifiability) -> bool {
    c.data_flows.iter().any(|f| f.identifiability == tier)
        || c.partners.iter().any(|p| {
            p.data_ceiling
                .as_ref()
                .is_some_and(|d| d.tiers().contains(&tier))
        })
}

/// Whether any period of the charter counts business days ("5 business days"). Every period is found
/// by its written form, so that a term added to the format later is not missed.
fn business_days_used(c: &Charter) -> bool {
    fn any(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::String(s) => s
                .parse::<super::Period>()
                .is_ok_and(|p| p.unit == PeriodUnit::BusinessDays),
            serde_json::Value::Array(items) => items.iter().any(any),
            serde_json::Value::Object(map) => map.values().any(any),
            _ => false,
        }
    }
    serde_json::to_value(c).is_ok_and(|v| any(&v))
}

#[cfg(test)]
mod tests {
    use super::{GLOSSARY, key};

    #[test]
    fn a_term_becomes_a_key_of_words_joined_by_hyphens() {
        assert_eq!(key("Limited Data Set"), "limited-data-set");
        assert_eq!(key("De-identified Data"), "de-identified-data");
        assert_eq!(key("  Site Lead (SL)  "), "site-lead-sl");
        assert_eq!(key("Site-Lead"), key("site lead"));
        assert_eq!(key("§§"), "");
        assert_eq!(key("Área Lead"), "u00e1rea-lead");
    }

    #[test]
    fn the_glossary_is_in_alphabetical_order_without_repeats() {
        let terms: Vec<&str> = GLOSSARY.iter().map(|e| e.term).collect();
        let mut sorted = terms.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(terms, sorted);
    }
}
