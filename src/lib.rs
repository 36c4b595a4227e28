//! `charter` turns a TOML description of a multi-party partnership into a governance charter.
//!
//! A newcomer's map, in the order data flows (each module imports only modules listed before it):
//!
//! 1. Foundations, importing nothing of ours: [`cli`] (the command-line types), [`exit`] (exit codes),
//!    [`source`] (a source's text and offsets), [`suggest`] (likely typos), [`rules`] (the coded rule
//!    catalogue), [`xref`] (`[[kind:id]]` cross-references), [`error`], [`model`] (the typed charter),
//!    [`scaffold`] (the built-in examples), [`schema`] (the JSON Schema of the model), [`hidden`] (which
//!    characters are invisible or reorder text), and on the model's version [`migrate`] (a schema 1 file
//!    rewritten for the current schema, comments and layout kept).
//! 2. On [`hidden`]: [`terminal`] (what reaches a terminal shows hidden characters), [`prose`] (the
//!    organiser's Markdown kept to what cannot forge structure or link out), and [`diagnostic`]: a located
//!    finding and its printers.
//! 3. [`load`]: text → spanned TOML tree → [`model::Charter`], every structural problem reported at once.
//!    [`outline`]: on the model, every anchor the rendered document will have, for cross-references.
//! 4. [`validate`]: field and cross-field rules, yielding a [`validate::Valid`] charter.
//! 5. [`coverage`]: which governance areas a charter covers. [`pipeline`] runs 3–5 on one source.
//! 6. [`render`]: a valid charter laid out once as a document, written as Markdown, HTML and the
//!    checklist exports.
//! 7. [`diff`]: two versions compared term by term, and as a redline of two laid-out documents.
//!    [`verify`]: what `verify` needs besides rendering (formats, stated fingerprints, differences).
//!    [`rename`]: one id renamed throughout a charter's text, checked again before it is written.
//! 8. What the commands share: [`input`] (reading within the size limit), [`output`] (destinations and
//!    atomic writes, with [`replace`] saying what `--force` may replace), [`policy`] (`--allow`, `--deny-warnings`), [`ui`] (the terminal and its transcript),
//!    batches of files in parallel (`batch`), and [`approvals`]: who approved which version, as SSH
//!    signatures over the input's fingerprint, read from the approvals file beside a charter and given
//!    to the rendered document as its approval record (the commands write the file).
//! 9. One module per subcommand (`commands`), and [`app`], the dispatcher that `main.rs` calls.

pub mod app;
pub mod approvals;
mod batch;
pub mod cli;
mod commands;
pub mod coverage;
pub mod diagnostic;
pub mod diff;
pub mod error;
pub mod exit;
pub mod hidden;
pub mod input;
pub mod load;
pub mod migrate;
pub mod model;
pub mod outline;
pub mod output;
pub mod pipeline;
pub mod policy;
pub mod prose;
pub mod rename;
pub mod render;
pub mod replace;
pub mod rules;
pub mod scaffold;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod terminal;
pub mod ui;
pub mod validate;
pub mod verify;
pub mod xref;
