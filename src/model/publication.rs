use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::Period;

/// Publication rights: how manuscripts are reviewed before submission, delayed and published.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// How long partners have to review a manuscript before submission.
    pub review: Period,
    /// What the review is: "comment" (partners comment but do not approve the content, and may not
    /// require results to be suppressed) or "approval" (a manuscript is submitted only once every
    /// partner approves it). Absent, the charter says only how long the review lasts.
    pub review_kind: Option<ReviewKind>,
    /// Extra delay a partner may ask for to file a patent.
    pub patent_delay: Option<Period>,
    /// The longest the partners let review and any patent delay together hold a manuscript back; absent,
    /// the charter sets no cap beyond the two periods.
    pub max_total_delay: Option<Period>,
    /// Whether partners may ask for their confidential information to be removed; absent, the charter
    /// says nothing of it.
    pub confidential_removal: Option<bool>,
    /// Whether multi-site results are published before any single-site results.
    #[serde(default)]
    pub multi_site_first: bool,
    /// When a site may publish its own results alone if the multi-site paper has not appeared.
    pub single_site_after: Option<Period>,
    /// Authorship criteria.
    pub authorship: Authorship,
    /// Whether trials are registered before enrolment.
    #[serde(default)]
    pub trial_registration: bool,
    /// Whether negative and inconclusive results are published too.
    #[serde(default)]
    pub negative_results: bool,
    /// How contributions are acknowledged (Markdown).
    pub acknowledgement: Option<String>,
}

/// What a partner's review of a manuscript is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    /// Partners comment, but do not approve the content or suppress results.
    Comment,
    /// A manuscript needs every partner's approval before it is submitted.
    Approval,
}

/// Authorship criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Authorship {
    /// The ICMJE recommendations.
    Icmje,
    /// The CRediT contributor roles taxonomy.
    Credit,
}
