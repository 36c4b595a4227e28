//! `charter approve`: one partner's approval of this exact version, signed with its signatory's SSH key and
//! appended to the approvals file, which is written atomically.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::approvals::signing::{self, Verdict};
use crate::approvals::status::{Report, State, keys_of};
use crate::approvals::{self, Approval, file, message};
use crate::cli::{ApproveArgs, MessageFormat};
use crate::error::Error;
use crate::exit::Exit;
use crate::input::read_source;
use crate::model::{Charter, Date};
use crate::output;
use crate::policy::{Policy, check_with};
use crate::render::fingerprint;
use crate::suggest::closest;
use crate::ui::Ui;

pub(crate) fn run(args: &ApproveArgs, ui: &mut Ui) -> Result<Exit, Error> {
    if args.file == Path::new("-") && args.approvals.approvals.is_none() {
        return Err(Error::Usage(
            "standard input has no approvals file beside it; approve the charter's file, or give --approvals PATH"
                .into(),
        ));
    }
    // The arguments are checked before anything is read.
    let (date, whence) = date(args.date.as_deref())?;
    let source = ui.read(&args.file)?;
    let checked = check_with(&source, &Policy::default());
    ui.diagnostics(&source, &checked.diagnostics, MessageFormat::Human, false)?;
    let Some(valid) = &checked.valid else {
        ui.summary(&source, &checked);
        ui.note(
            "not approved: the charter has errors; fix them, then approve the corrected version",
        );
        return Ok(Exit::Invalid);
    };
    let charter: &Charter = valid;
    let partner = partner(charter, &source.name, &args.partner)?;
    let Some(signatory) = &partner.signatory else {
        return Err(Error::Usage(format!(
            "{} has no signatory in {}, so no one can approve {} for it; approvals are the signatories' (give the partner a [partners.signatory] to let it approve)",
            partner.short_name,
            source.name,
            charter.charter.kind.this()
        )));
    };
    let loaded = approvals::load(&args.file, &args.approvals, charter, true)?
        .expect("a file or --approvals, checked above");
    let signers = approvals::signers(&args.approvals)?;
    let allowed = keys_of(partner, &signers);
    if allowed.is_empty() {
        return Err(Error::Usage(format!(
            "no key is known for {}'s signatory, so an approval could not be checked; add the signatory's public key to {} (ssh_key = \"ssh-ed25519 AAAA...\" under the signatory of partner \"{}\"), or name the partner in --allowed-signers",
            partner.short_name, source.name, partner.id
        )));
    }
    let key_path = key_path(args.key.as_deref())?;
    let passphrase = passphrase(args.passphrase_file.as_deref())?;
    let key = signing::load_key(&key_path, passphrase.as_deref())?;
    if !allowed
        .iter()
        .any(|k| k.key_data() == key.public_key().key_data())
    {
        let known: Vec<String> = allowed.iter().map(signing::fingerprint).collect();
        return Err(Error::Key {
            path: key_path,
            reason: format!(
                "it is not the key of {}'s signatory: its fingerprint is {}, and the key known for {} is {}; sign with that key, or correct the signatory's ssh_key",
                partner.short_name,
                signing::fingerprint(key.public_key()),
                signatory.name,
                known.join(" or ")
            ),
        });
    }
    let sha256 = fingerprint(&source.bytes);
    let report = Report::check(charter, &sha256, loaded.approvals.clone(), &signers);
    if let Some(done) = report
        .entries
        .iter()
        .find(|e| e.approval.partner == partner.id && e.state == State::Current)
    {
        ui.note(&format!(
            "{} already approved this version (SHA-256 {sha256}) on {}, at line {} of {}; nothing was written",
            partner.short_name, done.approval.date, done.approval.line, loaded.name
        ));
        return Ok(Exit::Success);
    }
    let mut approval = Approval {
        partner: partner.id.clone(),
        person: signatory.name.clone(),
        role: signatory.title.clone(),
        date,
        charter: charter.charter.id.clone(),
        sha256,
        signature: String::new(),
        line: 0,
    };
    approval.signature = signing::sign(&key, &key_path, &message(&approval))?;
    // What is written must check as it will be checked, before it is written.
    if let Verdict::Bad(why) = signing::check(&allowed, &message(&approval), &approval.signature) {
        return Err(Error::Key {
            path: key_path,
            reason: format!("the signature made does not check ({why})"),
        });
    }
    let text = file::append(&loaded.text, &source.name, &approval);
    let written = file::parse(&loaded.name, &text, charter)?;
    let line = written.last().map_or(0, |a| a.line);
    output::write_atomic(&loaded.path, text.as_bytes(), true)?;
    ui.line(&format!(
        "{}:{line}: recorded the approval of {} by {}, {}, dated {date} ({whence}), of {} version {} (SHA-256 {}), signed with {} ({})",
        loaded.name,
        partner.short_name,
        approval.person,
        approval.role,
        source.name,
        charter.charter.version,
        approval.sha256,
        key_path.display(),
        signing::fingerprint(key.public_key())
    ));
    Ok(Exit::Success)
}

