//! Ending the charter early: each ground the charter lists is one sentence in the termination clause,
//! in its order; grounds are never invented where the charter states none; a charter that states
//! nothing on termination or withdrawal has no such clause, and coverage says so.

mod common;

use common::markdown;

use common::run_stdin as run;

const VENDOR: &str = "charters/hospital-it-vendor.toml";
const ACADEMIC: &str = "charters/academic-industry-research.toml";
const LISTED: &str =
    "termination = [\"by_agreement\", \"for_breach\", \"for_convenience\", \"for_insolvency\"]\n";
const CONVENIENCE: &str =
    "Any partner may end this charter, for any reason, on 6 months' notice in writing.";
const INSOLVENCY: &str = "If a partner becomes insolvent, the other partners may end its participation by written notice.";

/// The text of the termination clause: the paragraph after its heading.
fn termination_clause(doc: &str) -> String {
    let start = doc
        .find("<a id=\"term-termination\">")
        .expect("a termination clause");
    doc[start..].lines().next().unwrap_or_default().to_owned()
}

#[test]
fn each_listed_ground_is_one_sentence_in_the_listed_order() {
    let doc = markdown(&common::edited(VENDOR, &[]));
    let clause = termination_clause(&doc);
    let agreement = clause.find("by agreement on 6 months").expect(&clause);
    let breach = clause
        .find("does not cure the breach within 30 days")
        .expect(&clause);
    let convenience = clause.find(CONVENIENCE).expect(&clause);
    let insolvency = clause.find(INSOLVENCY).expect(&clause);
    assert!(
        agreement < breach && breach < convenience && convenience < insolvency,
        "{clause}"
    );

    let reordered = common::edited(
        VENDOR,
        &[(
            LISTED,
            "termination = [\"for_insolvency\", \"by_agreement\"]\ncure_period = \"30 days\"\n",
        )],
    );
    // Without "for_breach", the cure period is a term no clause states: E0490.
    let (code, _, stderr) = run(
        &["check", "-"],
        &reordered.replacen("cure_period = \"30 days\"\n", "", 1),
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0490"), "{stderr}");
}

#[test]
fn without_a_list_the_keys_imply_the_grounds_as_before() {
    // The academic example lists no grounds: its notice and cure period imply agreement and breach, in
    // the words every earlier release wrote.
    let doc = markdown(&common::edited(ACADEMIC, &[]));
    let clause = termination_clause(&doc);
    assert!(
        clause.contains("may end this charter by agreement on"),
        "{clause}"
    );
    assert!(
        clause.contains("does not cure the breach within"),
        "{clause}"
    );
    assert!(!clause.contains("for any reason"), "{clause}");
    assert!(!clause.contains("insolvent"), "{clause}");
}

#[test]
fn an_empty_list_says_that_no_ground_was_agreed() {
    let text = common::edited(
        VENDOR,
        &[
            (LISTED, "termination = []\n"),
            ("cure_period = \"30 days\"\n", ""),
        ],
    );
    let doc = markdown(&text);
    assert!(
        termination_clause(&doc).contains(
            "The partners have agreed no ground for ending the charter before its term ends."
        ),
        "{doc}"
    );
    assert!(!doc.contains("for any reason"), "{doc}");
}

#[test]
fn no_termination_or_withdrawal_terms_means_no_such_clauses() {
    let term = "termination_notice = \"6 months\"\ncure_period = \"30 days\"\nwithdrawal_notice = \"6 months\"\n";
    let text = common::edited(VENDOR, &[(LISTED, ""), (term, "")]);
    let text = drop_key(&text, "on_withdrawal");
    // The automatic renewal still needs a notice to stop it, and says so without inventing one.
    let doc = markdown(&text);
    assert!(!doc.contains("id=\"term-termination\""), "{doc}");
    assert!(!doc.contains("id=\"term-withdrawal\""), "{doc}");
    assert!(
        doc.contains("unless a partner gives notice before the end of the current period"),
        "{doc}"
    );
    let (code, out, stderr) = run(&["check", "--coverage", "-"], &text);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        out.contains("nothing says whether it may be ended early or how a partner withdraws"),
        "{out}"
    );
}

#[test]
fn a_change_of_grounds_is_a_term_change() {
    let old = common::edited(VENDOR, &[]);
    let new = common::edited(
        VENDOR,
        &[(
            LISTED,
            "termination = [\"by_agreement\", \"for_breach\", \"for_insolvency\"]\n",
        )],
    );
    let report = common::term_changes(&old, &new);
    assert!(report.contains("termination"), "{report}");
    let doc = markdown(&new);
    assert!(!doc.contains(CONVENIENCE), "{doc}");
    assert!(doc.contains(INSOLVENCY), "{doc}");
}

/// The text with a multi-line `key = """ … """` entry removed.
fn drop_key(text: &str, key: &str) -> String {
    let start = text.find(&format!("{key} = \"\"\"")).expect("the key");
    let body = start + key.len() + 6;
    let end = body + text[body..].find("\"\"\"\n").expect("closing quotes") + 4;
    format!("{}{}", &text[..start], &text[end..])
}
