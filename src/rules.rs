//! The catalogue of diagnostic codes. Every diagnostic `charter check` can report has an entry here, with a
//! stable code, a name (also the name of its test fixtures), a one-line summary, and a longer explanation:
//! why the rule matters, why it has its severity, and how to fix what it finds. `charter explain CODE`
//! prints the explanation and `docs/rules.md` is generated from this catalogue.
//!
//! Imports only [`crate::suggest`], for codes given with a typo.

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The charter must be fixed before it can be rendered.
    Error,
    /// The charter can be rendered, but a reviewer would question this term.
    Warning,
}

impl Severity {
    /// Lowercase name, as printed.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One coded rule.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    /// Stable code, e.g. `E0401`.
    pub code: &'static str,
    /// Kebab-case name; the fixtures `tests/fixtures/{invalid,valid}/<name>.toml` exercise it.
    pub name: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// One line saying what the rule catches.
    pub summary: &'static str,
    /// Why it matters, and why it has its severity.
    pub why: &'static str,
    /// How to fix what it finds.
    pub fix: &'static str,
}

macro_rules! rules {
    ($($ident:ident = $code:literal $name:literal $sev:ident $summary:literal why $why:literal fix $fix:literal;)*) => {
        $(
            #[doc = $summary]
            pub static $ident: Rule = Rule {
                code: $code,
                name: $name,
                severity: Severity::$sev,
                summary: $summary,
                why: $why,
                fix: $fix,
            };
        )*
        /// Every rule, in code order.
        pub static ALL: &[&Rule] = &[$(&$ident),*];
    };
}

