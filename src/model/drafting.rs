//! How the charter's text is drafted and marked: its status (a draft, ready for signature, final or
//! superseded), how its dates are written, and whether its quotes and apostrophes are typographic. None of
//! these changes a term; each is optional, and a charter without them renders as it always has.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Date;

/// Where the charter stands. A charter without a status carries no marking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Under discussion: every page is marked "DRAFT" and the signature page "Not for signature".
    Draft,
    /// Agreed and circulated to be signed: the signature page is marked "For signature".
    ForSignature,
    /// The signed text: no marking.
    Final,
    /// Replaced by a later charter: every page and the signature page are marked "Superseded".
    Superseded,
}

impl Status {
    /// The word that marks the title, the page header and every printed page, if this status has one.
    #[must_use]
    pub fn banner(self) -> Option<&'static str> {
        match self {
            Status::Draft => Some("DRAFT"),
            Status::Superseded => Some("SUPERSEDED"),
            Status::ForSignature | Status::Final => None,
        }
    }

    /// The status in words, for the lines under the title.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::ForSignature => "For signature",
            Status::Final => "Final",
            Status::Superseded => "Superseded",
        }
    }

    /// The line that marks the signature page, if this status has one.
    #[must_use]
    pub fn signature_note(self) -> Option<&'static str> {
        match self {
            Status::Draft => Some("Not for signature"),
            Status::ForSignature => Some("For signature"),
            Status::Superseded => Some("Superseded"),
            Status::Final => None,
        }
    }
}

/// How the documents write a date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateStyle {
    /// "2026-03-01" (the default).
    #[default]
    Iso,
    /// "1 March 2026".
    DayMonthYear,
    /// "March 1, 2026".
    MonthDayYear,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl DateStyle {
    /// Whether this is the default style, which the model does not write out.
    #[must_use]
    pub fn is_iso(&self) -> bool {
        *self == DateStyle::Iso
    }

    /// A date as the documents print it: every date in the Markdown, HTML and DOCX goes through here
    /// (machine fields of the checklist exports keep the ISO form).
    #[must_use]
    pub fn write(self, date: Date) -> String {
        let month = MONTHS[usize::from(date.month.clamp(1, 12)) - 1];
        match self {
            DateStyle::Iso => date.to_string(),
            DateStyle::DayMonthYear => format!("{} {month} {}", date.day, date.year),
            DateStyle::MonthDayYear => format!("{month} {}, {}", date.day, date.year),
        }
    }
}

/// Whether straight quotes and apostrophes become typographic ones in the documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Typography {
    /// Quotes and apostrophes as written (the default).
    #[default]
    Plain,
    /// ' and " become ‘ ’ “ ” in the text of the documents, never in links, anchors or code.
    Typographic,
}

impl Typography {
    /// Whether this is the default, which the model does not write out.
    #[must_use]
    pub fn is_plain(&self) -> bool {
        *self == Typography::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_date_style_writes_the_date_in_its_order() {
        let d = Date {
            year: 2026,
            month: 3,
            day: 1,
        };
        assert_eq!(DateStyle::Iso.write(d), "2026-03-01");
        assert_eq!(DateStyle::DayMonthYear.write(d), "1 March 2026");
        assert_eq!(DateStyle::MonthDayYear.write(d), "March 1, 2026");
        let end = Date {
            year: 2027,
            month: 12,
            day: 31,
        };
        assert_eq!(DateStyle::MonthDayYear.write(end), "December 31, 2027");
    }

    #[test]
    fn only_a_final_charter_has_an_unmarked_signature_page() {
        assert_eq!(Status::Final.signature_note(), None);
        assert_eq!(Status::Draft.signature_note(), Some("Not for signature"));
        assert_eq!(Status::Draft.banner(), Some("DRAFT"));
        assert_eq!(Status::ForSignature.banner(), None);
    }
}
