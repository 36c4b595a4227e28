//! `charter explain`: the catalogue entry of one rule, or the list of every rule.

use crate::cli::ExplainArgs;
use crate::error::Error;
use crate::exit::Exit;
use crate::output::write_stdout;
use crate::rules::{self, ALL};

/// Terminal width the explanation is wrapped to.
const WIDTH: usize = 90;

pub(crate) fn run(args: &ExplainArgs) -> Result<Exit, Error> {
    let text = match &args.code {
        Some(code) => {
            let rule = rules::find(code).ok_or_else(|| Error::unknown_rule(code))?;
            rules::explain(rule, WIDTH)
        }
        None => {
            let mut out = String::new();
            for rule in ALL {
                out.push_str(&format!(
                    "{}  {:<7}  {:<40}  {}\n",
                    rule.code,
                    rule.severity.as_str(),
                    rule.name,
                    rule.summary
                ));
            }
            out.push_str("\nRun `charter explain CODE` for why a rule matters and how to fix what it finds.\n");
            out
        }
    };
    write_stdout(text.as_bytes())?;
    Ok(Exit::Success)
}
