//! Rules on the drafting clauses: the organiser's definitions, the order of precedence, and the terms a
//! survival list names.

use rustc_hash::FxHashMap;

use super::{Annotate, Ctx};
use crate::model::{Charter, Instrument, NoticeMethod, glossary};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    definitions(c, ctx);
    precedence(c, ctx);
    survival(c, ctx);
    reachable(c, ctx);
}

/// Each organiser's term is defined once: not by the glossary, a partner's or body's name, or another.
/// Terms are compared by their key, so "Site-Lead" repeats "site lead" (and would repeat its anchor).
fn definitions(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let mut defined: FxHashMap<String, String> = FxHashMap::default();
    let mut define = |term: &str, by: String| {
        defined.entry(glossary::key(term)).or_insert(by);
    };
    for e in glossary::GLOSSARY {
        define(e.term, format!("the built-in definition of \"{}\"", e.term));
    }
    for p in &c.partners {
        define(
            &p.short_name,
            format!("the name of the partner \"{}\"", p.id),
        );
    }
    for b in &c.bodies {
        define(&b.name, format!("the name of the body \"{}\"", b.id));
    }
    for (i, d) in c.definitions.iter().enumerate() {
        let key = glossary::key(&d.term);
        if key.is_empty() {
            ctx.at(
                &rules::FIELD_RULE,
                path!["definitions", i, "term"],
                format!("the defined term \"{}\" has no letter or digit", d.term),
            )
            .with(
                "no words",
                "write the term as the charter uses it, e.g. \"Site Lead\"",
            );
            continue;
        }
        match defined.get(&key) {
            Some(by) => {
                ctx.at(
                    &rules::DUPLICATE_DEFINITION,
                    path!["definitions", i, "term"],
                    format!("\"{}\" is already defined, as {by}", d.term),
                )
                .with(
                    "defined twice",
                    "remove this definition if that meaning is the one intended, or name the term differently, e.g. \"Site Data Set\"",
                );
            }
            None => {
                defined.insert(key, format!("the definition at `definitions[{}]`", i + 1));
            }
        }
    }
}

/// The order of precedence ranks the charter and agreements the data flows are made under, once each.
fn precedence(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let Some(p) = &c.precedence else { return };
    for (j, doc) in p.order.iter().enumerate() {
        if p.order[..j].contains(doc) {
            ctx.at(
                &rules::PRECEDENCE_ORDER,
                path!["precedence", "order", j],
                format!("{} is listed twice in the order of precedence", doc.label()),
            )
            .with(
                "listed twice",
                "list each document once, the one that prevails first",
            );
        } else if let Some(a) = doc.agreement()
            && !c.data_flows.iter().any(|f| f.agreement == a)
        {
            ctx.at(
                &rules::PRECEDENCE_ORDER,
                path!["precedence", "order", j],
                format!("no data flow is made under {}", a.label()),
            )
            .with(
                "no such agreement",
                "remove it from `order`, or set `agreement` on the data flow made under it, e.g. `agreement = \"data_use_agreement\"`",
            );
        }
    }
    if !p.order.contains(&Instrument::Charter) {
        ctx.at(
            &rules::PRECEDENCE_ORDER,
            path!["precedence", "order"],
            "the order of precedence does not rank this charter",
        )
        .with(
            "charter missing",
            "add \"charter\" where it ranks, e.g. `order = [\"business_associate_agreement\", \"charter\"]`",
        );
    }
}

/// A term a survival entry can name, found by a word the entry starts a word with.
struct Survivor {
    /// Words that name the term, lowercase; each matches at the start of a word ("confidential" in
    /// "confidentiality").
    words: &'static [&'static str],
    /// The term in words, as it reads before "terms".
    name: &'static str,
    /// Whether the charter states the term.
    stated: fn(&Charter) -> bool,
    /// What to add for the entry to keep something in force.
    add: &'static str,
}

