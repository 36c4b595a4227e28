//! Who approved which version: each approval checked against the partner's keys and the input's
//! fingerprint, and each partner that signs the charter found current, stale, missing, with a bad
//! signature, or unverifiable. The report of `charter approvals` and the approval record of the rendered
//! document are both written from here, so that they always agree.

use ssh_key::PublicKey;

use super::signers::AllowedSigners;
use super::signing::{self, Verdict};
use super::{Approval, is_required, message};
use crate::model::{Charter, Partner};
use crate::render::document::{ApprovalRecord, Table};
use crate::render::markdown::{Md, text};
use crate::validate::keys::key_of;

/// What checking one approval found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// A good signature over this very input.
    Current,
    /// A good signature over another version of this charter.
    Stale,
    /// The signature does not hold, or the approval is not of this charter; why.
    Bad(String),
    /// No key is known for the partner's signatory, so the signature cannot be checked; what to do.
    Unverified(String),
}

/// One approval of the file and what checking it found.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The approval as written.
    pub approval: Approval,
    /// What checking it found.
    pub state: State,
}

/// Where a partner that signs the charter stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    /// It approved this version.
    Current,
    /// It approved an earlier version only.
    Stale,
    /// Its approvals cannot be checked: no key is known for its signatory.
    Unverified,
    /// Its only approvals have bad signatures.
    Bad,
    /// It has no approval at all.
    Missing,
}

impl Standing {
    /// The word for it, as the report and the record print it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Standing::Current => "current",
            Standing::Stale => "stale",
            Standing::Unverified => "unverified",
            Standing::Bad => "bad signature",
            Standing::Missing => "missing",
        }
    }
}

/// Where every partner that signs stands, and what each approval of the file is.
#[derive(Debug)]
pub struct Report<'c> {
    /// The charter checked.
    pub charter: &'c Charter,
    /// The SHA-256 of its input.
    pub fingerprint: String,
    /// Every approval of the file, in file order.
    pub entries: Vec<Checked>,
    /// Every partner that must approve, in charter order, with where it stands.
    pub partners: Vec<(&'c Partner, Standing)>,
}

/// The keys allowed for a partner's signatory: its `ssh_key` in the charter, and the keys that an
/// `allowed_signers` file gives its id or its signatory's e-mail address.
#[must_use]
pub fn keys_of(partner: &Partner, signers: &AllowedSigners) -> Vec<PublicKey> {
    // A partner with no signatory has no one whose key could approve for it.
    let Some(signatory) = &partner.signatory else {
        return Vec::new();
    };
    let mut keys: Vec<PublicKey> = key_of(signatory).and_then(Result::ok).into_iter().collect();
    let mut principals = vec![partner.id.as_str()];
    principals.extend(signatory.email.as_deref());
    keys.extend(signers.keys_for(&principals));
    keys
}

impl<'c> Report<'c> {
    /// Checks every approval of `charter`, whose input has the SHA-256 `fingerprint`. Every approval names
    /// a partner of the charter (the file was read so).
    #[must_use]
    pub fn check(
        charter: &'c Charter,
        fingerprint: &str,
        approvals: Vec<Approval>,
        signers: &AllowedSigners,
    ) -> Self {
        let entries: Vec<Checked> = approvals
            .into_iter()
            .map(|approval| {
                let state = charter
                    .partners
                    .iter()
                    .find(|p| p.id == approval.partner)
                    .map_or_else(
                        || State::Bad("it names a partner the charter does not have".to_owned()),
                        |partner| state(charter, partner, fingerprint, &approval, signers),
                    );
                Checked { approval, state }
            })
            .collect();
        let partners = charter
            .partners
            .iter()
            .filter(|p| is_required(p))
            .map(|p| {
                let best = entries
                    .iter()
                    .filter(|e| e.approval.partner == p.id)
                    .map(|e| match e.state {
                        State::Current => Standing::Current,
                        State::Stale => Standing::Stale,
                        State::Unverified(_) => Standing::Unverified,
                        State::Bad(_) => Standing::Bad,
                    })
                    .min()
                    .unwrap_or(Standing::Missing);
                (p, best)
            })
            .collect();
        Report {
            charter,
            fingerprint: fingerprint.to_owned(),
            entries,
            partners,
        }
    }

