//! `charter approve` and `charter approvals`, end to end with the built binary and keys made by
//! `ssh-keygen`: approvals bound to a version, every kind of tampering caught, signatures that
//! `ssh-keygen -Y verify` accepts and signatures of `ssh-keygen -Y sign` accepted, and each error a clear
//! message with exit code 2.
//!
//! Without `ssh-keygen` these tests skip themselves, unless `CHARTER_REQUIRE_SSH_KEYGEN=1` (as in CI) makes
//! a missing `ssh-keygen` a failure.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::charter;

/// The date every approval in these tests gets from SOURCE_DATE_EPOCH: 2026-02-10.
const EPOCH: &str = "1770681600";

/// A two-partner charter; `{LAKESIDE}` and `{HILLCREST}` are replaced by each signatory's `ssh_key` line.
const CHARTER: &str = r#"schema_version = 2

[charter]
id = "lakeside-audit"
title = "Lakeside Sepsis Audit Partnership"
version = "1.0"
effective_date = 2026-01-01
jurisdiction = "State of Oregon, United States"
purpose = "Audit sepsis care together."
goals = ["Compare time to antibiotics at both hospitals"]
scope = "Adult inpatients at both hospitals."

[[partners]]
id = "lakeside"
legal_name = "Lakeside Medical Center, Inc."
short_name = "Lakeside"
kind = "community_hospital"
roles = ["lead"]
contributions = ["Audit staff"]
benefits = ["Benchmark results"]

[partners.signatory]
name = "Ana Ruiz"
title = "Chief Executive Officer"
{LAKESIDE}

[[partners]]
id = "hillcrest"
legal_name = "Hillcrest Hospital District"
short_name = "Hillcrest"
kind = "critical_access_hospital"
roles = ["participant"]
contributions = ["Audit staff"]
benefits = ["Benchmark results"]

[partners.signatory]
name = "Ben Okoye"
title = "Administrator"
{HILLCREST}

[term]
length = "12 months"
renewal = "none"
termination_notice = "30 days"
cure_period = "30 days"
withdrawal_notice = "30 days"
on_withdrawal = "The withdrawing partner's audit data is returned."
"#;

/// Whether `ssh-keygen` can be run; a missing one fails the test when CI requires it.
fn have_ssh_keygen() -> bool {
    let found = Command::new("ssh-keygen")
        .arg("-?")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("CHARTER_REQUIRE_SSH_KEYGEN").is_none_or(|v| v != "1"),
            "ssh-keygen is missing and CHARTER_REQUIRE_SSH_KEYGEN=1: install openssh-client"
        );
        #[allow(clippy::print_stderr, reason = "a skipped test must say why")]
        {
            eprintln!("skipped: ssh-keygen is not installed");
        }
    }
    found
}

