//! The agreement a data flow is made under and the basis it rests on, in plain words: the term of the
//! agreement and its renewal, the lawful basis of GDPR Article 6(1) and the condition of Article 9(2), in
//! the words of the law and with its article numbers. Each item is written only for a term the charter
//! states.

use crate::md;
use crate::model::{
    AgreementTerm, Basis, Charter, DataFlow, Regime, Renewal, SpecialCategoryCondition, gdpr_name,
};
use crate::render::markdown::Md;

/// The term of a flow's agreement as one item: how long it runs, from when, until when, and whether it
/// renews.
pub(super) fn term(c: &Charter, f: &DataFlow, t: &AgreementTerm) -> Md {
    let style = c.charter.date_style;
    let agreement = the_agreement(f);
    let from = match (t.signed, c.agreement_starts(f)) {
        (Some(day), _) => format!(" from its signature on {}", style.write(day)),
        (None, Some(day)) => format!(" from {}", style.write(day)),
        (None, None) => " from its signature".to_owned(),
    };
    let until = c
        .agreement_ends(f)
        .map(|end| format!(", until {}", style.write(end)))
        .unwrap_or_default();
    md!(
        "{} runs for {}{from}{until}, and {}",
        capital(&agreement),
        t.length,
        renewal(t)
    )
}

/// "the data use agreement": the agreement of a flow, named by its kind.
pub(super) fn the_agreement(f: &DataFlow) -> String {
    let label = f.agreement.label();
    format!("the {}", label.strip_prefix("a ").unwrap_or(label))
}

fn capital(words: &str) -> String {
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// Whether and how the agreement renews at the end of its term.
fn renewal(t: &AgreementTerm) -> String {
    let notice = t
        .notice
        .map_or_else(|| "notice".to_owned(), crate::model::Period::as_notice);
    match (t.renewal, t.renewal_period) {
        (Renewal::Automatic, Some(p)) => format!(
            "renews automatically for periods of {p} unless a party gives {notice} before the end of the current period"
        ),
        (Renewal::Automatic, None) => {
            format!("renews automatically unless a party gives {notice}")
        }
        (Renewal::ByAgreement, _) => {
            "may be renewed only by the written agreement of its parties".to_owned()
        }
        (Renewal::None, _) => "does not renew".to_owned(),
    }
}

/// A lawful basis of GDPR Article 6(1) as one item, in the words of the Article; none for a basis of
/// HIPAA, or `not_needed`.
pub(super) fn lawful_basis(basis: Basis, regime: Option<Regime>) -> Option<Md> {
    let point = basis.article_6_point()?;
    let words = basis.article_6_words()?;
    Some(md!(
        "Lawful basis (Article 6(1)({point}) of {}): {words}",
        gdpr_name(regime)
    ))
}

/// A condition of Article 9(2) as one item, in the words of the Article, with the condition of the Data
/// Protection Act 2018 that the UK GDPR adds to it.
pub(super) fn condition(condition: SpecialCategoryCondition, regime: Option<Regime>) -> Md {
    md!(
        "Condition for processing health data, a special category of personal data ({}): {}",
        condition.citation(regime),
        condition.words()
    )
}

/// `not_needed` under a GDPR: the data is not personal data.
pub(super) fn not_personal_data() -> Md {
    Md::raw(
        "Legal basis: none is needed, as the data is anonymised or aggregate and so not personal data",
    )
}

#[cfg(test)]
mod tests {
    use super::{condition, lawful_basis, renewal};
    use crate::model::{AgreementTerm, Basis, Regime, SpecialCategoryCondition};

    fn term(keys: &str) -> AgreementTerm {
        toml::from_str(&format!("length = \"5 years\"\n{keys}")).expect("a term")
    }

    #[test]
    fn each_renewal_reads_as_the_end_of_one_sentence() {
        assert_eq!(
            renewal(&term(
                "renewal = \"automatic\"\nrenewal_period = \"1 year\"\nnotice = \"90 days\""
            )),
            "renews automatically for periods of 1 year unless a party gives 90 days' notice before the end of the current period"
        );
        assert_eq!(
            renewal(&term("renewal = \"by_agreement\"")),
            "may be renewed only by the written agreement of its parties"
        );
        assert_eq!(renewal(&term("renewal = \"none\"")), "does not renew");
    }

    #[test]
    fn the_gdpr_words_cite_the_article_of_the_flows_law() {
        let basis = lawful_basis(Basis::PublicTask, Some(Regime::UkGdpr)).expect("a basis");
        assert!(
            basis
                .as_str()
                .starts_with("Lawful basis (Article 6(1)(e) of the UK GDPR): processing is necessary for the performance of a task carried out in the public interest"),
            "{}",
            basis.as_str()
        );
        assert!(lawful_basis(Basis::IrbWaiver, Some(Regime::UkGdpr)).is_none());
        let research = condition(SpecialCategoryCondition::Research, Some(Regime::EuGdpr));
        assert!(
            research.as_str().contains(
                "(Article 9(2)(j) of the EU GDPR): processing is necessary for archiving purposes"
            ),
            "{}",
            research.as_str()
        );
    }
}
