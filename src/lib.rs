//! `charter` turns a TOML description of a multi-party partnership into a governance charter.
//!
//! The pipeline: [`load`] reads the text and deserializes it into the [`model`], reporting structural
//! problems as [`diagnostic::Diagnostic`]s; [`validate`] checks field rules and cross-field rules and, if
//! there are no errors, yields a [`validate::Valid`] charter; [`render`] turns only a valid charter into
//! Markdown or HTML. [`app`] wires the pipeline to the command line defined in [`cli`].

pub mod app;
mod batch;
pub mod cli;
mod commands;
pub mod coverage;
pub mod diagnostic;
pub mod diff;
pub mod error;
pub mod hidden;
pub mod load;
pub mod model;
pub mod output;
pub mod prose;
pub mod render;
pub mod replace;
pub mod rules;
pub mod scaffold;
pub mod schema;
pub mod terminal;
pub mod validate;
pub mod xref;

/// Parts of the commands that are otherwise internal, for the fuzz targets in `fuzz/`.
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::commands::verify::{claimed_fingerprint, first_difference};
}
