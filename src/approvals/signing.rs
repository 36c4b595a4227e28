//! The SSH signature of an approval: made with the approver's private key file, as `ssh-keygen -Y sign -n
//! charter` makes it, and checked against the keys allowed for the partner, as `ssh-keygen -Y verify`
//! checks it.

use std::path::Path;

use ssh_key::{Algorithm, HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

use super::NAMESPACE;
use crate::error::Error;

/// Reads the private key at `path`, decrypting it with `passphrase` when it is protected by one.
///
/// # Errors
/// When the file cannot be read, is not an OpenSSH private key, is protected by a passphrase that is not
/// given or does not open it, or is not an ed25519 key.
pub fn load_key(path: &Path, passphrase: Option<&str>) -> Result<PrivateKey, Error> {
    let fail = |reason: String| Error::Key {
        path: path.to_path_buf(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        fail(format!(
            "it cannot be read ({e}); give the private key file with --key PATH, such as --key ~/.ssh/id_ed25519"
        ))
    })?;
    let trimmed = text.trim_start();
    if trimmed.starts_with("ssh-") || trimmed.starts_with("sk-") {
        return Err(fail(
            "it is a public key; give the private key file, the one without `.pub`".to_owned(),
        ));
    }
    if !trimmed.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----") {
        return Err(fail(
            "it is not an OpenSSH private key (it should begin `-----BEGIN OPENSSH PRIVATE KEY-----`); make one with `ssh-keygen -t ed25519`".to_owned(),
        ));
    }
    let key = PrivateKey::from_openssh(trimmed)
        .map_err(|e| fail(format!("it is not a readable OpenSSH private key ({e})")))?;
    let key = if key.is_encrypted() {
        let Some(passphrase) = passphrase else {
            return Err(fail(
                "it is protected by a passphrase; pass --passphrase-file FILE, a file whose first line is the passphrase".to_owned(),
            ));
        };
        key.decrypt(passphrase).map_err(|_| {
            fail("the passphrase given with --passphrase-file does not open it".to_owned())
        })?
    } else {
        key
    };
    if key.algorithm() != Algorithm::Ed25519 {
        return Err(fail(format!(
            "it is an {} key; charter signs with ed25519 keys only (make one with `ssh-keygen -t ed25519`)",
            key.algorithm().as_str()
        )));
    }
    Ok(key)
}

/// Signs `message` with `key` in the `charter` namespace, as PEM armour (`-----BEGIN SSH SIGNATURE-----`).
///
/// # Errors
/// Only when the key cannot sign, which [`load_key`] has ruled out.
pub fn sign(key: &PrivateKey, path: &Path, message: &str) -> Result<String, Error> {
    let fail = |e: ssh_key::Error| Error::Key {
        path: path.to_path_buf(),
        reason: format!("signing failed ({e})"),
    };
    let signature = key
        .sign(NAMESPACE, HashAlg::Sha512, message.as_bytes())
        .map_err(fail)?;
    signature.to_pem(LineEnding::LF).map_err(fail)
}

/// What checking a signature found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Made by one of the allowed keys over this very message.
    Good,
    /// Not something that can be checked, and why.
    Bad(String),
}

/// Checks the PEM-armoured `signature` of `message` against the keys `allowed` for the partner.
#[must_use]
pub fn check(allowed: &[PublicKey], message: &str, signature: &str) -> Verdict {
    let signature = match SshSig::from_pem(signature.trim()) {
        Ok(s) => s,
        Err(e) => {
            return Verdict::Bad(format!("the signature is not an SSH signature ({e})"));
        }
    };
    if signature.namespace() != NAMESPACE {
        return Verdict::Bad(format!(
            "the signature was made for another use (namespace \"{}\", not \"{NAMESPACE}\")",
            signature.namespace()
        ));
    }
    let Some(key) = allowed
        .iter()
        .find(|k| k.key_data() == signature.public_key())
    else {
        return Verdict::Bad(format!(
            "signed by a key that is not the signatory's ({})",
            signature.public_key().fingerprint(HashAlg::Sha256)
        ));
    };
    match key.verify(NAMESPACE, message.as_bytes(), &signature) {
        Ok(()) => Verdict::Good,
        Err(_) => Verdict::Bad(
            "the signature does not match the approval: a line of it was changed after signing"
                .to_owned(),
        ),
    }
}

/// The fingerprint of a key as `ssh-keygen -l` prints it (`SHA256:...`).
#[must_use]
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unencrypted ed25519 example key of the `ssh-key` documentation (a published test key).
    const PRIVATE: &str = "-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACCzPq7zfqLffKoBDe/eo04kH2XxtSmk9D7RQyf1xUqrYgAAAJgAIAxdACAM
XQAAAAtzc2gtZWQyNTUxOQAAACCzPq7zfqLffKoBDe/eo04kH2XxtSmk9D7RQyf1xUqrYg
AAAEC2BsIi0QwW2uFscKTUUXNHLsYX4FxlaSDSblbAj7WR7bM+rvN+ot98qgEN796jTiQf
ZfG1KaT0PtFDJ/XFSqtiAAAAEHVzZXJAZXhhbXBsZS5jb20BAgMEBQ==
-----END OPENSSH PRIVATE KEY-----
";

    #[test]
    fn a_signature_holds_for_its_message_and_key_only() {
        let key = PrivateKey::from_openssh(PRIVATE).expect("the example key");
        let public = key.public_key().clone();
        let pem = sign(&key, Path::new("k"), "approve this").expect("signs");
        assert!(pem.starts_with("-----BEGIN SSH SIGNATURE-----"));
        assert_eq!(
            check(std::slice::from_ref(&public), "approve this", &pem),
            Verdict::Good
        );
        assert!(matches!(
            check(std::slice::from_ref(&public), "approve that", &pem),
            Verdict::Bad(why) if why.contains("changed after signing")
        ));
        assert!(matches!(
            check(&[], "approve this", &pem),
            Verdict::Bad(why) if why.contains("not the signatory's")
        ));
        assert!(matches!(
            check(&[public], "approve this", "not a signature"),
            Verdict::Bad(why) if why.contains("not an SSH signature")
        ));
    }
}