rules! {
    SYNTAX = "E0101" "syntax" Error
        "The file is not valid TOML."
        why "Nothing else can be checked until the file can be read: a missing quote or bracket can change the \
             meaning of every line after it."
        fix "Look at the line shown. Text values need straight double quotes (the curly quotes a word \
             processor puts in are not TOML quotes), dates, numbers and true or false take none, lists need \
             square brackets, and every key needs `=` and a value. The hint shows the value written the way \
             its key takes it. An editor with TOML support shows such mistakes as you type.";
    UNKNOWN_KEY = "E0102" "unknown-key" Error
        "A key the charter format does not know, usually a typo."
        why "A misspelt key would otherwise be ignored, and the term it states would silently vanish from the \
             charter that the partners sign. Every table therefore refuses keys it does not know."
        fix "Use the suggested spelling, or look the table up in docs/format.md for the keys it takes.";
    WRONG_TYPE = "E0103" "wrong-type" Error
        "A value of the wrong type, such as text where a number belongs."
        why "The charter's terms are compared with each other (seats with quorums, dates with the term), which \
             only works when each value has the type the format expects."
        fix "Write the value as the message says: numbers and dates without quotes, text in double quotes, \
             lists in square brackets.";
    MISSING_KEY = "E0104" "missing-key" Error
        "A required term is missing."
        why "A required key is a term no charter can do without, such as a body's quorum or the charter's \
             term; leaving it out leaves a gap the partners would have to fill by argument later."
        fix "Add the key named in the message to the table shown; docs/format.md says what it takes. \
             Every missing key of every table is reported in one run, each at its table.";
    INVALID_VALUE = "E0105" "invalid-value" Error
        "A value outside the allowed vocabulary, or a malformed date, period or quorum."
        why "Closed vocabularies (voting rules, data tiers, ownership models) are what let the tool reason \
             about the charter; a word outside them has no defined meaning."
        fix "Use one of the allowed values listed in the hint. Periods are written like \"30 days\", quorums \
             like 4, \"2/3\", \"majority\" or \"all\".";
    SCHEMA_VERSION = "E0106" "schema-version" Error
        "The file is written for a schema version this build does not know."
        why "A different schema version may give the same keys a different meaning, so reading it as version \
             2 could misstate the partners' terms. Nothing else in the file is read until its version is one \
             this build knows, so this is the only finding for it."
        fix "Write `schema_version = 2`, or use a version of `charter` that reads the file's schema. A file \
             written for schema 1 is reported as E0107 instead, and `charter migrate` rewrites it.";
    OLD_SCHEMA_VERSION = "E0107" "old-schema-version" Error
        "The file is written for schema version 1, which `charter migrate` rewrites for schema 2."
        why "Schema 2 changed what some terms mean. In schema 1, `resolution = \"mediation\"` went on to the \
             courts, and `electronic_votes = true` allowed votes between meetings; schema 1 also wrote \
             sentences without a term behind them (members may attend remotely, a partner may require the \
             removal of its confidential information, a chair's term is not renewable, background IP stays \
             with its owner with no implied licence, partners review manuscripts but do not approve them). \
             Schema 2 writes only what the file states, so the same file read as schema 2 would render a \
             different charter from the one the partners agreed, without a word. It is therefore an error, \
             and the only finding for the file, and changing the number by hand is not the fix."
        fix "Run `charter migrate FILE --in-place` (or `-o NEW.toml`, or `-` for standard input and output). \
             It writes `schema_version = 2` and, only where schema 1 wrote a sentence by default, the \
             explicit term that writes it now (`electronic = { rule = \"same_as_meetings\" }`, \
             `resolution = \"mediation_then_courts\"`, `remote_attendance = true`, \
             `confidential_removal = true`, `renewable = false`, \
             `background_terms = [\"stays_with_owner\", \"no_implied_licence\"]`, \
             `review_kind = \"comment\"`), keeping comments and layout, and lists every change with its \
             line. The hint lists the same changes. The migrated charter renders the same document; review \
             the changes, then check and render it as usual.";
    FIELD_RULE = "E0201" "field-rule" Error
        "A single term breaks its own rule: empty text, an empty list, an invalid e-mail address, a number out of range."
        why "An empty purpose, a partner with no contributions or a share of 0% is a term that says nothing, \
             and a charter full of them gives the partners nothing to hold each other to."
        fix "Fill in the term, or correct the number or address as the hint says.";
    INVALID_ID = "E0202" "invalid-id" Error
        "An id that cannot serve as a stable clause anchor."
        why "Ids become the anchors of clauses in the rendered document and the targets of every reference, so \
             they must be short, lowercase and safe in a link."
        fix "Use lowercase letters, digits and single hyphens, starting with a letter: \"northstar\", \
             \"phase-2\".";
    HIDDEN_CHARACTER = "E0203" "hidden-character" Error
        "A bidirectional control, a zero-width or other invisible character, or a control character in the text."
        why "Such characters make text display otherwise than it reads (Trojan Source, CVE-2021-42574): a \
             right-to-left override (U+202E) between \"1.0\" and \"0.2\" shows the version as \"1.02.0\", a zero-width space \
             makes two ids or names look alike, and an escape character can rewrite a reviewer's terminal. \
             The partners would sign one text and read another, so it is an error wherever it appears."
        fix "Delete the character named in the message; an editor shows it with \"show invisible \
             characters\" turned on, and `\\u{…}` escapes in a value are found the same way. A script that \
             needs a direction mark or a joiner lists it in `[charter].allow_characters` (\"U+200F\", \
             \"U+200E\", \"U+061C\", \"U+200C\", \"U+200D\"), and the documents then show each one visibly.";
    PROSE_MARKUP = "W0204" "prose-markup" Warning
        "Prose that uses Markdown the charter does not render: a heading, thematic break, code block or table, an image, or a link other than http, https, mailto or an in-document anchor."
        why "A heading, rule or code block inside a clause would look like a numbered clause or section of \
             its own, and an image or a `javascript:` link would load or run something when the Markdown is \
             viewed. Such markup is shown as plain text instead, which is safe, so this is a warning: the \
             text still says what it said, only not in the layout it asked for."
        fix "Write the text as paragraphs, lists, emphasis and links (http, https, mailto or `#anchor`); put \
             a new section in the charter's own structure rather than in a heading inside prose.";
    INVALID_SSH_KEY = "E0205" "invalid-ssh-key" Error
        "A signatory's `ssh_key` that is not one line of an ed25519 SSH public key."
        why "The key is how `charter approvals` knows that an approval in the approvals file was made by the \
             partner's signatory: an approval is trusted only when it is signed by that key. A key that cannot \
             be read, or of a kind this build cannot check, would make every approval of the partner \
             unverifiable, so it is an error here rather than a surprise at signing time."
        fix "Copy the whole line of the signatory's public key file (`~/.ssh/id_ed25519.pub`) into \
             `ssh_key`: `ssh_key = \"ssh-ed25519 AAAAC3Nza... jane@vitalis.example\"`. Make a key with \
             `ssh-keygen -t ed25519` if the signatory has none; RSA and ECDSA keys are not supported.";
    DUPLICATE_ID = "E0301" "duplicate-id" Error
        "Two items share an id, so references to it are ambiguous."
        why "A reference to a shared id could mean either item, and two clauses would get the same anchor."
        fix "Give one of the items an id of its own and update the references that meant it.";
    UNDEFINED_REFERENCE = "E0302" "undefined-reference" Error
        "A reference to a partner, body, decision, IP category or phase that does not exist."
        why "A decision given to a body that does not exist, data sent to an unknown partner, or a use of \
             data that ends with an unknown phase, is a term nobody can carry out."
        fix "Use the suggested id, or define the partner, body, decision, category or phase first.";
    BROKEN_CROSS_REFERENCE = "E0303" "broken-cross-reference" Error
        "A cross-reference in free text, such as [[partner:ID]] or [[clause:ANCHOR]], that names nothing."
        why "A reference that names nothing would leave a hole in the rendered charter, or point the reader \
             to a clause that does not exist; the document must never contain a broken reference. It is an \
             error so that rendering never has to guess."
        fix "Use the id of a partner (`[[partner:ID]]`) or body (`[[body:ID]]`), or the anchor of a clause \
             (`[[clause:flow-ID]]`, `[[clause:decision-ID]]`, …) as the hint suggests.";
    QUORUM_EXCEEDS_MEMBERS = "E0401" "quorum-exceeds-members" Error
        "A quorum larger than the body's voting seats, so the body can never decide."
        why "A body that can never reach its quorum can never decide anything, so every matter given to it \
             is blocked from the day the charter is signed."
        fix "Lower the quorum to at most the number of voting seats, or write it as a fraction such as \
             \"2/3\" or \"majority\", which grows and shrinks with the body.";
    IP_SHARES_NOT_100 = "E0402" "ip-shares-not-100" Error
        "Joint ownership shares that do not add up to 100 percent."
        why "Shares that add up to less than 100% leave part of the IP unowned; more than 100% promises the \
             same IP twice. Either is a dispute waiting for the first licence."
        fix "Adjust the percentages so that they add up to exactly 100.";
    OWNERSHIP_TERMS_MISMATCH = "E0403" "ownership-terms-mismatch" Error
        "An ownership model without the terms it needs (an owner, shares or fields), or with terms of another model."
        why "Ownership by one partner with no owner, or joint ownership with no shares, does not say who owns \
             the IP; terms of another model contradict the model chosen."
        fix "\"partner\" takes `owner`; \"joint\" takes `shares`; \"by_field\" takes `fields`; \"creator\" \
             takes none of them.";
    RECIPIENT_ABOVE_DATA_CEILING = "E0404" "recipient-above-data-ceiling" Error
        "A partner limited to less identifiable data receives more identifiable data."
        why "A partner's data ceiling is a promise to patients and regulators; a flow above it breaks that \
             promise in the same document that makes it."
        fix "Send the partner a less identifiable tier through a separate flow, or raise its `data_ceiling` \
             if it may lawfully receive the data.";
    IDENTIFIABLE_DATA_WITHOUT_AGREEMENT = "E0405" "identifiable-data-without-agreement" Error
        "Identified data or a limited data set flows under HIPAA with no data use, business associate or data sharing agreement."
        why "HIPAA lets a limited data set leave a covered entity only under a data use agreement, and PHI \
             reach a vendor only under a business associate agreement; a charter alone does not meet either. \
             The rule applies to a flow under HIPAA: its `regime`, or the charter's `privacy_regime`, is \
             \"hipaa\", or neither is stated and a flow uses one of HIPAA's terms (a limited data set, a \
             de-identification method, a business associate or data use agreement). Under the UK or EU \
             GDPR, W0450 says what the GDPR needs instead."
        fix "Write `agreement = \"data_use_agreement\"` for a limited data set, or \
             `\"business_associate_agreement\"` for a vendor handling PHI.";
    IDENTIFIABLE_DATA_WITHOUT_BREACH_WINDOW = "E0406" "identifiable-data-without-breach-window" Error
        "Identified data or a limited data set flows under HIPAA with no breach notification window."
        why "Without a notification window the provider may learn of a breach of its patients' data too late \
             to meet its own legal duty to notify them. The HIPAA Breach Notification Rule sets that duty, so \
             the rule applies to a flow under HIPAA: its `regime`, or the charter's `privacy_regime`, is \
             \"hipaa\", or neither is stated and a flow uses one of HIPAA's terms (a limited data set, a \
             de-identification method, a business associate or data use agreement). Under the UK or EU \
             GDPR a processor notifies the controller without undue delay whatever the charter says, and \
             W0449 checks a window the charter states; where no law is stated or implied, W0453 asks which \
             law applies."
        fix "Add `breach_notification`, for example \"1 business day\"; HIPAA allows at most 60 days.";
    CONFLICTS_WITHOUT_MANAGEMENT = "E0407" "conflicts-without-management" Error
        "Conflicts must be disclosed but nothing says how they are managed or which decisions need recusal."
        why "Disclosure without management records a conflict and then lets it decide anyway; recusal with no \
             decision named cannot be applied."
        fix "Add `management`, and with \"recusal\" list the decisions in `recusal_from`.";
    PHASE_DATES_REVERSED = "E0408" "phase-dates-reversed" Error
        "A phase that ends before it starts."
        why "A phase that ends before it starts has no duration, and its gate has nothing to judge."
        fix "Swap the dates, or correct the one that is wrong.";
    PHASES_OVERLAP = "W0409" "phases-overlap" Warning
        "Two phases run at the same time, so one gate cannot judge the results of the other."
        why "Phases exist so that each gate judges the results of the phase before it; a phase that starts \
             before the previous one ends starts before its gate has decided. It is a warning because some \
             partnerships deliberately run a phase's set-up alongside the end of the previous one."
        fix "Start the later phase after the earlier one ends, or record an accepted exception with the \
             reason if the overlap is deliberate.";
    PUBLICATION_DELAY_EXCEEDS_TERM = "E0410" "publication-delay-exceeds-term" Error
        "The manuscript review period plus the patent delay is longer than the charter's term."
        why "If review plus patent delay cannot fit the term, no result can be published while the charter \
             is in force, and the publication rights it grants are empty."
        fix "Shorten the review period or the patent delay (typically 30–90 and 60–120 days), or lengthen \
             the term.";
    OBLIGATION_WITHOUT_TIMING = "E0411" "obligation-without-timing" Error
        "An obligation with neither a due date, a cadence nor a deadline after an event."
        why "An obligation with no timing can never be late, so it cannot be enforced or checked off."
        fix "Add `due`, `cadence`, or both `within` and `after`.";
    CHAIR_NOT_MEMBER = "E0412" "chair-not-member" Error
        "A body chaired by a partner that has no seat on it."
        why "A chair from outside the body is either a hidden extra member or a chair who cannot take part; \
             either way the body's composition is not what its member list says."
        fix "Add the partner to `members`, or choose a chair from the members.";
    TERM_LENGTH = "E0413" "term-length" Error
        "The term is given both as a length and an end date, neither, or ends before it starts."
        why "Two statements of the term can disagree, and none leaves the charter running forever; every date \
             check depends on one clear end."
        fix "Give exactly one of `length` and `end_date`, ending after the effective date.";
    METRIC_THRESHOLD = "E0414" "metric-threshold" Error
        "A success metric with no threshold, or with both a minimum and a maximum."
        why "A metric with no threshold cannot pass or fail, so the gate that uses it is decided by opinion; \
             two thresholds on one line are ambiguous about which one the gate applies."
        fix "Give one of `at_least` and `at_most`; split a range into two metrics.";
    PHASE_OUTSIDE_TERM = "W0415" "phase-outside-term" Warning
        "A phase starts before the charter takes effect or ends after its term."
        why "Work outside the term is not governed by the charter. It is a warning because a renewal may be \
             planned, but the reviewer should see it."
        fix "Move the phase inside the term, or lengthen the term.";
    DATE_OUTSIDE_TERM = "W0416" "date-outside-term" Warning
        "An obligation falls due outside the charter's term."
        why "An obligation due after the charter ends is only enforceable if it survives the charter. It is \
             a warning because some obligations, such as destroying data, are meant to outlive the term."
        fix "Move the due date inside the term, or list the obligation under `term.survival`.";
    RENEWAL_WITHOUT_PERIOD = "E0417" "renewal-without-period" Error
        "Automatic renewal with no renewal period, or a renewal period with no automatic renewal."
        why "An automatic renewal of no stated length cannot be computed, and a renewal period with no \
             automatic renewal is a term that contradicts the one before it."
        fix "With `renewal = \"automatic\"` give `renewal_period`; otherwise remove it.";
    FLOW_TO_PROVIDER = "W0418" "flow-to-provider" Warning
        "A data flow whose provider is also among its recipients."
        why "A partner receiving its own data is usually a copy-paste slip that hides the real recipient. It \
             is a warning because it grants nothing new."
        fix "Remove the provider from `recipients`, or name the partner that should receive the data.";
    ESCALATION_LOOP = "E0419" "escalation-loop" Error
        "A decision whose deadlock escalates to the same body that deadlocked."
        why "Escalating a deadlock to the body that deadlocked resolves nothing: the deadlock has no way out."
        fix "Escalate to a different body, or remove `escalation` and rely on the dispute steps.";
    ADVISORY_BODY_DECIDES = "W0420" "advisory-body-decides" Warning
        "A decision given to a body that is only advisory."
        why "An advisory body's recommendations do not bind the partners, so a decision given to it is not \
             really decided by anyone. It is a warning because some charters use advisory bodies to \
             recommend and record decisions that the partners then adopt."
        fix "Give the decision to a binding body and consult the advisory one, or make the body binding.";
    END_OF_USE_WITHOUT_DEADLINE = "E0421" "end-of-use-without-deadline" Error
        "Data must be returned or destroyed but no deadline says when."
        why "Return or destruction with no deadline can be put off indefinitely, which is the same as keeping \
             the data."
        fix "Add `end_within`, for example \"30 days\".";
    DECLARED_CONFLICT_WITHOUT_RECUSAL = "W0422" "declared-conflict-without-recusal" Warning
        "A declared conflict affects decisions but its management does not include recusal."
        why "A known conflict on a named decision is usually managed by leaving that decision. It is a warning \
             because an independent monitor or divestiture can be an adequate alternative."
        fix "Add \"recusal\" to the conflict's `management`, or record why another measure suffices.";
    NEW_INTEREST_WITHOUT_DEADLINE = "E0423" "new-interest-without-deadline" Error
        "New interests must be disclosed but no period says how soon."
        why "\"When a new interest arises\" with no period lets a member disclose after the vote it mattered \
             for."
        fix "Add `new_interest_within`, for example \"30 days\".";
    BODY_WITHOUT_VOTING_SEATS = "E0424" "body-without-voting-seats" Error
        "A body whose members have no vote between them."
        why "A body without a vote cannot decide anything, nor even meet a quorum."
        fix "Give at least one member `voting = true`.";
    SINGLE_SITE_WITHOUT_MULTI_SITE_FIRST = "W0425" "single-site-without-multi-site-first" Warning
        "A single-site publication delay with no multi-site-first rule for it to qualify."
        why "`single_site_after` limits the multi-site-first rule; without that rule it limits nothing and \
             reads as a restriction no one agreed to. It is a warning because the term is harmless but \
             misleading."
        fix "Write `multi_site_first = true`, or remove `single_site_after`.";
    MEMBER_WITHOUT_IDENTITY = "E0426" "member-without-identity" Error
        "A body member with neither a partner nor a named person."
        why "A seat held by no one cannot be counted, filled or held to account."
        fix "Give the member a `partner`, a `person`, or both.";
    DUPLICATE_MEMBERSHIP = "W0427" "duplicate-membership" Warning
        "The same partner holds two separate entries on one body; give it one entry with `seats`."
        why "Two entries for the same partner usually mean a copy-paste slip, and make the partner's weight on \
             the body easy to misread. It is a warning because the seats still count correctly."
        fix "Merge the entries into one with `seats = 2` (or more), or name the person in each entry.";
    VOTE_CANNOT_PASS = "E0428" "vote-cannot-pass" Error
        "A decision that can never pass, because members who must recuse leave too few votes to meet its rule or the quorum."
        why "A declared conflict with recusal takes the conflicted seats out of the vote. If the decision needs \
             every voting seat (unanimity), or more votes or a larger quorum than the seats left, it can never \
             be taken, and the matter is blocked from the day the charter is signed. It is an error because \
             no meeting, however well attended, can pass it."
        fix "Choose a rule the remaining members can meet (for example \"two_thirds_body\" instead of \
             \"unanimity\"), lower the quorum, or give the decision to a body where the conflicted partner \
             holds fewer seats.";
    AMENDMENT_WEAKER_THAN_DECISIONS = "W0429" "amendment-weaker-than-decisions" Warning
        "The charter can be amended by a weaker vote than an ordinary decision needs."
        why "An amendment can rewrite every other rule, including the protections a strict decision rule \
             gives a minority partner; if amending is easier than deciding, a coalition can amend the rule \
             away instead of meeting it. It is a warning because it is lawful and sometimes intended, but a \
             reviewer will ask. An amendment that every partner must also sign is never weaker."
        fix "Make the amendment rule at least as strict as the strictest decision rule (often \
             \"unanimity\"), or write `signed_by_all = true`.";
    TIE_WITHOUT_RESOLUTION = "W0430" "tie-without-resolution" Warning
        "A majority vote that can end in a tie, with no casting vote and no escalation."
        why "With an even number of voters a majority vote can split evenly. A tie defeats the motion, so the \
             outcome is defined, but for a matter that must be decided (a gate, a budget) the partnership is \
             stuck with no way out. It is a warning because for some matters \"no change on a tie\" is the \
             intended outcome."
        fix "Give the chair a casting vote (`casting_vote = true`), add `escalation` to another body, or use \
             an odd number of voting seats.";
    SPONSOR_MAJORITY = "E0431" "sponsor-majority" Error
        "A sponsor holds a majority of the voting seats on a body that judges its own product or decides matters its conflicts affect."
        why "A body that decides a phase gate judges the work the sponsor funds or the product it owns; with a \
             voting majority the sponsor judges itself, and the evaluation the other partners rely on is not \
             independent. The same holds for decisions the sponsor's declared conflicts affect: recusal would \
             leave the body without a majority. It is an error because no reason makes a self-judged \
             evaluation independent."
        fix "Reduce the sponsor's voting seats below half (or make them non-voting, `voting = false`), or move \
             the gate and the affected decisions to a body the sponsor does not control.";
    SPONSOR_VOTES_ON_OWN_EVALUATION = "W0432" "sponsor-votes-on-own-evaluation" Warning
        "A sponsor votes on the body that decides a phase gate judging its product."
        why "A sponsor usually sits on the board that judges its product without a vote, so that the \
             go/no-go decision is seen to be independent. It is a warning, not an error, because a minority \
             vote can be acceptable, for example when the gates are as much about the sponsor's own \
             investment as about its product; record the reason as an accepted exception."
        fix "Make the sponsor's seats non-voting on that body (`voting = false` on its member entry), or \
             record an accepted exception with the reason.";
    WITHDRAWN_PARTNER_ACTIVE = "E0433" "withdrawn-partner-active" Error
        "A partner that has withdrawn still holds a seat, chairs a body, receives data or owns a gate."
        why "A withdrawn partner is no longer bound by the charter: seats it still holds distort every quorum \
             and vote, data sent to it flows with no agreement behind it, and a gate it owns has no one to \
             decide it. It is an error because the charter would promise things it cannot enforce."
        fix "Remove the partner from the bodies' members and chairs, from the recipients of data flows and \
             from gate owners, as the withdrawal terms say; or remove `withdrawn` if it has not withdrawn.";
    PUBLICATION_VETO = "W0434" "publication-veto" Warning
        "Manuscript review plus patent delay is longer than six months, which amounts to a veto on publication."
        why "Partners review manuscripts but may not block them; a delay of more than 180 days lets a partner \
             hold results until they are stale, a veto in all but name. Typical terms are 30 to 90 days of \
             review and 60 to 120 days of patent delay. It is a warning because a long delay is lawful, but a \
             reviewer and a journal will ask why."
        fix "Shorten `review` or `patent_delay` so that together they stay within 180 days.";
    BREACH_NOTIFICATION_TOO_LATE = "E0435" "breach-notification-too-late" Error
        "Identifiable data whose breach notification window is longer than the 60 days HIPAA allows."
        why "The HIPAA Breach Notification Rule requires a business associate to notify the covered entity \
             without unreasonable delay and no later than 60 calendar days after discovering a breach. A \
             longer window puts the provider in breach of the law by following the charter, so it is an \
             error. It applies to a flow under HIPAA (stated, or implied by HIPAA's terms where no law is \
             stated); under the UK or EU GDPR the limit is the GDPR's 72 hours (W0449)."
        fix "Write a window of at most 60 days; contracts commonly require 1 to 5 business days.";
    RETENTION_CONTRADICTS_END_OF_USE = "E0436" "retention-contradicts-end-of-use" Error
        "Retention terms that contradict what happens to the data at the end of its use."
        why "Data that must be destroyed or returned when its use ends cannot also be kept for a retention \
             period that runs past that end (the end of the term, or an earlier phase or date of \
             `use_ends`), and data that is retained cannot also have a \
             deadline for its return or destruction. Two terms of one data flow that cannot both be \
             performed are an error: a court, not the partners, would decide which one binds."
        fix "Shorten `retention` so that it ends with the data's use, or choose `end_of_use = \"retain\"`; \
             with `retain`, remove `end_within`. The use ends with the term, or earlier when `use_ends` names \
             a phase or a date before the term ends; a document with no term is checked only against such a day. Records of the flow (its agreement, disclosures and \
             access logs) are not the data: when they must outlive it, keep them with \
             `records_retention = \"6 years\"`, which never contradicts the data's return or destruction.";
    ELECTRONIC_VOTE_BELOW_QUORUM = "W0437" "electronic-vote-below-quorum" Warning
        "A body votes electronically on a matter that fewer members than a quorum can carry: under a rule counted on those present, or on the votes cast with no electronic quorum."
        why "A rule counted on the members present assumes a meeting whose attendance meets the quorum. \
             Between meetings nobody is present: an electronic vote under such a rule can be carried by \
             fewer votes than the quorum, with no discussion. It is a warning because the partners may \
             accept it for minor matters."
        fix "Use a rule counted on the whole body (\"majority_body\", \"two_thirds_body\") for matters the \
             body may decide electronically, give `electronic` such a rule, or add a `quorum` to `electronic`.";
    CIRCULAR_CADENCE = "E0438" "circular-cadence" Error
        "A body whose meetings are held \"at each meeting\", which sets no schedule at all."
        why "\"each_meeting\" means \"at every meeting of the body concerned\"; for the body's own meetings it \
             is circular, and the body has no schedule, no notice to give and no minutes to be late with. It \
             is an error because the meeting clause says nothing."
        fix "Give the meetings a real cadence such as \"monthly\" or \"quarterly\".";
    ZERO_PERIOD = "E0439" "zero-period" Error
        "A period of zero where the term needs time to mean anything, such as \"0 days\" of notice."
        why "Zero days' notice is no notice, a term of 0 months never runs, and a cure period of 0 days is no \
             chance to cure. A zero period in these terms is almost always a slip, and the clause as written \
             gives no one the protection it exists for, so it is an error. Periods where zero has a meaning \
             (a review, patent delay or deadline for return that starts at once) are not checked."
        fix "Write the period the partners mean, such as \"14 days\", or remove an optional term.";
    INVALID_EXCEPTION = "E0440" "invalid-exception" Error
        "An accepted exception that names no rule, an error rather than a warning, or an item that does not exist, or repeats another."
        why "An exception records that the partners reviewed a warning and accept it, with their reason. \
             Errors cannot be accepted: they make the charter unworkable, contradictory or unlawful, and no \
             reason changes that. An exception for a rule or an item that does not exist accepts nothing \
             and misleads the reviewer who reads the annex."
        fix "Name a warning code (W…) in `rule`, and in `at` the id of the partner, body, decision, data \
             flow, phase, obligation, IP category, licence or declared conflict it concerns. Fix errors \
             instead of excepting them.";
    UNUSED_EXCEPTION = "W0441" "unused-exception" Warning
        "An accepted exception that no finding matches."
        why "An exception that accepts nothing is left over from a finding that has since been fixed, or is \
             scoped to the wrong item; it stays in the annex and tells the reviewer of a problem that does \
             not exist. It is a warning because it changes no term of the charter."
        fix "Remove the exception, or correct its `rule` or `at`.";
    EXAMPLE_CONTENT = "W0442" "example-content" Warning
        "A partner still holds the example the charter started from: its organisation, people or example.org addresses."
        why "`charter new` writes a complete, valid charter from a built-in example, so that the organiser \
             replaces real-looking terms instead of filling blanks. Until every fictional organisation, person \
             and address at a domain reserved for examples (example.org, example.com, example.net) is \
             replaced, the charter names people who will never sign it and sends notices nowhere. It is a \
             warning because the rest of the charter may already be the partners' own; it is the signal \
             that the starter is not finished."
        fix "Replace the partner's legal name, its signatory and representatives, and their e-mail addresses \
             (and the e-mail address of its notice address) with the partner's own. The built-in examples accept this warning in an exception of their own, \
             which `charter new` leaves out.";
    DUPLICATE_DEFINITION = "E0443" "duplicate-definition" Error
        "A `[[definitions]]` term that is already defined: by another definition, by the built-in glossary, or as a partner's or body's name."
        why "The definitions clause gives every defined term exactly one meaning. A term defined twice has two \
             meanings, and a reader cannot tell which one the partners agreed; the charter already defines the \
             partners' and bodies' names and the terms of art it uses (such as \"Limited Data Set\"), with \
             the regulation they come from."
        fix "Remove the definition if the built-in meaning is the one the partners intend, or give the term a \
             name of its own, such as \"Site Data Set\".";
    PRECEDENCE_ORDER = "E0444" "precedence-order" Error
        "An order of precedence that names a document twice, leaves this charter out, or names an agreement no data flow is made under."
        why "The order of precedence says which document prevails when two conflict. A document listed twice \
             has two ranks, a list without the charter does not rank the charter at all, and an agreement that \
             no data flow is made under does not exist, so the clause would rank a document the partners never \
             sign."
        fix "List each document once, include \"charter\", and name only agreements that a data flow's \
             `agreement` names, for example `order = [\"business_associate_agreement\", \"charter\"]`.";
    SURVIVAL_WITHOUT_TERM = "W0445" "survival-without-term" Warning
        "A `term.survival` entry names a term the charter does not contain, such as confidentiality without `[confidentiality]`."
        why "A survival clause keeps terms in force after the charter ends or a partner withdraws. An entry \
             that names a term the charter never states keeps nothing in force, and tells the partners they \
             are protected when they are not. It is a warning because the term may live in another agreement \
             the partners sign."
        fix "Add the term the entry names (the hint says which table), or remove the entry from \
             `term.survival`.";
    NOTICE_UNREACHABLE = "W0446" "notice-unreachable" Warning
        "A partner that no way of giving notice in `[notices] methods` can reach: no e-mail address for \"email\", no postal address for the others."
        why "A notice that cannot be delivered by any agreed method cannot be given at all: a termination, a \
             breach or a withdrawal could never be notified to that partner. E-mail needs an e-mail address \
             (the partner's `notice.email`, or its signatory's when it names no notice address); hand \
             delivery, courier and post need `notice.address`. It is a warning because the partners may \
             still agree an address outside the charter."
        fix "Give the partner a `[partners.notice]` with the missing `email` or `address`, e.g. \
             `address = \"1 Lake Road, Eugene, OR 97401\"`, or add a method it can receive, such as \
             `\"email\"`.";
    RESOLUTION_WITHOUT_RECIPIENT = "E0447" "resolution-without-recipient" Error
        "A dispute ladder that ends in an internal investigation or a referral without saying who receives it, or a `to` that a resolution of another kind ignores."
        why "The last step of the dispute ladder is a term the partners agree: an investigation by no one, \
             or a referral to no one, says nothing a partner could rely on; a recipient named beside \
             mediation, arbitration or the courts would not appear in the charter, so a term the organiser \
             wrote would silently vanish."
        fix "With `resolution = \"internal_investigation\"` or `\"referral\"`, add `to` naming the body, \
             partner or organisation that receives the dispute, e.g. `to = \"board\"`; with any other \
             resolution, remove `to`.";
    TERM_OF_ANOTHER_REGIME = "E0448" "term-of-another-regime" Error
        "A data flow uses a term of art of another data protection law than its own, such as a business associate agreement under the UK GDPR."
        why "A limited data set, Safe Harbor and Expert Determination, business associate and data use \
             agreements are HIPAA's; pseudonymised and anonymised data and the data processing agreement are \
             the GDPR's. Under the other law the term has no defined meaning: a business associate agreement \
             is not the contract Article 28 of the GDPR requires, and pseudonymised data is neither a limited \
             data set nor de-identified under HIPAA. The clause would cite an instrument the law does not \
             know, so it is an error."
        fix "Under the UK or EU GDPR write `agreement = \"data_processing_agreement\"` (or \
             \"data_sharing_agreement\") and `identifiability = \"pseudonymised\"` or \"anonymised\"; under \
             HIPAA, `\"business_associate_agreement\"` or `\"data_use_agreement\"` and \"limited_data_set\", \
             \"deidentified_safe_harbor\" or \"deidentified_expert\". Or correct the flow's `regime`.";
    BREACH_WINDOW_BEYOND_72_HOURS = "W0449" "breach-window-beyond-72-hours" Warning
        "Personal data under the UK or EU GDPR whose breach notification window is longer than the 72 hours the controller has to notify the supervisory authority."
        why "Under Article 33 of the GDPR a processor notifies the controller of a personal data breach \
             without undue delay, and the controller notifies the supervisory authority (in the UK, the \
             Information Commissioner) within 72 hours of becoming aware of it. A recipient allowed longer \
             than 72 hours may wait longer than the controller itself may, which is hard to call \"without \
             undue delay\". It is a warning, not an error, because the GDPR sets the processor no fixed \
             limit. 3 business days can be 5 calendar days, and count as such."
        fix "Write a window of at most \"72 hours\"; data processing agreements commonly require 24 or 48 \
             hours.";
    PERSONAL_DATA_WITHOUT_AGREEMENT = "W0450" "personal-data-without-agreement" Warning
        "Identified or pseudonymised personal data flows under the UK or EU GDPR under this charter alone or no agreement."
        why "Article 28(3) of the GDPR requires a contract with every processor, with the terms the article \
             lists, and Article 26 an arrangement between joint controllers; the charter alone contains \
             neither. It is a warning, not an error, because a recipient that is a controller in its own \
             right needs no such contract, though a data sharing agreement is good practice."
        fix "Write `agreement = \"data_processing_agreement\"` for a recipient that processes the data on \
             the provider's behalf, or `\"data_sharing_agreement\"` between controllers.";
    EXTRAORDINARY_REQUEST_IMPOSSIBLE = "E0451" "extraordinary-request-impossible" Error
        "An extraordinary meeting that needs a request of more members than the body has seats, or of a chair the body does not have."
        why "A right to call an extraordinary meeting that no one can exercise is no right at all: the \
             minority it exists to protect could never use it. It is an error because no request could ever \
             meet the term."
        fix "Write `requested_by` as a number no larger than the body's seats, or \"any_member\", \
             \"any_partner\", or \"chair\" only for a body with a chair.";
    RENEWABLE_WITHOUT_TERM = "E0452" "renewable-without-term" Error
        "A chair whose term is said to be renewable, or not, but who has no fixed term."
        why "Renewal is of a term: a chair who serves until replaced, or whose term the charter does not \
             state, has nothing to renew, and \"renewable\" would read as a term the partners agreed to \
             without saying what it renews. It is an error because the clause cannot be applied."
        fix "Give the chair a fixed `term`, such as \"2 years\", or remove `renewable`.";
    PRIVACY_REGIME_UNSTATED = "W0453" "privacy-regime-unstated" Warning
        "Identified or pseudonymised personal data flows, but the charter states no data protection law and its terms imply none."
        why "Which law governs a flow decides what the charter must say of it: HIPAA requires a business \
             associate or data use agreement and a breach window of at most 60 days, the UK and EU GDPR a \
             data processing agreement with a processor and notice to the supervisory authority within 72 \
             hours. Where neither the charter's `privacy_regime` nor the flow's `regime` says, and no flow \
             uses a HIPAA term (a limited data set, a de-identification method, a business associate or data \
             use agreement), `check` cannot tell which rules apply, and checks none. It is a warning because \
             the law may be settled in an agreement outside the charter."
        fix "Add `privacy_regime = \"uk_gdpr\"` (or \"hipaa\", \"eu_gdpr\", or \"none_stated\" when no \
             data protection law applies) to `[charter]`, or `regime` to the data flow.";
    LAZY_CONSENSUS_WITHOUT_WINDOW = "E0454" "lazy-consensus-without-window" Error
        "A decision or amendment by lazy consensus that does not say how long members have to object."
        why "Lazy consensus lets a proposal pass unless a member objects; silence is consent only once the \
             time to object has run. With no period the proposal never passes, or passes at once before \
             anyone could object, and the partners would disagree about which. It is an error because the \
             rule cannot be applied as written."
        fix "Write the window in the rule, for example `rule = { lazy_consensus = \"7 days\" }`.";
    CONSENSUS_FALLBACK_IS_CONSENSUS = "E0455" "consensus-fallback-is-consensus" Error
        "A rule of consensus first and a vote if consensus fails, whose vote is consensus again."
        why "`consensus_then` names the vote taken when consensus fails. Consensus as that vote sends a \
             failed consensus back to consensus, and the matter can never be decided. It is an error \
             because the fallback decides nothing."
        fix "Name a voting rule as the fallback, for example `rule = { consensus_then = \"two_thirds_present\" }`, \
             or write `rule = \"consensus\"` if consensus alone decides.";
    ROLL_CALL_WITHOUT_VOTE = "W0456" "roll-call-without-vote" Warning
        "Votes on a decision are to be recorded by name, but the decision is taken by consensus or lazy consensus, where no vote is counted."
        why "A roll call records how each member voted. Under consensus, or lazy consensus, no vote is \
             counted, so the clause would promise a record that cannot exist; under `consensus_then` the \
             fallback vote is recorded. It is a warning because the partners may mean that objections are \
             minuted by name, which the minutes can say without a roll call."
        fix "Remove `roll_call`, or give the decision a rule with a vote, for example \
             `rule = { consensus_then = \"majority_body\" }`.";
    CHAIR_DECIDES_WITHOUT_CHAIR = "E0457" "chair-decides-without-chair" Error
        "Conflicts are managed as a chair decides, but no body with a chair manages them."
        why "\"The chair decides case by case\" names a person by office: the chair of the body in \
             `managed_by`. With no `managed_by`, or a body that has no chair, no one holds that office and \
             no conflict can be managed. It is an error because the measure cannot be applied."
        fix "Add `managed_by = \"<body id>\"` naming a body with a `[bodies.chair]`, or give that body a chair.";
    RECUSAL_FORMS_CONFLICT = "E0458" "recusal-forms-conflict" Error
        "Conflicts are managed both by recusal from discussion and vote and by recusal from the vote only."
        why "The two forms of recusal differ on whether a conflicted member takes part in the discussion. \
             Listed together for the same decisions, they say both, and the chair cannot tell whether to \
             ask the member to leave the room. It is an error because the measures contradict each other."
        fix "Keep one of \"recusal\" and \"recusal_from_vote\"; to treat some conflicts more strictly, \
             declare them under `[[conflicts.declared]]` with their own management.";
    BELOW_MIN_MEMBERS = "E0459" "below-min-members" Error
        "A body with fewer voting seats than its composition's `min_members`."
        why "Terms of reference that say a committee has \"at least five members\" make every decision of a \
             smaller committee open to challenge: it was not constituted as the charter says. The member \
             list and the rule are both in the charter, so a body that breaks its own rule on the day it is \
             signed is an error, not a risk."
        fix "Add the missing voting members (or `seats`) to `members`, or lower `min_members` to the voting \
             seats the body has, such as `min_members = 5`.";
    UNKNOWN_SPDX_LICENCE = "E0460" "unknown-spdx-licence" Error
        "An outbound licence that is not a valid SPDX licence expression of licences on the SPDX licence list."
        why "An outbound licence is the licence everyone receives the partnership's code or documentation \
             under, and the SPDX identifier is how package managers, scanners and courts know which text it \
             is. A misspelt identifier (\"Apache2\") names no licence at all, and a licence outside the list \
             (a `LicenseRef-`) has no text the charter states, so the release would be under terms nobody \
             agreed. It is an error because the clause cannot say which licence applies."
        fix "Write an identifier from the SPDX licence list (https://spdx.org/licenses/), such as \
             `licence = \"Apache-2.0\"`, `\"MIT\"` or `\"CC-BY-4.0\"`, or an expression of them such as \
             `\"MIT OR Apache-2.0\"`; the hint suggests the nearest identifier.";
    DEPRECATED_SPDX_LICENCE = "W0461" "deprecated-spdx-licence" Warning
        "An outbound licence whose SPDX identifier is deprecated on the SPDX licence list."
        why "SPDX deprecates an identifier when it is ambiguous: \"GPL-2.0\" does not say whether later \
             versions of the licence may be chosen, which \"GPL-2.0-only\" and \"GPL-2.0-or-later\" do. \
             The licence is still known, so it is a warning, but a reader cannot tell which of the \
             meanings the partners agreed to."
        fix "Write the identifier that replaces it; the hint names it where the SPDX list has one, such as \
             `\"GPL-2.0-only\"` or `\"GPL-2.0-or-later\"` for `\"GPL-2.0\"`.";
    HOLDER_WITHOUT_CLA = "E0462" "holder-without-cla" Error
        "Contributions under a DCO sign-off alone, with a `held_by` who holds the signed agreements."
        why "A Developer Certificate of Origin is signed off in each contribution itself: there is no signed \
             agreement for anyone to hold. Naming a holder suggests contributor licence agreements that the \
             charter does not require, so it is an error."
        fix "Remove `held_by`, or add `\"individual_cla\"` or `\"corporate_cla\"` to `agreements` if \
             contributors sign a contributor licence agreement that someone holds.";
    TRANSFER_TO_ITSELF = "E0463" "transfer-to-itself" Error
        "A transfer of existing IP whose `from` and `to` are the same partner."
        why "A partner cannot assign to itself what it already owns; the clause transfers nothing, and the \
             checklist would give the partner a duty it cannot perform. It is usually a slip for another \
             partner or the organisation."
        fix "Write in `to` the partner or organisation that receives the IP, such as the foundation.";
    TRANSFER_OUTSIDE_TERM = "W0464" "transfer-outside-term" Warning
        "A transfer of existing IP dated before the effective date or after the end of the term."
        why "The charter binds its partners from its effective date to the end of its term. A transfer due \
             before the charter is in force is a duty the partner could not have had, and one due after it \
             ends binds no one. It is a warning, not an error, because the transfer may have been agreed \
             elsewhere and be recorded here."
        fix "Write a `when` date from the effective date to the end of the term, or `when = \"on_signing\"`.";
    FOREGROUND_RELEASED_TWICE = "E0465" "foreground-released-twice" Error
        "A foreground IP category covered by more than one outbound licence."
        why "Two outbound licences on the same IP leave open whether a recipient must meet both, or may \
             choose either. SPDX writes each of those as one expression (\"MIT AND Apache-2.0\", \"MIT OR \
             Apache-2.0\"), so the charter should say which. It is an error because the release terms are \
             ambiguous."
        fix "Give the category one `[[ip.outbound]]` entry whose `licence` joins the licences with `OR` (the \
             recipient chooses) or `AND` (both apply).";
    AFFILIATION_CAP_EXCEEDED = "E0466" "affiliation-cap-exceeded" Error
        "A partner holds more of a body's voting seats than its composition's `affiliation_cap` allows."
        why "A cap such as \"no single organisation may hold more than two seats\" or \"no more than one \
             third of the voting members may be employed by one company\" keeps one partner from steering \
             the body. Every member affiliated with the partner counts: its own seats and the named persons \
             from it. A member list that breaks the cap breaks the charter's own rule, so it is an error."
        fix "Give the partner fewer voting seats (lower its `seats`, make a member `voting = false`, or seat \
             someone from another partner), or raise the cap, such as `affiliation_cap = { seats = 2 }` or \
             `{ share = \"1/3\" }`. A share is of the body's voting seats, rounded down.";
    CONSTITUENCY_WITHOUT_MEMBERS = "E0467" "constituency-without-members" Error
        "A constituency of a body that selects no member: no selector, or a role or partner no member has."
        why "A constituency such as \"lay members\" is chosen by the members' `role` on the body or their \
             `partner`. A role written differently from the member's (\"Lay member\" for \"lay member\"), \
             or a partner with no seat on the body, selects no one, and the seats and quorum the charter \
             promises the group could never be counted. It is an error because the rule cannot be applied."
        fix "Write each of `roles` exactly as a member's `role` on the body (the hint lists them), and name \
             in `partners` only partners with a member entry on the body, such as `roles = [\"lay member\"]`.";
    CONSTITUENCY_MIN_EXCEEDS_SEATS = "E0468" "constituency-min-exceeds-seats" Error
        "A constituency's `min` is more than the voting seats of the members it selects."
        why "\"At least one lay member and one clinician\" is a promise about the body as constituted: a \
             body whose selected members hold fewer voting seats than `min` breaks it from the day the \
             charter is signed. Non-voting members do not count, since the composition is of the voting \
             members. It is an error because the charter contradicts itself."
        fix "Seat more voting members of the group (or give them more `seats`), select more members with \
             `roles` or `partners`, or lower `min` to the seats they hold, such as `min = 1`.";
    CONSTITUENCY_QUORUM_UNREACHABLE = "E0469" "constituency-quorum-unreachable" Error
        "A constituency's part of the quorum is more than its `min`, or the parts of the quorum add up to more than the quorum."
        why "\"A quorum is three members including one lay member\" works only if the body always has a lay \
             member and three is room enough for everyone the quorum must include. A constituency that must \
             bring more members to a quorum than the body must have could leave the body never quorate; \
             constituencies (with no member in common) that must bring more members together than the \
             quorum itself mean the quorum is not what the charter says. Both are errors."
        fix "Lower the constituency's `quorum` to at most its `min`, or raise `min`; where the parts add up to \
             more than the quorum, raise the body's `quorum` to at least their sum, or lower a part, such \
             as `quorum = 1`.";
    SIGNATORY_REQUIRED = "E0470" "signatory-required" Error
        "A partner with no signatory in a document its partners sign: a charter, a memorandum of understanding or an agreement, or any document whose amendments every partner signs."
        why "A charter, a memorandum or an agreement comes into force when every partner signs it, and an \
             amendment that `signed_by_all` takes effect when every partner has signed it: a partner with no \
             signatory could never sign, so the document would never bind it. Only a standing document \
             (terms of reference, a policy, a technical charter) adopted by a body goes without signatures. \
             It is an error because the signature page would have no one to sign for the partner."
        fix "Add `[partners.signatory]` with `name` and `title`, such as `signatory = { name = \"Ana Ruiz\", \
             title = \"Chief Executive Officer\" }`; or, for terms of reference, a policy or a technical \
             charter, state `kind` and an `[adoption]`, and remove `signed_by_all` from `[amendment]`.";
    STANDING_WITHOUT_ADOPTION = "E0471" "standing-without-adoption" Error
        "A standing document (terms of reference, a policy, a technical charter) with a partner that has no signatory, and no adoption record."
        why "A standing document comes into force either when its partners sign it or when a body adopts \
             it. With neither a signatory for every partner nor an `[adoption]` saying which body adopted it, \
             when and by which decision, nothing in the document says how it came into force or binds the \
             partner. It is an error because the document would have neither a signature page nor an \
             adoption clause."
        fix "Add `[adoption]` with the body that adopted the document and the date, such as `body = \"dac\", \
             date = 2026-04-01, decision = \"approve-terms\"`, or give every partner a `[partners.signatory]`.";
    TERM_AND_LAW_REQUIRED = "E0472" "term-and-law-required" Error
        "A charter, memorandum of understanding or agreement with no `[term]` or no governing law."
        why "A document the partners sign commits them for a time and under a law: without a `[term]` it \
             says neither how long it runs nor how a partner may withdraw or end it, and without a \
             `jurisdiction` no law decides what its words mean. Only a standing document (terms of \
             reference, a policy, a technical charter) may leave them out: it stands until the body that \
             adopted it changes it. It is an error because the signed document would be missing terms every \
             such document states."
        fix "Add `jurisdiction = \"England and Wales\"` to `[charter]`, or a `[term]` with its length, \
             renewal, notices and withdrawal; or, for a standing document, state its `kind`, such as \
             `kind = \"terms_of_reference\"`.";
    EFFECTIVE_DATE_REQUIRED = "E0473" "effective-date-required" Error
        "A document with no effective date and no adoption record to take effect on."
        why "Every date the document measures from its start (its term, its phases, the checklist's \
             deadlines) needs a first day. A document adopted by a body takes effect on its adoption when it \
             states no `effective_date`; any other needs one. It is an error because no date could be \
             worked out."
        fix "Add `effective_date = 2026-04-01` to `[charter]`, or an `[adoption]` with the date the body \
             adopted the document.";
    ADOPTION_DECISION_OF_ANOTHER_BODY = "E0474" "adoption-decision-of-another-body" Error
        "An adoption record whose decision is taken by another body than the one it says adopted the document."
        why "The adoption clause says that the body adopted the document by that decision, but the decision \
             matrix gives the decision to another body: the document would contradict itself about who \
             adopted it. It is an error because a reader could not tell which body's adoption brought the \
             document into force."
        fix "Name in `[adoption]` the body the decision belongs to, or a decision of the adopting body, \
             such as `decision = \"approve-terms\"` with `body = \"dac\"` in that `[[decisions]]` entry.";
    ADOPTION_AFTER_EFFECTIVE_DATE = "W0475" "adoption-after-effective-date" Warning
        "A document adopted after the date it says it takes effect."
        why "The duties the document dates from its effective date (the checklist's deadlines, the first \
             meetings, the phases) would fall due before the body had adopted it. Adopting a document with \
             effect from an earlier date is sometimes meant, so it is a warning, not an error; more often \
             one of the dates is a typo."
        fix "Give `[adoption]` its true `date`, and set `effective_date` on or after it, or remove \
             `effective_date` so that the document takes effect on its adoption.";
    PHASES_OUT_OF_ORDER = "E0476" "phases-out-of-order" Error
        "A phase listed after another that starts later."
        why "The charter presents the phases in the order the file lists them, and each gate judges the \
             phase before it: a phase listed after one that starts later reads as coming after it, and the \
             document then contradicts its own dates. It is an error because a reviewer cannot tell whether \
             the order or the dates are the term."
        fix "List the `[[phases]]` tables in the order they run, or correct the date that is wrong.";
    GATE_WITHOUT_METRICS = "W0477" "gate-without-metrics" Warning
        "A phase whose gate judges no success metric."
        why "A go/no-go gate with no metric is decided by opinion alone, and no one can say in advance what \
             result would stop the work. It is a warning because some gates are a choice that no metric \
             decides (whether to exercise an option, say): accept it in `[[exceptions]]` with the reason."
        fix "Add a `[[phases.metrics]]` table after the phase, with a `name` and one threshold, such as \
             `at_least = 0.80`; or accept the warning for that phase with the reason.";
    SEVERAL_PRIMARY_METRICS = "E0478" "several-primary-metrics" Error
        "A phase with more than one metric marked primary."
        why "The primary metric is the one the gate turns on above all others; two of them leave the gate \
             to choose between them when they disagree, which is what marking one primary is meant to \
             settle."
        fix "Keep `primary = true` on one metric of the phase and remove it from the others.";
    PUBLICATION_DELAY_EXCEEDS_CAP = "E0479" "publication-delay-exceeds-cap" Error
        "The manuscript review period plus the patent delay is longer than the partners' own cap on the total delay."
        why "`max_total_delay` is the partners' promise of how long a manuscript can be held back at most; a \
             review period and a patent delay that add up to more contradict it, and the charter would grant \
             a delay its own cap forbids. It is an error, unlike the built-in 180-day warning (W0434), because \
             the partners set the limit themselves."
        fix "Shorten `review` or `patent_delay` so that together they fit within `max_total_delay`, or raise \
             the cap.";
    VERSIONS_OUT_OF_ORDER = "E0480" "versions-out-of-order" Error
        "A version in the history adopted before the version listed ahead of it."
        why "The version history is read from the oldest version to the newest, and each entry is the \
             version that replaced the one above it: an entry adopted earlier than the one before it makes \
             the history contradict its own dates. It is an error because a reviewer could not tell which \
             version replaced which."
        fix "List the `[[versions]]` tables oldest first, or correct the `adopted` date that is wrong.";
    VERSION_LISTED_TWICE = "E0481" "version-listed-twice" Error
        "Two entries of the version history with the same version number."
        why "Each version number names one text the partners agreed; two entries for it would give that \
             text two adoption dates or two summaries. It is an error because an approval or a citation of \
             that version could mean either."
        fix "Give each `[[versions]]` entry its own `version`, such as `version = \"1.1\"`, or merge the two \
             entries into one.";
    VERSION_NOT_IN_HISTORY = "W0482" "version-not-in-history" Warning
        "A version history that does not list the document's own version."
        why "A version history ends with the version it is part of: a history that leaves out the \
             `[charter] version` says nothing of when this text was adopted or what it changed, and reads as \
             if an older version were the latest. It is a warning, not an error, because a new version is \
             often drafted before its entry is written."
        fix "Add a `[[versions]]` entry for this version, such as `version = \"1.1\", adopted = 2027-03-01, \
             summary = \"Adds the pilot phase.\"`.";
    ORIGINAL_AFTER_EFFECTIVE = "E0483" "original-after-effective" Error
        "An original effective date later than the date this version takes effect, or later than a version's adoption."
        why "`original_effective_date` is the day the first version took effect and the term runs from it; \
             a later version cannot take effect before the first one did. It is an error because the term \
             and every date measured from it would start after the document already applied."
        fix "Set `original_effective_date` to the day the first version took effect, on or before \
             `effective_date`, or remove it when this is the first version.";
    DATA_USE_DETAIL_MISSING = "E0484" "data-use-detail-missing" Error
        "A data use code whose detail is missing: DS without `disease`, MOR without `moratorium`, TS without `time_limit`, GS without `geography`, RS without `research_type`."
        why "These codes of the Data Use Ontology are conditions with a blank in them: research on *which* \
             disease, no publication before *which* date, use for *how long*, *where*, for *which* kind of \
             research. Without the detail the condition cannot be kept or checked. It is an error because \
             the clause would state a restriction nobody could follow."
        fix "Add the detail beside the code, such as `disease = \"sepsis\"` for DS, `moratorium = 2027-01-01` \
             for MOR, `time_limit = \"3 years\"` for TS, `geography = \"the United Kingdom\"` for GS or \
             `research_type = \"cardiovascular outcomes research\"` for RS.";
    DATA_USE_DETAIL_WITHOUT_CODE = "E0485" "data-use-detail-without-code" Error
        "A data use detail given without the code it belongs to, such as a `disease` when the permission is not DS."
        why "A detail only means something as part of its code: a disease without DS, or a moratorium date \
             without MOR, says nothing the data use conditions would enforce, and the documents would leave \
             it out. It is an error because the organiser meant a condition that the charter does not state."
        fix "Add the code the detail belongs to (DS for `disease`, MOR for `moratorium`, TS for \
             `time_limit`, GS for `geography`, RS for `research_type`), or remove the detail.";
    DATA_USE_CONTRADICTION = "E0486" "data-use-contradiction" Error
        "Data use codes that contradict each other or repeat: a modifier listed twice, NRES (no restriction) with a restriction, or POA with NPOA."
        why "NRES says the data may be used with no restriction, so any modifier contradicts it; POA allows \
             only research on population origins or ancestry, which NPOA forbids. A modifier listed twice \
             is harmless but is usually a slip for another code. It is an error because the conditions \
             could not all be kept."
        fix "Remove the code that is wrong: a restriction from an NRES flow (or choose GRU or HMB as the \
             permission), NPOA from a POA flow, or the repeated modifier.";
    NOT_FOR_PROFIT_DATA_TO_A_COMPANY = "W0487" "not-for-profit-data-to-a-company" Warning
        "Data limited to use by not-for-profit organisations (NPU) flows to a partner that is a company."
        why "NPU limits the data to not-for-profit organisations, and a company (`kind = \"industry\"`) is \
             not one: the flow would give the data to a recipient its own conditions exclude. It is a \
             warning, not an error, because the provider may have agreed an exception with the company \
             outside the charter; accept it in `[[exceptions]]` with the reason if so."
        fix "Remove the company from `recipients`, replace NPU with NCU (non-commercial use, which a \
             company may make), or accept the warning for the flow with the reason.";
    MAJORITY_ON_OWN_MATTER = "E0488" "majority-on-own-matter" Error
        "A partner holds a majority of the voting seats on the body that takes a decision concerning it, and does not recuse."
        why "A decision about a partner's own product, performance or obligations is only worth having if \
             the others can outvote it; a partner with most of the votes decides its own case, wherever the \
             decision sits. It is an error because the decision could never be seen as independent. Under \
             unanimity or consensus every other member can still block it, so those rules are not reported."
        fix "Reduce the partner's voting seats on that body below half, or make them non-voting \
             (`voting = false`); move the decision to a body the partner does not control; or declare the \
             partner's conflict on the decision, with recusal, in `[[conflicts.declared]]`.";
    CASTING_VOTE_ON_OWN_MATTER = "E0489" "casting-vote-on-own-matter" Error
        "The chair who breaks a tie on a decision is the representative of a partner the decision concerns."
        why "A casting vote decides exactly the close cases; held by the partner a decision concerns, it \
             lets that partner settle its own case whenever the others are divided. It is an error because \
             the tie-break would never be independent of the partner it judges."
        fix "Give that decision to a body whose chair is independent of the partner, remove the chair's \
             `casting_vote`, or declare the partner's conflict on the decision, with recusal, in \
             `[[conflicts.declared]]`.";
    TERMINATION_TERM_UNUSED = "E0490" "termination-term-unused" Error
        "A `cure_period` or `termination_notice` that none of the grounds listed in `termination` uses."
        why "Where `[term]` lists its grounds for ending the charter early, a cure period belongs to \
             termination for breach, and a notice of termination to termination by agreement or for \
             convenience, or to stopping an automatic renewal. A period that no ground uses appears in no \
             clause: the partners agreed a term the charter does not state, or listed the grounds wrongly."
        fix "Add the ground the period belongs to (`\"for_breach\"` for `cure_period`, `\"by_agreement\"` \
             for `termination_notice`) to `termination`, or remove the period.";
    CONVENIENCE_TERMINATION_WITHOUT_NOTICE = "W0491" "convenience-termination-without-notice" Warning
        "Any partner may end the charter for any reason, and `[term]` gives no `termination_notice`."
        why "Termination for convenience without notice lets a partner end the charter on the day it \
             says so, with data in transit and work half done. It is a warning because some short \
             collaborations accept that."
        fix "Add `termination_notice = \"90 days\"` to `[term]`, or accept the warning in `[[exceptions]]`.";
    BREACH_TERMINATION_WITHOUT_CURE = "W0492" "breach-termination-without-cure" Warning
        "The other partners may end a partner's participation for breach, and `[term]` gives no `cure_period`."
        why "Without a cure period, any breach, however small or quickly mended, lets the others put a \
             partner out at once. Agreements usually give written notice and a time to cure first. It is \
             a warning because a charter may mean exactly that."
        fix "Add `cure_period = \"30 days\"` to `[term]`, or accept the warning in `[[exceptions]]`.";
    ONE_PARTNER_ENDS_ALL = "W0493" "one-partner-ends-all" Warning
        "Termination for convenience in a charter of more than two partners: any one of them may end it for all."
        why "Between two partners, ending the agreement for convenience and withdrawing are the same act. \
             Among three or more, `for_convenience` lets one partner end the charter for every other \
             partner, who may want to go on without it; a partner that wants out usually withdraws \
             instead. It is a warning because some consortia want any member to be able to end it."
        fix "Remove `\"for_convenience\"` from `termination` and give `withdrawal_notice`, or accept the \
             warning in `[[exceptions]]`.";
    WITHDRAWAL_BEFORE_NOTICE = "E0494" "withdrawal-before-notice" Error
        "A partner's withdrawal took effect before the day it gave notice of it."
        why "Notice of withdrawal comes first and the withdrawal takes effect after it: dates the other way \
             round are a mistake in one of them, and every duty that runs from either date (the end of its \
             seats, the return of its data) would be dated wrongly."
        fix "Correct `withdrawal_notified` (the day of the written notice) or `withdrawn` (the day the \
             withdrawal took effect).";
    USE_END_OUTSIDE_TERM = "E0495" "use-end-outside-term" Error
        "A data flow's use ends on a date of `use_ends` before the term begins or after it ends."
        why "The permitted use of a flow's data runs under the charter, from the start of its term to its end \
             at the latest. A use that ends before the term begins could never start, and a date after the \
             term ends never comes, since the use has ended with the charter: either way the date is a slip, \
             and the clause on the end of use would name a day that ends nothing. It is an error because the \
             partners would sign an end of use that cannot happen as written."
        fix "Write a date within the term, such as `{ date = 2027-06-30 }`, or `\"term_end\"` for the end \
             of the term.";
    USE_END_NOT_IN_TERM = "E0496" "use-end-not-in-term" Error
        "A data flow's use ends on an event its document does not provide: the end of a term it does not have, a termination it states no ground for, or a withdrawal it says nothing of."
        why "A standing document (terms of reference, a policy) without a `[term]` has no end of term, no \
             termination and no withdrawal: it stands until the body that adopted it changes it. A `[term]` \
             with `termination = []` (or no key that implies a ground) cannot be terminated, and one that \
             gives neither `withdrawal_notice` nor `on_withdrawal` says nothing of withdrawal. A use that \
             ends on such an event would never end that way, though the clause says it does. It is an \
             error because the data's return or destruction would hang on an event the document does not \
             have."
        fix "End the use on a date or at the end of a phase, such as `use_ends = [{ date = 2027-06-30 }]` \
             or `[{ phase = \"pilot\" }]`; or give the document the term it lacks: a `[term]`, its grounds \
             in `termination = [\"by_agreement\"]`, or a `withdrawal_notice`.";
    WITHDRAWAL_NOTICE_SHORT = "W0500" "withdrawal-notice-short" Warning
        "A partner withdrew sooner after its notice than the `withdrawal_notice` of `[term]` allows."
        why "The notice period protects the other partners: seats to refill, data to recover, work to hand \
             over. A withdrawal that took effect earlier breaks the charter's own term. It is a warning \
             because the partners may have agreed a shorter notice for this withdrawal."
        fix "Write a `withdrawn` date no earlier than the notice date plus `withdrawal_notice`, or accept \
             the warning in `[[exceptions]]` with the partners' agreement as the reason.";
    WITHDRAWN_OBLIGATION_NOT_SURVIVING = "E0501" "withdrawn-obligation-not-surviving" Error
        "A withdrawn partner still owns an obligation that its `surviving` duties leave out."
        why "`surviving` lists what still binds a partner after its withdrawal. An obligation it still owns \
             but that is not listed binds it according to the obligations and not according to its \
             withdrawal: the charter contradicts itself, and the checklist would hold it to a duty the \
             charter says ended."
        fix "Add the obligation's id to the partner's `surviving.obligations`, or give the obligation to a \
             partner that has not withdrawn.";
    SURVIVING_WITHOUT_WITHDRAWAL = "E0502" "surviving-without-withdrawal" Error
        "`surviving` on a partner that has neither withdrawn nor given notice of withdrawal."
        why "What survives a withdrawal binds a partner once it withdraws. On a partner that has not withdrawn \
             and is not withdrawing, the list states nothing, and is most likely on the wrong partner."
        fix "Add `withdrawal_notified` or `withdrawn` to the partner, or move `surviving` to the partner that \
             withdraws; the general survival of terms belongs in `[term] survival`.";
    SURVIVING_CONFIDENTIALITY_WITHOUT_CLAUSE = "E0503" "surviving-confidentiality-without-clause" Error
        "Confidentiality is to survive a partner's withdrawal, and the charter has no `[confidentiality]`."
        why "`surviving.confidentiality = true` keeps the withdrawn partner bound by the confidentiality \
             clause; without one there is no duty to keep, and the sentence would promise a term the \
             partners never wrote."
        fix "Add a `[confidentiality]` table, or remove `confidentiality = true` from `surviving`.";
    CONSENT_OF_NO_PARTNER = "E0504" "consent-of-no-partner" Error
        "A decision's `consent_of` names no one, or a kind of partner that no partner taking part is."
        why "`consent_of` adds the written consent of a group of partners to the body's rule. An empty \
             group, or a kind no partner has, adds no one: the charter would promise a consent nobody \
             gives, and a reviewer cannot tell whom the partners meant."
        fix "Name the partners in `consent_of.partners`, or a kind some partner has in `consent_of.kinds`; \
             or remove `consent_of`.";
    CONSENT_OF_EVERY_PARTNER = "W0505" "consent-of-every-partner" Warning
        "A decision needs the consent of every partner, so each of them holds a veto over it."
        why "A compound rule gives a group of partners a say without giving one to everyone else. When the \
             group is every partner, any one of them can block the decision and the body's rule decides \
             nothing by itself: the charter reads as a vote, and works as unanimity. It is a warning \
             because the partners may want exactly that."
        fix "Narrow `consent_of` to the partners that must agree, or write `rule = \"unanimity\"` so that the \
             veto is plain; or accept the warning in `[[exceptions]]`.";
    PUBLICATION_APPROVAL = "W0506" "publication-approval" Warning
        "A term gives partners the right to approve publications: `review_kind = \"approval\"`, or a decision, licence purpose or benefit that approves or blocks them."
        why "Whoever must approve a manuscript can keep its results from being published. Journals, the \
             ICMJE recommendations and most universities' policies allow a sponsor or partner to review \
             and comment, and to remove its confidential information, but not to approve or suppress \
             results. A right to approve hidden in a decision, a licence or a benefit is as strong as one \
             in the publication clause. It is a warning because some partnerships accept it knowingly."
        fix "Give partners a review with comments only (`[publication] review_kind = \"comment\"`) and reword \
             the term, or accept the warning in `[[exceptions]]` with the reason.";
    PUBLICATION_REVIEW_CONTRADICTION = "E0507" "publication-review-contradiction" Error
        "A decision, licence purpose or benefit approves publications, while `review_kind = \"comment\"` says partners do not approve them."
        why "With `review_kind = \"comment\"` the charter says that partners review manuscripts but do not \
             approve their content. A term elsewhere that approves or blocks publications says the \
             opposite, and the rendered charter would contradict itself: a court, not the partners, \
             would decide which of the two binds."
        fix "Reword the term so that it does not approve or block publications, or write \
             `review_kind = \"approval\"` if the partners do approve them.";
    INDEPENDENT_CONFLICT_NOT_A_MEMBER = "E0508" "independent-conflict-not-a-member" Error
        "A declared conflict names no partner, and its `person` is not an independent member of any body."
        why "A conflict without a partner is an independent member's: a person who sits on a body in their \
             own name. If no body has that person as an independent member, the charter cannot say whose \
             vote the recusal removes, and the check of quorums after recusal would miss it."
        fix "Name the partner (`partner = \"…\"`) for a partner's conflict, or write `person` exactly as the \
             independent member's entry in the body's `members` spells it.";
    FOREGROUND_NOT_EXPECTED = "E0509" "foreground-not-expected" Error
        "`foreground_expected = false`, and `[ip]` still lists foreground IP or licences of it."
        why "`foreground_expected = false` has the charter say that the partners expect no new intellectual \
             property. Categories of foreground IP, or licences of it, in the same `[ip]` say the \
             opposite: a reviewer cannot tell which the partners meant."
        fix "Remove `foreground_expected = false`, or remove the `[[ip.foreground]]` and `[[ip.licences]]` \
             entries.";
    OFFICER_NOT_MEMBER = "E0510" "officer-not-member" Error
        "An officer of a body is the representative of a partner that has no seat on it."
        why "A vice chair, secretary or treasurer acts for the body: calls its meetings in the chair's \
             absence, keeps its minutes or its accounts. An officer from a partner outside the body is a \
             hidden extra member, or an officer who cannot take part in what they record; either way the \
             body is not what its member list says."
        fix "Add the partner to `members`, or choose the officer from the members.";
    DUPLICATE_OFFICER = "E0511" "duplicate-officer" Error
        "A body names the same office twice in `officers`."
        why "A body has one vice chair, one secretary, one treasurer. Two entries for the same office give \
             it two holders, or two terms for one holder, and the charter would say both: a reviewer cannot \
             tell which the partners meant, and the diff cannot tell the two apart."
        fix "Keep one entry for each `role`, and remove or merge the other.";
    TERM_LIMIT_WITHOUT_TERM = "E0512" "term-limit-without-term" Error
        "A chair or officer with a `term_limit` but no fixed term."
        why "A term limit counts terms: a chair or officer who serves until replaced, or whose term the \
             charter does not state, has no terms to count, and \"at most two consecutive terms\" would \
             read as a rule nobody could apply. It is an error because the clause cannot be applied."
        fix "Give the chair or officer a fixed `term`, such as \"2 years\", or remove `term_limit`.";
    CHAIR_DUTY_WITHOUT_CHAIR = "E0513" "chair-duty-without-chair" Error
        "A body's vacancies are filled by the chair's interim appointment, or its observers invited by the chair, and the body has no chair."
        why "`filled_by = \"chair_interim\"` and `invited_by = \"chair\"` give the chair a duty. A body the \
             charter gives no chair has no one to do it: a seat would stay empty, or no observer could be \
             invited, though the clause says otherwise."
        fix "Add a `[bodies.chair]`, or give the duty to someone else: `filled_by = \"election\"` or \
             `\"appointing_partner\"`, `invited_by = \"body\"`.";
    EXCLUDED_ATTENDEE_TERMS = "E0514" "excluded-attendee-terms" Error
        "Terms for alternates or observers that the body does not admit: `voting` with `allowed = false`, or `invited_by` with `admitted = \"not_admitted\"`."
        why "A term of how an alternate votes, or of who invites observers, says that they attend; \
             `allowed = false` or `\"not_admitted\"` says that they do not. The charter would render only \
             one of the two, and a term the partners wrote would silently vanish."
        fix "Remove `voting` or `invited_by`, or admit the alternates (`allowed = true`) or observers \
             (`admitted = \"by_invitation\"`).";
    TERM_LIMIT_NOT_RENEWABLE = "E0515" "term-limit-not-renewable" Error
        "A chair whose term is not renewable, with a `term_limit` of more than one term."
        why "`renewable = false` says the chair serves one term; a limit of two or more consecutive terms \
             says the chair may serve again. The chair clause would state both, and contradict itself."
        fix "Remove `renewable = false`, or write `term_limit = 1` (or remove it).";
    SAFE_HARBOR_IDENTIFIER = "E0520" "safe-harbor-identifier" Error
        "A flow de-identified by the Safe Harbor method lists one of the 18 identifiers among its `elements`."
        why "The Safe Harbor method (45 CFR 164.514(b)(2)) de-identifies data only when all 18 identifiers \
             are removed: names, places smaller than a state, every element of a date but the year, ages over \
             89, contact details, record and account numbers, and the rest. Data that keeps one is protected \
             health information, whatever the charter calls it, and its recipients would hold PHI under \
             terms written for data that is not. The rule applies to flows under HIPAA."
        fix "Generalise the element (\"zip3\" for \"zip5\", \"date_years\" for \"dates_finer_than_year\", \
             \"ages\" for \"ages_over_89\") or remove it; if the recipients need it, de-identify by Expert \
             Determination (`identifiability = \"deidentified_expert\"`).";
    LIMITED_DATA_SET_DIRECT_IDENTIFIER = "E0521" "limited-data-set-direct-identifier" Error
        "A limited data set lists a direct identifier among its `elements`."
        why "A limited data set may keep dates, towns, counties and five-digit ZIP codes, but 45 CFR \
             164.514(e)(2) requires it to exclude the direct identifiers: names, street addresses, telephone \
             and fax numbers, e-mail addresses, social security, medical record, health plan, account and \
             licence numbers, vehicle and device identifiers, URLs, IP addresses, biometric identifiers and \
             full-face photographs. With one of them the data is identified PHI, which a data use agreement \
             does not cover. The rule applies to flows under HIPAA."
        fix "Remove the direct identifier from `elements` (a street address can become \"city\" or \"zip5\"), \
             or write `identifiability = \"identified\"` under the agreement identified data needs.";
    IDENTIFIER_ABOVE_DATA_CEILING = "E0522" "identifier-above-data-ceiling" Error
        "A partner limited to de-identified data or less receives a flow whose `elements` include a Safe Harbor identifier."
        why "A data ceiling of de-identified, anonymised or aggregate data promises that the partner never holds \
             an identifier. A flow at a tier within the ceiling that still carries five-digit ZIP codes or \
             names breaks the promise in the same document that makes it. Data de-identified by the Safe \
             Harbor method is E0520's, and data de-identified by Expert Determination rests on the expert's \
             finding, which the ceiling accepts or E0523 reports. The rule applies to flows under HIPAA."
        fix "Remove the identifiers from the flow's `elements`, or send the partner a separate flow without \
             them.";
    DEIDENTIFICATION_METHOD_NOT_ACCEPTED = "E0523" "deidentification-method-not-accepted" Error
        "A partner's `data_ceiling` names the de-identification methods it accepts, and a flow to it is de-identified by another."
        why "Some partners accept only Safe Harbor data, whose removal of the 18 identifiers they can check \
             themselves, and not an expert's determination they cannot; others the reverse. A flow by a \
             method the partner refuses contradicts its ceiling, though the tiers are equally identifiable."
        fix "Add the flow's method to the ceiling's `methods`, as `methods = [\"safe_harbor\", \
             \"expert_determination\"]`, or send the partner data de-identified by a method it accepts.";
    FREE_TEXT_IN_DEIDENTIFIED_DATA = "W0524" "free-text-in-deidentified-data" Warning
        "A flow that is not identified lists free-text clinical notes among its `elements`."
        why "Free text names patients, relatives, dates and record numbers in passing, so a list of elements \
             can say the data is de-identified while the notes identify. It is a warning because notes can \
             be redacted before they leave the provider; the charter should then say so."
        fix "Write \"redacted_free_text_notes\" in place of \"free_text_notes\" once the identifiers are \
             removed from the notes, or leave the notes out.";
    EVEN_SPLIT_PASSES = "W0530" "even-split-passes" Warning
        "A threshold of at least one half, which passes a motion on an evenly split vote."
        why "With `at_least = \"1/2\"` a vote of five for and five against passes, and so would the opposite \
             motion put to the same members: two contradictory decisions can both be taken. Majority rules \
             say \"more than half\" for that reason. It is a warning because some partnerships mean it, for \
             a matter where action is to win on a split."
        fix "Write `more_than = \"1/2\"` for a majority, or accept the warning in `[[exceptions]]` with the \
             reason.";
    THRESHOLD_BELOW_HALF = "E0531" "threshold-below-half" Error
        "A threshold whose share is less than one half, so that a minority decides."
        why "A rule that passes with less than half of what it counts lets a minority bind the others, and \
             lets a motion and its opposite both pass, each with its own minority. No partnership charter \
             decides that way; the share is usually a slip for the quorum or for a larger fraction."
        fix "Give the threshold a share of one half or more, such as `more_than = \"1/2\"` or `at_least = \
             \"2/3\"`; for how many members must be present, set the body's `quorum`.";
    NON_PARTNER_APPLICANT_UNBOUND = "W0532" "non-partner-applicant-unbound" Warning
        "Researchers who are not partners may apply for access to the data, and no `applicant_agreement` says what binds them."
        why "The charter binds only the partners that agree to it. A researcher at another organisation who \
             is given access is bound by none of its data terms (permitted uses, no attempt to \
             re-identify, breach notice) unless an agreement of their own says so: data access \
             committees have each applicant's organisation sign a data access agreement first."
        fix "Name the agreement, for example `applicant_agreement = \"the Data Access Agreement\"`, or accept \
             the warning in `[[exceptions]]` with the reason.";
    ENVIRONMENT_WITHOUT_OUTPUT_REVIEW = "W0533" "environment-without-output-review" Warning
        "The data is used only inside a secure environment, and no decision (`outputs`) approves what leaves it."
        why "A secure research environment protects the data only if what leaves it is checked: a table of \
             small counts or a model can disclose a patient as surely as a record. The Five Safes \
             framework calls this safe outputs, and every trusted research environment has an output \
             check before release."
        fix "Add a decision that approves each output before it leaves, and name it: `outputs = \
             \"output-release\"`.";
    CONTROLLER_AND_PROCESSOR = "E0534" "controller-and-processor" Error
        "A partner is named both a controller and a processor of the data."
        why "Under the UK and EU GDPR a controller decides why and how the data is processed; a processor \
             acts only on a controller's documented instructions (Article 28). A partner cannot be both for \
             the same data: the charter would give it duties that contradict each other."
        fix "Remove the partner from `processors`, or from `controllers` if it acts only on instructions.";
    PROCESSOR_WITHOUT_PROCESSING_AGREEMENT = "E0535" "processor-without-processing-agreement" Error
        "A processor receives identifiable data under an agreement that is not a processing agreement."
        why "A processor may process personal data only under a contract that sets out the controller's \
             instructions and the processor's duties: a data processing agreement (GDPR Article 28(3)), or \
             under HIPAA a business associate agreement. A data sharing or data use agreement is made \
             between controllers, and does not bind a processor to instructions."
        fix "Write `agreement = \"data_processing_agreement\"` (under HIPAA, `\"business_associate_agreement\"`) \
             for the flow to the processor, or remove the partner from `processors`.";
    PROCESSING_AGREEMENT_WITHOUT_PROCESSOR = "W0536" "processing-agreement-without-processor" Warning
        "A flow is made under a data processing agreement, and its recipient is not among `[data_access] processors`."
        why "A data processing agreement makes its recipient a processor, acting only on the provider's \
             instructions. Where the charter names its processors and this recipient is not one of them, \
             either the list or the agreement is wrong, and a reviewer cannot tell whether the recipient \
             may decide its own use of the data."
        fix "Add the recipient to `processors`, or make the flow under a data sharing agreement if the \
             recipient decides its own use.";
    UNKNOWN_MEMBERSHIP_CLASS = "E0540" "unknown-membership-class" Error
        "A body's member names a class that `[[membership_classes]]` does not define."
        why "The seats of a class are counted from its members: a class the charter does not define has \
             none, so the body would be rendered with seats no one holds, and its quorum and majorities \
             would be counted without them."
        fix "Define the class in `[[membership_classes]]` with its `members`, or write the id of one that is \
             defined: `class = \"platinum\"`.";
    PARTNER_IN_TWO_CLASSES = "E0541" "partner-in-two-classes" Error
        "A partner is listed in two membership classes, or twice in one."
        why "A class gives each of its members the same seats; a partner in two classes would hold the \
             seats of both, and the charter would not say which class it belongs to, or what it pays and \
             receives."
        fix "Keep the partner in the one class it belongs to, and remove it from `members` of the other.";
    CLASS_MEMBER_WITH_PARTNER = "E0542" "class-member-with-partner" Error
        "A body's member names a class together with a partner or a person."
        why "An entry for a class gives seats to every member of the class; a partner or a person on the \
             same entry leaves unclear whether the seats are the class's, the partner's or the person's, \
             and they would be counted twice."
        fix "Write the class on an entry of its own, `{ class = \"platinum\", seats = 1 }`, and the partner or \
             person on another.";
    EMPTY_MEMBERSHIP_CLASS = "W0543" "empty-membership-class" Warning
        "A membership class has no members, and a body gives it seats."
        why "The seats of a class are its members times the seats of each: with no members they count \
             nothing, and the body's quorum and majorities are counted as if the class were not on it, \
             which is seldom what a charter that gives it seats means."
        fix "List the partners of the class in `members = [\"brightwater\"]`, or remove the class from the \
             body until it has members.";
    ROSTER_UNREADABLE = "E0544" "roster-unreadable" Error
        "The roster a membership class names cannot be read: no file at that path, or not text."
        why "The members a roster lists hold the class's seats, so the charter's quorums, majorities and caps \
             cannot be counted, nor the class defined, without it. A roster that is missing is most often a \
             path written from the wrong directory: it is read relative to the charter's own file."
        fix "Write the roster's path relative to the charter's file (`roster = \"rosters/sponsors.toml\"`), \
             and put one `[[members]]` table in it per member, with its `id` and `name`; or list the \
             partners in `members` and leave `roster` out.";
    ROSTER_INVALID = "E0545" "roster-invalid" Error
        "A roster file has a problem: it is not TOML, has a key a roster does not have, or lists a member \
         without a valid id and a name, or twice."
        why "A roster stands for a list of members the charter relies on for its seats. A member the loader \
             cannot read would silently lose its seats, and one listed twice would hold them twice. Every \
             problem is reported at once, with the roster's own line."
        fix "Give the roster only `as_of = 2026-11-01` and its `[[members]]` tables, each with exactly an \
             `id = \"northwind\"` (lowercase letters, digits and hyphens, unique in the roster) and a \
             `name = \"Northwind Health\"`.";
    BASIS_NOT_NEEDED_FOR_PHI = "E0550" "basis-not-needed-for-phi" Error
        "Identified data or a limited data set flows under HIPAA with `basis = \"not_needed\"`."
        why "Only de-identified or aggregate data is free of the HIPAA Privacy Rule. Identified data and a \
             limited data set are protected health information, and may be disclosed only on a basis: each \
             patient's authorization (45 CFR 164.508), an IRB or privacy board waiver (164.512(i)), \
             reporting to a public health authority (164.512(b)), or an agreement (a data use agreement \
             for a limited data set, 164.514(e))."
        fix "Write `basis = \"patient_authorization\"` or `\"irb_waiver\"`, or write `basis = \"agreement\"` \
             (or leave `basis` out) for a flow under its agreement.";
    BASIS_AGREEMENT_WITHOUT_AGREEMENT = "W0551" "basis-agreement-without-agreement" Warning
        "A flow's `basis` is \"agreement\", and it is made under this charter alone or no agreement."
        why "A flow that rests on its agreement needs one: a data use, data sharing, business associate or \
             processing agreement apart from the charter. Under this charter alone or no agreement, the \
             basis the flow claims does not exist, and a reviewer cannot tell which of the two was meant."
        fix "Name the agreement the flow is made under, e.g. `agreement = \"data_sharing_agreement\"`, \
             or leave `basis` out.";
    IDENTIFIABLE_DATA_WITHOUT_STORAGE = "E0560" "identifiable-data-without-storage" Error
        "A flow of identified data, a limited data set or pseudonymised data does not say where the data is stored."
        why "Where identifiable data is kept is the first thing a reviewer, a privacy officer or an IRB asks \
             of a flow, and the HIPAA Security Rule and Article 32 of the GDPR both require the recipient to \
             safeguard it there. It is an error because every flow had to say it until `storage` became \
             optional for data that identifies no one: a flow of identifiable data still does."
        fix "Add `storage = \"The provider's secure research enclave, encrypted at rest\"`, in the words of \
             the place the recipients keep the data.";
    IDENTIFIABLE_DATA_WITHOUT_ACCESS = "E0561" "identifiable-data-without-access" Error
        "A flow of identified data, a limited data set or pseudonymised data does not say who may access the data."
        why "Who may see identifiable data is the term its provider relies on most, and the one an access \
             review checks against (45 CFR 164.308(a)(4), Article 32 of the GDPR). It is an error because \
             every flow had to say it until `access` became optional for data that identifies no one: a \
             flow of identifiable data still does."
        fix "Add `access = \"Named analysts approved by the steering committee\"`, saying who, by name or \
             role, may work with the data.";
    IDENTIFIABLE_DATA_WITHOUT_ACCESS_REVIEW = "W0562" "identifiable-data-without-access-review" Warning
        "A flow of identified data, a limited data set or pseudonymised data does not say how often access to it is reviewed."
        why "Access granted once and never reviewed outlives the people and the roles it was granted for; a \
             reviewer expects identifiable data to have its access reviewed on a cadence, and the checklist \
             gives each recipient the review as a recurring item only when the charter states one. It is a \
             warning because the partners may review access under a policy of their own that the charter \
             need not repeat."
        fix "Add `access_review = \"quarterly\"` (or `\"monthly\"`, `\"semiannually\"`, `\"annually\"`), or \
             record the partners' own policy as an accepted exception.";
    IDENTIFIABLE_DATA_WITHOUT_TRAINING = "W0563" "identifiable-data-without-training" Warning
        "A flow of identified data, a limited data set or pseudonymised data does not say what training is required before access."
        why "The HIPAA Security Rule requires training of the workforce that handles protected health \
             information (45 CFR 164.308(a)(5)), and a reviewer expects a charter to say what training \
             comes before access to identifiable data and how often it is refreshed. It is a warning \
             because the partners may train under a policy of their own that the charter need not repeat."
        fix "Add `training = { course = \"HIPAA privacy and security training\", every = \"1 year\" }` (with \
             `every`, the checklist gives each recipient a recurring item to complete it again), or \
             `training = \"HIPAA training before access\"` for training once before access.";
    TRAINING_REFRESHER_AFTER_USE = "W0564" "training-refresher-after-use" Warning
        "A flow's training is completed again at a cadence longer than its data may be used, so that no refresher falls due."
        why "A refresher is counted from the day the document takes effect. When `every` is longer than the \
             term (one that does not renew), or than the time to the earliest dated end of the flow's use, \
             the first refresher falls after the use of the data has ended: the cadence the partners wrote \
             has no effect, and the checklist gives the recipients an item that never comes. A refresher \
             as long as the use (every year in a 12-month term) is not reported."
        fix "Write a shorter `every`, such as `every = \"1 year\"`, or leave `every` out if the training is \
             completed once before access.";
    AGREEMENT_TERM_WITHOUT_AGREEMENT = "E0570" "agreement-term-without-agreement" Error
        "A flow has an `agreement_term`, and it is made under this charter alone or no agreement."
        why "An agreement term is the term of an agreement apart from the charter: a data use, data sharing, \
             business associate or processing agreement. A flow under this charter alone lasts as long as \
             the charter, and a flow under no agreement has no agreement to run or renew, so the term \
             describes nothing the partners signed."
        fix "Name the agreement the flow is made under, e.g. `agreement = \"data_sharing_agreement\"`, or \
             remove `agreement_term`.";
    AGREEMENT_ENDS_BEFORE_TERM = "W0571" "agreement-ends-before-term" Warning
        "A flow's agreement ends before the charter's term, and does not renew."
        why "The charter lets the data flow until its term ends, but the agreement the flow is made under \
             ends first and nothing renews it: from that day the data would flow without its agreement, \
             and the recipients would hold data on terms nobody has agreed to any more."
        fix "Let the agreement renew, with `renewal = \"by_agreement\"` (or `\"automatic\"` with a \
             `renewal_period`), or give it a `length` that reaches the end of the charter's term.";
    USE_OUTLIVES_AGREEMENT = "W0572" "use-outlives-agreement" Warning
        "The permitted use of a flow's data ends on a day after its agreement ends, and the agreement does \
         not renew."
        why "The use ends on a phase's end or a date of `use_ends`, after the last day of the flow's \
             agreement: in between, the recipients would use the data with no agreement to use it under."
        fix "End the use by the last day of the agreement, e.g. `use_ends = [{ date = 2030-02-28 }]`, or \
             let the agreement renew with `renewal = \"by_agreement\"`.";
    AGREEMENT_NOTICE_WITHOUT_AUTOMATIC_RENEWAL = "W0573" "agreement-notice-without-automatic-renewal" Warning
        "A flow's `agreement_term` gives a `notice`, and the agreement does not renew automatically."
        why "The notice of an agreement term is the notice a party gives to stop an automatic renewal. An \
             agreement that ends, or renews only by agreement, has no renewal to stop, so the notice is a \
             term that contradicts the one before it."
        fix "Remove `notice`, or write `renewal = \"automatic\"` with a `renewal_period`.";
    BASIS_OF_ANOTHER_REGIME = "E0574" "basis-of-another-regime" Error
        "A flow states a legal basis, or an Article 9 condition, of another data protection law than its own."
        why "HIPAA and the GDPR do not share their bases. A patient authorization, an IRB waiver, public \
             health reporting or a data use agreement is a basis of HIPAA, and none of them is a lawful \
             basis of GDPR Article 6; consent, contract, legal obligation, vital interests, public task and \
             legitimate interests are the GDPR's, and do not let protected health information be disclosed \
             under HIPAA; and the conditions of Article 9(2) exist only under the GDPR. A basis of the \
             other law leaves the flow with no basis under its own."
        fix "Write a basis of the flow's law, such as `basis = \"public_task\"` with \
             `special_category_condition = \"research\"` under the UK GDPR or `basis = \"irb_waiver\"` under \
             HIPAA, or correct the flow's `regime`.";
    BASIS_NOT_NEEDED_FOR_PERSONAL_DATA = "E0575" "basis-not-needed-for-personal-data" Error
        "Identified or pseudonymised data flows under the UK or EU GDPR with `basis = \"not_needed\"`."
        why "Only anonymised or aggregate data is outside the GDPR (Recital 26). Identified and pseudonymised \
             data are personal data (Article 4(5)), and may be processed only on a lawful basis of Article \
             6(1), and health data only on a condition of Article 9(2) as well."
        fix "Write a lawful basis, such as `basis = \"public_task\"` with `special_category_condition = \
             \"research\"`, or leave `basis` out.";
    HEALTH_DATA_WITHOUT_CONDITION = "W0576" "health-data-without-condition" Warning
        "Personal health data flows under the UK or EU GDPR with an Article 6 basis and no Article 9 condition."
        why "Data concerning health is a special category of personal data: Article 9(1) prohibits its \
             processing unless one of the conditions of Article 9(2) applies, in addition to the lawful \
             basis of Article 6. A flow that states its Article 6 basis and no condition states half of \
             what makes it lawful. A flow whose `elements` are all outside health (no diagnoses, \
             procedures, medications, results, vital signs, images or notes) is not checked."
        fix "Add the condition, such as `special_category_condition = \"research\"` (Article 9(2)(j)), \
             `\"health_or_social_care\"` (9(2)(h)), `\"public_health\"` (9(2)(i)) or `\"explicit_consent\"` \
             (9(2)(a)).";
    CONDITION_WITHOUT_LAWFUL_BASIS = "W0577" "condition-without-lawful-basis" Warning
        "A flow states an Article 9 condition, and no lawful basis of Article 6."
        why "A condition of Article 9(2) lifts the prohibition on processing health data; it is not a lawful \
             basis, and the processing still needs one of Article 6(1). A flow with a condition and no \
             basis, or one that says no basis is needed, is missing the basis, or states a condition for \
             data that is not personal data."
        fix "Add the lawful basis, such as `basis = \"public_task\"` or `\"legitimate_interests\"`, or remove \
             `special_category_condition` for data that is not personal data.";
    RECIPIENT_ABOVE_PHASE_CEILING = "E0580" "recipient-above-phase-ceiling" Error
        "A flow runs in a phase in which a recipient's ceiling for that phase is below the flow's data."
        why "A partner's `phase_ceilings` say what it may receive in each phase: a limited data set in a \
             retrospective phase, identified data in a pilot. A flow limited to phases with `during` is \
             held to the ceilings of those phases; a flow that is not limited runs in every phase, and is \
             held to each. Identified data sent in a phase whose ceiling is a limited data set breaks the \
             promise the partners made for that phase."
        fix "Limit the flow to the phases whose ceiling allows its data, e.g. `during = [\"pilot\"]`, send a \
             less identifiable tier in a separate flow for the other phases, or raise the phase's ceiling.";
    DUPLICATE_PHASE_CEILING = "E0581" "duplicate-phase-ceiling" Error
        "A partner gives two ceilings for one phase."
        why "Only one ceiling can hold for a partner in a phase; with two, a reviewer cannot tell which the \
             partners agreed to, and the checks would have to guess."
        fix "Keep one entry of `phase_ceilings` for the phase, e.g. `{ phase = \"pilot\", data_ceiling = \
             \"identified\" }`, and remove the other.";
    FLOW_WINDOW_REVERSED = "E0582" "flow-window-reversed" Error
        "A flow's `during` window ends before it begins."
        why "`during = { from, until }` gives the first and last days on which the data is provided; a \
             window whose `until` comes before its `from` holds no day, so the flow could never run."
        fix "Swap the dates, or correct one of them, e.g. `during = { from = 2027-01-01, until = \
             2027-06-30 }`.";
    FLOW_WINDOW_OUTSIDE_TERM = "W0583" "flow-window-outside-term" Warning
        "A flow's `during` window begins before the term begins, or ends after it ends."
        why "The charter governs the flow only while its term runs: data provided before the term begins, \
             or after it ends, is provided on terms nobody has agreed to yet, or any more."
        fix "Write dates within the term, e.g. `during = { from = 2026-03-01, until = 2026-12-31 }`, or \
             leave the open end out.";
    USE_ENDS_BEFORE_FLOW = "W0584" "use-ends-before-flow" Warning
        "The use of a flow's data ends before the flow's first day."
        why "A flow limited with `during` begins on the first day of its first phase, or of its window. An \
             event of `use_ends` that falls before that day (the end of an earlier phase, a date) ends \
             the use before any data has been provided, so the recipients could never use it."
        fix "End the use with a later event, e.g. `use_ends = [{ phase = \"pilot\" }]` for the flow's own \
             phase, or correct `during`.";
    FLOW_BEFORE_AGREEMENT = "W0585" "flow-before-agreement" Warning
        "A flow begins before the agreement it is made under is signed."
        why "`agreement_term.signed` is the day the flow's agreement begins. A flow whose first day, the \
             start of its first phase or of its window, comes earlier provides data before there is an \
             agreement to provide it under."
        fix "Limit the flow so that it begins once the agreement is signed, e.g. `during = { from = \
             2027-03-01 }`, or correct `signed`.";
    GDPR_ROLES_UNDER_HIPAA = "W0586" "gdpr-roles-under-hipaa" Warning
        "`[data_access]` names controllers or processors, and the charter's data protection law is HIPAA."
        why "Controller and processor are roles of the UK and EU GDPR (Article 4(7) and (8)). HIPAA knows \
             neither: it speaks of covered entities and the business associates that handle protected \
             health information on their behalf under a business associate agreement. A charter under \
             HIPAA that calls a partner a controller uses a word its law does not define, and a reviewer \
             cannot tell which HIPAA duties it means. It is a warning because partners that are also \
             bound by the GDPR may name the roles on purpose."
        fix "Remove `controllers` and `processors`, and make each flow to a partner that handles the data \
             for another under `agreement = \"business_associate_agreement\"`; or, if the GDPR applies \
             too, accept the finding with the reason.";
    LAMBERT_PARTIES_MISMATCH = "E0590" "lambert-parties-mismatch" Error
        "An `[ip.lambert]` model names the wrong parties for its kind: a one-to-one model without an \
         institution and a collaborator, consortium model B without a lead, or a key the model has no use for."
        why "Each Lambert model says who owns the results by the part a partner plays in it. Models 1 to 5 \
             are between a university (the institution) and a company (the collaborator); consortium model \
             B assigns the results to a lead exploitation party; the other consortium models name no one. \
             Without the partner a model needs, the charter cannot say who owns the results, and a partner \
             named for a part the model does not have says nothing anyone agreed to, so it is an error."
        fix "Name the partners the model needs, such as `lambert = { model = \"4\", institution = \
             \"riverside-university\", collaborator = \"cardinal-bay\" }` or `lambert = { model = \"B\", \
             lead = \"cardinal-bay\" }`, and remove the keys the model has no use for (`field` is only for \
             models 1 to 3).";
    LAMBERT_DEVIATION = "W0591" "lambert-deviation" Warning
        "The charter's own foreground ownership or licences differ from what its Lambert model implies."
        why "Naming a Lambert model tells a reader which balance of ownership and use the partners struck; \
             terms that differ from it are a negotiated departure a reviewer must see. The charter states \
             each departure in plain words in the Lambert clause. It is a warning, not an error, because \
             partners often start from a model and change it; accept each departure with an exception that \
             gives the partners' reason."
        fix "Write the term the model implies, such as `ownership = \"partner\"` with `owner = \
             \"riverside-university\"` under models 1 to 3, or accept the departure with `[[exceptions]]` \
             `rule = \"W0591\"`, `at = \"<the category or licence id>\"` and the partners' `reason`.";
}

