//! Suggestions by edit distance: the one place that decides whether a word is a likely typo of another
//! (an unknown key, an id, a rule code). Imports nothing of ours.

/// The candidate most like `word`, if one is close enough to be a likely typo.
#[must_use]
pub fn closest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_miss_keys_get_a_suggestion() {
        assert_eq!(
            closest("revew", &["review", "patent_delay"]),
            Some("review")
        );
        assert_eq!(closest("zzz", &["review", "patent_delay"]), None);
    }
}
