//! Starter charters for `charter new`: the built-in examples, with a comment before each section that says
//! what to fill in. The examples are complete and valid, so a starter checks cleanly before it is edited,
//! and the organiser replaces real-looking terms rather than filling blanks.
//!
//! Imports nothing of ours; [`crate::cli`] lists its examples as the values `--from` takes.

/// One built-in example charter.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// Name, as given to `--from`: the file name in `charters/` without `.toml`.
    pub name: &'static str,
    /// The partnership it describes, in one line.
    pub summary: &'static str,
    /// The TOML text.
    pub text: &'static str,
}

/// The examples, in the order `--list` shows them.
pub const EXAMPLES: &[Example] = &[
    Example {
        name: "community-screening-partnership",
        summary: "A hospital and a community organisation running free health screenings (the smallest)",
        text: include_str!("../charters/community-screening-partnership.toml"),
    },
    Example {
        name: "sepsis-advisory-board",
        summary: "A company validating an AI sepsis-prediction algorithm with three hospitals, in phases",
        text: include_str!("../charters/sepsis-advisory-board.toml"),
    },
    Example {
        name: "academic-industry-research",
        summary: "A university and a biotech company exploring a new therapy",
        text: include_str!("../charters/academic-industry-research.toml"),
    },
    Example {
        name: "regional-ehr-consortium",
        summary: "Several facilities sharing an electronic health record",
        text: include_str!("../charters/regional-ehr-consortium.toml"),
    },
    Example {
        name: "hospital-it-vendor",
        summary: "A hospital and its IT services vendor",
        text: include_str!("../charters/hospital-it-vendor.toml"),
    },
    Example {
        name: "uk-data-access-committee",
        summary: "Terms of reference of a UK research data access committee, under the UK GDPR",
        text: include_str!("../charters/uk-data-access-committee.toml"),
    },
    Example {
        name: "open-source-foundation",
        summary: "A foundation and its member companies governing an open-source project",
        text: include_str!("../charters/open-source-foundation.toml"),
    },
];

/// The example `charter new` starts from when `--from` is not given: the smallest.
pub const DEFAULT: &str = "community-screening-partnership";

/// The file name of the JSON Schema that a starter's `#:schema` line points to, beside the starter.
pub const SCHEMA_FILE: &str = "charter.schema.json";

/// The organisations of the built-in examples, by legal name, sorted: all fictional. `check` warns while a
/// charter still names one of them (W0442 example-content), so that an organiser knows what is left to replace.
pub const FICTIONAL_ORGANISATIONS: &[&str] = &[
    "Brightwater Health Software, Inc.",
    "Cardinal Bay Therapeutics, Inc.",
    "Cedar Valley Health System",
    "Cobalt Secure Data Ltd",
    "Eastside Neighbors United, Inc.",
    "Halvorsen University Medical Center",
    "Harbourside NHS Foundation Trust",
    "Harlan County Memorial Hospital",
    "Kestrel Interoperability Foundation, Inc.",
    "Keystone Clinical Systems, LLC",
    "Lakeport General Hospital",
    "Millbrook Community Hospital",
    "Northstar University Health, Inc.",
    "Pine Ridge Hospital District",
    "Prairie Lakes Hospital District",
    "Riverbend Community Hospital Association",
    "St. Brigid Medical Center, Inc.",
    "Tallgrass Data Systems, LLC",
    "The Board of Trustees of Halvorsen University",
    "The University of Northfield",
    "Valley Health Information Collaborative",
    "Vitalis Analytics, Inc.",
];

