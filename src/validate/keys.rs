//! A signatory's `ssh_key`: one line of an ed25519 SSH public key, the key that `charter approvals` checks
//! the signatory's approvals with. The parser is public, so that the approvals read a key exactly as the
//! check does.

use ssh_key::{Algorithm, PublicKey};

use super::{Annotate, Ctx};
use crate::model::{Charter, Person};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    for (i, p) in c.partners.iter().enumerate() {
        let people = p.signatory.iter().map(|s| (s, None)).chain(
            p.representatives
                .iter()
                .enumerate()
                .map(|(j, r)| (r, Some(j))),
        );
        for (person, representative) in people {
            let Some(Err(problem)) = key_of(person) else {
                continue;
            };
            let path = match representative {
                None => path!["partners", i, "signatory", "ssh_key"].to_vec(),
                Some(j) => path!["partners", i, "representatives", j, "ssh_key"].to_vec(),
            };
            ctx.at(
                &rules::INVALID_SSH_KEY,
                &path,
                format!("the `ssh_key` of {} {problem}", person.name),
            )
            .with(
                "not an ed25519 public key",
                "copy the whole line of the public key file (`~/.ssh/id_ed25519.pub`), e.g. ssh_key = \"ssh-ed25519 AAAAC3Nza... jane@vitalis.example\"",
            );
        }
    }
}

/// The person's public key, when one is given: parsed, or what is wrong with it.
#[must_use]
pub fn key_of(person: &Person) -> Option<Result<PublicKey, String>> {
    person.ssh_key.as_deref().map(parse_public_key)
}

/// Parses one line of an OpenSSH public key (`ssh-ed25519 AAAA... comment`), of a kind this build checks
/// signatures with. The error completes "the key ...".
///
/// # Errors
/// When the text is not such a key, saying why.
pub fn parse_public_key(text: &str) -> Result<PublicKey, String> {
    let text = text.trim();
    if text.starts_with("-----BEGIN") {
        return Err(
            "is a private key: never put a private key in a charter; copy the `.pub` file instead"
                .to_owned(),
        );
    }
    let key = PublicKey::from_openssh(text).map_err(|e| {
        format!("is not an SSH public key ({e}); it should read `ssh-ed25519 AAAA...`")
    })?;
    match key.algorithm() {
        Algorithm::Ed25519 | Algorithm::SkEd25519 => Ok(key),
        other => Err(format!(
            "is an {} key; charter checks ed25519 keys only (make one with `ssh-keygen -t ed25519`)",
            other.as_str()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILM+rvN+ot98qgEN796jTiQfZfG1KaT0PtFDJ/XFSqti user@example.com";

    #[test]
    fn an_ed25519_line_is_a_key_and_other_text_is_not() {
        assert!(parse_public_key(KEY).is_ok());
        assert!(parse_public_key(&format!("  {KEY}\n")).is_ok());
        let truncated = &KEY[..40];
        assert!(
            parse_public_key(truncated)
                .unwrap_err()
                .starts_with("is not an SSH public key")
        );
        assert!(
            parse_public_key("-----BEGIN OPENSSH PRIVATE KEY-----")
                .unwrap_err()
                .contains("private key")
        );
    }
}
