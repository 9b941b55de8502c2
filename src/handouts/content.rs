//! What a handout says: title, category, regions, who it is for, why it helps, steps, dosage,
//! cautions and its illustration — with the checks every saved version passes.

use crate::error::{ApiError, ApiResult};
use crate::fields;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Stretch,
    Mobility,
    Strengthening,
    BreathingRelaxation,
    Sleep,
    HeatCold,
    PostureDesk,
    SelfMassage,
    ActivityPacing,
    AfterTreatment,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    Neck,
    Shoulders,
    UpperBack,
    LowBack,
    Hips,
    Legs,
    Jaw,
    HandsWrists,
    Chest,
    Arms,
    Feet,
    WholeBody,
}

impl Category {
    pub fn key(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// How the category reads in the library and on a sheet.
    pub fn label(self) -> &'static str {
        match self {
            Self::Stretch => "Stretch",
            Self::Mobility => "Mobility",
            Self::Strengthening => "Strengthening",
            Self::BreathingRelaxation => "Breathing and relaxation",
            Self::Sleep => "Sleep",
            Self::HeatCold => "Heat and cold",
            Self::PostureDesk => "Posture and desk set-up",
            Self::SelfMassage => "Self-massage",
            Self::ActivityPacing => "Activity pacing",
            Self::AfterTreatment => "After treatment",
        }
    }
}

impl Region {
    pub fn key(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// How much and how often. Every part is optional; an information sheet may have none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Dosage {
    #[serde(
        default,
        alias = "hold_seconds",
        skip_serializing_if = "Option::is_none"
    )]
    #[ts(optional)]
    pub hold_seconds: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub repetitions: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sets: Option<i32>,
    #[serde(
        default,
        alias = "times_per_day",
        skip_serializing_if = "Option::is_none"
    )]
    #[ts(optional)]
    pub times_per_day: Option<i32>,
    #[serde(
        default,
        alias = "times_per_week",
        skip_serializing_if = "Option::is_none"
    )]
    #[ts(optional)]
    pub times_per_week: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub minutes: Option<i32>,
}

fn often(count: i32, period: &str) -> String {
    match count {
        1 => format!("once a {period}"),
        2 => format!("twice a {period}"),
        n => format!("{n} times a {period}"),
    }
}

impl Dosage {
    /// The dosage in plain words, e.g. "Hold for 20 seconds, 3 times, twice a day".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(seconds) = self.hold_seconds {
            parts.push(format!("Hold for {seconds} seconds"));
        }
        if let Some(minutes) = self.minutes {
            parts.push(if minutes == 1 {
                "1 minute".to_owned()
            } else {
                format!("{minutes} minutes")
            });
        }
        match (self.sets, self.repetitions) {
            (Some(sets), Some(reps)) => parts.push(format!("{sets} sets of {reps}")),
            (None, Some(1)) => parts.push("once".to_owned()),
            (None, Some(reps)) => parts.push(format!("{reps} times")),
            (Some(sets), None) => parts.push(format!("{sets} sets")),
            (None, None) => {}
        }
        if let Some(day) = self.times_per_day {
            parts.push(often(day, "day"));
        }
        if let Some(week) = self.times_per_week {
            parts.push(often(week, "week"));
        }
        let text = parts.join(", ");
        let mut chars = text.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => text,
        }
    }

    /// Every part within a sensible range, the field named when not.
    pub fn check(&self, field: &str) -> ApiResult<()> {
        let parts = [
            ("holdSeconds", self.hold_seconds, 1..=600),
            ("repetitions", self.repetitions, 1..=100),
            ("sets", self.sets, 1..=20),
            ("timesPerDay", self.times_per_day, 1..=12),
            ("timesPerWeek", self.times_per_week, 1..=21),
            ("minutes", self.minutes, 1..=240),
        ];
        for (name, value, range) in parts {
            if let Some(value) = value
                && !range.contains(&value)
            {
                return Err(ApiError::validation(
                    &format!("{field}.{name}"),
                    format!("Must be between {} and {}.", range.start(), range.end()),
                ));
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoutContent {
    pub title: String,
    pub category: Category,
    pub regions: Vec<Region>,
    pub for_whom: String,
    pub why: String,
    pub steps: Vec<String>,
    /// Each completes "Stop and seek advice if …".
    pub cautions: Vec<String>,
    pub dosage: Dosage,
    /// A line drawing in Palma's SVG subset (see assets/handouts/README.md); may be empty.
    pub illustration_svg: String,
}

/// The largest illustration accepted, in bytes.
const MAX_SVG: usize = 24 * 1024;

impl HandoutContent {
    /// Cleans every text and checks the whole handout, naming the field at fault.
    pub fn parse(self) -> ApiResult<Self> {
        let list =
            |field: &str, label: &str, items: Vec<String>, most: usize| -> ApiResult<Vec<String>> {
                let cleaned = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        fields::required_line(&format!("{field}.{i}"), label, item, 300)
                    })
                    .collect::<ApiResult<Vec<_>>>()?;
                if cleaned.len() > most {
                    return Err(ApiError::validation(
                        field,
                        format!("At most {most} {label} lines."),
                    ));
                }
                Ok(cleaned)
            };
        let steps = list("steps", "step", self.steps, 10)?;
        if steps.is_empty() {
            return Err(ApiError::validation("steps", "Give at least one step."));
        }
        if self.regions.is_empty() || self.regions.len() > 6 {
            return Err(ApiError::validation(
                "regions",
                "Choose one to six body regions.",
            ));
        }
        self.dosage.check("dosage")?;
        let svg = self.illustration_svg.trim().to_owned();
        if svg.len() > MAX_SVG
            || !(svg.is_empty() || (svg.starts_with("<svg") && svg.ends_with("</svg>")))
        {
            return Err(ApiError::validation(
                "illustrationSvg",
                "The illustration must be a small SVG drawing.",
            ));
        }
        Ok(Self {
            title: fields::required_line("title", "Title", &self.title, 80)?,
            category: self.category,
            regions: self.regions,
            for_whom: fields::multiline("forWhom", "Who it is for", &self.for_whom, 300)?,
            why: fields::multiline("why", "Why it helps", &self.why, 400)?,
            steps,
            cautions: list("cautions", "caution", self.cautions, 6)?,
            dosage: self.dosage,
            illustration_svg: svg,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dosage_reads_as_plain_words() {
        let check = |dosage: Dosage, expected: &str| assert_eq!(dosage.describe(), expected);
        check(
            Dosage {
                hold_seconds: Some(20),
                repetitions: Some(3),
                times_per_day: Some(2),
                ..Dosage::default()
            },
            "Hold for 20 seconds, 3 times, twice a day",
        );
        check(
            Dosage {
                sets: Some(2),
                repetitions: Some(10),
                times_per_week: Some(3),
                ..Dosage::default()
            },
            "2 sets of 10, 3 times a week",
        );
        check(
            Dosage {
                minutes: Some(10),
                times_per_day: Some(1),
                ..Dosage::default()
            },
            "10 minutes, once a day",
        );
        check(Dosage::default(), "");
    }

    #[test]
    fn dosage_out_of_range_names_the_part() {
        let error = Dosage {
            repetitions: Some(0),
            ..Dosage::default()
        }
        .check("dosage")
        .unwrap_err();
        assert_eq!(error.field.as_deref(), Some("dosage.repetitions"));
    }
}
