//! An outbound licence's SPDX expression against the SPDX licence list: what is wrong with an expression
//! that names no listed licence, with the nearest identifier, and which identifiers the list has
//! deprecated, with those that replace them. Imports the model's reading of an expression and
//! suggestion by edit distance.

use spdx::error::Reason;
use spdx::{Expression, LicenseId, LicenseItem};

use crate::model::spdx_terms;
use crate::suggest::closest;

/// Why an expression names no licence of the list, and the nearest thing that does.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Problem {
    /// The message, naming the term at fault.
    pub(super) message: String,
    /// A licence identifier, or a whole expression, to write instead.
    pub(super) suggestion: Option<String>,
}

/// A deprecated identifier in an expression, and the listed identifiers that replace it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Deprecated {
    pub(super) id: &'static str,
    pub(super) replacements: Vec<&'static str>,
}

/// Checks an expression: its deprecated identifiers, or why it is refused.
pub(super) fn check(expression: &str) -> Result<Vec<Deprecated>, Problem> {
    let parsed = spdx_terms::parse(expression).map_err(|e| {
        let term = expression.get(e.span.clone()).unwrap_or(expression).trim();
        let message = match e.reason {
            Reason::UnknownLicense | Reason::UnknownTerm => {
                format!("\"{term}\" is not an identifier on the SPDX licence list")
            }
            Reason::UnknownException => {
                format!("\"{term}\" is not an exception on the SPDX licence list")
            }
            Reason::Empty => "the licence expression is empty".to_owned(),
            ref other => format!(
                "\"{expression}\" is not a valid SPDX licence expression: {}",
                describe(other)
            ),
        };
        Problem {
            message,
            suggestion: canonical(expression).or_else(|| nearest(term)),
        }
    })?;
    let mut deprecated = Vec::new();
    for r in parsed.requirements() {
        match &r.req.license {
            LicenseItem::Other(other) => {
                return Err(Problem {
                    message: format!(
                        "\"{other}\" names a licence outside the SPDX licence list, whose text the charter does not state"
                    ),
                    suggestion: None,
                });
            }
            LicenseItem::Spdx { id, .. } if id.is_deprecated() => deprecated.push(Deprecated {
                id: id.name,
                replacements: replacements(*id),
            }),
            LicenseItem::Spdx { .. } => {}
        }
    }
    Ok(deprecated)
}

/// The parse error's reason in words.
fn describe(reason: &Reason) -> &'static str {
    match reason {
        Reason::InvalidCharacters => "it has characters no identifier or operator has",
        Reason::UnclosedParens => "a parenthesis is not closed",
        Reason::UnopenedParens => "a parenthesis is closed that was not opened",
        Reason::Unexpected(_) => "an operator or identifier is missing or out of place",
        Reason::SeparatedPlus => "a `+` follows a space",
        Reason::GnuNoPlus | Reason::GnuPlusWithSuffix => {
            "a GNU licence takes `-only` or `-or-later`, not `+`"
        }
        _ => "it names no listed licence",
    }
}

/// The expression the `spdx` crate makes of a loose one ("apache2" → "Apache-2.0", "GPL-2.0+" →
/// "GPL-2.0-or-later"), when that one is valid and names only current licences.
fn canonical(expression: &str) -> Option<String> {
    let fixed = Expression::canonicalize(expression).ok()??;
    let parsed = Expression::parse(&fixed).ok()?;
    parsed
        .requirements()
        .all(|r| matches!(&r.req.license, LicenseItem::Spdx { .. }))
        .then_some(fixed)
}

/// The current identifier nearest a term: the same letters in another case, the `spdx` crate's
/// imprecise names ("apache" is Apache-2.0), or the nearest by edit distance.
fn nearest(term: &str) -> Option<String> {
    let current = || {
        spdx::identifiers::LICENSES
            .iter()
            .filter(|l| spdx::license_id(l.name).is_some_and(|id| !id.is_deprecated()))
            .map(|l| l.name)
    };
    if let Some(same) = current().find(|n| n.eq_ignore_ascii_case(term)) {
        return Some(same.to_owned());
    }
    if let Some((id, _)) = spdx::imprecise_license_id(term) {
        let id = if id.is_deprecated() {
            spdx::gnu_license_id(id.name, false).unwrap_or(id)
        } else {
            id
        };
        if !id.is_deprecated() {
            return Some(id.name.to_owned());
        }
    }
    let names: Vec<&str> = current().collect();
    closest(term, &names).map(str::to_owned)
}

/// The identifiers that replace a deprecated one: a GNU licence's `-only` and `-or-later` forms (only the
/// `-or-later` form for one written with `+`), or the replacement the `spdx` crate's list of imprecise
/// names gives.
fn replacements(id: LicenseId) -> Vec<&'static str> {
    if id.is_gnu() {
        let (base, plus) = match id.name.strip_suffix('+') {
            Some(base) => (base, true),
            None => (id.name, false),
        };
        let mut out = Vec::new();
        if !plus {
            out.extend(spdx::gnu_license_id(base, false).map(|l| l.name));
        }
        out.extend(spdx::gnu_license_id(base, true).map(|l| l.name));
        out.retain(|name| *name != id.name);
        if !out.is_empty() {
            return out;
        }
    }
    spdx::identifiers::IMPRECISE_NAMES
        .iter()
        .filter(|(from, _)| *from == id.name)
        .filter_map(|(_, to)| spdx::license_id(to))
        .filter(|l| !l.is_deprecated())
        .map(|l| l.name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggestion(expression: &str) -> Option<String> {
        check(expression).err().and_then(|p| p.suggestion)
    }

    #[test]
    fn listed_licences_pass() {
        for ok in [
            "Apache-2.0",
            "MIT OR Apache-2.0",
            "CC-BY-4.0",
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
        ] {
            assert_eq!(check(ok), Ok(Vec::new()), "{ok}");
        }
    }

    #[test]
    fn an_unknown_identifier_gets_the_nearest_real_one() {
        assert_eq!(suggestion("Apache2").as_deref(), Some("Apache-2.0"));
        assert_eq!(suggestion("apache-2.0").as_deref(), Some("Apache-2.0"));
        assert_eq!(suggestion("CC-BY-4").as_deref(), Some("CC-BY-4.0"));
        assert_eq!(
            suggestion("MIT OR Apache2").as_deref(),
            Some("MIT OR Apache-2.0")
        );
        let p = check("Apache2").expect_err("refused");
        assert_eq!(
            p.message,
            "\"Apache2\" is not an identifier on the SPDX licence list"
        );
    }

    #[test]
    fn a_licence_outside_the_list_is_refused() {
        let p = check("LicenseRef-Ours").expect_err("refused");
        assert!(
            p.message.contains("outside the SPDX licence list"),
            "{}",
            p.message
        );
        assert!(check("MIT OR").is_err());
        assert!(check("").is_err());
    }

    #[test]
    fn a_deprecated_identifier_names_its_replacements() {
        assert_eq!(
            check("GPL-2.0"),
            Ok(vec![Deprecated {
                id: "GPL-2.0",
                replacements: vec!["GPL-2.0-only", "GPL-2.0-or-later"],
            }])
        );
        let wx = check("wxWindows").expect("deprecated, not unknown");
        assert_eq!(wx.len(), 1);
        assert_eq!(wx[0].id, "wxWindows");
    }
}
