//! Whether a changed term tightens or relaxes a duty, and for whom, where that is well defined: a
//! deadline to act shortened (breach notice 5 → 1 business day) tightens it for whoever must act; a
//! review period lengthened tightens it for the authors; a quorum raised makes the body's decisions
//! harder to take. Anything else is only "changed".
//!
//! Imports the term changes it classifies ([`super::terms`]) and the model; the term walk knows nothing
//! of it, so the two do not import each other.

use serde_json::Value;

use super::terms::{Change, ChangeKind, Class, Direction};
use crate::model::{Charter, Lookup, Period, Quorum};

/// Whether a larger value makes the duty stricter (`true`) or looser, and for whom, by term.
fn rule(path: &[&str], new: &Charter) -> Option<(bool, Option<String>)> {
    let last = *path.last()?;
    let name_of = |list: &str| -> Option<String> {
        let id = path.get(1)?;
        match list {
            "bodies" => new
                .bodies
                .iter()
                .find(|b| b.id == *id)
                .map(|b| format!("the {}", b.name)),
            "obligations" => {
                let owner = &new.obligations.iter().find(|o| o.id == *id)?.owner;
                new.partners
                    .iter()
                    .find(|p| p.id == *owner)
                    .map(|p| p.short_name.clone())
                    .or_else(|| {
                        new.bodies
                            .iter()
                            .find(|b| b.id == *owner)
                            .map(|b| format!("the {}", b.name))
                    })
            }
            "data_flows" => {
                let flow = new.data_flows.iter().find(|f| f.id == *id)?;
                let names: Vec<&str> = flow
                    .recipients
                    .iter()
                    .filter_map(|r| new.partners.iter().find(|p| p.id == *r))
                    .map(|p| p.short_name.as_str())
                    .collect();
                Some(if names.is_empty() {
                    "its recipients".to_owned()
                } else {
                    names.join(" and ")
                })
            }
            _ => None,
        }
    };
    let who = name_of(path.first()?);
    match (*path.first()?, last) {
        // A training completed again less often is a looser duty for the recipients.
        ("data_flows", "breach_notification" | "within" | "every") => Some((false, who)),
        ("obligations", "within" | "due") => Some((false, who)),
        ("bodies", "minutes") => Some((false, who)),
        // More seats for one partner loosen its cap; more members, or more of a group, bind the body.
        ("bodies", "seats") if path.get(3) == Some(&"affiliation_cap") => Some((false, who)),
        ("bodies", "min_members" | "min") => Some((true, who)),
        ("bodies", "notice" | "papers" | "quorum") => Some((true, who)),
        ("publication", "review" | "patent_delay") => Some((true, Some("the authors".to_owned()))),
        ("conflicts", "threshold_usd") => Some((false, Some("those who disclose".to_owned()))),
        ("confidentiality", "duration") => Some((true, Some("every partner".to_owned()))),
        _ => None,
    }
}

/// A value as a number to compare: a period in days ("indefinite" the longest), a date as a day number,
/// an amount, or a quorum as the members it needs of `seats`.
fn magnitude(value: &Value, seats: u32) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s
            .parse::<Period>()
            .ok()
            .map(|p| p.approx_days() as f64)
            // A duty without end (a confidentiality `duration`) outlasts every period.
            .or_else(|| (s == "indefinite").then_some(f64::INFINITY))
            .or_else(|| {
                let quorum: Quorum = serde_json::from_value(value.clone()).ok()?;
                Some(quorum.required(seats) as f64)
            })
            .or_else(|| {
                // A date: compare it as text, which orders ISO dates.
                let digits: String = s.chars().filter(char::is_ascii_digit).collect();
                (s.len() == 10 && digits.len() == 8)
                    .then(|| digits.parse().ok())
                    .flatten()
            }),
        _ => None,
    }
}

/// Classifies every change of terms against the new charter.
pub fn classify_all(changes: &mut [Change], new: &Charter) {
    for change in changes {
        change.class = classify(change, new);
    }
}

/// Classifies one change of terms against the new charter.
#[must_use]
pub fn classify(change: &Change, new: &Charter) -> Option<Class> {
    let ChangeKind::Changed { old, new: value } = &change.kind else {
        return None;
    };
    let path: Vec<&str> = change.path.split('.').collect();
    let Some((larger_is_stricter, for_whom)) = rule(&path, new) else {
        return Some(Class {
            direction: Direction::Changed,
            for_whom: None,
        });
    };
    // A quorum compares by the members it needs of the body's voting seats now.
    let seats = match (path.first(), path.get(1), path.last()) {
        (Some(&"bodies"), Some(id), Some(&"quorum")) => new
            .bodies
            .iter()
            .position(|b| b.id == *id)
            .map_or(0, |i| Lookup::new(new).voting_seats(i)),
        _ => 0,
    };
    let (Some(a), Some(b)) = (magnitude(old, seats), magnitude(value, seats)) else {
        return Some(Class {
            direction: Direction::Changed,
            for_whom: None,
        });
    };
    let direction = match (b > a, b < a) {
        (true, _) if larger_is_stricter => Direction::Tightened,
        (true, _) => Direction::Relaxed,
        (_, true) if larger_is_stricter => Direction::Relaxed,
        (_, true) => Direction::Tightened,
        _ => Direction::Changed,
    };
    Some(Class {
        direction,
        for_whom,
    })
}
