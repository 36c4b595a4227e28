//! The model agreements of the UK Lambert Toolkit as a vocabulary: which model the partners follow, the
//! typed terms each model implies (who owns the results, which licences the model grants), and where the
//! charter's own `foreground` and `licences` depart from them. What charter takes each model to imply is
//! documented, with its sources, in `docs/format.md` under `[ip.lambert]`; a model's terms that the typed
//! terms cannot express (an option to take an assignment, a share of revenues) are not filled in.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Charter, Foreground, IpTerms, Licence, LicenceKind, Ownership};

/// The Lambert Toolkit model agreement the partners follow, and the partners it names.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Lambert {
    /// The model: a research collaboration (one-to-one) agreement "1" to "5", or a consortium agreement
    /// "A" to "D".
    pub model: LambertModel,
    /// The university or other research institution, with models 1 to 5.
    pub institution: Option<String>,
    /// The company that collaborates with (and funds) the institution, with models 1 to 5; the Toolkit
    /// calls it the sponsor or collaborator.
    pub collaborator: Option<String>,
    /// The lead exploitation party, with consortium model B.
    pub lead: Option<String>,
    /// The field (and territory) in which the collaborator may use the results, with models 1 to 3, e.g.
    /// "diagnostics of kidney disease"; it becomes the purpose of the collaborator's licence. Absent, no
    /// licence is filled in, as the model licenses the results in a field the partners specify.
    #[validate(length(min = 1, max = 200))]
    pub field: Option<String>,
}

/// The Lambert Toolkit's model agreements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
pub enum LambertModel {
    /// Model 1: the institution owns the results; the collaborator has a non-exclusive licence in a field.
    #[serde(rename = "1")]
    One,
    /// Model 2: as model 1, and the collaborator has an option to an exclusive licence of certain results.
    #[serde(rename = "2")]
    Two,
    /// Model 3: as model 1, and the collaborator may take an assignment of certain results.
    #[serde(rename = "3")]
    Three,
    /// Model 4: the collaborator owns the results; the institution may use them for academic purposes.
    #[serde(rename = "4")]
    Four,
    /// Model 5 (contract research): the collaborator owns the results, and no right to use them is
    /// reserved to the institution.
    #[serde(rename = "5")]
    Five,
    /// Consortium model A: each party owns the results it creates and licenses them non-exclusively to
    /// the others, for the project and any other purpose.
    A,
    /// Consortium model B: the results are assigned to a lead exploitation party, which exploits them.
    B,
    /// Consortium model C: each party takes the results germane to its core business.
    C,
    /// Consortium model D: each party owns the results it creates and licenses them non-exclusively to the
    /// others for the project only.
    D,
}

impl LambertModel {
    /// Whether it is a one-to-one research collaboration agreement (1 to 5), between an institution and a
    /// collaborator.
    #[must_use]
    pub fn is_one_to_one(self) -> bool {
        matches!(
            self,
            LambertModel::One
                | LambertModel::Two
                | LambertModel::Three
                | LambertModel::Four
                | LambertModel::Five
        )
    }

    /// The model's name in plain words: "Lambert model 4", "Lambert consortium model A".
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            LambertModel::One => "Lambert model 1",
            LambertModel::Two => "Lambert model 2",
            LambertModel::Three => "Lambert model 3",
            LambertModel::Four => "Lambert model 4",
            LambertModel::Five => "Lambert model 5",
            LambertModel::A => "Lambert consortium model A",
            LambertModel::B => "Lambert consortium model B",
            LambertModel::C => "Lambert consortium model C",
            LambertModel::D => "Lambert consortium model D",
        }
    }

    /// Whether the collaborator's licence is in a field the partners specify (models 1 to 3).
    #[must_use]
    pub fn licenses_a_field(self) -> bool {
        matches!(
            self,
            LambertModel::One | LambertModel::Two | LambertModel::Three
        )
    }
}

/// Who owns the results under a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsOwner<'c> {
    /// One partner owns them all.
    Partner(&'c str),
    /// Each partner owns what its own staff create.
    Creator,
}

/// The id of the foreground category a model fills in.
pub const RESULTS_ID: &str = "lambert-results";

/// Where the charter's own terms depart from its Lambert model.
#[derive(Debug, Clone)]
pub enum Deviation<'c> {
    /// The foreground category at this index of `ip.foreground` is owned otherwise than the model has it.
    Owner {
        /// Its index in `ip.foreground`.
        index: usize,
        /// Who owns the results under the model.
        implied: ResultsOwner<'c>,
    },
    /// No licence of `ip.licences` grants the licence the model grants (the same kind, to at least the
    /// same partners).
    NoLicence(Licence),
    /// The licence at this index of `ip.licences` grants a right to the institution, to which model 5
    /// reserves none.
    LicenceToInstitution {
        /// Its index in `ip.licences`.
        index: usize,
        /// The institution.
        institution: &'c str,
    },
}

