//! Which governance areas a charter covers and which it leaves silent, so that an organiser sees what is
//! missing before a reviewer does. The areas are those a partnership charter is expected to settle:
//! decision authority, data use, intellectual property, publication, conflicts of interest,
//! accountability, term and amendment, review of performance, and the general provisions counsel expect
//! (confidentiality, notices, the order of precedence).
//!
//! One function per area, in the order of the report. Imports only the model (the words for a notice
//! period are the model's, so that the report and the charter say it alike): it reads a charter as
//! written, errors or not, and says nothing of rendering.

use serde::Serialize;

use crate::model::{Charter, DataFlow, DecisionRule, Term};

/// How fully the charter settles an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The charter settles the area.
    Covered,
    /// The charter says something, but leaves part of the area open.
    Partial,
    /// The charter says nothing about the area.
    Silent,
}

impl Status {
    /// The status as printed.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Covered => "covered",
            Status::Partial => "partial",
            Status::Silent => "silent",
        }
    }
}

/// One governance area and what the charter says about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Area {
    /// Stable key, e.g. `decision_authority`.
    pub key: &'static str,
    /// Name as printed, e.g. "Decision authority".
    pub title: &'static str,
    /// How fully it is settled.
    pub status: Status,
    /// What the charter states, or what is missing and where to state it.
    pub detail: String,
}

/// The coverage of every area, in a fixed order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// The nine areas.
    pub areas: Vec<Area>,
}

