//! Rendering a valid charter.
use crate::error::Error;
use crate::load::Source;
use crate::model::Charter;
use crate::validate::Valid;

/// Renders Markdown.
///
/// # Errors
/// When a template fails.
pub fn markdown(_c: &Valid<Charter>, _s: &Source) -> Result<String, Error> {
    Err(Error::Template("not yet".into()))
}

/// Renders HTML.
///
/// # Errors
/// When a template fails.
pub fn html(_c: &Valid<Charter>, _s: &Source) -> Result<String, Error> {
    Err(Error::Template("not yet".into()))
}
