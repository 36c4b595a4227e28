//! What an outbound licence's SPDX expression says, read with the `spdx` crate and its copy of the SPDX
//! licence list: the licences it names, by their full names, and how they combine. The validator checks
//! the expression ([`parse`] is the one way both read it); the renderer puts it in words.

use spdx::expression::{ExprNode, Operator};
use spdx::{Expression, LicenseItem, ParseError, ParseMode};

/// How the SPDX list's identifiers are read: as the specification writes them (case-sensitive, `AND`,
/// `OR`, `WITH`), except that a deprecated identifier parses, so that it can be warned of by name.
const MODE: ParseMode = ParseMode {
    allow_deprecated: true,
    ..ParseMode::STRICT
};

/// Parses an expression as the charter reads it.
///
/// # Errors
/// The `spdx` crate's error: the span of the term it could not read, and why.
pub fn parse(expression: &str) -> Result<Expression, ParseError> {
    Expression::parse_mode(expression, MODE)
}

/// What an expression means, in the full names of its licences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning {
    /// One licence, as listed.
    One(&'static str),
    /// Licences joined by `OR`: the recipient chooses one.
    AnyOf(Vec<&'static str>),
    /// Licences joined by `AND`: all of them apply.
    AllOf(Vec<&'static str>),
    /// Anything else (a mix of `AND` and `OR`, a `WITH` exception, a `+`): the licences it names.
    Other(Vec<&'static str>),
}

/// The meaning of a valid expression of listed licences; `None` for one the validator refuses.
#[must_use]
pub fn meaning(expression: &str) -> Option<Meaning> {
    let parsed = parse(expression).ok()?;
    let mut names = Vec::new();
    let mut plain = true;
    for r in parsed.requirements() {
        let LicenseItem::Spdx { id, or_later } = &r.req.license else {
            return None;
        };
        plain &= !or_later && r.req.addition.is_none();
        names.push(id.full_name);
    }
    let ops: Vec<Operator> = parsed
        .iter()
        .filter_map(|n| match n {
            ExprNode::Op(op) => Some(*op),
            ExprNode::Req(_) => None,
        })
        .collect();
    Some(match (plain, names.as_slice(), ops.first()) {
        (true, [one], None) => Meaning::One(one),
        (true, _, Some(Operator::Or)) if ops.iter().all(|o| *o == Operator::Or) => {
            Meaning::AnyOf(names)
        }
        (true, _, Some(Operator::And)) if ops.iter().all(|o| *o == Operator::And) => {
            Meaning::AllOf(names)
        }
        _ => Meaning::Other(names),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_mean_their_licences() {
        assert_eq!(
            meaning("Apache-2.0"),
            Some(Meaning::One("Apache License 2.0"))
        );
        assert_eq!(
            meaning("MIT OR Apache-2.0"),
            Some(Meaning::AnyOf(vec!["MIT License", "Apache License 2.0"]))
        );
        assert_eq!(
            meaning("MIT AND CC-BY-4.0"),
            Some(Meaning::AllOf(vec![
                "MIT License",
                "Creative Commons Attribution 4.0 International"
            ]))
        );
        assert!(matches!(
            meaning("(MIT OR Apache-2.0) AND CC-BY-4.0"),
            Some(Meaning::Other(_))
        ));
        assert!(matches!(
            meaning("Apache-2.0 WITH LLVM-exception"),
            Some(Meaning::Other(_))
        ));
        assert_eq!(meaning("Apache2"), None);
        assert_eq!(meaning("LicenseRef-Ours"), None);
    }

    #[test]
    fn a_deprecated_identifier_parses() {
        assert!(parse("GPL-2.0").is_ok());
        assert!(parse("apache-2.0").is_err());
    }
}
