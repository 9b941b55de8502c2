//! The handouts shipped with Palma (`assets/handouts/`), embedded in the binary.

use super::content::{Category, Dosage, HandoutContent, Region};
use include_dir::{Dir, include_dir};
use serde::Deserialize;

static SHIPPED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/assets/handouts");

/// One shipped handout file (`<slug>.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryHandout {
    pub slug: String,
    pub version: i32,
    pub title: String,
    pub category: Category,
    pub regions: Vec<Region>,
    pub for_whom: String,
    pub why: String,
    pub steps: Vec<String>,
    pub cautions: Vec<String>,
    pub illustration: String,
    #[serde(default)]
    pub dosage: Dosage,
}

impl LibraryHandout {
    pub fn content(&self) -> HandoutContent {
        let svg = SHIPPED
            .get_file(format!("illustrations/{}", self.illustration))
            .and_then(|file| file.contents_utf8())
            .unwrap_or("");
        HandoutContent {
            title: self.title.clone(),
            category: self.category,
            regions: self.regions.clone(),
            for_whom: self.for_whom.clone(),
            why: self.why.clone(),
            steps: self.steps.clone(),
            cautions: self.cautions.clone(),
            dosage: self.dosage.clone(),
            illustration_svg: svg.trim().to_owned(),
        }
    }
}

/// Every shipped handout, sorted by slug. A file that does not parse is a build defect caught
/// by the tests below, so here it is skipped rather than stopping the clinic.
pub fn shipped() -> Vec<LibraryHandout> {
    let mut handouts: Vec<LibraryHandout> = SHIPPED
        .files()
        .filter(|file| file.path().extension().is_some_and(|ext| ext == "toml"))
        .filter_map(|file| toml::from_str(file.contents_utf8()?).ok())
        .collect();
    handouts.sort_by(|a, b| a.slug.cmp(&b.slug));
    handouts
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_shipped_file_parses_and_passes_the_checks() {
        let files = SHIPPED
            .files()
            .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
            .count();
        let handouts = shipped();
        assert_eq!(
            handouts.len(),
            files,
            "a shipped handout file does not parse"
        );
        assert!(handouts.len() >= 40);
        for handout in &handouts {
            let content = handout.content();
            assert!(
                !content.illustration_svg.is_empty(),
                "{} has no illustration",
                handout.slug
            );
            content
                .parse()
                .unwrap_or_else(|e| panic!("{}: {e:?}", handout.slug));
        }
    }

    #[test]
    fn the_library_covers_every_category_and_the_common_regions() {
        let handouts = shipped();
        let categories: HashSet<_> = handouts.iter().map(|h| h.category).collect();
        assert_eq!(categories.len(), 10);
        let regions: HashSet<_> = handouts.iter().flat_map(|h| h.regions.clone()).collect();
        for region in [
            Region::Neck,
            Region::Shoulders,
            Region::UpperBack,
            Region::LowBack,
            Region::Hips,
            Region::Legs,
            Region::Jaw,
            Region::HandsWrists,
        ] {
            assert!(regions.contains(&region), "{region:?}");
        }
    }
}
