//! A body's officers besides its chair, and how its seats are held, in plain words: who holds each office,
//! how they are chosen and for how long; how a vacant seat is filled, how a member is removed, whether
//! members send alternates and whether observers attend. Each sentence is written only for a term the
//! charter states, and a clause only where one of its terms is stated.

use super::{Builder, name_of};
use crate::md;
use crate::model::{
    Admission, Alternates, Body, Inviter, Lookup, Observers, Officer, Removal, Selection, Tenure,
    Vacancies, VacancyFill, number_words,
};
use crate::render::anchors;
use crate::render::markdown::{Md, join, text};

/// The body's officers clause, when its charter names officers.
pub(super) fn clause(ids: &Lookup<'_>, body: &Body, b: &mut Builder) {
    if body.officers.is_empty() {
        return;
    }
    let sentences: Vec<Md> = body.officers.iter().map(|o| officer(ids, o)).collect();
    b.clause(
        anchors::body_part(&body.id, "officers"),
        Md::raw("Officers"),
        join(&sentences, " "),
    );
}

/// "The secretary is the representative of Northfield, elected by the body, for a term of 2 years, for at
/// most two consecutive terms." An office held by no one named: "The body has a treasurer, …".
fn officer(ids: &Lookup<'_>, o: &Officer) -> Md {
    let role = o.role.words();
    let who = match (&o.person, &o.partner) {
        (Some(person), Some(partner)) => Some(md!("{} ({})", text(person), name_of(ids, partner))),
        (Some(person), None) => Some(text(person)),
        (None, Some(partner)) => Some(md!("the representative of {}", name_of(ids, partner))),
        (None, None) => None,
    };
    let selection = selection(ids, o.selection, o.partner.as_deref());
    let term = term(o.term, None, o.term_limit);
    match who {
        Some(who) => md!("The {role} is {who}{selection}{term}."),
        None => md!("The body has a {role}{selection}{term}."),
    }
}

/// How a member or officer comes to sit, after the holder: ", elected by the body", ", appointed by
/// Northfield" (by their partner, where they have one), ", ex officio"; nothing where the charter does not
/// say.
pub(super) fn selection(
    ids: &Lookup<'_>,
    selection: Option<Selection>,
    partner: Option<&str>,
) -> Md {
    match (selection, partner) {
        (Some(Selection::Elected), _) => Md::raw(", elected by the body"),
        (Some(Selection::Appointed), Some(partner)) => {
            md!(", appointed by {}", name_of(ids, partner))
        }
        (Some(Selection::Appointed), None) => Md::raw(", appointed"),
        (Some(Selection::ExOfficio), _) => Md::raw(", ex officio"),
        (None, _) => Md::default(),
    }
}

/// A term of office after the holder: " for a term of 2 years, renewable, for at most two consecutive
/// terms", ", who serves until replaced", or nothing where the charter states no term.
pub(super) fn term(term: Option<Tenure>, renewable: Option<bool>, limit: Option<u32>) -> Md {
    let renew = match renewable {
        Some(true) => ", renewable",
        Some(false) => ", not renewable",
        None => "",
    };
    // E0512 reports a limit without a term that is a period, so a valid charter never has one elsewhere.
    let limit = match limit {
        Some(1) => Md::raw(", for one term only"),
        Some(n) => md!(", for at most {} consecutive terms", number_words(n)),
        None => Md::default(),
    };
    match term {
        Some(Tenure::For(period)) => md!(" for a term of {period}{renew}{limit}"),
        Some(Tenure::UntilReplaced) => Md::raw(", who serves until replaced"),
        None => Md::default(),
    }
}

/// The body's membership clause, when its charter says how seats are filled or members removed, or
/// whether alternates or observers attend.
pub(super) fn membership(body: &Body, b: &mut Builder) {
    if !body.states_membership() {
        return;
    }
    let sentences: Vec<Md> = [
        body.vacancies.as_ref().map(vacancies),
        body.removal.as_ref().and_then(removal),
        body.alternates.as_ref().map(alternates),
        body.observers.as_ref().map(observers),
    ]
    .into_iter()
    .flatten()
    .collect();
    b.clause(
        anchors::body_part(&body.id, "membership"),
        Md::raw("Vacancies, removal and attendance"),
        join(&sentences, " "),
    );
}