/// The people of the built-in examples (signatories and representatives), sorted: all fictional.
pub const FICTIONAL_PEOPLE: &[&str] = &[
    "Alicia Dominguez",
    "Bradley Kwan",
    "Carlos Mendes, RN",
    "Carol Brekke",
    "Daniel Reinholt",
    "Douglas Ferreira",
    "Dr. Alan Reyes",
    "Dr. Amara Nwosu",
    "Dr. Anthony Vasquez",
    "Dr. Ethan Moorcroft",
    "Dr. Fiona Gallagher",
    "Dr. Grace Nakamura",
    "Dr. Helen Marchetti",
    "Dr. Ingrid Solberg",
    "Dr. Jonas Feld",
    "Dr. Miriam Okafor",
    "Dr. Nadia Petrov",
    "Dr. Oliver Brandt",
    "Dr. Rebecca Thorsen",
    "Dr. Samuel Whitehorse",
    "Dr. Sunita Iyer",
    "Gregory Hale",
    "Janet Yoder, RN",
    "Jerome Tillman",
    "Karen Osei, RN",
    "Linda Haugen",
    "Lucía Herrera",
    "Margaret Olufemi",
    "Mei Tanaka",
    "Michael Abernathy",
    "Monica Arceneaux",
    "Neil Osterberg, RN",
    "Owen Pritchard",
    "Patricia Svoboda",
    "Patrick Greaves",
    "Priya Raman",
    "Prof. Lena Sørby",
    "Raymond Acheson",
    "Renata Kowalczyk",
    "Rev. Daniel Okoro",
    "Ryan Kowalczyk",
    "Sister Catherine Doyle",
    "Thomas Achterberg",
    "Thomas Lindqvist",
    "Victor Castellano",
];

/// The example called `name`.
#[must_use]
pub fn find(name: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.name == name)
}