impl Lambert {
    /// Who owns the results under the model, once the partners it needs are named.
    #[must_use]
    pub fn owner(&self) -> Option<ResultsOwner<'_>> {
        match self.model {
            LambertModel::One | LambertModel::Two | LambertModel::Three => {
                self.institution.as_deref().map(ResultsOwner::Partner)
            }
            LambertModel::Four | LambertModel::Five => {
                self.collaborator.as_deref().map(ResultsOwner::Partner)
            }
            LambertModel::A | LambertModel::D => Some(ResultsOwner::Creator),
            LambertModel::B => self.lead.as_deref().map(ResultsOwner::Partner),
            LambertModel::C => None,
        }
    }

    /// The licences the model grants on the categories `covers`, to the partners it names; `partners` are
    /// the charter's partners, who each receive a consortium licence.
    #[must_use]
    pub fn licences(&self, covers: &[String], partners: &[String]) -> Vec<Licence> {
        let grant = |id: &str, to: Vec<String>, purposes: Vec<String>| Licence {
            id: id.to_owned(),
            covers: covers.to_vec(),
            to,
            kind: LicenceKind::NonExclusive,
            royalty_free: false,
            purposes,
        };
        let one = |p: &Option<String>| p.iter().cloned().collect::<Vec<_>>();
        let words = |w: &[&str]| w.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        match self.model {
            m if m.licenses_a_field() => match (&self.collaborator, &self.field) {
                (Some(_), Some(field)) => vec![grant(
                    "lambert-collaborator",
                    one(&self.collaborator),
                    vec![field.clone()],
                )],
                _ => Vec::new(),
            },
            LambertModel::Four if self.institution.is_some() => vec![grant(
                "lambert-academic",
                one(&self.institution),
                words(&["academic purposes"]),
            )],
            LambertModel::A => vec![grant(
                "lambert-consortium",
                partners.to_vec(),
                words(&["the purposes of the project", "any other purpose"]),
            )],
            LambertModel::D => vec![grant(
                "lambert-consortium",
                partners.to_vec(),
                words(&["the purposes of the project"]),
            )],
            _ => Vec::new(),
        }
    }
}

/// The one category of results a model fills in.
fn results_category(owner: ResultsOwner<'_>) -> Foreground {
    let (ownership, owner) = match owner {
        ResultsOwner::Partner(p) => (Ownership::Partner, Some(p.to_owned())),
        ResultsOwner::Creator => (Ownership::Creator, None),
    };
    Foreground {
        id: RESULTS_ID.to_owned(),
        category: "The results of the project".to_owned(),
        ownership,
        owner,
        shares: Vec::new(),
        fields: Vec::new(),
    }
}

/// Whether the model fills in terms: a model is followed and the partners expect new IP.
fn fills_in(ip: &IpTerms) -> Option<&Lambert> {
    ip.lambert
        .as_ref()
        .filter(|_| ip.foreground_expected != Some(false))
}

impl Charter {
    /// The foreground IP categories the charter states: its own, or where it writes none, the one its
    /// Lambert model implies.
    #[must_use]
    pub fn stated_foreground(&self) -> Cow<'_, [Foreground]> {
        let Some(ip) = &self.ip else {
            return Cow::Borrowed(&[]);
        };
        if !ip.foreground.is_empty() {
            return Cow::Borrowed(&ip.foreground);
        }
        match fills_in(ip).and_then(Lambert::owner) {
            Some(owner) => Cow::Owned(vec![results_category(owner)]),
            None => Cow::Borrowed(&[]),
        }
    }

    /// The licences the charter states: its own, or where it writes none, the ones its Lambert model
    /// grants on every stated foreground category owned as the model has the results owned.
    #[must_use]
    pub fn stated_licences(&self) -> Cow<'_, [Licence]> {
        let Some(ip) = &self.ip else {
            return Cow::Borrowed(&[]);
        };
        if !ip.licences.is_empty() {
            return Cow::Borrowed(&ip.licences);
        }
        let Some(model) = fills_in(ip) else {
            return Cow::Borrowed(&[]);
        };
        // The model's licences are over the results held as the model has them held.
        let Some(owner) = model.owner() else {
            return Cow::Borrowed(&[]);
        };
        let covers: Vec<String> = self
            .stated_foreground()
            .iter()
            .filter(|f| owned_as(f, owner))
            .map(|f| f.id.clone())
            .collect();
        if covers.is_empty() {
            return Cow::Borrowed(&[]);
        }
        Cow::Owned(model.licences(&covers, &self.lambert_partners()))
    }

    /// The partners a consortium licence is granted to: every partner that has not withdrawn.
    fn lambert_partners(&self) -> Vec<String> {
        self.partners
            .iter()
            .filter(|p| p.withdrawn.is_none())
            .map(|p| p.id.clone())
            .collect()
    }

    /// Where the charter's own `foreground` and `licences` depart from its Lambert model, in order:
    /// ownership category by category, then the model's licences no written licence grants, then licences
    /// to an institution that model 5 reserves no right to.
    #[must_use]
    pub fn lambert_deviations(&self) -> Vec<Deviation<'_>> {
        let Some((ip, model)) = self
            .ip
            .as_ref()
            .and_then(|ip| fills_in(ip).map(|m| (ip, m)))
        else {
            return Vec::new();
        };
        let mut out: Vec<Deviation<'_>> = Vec::new();
        if let Some(implied) = model.owner() {
            out.extend(
                ip.foreground
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| !owned_as(f, implied))
                    .map(|(index, _)| Deviation::Owner { index, implied }),
            );
        }
        if !ip.licences.is_empty() {
            let implied = model.licences(&[], &self.lambert_partners());
            out.extend(
                implied
                    .into_iter()
                    .filter(|m| !ip.licences.iter().any(|l| grants(l, m)))
                    .map(Deviation::NoLicence),
            );
        }
        if let (LambertModel::Five, Some(institution)) = (model.model, &model.institution) {
            out.extend(
                ip.licences
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| l.to.contains(institution))
                    .map(|(index, _)| Deviation::LicenceToInstitution { index, institution }),
            );
        }
        out
    }
}

