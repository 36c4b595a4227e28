//! Clause anchors: the one place that says which anchor states which term. Anchors come from ids, never from
//! positions, so adding a partner or a data flow moves no other anchor. Ids cannot contain `--`, so the
//! sub-clause anchors (`body-cab--quorum`) can never collide with another item's anchor.

/// Where a term is stated: its clause number and anchor, for links from the checklist.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ClauseRef {
    /// E.g. "5.2".
    pub number: String,
    /// E.g. "flow-ehr-extract".
    pub anchor: String,
}

/// The kind of item an id names, for its anchor prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// `[[partners]]`
    Partner,
    /// `[[bodies]]`
    Body,
    /// `[[decisions]]`
    Decision,
    /// `[[data_flows]]`
    Flow,
    /// `[[ip.background_items]]`
    Background,
    /// `[[ip.foreground]]`
    Foreground,
    /// `[[ip.licences]]`
    Licence,
    /// `[[ip.outbound]]`
    Outbound,
    /// `[[ip.transfers]]`
    Transfer,
    /// `[[conflicts.declared]]`
    Conflict,
    /// `[[phases]]`
    Phase,
    /// `[[obligations]]`
    Obligation,
    /// A partner's signature block.
    Signature,
}

/// The anchor of an item: `partner-northstar`, `flow-ehr-extract`.
#[must_use]
pub fn item(kind: Item, id: &str) -> String {
    let prefix = match kind {
        Item::Partner => "partner",
        Item::Body => "body",
        Item::Decision => "decision",
        Item::Flow => "flow",
        Item::Background => "background",
        Item::Foreground => "foreground",
        Item::Licence => "licence",
        Item::Outbound => "outbound",
        Item::Transfer => "transfer",
        Item::Conflict => "conflict",
        Item::Phase => "phase",
        Item::Obligation => "obligation",
        Item::Signature => "sign",
    };
    format!("{prefix}-{id}")
}

/// The anchor of a sub-clause of a body: `body-cab--quorum`.
#[must_use]
pub fn body_part(id: &str, part: &str) -> String {
    format!("body-{id}--{part}")
}

