//! The charter as the organiser wrote it: typed structs for every area of a partnership, one file per area.
//!
//! Every struct denies unknown keys, so a misspelt term is an error rather than a silently dropped clause.
//! TOML keys equal Rust field names, so a validation error on a field maps straight back to its span.
//!
//! Imports only the rule catalogue (for the warning codes an exception may name): every stage above may
//! read the model.

mod access;
mod agreements;
mod classes;
mod clauses;
mod composition;
mod conflicts;
mod data;
mod drafting;
mod duo;
mod during;
mod elements;
mod exceptions;
pub mod glossary;
mod governance;
mod ip;
mod lambert;
mod lookup;
mod meetings;
mod officers;
mod organisations;
mod overview;
mod partners;
mod phases;
mod providers;
mod publication;
pub mod spdx_terms;
mod standing;
mod terms;
mod threshold;
pub mod values;
mod versions;
mod voting;

pub use access::{Applicant, DataAccess, Environment};
pub use agreements::{AgreementTerm, SpecialCategoryCondition, gdpr_name};
pub use classes::{MembershipClass, Roster, RosterMember};
pub use clauses::{
    Confidentiality, ConfidentialityException, Definition, Instrument, Lasting, NoticeAddress,
    NoticeMethod, Notices, Precedence,
};
pub use composition::{AffiliationCap, Composition, Constituency, SeatShare, number_words};
pub use conflicts::{ConflictTerms, DeclaredConflict, DisclosureTime, Management, recusal};
pub use data::{
    Agreement, Basis, DataFlow, EndOfUse, Identifiability, Law, Regime, RegimeSource, Safeguard,
    Training, UseEnd, every_words,
};
pub use drafting::{DateStyle, Status, Typography};
pub use duo::{DETAILS as DATA_USE_DETAILS, DataUse, DuoModifier, DuoPermission};
pub use during::{DateWindow, During, HeldCeiling, PhaseCeiling};
pub use elements::{CeilingMethods, CeilingTier, DataCeiling, DataElement, DeidMethod};
pub use exceptions::Exception;
pub use governance::{
    Amendment, Authority, Body, Chair, Consent, Decision, ElectronicRule, ElectronicVotes,
    Meetings, Member, VotingRule,
};
pub use ip::{
    BackgroundItem, BackgroundTerm, Contributions, ContributorAgreement, FieldOwner, Foreground,
    IpTerms, Licence, LicenceKind, Outbound, Ownership, Share, Transfer, TransferKind,
    TransferTime,
};
pub use lambert::{Deviation, Lambert, LambertModel, RESULTS_ID, ResultsOwner};
pub use lookup::{Actor, Lookup};
pub use meetings::{Access, Extraordinary, MeetingCadence, Per, Requesters, Tenure};
pub use officers::{
    Admission, Alternates, Inviter, Observers, Officer, OfficerRole, Removal, Selection, Vacancies,
    VacancyFill,
};
pub use organisations::Organisation;
pub use overview::{AllowedMark, Overview};
pub use partners::{Partner, PartnerKind, Person, Role, Surviving};
pub use phases::{Bound, Metric, Obligation, Phase};
pub use providers::Providers;
pub use publication::{Authorship, Publication, ReviewKind};
pub use standing::{Adoption, DocumentKind};
pub use terms::{DisputeStep, Disputes, FinalResolution, Renewal, Review, Term, Termination};
pub use threshold::{Base, Comparison, Threshold, VoteShare};
pub use values::{Cadence, Date, Period, PeriodUnit, Quorum};
pub use versions::VersionRecord;
pub use voting::DecisionRule;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

/// The schema version this build reads. A file written for schema 1 is refused (E0107) and rewritten by
/// `charter migrate` ([`crate::migrate`]).
pub const SCHEMA_VERSION: u32 = 2;

