//! Synthetic charters of any size, for benchmarks: valid, with every section populated, and the same bytes
//! for the same size and seed.
//!
//! Shared by `examples/synth` (the command line) and `benches/pipeline.rs`, which includes this file by
//! path so that the generator never becomes part of the library.
//!
//! Sizes grow with the number of partners: a committee per 10 partners, a decision and a data flow per 2,
//! a declared conflict and a foreground IP category per 10, a phase per 20. The general assembly seats
//! every partner, so a rule that looks partners up one by one for each seat shows up as quadratic time.
//! The seed only varies words, kinds and cadences; the structure that keeps the charter valid does not
//! depend on it.

use std::fmt::Write as _;

use charter::model::Date;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    /// Number of partners (at least 4).
    pub(crate) partners: usize,
    /// Number of explicit obligations.
    pub(crate) obligations: usize,
    /// Seed of the words, kinds and cadences.
    pub(crate) seed: u64,
    /// 1 for the charter; 2 for a later version of it, with a few terms changed, one data flow moved and
    /// one obligation added, for benchmarks of `diff`.
    pub(crate) version: u32,
}

impl Spec {
    /// A charter with `partners` partners and ten obligations per partner, seed 1, version 1.
    #[allow(dead_code)]
    pub(crate) fn new(partners: usize, obligations: usize) -> Self {
        Spec {
            partners,
            obligations,
            seed: 1,
            version: 1,
        }
    }
}

/// SplitMix64: small, fast, and the same sequence on every platform and Rust version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "nor", "val", "ri", "ver", "bend", "lake", "sto", "ne", "ash", "ford", "mar", "ten", "holm",
    "ca", "den", "wil", "low", "bro", "ok", "sum", "mit", "glen", "dale", "har", "bor", "pine",
    "crest", "ol",
];
const GIVEN: &[&str] = &[
    "Ana", "Ben", "Chen", "Dana", "Eli", "Fatima", "Goran", "Hana", "Ines", "Jonas", "Kofi",
    "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tomoko",
];
const FAMILY: &[&str] = &[
    "Alvarez",
    "Brandt",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fofana",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Mensah",
    "Novak",
    "Okafor",
    "Park",
    "Rossi",
    "Silva",
    "Tanaka",
    "Weber",
];
const KINDS: &[&str] = &[
    "academic_medical_centre",
    "community_hospital",
    "critical_access_hospital",
    "health_system",
    "university",
    "non_profit",
    "government",
    "payer",
    "patient_advocacy",
];
const CADENCES: &[&str] = &["monthly", "quarterly", "semiannually"];
const TOPICS: &[&str] = &[
    "sepsis prediction",
    "readmission risk",
    "remote monitoring",
    "diabetes screening",
    "telehealth triage",
    "imaging follow-up",
    "medication safety",
    "falls prevention",
];
const VERBS: &[&str] = &[
    "Deliver",
    "Review",
    "Publish",
    "Audit",
    "Report on",
    "Reconcile",
    "Update",
    "Certify",
];
const THINGS: &[&str] = &[
    "the data quality report for the shared registry",
    "the site enrolment figures and screening log",
    "the access log of the analysis environment",
    "the budget and the reallocation requests",
    "the training records of staff with data access",
    "the adverse event summary for the steering papers",
    "the status of every open action from the last meeting",
    "the plain-language summary for patients and families",
];

fn word(rng: &mut Rng, syllables: usize) -> String {
    (0..syllables).map(|_| rng.pick(SYLLABLES)).collect()
}

fn capital(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY))
}

/// A TOML list of strings (the generator writes only quote-free, backslash-free text).
fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

struct Partner {
    id: String,
    short: String,
    sponsor: bool,
    aggregate_only: bool,
    withdrawn: bool,
}

