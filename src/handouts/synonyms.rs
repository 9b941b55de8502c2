//! The words people search the handout library with, and the library's own words for the same
//! thing: a therapist types "hip flexor" or "hamstrings", the library says "front-of-hip" and
//! "back-of-thigh". A small curated table, read when a search is made (so a stored library
//! needs no re-indexing when the table grows).
//!
//! A search is a list of groups, all of which must match; a group is one or more
//! alternatives, each a list of words that must all be found (as the start of a word of the
//! handout's title, summary, category or regions).

use crate::matching::words;

/// (what people say, what the library says). Both are folded into words before use; a typed
/// word matches an entry's word when it starts with it ("hamstrings" → "hamstring").
const SYNONYMS: &[(&str, &str)] = &[
    ("hip flexor", "front of hip"),
    ("psoas", "front of hip"),
    ("iliopsoas", "front of hip"),
    ("hamstring", "back of thigh"),
    ("quad", "thigh"),
    ("it band", "thighs"),
    ("itb", "thighs"),
    ("glute", "buttock"),
    ("glute", "bottom"),
    ("piriformis", "buttock"),
    ("sciatic", "buttock"),
    ("trap", "neck"),
    ("trap", "shoulder"),
    ("pec", "chest"),
    ("lumbar", "low back"),
    ("lower back", "low back"),
    ("thoracic", "upper back"),
    ("cervical", "neck"),
    ("tmj", "jaw"),
    ("bruxism", "jaw clenching"),
    ("grinding", "jaw clenching"),
    ("plantar", "foot"),
    ("gastrocnemius", "calf"),
    ("soleus", "calf"),
    ("achilles", "calf"),
    ("calf raise", "heel raises"),
    ("rsi", "wrist"),
    ("carpal", "wrist"),
    ("tennis elbow", "forearm"),
    ("golfer", "forearm"),
    ("ice", "cold"),
    ("heat", "warm"),
    ("hot", "warm"),
    ("doms", "soreness"),
    ("insomnia", "sleep"),
    ("diaphragm", "belly breathing"),
    ("relaxation", "relax"),
    ("ergonomic", "desk"),
    ("workstation", "desk"),
    ("computer", "desk"),
];

/// One way a group can match: all of these words.
pub type Alternative = Vec<String>;

/// Turns typed words (already folded) into groups: where an entry's words start at a position,
/// the group is the typed words or the library's words for them; elsewhere, the word alone.
pub fn groups(typed: &[String]) -> Vec<Vec<Alternative>> {
    let entries: Vec<(Vec<String>, Vec<String>)> = SYNONYMS
        .iter()
        .map(|(people, library)| (words(people).collect(), words(library).collect()))
        .collect();
    let mut groups = Vec::new();
    let mut at = 0;
    while at < typed.len() {
        let rest = &typed[at..];
        let matching: Vec<&(Vec<String>, Vec<String>)> = entries
            .iter()
            .filter(|(people, _)| {
                people.len() <= rest.len()
                    && people
                        .iter()
                        .zip(rest)
                        .all(|(p, t)| t.starts_with(p.as_str()))
            })
            .collect();
        // The longest entry wins ("hip flexor" over a one-word entry for "hip").
        let span = matching.iter().map(|(p, _)| p.len()).max().unwrap_or(1);
        let mut alternatives = vec![rest[..span].to_vec()];
        for (people, library) in matching {
            if people.len() == span && !alternatives.contains(library) {
                alternatives.push(library.clone());
            }
        }
        groups.push(alternatives);
        at += span;
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Vec<String> {
        words(text).collect()
    }

    #[test]
    fn a_phrase_people_use_also_matches_the_library_words() {
        assert_eq!(
            groups(&typed("Hip Flexor")),
            vec![vec![typed("hip flexor"), typed("front of hip")]]
        );
    }

    #[test]
    fn plurals_and_other_words_stay_as_typed() {
        assert_eq!(
            groups(&typed("hamstrings stretch")),
            vec![
                vec![typed("hamstrings"), typed("back of thigh")],
                vec![typed("stretch")]
            ]
        );
        assert_eq!(
            groups(&typed("glutes")),
            vec![vec![typed("glutes"), typed("buttock"), typed("bottom")]]
        );
    }

    #[test]
    fn every_entry_reads_as_words() {
        for (people, library) in SYNONYMS {
            assert!(words(people).count() > 0 && words(library).count() > 0);
        }
    }
}
