//! A document and a source split at the first NUL byte, as `charter verify DOC SOURCE` reads them: reading
//! the fingerprint a document claims and finding the first difference never panic on any document; and
//! when the source is valid, what it renders to (in the format the first byte picks) verifies against
//! itself and states the source's fingerprint.
#![no_main]

use charter::pipeline::check;
use charter::verify::{claimed_fingerprint, first_difference};
use charter::source::Source;
use charter::render;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, data)) = data.split_first() else { return };
    let split = data.iter().position(|b| *b == 0).unwrap_or(data.len());
    let (doc, src) = (&data[..split], data.get(split + 1..).unwrap_or(&[]));
    let document = Source::new("doc.md", doc.to_vec());
    let source = Source::new("src.toml", src.to_vec());
    let _ = claimed_fingerprint(&document.text);
    let Some(valid) = check(&source).0 else {
        let _ = first_difference(&document.text, &source.text);
        return;
    };
    let expected = if selector % 2 == 0 {
        render::markdown(&valid, &source)
    } else {
        render::html(&valid, &source)
    }
    .expect("a valid charter renders");
    let _ = first_difference(&document.text, &expected);
    assert_eq!(first_difference(&expected, &expected), None);
    let fingerprint = render::fingerprint(&source.bytes);
    assert_eq!(claimed_fingerprint(&expected), Some(fingerprint.as_str()));
});
