//! Rules on how the document comes into force: who signs it, what a signed document must state, when it
//! takes effect, and the record of a standing document's adoption by a body. The references of the
//! adoption record (its body and decision) are checked with the others, in `references`. Imports the
//! model, the rule catalogue, span paths (`path!`) and the validation context (`super`).

use super::{Annotate, Ctx, and_list};
use crate::model::{Adoption, Charter, Lookup};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    signatories(c, ctx);
    term_and_law(c, ctx);
    if c.takes_effect().is_none() {
        ctx.at(
            &rules::EFFECTIVE_DATE_REQUIRED,
            path!["charter"],
            format!(
                "{} {} no `effective_date` and no `[adoption]` to take effect on",
                c.charter.kind.this_capitalised(),
                c.charter.kind.verb("has", "have")
            ),
        )
        .with(
            "when does it take effect?",
            "add `effective_date = 2026-04-01`, or an `[adoption]` with the date the body adopted it",
        );
    }
    if let Some(a) = &c.adoption {
        adoption(c, a, index, ctx);
    }
}

/// Every partner that has not withdrawn has a signatory, unless the document is a standing one adopted by
/// a body; and every partner has one when every partner signs its amendments.
fn signatories(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let kind = c.charter.kind;
    let unsigned: Vec<(usize, &str)> = c
        .partners
        .iter()
        .enumerate()
        .filter(|(_, p)| p.withdrawn.is_none() && p.signatory.is_none())
        .map(|(i, p)| (i, p.short_name.as_str()))
        .collect();
    if unsigned.is_empty() {
        return;
    }
    let hint = "add `signatory = { name = \"Ana Ruiz\", title = \"Chief Executive Officer\" }` to the partner";
    if !kind.is_standing() {
        for &(i, name) in &unsigned {
            ctx.at(
                &rules::SIGNATORY_REQUIRED,
                path!["partners", i, "id"],
                format!(
                    "{name} has no signatory, but every partner signs {}",
                    kind.this()
                ),
            )
            .with(
                "no `signatory`",
                format!("{hint}; only terms of reference, a policy or a technical charter adopted by a body go unsigned"),
            );
        }
        return;
    }
    let names: Vec<&str> = unsigned.iter().map(|(_, n)| *n).collect();
    if c.adoption.is_none() {
        ctx.at(
            &rules::STANDING_WITHOUT_ADOPTION,
            path!["charter", "kind"],
            format!(
                "{} {} no `[adoption]`, and {} {} no signatory: nothing says how {} came into force",
                kind.this_capitalised(),
                kind.verb("has", "have"),
                and_list(&names),
                if names.len() == 1 { "has" } else { "have" },
                kind.verb("it", "they")
            ),
        )
        .with(
            "neither signed nor adopted",
            format!(
                "add `[adoption]` with `body = \"{}\"`, `date = 2026-04-01` and `decision = \"approve-terms\"`, or give every partner a `[partners.signatory]`",
                c.bodies.first().map_or("dac", |b| b.id.as_str())
            ),
        );
    }
    if c.amendment.as_ref().is_some_and(|a| a.signed_by_all) {
        ctx.at(
            &rules::SIGNATORY_REQUIRED,
            path!["amendment", "signed_by_all"],
            format!(
                "every partner signs an amendment, but {} {} no signatory",
                and_list(&names),
                if names.len() == 1 { "has" } else { "have" }
            ),
        )
        .with(
            "no one to sign",
            "remove `signed_by_all`, so that the amendment takes effect when the body decides it, or give every partner a `[partners.signatory]`",
        );
    }
}

/// A document the partners sign states its term and its governing law.
fn term_and_law(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let kind = c.charter.kind;
    if kind.is_standing() {
        return;
    }
    let missing = match (c.term.is_none(), c.charter.jurisdiction.is_none()) {
        (true, true) => "no `[term]` and no `jurisdiction`",
        (true, false) => "no `[term]`",
        (false, true) => "no `jurisdiction` (governing law)",
        (false, false) => return,
    };
    ctx.at(
        &rules::TERM_AND_LAW_REQUIRED,
        path!["charter"],
        format!("{} {} {missing}", kind.this_capitalised(), kind.verb("has", "have")),
    )
    .with(
        "a signed document states its term and law",
        "add `jurisdiction = \"England and Wales\"` and a `[term]` with `length = \"3 years\"`, or, for terms of reference, write `kind = \"terms_of_reference\"`",
    );
}

/// The adoption's decision is the adopting body's, and the document is not adopted after it takes effect.
fn adoption(c: &Charter, a: &Adoption, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    // An undefined body or decision is reported with the other references.
    let decision = a
        .decision
        .as_deref()
        .and_then(|d| index.decision(d))
        .map(|k| &c.decisions[k]);
    if let Some(d) = decision
        && d.body != a.body
        && index.body(&a.body).is_some()
    {
        ctx.at(
            &rules::ADOPTION_DECISION_OF_ANOTHER_BODY,
            path!["adoption", "decision"],
            format!(
                "the decision \"{}\" is taken by \"{}\", but the adoption record says \"{}\" adopted the document by it",
                d.id, d.body, a.body
            ),
        )
        .with(
            format!("decided by \"{}\"", d.body),
            format!(
                "write `body = \"{}\"`, or name a decision of \"{}\"",
                d.body, a.body
            ),
        );
    }
    if let Some(effective) = c.charter.effective_date
        && a.date > effective
    {
        ctx.at(
            &rules::ADOPTION_AFTER_EFFECTIVE_DATE,
            path!["adoption", "date"],
            format!(
                "adopted on {}, after the effective date {effective}",
                a.date
            ),
        )
        .with(
            "after it takes effect",
            format!(
                "write an adoption date on or before {effective}, or remove `effective_date` so that the document takes effect on {}",
                a.date
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::pipeline::check;
    use crate::source::Source;

    const TERMS: &str =
        include_str!("../../tests/fixtures/valid/adoption-after-effective-date.toml");

    fn codes(text: &str) -> Vec<&'static str> {
        let (_, diagnostics) = check(&Source::new("t.toml", text.as_bytes().to_vec()));
        diagnostics.iter().map(|d| d.rule.code).collect()
    }

    #[test]
    fn adopted_terms_need_no_signatory_but_amendments_signed_by_all_do() {
        assert_eq!(codes(TERMS), Vec::<&str>::new());
        let signed = format!(
            "{TERMS}\n[amendment]\nbody = \"audit-group\"\nrule = \"unanimity\"\nnotice = \"30 days\"\nsigned_by_all = true\n"
        );
        assert_eq!(codes(&signed), ["E0470"]);
    }

    #[test]
    fn without_an_effective_date_the_document_takes_effect_on_its_adoption() {
        let text = TERMS.replace("effective_date = 2026-01-01\n", "");
        let (valid, diagnostics) = check(&Source::new("t.toml", text.into_bytes()));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let valid = valid.expect("valid");
        assert_eq!(
            valid.takes_effect().map(|d| d.to_string()).as_deref(),
            Some("2025-12-15")
        );
    }

    #[test]
    fn an_undefined_adopting_body_or_decision_is_an_undefined_reference() {
        let text = TERMS
            .replace(
                "body = \"audit-group\"\ndate",
                "body = \"audit-grup\"\ndate",
            )
            .replace(
                "decision = \"approve-terms\"",
                "decision = \"approve-term\"",
            );
        assert_eq!(codes(&text), ["E0302", "E0302"]);
    }
}