    /// Whether every partner that signs approved this version and no approval in the file is bad: a
    /// tampered entry fails the whole file, even beside a good one.
    #[must_use]
    pub fn all_current(&self) -> bool {
        self.partners.iter().all(|(_, s)| *s == Standing::Current)
            && !self
                .entries
                .iter()
                .any(|e| matches!(e.state, State::Bad(_)))
    }

    /// The report of `charter approvals`: each partner that signs with where it stands and its
    /// approvals, then the approvals of partners that need not sign, then the count.
    #[must_use]
    pub fn text(&self, charter_name: &str, approvals_name: &str) -> String {
        let mut out = format!(
            "Approvals of {charter_name} (version {}, SHA-256 {}) in {approvals_name}:\n",
            self.charter.charter.version, self.fingerprint
        );
        for (partner, standing) in &self.partners {
            let what = match standing {
                Standing::Current => "approved this version",
                Standing::Stale => "approved an earlier version only",
                Standing::Unverified => "its approval cannot be checked",
                Standing::Bad => "no approval with a good signature",
                Standing::Missing => "no approval",
            };
            out.push_str(&format!(
                "\n{} ({}): {}: {what}\n",
                partner.short_name,
                partner.id,
                standing.label()
            ));
            self.entries_of(&partner.id, &mut out);
        }
        for partner in self.charter.partners.iter().filter(|p| !is_required(p)) {
            // A partner with no signatory is always said, so that a reader sees why it is not counted.
            let unsigned = partner.signatory.is_none() && partner.withdrawn.is_none();
            let approved = self
                .entries
                .iter()
                .any(|e| e.approval.partner == partner.id);
            if unsigned {
                out.push_str(&format!(
                    "\n{} ({}): no signatory in the charter, need not approve\n",
                    partner.short_name, partner.id
                ));
            } else if approved {
                out.push_str(&format!(
                    "\n{} ({}): withdrawn, need not approve\n",
                    partner.short_name, partner.id
                ));
            }
            if approved {
                self.entries_of(&partner.id, &mut out);
            }
        }
        if self.partners.is_empty() {
            out.push_str(&format!(
                "\nNo partner signs {}, so there is nothing to approve.\n",
                self.charter.charter.kind.this()
            ));
        }
        out.push_str(&format!("\n{}.\n", self.summary()));
        out
    }

    /// How many partners approved this version, and how many approvals are bad: "2 of 3 partners
    /// approved this version; 1 approval has a bad signature".
    #[must_use]
    pub fn summary(&self) -> String {
        let approved = self
            .partners
            .iter()
            .filter(|(_, s)| *s == Standing::Current)
            .count();
        let bad = self
            .entries
            .iter()
            .filter(|e| matches!(e.state, State::Bad(_)))
            .count();
        let mut out = format!(
            "{approved} of {} partners approved this version",
            self.partners.len()
        );
        if bad > 0 {
            out.push_str(&format!(
                "; {bad} approval{} a bad signature",
                if bad == 1 { " has" } else { "s have" }
            ));
        }
        out
    }

    /// The lines of one partner's approvals.
    fn entries_of(&self, id: &str, out: &mut String) {
        for e in self.entries.iter().filter(|e| e.approval.partner == id) {
            let a = &e.approval;
            let state = match &e.state {
                State::Current => "current".to_owned(),
                State::Stale => {
                    format!("stale: it approved SHA-256 {}, not this version", a.sha256)
                }
                State::Bad(why) => format!("bad signature: {why}"),
                State::Unverified(why) => format!("unverified: {why}"),
            };
            out.push_str(&format!(
                "  line {}: {}, {}, {}: {state}\n",
                a.line, a.person, a.role, a.date
            ));
        }
    }

