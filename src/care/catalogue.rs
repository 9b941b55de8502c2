//! Fixed lists the record is built from: the body chart's named regions (the UI draws them;
//! notes, precautions and consents refer to them by key) and the treatment techniques.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which outline a region is drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BodyView {
    Front,
    Back,
    Side,
}

/// One named region of the body chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BodyRegion {
    pub key: &'static str,
    pub label: &'static str,
    pub view: BodyView,
}

const fn region(key: &'static str, label: &'static str, view: BodyView) -> BodyRegion {
    BodyRegion { key, label, view }
}

use BodyView::{Back, Front, Side};

/// The body chart's regions. Keys are stored in records: never rename or remove one.
pub const BODY_REGIONS: &[BodyRegion] = &[
    region("head_face", "Head and face", Front),
    region("jaw_left", "Jaw, left", Front),
    region("jaw_right", "Jaw, right", Front),
    region("neck_front", "Front of neck", Front),
    region("chest_left", "Chest, left", Front),
    region("chest_right", "Chest, right", Front),
    region("shoulder_front_left", "Front of shoulder, left", Front),
    region("shoulder_front_right", "Front of shoulder, right", Front),
    region("upper_arm_left", "Upper arm, left", Front),
    region("upper_arm_right", "Upper arm, right", Front),
    region("forearm_left", "Forearm, left", Front),
    region("forearm_right", "Forearm, right", Front),
    region("hand_left", "Hand and wrist, left", Front),
    region("hand_right", "Hand and wrist, right", Front),
    region("abdomen", "Abdomen", Front),
    region("hip_flexor_left", "Front of hip, left", Front),
    region("hip_flexor_right", "Front of hip, right", Front),
    region("thigh_front_left", "Front of thigh, left", Front),
    region("thigh_front_right", "Front of thigh, right", Front),
    region("knee_left", "Knee, left", Front),
    region("knee_right", "Knee, right", Front),
    region("shin_left", "Shin, left", Front),
    region("shin_right", "Shin, right", Front),
    region("foot_left", "Foot and ankle, left", Front),
    region("foot_right", "Foot and ankle, right", Front),
    region("head_back", "Back of head", Back),
    region("neck_back", "Back of neck", Back),
    region("upper_trapezius_left", "Upper trapezius, left", Back),
    region("upper_trapezius_right", "Upper trapezius, right", Back),
    region("shoulder_blade_left", "Shoulder blade, left", Back),
    region("shoulder_blade_right", "Shoulder blade, right", Back),
    region("upper_back", "Upper back", Back),
    region("mid_back", "Mid back", Back),
    region("low_back", "Low back", Back),
    region("sacrum", "Sacrum and tailbone", Back),
    region("glute_left", "Buttock, left", Back),
    region("glute_right", "Buttock, right", Back),
    region("hamstring_left", "Back of thigh, left", Back),
    region("hamstring_right", "Back of thigh, right", Back),
    region("calf_left", "Calf, left", Back),
    region("calf_right", "Calf, right", Back),
    region("shoulder_side_left", "Side of shoulder, left", Side),
    region("shoulder_side_right", "Side of shoulder, right", Side),
    region("ribs_left", "Side of ribs, left", Side),
    region("ribs_right", "Side of ribs, right", Side),
    region("hip_left", "Side of hip, left", Side),
    region("hip_right", "Side of hip, right", Side),
    region("outer_thigh_left", "Outer thigh (IT band), left", Side),
    region("outer_thigh_right", "Outer thigh (IT band), right", Side),
];

pub fn region_exists(key: &str) -> bool {
    BODY_REGIONS.iter().any(|region| region.key == key)
}

pub fn region_label(key: &str) -> &'static str {
    BODY_REGIONS
        .iter()
        .find(|region| region.key == key)
        .map_or("", |region| region.label)
}

/// Treatment techniques a plan or session can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Technique {
    Swedish,
    DeepTissue,
    MyofascialRelease,
    TriggerPoint,
    SportsMassage,
    LymphaticDrainage,
    Stretching,
    Mobilisation,
    Cupping,
    HeatTherapy,
    IndianHead,
}

impl Technique {
    pub fn label(self) -> &'static str {
        match self {
            Technique::Swedish => "Swedish massage",
            Technique::DeepTissue => "deep tissue massage",
            Technique::MyofascialRelease => "myofascial release",
            Technique::TriggerPoint => "trigger point therapy",
            Technique::SportsMassage => "sports massage",
            Technique::LymphaticDrainage => "lymphatic drainage",
            Technique::Stretching => "stretching",
            Technique::Mobilisation => "joint mobilisation",
            Technique::Cupping => "cupping",
            Technique::HeatTherapy => "heat therapy",
            Technique::IndianHead => "Indian head massage",
        }
    }
}

/// The body chart's regions, for the UI to draw.
pub async fn body_regions(
    _clinic: &crate::Clinic,
    _actor: &crate::staff::Actor,
    _args: crate::api::NoArgs,
) -> crate::ApiResult<Vec<BodyRegion>> {
    Ok(BODY_REGIONS.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_keys_are_unique_and_snake_case() {
        let mut keys: Vec<_> = BODY_REGIONS.iter().map(|r| r.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), BODY_REGIONS.len());
        assert!(BODY_REGIONS.len() >= 40);
        for key in keys {
            assert!(
                key.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{key}"
            );
        }
        for view in [Front, Back, Side] {
            assert!(BODY_REGIONS.iter().any(|r| r.view == view));
        }
    }
}