/// The terms a survival list can name, and where the charter states each.
static SURVIVORS: &[Survivor] = &[
    Survivor {
        words: &["confidential"],
        name: "confidentiality",
        stated: |c| c.confidentiality.is_some(),
        add: "a `[confidentiality]` table, e.g. `covers = \"unpublished results\"`, `duration = \"5 years\"`",
    },
    Survivor {
        words: &["publication"],
        name: "publication",
        stated: |c| c.publication.is_some(),
        add: "a `[publication]` table",
    },
    Survivor {
        words: &["licence", "license"],
        name: "licence",
        // A licence granted to partners, or an outbound licence released to everyone.
        stated: |c| {
            c.ip.as_ref()
                .is_some_and(|ip| !ip.licences.is_empty() || !ip.outbound.is_empty())
        },
        add: "an `[[ip.licences]]` or `[[ip.outbound]]` entry",
    },
    Survivor {
        words: &["intellectual property"],
        name: "intellectual property",
        stated: |c| c.ip.is_some(),
        add: "an `[ip]` table",
    },
    Survivor {
        words: &["conflict"],
        name: "conflict-of-interest",
        stated: |c| c.conflicts.is_some(),
        add: "a `[conflicts]` table",
    },
    Survivor {
        words: &["business associate agreement"],
        name: "business associate agreement",
        stated: |c| {
            c.data_flows
                .iter()
                .any(|f| f.agreement == crate::model::Agreement::BusinessAssociateAgreement)
        },
        add: "a data flow with `agreement = \"business_associate_agreement\"`",
    },
    Survivor {
        words: &["data use agreement"],
        name: "data use agreement",
        stated: |c| {
            c.data_flows
                .iter()
                .any(|f| f.agreement == crate::model::Agreement::DataUseAgreement)
        },
        add: "a data flow with `agreement = \"data_use_agreement\"`",
    },
    Survivor {
        words: &["data protection", "breach notification"],
        name: "data flow",
        stated: |c| !c.data_flows.is_empty(),
        add: "a `[[data_flows]]` entry",
    },
    Survivor {
        words: &["dispute"],
        name: "disputes",
        stated: |c| c.disputes.is_some(),
        add: "a `[disputes]` table",
    },
    Survivor {
        words: &["notices"],
        name: "notices",
        stated: |c| c.notices.is_some() || c.partners.iter().any(|p| p.notice.is_some()),
        add: "a `[notices]` table",
    },
];

/// Every survival entry that names a term the charter does not state.
fn survival(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let Some(term) = &c.term else { return };
    for (i, entry) in term.survival.iter().enumerate() {
        let lower = entry.to_lowercase();
        for s in SURVIVORS {
            if (s.stated)(c) || !s.words.iter().any(|w| starts_a_word(&lower, w)) {
                continue;
            }
            ctx.at(
                &rules::SURVIVAL_WITHOUT_TERM,
                path!["term", "survival", i],
                format!(
                    "\"{entry}\" survives, but the charter states no {} terms to keep in force",
                    s.name
                ),
            )
            .with(
                "nothing to survive",
                format!("add {}, or remove \"{entry}\" from `term.survival`", s.add),
            );
        }
    }
}

/// Every partner can be reached by at least one of the ways of giving notice.
fn reachable(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let Some(n) = &c.notices else { return };
    for (i, p) in c.partners.iter().enumerate() {
        let (email, address) = match &p.notice {
            Some(at) => (at.email.is_some(), at.address.is_some()),
            None => (
                p.signatory.as_ref().is_some_and(|s| s.email.is_some()),
                false,
            ),
        };
        let reached = n.methods.iter().any(|m| match m {
            NoticeMethod::Email => email,
            NoticeMethod::Hand | NoticeMethod::Courier | NoticeMethod::RegisteredPost => address,
        });
        if reached {
            continue;
        }
        let methods: Vec<&str> = n.methods.iter().map(|m| m.label()).collect();
        let at = if p.notice.is_some() {
            "notice"
        } else {
            "signatory"
        };
        ctx.at(
            &rules::NOTICE_UNREACHABLE,
            path!["partners", i, at],
            format!(
                "notice by {} cannot reach {}: it has no {}",
                methods.join(" or "),
                p.short_name,
                match (
                    n.methods.contains(&NoticeMethod::Email),
                    n.methods.iter().any(|m| *m != NoticeMethod::Email)
                ) {
                    (true, true) => "e-mail or postal address",
                    (true, false) => "e-mail address",
                    _ => "postal address",
                }
            ),
        )
        .with(
            "unreachable",
            "give the partner a `[partners.notice]` with `email` or `address`, e.g. `address = \"1 Lake Road, Eugene, OR 97401\"`, or add a method it can receive, such as \"email\"",
        );
    }
}

/// Whether `word` occurs in `text` at the start of a word.
fn starts_a_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::starts_a_word;

    #[test]
    fn a_word_matches_only_at_the_start_of_a_word() {
        assert!(starts_a_word(
            "confidentiality, for five years",
            "confidential"
        ));
        assert!(starts_a_word("the licence to deliverables", "licence"));
        assert!(!starts_a_word("nonconfidential notes", "confidential"));
    }
}