    /// The approval record of the rendered document: a row for each approval and one for each partner
    /// that signs and has none.
    #[must_use]
    pub fn record(&self) -> ApprovalRecord {
        let style = self.charter.charter.date_style;
        // Only hexadecimal digits reach the document from the file's fingerprint, so it is safe as code.
        let short = |sha: &str| {
            let hex: String = sha
                .chars()
                .filter(char::is_ascii_hexdigit)
                .take(16)
                .collect();
            Md::raw(format!("Another version (`{hex}`)"))
        };
        let mut rows: Vec<Vec<Md>> = Vec::new();
        let name = |id: &str| {
            self.charter
                .partners
                .iter()
                .find(|p| p.id == id)
                .map_or_else(|| text(id), |p| text(&p.short_name))
        };
        for e in &self.entries {
            let a = &e.approval;
            let version = match e.state {
                State::Current => Md::raw("This version"),
                _ if a.sha256 == self.fingerprint && a.charter == self.charter.charter.id => {
                    Md::raw("This version")
                }
                _ => short(&a.sha256),
            };
            let signature = match &e.state {
                State::Current | State::Stale => Md::raw("Valid"),
                State::Bad(why) => text(&format!("Bad: {why}")),
                State::Unverified(why) => text(&format!("Not checked: {why}")),
            };
            rows.push(vec![
                name(&a.partner),
                text(&format!("{}, {}", a.person, a.role)),
                text(&style.write(a.date)),
                version,
                signature,
            ]);
        }
        for (partner, standing) in &self.partners {
            if *standing == Standing::Missing {
                rows.push(vec![
                    text(&partner.short_name),
                    Md::raw("—"),
                    Md::raw("—"),
                    Md::raw("Not approved"),
                    Md::raw("—"),
                ]);
            }
        }
        let approved = self
            .partners
            .iter()
            .filter(|(_, s)| *s == Standing::Current)
            .count();
        ApprovalRecord {
            anchor: "approvals",
            intro: Md::raw(format!(
                "Each approval below is recorded with an SSH signature by the partner's signatory over the partner, the person, their role, the date and the fingerprint (SHA-256) of the exact text approved; the last column says whether that signature holds. {approved} of {} partners approved this version, whose fingerprint is `{}`; another version is shown by the first 16 hexadecimal digits of its fingerprint.",
                self.partners.len(),
                self.fingerprint
            )),
            table: Table {
                headers: vec![
                    "Partner",
                    "Approved by",
                    "Date",
                    "Version approved",
                    "Signature",
                ],
                rows,
            },
        }
    }
}

/// What checking one approval of `partner` found.
fn state(
    charter: &Charter,
    partner: &Partner,
    fingerprint: &str,
    approval: &Approval,
    signers: &AllowedSigners,
) -> State {
    let Some(signatory) = &partner.signatory else {
        return State::Bad(format!(
            "the charter gives {} no signatory, so no one approves for it",
            partner.short_name
        ));
    };
    let keys = keys_of(partner, signers);
    if keys.is_empty() {
        return State::Unverified(format!(
            "no key is known for {}'s signatory; give it `ssh_key` in the charter or name it in --allowed-signers",
            partner.short_name
        ));
    }
    if let Verdict::Bad(why) = signing::check(&keys, &message(approval), &approval.signature) {
        return State::Bad(why);
    }
    if approval.charter != charter.charter.id {
        return State::Bad(format!(
            "it approves another charter, \"{}\", and was copied from that charter's approvals",
            approval.charter
        ));
    }
    if approval.sha256 != fingerprint {
        return State::Stale;
    }
    if approval.person != signatory.name || approval.role != signatory.title {
        return State::Bad(format!(
            "it names {}, {}, but the charter's signatory for {} is {}, {}",
            approval.person, approval.role, partner.short_name, signatory.name, signatory.title
        ));
    }
    State::Current
}
