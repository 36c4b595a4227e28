//! Any bytes: load, validate and, when valid, render both formats. Nothing may panic or hang.
#![no_main]

use charter::pipeline::check;
use charter::source::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = Source::new("fuzz.toml", data.to_vec());
    let (valid, _diagnostics) = check(&source);
    if let Some(valid) = valid {
        let md = charter::render::markdown(&valid, &source).expect("a valid charter renders");
        let html = charter::render::html(&valid, &source).expect("a valid charter renders");
        assert!(!html.contains("<script"));
        assert_eq!(md, charter::render::markdown(&valid, &source).expect("renders again"));
    }
});
