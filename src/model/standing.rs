//! What kind of document the charter is, and how a standing document comes into force: a charter,
//! memorandum or agreement is signed by the partners; terms of reference, a policy or a technical charter
//! may instead be adopted by a body, by one of its decisions. Every word the documents use for the
//! document itself ("this charter", "these terms of reference") comes from [`DocumentKind`].

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::Date;

/// The kind of document, which decides what the documents call it and whether it must be signed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A partnership charter, signed by every partner (the default).
    #[default]
    Charter,
    /// A memorandum of understanding, signed by every partner.
    MemorandumOfUnderstanding,
    /// An agreement, signed by every partner.
    Agreement,
    /// Terms of reference of a body: a standing document, which a body may adopt.
    TermsOfReference,
    /// A policy: a standing document, which a body may adopt.
    Policy,
    /// A technical charter, such as an open-source project's: a standing document, which a body may adopt.
    TechnicalCharter,
}

impl DocumentKind {
    /// Whether the kind is the default, so that a charter that does not state it serializes as before.
    #[must_use]
    pub fn is_charter(&self) -> bool {
        *self == DocumentKind::Charter
    }

    /// Whether this is a standing document (terms of reference, a policy, a technical charter), which a
    /// body may adopt instead of the partners signing it, and which needs no term or governing law.
    #[must_use]
    pub fn is_standing(self) -> bool {
        matches!(
            self,
            DocumentKind::TermsOfReference | DocumentKind::Policy | DocumentKind::TechnicalCharter
        )
    }

    /// The document's noun after "this" or "the": "charter", "memorandum", "terms of reference".
    #[must_use]
    pub fn noun(self) -> &'static str {
        match self {
            DocumentKind::Charter | DocumentKind::TechnicalCharter => "charter",
            DocumentKind::MemorandumOfUnderstanding => "memorandum",
            DocumentKind::Agreement => "agreement",
            DocumentKind::TermsOfReference => "terms of reference",
            DocumentKind::Policy => "policy",
        }
    }

    /// Whether the noun is plural ("these terms of reference take effect").
    #[must_use]
    pub fn is_plural(self) -> bool {
        self == DocumentKind::TermsOfReference
    }

    /// "this charter", "this memorandum", "these terms of reference".
    #[must_use]
    pub fn this(self) -> &'static str {
        match self {
            DocumentKind::Charter | DocumentKind::TechnicalCharter => "this charter",
            DocumentKind::MemorandumOfUnderstanding => "this memorandum",
            DocumentKind::Agreement => "this agreement",
            DocumentKind::TermsOfReference => "these terms of reference",
            DocumentKind::Policy => "this policy",
        }
    }

    /// "This charter", "These terms of reference": [`DocumentKind::this`] opening a sentence.
    #[must_use]
    pub fn this_capitalised(self) -> &'static str {
        match self {
            DocumentKind::Charter | DocumentKind::TechnicalCharter => "This charter",
            DocumentKind::MemorandumOfUnderstanding => "This memorandum",
            DocumentKind::Agreement => "This agreement",
            DocumentKind::TermsOfReference => "These terms of reference",
            DocumentKind::Policy => "This policy",
        }
    }

    /// "the charter", "the memorandum", "the terms of reference".
    #[must_use]
    pub fn the(self) -> &'static str {
        match self {
            DocumentKind::Charter | DocumentKind::TechnicalCharter => "the charter",
            DocumentKind::MemorandumOfUnderstanding => "the memorandum",
            DocumentKind::Agreement => "the agreement",
            DocumentKind::TermsOfReference => "the terms of reference",
            DocumentKind::Policy => "the policy",
        }
    }

    /// The form of a verb that agrees with the noun: `verb("takes", "take")`.
    #[must_use]
    pub fn verb(self, singular: &'static str, plural: &'static str) -> &'static str {
        if self.is_plural() { plural } else { singular }
    }

    /// The pronoun for the document as an object: "it", or "them" for terms of reference.
    #[must_use]
    pub fn it(self) -> &'static str {
        self.verb("it", "them")
    }

    /// The kind as a label: "Charter", "Memorandum of understanding", "Terms of reference".
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Charter => "Charter",
            DocumentKind::MemorandumOfUnderstanding => "Memorandum of understanding",
            DocumentKind::Agreement => "Agreement",
            DocumentKind::TermsOfReference => "Terms of reference",
            DocumentKind::Policy => "Policy",
            DocumentKind::TechnicalCharter => "Technical charter",
        }
    }

    /// A phrase of the program's own (a model's label, a glossary meaning) with "this charter" in it, in
    /// this kind's words: never applied to the organiser's text.
    #[must_use]
    pub fn reword<'a>(self, phrase: impl Into<Cow<'a, str>>) -> Cow<'a, str> {
        let phrase = phrase.into();
        if self.is_charter() || !phrase.contains("this charter") {
            phrase
        } else {
            phrase.replace("this charter", self.this()).into()
        }
    }
}

/// How a standing document came into force without signatures: the body that adopted it, when, and by
/// which of its decisions.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Adoption {
    /// The body that adopted the document (an id of `[[bodies]]`).
    pub body: String,
    /// The date it was adopted; without an `effective_date`, the document takes effect on it.
    pub date: Date,
    /// The decision of the body by which it was adopted (an id of `[[decisions]]`); absent, the document
    /// names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::DocumentKind;

    #[test]
    fn each_kind_has_its_words() {
        let k = DocumentKind::TermsOfReference;
        assert_eq!(k.this(), "these terms of reference");
        assert_eq!(k.verb("takes", "take"), "take");
        assert_eq!(k.it(), "them");
        assert_eq!(k.this_capitalised(), "These terms of reference");
        assert!(k.is_standing());
        let m = DocumentKind::MemorandumOfUnderstanding;
        assert_eq!(m.this(), "this memorandum");
        assert_eq!(m.verb("takes", "take"), "takes");
        assert!(!m.is_standing());
        assert_eq!(DocumentKind::Policy.the(), "the policy");
        assert_eq!(DocumentKind::Agreement.this(), "this agreement");
        assert_eq!(DocumentKind::default(), DocumentKind::Charter);
    }

    #[test]
    fn reword_changes_only_the_phrase_for_the_document() {
        let phrase = "a breach of this charter";
        assert_eq!(DocumentKind::Charter.reword(phrase), phrase);
        assert_eq!(
            DocumentKind::Policy.reword(phrase),
            "a breach of this policy"
        );
        assert_eq!(
            DocumentKind::TermsOfReference.reword("beyond those of this charter"),
            "beyond those of these terms of reference"
        );
    }

    #[test]
    fn kinds_read_from_their_names() {
        #[derive(serde::Deserialize)]
        struct K {
            kind: DocumentKind,
        }
        let k: K = toml::from_str("kind = \"memorandum_of_understanding\"").expect("a kind");
        assert_eq!(k.kind, DocumentKind::MemorandumOfUnderstanding);
        assert!(toml::from_str::<K>("kind = \"contract\"").is_err());
    }
}