/// A whole partnership charter.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Charter {
    /// Format version of the file: 2. A file written for schema 1 is rewritten by `charter migrate`.
    #[schemars(range(min = 2, max = 2))]
    pub schema_version: u32,
    /// Title, parties' purpose, goals and scope.
    #[validate(nested)]
    pub charter: Overview,
    /// The organisations in the partnership.
    #[validate(
        length(min = 2, message = "a partnership needs at least two partners"),
        nested
    )]
    pub partners: Vec<Partner>,
    /// Organisations outside the partnership that the charter names, such as a partner's parent.
    #[serde(default)]
    #[validate(nested)]
    pub organisations: Vec<Organisation>,
    /// Classes of members, such as "Platinum members", whose members hold seats on a body alike; absent,
    /// the charter defines none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(nested)]
    pub membership_classes: Vec<MembershipClass>,
    /// Boards, committees and working groups.
    #[serde(default)]
    #[validate(nested)]
    pub bodies: Vec<Body>,
    /// Who decides what, by which rule.
    #[serde(default)]
    #[validate(nested)]
    pub decisions: Vec<Decision>,
    /// How the charter itself is amended.
    #[validate(nested)]
    pub amendment: Option<Amendment>,
    /// Every flow of data between partners.
    #[serde(default)]
    #[validate(nested)]
    pub data_flows: Vec<DataFlow>,
    /// How researchers gain access to the data: who may apply, the decisions on requests and outputs,
    /// the secure environment, an embargo, and the controllers and processors; absent, the charter
    /// says nothing of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub data_access: Option<DataAccess>,
    /// Background and foreground intellectual property.
    #[validate(nested)]
    pub ip: Option<IpTerms>,
    /// Publication rights.
    #[validate(nested)]
    pub publication: Option<Publication>,
    /// Conflict-of-interest terms.
    #[validate(nested)]
    pub conflicts: Option<ConflictTerms>,
    /// Phases of the work, each ending in a go/no-go gate.
    #[serde(default)]
    #[validate(nested)]
    pub phases: Vec<Phase>,
    /// Explicit obligations beyond those the other terms imply.
    #[serde(default)]
    #[validate(nested)]
    pub obligations: Vec<Obligation>,
    /// Term, renewal, termination, withdrawal and survival; a standing document may leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub term: Option<Term>,
    /// Escalation of disputes.
    #[validate(nested)]
    pub disputes: Option<Disputes>,
    /// Review of the partnership itself.
    #[validate(nested)]
    pub review: Option<Review>,
    /// Terms the organiser defines, besides those the charter defines from its own terms.
    #[serde(default)]
    #[validate(nested)]
    pub definitions: Vec<Definition>,
    /// How formal notice is given and when it counts as received.
    #[validate(nested)]
    pub notices: Option<Notices>,
    /// Which document prevails when this charter and an agreement it names conflict.
    #[validate(nested)]
    pub precedence: Option<Precedence>,
    /// What the partners keep confidential, and for how long.
    #[validate(nested)]
    pub confidentiality: Option<Confidentiality>,
    /// How a standing document was adopted by a body, in place of the partners' signatures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub adoption: Option<Adoption>,
    /// The versions of the document so far, oldest first, each with the date it was adopted, its
    /// decision and a one-line summary; rendered as a version-history table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(nested)]
    pub versions: Vec<VersionRecord>,
    /// Warnings the partners have reviewed and accept, each with its reason.
    #[serde(default)]
    #[validate(nested)]
    pub exceptions: Vec<Exception>,
}

impl Charter {
    /// The date this document takes effect: its `effective_date`, or else the date of its adoption. Every
    /// date measured from the start of the document is measured from this one. A valid charter always has
    /// one (E0473 effective-date-required).
    #[must_use]
    pub fn takes_effect(&self) -> Option<Date> {
        self.charter
            .effective_date
            .or_else(|| self.adoption.as_ref().map(|a| a.date))
    }
}

/// What [`check_id`] accepts, as a regular expression for the JSON Schema (with a length of at most 40).
pub const ID_PATTERN: &str = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$";

/// Checks that an id is short, lowercase and safe in a URL fragment: it becomes a clause anchor.
///
/// # Errors
/// When the id is empty, too long, or has anything but lowercase letters, digits and single hyphens.
pub fn check_id(id: &str) -> Result<(), ValidationError> {
    // Bytes, not a substring search: every id and every reference in a large charter passes here.
    let b = id.as_bytes();
    let ok = b.len() <= 40
        && b.first().is_some_and(u8::is_ascii_lowercase)
        && b.last() != Some(&b'-')
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && !b.windows(2).any(|w| w == b"--");
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new("id").with_message(
            "an id must start with a lowercase letter and use only lowercase letters, digits and single hyphens (at most 40 characters)".into(),
        ))
    }
}

/// Checks every id in a list of references with [`check_id`].
///
/// # Errors
/// On the first malformed id.
pub fn check_ids(ids: &[String]) -> Result<(), ValidationError> {
    ids.iter().try_for_each(|id| check_id(id))
}

#[cfg(test)]
mod tests {
    use super::check_id;

    #[test]
    fn ids_are_anchor_safe() {
        for good in ["northstar", "cab", "phase-2", "a1"] {
            assert!(check_id(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "Northstar",
            "2phase",
            "a--b",
            "a-",
            "a_b",
            "a b",
            &"a".repeat(41),
        ] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
    }
}