fn plural(n: usize, word: &str) -> String {
    match (n, word.strip_suffix('y')) {
        (1, _) => format!("{n} {word}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
    }
}

/// Works out which areas the charter covers.
#[must_use]
pub fn coverage(c: &Charter) -> Coverage {
    Coverage {
        areas: vec![
            decision_authority(c),
            data_use(c),
            ip(c),
            publication(c),
            conflicts(c),
            accountability(c),
            term_and_amendment(c),
            performance_review(c),
            general_provisions(c),
        ],
    }
}

fn area(key: &'static str, title: &'static str, (status, detail): (Status, String)) -> Area {
    Area {
        key,
        title,
        status,
        detail,
    }
}

/// An area settled by one optional section: silent, saying `missing`, when the charter leaves it out;
/// otherwise what `stated` finds in it.
fn section<T>(
    section: Option<&T>,
    missing: &str,
    stated: impl FnOnce(&T) -> (Status, String),
) -> (Status, String) {
    section.map_or_else(|| (Status::Silent, missing.to_owned()), stated)
}

/// An area settled by one optional section, in full whenever it is there: covered, with what `detail`
/// says of it, or silent, saying `missing`.
fn stated<T>(
    section: Option<&T>,
    missing: &str,
    detail: impl FnOnce(&T) -> String,
) -> (Status, String) {
    self::section(section, missing, |x| (Status::Covered, detail(x)))
}

/// Bodies, and the decision matrix that says which of them decides what.
fn decision_authority(c: &Charter) -> Area {
    let found = match (c.bodies.len(), c.decisions.len()) {
        (0, _) => (
            Status::Silent,
            "no [[bodies]] or [[decisions]]: nothing says who decides what, or how".to_owned(),
        ),
        (b, 0) => (
            Status::Partial,
            format!(
                "{} but no [[decisions]]: nothing says which body decides which matter, by which rule",
                plural(b, "body")
            ),
        ),
        (b, d) => (
            Status::Covered,
            format!(
                "{}{}, {} in the decision matrix{}",
                plural(b, "body"),
                body_notes(c),
                plural(d, "decision"),
                decision_forms(c)
            ),
        ),
    };
    area("decision_authority", "Decision authority", found)
}

/// The decisions taken in a form other than a plain vote, and those whose votes are recorded by name, in
/// parentheses; empty where there are none.
fn decision_forms(c: &Charter) -> String {
    let count =
        |f: &dyn Fn(&crate::model::Decision) -> bool| c.decisions.iter().filter(|d| f(d)).count();
    let consensus_then = count(&|d| matches!(d.rule, DecisionRule::ConsensusThen(_)));
    let lazy = count(&|d| matches!(d.rule, DecisionRule::LazyConsensus(_)));
    let recorded = count(&|d| {
        d.rule.counts_votes()
            && (d.roll_call
                || c.bodies
                    .iter()
                    .any(|b| b.id == d.body && b.meetings.roll_call))
    });
    let lapsing = count(&|d| d.approval_lasts.is_some());
    let parts: Vec<String> = [
        (consensus_then, "by consensus first, then a vote"),
        (lazy, "by lazy consensus"),
        (recorded, "with votes recorded by name"),
        (lapsing, "with approvals that lapse unless renewed"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

/// What the charter leaves out of its bodies, or adds to them, in parentheses: those with no chair (the
/// charter then says nothing of who chairs them), those with composition rules, those with officers, and
/// those whose charter says how seats are filled, members removed or alternates and observers admitted.
/// Empty where none.
fn body_notes(c: &Charter) -> String {
    let parts: Vec<String> = [
        unchaired(c),
        composed(c),
        officered(c),
        membership(c),
        classes(c),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// The bodies the charter gives no chair.
fn unchaired(c: &Charter) -> Option<String> {
    match c.bodies.iter().filter(|b| b.chair.is_none()).count() {
        0 => None,
        n if n == c.bodies.len() => Some("none with a chair".to_owned()),
        n => Some(format!("{n} with no chair")),
    }
}

/// The bodies whose composition the charter states (seats, caps, constituencies).
fn composed(c: &Charter) -> Option<String> {
    match c.bodies.iter().filter(|b| b.composition.is_some()).count() {
        0 => None,
        n => Some(format!("{n} with composition rules")),
    }
}

/// The bodies with officers besides the chair.
fn officered(c: &Charter) -> Option<String> {
    match c.bodies.iter().filter(|b| !b.officers.is_empty()).count() {
        0 => None,
        n => Some(format!("{n} with officers")),
    }
}

/// The bodies whose charter says how seats are filled or members removed, or who else attends.
fn membership(c: &Charter) -> Option<String> {
    match c.bodies.iter().filter(|b| b.states_membership()).count() {
        0 => None,
        n => Some(format!(
            "{n} with rules on vacancies, removal or attendance"
        )),
    }
}

/// How many bodies give seats to a class of members, and how many classes the charter defines.
fn classes(c: &Charter) -> Option<String> {
    if c.membership_classes.is_empty() {
        return None;
    }
    let n = c.membership_classes.len();
    let seated = c
        .bodies
        .iter()
        .filter(|b| b.members.iter().any(|m| m.class.is_some()))
        .count();
    let classes = if n == 1 { "class" } else { "classes" };
    Some(format!("{seated} with seats for {n} membership {classes}"))
}

/// Data flows, how many of them carry identifiable data, how many keep records after their use, how many
/// list their data elements, and the terms of access to the data.
fn data_use(c: &Charter) -> Area {
    let access = c.data_access.as_ref().map(|a| {
        let mut parts = Vec::new();
        if !a.applicants.is_empty() {
            parts.push("who may apply");
        }
        if a.requests.is_some() {
            parts.push("the decision on requests");
        }
        if a.environment.is_some() {
            parts.push("a secure environment");
        }
        if a.outputs.is_some() {
            parts.push("the review of outputs");
        }
        if !a.controllers.is_empty() || !a.processors.is_empty() {
            parts.push("controllers and processors");
        }
        match parts.as_slice() {
            [] => "data access terms".to_owned(),
            [one] => format!("data access: {one}"),
            [init @ .., last] => format!("data access: {} and {last}", init.join(", ")),
        }
    });
    let found = match c.data_flows.len() {
        0 if access.is_some() => (
            Status::Partial,
            format!(
                "{}, but no [[data_flows]]: state the flows the access is to",
                access.clone().unwrap_or_default()
            ),
        ),
        0 => (
            Status::Silent,
            "no [[data_flows]]: if any data moves between partners, state each flow and its terms"
                .to_owned(),
        ),
        n => {
            let identifiable = c
                .data_flows
                .iter()
                .filter(|f| f.identifiability.is_identifiable())
                .count();
            let counted = |phrase: &str, has: &dyn Fn(&DataFlow) -> bool| match c
                .data_flows
                .iter()
                .filter(|f| has(f))
                .count()
            {
                0 => String::new(),
                k => format!(", {k} {phrase}"),
            };
            let coded = counted("with data use conditions in DUO codes", &|f| {
                f.data_use.is_some()
            });
            let records = counted("keeping records of the flow after its use ends", &|f| {
                f.records_retention.is_some()
            });
            let listed = counted("listing the data elements they carry", &|f| {
                !f.elements.is_empty()
            });
            let based = counted("stating their legal basis", &|f| f.basis.is_some());
            let refreshed = counted("with training completed again on a cadence", &|f| {
                f.training.as_ref().is_some_and(|t| t.every.is_some())
            });
            let conditioned = counted("stating an Article 9 condition for health data", &|f| {
                f.special_category_condition.is_some()
            });
            let termed = counted("stating the term of their agreement", &|f| {
                f.agreement_term.is_some()
            });
            let timed = counted("provided only in some phases or between dates", &|f| {
                f.during.is_some()
            });
            let access = access
                .as_ref()
                .map(|a| format!("; {a}"))
                .unwrap_or_default();
            // Identifiable data whose safeguards are not all stated leaves the area open.
            let unguarded = c
                .data_flows
                .iter()
                .filter(|f| f.missing_safeguards().next().is_some())
                .count();
            let (status, unguarded) = match unguarded {
                0 => (Status::Covered, String::new()),
                k => (
                    Status::Partial,
                    format!(
                        ", but {k} with identifiable data {} not state all of storage, access, access review and training",
                        if k == 1 { "does" } else { "do" }
                    ),
                ),
            };
            (
                status,
                format!(
                    "{}, {identifiable} of them with identifiable data{coded}{records}{listed}{based}{refreshed}{conditioned}{termed}{timed}{unguarded}{access}",
                    plural(n, "data flow")
                ),
            )
        }
    };
    area("data_use", "Data use", found)
}

/// Background IP, and foreground IP by category with its licences.
fn ip(c: &Charter) -> Area {
    let found = section(
        c.ip.as_ref(),
        "no [ip]: nothing says who owns what the partners bring or create",
        |ip| {
            if ip.foreground.is_empty() && ip.foreground_expected == Some(false) {
                return (
                    Status::Covered,
                    "background IP, and the partners expect no new IP (`foreground_expected = false`)"
                        .to_owned(),
                );
            }
            let (foreground, licences) = (c.stated_foreground(), c.stated_licences());
            if foreground.is_empty() {
                return (
                    Status::Partial,
                    "background IP only: no [[ip.foreground]] says who owns what the partnership creates"
                        .to_owned(),
                );
            }
            // Without `background_terms` the charter says only the organiser's own words on background
            // IP: whether it stays with its owner, and whether a licence is implied, is not stated.
            let background = if ip.background_terms.is_empty() {
                "background IP in the charter's own words, with no `background_terms`"
            } else {
                "background IP"
            };
            (
                Status::Covered,
                format!(
                    "{background}{}, {} of foreground IP, {}{}{}",
                    background_items(ip),
                    plural(foreground.len(), "category"),
                    plural(licences.len(), "licence"),
                    lambert(c, ip),
                    open_ip(ip)
                ),
            )
        },
    );
    area("ip", "Intellectual property", found)
}

/// The background items listed with their owners, when any are.
fn background_items(ip: &crate::model::IpTerms) -> String {
    if ip.background_items.is_empty() {
        return String::new();
    }
    format!(
        ", {} with {}",
        plural(ip.background_items.len(), "background item"),
        if ip.background_items.len() == 1 {
            "its owner"
        } else {
            "their owners"
        }
    )
}

/// The Lambert model followed, and what it fills in or departs from.
fn lambert(c: &Charter, ip: &crate::model::IpTerms) -> String {
    let Some(l) = &ip.lambert else {
        return String::new();
    };
    let filled: Vec<&str> = [
        (ip.foreground.is_empty(), "ownership"),
        (
            ip.licences.is_empty() && !c.stated_licences().is_empty(),
            "licences",
        ),
    ]
    .into_iter()
    .filter_map(|(empty, what)| empty.then_some(what))
    .collect();
    if filled.is_empty() {
        format!(", following {}", l.model.name())
    } else {
        format!(
            ", following {} (which fills in the {})",
            l.model.name(),
            filled.join(" and ")
        )
    }
}

/// The open-source terms, each only when stated: outbound licences, what contributors sign, transfers.
fn open_ip(ip: &crate::model::IpTerms) -> String {
    let mut out = String::new();
    if !ip.outbound.is_empty() {
        out.push_str(&format!(
            ", {}",
            plural(ip.outbound.len(), "outbound licence")
        ));
    }
    if let Some(c) = &ip.contributions {
        let names: Vec<&str> = c
            .agreements
            .iter()
            .map(|a| match a {
                crate::model::ContributorAgreement::Dco => "the DCO",
                crate::model::ContributorAgreement::IndividualCla => "individual CLAs",
                crate::model::ContributorAgreement::CorporateCla => "corporate CLAs",
            })
            .collect();
        out.push_str(&format!(", contributions under {}", names.join(" and ")));
    }
    if !ip.transfers.is_empty() {
        out.push_str(&format!(
            ", {} of existing IP",
            plural(ip.transfers.len(), "transfer")
        ));
    }
    out
}

/// How results are reviewed and delayed before publication, and whether the review is an approval.
fn publication(c: &Charter) -> Area {
    let found = section(
        c.publication.as_ref(),
        "no [publication]: nothing says how results are reviewed, delayed or published",
        |p| {
            let patent = p
                .patent_delay
                .map(|d| format!(", patent delay up to {d}"))
                .unwrap_or_default();
            let review = format!("review within {}{patent}", p.review);
            match p.review_kind {
                Some(_) => (Status::Covered, review),
                None => (
                    Status::Partial,
                    format!(
                        "{review}, but no `review_kind` says whether the partners comment on a manuscript or approve it"
                    ),
                ),
            }
        },
    );
    area("publication", "Publication", found)
}

/// Disclosure of interests, and how conflicts are managed.
fn conflicts(c: &Charter) -> Area {
    let found = stated(
        c.conflicts.as_ref(),
        "no [conflicts]: nothing says who discloses interests or how conflicts are managed",
        |coi| {
            let management = plural(coi.management.len(), "management measure");
            let declared = plural(coi.declared.len(), "declared conflict");
            format!("who discloses what and when, {management}, {declared}")
        },
    );
    area("conflicts", "Conflicts of interest", found)
}

/// Obligations, and the phases whose gates hold the partnership to account.
fn accountability(c: &Charter) -> Area {
    let found = match (c.obligations.len(), c.phases.len()) {
        (0, 0) => (Status::Silent, "no [[obligations]] or [[phases]]: nothing says who must do what, by when, with what evidence".to_owned()),
        (0, p) => (Status::Partial, format!("{} with gates, but no [[obligations]] says who must do what by when", plural(p, "phase"))),
        (o, p) => (Status::Covered, format!("{}, {} with gates", plural(o, "obligation"), plural(p, "phase"))),
    };
    area("accountability", "Accountability", found)
}

/// The term, and how the charter is amended: covered when both are stated. A standing document may state
/// no `[term]`, and is then partial, since nothing says how long it runs or how a partner withdraws.
fn term_and_amendment(c: &Charter) -> Area {
    let history = match c.versions.len() {
        0 => String::new(),
        n => format!(", and a history of {}", plural(n, "version")),
    };
    let amendment = c.amendment.as_ref().map(|a| {
        format!(
            "amendments by {} on {}{history}",
            a.rule.label().to_lowercase(),
            a.notice.as_notice()
        )
    });
    let unsaid = c.term.as_ref().map(term_unsaid).unwrap_or_default();
    let found = match (c.term.is_some(), amendment) {
        (true, None) => (
            Status::Partial,
            format!(
                "the term is set{}, but no [amendment] says how the charter itself is changed",
                unsaid.map(|u| format!(" ({u})")).unwrap_or_default()
            ),
        ),
        (true, Some(amendment)) => match unsaid {
            None => (
                Status::Covered,
                format!("term, renewal and withdrawal; {amendment}"),
            ),
            Some(u) => (
                Status::Partial,
                format!("term and renewal, but {u}; {amendment}"),
            ),
        },
        (false, Some(amendment)) => (
            Status::Partial,
            format!(
                "{amendment}, but no [term]: nothing says how long {} {} or how a partner withdraws",
                c.charter.kind.the(),
                c.charter.kind.verb("runs", "run")
            ),
        ),
        (false, None) => (
            Status::Silent,
            format!(
                "no [term] and no [amendment]: nothing says how long {} {}, how a partner withdraws or how {} {} changed",
                c.charter.kind.the(),
                c.charter.kind.verb("runs", "run"),
                c.charter.kind.verb("it", "they"),
                c.charter.kind.verb("is", "are")
            ),
        ),
    };
    area("term_and_amendment", "Term and amendment", found)
}

/// What a `[term]` leaves unsaid of ending the charter early and of withdrawal, in words; none when it
/// says both.
fn term_unsaid(t: &Term) -> Option<&'static str> {
    match (t.states_termination(), t.states_withdrawal()) {
        (true, true) => None,
        (false, true) => Some("nothing says whether or how it may be ended early"),
        (true, false) => Some("nothing says how a partner withdraws"),
        (false, false) => {
            Some("nothing says whether it may be ended early or how a partner withdraws")
        }
    }
}

/// A review of the partnership itself, and success metrics on its phases.
fn performance_review(c: &Charter) -> Area {
    let without_metrics = c.phases.iter().filter(|p| p.metrics.is_empty()).count();
    let with_metrics = c.phases.len() - without_metrics;
    let found = match (&c.review, with_metrics, without_metrics) {
        (None, 0, _) => (Status::Silent, "no [review] and no success metrics: nothing says how the partnership's performance is judged".to_owned()),
        (None, m, _) => (Status::Partial, format!("success metrics on {}, but no [review] of the partnership itself", plural(m, "phase"))),
        (Some(r), _, 0) => (Status::Covered, format!("{} review of the partnership{}", r.cadence.adjective(), if c.phases.is_empty() { String::new() } else { ", success metrics on every phase".to_owned() })),
        (Some(r), _, n) => (Status::Partial, format!("{} review of the partnership, but {} no success metrics", r.cadence.adjective(), if n == 1 { "1 phase has".to_owned() } else { format!("{n} phases have") })),
    };
    area("performance_review", "Performance review", found)
}

/// Confidentiality and notices, and an order of precedence once a data flow is made under an agreement
/// of its own.
fn general_provisions(c: &Charter) -> Area {
    let agreements = c.data_flows.iter().any(|f| {
        !matches!(
            f.agreement,
            crate::model::Agreement::CharterOnly | crate::model::Agreement::None
        )
    });
    let notices = c.notices.is_some() || c.partners.iter().any(|p| p.notice.is_some());
    let terms = [
        (
            c.confidentiality.is_some(),
            true,
            "confidentiality",
            "[confidentiality]",
        ),
        (notices, true, "notices", "[notices]"),
        (
            c.precedence.is_some(),
            agreements,
            "an order of precedence",
            "[precedence] (its data flows name agreements of their own)",
        ),
    ];
    let stated: Vec<&str> = terms.iter().filter(|t| t.0).map(|t| t.2).collect();
    let missing: Vec<&str> = terms.iter().filter(|t| !t.0 && t.1).map(|t| t.3).collect();
    let found = match (stated.is_empty(), missing.is_empty()) {
        (true, _) => (
            Status::Silent,
            format!(
                "no {}: nothing says what is confidential, where notice goes, or which document prevails",
                missing.join(" or ")
            ),
        ),
        (false, true) => (Status::Covered, words(&stated)),
        (false, false) => (
            Status::Partial,
            format!("{}, but no {}", words(&stated), missing.join(" or ")),
        ),
    };
    area("general_provisions", "General provisions", found)
}

/// `a`, `a and b`, `a, b and c`.
fn words(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl Coverage {
    /// How many areas have each status: covered, partial, silent.
    #[must_use]
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |s| self.areas.iter().filter(|a| a.status == s).count();
        (
            count(Status::Covered),
            count(Status::Partial),
            count(Status::Silent),
        )
    }

    /// The report for people: one line per area, then the counts.
    #[must_use]
    pub fn human(&self, file: &str) -> String {
        let mut out = format!("{file}: coverage of the governance areas\n");
        for a in &self.areas {
            out.push_str(&format!(
                "  {:<8} {:<22} {}\n",
                a.status.as_str(),
                a.title,
                a.detail
            ));
        }
        let (covered, partial, silent) = self.counts();
        out.push_str(&format!(
            "  {covered} covered, {partial} partial, {silent} silent\n"
        ));
        out
    }

    /// One line per area, `file: coverage: status: Area: detail`, for grep.
    #[must_use]
    pub fn short(&self, file: &str) -> String {
        self.areas
            .iter()
            .map(|a| {
                format!(
                    "{file}: coverage: {}: {}: {}\n",
                    a.status.as_str(),
                    a.title,
                    a.detail
                )
            })
            .collect()
    }

    /// One JSON object: `type` (`"coverage"`), `file`, and `areas` with `key`, `title`, `status` and
    /// `detail` each.
    #[must_use]
    pub fn json(&self, file: &str) -> String {
        #[derive(Serialize)]
        struct Json<'a> {
            #[serde(rename = "type")]
            kind: &'static str,
            file: &'a str,
            areas: &'a [Area],
        }
        let object = Json {
            kind: "coverage",
            file,
            areas: &self.areas,
        };
        serde_json::to_string(&object).unwrap_or_default() + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::{Status, plural, term_and_amendment};
    use crate::model::Charter;

    #[test]
    fn plurals_read_naturally() {
        assert_eq!(plural(1, "body"), "1 body");
        assert_eq!(plural(4, "body"), "4 bodies");
        assert_eq!(plural(3, "category"), "3 categories");
        assert_eq!(plural(0, "licence"), "0 licences");
    }

    #[test]
    fn a_standing_document_without_a_term_is_not_covered() {
        let text = include_str!("../tests/fixtures/valid/effective-date-required.toml");
        let charter: Charter = toml::from_str(text).expect("a charter");
        let area = term_and_amendment(&charter);
        assert_eq!(area.status, Status::Silent);
        assert!(
            area.detail.starts_with(
                "no [term] and no [amendment]: nothing says how long the terms of reference run"
            ),
            "{}",
            area.detail
        );
    }
}
