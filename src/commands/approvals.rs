//! `charter approvals`: who approved which version of a charter, each signature checked; exits 0 only when
//! every partner that signs approved this version and no approval is bad.

use crate::approvals::{self, status::Report};
use crate::cli::{ApprovalsArgs, MessageFormat};
use crate::error::Error;
use crate::exit::Exit;
use crate::hidden::escape_terminal;
use crate::model::Charter;
use crate::policy::{Policy, check_with};
use crate::render::fingerprint;
use crate::ui::Ui;

pub(crate) fn run(args: &ApprovalsArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let source = ui.read(&args.file)?;
    let checked = check_with(&source, &Policy::default());
    ui.diagnostics(&source, &checked.diagnostics, MessageFormat::Human, false)?;
    let Some(valid) = &checked.valid else {
        ui.summary(&source, &checked);
        ui.note("approvals not checked: the charter has errors");
        return Ok(Exit::Failure);
    };
    let charter: &Charter = valid;
    let Some(loaded) = approvals::load(&args.file, &args.approvals, charter, false)? else {
        return Err(Error::Usage(
            "standard input has no approvals file beside it; give --approvals PATH".into(),
        ));
    };
    if loaded.path.symlink_metadata().is_err() {
        ui.note(&format!(
            "{} does not exist yet: no partner has approved {} (`charter approve {} --partner ID` records one)",
            loaded.name, source.name, source.name
        ));
    }
    let signers = approvals::signers(&args.approvals)?;
    let report = Report::check(
        charter,
        &fingerprint(&source.bytes),
        loaded.approvals,
        &signers,
    );
    // The names come from the files: any hidden character in them is shown, never obeyed.
    let text = report.text(&source.name, &loaded.name);
    ui.stdout(escape_terminal(&text).as_bytes())?;
    Ok(if report.all_current() {
        Exit::Success
    } else {
        Exit::Invalid
    })
}