/// Whether a category is owned as the model has the results owned.
fn owned_as(f: &Foreground, implied: ResultsOwner<'_>) -> bool {
    match implied {
        ResultsOwner::Creator => f.ownership == Ownership::Creator,
        ResultsOwner::Partner(p) => {
            f.ownership == Ownership::Partner && f.owner.as_deref() == Some(p)
        }
    }
}

/// Whether a written licence grants what the model's licence grants: the same kind, to at least the same
/// partners. Purposes and the categories covered are the partners' to word, and are not compared.
fn grants(written: &Licence, model: &Licence) -> bool {
    written.kind == model.kind && model.to.iter().all(|p| written.to.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A charter of two partners, "uni" and "co", with these `[ip]` keys.
    fn charter(ip: &str) -> Charter {
        let base = include_str!("../../tests/fixtures/valid/transfer-to-itself.toml");
        let head = &base[..base.find("[ip]").expect("an [ip] table")];
        let head = head
            .replace("\"foundation\"", "\"uni\"")
            .replace("\"brightwater\"", "\"co\"");
        toml::from_str(&format!("{head}[ip]\nbackground = \"b\"\n{ip}")).expect("a charter")
    }

    #[test]
    fn model_4_fills_in_ownership_by_the_collaborator_and_an_academic_licence() {
        let c =
            charter("lambert = { model = \"4\", institution = \"uni\", collaborator = \"co\" }\n");
        let f = c.stated_foreground();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].ownership, Ownership::Partner);
        assert_eq!(f[0].owner.as_deref(), Some("co"));
        let l = c.stated_licences();
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].to, ["uni"]);
        assert_eq!(l[0].covers, [RESULTS_ID]);
        assert_eq!(l[0].purposes, ["academic purposes"]);
        assert!(c.lambert_deviations().is_empty());
    }

    #[test]
    fn models_1_to_3_license_only_a_field_the_partners_name() {
        let bare =
            charter("lambert = { model = \"1\", institution = \"uni\", collaborator = \"co\" }\n");
        assert!(bare.stated_licences().is_empty());
        assert_eq!(bare.stated_foreground()[0].owner.as_deref(), Some("uni"));
        let field = charter(
            "lambert = { model = \"2\", institution = \"uni\", collaborator = \"co\", field = \"diagnostics\" }\n",
        );
        assert_eq!(field.stated_licences()[0].purposes, ["diagnostics"]);
    }

    #[test]
    fn consortium_model_c_fills_in_nothing() {
        let c = charter("lambert = { model = \"C\" }\n");
        assert!(c.stated_foreground().is_empty());
        assert!(c.stated_licences().is_empty());
    }

    #[test]
    fn written_terms_that_differ_from_the_model_are_deviations() {
        let c = charter(
            "lambert = { model = \"5\", institution = \"uni\", collaborator = \"co\" }\n\n\
             [[ip.foreground]]\nid = \"tools\"\ncategory = \"Tools\"\nownership = \"creator\"\n\n\
             [[ip.licences]]\nid = \"teach\"\ncovers = [\"tools\"]\nto = [\"uni\"]\nkind = \"non_exclusive\"\npurposes = [\"teaching\"]\n",
        );
        let d = c.lambert_deviations();
        assert!(matches!(
            d[0],
            Deviation::Owner {
                index: 0,
                implied: ResultsOwner::Partner("co")
            }
        ));
        assert!(matches!(
            d[1],
            Deviation::LicenceToInstitution {
                index: 0,
                institution: "uni"
            }
        ));
        assert_eq!(d.len(), 2);
    }

    #[test]
    fn no_new_ip_expected_fills_in_nothing() {
        let c = charter("foreground_expected = false\nlambert = { model = \"A\" }\n");
        assert!(c.stated_foreground().is_empty());
        assert!(c.lambert_deviations().is_empty());
    }
}