/// "The partner whose seat falls vacant appoints a new member within 30 days."
fn vacancies(v: &Vacancies) -> Md {
    let within = v
        .within
        .map(|p| md!(" within {p} of the vacancy"))
        .unwrap_or_default();
    match v.filled_by {
        VacancyFill::AppointingPartner => {
            md!("The partner whose seat falls vacant appoints a new member{within}.")
        }
        VacancyFill::Election => md!("The body fills a vacant seat by election{within}."),
        VacancyFill::ChairInterim => {
            md!(
                "The chair appoints an interim member to a vacant seat{within}, until the seat is filled."
            )
        }
    }
}

/// "A member may be removed by the partner that appointed them. A member or officer may be removed by a
/// decision of the body taken by two thirds of all voting members." Nothing where neither is stated.
fn removal(r: &Removal) -> Option<Md> {
    let mut out: Vec<Md> = Vec::new();
    if r.appointing_partner {
        out.push(Md::raw(
            "A member may be removed by the partner that appointed them.",
        ));
    }
    if let Some(rule) = r.by_decision {
        out.push(md!(
            "A member or officer may be removed by a decision of the body taken by {}.",
            rule.phrase()
        ));
    }
    (!out.is_empty()).then(|| join(&out, " "))
}

/// "A member may send an alternate to a meeting in their place; the alternate votes in the member's
/// place." or "Members may not send alternates."
fn alternates(a: &Alternates) -> Md {
    if !a.allowed {
        return Md::raw("Members may not send alternates to its meetings.");
    }
    match a.voting {
        Some(true) => Md::raw(
            "A member may send an alternate to a meeting in their place, who votes in the member's place.",
        ),
        Some(false) => Md::raw(
            "A member may send an alternate to a meeting in their place, who does not vote.",
        ),
        None => Md::raw("A member may send an alternate to a meeting in their place."),
    }
}

/// "Observers may attend its meetings by invitation of the chair, without a vote." or "Observers are not
/// admitted to its meetings."
fn observers(o: &Observers) -> Md {
    match o.admitted {
        Admission::NotAdmitted => Md::raw("Observers are not admitted to its meetings."),
        Admission::ByInvitation => {
            let by = match o.invited_by {
                Some(Inviter::Chair) => " of the chair",
                Some(Inviter::Body) => " of the body",
                None => "",
            };
            md!("Observers may attend its meetings by invitation{by}, without a vote.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{OfficerRole, VotingRule};

    #[test]
    fn a_term_of_office_says_only_what_is_stated() {
        assert_eq!(term(None, None, None).as_str(), "");
        let two_years: Tenure = serde_json::from_value(serde_json::json!("2 years")).unwrap();
        assert_eq!(
            term(Some(two_years), Some(true), Some(2)).as_str(),
            " for a term of 2 years, renewable, for at most two consecutive terms"
        );
        assert_eq!(
            term(Some(two_years), None, Some(1)).as_str(),
            " for a term of 2 years, for one term only"
        );
        assert_eq!(
            term(Some(Tenure::UntilReplaced), None, None).as_str(),
            ", who serves until replaced"
        );
    }

    #[test]
    fn removal_with_no_way_states_nothing() {
        assert!(removal(&Removal::default()).is_none());
        let r = Removal {
            appointing_partner: true,
            by_decision: Some(VotingRule::TwoThirdsBody),
        };
        assert_eq!(
            removal(&r).unwrap().as_str(),
            "A member may be removed by the partner that appointed them. A member or officer may be \
             removed by a decision of the body taken by two thirds of all voting members."
        );
    }

    #[test]
    fn office_words() {
        assert_eq!(OfficerRole::ViceChair.words(), "vice chair");
    }
}
