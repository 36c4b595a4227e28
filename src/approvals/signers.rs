//! An `allowed_signers` file, as git and `ssh-keygen -Y verify` read it: one line per key,
//! `principals [options] key-type base64-key [comment]`. A principal names a partner by its id or by its
//! signatory's e-mail address, exactly (no patterns). Of the options, `namespaces="..."` limits a key to
//! the namespaces listed; a line with `cert-authority`, `valid-after` or `valid-before`, which charter does
//! not check, is not used, and neither is a key of a kind charter cannot check: leaving a key out never
//! trusts a signature that should not be trusted.

use ssh_key::{Algorithm, PublicKey};

use super::NAMESPACE;
use crate::error::Error;

/// One usable line.
#[derive(Debug, Clone)]
struct Signer {
    principals: Vec<String>,
    key: PublicKey,
}

/// The usable keys of an `allowed_signers` file.
#[derive(Debug, Clone, Default)]
pub struct AllowedSigners {
    signers: Vec<Signer>,
}

impl AllowedSigners {
    /// Reads the file `name`.
    ///
    /// # Errors
    /// When a line that is not a comment has no key that can be read, at its line.
    pub fn parse(name: &str, text: &str) -> Result<Self, Error> {
        let mut signers = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fail = |why: &str| Error::Approvals {
                location: format!("{name}:{}:1", n + 1),
                message: format!(
                    "{why}; an allowed signer is `PRINCIPALS [OPTIONS] KEY`, such as `vitalis ssh-ed25519 AAAAC3Nza... jane@vitalis.example`"
                ),
            };
            let words = split(line);
            let Some((principals, rest)) = words.split_first() else {
                continue;
            };
            // The options come before the key when the second word is not a key type.
            let (options, key) = match rest.split_first() {
                Some((first, after)) if !is_key_type(first) => (Some(first.as_str()), after),
                _ => (None, rest),
            };
            let key_text = key.join(" ");
            let key = PublicKey::from_openssh(&key_text)
                .map_err(|e| fail(&format!("the line has no readable public key ({e})")))?;
            if !matches!(key.algorithm(), Algorithm::Ed25519 | Algorithm::SkEd25519) {
                continue;
            }
            if let Some(options) = options
                && !usable(options)
            {
                continue;
            }
            signers.push(Signer {
                principals: principals.split(',').map(str::to_owned).collect(),
                key,
            });
        }
        Ok(AllowedSigners { signers })
    }

    /// The keys allowed for any of `principals` (a partner's id, its signatory's e-mail address).
    #[must_use]
    pub fn keys_for(&self, principals: &[&str]) -> Vec<PublicKey> {
        self.signers
            .iter()
            .filter(|s| {
                s.principals
                    .iter()
                    .any(|p| principals.contains(&p.as_str()))
            })
            .map(|s| s.key.clone())
            .collect()
    }
}

/// Whether a word is an SSH key type, which starts the key of a line.
fn is_key_type(word: &str) -> bool {
    word.starts_with("ssh-") || word.starts_with("ecdsa-") || word.starts_with("sk-")
}

/// Whether a line with these options may be used for a `charter` signature.
fn usable(options: &str) -> bool {
    split_options(options).iter().all(|option| {
        let (name, value) = option.split_once('=').unwrap_or((option, ""));
        match name.to_ascii_lowercase().as_str() {
            "namespaces" => value
                .trim_matches('"')
                .split(',')
                .any(|n| n.trim() == NAMESPACE),
            // Certificates and validity periods are not checked here, so such a key is not trusted.
            _ => false,
        }
    })
}

/// The words of a line, a double-quoted stretch kept within its word.
fn split(line: &str) -> Vec<String> {
    let mut words = split_unquoted(line, char::is_whitespace);
    words.retain(|w| !w.is_empty());
    words
}

/// The comma-separated options of a line, a comma inside double quotes kept within its option.
fn split_options(options: &str) -> Vec<String> {
    split_unquoted(options, |c| c == ',')
}

/// The pieces of `text` between separators outside double quotes (empty ones too), the quotes kept.
fn split_unquoted(text: &str, separator: impl Fn(char) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if separator(c) && !quoted => out.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    out.push(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILM+rvN+ot98qgEN796jTiQfZfG1KaT0PtFDJ/XFSqti user@example.com";

    #[test]
    fn a_key_is_allowed_for_its_principals_and_namespaces() {
        let text = format!(
            "# partners' keys\n\nvitalis,jane@vitalis.example {KEY}\nnorthstar namespaces=\"git,charter\" {KEY}\npine namespaces=\"git\" {KEY}\nriver valid-after=\"20260101\" {KEY}\n"
        );
        let signers = AllowedSigners::parse("allowed_signers", &text).expect("parses");
        assert_eq!(signers.keys_for(&["vitalis"]).len(), 1);
        assert_eq!(signers.keys_for(&["x", "jane@vitalis.example"]).len(), 1);
        assert_eq!(signers.keys_for(&["northstar"]).len(), 1);
        assert!(signers.keys_for(&["pine"]).is_empty());
        assert!(signers.keys_for(&["river"]).is_empty());
    }

    #[test]
    fn a_line_without_a_key_is_a_located_error() {
        let err = AllowedSigners::parse("signers", "\nvitalis ssh-ed25519 AAAA-not-base64\n")
            .expect_err("no key");
        assert!(err.to_string().starts_with("signers:2:1: "), "{err}");
    }
}
