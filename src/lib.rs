//! `charter` turns a TOML description of a multi-party partnership into a governance charter.
pub mod model;
