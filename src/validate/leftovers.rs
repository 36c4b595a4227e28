//! The done signal: a charter that still holds the example it started from (the built-in examples'
//! fictional organisations and people, and addresses at the domains reserved for examples) is not yet the
//! partners' own. One warning per partner, at the first such value, says what is left to replace.

use super::{Annotate, Ctx, and_list};
use crate::load::Seg;
use crate::model::{Charter, Partner, Person};
use crate::path;
use crate::rules;
use crate::scaffold::{FICTIONAL_ORGANISATIONS, FICTIONAL_PEOPLE};

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    for (i, p) in c.partners.iter().enumerate() {
        let left = leftovers(p);
        let Some((first, _)) = left.first() else {
            continue;
        };
        let mut at = path!["partners", i].to_vec();
        at.extend(first.iter().cloned());
        ctx.at(
            &rules::EXAMPLE_CONTENT,
            &at,
            format!("{} still holds the example's {}", p.short_name, summary(&left)),
        )
        .with(
            "example content",
            "replace the partner's legal name, its people and their e-mail addresses with its own, such as \
             email = \"ana.ruiz@lakeside-hospital.org\"",
        );
    }
}

/// What is left of the example.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Left {
    Organisation(String),
    Person,
    Address,
}

/// Each value of the partner that is still the examples', with its path inside the partner's table.
fn leftovers(p: &Partner) -> Vec<(Vec<Seg>, Left)> {
    let mut left = Vec::new();
    if is_fictional(FICTIONAL_ORGANISATIONS, &p.legal_name) {
        left.push((
            path!["legal_name"].to_vec(),
            Left::Organisation(p.legal_name.clone()),
        ));
    }
    if let Some(signatory) = &p.signatory {
        person(signatory, path!["signatory"], &mut left);
    }
    for (j, r) in p.representatives.iter().enumerate() {
        person(r, path!["representatives", j], &mut left);
    }
    // Notices sent to an address at an example domain reach no one.
    if let Some(n) = &p.notice
        && n.email.as_deref().is_some_and(is_example_address)
    {
        left.push((path!["notice", "email"].to_vec(), Left::Address));
    }
    left
}

fn person(who: &Person, at: &[Seg], left: &mut Vec<(Vec<Seg>, Left)>) {
    let within = |key: &'static str| {
        let mut path = at.to_vec();
        path.push(Seg::Key(key.into()));
        path
    };
    if is_fictional(FICTIONAL_PEOPLE, &who.name) {
        left.push((within("name"), Left::Person));
    }
    if who.email.as_deref().is_some_and(is_example_address) {
        left.push((within("email"), Left::Address));
    }
}

/// `organisation "X", 3 people and 3 addresses at example domains`.
fn summary(left: &[(Vec<Seg>, Left)]) -> String {
    let count = |kind: &Left| left.iter().filter(|(_, k)| k == kind).count();
    let mut parts = Vec::new();
    for (_, kind) in left {
        if let Left::Organisation(name) = kind {
            parts.push(format!("organisation \"{name}\""));
        }
    }
    match count(&Left::Person) {
        0 => {}
        1 => parts.push("1 person".to_string()),
        n => parts.push(format!("{n} people")),
    }
    match count(&Left::Address) {
        0 => {}
        1 => parts.push("1 address at a domain for examples".to_string()),
        n => parts.push(format!("{n} addresses at a domain for examples")),
    }
    and_list(&parts)
}

fn is_fictional(sorted: &[&str], value: &str) -> bool {
    sorted.binary_search(&value.trim()).is_ok()
}

/// An address at a domain reserved for documentation and examples (RFC 2606): example.org, example.com,
/// example.net, or any of their subdomains.
fn is_example_address(email: &str) -> bool {
    let Some((_, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    ["example.org", "example.com", "example.net"]
        .iter()
        .any(|reserved| domain == *reserved || domain.ends_with(&format!(".{reserved}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_domains_and_their_subdomains_are_example_addresses() {
        assert!(is_example_address("a@example.org"));
        assert!(is_example_address("a.b@northstar.EXAMPLE.org"));
        assert!(is_example_address("a@example.com."));
        assert!(!is_example_address("a@example.org.uk"));
        assert!(!is_example_address("a@myexample.org"));
        assert!(!is_example_address("no-at-sign"));
    }

    #[test]
    fn the_summary_names_the_organisation_and_counts_the_rest() {
        let left = vec![
            (vec![], Left::Organisation("Vitalis Analytics, Inc.".into())),
            (vec![], Left::Person),
            (vec![], Left::Address),
            (vec![], Left::Person),
        ];
        assert_eq!(
            summary(&left),
            "organisation \"Vitalis Analytics, Inc.\", 2 people and 1 address at a domain for examples"
        );
    }

    #[test]
    fn the_fictional_lists_are_sorted_for_binary_search() {
        for list in [FICTIONAL_ORGANISATIONS, FICTIONAL_PEOPLE] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn lists_read_as_words() {
        let s = |v: &[&str]| and_list(&v.iter().map(|x| (*x).to_string()).collect::<Vec<_>>());
        assert_eq!(s(&["a"]), "a");
        assert_eq!(s(&["a", "b"]), "a and b");
        assert_eq!(s(&["a", "b", "c"]), "a, b and c");
    }
}
