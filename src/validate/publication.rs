//! Rights to approve publications, wherever the charter grants them: `review_kind = "approval"`, a
//! decision to approve manuscripts, a licence purpose or a partner's benefit that approves or blocks
//! them. Each is a veto on publication and is warned about; beside `review_kind = "comment"`, which has
//! the charter say partners do not approve, each is a contradiction and an error. Imports the model,
//! the rule catalogue, span paths and the validation context (`super`).

use super::{Annotate, Ctx};
use crate::load::Seg;
use crate::model::{Charter, ReviewKind};
use crate::path;
use crate::rules;

/// Words that make a text about publications.
const PUBLICATION_WORDS: [&str; 6] = [
    "publication",
    "publish",
    "manuscript",
    "abstract",
    "paper",
    "presentation",
];
/// Words that make it a right to approve or block them.
const APPROVAL_WORDS: [&str; 8] = [
    "approve", "approval", "consent", "veto", "sign off", "sign-off", "authoris", "authoriz",
];

/// Whether a text grants a right to approve or block publications.
fn approves_publication(text: &str) -> bool {
    let lower = text.to_lowercase();
    PUBLICATION_WORDS.iter().any(|w| lower.contains(w))
        && APPROVAL_WORDS.iter().any(|w| lower.contains(w))
}

/// A term outside `[publication]` that approves publications: where it is, what it is, and its words.
struct Grant {
    path: Vec<Seg>,
    what: String,
}

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let grants = grants(c);
    let review = c.publication.as_ref().and_then(|p| p.review_kind);
    if review == Some(ReviewKind::Comment) {
        for g in &grants {
            ctx.at(
                &rules::PUBLICATION_REVIEW_CONTRADICTION,
                &g.path,
                format!(
                    "{} approves publications, but `review_kind = \"comment\"` has the charter say that partners review manuscripts and do not approve them",
                    g.what
                ),
            )
            .with(
                "contradicts the publication clause",
                "reword this term so that it does not approve or block publications, or write `review_kind = \"approval\"` if the partners do approve them",
            );
        }
        return;
    }
    if review == Some(ReviewKind::Approval) {
        ctx.at(
            &rules::PUBLICATION_APPROVAL,
            path!["publication", "review_kind"],
            "every partner must approve a manuscript before it is submitted, so any one of them can keep results from being published",
        )
        .with(
            "a veto on publication",
            "write `review_kind = \"comment\"` so that partners comment but do not approve, or accept this warning in `[[exceptions]]` with the reason",
        );
    }
    for g in &grants {
        ctx.at(&rules::PUBLICATION_APPROVAL, &g.path, format!("{} approves publications, so those who approve can keep results from being published", g.what))
            .with(
                "a veto on publication",
                "give partners a review with comments only (`[publication] review_kind = \"comment\"`) and reword this term, or accept this warning in `[[exceptions]]` with the reason",
            );
    }
}

/// Every term outside `[publication]` whose words approve or block publications.
fn grants(c: &Charter) -> Vec<Grant> {
    let key = |k: &'static str| Seg::from(k);
    let mut out = Vec::new();
    for (i, d) in c.decisions.iter().enumerate() {
        if approves_publication(&d.matter) {
            out.push(Grant {
                path: vec![key("decisions"), Seg::Index(i), key("matter")],
                what: format!("the decision \"{}\"", d.matter),
            });
        }
    }
    for (i, p) in c.partners.iter().enumerate() {
        for (k, b) in p.benefits.iter().enumerate() {
            if approves_publication(b) {
                out.push(Grant {
                    path: vec![
                        key("partners"),
                        Seg::Index(i),
                        key("benefits"),
                        Seg::Index(k),
                    ],
                    what: format!("{}'s benefit \"{b}\"", p.short_name),
                });
            }
        }
    }
    for (i, l) in c.ip.iter().flat_map(|ip| ip.licences.iter().enumerate()) {
        for (k, purpose) in l.purposes.iter().enumerate() {
            if approves_publication(purpose) {
                out.push(Grant {
                    path: vec![
                        key("ip"),
                        key("licences"),
                        Seg::Index(i),
                        key("purposes"),
                        Seg::Index(k),
                    ],
                    what: format!("the licence purpose \"{purpose}\""),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::approves_publication;

    #[test]
    fn a_right_to_approve_publications_is_found_in_words() {
        assert!(approves_publication(
            "Approve each manuscript before submission"
        ));
        assert!(approves_publication(
            "The right to veto publication of results"
        ));
        assert!(approves_publication(
            "Sign off on every conference abstract"
        ));
        assert!(!approves_publication(
            "Resolve disputes about authorship of a manuscript"
        ));
        assert!(!approves_publication(
            "Approve the release of an output from the environment"
        ));
        assert!(!approves_publication("Approve the annual budget"));
    }
}