/// The partner `id` names, which must sign the charter.
fn partner<'c>(
    charter: &'c Charter,
    name: &str,
    id: &str,
) -> Result<&'c crate::model::Partner, Error> {
    let ids: Vec<&str> = charter.partners.iter().map(|p| p.id.as_str()).collect();
    let Some(partner) = charter.partners.iter().find(|p| p.id == id) else {
        return Err(Error::UnknownPartner {
            id: id.to_owned(),
            charter: name.to_owned(),
            suggestion: closest(id, &ids).map(str::to_owned),
            known: ids.join(", "),
        });
    };
    if let Some(date) = partner.withdrawn {
        return Err(Error::Usage(format!(
            "--partner {id}: {} withdrew on {date} and no longer signs {name}, so it does not approve it",
            partner.short_name
        )));
    }
    Ok(partner)
}

/// `--key`, else `~/.ssh/id_ed25519`.
fn key_path(given: Option<&Path>) -> Result<PathBuf, Error> {
    if let Some(path) = given {
        return Ok(path.to_path_buf());
    }
    match std::env::var_os("HOME") {
        Some(home) if !home.is_empty() => Ok(PathBuf::from(home).join(".ssh").join("id_ed25519")),
        _ => Err(Error::Usage(
            "HOME is not set, so there is no ~/.ssh/id_ed25519; give the signatory's key with --key PATH"
                .into(),
        )),
    }
}

/// The first line of `--passphrase-file`.
fn passphrase(file: Option<&Path>) -> Result<Option<String>, Error> {
    let Some(path) = file else {
        return Ok(None);
    };
    let source = read_source(path)?;
    Ok(Some(
        source.text.lines().next().unwrap_or_default().to_owned(),
    ))
}

/// The date of the approval and where it came from: `--date`, else `SOURCE_DATE_EPOCH`, else today (UTC).
fn date(given: Option<&str>) -> Result<(Date, &'static str), Error> {
    if let Some(text) = given {
        return parse_date(text)
            .map(|d| (d, "from --date"))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "--date must be a date written as YYYY-MM-DD, such as --date 2026-02-10, not `{text}`"
                ))
            });
    }
    let epoch = Date {
        year: 1970,
        month: 1,
        day: 1,
    };
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) if !value.is_empty() => {
            let seconds: i64 = value
                .trim()
                .parse()
                .ok()
                .filter(|s| (0..=253_402_300_799).contains(s))
                .ok_or(Error::SourceDateEpoch {
                    value: value.clone(),
                })?;
            Ok((epoch.add_days(seconds / 86_400), "from SOURCE_DATE_EPOCH"))
        }
        _ => {
            let seconds = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            let days = i64::try_from(seconds / 86_400).unwrap_or(0);
            Ok((epoch.add_days(days), "today, by the system clock in UTC"))
        }
    }
}

/// A date written `YYYY-MM-DD` that exists in the calendar.
fn parse_date(text: &str) -> Option<Date> {
    let datetime: toml::value::Datetime = text.trim().parse().ok()?;
    match (datetime.date, datetime.time, datetime.offset) {
        (Some(d), None, None) => Some(Date {
            year: d.year,
            month: d.month,
            day: d.day,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_a_calendar_day_alone() {
        assert_eq!(
            parse_date("2026-02-10"),
            Some(Date {
                year: 2026,
                month: 2,
                day: 10
            })
        );
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("2026-02-10T10:00:00"), None);
        assert_eq!(parse_date("10 February 2026"), None);
    }
}
