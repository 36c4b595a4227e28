//! One module per subcommand. Each takes its parsed arguments and the shared [`Ui`], runs the pipeline and
//! says how the process should exit.

pub(crate) mod check;
pub(crate) mod checklist;
pub(crate) mod completions;
pub(crate) mod diff;
pub(crate) mod explain;
pub(crate) mod man;
pub(crate) mod new;
pub(crate) mod render;
pub(crate) mod schema;
pub(crate) mod verify;