/// What to fill in, for every section and sub-table of the format, keyed by its header as written in the
/// file (`schema_version` is a key, not a header, but gets its line too).
pub const GUIDANCE: &[(&str, &str)] = &[
    (
        "schema_version",
        "The version of the charter format. Leave it at 2; a file written for schema 1 is rewritten by `charter migrate`.",
    ),
    (
        "[charter]",
        "The charter itself: a short lowercase `id` (it names files and calendar events, so keep it once chosen), the title, the version of this text, optionally its `kind` (\"charter\" unless it is a memorandum of understanding, an agreement, terms of reference, a policy or a technical charter), the date it takes effect, the governing law, and why the partnership exists: its purpose, common goals, scope and what it deliberately leaves out.",
    ),
    (
        "[[partners]]",
        "One entry per organisation, at least two. Give each a short lowercase `id` (the rest of the file refers to it by this id), its legal and short name, kind, roles, what it contributes and receives, and whether its seats vote. Copy the whole entry for each further partner.",
    ),
    (
        "[partners.signatory]",
        "The person who signs the charter for this partner: name, job title and, optionally, e-mail. Terms of reference, a policy or a technical charter adopted by a body (see `[adoption]`) may leave it out.",
    ),
    (
        "[partners.notice]",
        "Optional. Where the partner receives formal notices: the person or office, and an e-mail or postal address. Without it, notices go to the signatory.",
    ),
    (
        "[[partners.representatives]]",
        "Optional. The people who represent this partner day to day, one entry each.",
    ),
    (
        "[[membership_classes]]",
        "Optional. One entry per class of members, such as \"Platinum members\": its id, name, the partners that are members of it, and optionally what a member receives. A body gives every member of a class seats with `members = [{ class = \"platinum\", seats = 1 }]`.",
    ),
    (
        "[[bodies]]",
        "Optional. One entry per board, committee or working group: its id, name and mandate, whether its decisions bind the partners or only advise them, its members and their seats, and its quorum.",
    ),
    (
        "[[bodies.members]]",
        "One entry per seat-holder on this body: a partner, a named person, or both, with the number of seats and whether they vote.",
    ),
    (
        "[bodies.chair]",
        "Optional. Who chairs this body (a partner that sits on it, or a named person), for how long (a `term` such as \"2 years\", or \"until_replaced\"), and whether the chair may serve again or has a casting vote.",
    ),
    (
        "[[bodies.officers]]",
        "Optional. One entry per office besides the chair (`role` = \"vice_chair\", \"secretary\" or \"treasurer\"): who holds it, how they are chosen (`selection`), their `term` and `term_limit`.",
    ),
    (
        "[bodies.vacancies]",
        "Optional. How a vacant seat is filled (`filled_by` = \"appointing_partner\", \"election\" or \"chair_interim\"), and how soon (`within`).",
    ),
    (
        "[bodies.removal]",
        "Optional. How a member is removed: by the partner that appointed them (`appointing_partner = true`), or by the body under a rule (`by_decision`).",
    ),
    (
        "[bodies.alternates]",
        "Optional. Whether a member may send an alternate in their place (`allowed`), and whether the alternate votes (`voting`).",
    ),
    (
        "[bodies.observers]",
        "Optional. Whether observers attend this body's meetings (`admitted` = \"by_invitation\" or \"not_admitted\"), and who invites them (`invited_by`).",
    ),
    (
        "[bodies.composition]",
        "Optional. The composition this body must keep: at least so many voting members (`min_members`), and no partner with more than so many of its voting seats (`affiliation_cap = { seats = 2 }` or `{ share = \"1/3\" }`).",
    ),
    (
        "[[bodies.composition.constituencies]]",
        "Optional. One entry per named group of this body's members (lay members, clinicians), chosen by their `roles` or `partners`: the fewest voting seats it holds (`min`) and how many of it a quorum must include (`quorum`).",
    ),
    (
        "[bodies.meetings]",
        "How often this body meets (a cadence, \"as_needed\", or `{ at_least = 1, per = \"year\" }`), the notice of a meeting, when papers go out and how soon draft minutes follow; optionally whether meetings are open or closed and who may call an extraordinary one.",
    ),
    (
        "[[decisions]]",
        "Optional. The decision matrix, one entry per kind of decision: the matter, the body that decides, its voting rule, who must be consulted first and where a deadlock goes.",
    ),
    (
        "[amendment]",
        "Optional. How this charter is amended: the body that approves an amendment, by which rule, with how much notice, and whether every partner signs the new text.",
    ),
    (
        "[[data_flows]]",
        "Optional. One entry per flow of data between partners: provider, recipients, categories, how identifiable the data is, the agreement it flows under, permitted and prohibited uses, its safeguards (storage, access, access review and training, which identifiable data needs), retention, what ends its use and what happens to the data then, how long the records of the flow are kept, and how soon a breach is notified.",
    ),
    (
        "[data_access]",
        "Optional. How researchers gain access to the data: who may apply, the decision on each request, the secure environment the data is used in, the decision on each output before it leaves, an embargo, and the partners that are controllers and processors.",
    ),
    (
        "[ip]",
        "Optional. Intellectual property: what is said of background IP (what each partner brings, which stays its own).",
    ),
    (
        "[[ip.background_items]]",
        "Optional. One entry per item of background IP a partner brings: what it is, and the partner that owns it.",
    ),
    (
        "[ip.lambert]",
        "Optional. The Lambert Toolkit model agreement the partners follow (\"1\" to \"5\" between an institution and a collaborator, consortium \"A\" to \"D\"): it fills in who owns the results and the licences the model grants where the charter writes none, and the charter states where its own terms depart from it.",
    ),
    (
        "[[ip.foreground]]",
        "One entry per category of new intellectual property: who owns it (the creator, one partner, joint owners in shares that add up to 100, or owners by field of use).",
    ),
    (
        "[[ip.foreground.shares]]",
        "For joint ownership: one entry per owning partner, with its share in percent.",
    ),
    (
        "[[ip.foreground.fields]]",
        "For ownership by field of use: one entry per field, with the partner that owns it.",
    ),
    (
        "[[ip.licences]]",
        "Optional. One entry per licence granted on foreground IP: what it covers, to whom, what kind, whether royalty-free, and for which purposes.",
    ),
    (
        "[[ip.outbound]]",
        "Optional. One entry per public licence foreground IP is released under, as open-source code or documentation is: the categories it covers and the SPDX licence expression, such as \"Apache-2.0\" or \"CC-BY-4.0\".",
    ),
    (
        "[ip.contributions]",
        "Optional. What contributors sign: a DCO sign-off, an individual or a corporate contributor licence agreement, and who holds the signed agreements.",
    ),
    (
        "[[ip.transfers]]",
        "Optional. One entry per piece of existing IP a partner assigns or transfers: what it is (a trademark, a domain name, a code repository), from which partner, to which partner or organisation, and when.",
    ),
    (
        "[publication]",
        "Optional. Publication rights: how long partners review a manuscript, any patent delay, removal of confidential information, multi-site results first, authorship, trial registration and negative results.",
    ),
    (
        "[conflicts]",
        "Optional. Conflicts of interest: who discloses what and when, any threshold, the body that receives disclosures, how conflicts are managed and which decisions need recusal.",
    ),
    (
        "[[conflicts.declared]]",
        "Optional. One entry per conflict already known at signing: the partner (and person), the interest, the decisions it affects and how it is managed.",
    ),
    (
        "[[phases]]",
        "Optional. One entry per phase of the work: its dates, what happens in it, and the go/no-go decision at its end, with the partner or body that takes it.",
    ),
    (
        "[[phases.metrics]]",
        "Optional. The success metrics this phase's gate judges, one entry each, with one threshold: `at_least` or `at_most`.",
    ),
    (
        "[[obligations]]",
        "Optional. Explicit obligations, one entry each: who must do what, with what evidence, and when: a due date, a cadence, or a period after an event (`within` and `after`).",
    ),
    (
        "[term]",
        "The term: its length or end date, renewal, the grounds for ending it early (`termination`) with their notice and cure period, withdrawal and what survives the end. Optional for terms of reference, a policy or a technical charter.",
    ),
    (
        "[adoption]",
        "Optional. For terms of reference, a policy or a technical charter adopted by a body instead of signed: the `body` that adopted it, the `date`, and the `decision` (an id of `[[decisions]]`) it was adopted by. Without an `effective_date`, the document takes effect on that date.",
    ),
    (
        "[[versions]]",
        "Optional. The version history, oldest first: each version's `version`, the date it was `adopted`, the `decision` it was adopted by (an id of `[[decisions]]`) and a one-line `summary`. When this version is an amendment, `original_effective_date` in `[charter]` is the day the first version took effect, and the term runs from it.",
    ),
    (
        "[disputes]",
        "Optional. How disputes are settled: the escalation steps, each with a time limit, and what follows when every step fails.",
    ),
    (
        "[[disputes.steps]]",
        "One escalation step: who tries to resolve the dispute, and within how long.",
    ),
    (
        "[review]",
        "Optional. Review of the partnership itself: how often, by which body, what is assessed, how feedback is gathered and acted on, and how contributions are recognised.",
    ),
    (
        "[[definitions]]",
        "Optional. Terms the partners define themselves, one entry each: the `term` and its `meaning`. The charter already defines the partners' and bodies' names and the terms of art it uses.",
    ),
    (
        "[confidentiality]",
        "Optional. What the partners keep confidential, for how long after the charter ends (\"5 years\" or \"indefinite\"), and what is not confidential.",
    ),
    (
        "[notices]",
        "Optional. How formal notice is given (e-mail, hand, courier, registered post) and how many business days after sending it counts as received.",
    ),
    (
        "[precedence]",
        "Optional. Which document prevails when this charter and an agreement its data flows name conflict, the one that prevails first.",
    ),
    (
        "[[exceptions]]",
        "Optional. Warnings the partners have considered and accept, one entry each: the rule's code, the reason, and optionally the id of the item it applies to. The rendered charter lists them in an annex. Errors cannot be excepted.",
    ),
];