/// The anchor of the clause that states the term at `path` (top-level key, then keys and item ids), if the
/// document states it in a clause. `["publication", "review"]` → `publication-review`;
/// `["bodies", "cab", "quorum"]` → `body-cab--quorum`.
#[must_use]
pub fn for_term(path: &[&str]) -> Option<String> {
    let fixed = |s: &str| Some(s.to_owned());
    match path {
        ["charter", "purpose", ..] => fixed("purpose-statement"),
        ["charter", "goals", ..] => fixed("purpose-goals"),
        ["charter", "scope", ..] => fixed("purpose-scope"),
        ["charter", "non_goals", ..] => fixed("purpose-non-goals"),
        ["charter", "binding", ..] => fixed("purpose-legal-effect"),
        ["adoption", ..] => fixed("adoption-record"),
        ["partners", _, "notice", ..] => fixed("notices"),
        ["partners", id, ..] => Some(item(Item::Partner, id)),
        ["bodies", id, "chair", ..] => Some(body_part(id, "chair")),
        // A constituency's part of the quorum is stated in the quorum clause, the rest of it here.
        ["bodies", id, "composition", "constituencies", _, "quorum"] => {
            Some(body_part(id, "quorum"))
        }
        ["bodies", id, "composition", ..] => Some(body_part(id, "composition")),
        ["bodies", id, "officers", ..] => Some(body_part(id, "officers")),
        ["bodies", id, "member_term" | "staggered_terms", ..] => Some(body_part(id, "terms")),
        [
            "bodies",
            id,
            "vacancies" | "removal" | "alternates" | "observers",
            ..,
        ] => Some(body_part(id, "membership")),
        ["bodies", id, "quorum", ..] => Some(body_part(id, "quorum")),
        ["bodies", id, "meetings", ..] => Some(body_part(id, "meetings")),
        ["bodies", id, ..] => Some(item(Item::Body, id)),
        ["decisions", id, ..] => Some(item(Item::Decision, id)),
        ["amendment", ..] => fixed("amendment"),
        ["data_flows", id, ..] => Some(item(Item::Flow, id)),
        ["data_access", ..] => fixed("data-access"),
        ["ip", "background" | "background_terms", ..] => fixed("ip-background"),
        ["ip", "foreground_expected", ..] => fixed("ip-no-foreground"),
        ["ip", "background_items", ..] => fixed("ip-background"),
        ["ip", "lambert", ..] => fixed("ip-lambert"),
        ["ip", "foreground", id, ..] => Some(item(Item::Foreground, id)),
        ["ip", "licences", id, ..] => Some(item(Item::Licence, id)),
        ["ip", "outbound", id, ..] => Some(item(Item::Outbound, id)),
        ["ip", "transfers", id, ..] => Some(item(Item::Transfer, id)),
        ["ip", "contributions", ..] => fixed("ip-contributions"),
        ["publication", key, ..] => Some(
            match *key {
                "patent_delay" => "publication-patent-delay",
                "max_total_delay" => "publication-total-delay",
                "confidential_removal" => "publication-confidential",
                "multi_site_first" | "single_site_after" => "publication-multi-site",
                "authorship" => "publication-authorship",
                "trial_registration" => "publication-registration",
                "negative_results" => "publication-negative-results",
                "acknowledgement" => "publication-acknowledgement",
                _ => "publication-review",
            }
            .to_owned(),
        ),
        ["conflicts", "who", ..] => fixed("coi-who"),
        ["conflicts", "management" | "managed_by", ..] => fixed("coi-management"),
        ["conflicts", "recusal_from", ..] => fixed("coi-recusal"),
        ["conflicts", "declared", id, ..] => Some(item(Item::Conflict, id)),
        ["conflicts", ..] => fixed("coi-disclosure"),
        ["phases", id, ..] => Some(item(Item::Phase, id)),
        ["obligations", id, ..] => Some(item(Item::Obligation, id)),
        ["term", "length" | "end_date", ..] => fixed("term-length"),
        ["term", "renewal" | "renewal_period", ..] => fixed("term-renewal"),
        [
            "term",
            "termination" | "termination_notice" | "cure_period",
            ..,
        ] => fixed("term-termination"),
        ["term", "withdrawal_notice" | "on_withdrawal", ..] => fixed("term-withdrawal"),
        ["term", "survival", ..] => fixed("term-survival"),
        ["disputes", ..] => fixed("disputes"),
        ["review", "feedback", ..] => fixed("review-feedback"),
        ["review", "recognition", ..] => fixed("review-recognition"),
        ["review", ..] => fixed("review-assessment"),
        ["definitions", ..] => fixed("definitions-terms"),
        ["organisations" | "membership_classes", ..] => fixed("definitions-names"),
        ["notices", ..] => fixed("notices"),
        ["precedence", ..] => fixed("precedence"),
        ["confidentiality", ..] => fixed("confidentiality"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_map_to_the_clauses_that_state_them() {
        assert_eq!(
            for_term(&["publication", "review"]).as_deref(),
            Some("publication-review")
        );
        assert_eq!(
            for_term(&["bodies", "cab", "quorum"]).as_deref(),
            Some("body-cab--quorum")
        );
        assert_eq!(
            for_term(&["bodies", "cab", "members"]).as_deref(),
            Some("body-cab")
        );
        assert_eq!(
            for_term(&["partners", "vitalis", "notice", "email"]).as_deref(),
            Some("notices")
        );
        assert_eq!(
            for_term(&["confidentiality", "duration"]).as_deref(),
            Some("confidentiality")
        );
        assert_eq!(
            for_term(&["ip", "foreground", "background"]).as_deref(),
            Some("foreground-background")
        );
        assert_eq!(
            for_term(&["bodies", "dac", "composition", "affiliation_cap", "seats"]).as_deref(),
            Some("body-dac--composition")
        );
        assert_eq!(
            for_term(&[
                "bodies",
                "dac",
                "composition",
                "constituencies",
                "lay",
                "quorum"
            ])
            .as_deref(),
            Some("body-dac--quorum")
        );
        assert_eq!(for_term(&["charter", "title"]), None);
        assert_eq!(
            for_term(&["adoption", "decision"]).as_deref(),
            Some("adoption-record")
        );
    }
}
