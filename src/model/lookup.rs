//! Lookups from ids to the items of a charter, and the voting seats of every body, built once in one pass.
//!
//! A large charter has a thousand partners and ten thousand references to them. Finding each reference
//! by walking the list of partners makes checking and rendering quadratic; the validator and the renderer
//! build one `Lookup` instead and every reference is a hash lookup.

use rustc_hash::FxHashMap;

use super::{Body, Charter, Member};

/// What an id names, in the namespace partners and bodies share (an owner may be either).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Actor {
    /// The partner at this index of `partners`.
    Partner(usize),
    /// The body at this index of `bodies`.
    Body(usize),
}

/// Ids to items, and seats, for one charter. Where ids repeat (an error the validator reports), the first
/// item with the id wins, and a partner wins over a body, as a search from the start of the lists would.
#[derive(Debug)]
pub struct Lookup<'c> {
    charter: &'c Charter,
    actors: FxHashMap<&'c str, Actor>,
    decisions: FxHashMap<&'c str, usize>,
    foreground: FxHashMap<&'c str, usize>,
    organisations: FxHashMap<&'c str, usize>,
    classes: FxHashMap<&'c str, usize>,
    /// The members of each membership class, by index: its partners, then its roster's other members.
    class_members: Vec<Vec<&'c str>>,
    phases: FxHashMap<&'c str, usize>,
    /// Voting seats of each body, by index.
    seats: Vec<u32>,
    /// Voting seats each partner holds on each body, by body index.
    seats_by_partner: Vec<FxHashMap<&'c str, u32>>,
}

impl<'c> Lookup<'c> {
    /// Indexes a charter.
    #[must_use]
    pub fn new(charter: &'c Charter) -> Self {
        let mut actors = FxHashMap::with_capacity_and_hasher(
            charter.partners.len() + charter.bodies.len(),
            rustc_hash::FxBuildHasher,
        );
        for (i, p) in charter.partners.iter().enumerate() {
            actors.entry(p.id.as_str()).or_insert(Actor::Partner(i));
        }
        for (i, b) in charter.bodies.iter().enumerate() {
            actors.entry(b.id.as_str()).or_insert(Actor::Body(i));
        }
        let decisions = first_index(charter.decisions.iter().map(|d| d.id.as_str()));
        // The category a Lambert model fills in is named by its fixed id, at the index it has among the
        // stated categories.
        let filled_in = charter
            .ip
            .as_ref()
            .is_some_and(|ip| ip.foreground.is_empty())
            && !charter.stated_foreground().is_empty();
        let foreground = first_index(
            charter
                .ip
                .iter()
                .flat_map(|ip| ip.foreground.iter().map(|f| f.id.as_str()))
                .chain(filled_in.then_some(super::RESULTS_ID)),
        );
        let organisations = first_index(charter.organisations.iter().map(|o| o.id.as_str()));
        let phases = first_index(charter.phases.iter().map(|p| p.id.as_str()));
        let classes = first_index(charter.membership_classes.iter().map(|k| k.id.as_str()));
        let mut lookup = Lookup {
            charter,
            actors,
            decisions,
            foreground,
            organisations,
            classes,
            class_members: charter
                .membership_classes
                .iter()
                .map(|k| k.member_ids().collect())
                .collect(),
            phases,
            seats: Vec::with_capacity(charter.bodies.len()),
            seats_by_partner: Vec::with_capacity(charter.bodies.len()),
        };
        for body in &charter.bodies {
            let mut total: u32 = 0;
            let mut by_partner: FxHashMap<&str, u32> = FxHashMap::default();
            for m in body.members.iter().filter(|m| lookup.member_votes(m)) {
                // Seats out of range are reported by the field checks; counting them must not overflow.
                total = u32::saturating_add(total, lookup.entry_seats(m));
                for p in lookup.entry_partners(m) {
                    let held = by_partner.entry(p).or_default();
                    *held = held.saturating_add(m.seats);
                }
            }
            lookup.seats.push(total);
            lookup.seats_by_partner.push(by_partner);
        }
        lookup
    }

