use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

/// A class of members, such as "Platinum members": partners that hold seats on a body alike, each as
/// many as the body's `{ class = "<id>", seats = 1 }` entry gives every member of the class.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct MembershipClass {
    /// Short id used to refer to the class from a body's `members`.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// Its name as the charter writes it, e.g. "Platinum members".
    #[validate(length(min = 1, max = 120))]
    pub name: String,
    /// The partners that are members of the class.
    #[serde(default)]
    #[validate(custom(function = "super::check_ids"))]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub members: Vec<String>,
    /// What a member of the class receives or pays, in plain words (Markdown); absent, the charter says
    /// nothing of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1))]
    pub benefits: Option<String>,
    /// A file that lists more members of the class, kept apart from the charter so that members join and
    /// leave without an amendment: a path relative to the charter's own file, such as
    /// `"rosters/sponsors.toml"`. `charter check` reads it; its members hold the class's seats like the
    /// partners in `members`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 240))]
    pub roster: Option<String>,
    /// What the roster lists, once the loader has read it; never written in the charter itself.
    #[serde(skip)]
    #[schemars(skip)]
    pub listed: Option<Roster>,
}

impl MembershipClass {
    /// The ids of every member of the class: the partners in `members`, then the roster's members that
    /// are not among them, in the order of the file.
    pub fn member_ids(&self) -> impl Iterator<Item = &str> {
        let listed = self.listed.iter().flat_map(|r| r.members.iter());
        self.members.iter().map(String::as_str).chain(
            listed
                .filter(|m| !self.members.contains(&m.id))
                .map(|m| m.id.as_str()),
        )
    }

    /// The name the roster gives a member of the class, for one that is not a partner.
    #[must_use]
    pub fn listed_name(&self, id: &str) -> Option<&str> {
        self.listed
            .as_ref()?
            .members
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.name.as_str())
    }
}

/// The members a roster file lists, as the loader read them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    /// The date the roster says its list stands at (`as_of`), if it says one.
    pub as_of: Option<super::Date>,
    /// Its members, in the order of the file.
    pub members: Vec<RosterMember>,
    /// The SHA-256 of the file as read, in lowercase hex, so that a document can say which list it used.
    pub fingerprint: String,
    /// Whether the loader found problems in it (reported as E0545); its members are then the ones it
    /// could read.
    pub flawed: bool,
}

/// One member a roster lists: an organisation that need not be a partner to the charter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterMember {
    /// Its id, unique among the class's members; the id of a partner names that partner.
    pub id: String,
    /// Its name, as the charter writes it.
    pub name: String,
}