/// Writes the charter.
#[allow(clippy::too_many_lines)]
pub(crate) fn charter(spec: &Spec) -> String {
    let n = spec.partners.max(4);
    let mut rng = Rng(spec.seed);
    let v2 = spec.version >= 2;
    let effective = Date {
        year: 2026,
        month: 1,
        day: 1,
    };
    let committees = (n / 10).max(2);
    let decisions = n / 2 + 2;
    let flows = n / 2 + 1;
    let foreground = n / 10 + 3;
    let licences = foreground / 2 + 1;
    let declared = n / 10 + 1;
    let phases = n / 20 + 3;
    // Two months a phase, and a year after the last one for analysis and publication.
    let term_months = 2 * phases as u32 + 12;

    let partners: Vec<Partner> = (0..n)
        .map(|i| {
            let name = word(&mut rng, 2);
            Partner {
                id: format!("{name}-{i}"),
                short: format!("{} {}", capital(&name), i),
                sponsor: i == 1 || i % 50 == 1,
                aggregate_only: i % 3 == 2,
                withdrawn: i % 97 == 96,
            }
        })
        .collect();
    let active: Vec<usize> = (0..n).filter(|&i| !partners[i].withdrawn).collect();
    let committee_members = |c: usize| -> Vec<usize> {
        let size = 8.min(active.len());
        let start = (c * 7) % active.len();
        (0..size)
            .map(|j| active[(start + j) % active.len()])
            .collect()
    };
    let committee_id = |c: usize| format!("committee-{c}");
    let decision_body = |k: usize| {
        if k.is_multiple_of(5) {
            "assembly".to_owned()
        } else {
            committee_id(k % committees)
        }
    };
    let decision_id =
        |k: usize| format!("d{k}-{}", ["budget", "protocol", "access", "policy"][k % 4]);
    // Unanimity only where no declared conflict can take a seat away (conflicts affect decisions 3k).
    let decision_rule = |k: usize| match k % 3 {
        0 => "two_thirds_body",
        1 => "majority_body",
        _ => "unanimity",
    };

    let mut out = String::with_capacity(1200 * n + 260 * spec.obligations);
    let o = &mut out;
    let topic = rng.pick(TOPICS);
    let _ = writeln!(
        o,
        "# A synthetic charter: {n} partners, {} obligations, seed {}.",
        spec.obligations, spec.seed
    );
    let _ = writeln!(o, "schema_version = 2\n");
    let _ = writeln!(o, "[charter]");
    let _ = writeln!(o, "id = \"synthetic-{n}-{}\"", spec.seed);
    let _ = writeln!(
        o,
        "title = \"Charter of the {} {} Partnership\"",
        capital(&word(&mut rng, 3)),
        capital(topic)
    );
    let _ = writeln!(o, "version = \"{}\"", if v2 { "2.0" } else { "1.0" });
    let _ = writeln!(o, "effective_date = {effective}");
    let _ = writeln!(o, "jurisdiction = \"State of Minnesota, United States\"");
    let _ = writeln!(
        o,
        "purpose = \"\"\"\nThe partners work together on {topic} across {n} organisations, led by [[partner:{}]] and governed by\nthe [[body:assembly]]. This charter says who decides what, how data moves, who owns what is made and\nhow results are published.\n\"\"\"",
        partners[0].id
    );
    let _ = writeln!(
        o,
        "goals = [\"Measure what works in {topic} at every site\", \"Publish every result, positive or negative\", \"Give every partner a real voice\"]"
    );
    let _ = writeln!(
        o,
        "scope = \"\"\"\nThe work on {topic} at the partners' sites, its data, governance, IP and publication.\n\"\"\""
    );
    let _ = writeln!(
        o,
        "non_goals = [\"Purchasing decisions\", \"Changes to clinical protocols\"]\n"
    );

    for (i, p) in partners.iter().enumerate() {
        let short = if v2 && i == 3 {
            format!("{} Health", p.short)
        } else {
            p.short.clone()
        };
        let _ = writeln!(o, "[[partners]]");
        let _ = writeln!(o, "id = \"{}\"", p.id);
        let _ = writeln!(o, "legal_name = \"{short} Health Association\"");
        let _ = writeln!(o, "short_name = \"{short}\"");
        if p.sponsor {
            let _ = writeln!(o, "kind = \"industry\"");
            let _ = writeln!(
                o,
                "roles = [\"sponsor\", \"data_recipient\", \"service_provider\"]"
            );
            let _ = writeln!(o, "voting = false");
            let _ = writeln!(o, "data_ceiling = \"limited_data_set\"");
        } else {
            let _ = writeln!(o, "kind = \"{}\"", rng.pick(KINDS));
            let roles = if i == 0 {
                "[\"lead\", \"data_provider\", \"participant\"]"
            } else {
                "[\"data_provider\", \"data_recipient\", \"participant\"]"
            };
            let _ = writeln!(o, "roles = {roles}");
            if p.aggregate_only {
                let _ = writeln!(o, "data_ceiling = \"aggregate\"");
            }
        }
        if p.withdrawn {
            let _ = writeln!(o, "withdrawn = {}", effective.add_months(5));
        }
        let _ = writeln!(
            o,
            "contributions = [\"A site lead and {} hours a month of informatics time\", \"Data from its {topic} programme\"]",
            4 + rng.below(40)
        );
        let _ = writeln!(
            o,
            "benefits = [\"Evidence on its own patients\", \"Authorship on the multi-site publications\"]"
        );
        let signatory = person(&mut rng);
        let _ = writeln!(
            o,
            "\n[partners.signatory]\nname = \"{signatory}\"\ntitle = \"Chief Executive Officer\""
        );
        let _ = writeln!(o, "email = \"ceo@{}.partners.test\"\n", p.id);
        let _ = writeln!(
            o,
            "[[partners.representatives]]\nname = \"{}\"\ntitle = \"Site Lead\"\n",
            person(&mut rng)
        );
    }

    // Bodies: the general assembly of every partner, the committees, a pilot committee on which the
    // sponsor votes (the one accepted exception) and an advisory patient panel.
    let _ = writeln!(
        o,
        "[[bodies]]\nid = \"assembly\"\nname = \"General Assembly\""
    );
    let _ = writeln!(
        o,
        "mandate = \"\"\"\nThe partners' highest body. It decides the budget, amendments and admissions, and hears\nevery committee once a year. [[partner:{}]] chairs it.\n\"\"\"",
        partners[0].id
    );
    let _ = writeln!(
        o,
        "authority = \"binding\"\nquorum = \"majority\"\nmembers = ["
    );
    for &i in &active {
        let _ = writeln!(o, "  {{ partner = \"{}\" }},", partners[i].id);
    }
    let _ = writeln!(
        o,
        "]\n\n[bodies.chair]\npartner = \"{}\"\nterm = \"2 years\"\nrenewable = true\ncasting_vote = true\n",
        partners[0].id
    );
    let _ = writeln!(
        o,
        "[bodies.meetings]\ncadence = \"semiannually\"\nnotice = \"30 days\"\npapers = \"10 days\"\nminutes = \"21 days\"\nelectronic = {{ rule = \"same_as_meetings\" }}\nremote_attendance = true\n"
    );
    for c in 0..committees {
        let members = committee_members(c);
        let first = &partners[members[0]].id;
        let _ = writeln!(
            o,
            "[[bodies]]\nid = \"{}\"\nname = \"{} Committee {c}\"",
            committee_id(c),
            capital(&word(&mut rng, 2))
        );
        let _ = writeln!(
            o,
            "mandate = \"\"\"\nOversees one strand of the work with [[partner:{first}]] and reports to the [[body:assembly]]. Its\ndecisions are listed in [[clause:decision-{}]] and the clauses after it.\n\"\"\"",
            decision_id(if c == 0 { 1 } else { c })
        );
        let _ = writeln!(
            o,
            "authority = \"binding\"\nmember_term = \"2 years\"\nstaggered_terms = true\nquorum = \"majority\"\nmembers = ["
        );
        for &m in &members {
            let _ = writeln!(
                o,
                "  {{ partner = \"{}\", role = \"site lead\" }},",
                partners[m].id
            );
        }
        let _ = writeln!(
            o,
            "  {{ person = \"{}\", role = \"independent expert\" }},\n]\n",
            person(&mut rng)
        );
        let _ = writeln!(
            o,
            "[bodies.chair]\npartner = \"{first}\"\nterm = \"1 year\"\nrenewable = true\ncasting_vote = true\n"
        );
        let _ = writeln!(
            o,
            "[bodies.meetings]\ncadence = \"{}\"\nnotice = \"14 days\"\npapers = \"5 business days\"\nminutes = \"14 days\"\nelectronic = {{ rule = \"same_as_meetings\" }}\n",
            rng.pick(CADENCES)
        );
    }
    let (lead, sponsor, site) = (&partners[0].id, &partners[1].id, &partners[2].id);
    let _ = writeln!(
        o,
        "[[bodies]]\nid = \"pilot-committee\"\nname = \"Pilot Committee\""
    );
    let _ = writeln!(
        o,
        "mandate = \"\"\"\nRuns the first pilot and decides its gate. [[partner:{sponsor}]] votes here by agreement of the partners.\n\"\"\""
    );
    let _ = writeln!(
        o,
        "authority = \"binding\"\nquorum = 3\nmembers = [\n  {{ partner = \"{lead}\", seats = 2 }},\n  {{ partner = \"{site}\" }},\n  {{ partner = \"{sponsor}\", voting = true }},\n  {{ person = \"{}\", role = \"patient representative\" }},\n]\n",
        person(&mut rng)
    );
    let _ = writeln!(
        o,
        "[bodies.chair]\npartner = \"{lead}\"\nterm = \"1 year\"\nrenewable = true\ncasting_vote = true\n"
    );
    let _ = writeln!(
        o,
        "[bodies.meetings]\ncadence = \"monthly\"\nnotice = \"7 days\"\nminutes = \"7 days\"\n"
    );
    let _ = writeln!(
        o,
        "[[bodies]]\nid = \"patient-panel\"\nname = \"Patient and Family Advisory Panel\""
    );
    let _ = writeln!(
        o,
        "mandate = \"Brings the experience of patients and families to the partnership.\"\nauthority = \"advisory\"\nquorum = 3\nmembers = ["
    );
    for _ in 0..4 {
        let _ = writeln!(
            o,
            "  {{ person = \"{}\", role = \"patient representative\" }},",
            person(&mut rng)
        );
    }
    let _ = writeln!(
        o,
        "]\n\n[bodies.chair]\nperson = \"{}\"\nterm = \"1 year\"\nrenewable = true\n",
        person(&mut rng)
    );
    let _ = writeln!(
        o,
        "[bodies.meetings]\ncadence = \"semiannually\"\nnotice = \"30 days\"\nminutes = \"21 days\"\n"
    );

    for k in 0..decisions {
        let body = decision_body(k);
        let consult = &partners[active[(k * 11 + 3) % active.len()]].id;
        let _ = writeln!(o, "[[decisions]]\nid = \"{}\"", decision_id(k));
        let _ = writeln!(
            o,
            "matter = \"{} {} for strand {k}\"",
            rng.pick(VERBS),
            rng.pick(THINGS)
        );
        let _ = writeln!(o, "body = \"{body}\"\nrule = \"{}\"", decision_rule(k));
        let _ = writeln!(o, "consult = [\"patient-panel\", \"{consult}\"]");
        if body != "assembly" && k % 2 == 0 {
            let _ = writeln!(o, "escalation = \"assembly\"");
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(
        o,
        "[amendment]\nbody = \"assembly\"\nrule = \"two_thirds_body\"\nnotice = \"60 days\"\nsigned_by_all = true\n"
    );

    // Data flows alternate between a limited data set (to partners allowed to hold one, and the sponsor)
    // and aggregate reports (to anyone).
    let mut order: Vec<usize> = (0..flows).collect();
    if v2 && flows > 2 {
        order.swap(0, 2);
    }
    for &k in &order {
        let provider = active[k % active.len()];
        let limited = k % 2 == 0;
        let mut recipients: Vec<usize> = Vec::new();
        let mut at = k * 3 + 1;
        while recipients.len() < 2 {
            let r = active[at % active.len()];
            at += 1;
            if r != provider && !recipients.contains(&r) && !(limited && partners[r].aggregate_only)
            {
                recipients.push(r);
            }
        }
        if limited && provider != 1 && !recipients.contains(&1) {
            recipients.push(1);
        }
        let ids: Vec<String> = recipients.iter().map(|&r| partners[r].id.clone()).collect();
        let _ = writeln!(
            o,
            "[[data_flows]]\nid = \"extract-{k}\"\nname = \"{} extract {k}\"",
            capital(topic)
        );
        let _ = writeln!(
            o,
            "provider = \"{}\"\nrecipients = {}",
            partners[provider].id,
            list(&ids)
        );
        let _ = writeln!(
            o,
            "categories = [\"encounter dates\", \"vital signs\", \"laboratory results\", \"diagnosis codes\"]"
        );
        if limited {
            let _ = writeln!(
                o,
                "identifiability = \"limited_data_set\"\nagreement = \"data_use_agreement\""
            );
        } else {
            let _ = writeln!(
                o,
                "identifiability = \"aggregate\"\nagreement = \"charter_only\""
            );
        }
        let _ = writeln!(
            o,
            "permitted_uses = [\"The analyses in the protocol\", \"The partnership's publications\"]"
        );
        let _ = writeln!(
            o,
            "prohibited_uses = [\"Re-identification of any person\", \"Sale or marketing\"]"
        );
        let _ = writeln!(
            o,
            "storage = \"The partnership's encrypted analysis environment\""
        );
        let _ = writeln!(
            o,
            "access = \"Named analysts approved by the [[body:{}]]\"",
            committee_id(k % committees)
        );
        if limited {
            let _ = writeln!(
                o,
                "access_review = \"quarterly\"\ntraining = \"Privacy and security training every year\""
            );
            let _ = writeln!(
                o,
                "end_of_use = \"destroy\"\nend_within = \"30 days\"\ncertified = true\nbreach_notification = \"1 business day\""
            );
        } else {
            let _ = writeln!(o, "end_of_use = \"retain\"");
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(
        o,
        "[ip]\nbackground = \"\"\"\nEach partner keeps its background IP: its data, protocols and software as they stand on the\neffective date.\n\"\"\"\n"
    );
    let fg_id = |k: usize| format!("fg-{k}");
    for k in 0..foreground {
        let _ = writeln!(
            o,
            "[[ip.foreground]]\nid = \"{}\"\ncategory = \"{} results of strand {k}\"",
            fg_id(k),
            capital(topic)
        );
        let p = |j: usize| &partners[active[(k * 5 + j) % active.len()]].id;
        match k % 4 {
            0 => {
                let _ = writeln!(o, "ownership = \"creator\"");
            }
            1 => {
                let _ = writeln!(o, "ownership = \"partner\"\nowner = \"{}\"", p(0));
            }
            2 => {
                let _ = writeln!(
                    o,
                    "ownership = \"joint\"\nshares = [\n  {{ partner = \"{}\", percent = 40 }},\n  {{ partner = \"{}\", percent = 30 }},\n  {{ partner = \"{}\", percent = 30 }},\n]",
                    p(0),
                    p(1),
                    p(2)
                );
            }
            _ => {
                let _ = writeln!(
                    o,
                    "ownership = \"by_field\"\nfields = [\n  {{ field = \"diagnostics\", owner = \"{}\" }},\n  {{ field = \"therapeutics\", owner = \"{}\" }},\n]",
                    p(0),
                    p(1)
                );
            }
        }
        let _ = writeln!(o);
    }
    for l in 0..licences {
        let to = [
            partners[active[(l * 3) % active.len()]].id.clone(),
            partners[active[(l * 3 + 1) % active.len()]].id.clone(),
        ];
        let _ = writeln!(
            o,
            "[[ip.licences]]\nid = \"licence-{l}\"\ncovers = [\"{}\"]\nto = {}",
            fg_id((2 * l) % foreground),
            list(&to)
        );
        let _ = writeln!(
            o,
            "kind = \"non_exclusive\"\nroyalty_free = true\npurposes = [\"research\", \"the care of the licensee's own patients\"]\n"
        );
    }

    let review = if v2 { "45 days" } else { "60 days" };
    let _ = writeln!(
        o,
        "[publication]\nreview = \"{review}\"\npatent_delay = \"60 days\"\nconfidential_removal = true\nmulti_site_first = true\nsingle_site_after = \"12 months\""
    );
    let _ = writeln!(
        o,
        "authorship = \"icmje\"\ntrial_registration = true\nnegative_results = true\nacknowledgement = \"Every publication acknowledges every partner.\"\n"
    );

    let _ = writeln!(
        o,
        "[conflicts]\nwho = [\"every member of a body\", \"every author of a partnership publication\"]"
    );
    let _ = writeln!(
        o,
        "what = \"Any financial interest in a company whose product the partnership evaluates.\"\nthreshold_usd = 5000\nincludes_family = true"
    );
    let _ = writeln!(
        o,
        "when = [\"on_joining\", \"new_interest\", \"annually\", \"each_meeting\"]\nnew_interest_within = \"30 days\"\nmanaged_by = \"assembly\""
    );
    let _ = writeln!(
        o,
        "management = [\"disclosure\", \"recusal\"]\nrecusal_from = [\"{}\"]\n",
        decision_id(0)
    );
    for k in 0..declared {
        let d = (3 * k) % decisions;
        let body = decision_body(d);
        let partner = if body == "assembly" {
            &partners[0].id
        } else {
            &partners[committee_members(d % committees)[0]].id
        };
        let _ = writeln!(
            o,
            "[[conflicts.declared]]\nid = \"coi-{k}\"\npartner = \"{partner}\"\nperson = \"{}\"",
            person(&mut rng)
        );
        let _ = writeln!(
            o,
            "interest = \"Paid advisor to a company in the field, USD {} a year\"\naffects = [\"{}\"]\nmanagement = [\"disclosure\", \"recusal\"]\n",
            5000 + 1000 * rng.below(20),
            decision_id(d)
        );
    }

    for i in 0..phases {
        let start = effective.add_months(1 + 2 * i as u32);
        let end = start.add_months(1).add_days(27);
        let owner = match i {
            0 => "pilot-committee".to_owned(),
            _ if i.is_multiple_of(4) => "assembly".to_owned(),
            _ => committee_id(i % committees),
        };
        let _ = writeln!(
            o,
            "[[phases]]\nid = \"phase-{i}\"\nname = \"Phase {i}: {}\"",
            capital(&word(&mut rng, 2))
        );
        let _ = writeln!(
            o,
            "description = \"\"\"\nThe work of phase {i}, overseen by [[body:{owner}]]; its data moves under [[clause:flow-extract-{}]].\n\"\"\"",
            i % flows
        );
        let _ = writeln!(
            o,
            "start = {start}\nend = {end}\ngate_owner = \"{owner}\"\ngate = \"whether to start phase {}\"\n",
            i + 1
        );
        let _ = writeln!(
            o,
            "[[phases.metrics]]\nname = \"Sites reporting complete data\"\nat_least = {}\nunit = \"%\"\n",
            80 + rng.below(20)
        );
        let _ = writeln!(
            o,
            "[[phases.metrics]]\nname = \"Serious safety events attributed to the work\"\nat_most = 0\n"
        );
    }

    let obligations = spec.obligations + usize::from(v2);
    for k in 0..obligations {
        let by_body = k % 4 == 3;
        let owner = if by_body {
            committee_id(k % committees)
        } else {
            partners[active[k % active.len()]].id.clone()
        };
        let _ = writeln!(o, "[[obligations]]\nid = \"ob-{k}\"\nowner = \"{owner}\"");
        let _ = writeln!(o, "action = \"{} {}\"", rng.pick(VERBS), rng.pick(THINGS));
        let due = effective
            .add_months(1 + (k as u32 % (term_months - 2)))
            .add_days(14);
        match k % 4 {
            0 => {
                let _ = writeln!(o, "due = {due}");
            }
            1 => {
                let _ = writeln!(o, "cadence = \"{}\"", rng.pick(CADENCES));
            }
            2 => {
                let _ = writeln!(
                    o,
                    "within = \"{} days\"\nafter = \"a request from the [[body:assembly]]\"",
                    10 + rng.below(50)
                );
            }
            _ => {
                let _ = writeln!(o, "due = {due}\ncadence = \"each_meeting\"");
            }
        }
        let evidence = if v2 && k % 100 == 7 {
            "Report filed with the minutes and acknowledged by the chair"
        } else {
            "Report filed with the minutes"
        };
        let _ = writeln!(o, "evidence = \"{evidence}\"\n");
    }

    let _ = writeln!(
        o,
        "[term]\nlength = \"{term_months} months\"\nrenewal = \"by_agreement\"\ntermination_notice = \"90 days\"\ncure_period = \"30 days\"\nwithdrawal_notice = \"90 days\""
    );
    let _ = writeln!(
        o,
        "on_withdrawal = \"\"\"\nA withdrawing partner's seats lapse on the date of withdrawal, and the data it received is destroyed as\n[[clause:flow-extract-0]] says.\n\"\"\""
    );
    let _ = writeln!(
        o,
        "survival = [\"confidentiality\", \"data protection and destruction\", \"publication rights\"]\n"
    );
    let _ = writeln!(
        o,
        "[disputes]\nresolution = \"mediation\"\n\n[[disputes.steps]]\nby = \"the partners' representatives on the General Assembly\"\nwithin = \"30 days\"\n"
    );
    let _ = writeln!(
        o,
        "[[disputes.steps]]\nby = \"the chief executives of the partners concerned\"\nwithin = \"30 days\"\n"
    );
    let _ = writeln!(
        o,
        "[review]\ncadence = \"annually\"\nby = \"assembly\"\nassessment = \"Whether the partnership meets its goals, and whether every partner has had a real voice.\""
    );
    let _ = writeln!(
        o,
        "feedback = \"Each year the assembly surveys the members of every body and publishes what it heard.\"\nrecognition = \"Authorship and acknowledgement in every publication.\"\n"
    );
    let _ = writeln!(
        o,
        "[confidentiality]\ncovers = \"Unpublished results and each partner's business plans.\"\nduration = \"5 years\"\nexceptions = [\"public\", \"required_by_law\"]\n"
    );
    let _ = writeln!(
        o,
        "[[exceptions]]\nrule = \"W0432\"\nat = \"pilot-committee\"\nreason = \"The sponsor runs the pilot's software; the partners agreed it votes on the first gate only.\""
    );
    out
}
