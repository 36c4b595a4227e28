//! The synthetic charters the benchmarks measure must stay valid, complete and reproducible, or the
//! benchmarks would measure an error path.

#[path = "../examples/synth/generator.rs"]
mod generator;

use charter::load;
use charter::source::Source;
use generator::Spec;

fn source(spec: &Spec) -> Source {
    Source::new("synthetic.toml", generator::charter(spec).into_bytes())
}

#[test]
fn synthetic_charters_are_valid_at_every_size_and_in_both_versions() {
    for partners in [4, 5, 9, 20, 101] {
        for version in [1, 2] {
            let spec = Spec {
                version,
                ..Spec::new(partners, 3 * partners)
            };
            let (valid, diagnostics) = charter::pipeline::check(&source(&spec));
            assert!(
                valid.is_some(),
                "{partners} partners, version {version}: {diagnostics:#?}"
            );
            assert!(
                diagnostics.is_empty(),
                "no warning either, beyond the accepted one: {diagnostics:#?}"
            );
        }
    }
}

#[test]
fn every_section_is_populated() {
    let (charter, _) = load::parse(&source(&Spec::new(20, 200))).expect("loads");
    assert_eq!(charter.partners.len(), 20);
    assert_eq!(charter.obligations.len(), 200);
    assert!(charter.bodies.len() >= 4);
    assert!(!charter.decisions.is_empty());
    assert!(charter.amendment.is_some());
    assert!(!charter.data_flows.is_empty());
    let ip = charter.ip.as_ref().expect("ip");
    assert!(!ip.foreground.is_empty() && !ip.licences.is_empty());
    assert!(charter.publication.is_some());
    assert!(
        !charter
            .conflicts
            .as_ref()
            .expect("conflicts")
            .declared
            .is_empty()
    );
    assert!(!charter.phases.is_empty());
    assert!(charter.disputes.is_some() && charter.review.is_some());
    assert!(!charter.exceptions.is_empty());
}

#[test]
fn the_same_size_and_seed_give_the_same_bytes() {
    let spec = Spec::new(30, 300);
    assert_eq!(generator::charter(&spec), generator::charter(&spec));
    let other = Spec { seed: 2, ..spec };
    assert_ne!(generator::charter(&spec), generator::charter(&other));
}

#[test]
fn the_amended_version_changes_a_few_terms() {
    let spec = Spec::new(200, 2000);
    let old = source(&spec);
    let new = source(&Spec { version: 2, ..spec });
    let (old_valid, _) = charter::pipeline::check(&old);
    let (new_valid, _) = charter::pipeline::check(&new);
    let (old_valid, new_valid) = (old_valid.expect("valid"), new_valid.expect("valid"));
    let changes = charter::diff::terms::compare(
        &old_valid,
        &new_valid,
        &Default::default(),
        &Default::default(),
    );
    assert!(
        (20..100).contains(&changes.len()),
        "a handful of changes per hundred obligations: {}",
        changes.len()
    );
}