/// Looks a rule up by its code or its name, case-insensitively.
#[must_use]
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    let key = code_or_name.trim();
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

/// The rule someone most likely meant by a code or name that matched none: the same digits with the other
/// letter ("E0409" for W0409), or the closest name.
#[must_use]
pub fn suggest(code_or_name: &str) -> Option<&'static Rule> {
    let key = code_or_name.trim();
    let same_digits = ALL
        .iter()
        .copied()
        .find(|r| key.len() == 5 && key.get(1..) == Some(&r.code[1..]));
    let names: Vec<&str> = ALL.iter().map(|r| r.name).collect();
    same_digits
        .or_else(|| crate::suggest::closest(&key.to_ascii_lowercase(), &names).and_then(find))
}

/// The explanation of a rule as plain text for a terminal, wrapped at `width` columns.
#[must_use]
pub fn explain(rule: &Rule, width: usize) -> String {
    let mut out = format!(
        "{} {} ({})\n\n",
        rule.code,
        rule.name,
        rule.severity.as_str()
    );
    for (heading, text) in [
        ("", rule.summary),
        ("Why it matters: ", rule.why),
        ("How to fix: ", rule.fix),
    ] {
        out.push_str(&wrap(&format!("{heading}{text}"), width));
        out.push('\n');
    }
    out.trim_end().to_owned() + "\n"
}

