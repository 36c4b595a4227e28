//! The catalogue of diagnostic codes. Every diagnostic `charter check` can report has an entry here, with a
//! stable code, a name (also the name of its test fixture) and a one-line summary.

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The charter must be fixed before it can be rendered.
    Error,
    /// The charter can be rendered, but a reviewer would question this term.
    Warning,
}

impl Severity {
    /// Lowercase name, as printed.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One coded rule.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    /// Stable code, e.g. `E0401`.
    pub code: &'static str,
    /// Kebab-case name; the fixture `tests/fixtures/invalid/<name>.toml` exercises it.
    pub name: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// One line saying what the rule catches.
    pub summary: &'static str,
}

macro_rules! rules {
    ($($ident:ident = $code:literal $name:literal $sev:ident $summary:literal;)*) => {
        $(
            #[doc = $summary]
            pub static $ident: Rule = Rule { code: $code, name: $name, severity: Severity::$sev, summary: $summary };
        )*
        /// Every rule, in code order.
        pub static ALL: &[&Rule] = &[$(&$ident),*];
    };
}

rules! {
    SYNTAX = "E0101" "syntax" Error "The file is not valid TOML.";
    UNKNOWN_KEY = "E0102" "unknown-key" Error "A key the charter format does not know, usually a typo.";
    WRONG_TYPE = "E0103" "wrong-type" Error "A value of the wrong type, such as text where a number belongs.";
    MISSING_KEY = "E0104" "missing-key" Error "A required term is missing.";
    INVALID_VALUE = "E0105" "invalid-value" Error "A value outside the allowed vocabulary, or a malformed date, period or quorum.";
    SCHEMA_VERSION = "E0106" "schema-version" Error "The file is written for a schema version this build does not read.";
    FIELD_RULE = "E0201" "field-rule" Error "A single term breaks its own rule: empty text, an empty list, an invalid e-mail address, a number out of range.";
    INVALID_ID = "E0202" "invalid-id" Error "An id that cannot serve as a stable clause anchor.";
    DUPLICATE_ID = "E0301" "duplicate-id" Error "Two items share an id, so references to it are ambiguous.";
    UNDEFINED_REFERENCE = "E0302" "undefined-reference" Error "A reference to a partner, body, decision or IP category that does not exist.";
    QUORUM_EXCEEDS_MEMBERS = "E0401" "quorum-exceeds-members" Error "A quorum larger than the body's voting seats, so the body can never decide.";
    IP_SHARES_NOT_100 = "E0402" "ip-shares-not-100" Error "Joint ownership shares that do not add up to 100 percent.";
    OWNERSHIP_TERMS_MISMATCH = "E0403" "ownership-terms-mismatch" Error "An ownership model without the terms it needs (an owner, shares or fields), or with terms of another model.";
    RECIPIENT_ABOVE_DATA_CEILING = "E0404" "recipient-above-data-ceiling" Error "A partner limited to less identifiable data receives more identifiable data.";
    IDENTIFIABLE_DATA_WITHOUT_AGREEMENT = "E0405" "identifiable-data-without-agreement" Error "Identified data or a limited data set flows with no data use, business associate or data sharing agreement.";
    IDENTIFIABLE_DATA_WITHOUT_BREACH_WINDOW = "E0406" "identifiable-data-without-breach-window" Error "Identified data or a limited data set flows with no breach notification window.";
    CONFLICTS_WITHOUT_MANAGEMENT = "E0407" "conflicts-without-management" Error "Conflicts must be disclosed but nothing says how they are managed or which decisions need recusal.";
    PHASE_DATES_REVERSED = "E0408" "phase-dates-reversed" Error "A phase that ends before it starts.";
    PHASES_OVERLAP = "W0409" "phases-overlap" Warning "Two phases run at the same time, so one gate cannot judge the results of the other.";
    PUBLICATION_DELAY_EXCEEDS_TERM = "E0410" "publication-delay-exceeds-term" Error "The manuscript review period plus the patent delay is longer than the charter's term.";
    OBLIGATION_WITHOUT_TIMING = "E0411" "obligation-without-timing" Error "An obligation with neither a due date, a cadence nor a deadline after an event.";
    CHAIR_NOT_MEMBER = "E0412" "chair-not-member" Error "A body chaired by a partner that has no seat on it.";
    TERM_LENGTH = "E0413" "term-length" Error "The term is given both as a length and an end date, neither, or ends before it starts.";
    METRIC_THRESHOLD = "E0414" "metric-threshold" Error "A success metric with no threshold, or with both a minimum and a maximum.";
    PHASE_OUTSIDE_TERM = "W0415" "phase-outside-term" Warning "A phase starts before the charter takes effect or ends after its term.";
    DATE_OUTSIDE_TERM = "W0416" "date-outside-term" Warning "An obligation falls due outside the charter's term.";
    RENEWAL_WITHOUT_PERIOD = "E0417" "renewal-without-period" Error "Automatic renewal with no renewal period, or a renewal period with no automatic renewal.";
    FLOW_TO_PROVIDER = "W0418" "flow-to-provider" Warning "A data flow whose provider is also among its recipients.";
    ESCALATION_LOOP = "E0419" "escalation-loop" Error "A decision whose deadlock escalates to the same body that deadlocked.";
    ADVISORY_BODY_DECIDES = "W0420" "advisory-body-decides" Warning "A decision given to a body that is only advisory.";
    END_OF_USE_WITHOUT_DEADLINE = "E0421" "end-of-use-without-deadline" Error "Data must be returned or destroyed but no deadline says when.";
    DECLARED_CONFLICT_WITHOUT_RECUSAL = "W0422" "declared-conflict-without-recusal" Warning "A declared conflict affects decisions but its management does not include recusal.";
    NEW_INTEREST_WITHOUT_DEADLINE = "E0423" "new-interest-without-deadline" Error "New interests must be disclosed but no period says how soon.";
    BODY_WITHOUT_VOTING_SEATS = "E0424" "body-without-voting-seats" Error "A body whose members have no vote between them.";
    SINGLE_SITE_WITHOUT_MULTI_SITE_FIRST = "W0425" "single-site-without-multi-site-first" Warning "A single-site publication delay with no multi-site-first rule for it to qualify.";
    MEMBER_WITHOUT_IDENTITY = "E0426" "member-without-identity" Error "A body member with neither a partner nor a named person.";
    DUPLICATE_MEMBERSHIP = "W0427" "duplicate-membership" Warning "The same partner holds two separate entries on one body; give it one entry with `seats`.";
}

/// Looks a rule up by its code, case-insensitively.
#[must_use]
pub fn find(code: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_and_names_are_unique_and_match_severity() {
        let codes: BTreeSet<_> = ALL.iter().map(|r| r.code).collect();
        let names: BTreeSet<_> = ALL.iter().map(|r| r.name).collect();
        assert_eq!(codes.len(), ALL.len());
        assert_eq!(names.len(), ALL.len());
        for rule in ALL {
            let letter = if rule.severity == Severity::Error {
                'E'
            } else {
                'W'
            };
            assert!(rule.code.starts_with(letter), "{}", rule.code);
        }
        assert_eq!(find("e0401"), Some(&QUORUM_EXCEEDS_MEMBERS));
    }
}