/// The guidance for a header line (or the `schema_version` line), if it is one.
#[must_use]
pub fn guidance(line: &str) -> Option<&'static str> {
    let line = line.trim();
    let key = if line.starts_with("schema_version") {
        "schema_version"
    } else {
        line.split('#').next().unwrap_or("").trim_end()
    };
    GUIDANCE.iter().find(|(k, _)| *k == key).map(|(_, g)| *g)
}

/// The starter text: a header saying how to use it, then the example with a `# FILL IN` comment before the
/// first occurrence of every section.
#[must_use]
pub fn starter(example: &Example) -> String {
    let mut out = String::with_capacity(example.text.len() + 8 * 1024);
    // taplo (and Even Better TOML, which runs it) reads this first line and offers completion, hover
    // documentation and inline errors from the schema that `charter new` writes beside the starter.
    out.push_str(&format!("#:schema ./{SCHEMA_FILE}\n"));
    out.push_str(&format!(
        "# Starter charter, written by `charter new` from the example \"{}\".\n",
        example.name
    ));
    out.push_str(
        "#\n\
         # Every section below is filled in with the example's terms, so the file already passes\n\
         # `charter check`. Replace the organisations, people, dates and terms with your own: each\n\
         # \"FILL IN\" comment says what its section needs. A section whose comment starts with\n\
         # \"Optional\" may be deleted whole, with the references to it. Run `charter check` after each\n\
         # change: it names every problem, with its line and a hint.\n\
         #\n",
    );
    let mut seen: Vec<&str> = Vec::new();
    let mut in_multiline = false;
    for line in own_terms(example.text).lines() {
        if !in_multiline && let Some(text) = guidance(line) {
            let key = line.split('#').next().unwrap_or("").trim();
            let key = if key.starts_with("schema_version") {
                "schema_version"
            } else {
                key
            };
            if !seen.contains(&key) {
                seen.push(key);
                wrap_comment(&mut out, &format!("FILL IN {key}: {text}"));
            }
        }
        // A line holding an odd number of `"""` or `'''` opens or closes a multi-line string, inside
        // which a line that looks like a header is text.
        if (line.matches("\"\"\"").count() + line.matches("'''").count()) % 2 == 1 {
            in_multiline = !in_multiline;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The line that opens the last entry of every example: the exception by which a built-in example accepts
/// that its organisations, people and addresses are fictional (W0442 example-content).
pub const FICTIONAL_MARKER: &str = "# Built-in example only:";

/// An example's text without its closing exception for fictional content, which a starter leaves out so that
/// `check` says what is still the example's until the organiser has replaced it.
fn own_terms(text: &str) -> &str {
    match text.find(FICTIONAL_MARKER) {
        Some(at) => text[..at].trim_end(),
        None => text,
    }
}

/// Appends `text` as `#` comment lines of at most 100 characters, continuation lines indented.
fn wrap_comment(out: &mut String, text: &str) {
    const WIDTH: usize = 100;
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.len() + 1 + word.len() > WIDTH && line.len() > 4 {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#  ");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Header lines (`[x]`, `[[x.y]]`) outside multi-line strings.
    fn headers(text: &str) -> Vec<&str> {
        let mut inside = false;
        let mut out = Vec::new();
        for line in text.lines() {
            let t = line.trim();
            if !inside && t.starts_with('[') && t.ends_with(']') && !t.contains(['"', ',', ' ']) {
                out.push(t);
            }
            if (line.matches("\"\"\"").count() + line.matches("'''").count()) % 2 == 1 {
                inside = !inside;
            }
        }
        out
    }

    /// The legal names and people of an example, as its TOML states them.
    fn names_in(text: &str) -> (Vec<String>, Vec<String>) {
        let table: toml::Table = toml::from_str(text).expect("an example parses");
        let (mut orgs, mut people) = (Vec::new(), Vec::new());
        let string =
            |v: &toml::Value, key: &str| v.get(key).and_then(|s| s.as_str()).map(String::from);
        for p in table["partners"].as_array().expect("partners") {
            orgs.extend(string(p, "legal_name"));
            if let Some(signatory) = p.get("signatory") {
                people.extend(string(signatory, "name"));
            }
            for r in p
                .get("representatives")
                .and_then(|r| r.as_array())
                .into_iter()
                .flatten()
            {
                people.extend(string(r, "name"));
            }
        }
        (orgs, people)
    }

    #[test]
    fn the_fictional_names_are_exactly_those_of_the_examples() {
        let (mut orgs, mut people) = (Vec::new(), Vec::new());
        for example in EXAMPLES {
            let (o, p) = names_in(example.text);
            orgs.extend(o);
            people.extend(p);
        }
        for list in [&mut orgs, &mut people] {
            list.sort();
            list.dedup();
        }
        assert_eq!(orgs, FICTIONAL_ORGANISATIONS);
        assert_eq!(people, FICTIONAL_PEOPLE);
    }

    #[test]
    fn every_example_ends_with_the_exception_a_starter_leaves_out() {
        for example in EXAMPLES {
            let at = example.text.find(FICTIONAL_MARKER).expect(example.name);
            let tail: toml::Table = toml::from_str(&example.text[at..]).expect("the tail parses");
            let exceptions = tail["exceptions"].as_array().expect("one exception");
            assert_eq!(exceptions.len(), 1, "{}", example.name);
            assert_eq!(exceptions[0]["rule"].as_str(), Some("W0442"));
            assert_eq!(
                tail.len(),
                1,
                "{}: only the exception follows the marker",
                example.name
            );
            assert!(!own_terms(example.text).contains("W0442"));
        }
    }

    #[test]
    fn every_section_of_every_example_has_guidance() {
        for example in EXAMPLES {
            for header in headers(example.text) {
                assert!(
                    guidance(header).is_some(),
                    "{}: no guidance for {header}",
                    example.name
                );
            }
        }
    }

    #[test]
    fn every_header_in_a_starter_follows_its_fill_in_comment() {
        for example in EXAMPLES {
            let text = starter(example);
            let lines: Vec<&str> = text.lines().collect();
            let mut first = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                let key = line.trim();
                let is_section = headers(line).len() == 1 || key.starts_with("schema_version");
                if !is_section || first.contains(&key) {
                    continue;
                }
                first.push(key);
                let name = if key.starts_with("schema_version") {
                    "schema_version"
                } else {
                    key
                };
                let comment_start = lines[..i]
                    .iter()
                    .rposition(|l| l.starts_with("# FILL IN "))
                    .expect("a FILL IN comment before the first section");
                assert!(
                    lines[comment_start].starts_with(&format!("# FILL IN {name}: ")),
                    "{}: {key} is preceded by {:?}",
                    example.name,
                    lines[comment_start]
                );
                assert!(
                    lines[comment_start + 1..i]
                        .iter()
                        .all(|l| l.starts_with("#  ")),
                    "{}: the comment before {key} runs straight into it",
                    example.name
                );
            }
        }
    }

    #[test]
    fn guidance_names_only_sections_the_format_reference_documents() {
        let reference = include_str!("../docs/format.md");
        for (key, _) in GUIDANCE {
            let documented = if key.starts_with("[[") || key.starts_with('[') {
                let bare = key.trim_matches(['[', ']']);
                let last = bare.rsplit('.').next().unwrap_or(bare);
                reference.contains(&format!("`{key}`")) || reference.contains(&format!("`{last}`"))
            } else {
                reference.contains(&format!("`{key}`"))
            };
            assert!(documented, "{key} is not in docs/format.md");
        }
    }

    #[test]
    fn comments_stay_within_100_columns() {
        for example in EXAMPLES {
            for line in starter(example).lines().filter(|l| l.starts_with("# FILL")) {
                assert!(line.chars().count() <= 100, "{line}");
            }
        }
    }

    #[test]
    fn examples_are_found_by_name() {
        assert_eq!(
            find("hospital-it-vendor").map(|e| e.name),
            Some("hospital-it-vendor")
        );
        assert!(find(DEFAULT).is_some());
        assert!(find("nope").is_none());
    }
}
