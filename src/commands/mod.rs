//! One module per subcommand. Each takes its parsed arguments and the shared [`Ui`], runs the pipeline and
//! says how the process should exit.
//!
//! Commands import what they share from below ([`crate::ui`], [`crate::policy`], [`crate::input`],
//! [`crate::output`], [`crate::exit`], `batch`) and the pipeline's stages; nothing imports a command but
//! the dispatcher, [`crate::app`].

pub(crate) mod approvals;
pub(crate) mod approve;
pub(crate) mod check;
pub(crate) mod checklist;
pub(crate) mod completions;
pub(crate) mod diff;
pub(crate) mod explain;
pub(crate) mod man;
pub(crate) mod migrate;
pub(crate) mod new;
pub(crate) mod rename;
pub(crate) mod render;
pub(crate) mod schema;
pub(crate) mod verify;
