//! The legal basis of a data flow (`basis`): said in the flow's clause, taken into account by E0405 and
//! its hint, checked by E0550 and W0551, and a change of it reported by `charter diff`.

mod common;

use common::markdown as rendered;

use common::run_stdin as run;

const EXAMPLE: &str = "charters/sepsis-advisory-board.toml";
const LDS: &str = "identifiability = \"limited_data_set\"\nagreement = \"data_use_agreement\"\nbasis = \"agreement\"\n";

fn example_with(edits: &[(&str, &str)]) -> String {
    common::edited(EXAMPLE, edits)
}

fn checked(text: &str) -> (Option<i32>, String) {
    let (code, _, stderr) = run(&["check", "-"], text);
    (code, stderr)
}

#[test]
fn the_clause_says_the_basis_in_plain_words_and_nothing_without_one() {
    let md = rendered(&example_with(&[]));
    assert!(
        md.contains("- Legal basis: the data is disclosed under the agreement named above\n"),
        "{md}"
    );
    let authorized = rendered(&example_with(&[(
        LDS,
        "identifiability = \"limited_data_set\"\nagreement = \"data_use_agreement\"\nbasis = \"patient_authorization\"\n",
    )]));
    assert!(
        authorized.contains("- Legal basis: the data is disclosed with each patient's written authorization (45 CFR 164.508)"),
        "{authorized}"
    );
    let plain = rendered(&example_with(&[
        ("basis = \"agreement\"\n", ""),
        ("basis = \"not_needed\"\n", ""),
    ]));
    assert!(!plain.contains("Legal basis"), "{plain}");
}

#[test]
fn a_fitting_basis_lets_identified_data_flow_under_the_charter_alone() {
    for basis in ["patient_authorization", "irb_waiver", "public_health"] {
        let text = example_with(&[(
            LDS,
            &format!(
                "identifiability = \"identified\"\nagreement = \"charter_only\"\nbasis = \"{basis}\"\n"
            ),
        )]);
        let (_, stderr) = checked(&text);
        assert!(!stderr.contains("E0405"), "{basis}: {stderr}");
        assert!(!stderr.contains("E0550"), "{basis}: {stderr}");
        assert!(!stderr.contains("W0551"), "{basis}: {stderr}");
    }
}

#[test]
fn the_hint_names_the_bases_that_fit_the_tier_and_following_it_silences_the_finding() {
    let identified = example_with(&[(
        LDS,
        "identifiability = \"identified\"\nagreement = \"charter_only\"\n",
    )]);
    let (code, stderr) = checked(&identified);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0405"), "{stderr}");
    assert!(
        stderr.contains("write `basis = \"patient_authorization\"` or `\"irb_waiver\"`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`agreement = \"business_associate_agreement\"`"),
        "{stderr}"
    );
    assert!(!stderr.contains("data_use_agreement"), "{stderr}");
    let followed = example_with(&[(
        LDS,
        "identifiability = \"identified\"\nagreement = \"charter_only\"\nbasis = \"irb_waiver\"\n",
    )]);
    assert!(!checked(&followed).1.contains("E0405"));

    let limited = example_with(&[(
        LDS,
        "identifiability = \"limited_data_set\"\nagreement = \"charter_only\"\n",
    )]);
    let (_, stderr) = checked(&limited);
    assert!(stderr.contains("E0405"), "{stderr}");
    assert!(
        stderr.contains("write `agreement = \"data_use_agreement\"` (a limited data set)"),
        "{stderr}"
    );
    let followed = example_with(&[(
        LDS,
        "identifiability = \"limited_data_set\"\nagreement = \"data_use_agreement\"\n",
    )]);
    assert!(!checked(&followed).1.contains("E0405"));
}

#[test]
fn no_basis_needed_is_wrong_for_a_limited_data_set_and_right_for_aggregates() {
    let text = example_with(&[(
        LDS,
        "identifiability = \"limited_data_set\"\nagreement = \"data_use_agreement\"\nbasis = \"not_needed\"\n",
    )]);
    let (code, stderr) = checked(&text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0550"), "{stderr}");
    assert!(stderr.contains("write `basis = \"agreement\"`"), "{stderr}");
    // The example's aggregate flow says no basis is needed, and passes.
    let (code, stderr) = checked(&example_with(&[]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("W0551"), "{stderr}");
}

#[test]
fn a_change_of_basis_is_a_change_of_terms() {
    let old = example_with(&[]);
    let new = example_with(&[(
        LDS,
        "identifiability = \"limited_data_set\"\nagreement = \"data_use_agreement\"\nbasis = \"irb_waiver\"\n",
    )]);
    let report = common::term_changes(&old, &new);
    assert!(report.contains("legal basis"), "{report}");
    assert!(report.contains("irb_waiver"), "{report}");
}

#[test]
fn coverage_counts_the_flows_that_state_their_basis() {
    let (code, out, stderr) = run(&["check", "--coverage", "-"], &example_with(&[]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        format!("{out}{stderr}").contains("2 stating their legal basis"),
        "{out}{stderr}"
    );
}