/// Greedy word wrap; words longer than `width` stay whole.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
    }
    out.push('\n');
    out
}

/// The rule reference, `docs/rules.md`, as Markdown: an index table, then one section per rule.
#[must_use]
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# Rule reference\n\n\
         <!-- Generated from src/rules.rs; do not edit by hand. `CHARTER_BLESS=1 cargo test` rewrites it. -->\n\n\
         Every finding `charter check` reports carries one of these codes. Errors (`E`) must be fixed before a\n\
         charter can be rendered and cannot be excepted; warnings (`W`) point at terms a reviewer would\n\
         question. A warning can be silenced for one run with `--allow CODE`, or recorded in the charter\n\
         as an accepted exception with a reason (see [the format reference](format.md#exceptions)), which\n\
         the rendered charter lists in an annex. `charter explain CODE` prints the same explanation in a\n\
         terminal.\n\n\
         | Code | Name | Severity | Summary |\n|---|---|---|---|\n",
    );
    for rule in ALL {
        out.push_str(&format!(
            "| [{code}](#{anchor}) | {name} | {severity} | {summary} |\n",
            code = rule.code,
            anchor = anchor(rule),
            name = rule.name,
            severity = rule.severity.as_str(),
            summary = rule.summary
        ));
    }
    for rule in ALL {
        let severity = match rule.severity {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
        };
        out.push_str(&format!(
            "\n## {} {}\n\n**{severity}.** {}\n\n**Why it matters.** {}\n\n**How to fix.** {}\n",
            rule.code, rule.name, rule.summary, rule.why, rule.fix
        ));
    }
    out
}

