//! `charter explain`: the catalogue entry of one rule, or the list of every rule.

use crate::app::Exit;
use crate::cli::ExplainArgs;
use crate::error::Error;
use crate::load::closest;
use crate::output::write_stdout;
use crate::rules::{self, ALL};

/// Terminal width the explanation is wrapped to.
const WIDTH: usize = 90;

pub(crate) fn run(args: &ExplainArgs) -> Result<Exit, Error> {
    let text = match &args.code {
        Some(code) => {
            let rule = rules::find(code).ok_or_else(|| unknown(code))?;
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

fn unknown(code: &str) -> Error {
    let lower = code.to_ascii_lowercase();
    let names: Vec<&str> = ALL.iter().map(|r| r.name).collect();
    // "E0409" for W0409: the digits are right and the letter is not.
    let same_digits = ALL
        .iter()
        .copied()
        .find(|r| code.len() == 5 && code.get(1..) == Some(&r.code[1..]));
    let suggestion = same_digits
        .or_else(|| closest(&lower, &names).and_then(rules::find))
        .map(|r| format!("{} ({})", r.code, r.name));
    Error::UnknownRule {
        code: code.to_owned(),
        suggestion,
    }
}