    /// The charter this indexes.
    #[must_use]
    pub fn charter(&self) -> &'c Charter {
        self.charter
    }

    /// What an id names among partners and bodies.
    #[must_use]
    pub fn actor(&self, id: &str) -> Option<Actor> {
        self.actors.get(id).copied()
    }

    /// The index of the partner with this id.
    #[must_use]
    pub fn partner(&self, id: &str) -> Option<usize> {
        match self.actor(id) {
            Some(Actor::Partner(i)) => Some(i),
            _ => None,
        }
    }

    /// The index of the body with this id (unless a partner has the same id).
    #[must_use]
    pub fn body(&self, id: &str) -> Option<usize> {
        match self.actor(id) {
            Some(Actor::Body(i)) => Some(i),
            _ => None,
        }
    }

    /// The index of the first decision with this id.
    #[must_use]
    pub fn decision(&self, id: &str) -> Option<usize> {
        self.decisions.get(id).copied()
    }

    /// The index of the first foreground IP category with this id.
    #[must_use]
    pub fn foreground(&self, id: &str) -> Option<usize> {
        self.foreground.get(id).copied()
    }

    /// The index of the first organisation of `[[organisations]]` with this id.
    #[must_use]
    pub fn organisation(&self, id: &str) -> Option<usize> {
        self.organisations.get(id).copied()
    }

    /// The index of the first phase of `[[phases]]` with this id.
    #[must_use]
    pub fn phase(&self, id: &str) -> Option<usize> {
        self.phases.get(id).copied()
    }

    /// The index of the first membership class of `[[membership_classes]]` with this id.
    #[must_use]
    pub fn class(&self, id: &str) -> Option<usize> {
        self.classes.get(id).copied()
    }

    /// The ids of membership classes, sorted.
    #[must_use]
    pub fn class_ids(&self) -> Vec<&'c str> {
        sorted(self.classes.keys().copied())
    }

    /// The partners of the membership class with this id; none for a class that does not exist.
    #[must_use]
    pub fn class_members(&self, id: &str) -> &[&'c str] {
        self.class(id).map_or(&[], |i| &self.class_members[i])
    }

    /// The ids of phases, sorted.
    #[must_use]
    pub fn phase_ids(&self) -> Vec<&'c str> {
        sorted(self.phases.keys().copied())
    }

    /// The ids of organisations, sorted.
    #[must_use]
    pub fn organisation_ids(&self) -> Vec<&'c str> {
        sorted(self.organisations.keys().copied())
    }

    /// The ids of partners and bodies, sorted, with what each names: for hints that list what exists.
    #[must_use]
    pub fn actor_ids(&self) -> Vec<(&'c str, Actor)> {
        sorted(self.actors.iter().map(|(id, a)| (*id, *a)))
    }

    /// The ids of decisions, sorted.
    #[must_use]
    pub fn decision_ids(&self) -> Vec<&'c str> {
        sorted(self.decisions.keys().copied())
    }

    /// The ids of foreground IP categories, sorted.
    #[must_use]
    pub fn foreground_ids(&self) -> Vec<&'c str> {
        sorted(self.foreground.keys().copied())
    }

    /// Whether a member's seats vote: the member's own `voting`, else its partner's, else (an independent
    /// member, a class of members, or a partner that does not exist) yes.
    #[must_use]
    pub fn member_votes(&self, member: &Member) -> bool {
        member.voting.unwrap_or_else(|| {
            member
                .partner
                .as_deref()
                .and_then(|p| self.partner(p))
                .is_none_or(|i| self.charter.partners[i].voting)
        })
    }

    /// Whether `partner` holds a seat on `body`, voting or not: an entry of its own, or one for a class
    /// it is a member of.
    #[must_use]
    pub fn seated(&self, body: &Body, partner: &str) -> bool {
        body.members.iter().any(|m| {
            m.partner.as_deref() == Some(partner)
                || m.class
                    .as_deref()
                    .is_some_and(|k| self.class_members(k).contains(&partner))
        })
    }

    /// The partners a member entry seats: its partner, or every member of its class (a class wins over a
    /// partner written beside it, an error the validator reports); none for an independent member.
    pub fn entry_partners<'s, 'm>(
        &'s self,
        member: &'m Member,
    ) -> impl Iterator<Item = &'m str> + use<'s, 'm, 'c>
    where
        'c: 'm,
    {
        let class: &'s [&'c str] = member
            .class
            .as_deref()
            .map_or(&[], |k| self.class_members(k));
        let partner = member.partner.as_deref().filter(|_| member.class.is_none());
        class.iter().map(|p| -> &'m str { p }).chain(partner)
    }

    /// The seats a member entry holds in all: its `seats`, once for each member of its class.
    #[must_use]
    pub fn entry_seats(&self, member: &Member) -> u32 {
        match member.class.as_deref() {
            Some(k) => {
                let n = u32::try_from(self.class_members(k).len()).unwrap_or(u32::MAX);
                member.seats.saturating_mul(n)
            }
            None => member.seats,
        }
    }

    /// The voting seats on the body at `body` (an index into `bodies`).
    #[must_use]
    pub fn voting_seats(&self, body: usize) -> u32 {
        self.seats[body]
    }

    /// The voting seats `partner` holds on the body at `body`.
    #[must_use]
    pub fn partner_voting_seats(&self, body: usize, partner: &str) -> u32 {
        self.seats_by_partner[body]
            .get(partner)
            .copied()
            .unwrap_or(0)
    }
}

fn first_index<'c>(ids: impl Iterator<Item = &'c str>) -> FxHashMap<&'c str, usize> {
    let mut map = FxHashMap::default();
    for (i, id) in ids.enumerate() {
        map.entry(id).or_insert(i);
    }
    map
}