/// The anchor GitHub and most Markdown renderers give the heading `## CODE name`.
fn anchor(rule: &Rule) -> String {
    format!("{}-{}", rule.code.to_ascii_lowercase(), rule.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_and_names_are_unique_and_match_severity() {
        let codes: BTreeSet<_> = ALL.iter().map(|r| r.code).collect();
        let names: BTreeSet<_> = ALL.iter().map(|r| r.name).collect();
        assert_eq!(codes.len(), ALL.len());
        assert_eq!(names.len(), ALL.len());
        for rule in ALL {
            let letter = if rule.severity == Severity::Error {
                'E'
            } else {
                'W'
            };
            assert!(rule.code.starts_with(letter), "{}", rule.code);
        }
        assert_eq!(find("e0401"), Some(&QUORUM_EXCEEDS_MEMBERS));
        assert_eq!(
            find("quorum-exceeds-members"),
            Some(&QUORUM_EXCEEDS_MEMBERS)
        );
        assert_eq!(find("E9999"), None);
    }

    #[test]
    fn every_rule_is_explained_in_full_sentences() {
        for rule in ALL {
            for text in [rule.summary, rule.why, rule.fix] {
                assert!(text.ends_with('.'), "{}: {text:?}", rule.code);
                assert!(!text.contains("  "), "{}: {text:?}", rule.code);
            }
            assert!(rule.why.len() > rule.summary.len() / 2, "{}", rule.code);
        }
    }

    #[test]
    fn explanations_wrap_at_the_width() {
        let text = explain(&QUORUM_EXCEEDS_MEMBERS, 60);
        assert!(text.starts_with("E0401 quorum-exceeds-members (error)\n\n"));
        assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
        assert!(text.contains("Why it matters: A body"));
    }
}
