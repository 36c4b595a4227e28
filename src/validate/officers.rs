//! Rules on a body's officers and on how its seats are held: an officer from a partner sits on the body,
//! each office is held once, a term limit counts fixed terms that may be renewed, a duty given to the
//! chair needs a chair, and no term is written for alternates or observers the body does not admit.
//! Imports only the model, the rule catalogue, span paths and the validation context (`super`).

use super::{Annotate, Ctx};
use crate::load::Seg;
use crate::model::{Admission, Body, Charter, Inviter, Lookup, Tenure, VacancyFill};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    for (i, body) in c.bodies.iter().enumerate() {
        officers(i, body, index, ctx);
        if let Some(chair) = &body.chair {
            term_limit(
                path!["bodies", i, "chair", "term_limit"],
                &format!("the chair of \"{}\"", body.name),
                chair.term,
                chair.term_limit,
                ctx,
            );
            not_renewable(i, body, ctx);
        }
        chair_duties(i, body, ctx);
        excluded(i, body, ctx);
    }
}

/// Each officer from a partner sits on the body, each office is held once, and each term limit counts
/// fixed terms.
fn officers(i: usize, body: &Body, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    for (k, o) in body.officers.iter().enumerate() {
        let role = o.role.words();
        if let Some(p) = &o.partner
            && index.partner(p).is_some()
            && !index.seated(body, p)
        {
            ctx.at(
                &rules::OFFICER_NOT_MEMBER,
                path!["bodies", i, "officers", k, "partner"],
                format!(
                    "\"{p}\" is the {role} of \"{}\" but holds no seat on it",
                    body.name
                ),
            )
            .with(
                "not a member of this body",
                format!(
                    "add `{{ partner = \"{p}\" }}` to `members`, or choose the {role} from the members"
                ),
            );
        }
        if body.officers[..k]
            .iter()
            .any(|earlier| earlier.role == o.role)
        {
            ctx.at(
                &rules::DUPLICATE_OFFICER,
                path!["bodies", i, "officers", k, "role"],
                format!("\"{}\" names its {role} more than once", body.name),
            )
            .with(
                "named before",
                "keep one `[[bodies.officers]]` entry for each `role`",
            );
        }
        term_limit(
            path!["bodies", i, "officers", k, "term_limit"],
            &format!("the {role} of \"{}\"", body.name),
            o.term,
            o.term_limit,
            ctx,
        );
    }
}

/// A term limit only where the term is a period.
fn term_limit(
    at: &[Seg],
    who: &str,
    term: Option<Tenure>,
    limit: Option<u32>,
    ctx: &mut Ctx<'_, '_>,
) {
    let Some(limit) = limit else {
        return;
    };
    let why = match term {
        Some(Tenure::For(_)) => return,
        Some(Tenure::UntilReplaced) => "serves until replaced",
        None => "has no term",
    };
    ctx.at(
        &rules::TERM_LIMIT_WITHOUT_TERM,
        at,
        format!("{who} {why}, so `term_limit = {limit}` counts no terms"),
    )
    .with(
        "no terms to count",
        "give a fixed term, such as `term = \"2 years\"`, or remove `term_limit`",
    );
}

/// A chair who may not serve again has no limit of several terms.
fn not_renewable(i: usize, body: &Body, ctx: &mut Ctx<'_, '_>) {
    let Some(chair) = &body.chair else {
        return;
    };
    let (Some(false), Some(limit @ 2..)) = (chair.renewable, chair.term_limit) else {
        return;
    };
    ctx.at(
        &rules::TERM_LIMIT_NOT_RENEWABLE,
        path!["bodies", i, "chair", "term_limit"],
        format!(
            "the chair of \"{}\" may not serve again (`renewable = false`), but `term_limit = {limit}` allows {limit} terms",
            body.name
        ),
    )
    .with(
        "contradicts `renewable = false`",
        "remove `renewable = false`, or write `term_limit = 1`",
    );
}

/// The chair's interim appointments and invitations need a chair.
fn chair_duties(i: usize, body: &Body, ctx: &mut Ctx<'_, '_>) {
    if body.chair.is_some() {
        return;
    }
    if body
        .vacancies
        .as_ref()
        .is_some_and(|v| v.filled_by == VacancyFill::ChairInterim)
    {
        ctx.at(
            &rules::CHAIR_DUTY_WITHOUT_CHAIR,
            path!["bodies", i, "vacancies", "filled_by"],
            format!(
                "the chair of \"{}\" appoints interim members, but the body has no chair",
                body.name
            ),
        )
        .with(
            "no chair",
            "add a `[bodies.chair]`, or write `filled_by = \"election\"` or `\"appointing_partner\"`",
        );
    }
    if body
        .observers
        .as_ref()
        .is_some_and(|o| o.invited_by == Some(Inviter::Chair))
    {
        ctx.at(
            &rules::CHAIR_DUTY_WITHOUT_CHAIR,
            path!["bodies", i, "observers", "invited_by"],
            format!(
                "the chair of \"{}\" invites observers, but the body has no chair",
                body.name
            ),
        )
        .with(
            "no chair",
            "add a `[bodies.chair]`, or write `invited_by = \"body\"`",
        );
    }
}

/// No term for alternates or observers the body does not admit.
fn excluded(i: usize, body: &Body, ctx: &mut Ctx<'_, '_>) {
    if let Some(a) = &body.alternates
        && !a.allowed
        && let Some(voting) = a.voting
    {
        ctx.at(
            &rules::EXCLUDED_ATTENDEE_TERMS,
            path!["bodies", i, "alternates", "voting"],
            format!(
                "\"{}\" admits no alternates, so `voting = {voting}` says how no one votes",
                body.name
            ),
        )
        .with(
            "alternates not allowed",
            "remove `voting`, or write `allowed = true`",
        );
    }
    if let Some(o) = &body.observers
        && o.admitted == Admission::NotAdmitted
        && o.invited_by.is_some()
    {
        ctx.at(
            &rules::EXCLUDED_ATTENDEE_TERMS,
            path!["bodies", i, "observers", "invited_by"],
            format!(
                "\"{}\" admits no observers, so no one invites them",
                body.name
            ),
        )
        .with(
            "observers not admitted",
            "remove `invited_by`, or write `admitted = \"by_invitation\"`",
        );
    }
}