fn sorted<T: Ord>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut items: Vec<T> = items.collect();
    items.sort_unstable();
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The minimal charter, with a third partner "cab" that does not vote, a body "cab" (the same id, which
    /// the validator reports) and a body "board" with seats for both partners, an independent member and a
    /// member whose own `voting` overrides its partner's.
    fn charter() -> Charter {
        let text = format!(
            "{}{}",
            include_str!("../../tests/fixtures/valid/minimal.toml"),
            r#"
[[partners]]
id = "cab"
legal_name = "Cab Inc."
short_name = "Cab"
kind = "industry"
roles = ["sponsor"]
voting = false
contributions = ["x"]
benefits = ["y"]
signatory = { name = "C", title = "CEO" }

[[bodies]]
id = "board"
name = "Board"
mandate = "Decides."
authority = "binding"
quorum = 2
members = [
  { partner = "lakeside", seats = 2 },
  { partner = "cab" },
  { partner = "cab", voting = true, seats = 3 },
  { person = "Independent" },
  { partner = "lakeside", voting = false },
]
chair = { partner = "lakeside", term = "1 year" }
meetings = { cadence = "monthly", notice = "7 days", minutes = "7 days" }

[[bodies]]
id = "cab"
name = "Shadowed"
mandate = "Decides."
authority = "binding"
quorum = 1
members = [{ partner = "hillcrest" }]
chair = { partner = "hillcrest", term = "1 year" }
meetings = { cadence = "monthly", notice = "7 days", minutes = "7 days" }
"#
        );
        toml::from_str(&text).expect("charter")
    }

    #[test]
    fn a_partner_shadows_a_body_of_the_same_id() {
        let c = charter();
        let ids = Lookup::new(&c);
        assert_eq!(ids.actor("cab"), Some(Actor::Partner(2)));
        assert_eq!(ids.body("cab"), None);
        assert_eq!(ids.body("board"), Some(0));
        assert_eq!(ids.partner("nobody"), None);
        assert_eq!(
            ids.actor_ids()
                .into_iter()
                .map(|(id, _)| id)
                .collect::<Vec<_>>(),
            ["board", "cab", "hillcrest", "lakeside"],
            "sorted, each id once"
        );
    }

    #[test]
    fn seats_vote_as_the_member_or_else_its_partner_says() {
        let c = charter();
        let ids = Lookup::new(&c);
        // lakeside 2 + cab's voting entry 3 + the independent member 1; cab's own entry and lakeside's
        // non-voting entry do not count.
        assert_eq!(ids.voting_seats(0), 6);
        assert_eq!(ids.partner_voting_seats(0, "lakeside"), 2);
        assert_eq!(ids.partner_voting_seats(0, "cab"), 3);
        assert_eq!(ids.partner_voting_seats(0, "hillcrest"), 0);
        let members = &c.bodies[0].members;
        let votes: Vec<bool> = members.iter().map(|m| ids.member_votes(m)).collect();
        assert_eq!(votes, [true, false, true, true, false]);
    }

    #[test]
    fn a_class_counts_its_seats_once_for_each_of_its_members() {
        let text = format!(
            "{}{}",
            include_str!("../../tests/fixtures/valid/minimal.toml"),
            r#"
[[membership_classes]]
id = "gold"
name = "Gold members"
members = ["lakeside", "hillcrest"]

[[bodies]]
id = "board"
name = "Board"
mandate = "Decides."
authority = "binding"
quorum = 2
members = [{ class = "gold", seats = 2 }, { person = "Independent" }, { class = "none" }]
chair = { partner = "lakeside", term = "1 year" }
meetings = { cadence = "monthly", notice = "7 days", minutes = "7 days" }
"#
        );
        let c: Charter = toml::from_str(&text).expect("charter");
        let ids = Lookup::new(&c);
        let board = ids.body("board").expect("board");
        // Two members of the class with two seats each, and the independent member; a class that does
        // not exist holds nothing.
        assert_eq!(ids.voting_seats(board), 5);
        assert_eq!(ids.partner_voting_seats(board, "hillcrest"), 2);
        assert_eq!(ids.class_members("gold"), ["lakeside", "hillcrest"]);
        assert!(ids.class_members("none").is_empty());
        assert_eq!(ids.class_ids(), ["gold"]);
        let members = &c.bodies[board].members;
        assert_eq!(ids.entry_seats(&members[0]), 4);
        assert_eq!(
            ids.entry_partners(&members[0]).collect::<Vec<_>>(),
            ["lakeside", "hillcrest"]
        );
        assert_eq!(ids.entry_seats(&members[1]), 1);
        assert_eq!(ids.entry_partners(&members[1]).count(), 0);
        assert_eq!(ids.entry_seats(&members[2]), 0);
    }
}
