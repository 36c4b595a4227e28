//! How the process ends: the three exit codes every command documents. Imports nothing of ours.

/// How the process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Everything worked (warnings allowed); for `diff`, the inputs are equal.
    Success = 0,
    /// A charter has errors; for `diff`, the inputs differ.
    Invalid = 1,
    /// The tool could not run.
    Failure = 2,
}