/// A folder with a charter, its signatories' keys (and one stranger's), made fresh for one test.
struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    /// The keys of `lakeside`, `hillcrest` and `stranger`, and `board.toml` naming the first two, or `None`
    /// when ssh-keygen is missing.
    fn new() -> Option<Setup> {
        if !have_ssh_keygen() {
            return None;
        }
        let setup = Setup {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        for name in ["lakeside", "hillcrest", "stranger"] {
            setup.keygen(name, "");
        }
        setup.write_charter("board.toml", true);
        Some(setup)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Makes an ed25519 key pair `name` and `name.pub`, protected by `passphrase` unless it is empty.
    fn keygen(&self, name: &str, passphrase: &str) {
        let status = Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", passphrase, "-C"])
            .arg(format!("{name}@test.example"))
            .arg("-f")
            .arg(self.path(name))
            .stdin(Stdio::null())
            .status()
            .expect("ssh-keygen runs");
        assert!(status.success(), "ssh-keygen made no key {name}");
    }

    fn public(&self, name: &str) -> String {
        fs::read_to_string(self.path(&format!("{name}.pub")))
            .expect("public key")
            .trim()
            .to_owned()
    }

    /// Writes the charter as `file`, with the signatories' keys when `with_keys`.
    fn write_charter(&self, file: &str, with_keys: bool) {
        let line = |name: &str| {
            if with_keys {
                format!("ssh_key = \"{}\"", self.public(name))
            } else {
                String::new()
            }
        };
        let text = CHARTER
            .replace("{LAKESIDE}", &line("lakeside"))
            .replace("{HILLCREST}", &line("hillcrest"));
        fs::write(self.path(file), text).expect("write charter");
    }

    fn read(&self, name: &str) -> String {
        fs::read_to_string(self.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn edit(&self, name: &str, from: &str, to: &str) {
        let text = self.read(name);
        assert!(text.contains(from), "{name} has no {from:?}");
        fs::write(self.path(name), text.replacen(from, to, 1)).expect("write");
    }

    /// Runs charter in the folder, with the date fixed and no home folder of its own.
    fn run(&self, args: &[&str]) -> Output {
        charter()
            .current_dir(self.dir.path())
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .env("HOME", self.dir.path())
            .args(args)
            .output()
            .expect("charter runs")
    }

    /// `charter approve board.toml --partner ID --key ID`, which must succeed.
    fn approve(&self, partner: &str) {
        let out = self.run(&[
            "approve",
            "board.toml",
            "--partner",
            partner,
            "--key",
            partner,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }

    /// `charter approvals board.toml` and its exit code and standard output.
    fn approvals(&self, extra: &[&str]) -> (Option<i32>, String) {
        let mut args = vec!["approvals", "board.toml"];
        args.extend(extra);
        let out = self.run(&args);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out),
        )
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The SHA-256 of a file, as charter states it.
fn sha256(path: &Path) -> String {
    charter::render::fingerprint(&fs::read(path).expect("readable"))
}

#[test]
fn every_partner_approving_this_version_exits_0() {
    let Some(s) = Setup::new() else { return };
    let (code, out) = s.approvals(&[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("does not exist yet"), "{out}");
    let first = s.run(&[
        "approve",
        "board.toml",
        "--partner",
        "lakeside",
        "--key",
        "lakeside",
    ]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let said = stderr(&first);
    assert!(
        said.contains(
            "by Ana Ruiz, Chief Executive Officer, dated 2026-02-10 (from SOURCE_DATE_EPOCH)"
        ),
        "{said}"
    );
    assert!(said.contains(&sha256(&s.path("board.toml"))), "{said}");
    s.approve("hillcrest");
    let (code, out) = s.approvals(&[]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("Lakeside (lakeside): current: approved this version"),
        "{out}"
    );
    assert!(
        out.contains("Hillcrest (hillcrest): current: approved this version"),
        "{out}"
    );
    assert!(
        out.contains("2 of 2 partners approved this version."),
        "{out}"
    );
    let file = s.read("board.toml.approvals.toml");
    assert_eq!(file.matches("\n[[approval]]\n").count(), 2, "{file}");
    assert!(file.contains("-----BEGIN SSH SIGNATURE-----"), "{file}");
    // Approving the same version again writes nothing.
    s.approve("lakeside");
    assert_eq!(s.read("board.toml.approvals.toml"), file);
}

#[test]
fn the_date_is_the_one_given_else_source_date_epoch_else_today_and_is_stated() {
    let Some(s) = Setup::new() else { return };
    let out = s.run(&[
        "approve",
        "board.toml",
        "--partner",
        "lakeside",
        "--key",
        "lakeside",
        "--date",
        "2026-02-03",
    ]);
    assert!(
        stderr(&out).contains("dated 2026-02-03 (from --date)"),
        "{}",
        stderr(&out)
    );
    let out = charter()
        .current_dir(s.dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .args([
            "approve",
            "board.toml",
            "--partner",
            "hillcrest",
            "--key",
            "hillcrest",
        ])
        .output()
        .expect("runs");
    assert!(
        stderr(&out).contains("(today, by the system clock in UTC)"),
        "{}",
        stderr(&out)
    );
    let bad = s.run(&[
        "approve",
        "board.toml",
        "--partner",
        "lakeside",
        "--key",
        "lakeside",
        "--date",
        "10/02/2026",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--date must be a date written as YYYY-MM-DD"));
}

#[test]
fn a_changed_term_makes_every_approval_stale_until_approved_again() {
    let Some(s) = Setup::new() else { return };
    s.approve("lakeside");
    s.approve("hillcrest");
    s.edit(
        "board.toml",
        "length = \"12 months\"",
        "length = \"24 months\"",
    );
    let (code, out) = s.approvals(&[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("Lakeside (lakeside): stale: approved an earlier version only"),
        "{out}"
    );
    assert!(out.contains("Hillcrest (hillcrest): stale"), "{out}");
    assert!(
        out.contains("0 of 2 partners approved this version."),
        "{out}"
    );
    s.approve("lakeside");
    let (code, out) = s.approvals(&[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("Lakeside (lakeside): current"), "{out}");
    assert!(
        out.contains("1 of 2 partners approved this version."),
        "{out}"
    );
    s.approve("hillcrest");
    assert_eq!(s.approvals(&[]).0, Some(0));
}

#[test]
fn a_partner_without_an_approval_is_missing() {
    let Some(s) = Setup::new() else { return };
    s.approve("lakeside");
    let (code, out) = s.approvals(&[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("Hillcrest (hillcrest): missing: no approval"),
        "{out}"
    );
    assert!(
        out.contains("1 of 2 partners approved this version."),
        "{out}"
    );
}

#[test]
fn editing_any_bound_line_of_an_approval_breaks_its_signature() {
    let Some(s) = Setup::new() else { return };
    s.approve("lakeside");
    s.approve("hillcrest");
    let original = s.read("board.toml.approvals.toml");
    let fingerprint = sha256(&s.path("board.toml"));
    for (from, to) in [
        ("person = \"Ana Ruiz\"", "person = \"Ana Ruíz\""),
        ("role = \"Chief Executive Officer\"", "role = \"Chair\""),
        ("date = 2026-02-10", "date = 2026-02-09"),
        (
            "charter = \"lakeside-audit\"",
            "charter = \"lakeside-audit-2\"",
        ),
        (
            &format!("sha256 = \"{fingerprint}\"") as &str,
            &format!("sha256 = \"{}\"", "0".repeat(64)) as &str,
        ),
    ] {
        s.edit("board.toml.approvals.toml", from, to);
        let (code, out) = s.approvals(&[]);
        assert_eq!(code, Some(1), "{from} → {to}: {out}");
        assert!(
            out.contains("line 5: ") && out.contains("bad signature: the signature does not match the approval: a line of it was changed after signing"),
            "{from} → {to}: {out}"
        );
        assert!(out.contains("1 approval has a bad signature"), "{out}");
        fs::write(s.path("board.toml.approvals.toml"), &original).expect("restore");
    }
    // Moving an approval to another partner is signed by the wrong key for it.
    s.edit(
        "board.toml.approvals.toml",
        "partner = \"lakeside\"",
        "partner = \"hillcrest\"",
    );
    let (code, out) = s.approvals(&[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("signed by a key that is not the signatory's (SHA256:"),
        "{out}"
    );
}

#[test]
fn an_approval_signed_by_a_key_that_is_not_the_partners_is_bad() {
    let Some(s) = Setup::new() else { return };
    // Without keys in the charter, the keys come from allowed_signers files: one that gives Hillcrest the
    // stranger's key, and the true one.
    s.write_charter("board.toml", false);
    let wrong = format!(
        "lakeside {}\nhillcrest {}\n",
        s.public("lakeside"),
        s.public("stranger")
    );
    let right = format!(
        "lakeside {}\nhillcrest namespaces=\"git,charter\" {}\n",
        s.public("lakeside"),
        s.public("hillcrest")
    );
    fs::write(s.path("wrong_signers"), wrong).expect("write");
    fs::write(s.path("allowed_signers"), right).expect("write");
    // charter itself refuses to sign with a key that is not the partner's.
    let refused = s.run(&[
        "approve",
        "board.toml",
        "--partner",
        "hillcrest",
        "--key",
        "stranger",
        "--allowed-signers",
        "allowed_signers",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("it is not the key of Hillcrest's signatory"),
        "{}",
        stderr(&refused)
    );
    assert!(!s.path("board.toml.approvals.toml").exists());
    for (partner, key, signers) in [
        ("lakeside", "lakeside", "allowed_signers"),
        ("hillcrest", "stranger", "wrong_signers"),
    ] {
        let out = s.run(&[
            "approve",
            "board.toml",
            "--partner",
            partner,
            "--key",
            key,
            "--allowed-signers",
            signers,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let (code, out) = s.approvals(&["--allowed-signers", "allowed_signers"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("Lakeside (lakeside): current"), "{out}");
    assert!(
        out.contains("Hillcrest (hillcrest): bad signature: no approval with a good signature"),
        "{out}"
    );
    assert!(
        out.contains("signed by a key that is not the signatory's (SHA256:"),
        "{out}"
    );
    // Without any key for them, approvals cannot be checked at all.
    let (code, out) = s.approvals(&[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("unverified: no key is known for Lakeside's signatory"),
        "{out}"
    );
}

#[test]
fn an_approval_copied_from_another_charter_is_caught() {
    let Some(s) = Setup::new() else { return };
    // Another charter with the same partners and keys, approved by Lakeside.
    s.write_charter("other.toml", true);
    s.edit(
        "other.toml",
        "id = \"lakeside-audit\"",
        "id = \"lakeside-pilot\"",
    );
    let out = s.run(&[
        "approve",
        "other.toml",
        "--partner",
        "lakeside",
        "--key",
        "lakeside",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Its approval replayed as an approval of board.toml.
    fs::copy(
        s.path("other.toml.approvals.toml"),
        s.path("board.toml.approvals.toml"),
    )
    .expect("copy");
    let (code, out) = s.approvals(&[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("bad signature: it approves another charter, \"lakeside-pilot\""),
        "{out}"
    );
    // Claiming it is of this charter breaks the signature instead.
    s.edit(
        "board.toml.approvals.toml",
        "charter = \"lakeside-pilot\"",
        "charter = \"lakeside-audit\"",
    );
    let (code, out) = s.approvals(&[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("changed after signing"), "{out}");
}

/// The message charter signs for an approval, written out independently of charter's code, as
/// docs/format.md states it.
fn message(partner: &str, person: &str, role: &str, sha: &str) -> String {
    format!(
        "charter approval v1\ncharter: \"lakeside-audit\"\nsha256: \"{sha}\"\npartner: \"{partner}\"\nperson: \"{person}\"\nrole: \"{role}\"\ndate: 2026-02-10\n"
    )
}

#[test]
fn ssh_keygen_verifies_what_charter_signs() {
    let Some(s) = Setup::new() else { return };
    s.approve("lakeside");
    let file = s.read("board.toml.approvals.toml");
    let start = file
        .find("-----BEGIN SSH SIGNATURE-----")
        .expect("a signature");
    let end = file.find("-----END SSH SIGNATURE-----").expect("its end") + 27;
    fs::write(s.path("approval.sig"), format!("{}\n", &file[start..end])).expect("write");
    fs::write(
        s.path("allowed_signers"),
        format!("lakeside {}\n", s.public("lakeside")),
    )
    .expect("write");
    let sha = sha256(&s.path("board.toml"));
    let verify = |text: &str| {
        fs::write(s.path("message"), text).expect("write");
        Command::new("ssh-keygen")
            .current_dir(s.dir.path())
            .args([
                "-Y",
                "verify",
                "-f",
                "allowed_signers",
                "-I",
                "lakeside",
                "-n",
                "charter",
                "-s",
                "approval.sig",
            ])
            .stdin(fs::File::open(s.path("message")).expect("message"))
            .output()
            .expect("ssh-keygen runs")
    };
    let good = verify(&message(
        "lakeside",
        "Ana Ruiz",
        "Chief Executive Officer",
        &sha,
    ));
    assert!(
        good.status.success(),
        "{}{}",
        String::from_utf8_lossy(&good.stdout),
        stderr(&good)
    );
    assert!(
        String::from_utf8_lossy(&good.stdout).contains("Good \"charter\" signature for lakeside")
    );
    // And it binds the message: another date does not verify.
    let other = message("lakeside", "Ana Ruiz", "Chief Executive Officer", &sha)
        .replace("2026-02-10", "2026-02-11");
    assert!(!verify(&other).status.success());
}

#[test]
fn charter_accepts_what_ssh_keygen_signs() {
    let Some(s) = Setup::new() else { return };
    s.approve("lakeside");
    let sha = sha256(&s.path("board.toml"));
    fs::write(
        s.path("message"),
        message("hillcrest", "Ben Okoye", "Administrator", &sha),
    )
    .expect("write");
    let sign = |namespace: &str| {
        let _ = fs::remove_file(s.path("message.sig"));
        let signed = Command::new("ssh-keygen")
            .current_dir(s.dir.path())
            .args([
                "-q",
                "-Y",
                "sign",
                "-n",
                namespace,
                "-f",
                "hillcrest",
                "message",
            ])
            .stdin(Stdio::null())
            .output()
            .expect("ssh-keygen runs");
        assert!(signed.status.success(), "{}", stderr(&signed));
        s.read("message.sig")
    };
    let entry = |signature: &str| {
        format!(
            "\n[[approval]]\npartner = \"hillcrest\"\nperson = \"Ben Okoye\"\nrole = \"Administrator\"\ndate = 2026-02-10\ncharter = \"lakeside-audit\"\nsha256 = \"{sha}\"\nsignature = \"\"\"\n{signature}\"\"\"\n"
        )
    };
    let approved = s.read("board.toml.approvals.toml");
    // A signature that ssh-keygen made for git is not an approval, though its key and message are right.
    fs::write(
        s.path("board.toml.approvals.toml"),
        approved.clone() + &entry(&sign("git")),
    )
    .expect("write");
    let (code, out) = s.approvals(&[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("bad signature: the signature was made for another use (namespace \"git\", not \"charter\")"),
        "{out}"
    );
    fs::write(
        s.path("board.toml.approvals.toml"),
        approved + &entry(&sign("charter")),
    )
    .expect("write");
    let (code, out) = s.approvals(&[]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("Hillcrest (hillcrest): current"), "{out}");
}

#[test]
fn a_key_protected_by_a_passphrase_needs_the_passphrase() {
    let Some(s) = Setup::new() else { return };
    s.keygen("locked", "correct horse");
    s.edit(
        "board.toml",
        &format!("ssh_key = \"{}\"", s.public("lakeside")),
        &format!("ssh_key = \"{}\"", s.public("locked")),
    );
    let out = s.run(&[
        "approve",
        "board.toml",
        "--partner",
        "lakeside",
        "--key",
        "locked",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("locked: it is protected by a passphrase; pass --passphrase-file FILE"),
        "{}",
        stderr(&out)
    );
    fs::write(s.path("wrong.pass"), "battery staple\n").expect("write");
    let out = s.run(&[
        "approve",
        "board.toml",
        "--partner",
        "lakeside",
        "--key",
        "locked",
        "--passphrase-file",
        "wrong.pass",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("does not open it"),
        "{}",
        stderr(&out)
    );
    fs::write(s.path("right.pass"), "correct horse\n").expect("write");
    let out = s.run(&[
        "approve",
        "board.toml",
        "--partner",
        "lakeside",
        "--key",
        "locked",
        "--passphrase-file",
        "right.pass",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(s.approvals(&[]).1.contains("Lakeside (lakeside): current"));
}

#[test]
fn each_error_exits_2_with_a_clear_message() {
    let Some(s) = Setup::new() else { return };
    fs::write(s.path("garbage"), "not a key\n").expect("write");
    for (args, expected) in [
        (
            vec!["--partner", "lakeside", "--key", "nowhere"],
            "error: cannot sign with nowhere: it cannot be read",
        ),
        (
            vec!["--partner", "lakeside"],
            "/.ssh/id_ed25519: it cannot be read",
        ),
        (
            vec!["--partner", "lakeside", "--key", "garbage"],
            "error: cannot sign with garbage: it is not an OpenSSH private key",
        ),
        (
            vec!["--partner", "lakeside", "--key", "lakeside.pub"],
            "it is a public key; give the private key file",
        ),
        (
            vec!["--partner", "lakesid", "--key", "lakeside"],
            "error: --partner lakesid: board.toml has no partner with this id (did you mean lakeside?); its partners are lakeside, hillcrest",
        ),
    ] {
        let mut all = vec!["approve", "board.toml"];
        all.extend(args);
        let out = s.run(&all);
        assert_eq!(out.status.code(), Some(2), "{all:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{all:?}: {}", stderr(&out));
    }
    assert!(!s.path("board.toml.approvals.toml").exists());
}

#[test]
fn an_approvals_file_that_does_not_parse_is_a_located_error_and_is_never_rewritten() {
    let Some(s) = Setup::new() else { return };
    s.approve("lakeside");
    let good = s.read("board.toml.approvals.toml");
    let broken = good.replacen("date = 2026-02-10", "date = \"yesterday\"", 1);
    fs::write(s.path("board.toml.approvals.toml"), &broken).expect("write");
    let line = broken[..broken.find("\"yesterday\"").expect("edit")]
        .matches('\n')
        .count()
        + 1;
    let location =
        format!("error: board.toml.approvals.toml:{line}:8: the approvals file does not parse");
    for args in [
        vec!["approvals", "board.toml"],
        vec![
            "approve",
            "board.toml",
            "--partner",
            "hillcrest",
            "--key",
            "hillcrest",
        ],
        vec!["render", "board.toml"],
        vec!["verify", "board.md", "board.toml"],
    ] {
        if args[0] == "verify" {
            fs::write(s.path("board.md"), "# x\n").expect("write");
        }
        let out = s.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&location),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(s.read("board.toml.approvals.toml"), broken);
    // An approval of a partner the charter does not have.
    let unknown = good.replacen("partner = \"lakeside\"", "partner = \"lakesid\"", 1);
    fs::write(s.path("board.toml.approvals.toml"), &unknown).expect("write");
    let (code, out) = s.approvals(&[]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("board.toml.approvals.toml:6:11: the approval names the partner \"lakesid\" (did you mean \"lakeside\"?), which the charter does not have"),
        "{out}"
    );
}

#[test]
fn render_adds_the_approval_record_and_verify_checks_it() {
    let Some(s) = Setup::new() else { return };
    let plain = s.run(&["render", "board.toml"]);
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("Approval record"));
    s.approve("lakeside");
    let md = s.run(&["render", "board.toml", "-o", "board.md"]);
    assert_eq!(md.status.code(), Some(0), "{}", stderr(&md));
    assert!(
        stderr(&md).contains(
            "approval record from board.toml.approvals.toml: 1 of 2 partners approved this version"
        ),
        "{}",
        stderr(&md)
    );
    let text = s.read("board.md");
    let record = &text[text.find("Approval record").expect("a record")..];
    assert!(
        record.contains(
            "| Lakeside | Ana Ruiz, Chief Executive Officer | 2026-02-10 | This version | Valid |"
        ),
        "{record}"
    );
    assert!(
        record.contains("| Hillcrest | — | — | Not approved | — |"),
        "{record}"
    );
    assert!(record.contains(&sha256(&s.path("board.toml"))));
    for format in ["html", "docx"] {
        let out_name = format!("board.{format}");
        let out = s.run(&["render", "board.toml", "-f", format, "-o", &out_name]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let verified = s.run(&["verify", &out_name, "board.toml"]);
        assert_eq!(verified.status.code(), Some(0), "{}", stderr(&verified));
        assert!(
            stderr(&verified).contains("approval record from board.toml.approvals.toml: 1 of 2")
        );
    }
    let html = s.read("board.html");
    assert!(html.contains("Approval record") && html.contains("Not approved"));
    let docx = fs::read(s.path("board.docx")).expect("docx");
    let body = charter::render::docx::package::part(&docx, "word/document.xml").expect("document");
    let body = String::from_utf8_lossy(&body);
    assert!(body.contains("Approval record") && body.contains("Ana Ruiz, Chief Executive Officer"));
    // A later approval changes the record, so the earlier document no longer verifies.
    let verified = s.run(&["verify", "board.md", "board.toml"]);
    assert_eq!(verified.status.code(), Some(0), "{}", stderr(&verified));
    s.approve("hillcrest");
    let verified = s.run(&["verify", "board.md", "board.toml"]);
    assert_eq!(verified.status.code(), Some(1), "{}", stderr(&verified));
}

#[test]
fn every_command_finds_the_approvals_given_with_approvals_path() {
    let Some(s) = Setup::new() else { return };
    fs::create_dir(s.path("signed")).expect("dir");
    for partner in ["lakeside", "hillcrest"] {
        let out = s.run(&[
            "approve",
            "board.toml",
            "--partner",
            partner,
            "--key",
            partner,
            "--approvals",
            "signed/a.toml",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    assert!(!s.path("board.toml.approvals.toml").exists());
    assert_eq!(s.approvals(&["--approvals", "signed/a.toml"]).0, Some(0));
    assert_eq!(s.approvals(&[]).0, Some(1));
    let out = s.run(&["render", "board.toml", "--approvals", "signed/a.toml"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Approval record"));
    let missing = s.run(&["approvals", "board.toml", "--approvals", "signed/none.toml"]);
    assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));
    assert!(stderr(&missing).contains("cannot read signed/none.toml"));
}
