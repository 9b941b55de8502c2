//! The six demo courses of care: what each client reported, what the therapist found, and
//! how the measures moved over the visits. Plain data, so the story is easy to read and edit.

use crate::care::{Measure, Symptom, Technique};
use crate::demo::service;
use Symptom::{Ache, Numbness, PinsAndNeedles, Sharp, Tight};
use Technique::{DeepTissue, MyofascialRelease, SportsMassage, Stretching, Swedish, TriggerPoint};

/// One demo client's course of care.
pub struct Course {
    /// The client's date of birth (fits the story: a pregnancy, a retirement, a new job).
    pub born: &'static str,
    /// What the follow-up visits are booked as (a position in the demo's services); the
    /// first visit is the initial assessment.
    pub service: usize,
    pub answers: &'static [(&'static str, &'static str)],
    pub complaint: [&'static str; 6],
    pub observations: [&'static str; 3],
    pub marks: &'static [(&'static str, Symptom, i32)],
    pub links: &'static [(&'static str, &'static str, &'static str)],
    pub techniques: &'static [Technique],
    /// Baseline pain, stress, and PSFS activities with their ratings.
    pub baseline: (i32, i32, &'static [(&'static str, i32)]),
    /// Pain and stress at each follow-up visit.
    pub visits: &'static [(i32, i32)],
    /// PSFS ratings at the last visit, in the baseline's order.
    pub psfs_after: &'static [i32],
    pub goal: (&'static str, Measure, f64),
    pub education: &'static [&'static str],
    pub self_goals: &'static [&'static str],
    pub share_with_gp: bool,
}

pub const COURSES: [Course; 6] = [
    Course {
        born: "1988-04-12",
        service: service::MYOFASCIAL,
        answers: &[
            ("allergy_nuts", "yes"),
            ("medications", "None"),
            ("gp_name", "Dr Hall, Minster Surgery"),
        ],
        complaint: [
            "My neck and shoulders are rock hard by the afternoon and I get headaches.",
            "Neck and both shoulders",
            "Since starting a new job in March",
            "Long days at the laptop, deadlines",
            "Swimming, hot showers",
            "Headaches most afternoons; wakes with a stiff neck",
        ],
        observations: [
            "Head forward, shoulders rounded, more on the left.",
            "Neck rotation left 60°, right 75°.",
            "Taut bands in both upper trapezius; tender levator scapulae.",
        ],
        marks: &[
            ("upper_trapezius_left", Tight, 7),
            ("upper_trapezius_right", Tight, 6),
            ("neck_back", Ache, 5),
            ("head_back", Ache, 4),
            ("chest_left", Tight, 4),
        ],
        links: &[(
            "chest_left",
            "upper_trapezius_left",
            "Tight chest pulls the shoulder forward",
        )],
        techniques: &[MyofascialRelease, TriggerPoint, Stretching, Swedish],
        baseline: (
            6,
            8,
            &[
                ("Working at my desk all afternoon", 4),
                ("Reversing the car", 5),
                ("Sleeping through the night", 3),
            ],
        ),
        visits: &[(5, 7), (5, 6), (4, 5), (3, 4)],
        psfs_after: &[7, 8, 6],
        goal: (
            "Get through a work day without a headache",
            Measure::Pain,
            2.0,
        ),
        education: &[
            "Stress and long desk hours keep the shoulders switched on.",
            "Short movement breaks help more than one long stretch.",
        ],
        self_goals: &[
            "Chest opener stretch twice a day",
            "Stand up every 45 minutes",
        ],
        share_with_gp: false,
    },
    Course {
        born: "1956-09-03",
        service: service::SWEDISH,
        answers: &[
            ("blood_thinners", "yes"),
            ("high_blood_pressure", "yes"),
            ("medications", "Apixaban, ramipril"),
        ],
        complaint: [
            "Low back ache that spreads into the left buttock.",
            "Low back, left buttock",
            "About a year, worse since retiring",
            "Standing still, getting out of a chair",
            "Walking, warm bath",
            "Gave up gardening; low mood on bad days",
        ],
        observations: [
            "Flattened lumbar curve; weight shifted right.",
            "Forward bend to mid-shin, stiff on return.",
            "Tight left gluteals and hip flexors; no sharp pain on palpation.",
        ],
        marks: &[
            ("low_back", Ache, 7),
            ("glute_left", Tight, 5),
            ("hip_flexor_left", Tight, 4),
        ],
        links: &[(
            "hip_flexor_left",
            "low_back",
            "Short hip flexors tilt the pelvis",
        )],
        techniques: &[Swedish, MyofascialRelease, DeepTissue, Stretching],
        baseline: (
            7,
            5,
            &[
                ("Gardening for half an hour", 3),
                ("Walking for 30 minutes", 4),
            ],
        ),
        visits: &[(6, 5), (6, 4), (4, 4)],
        psfs_after: &[5, 7],
        goal: (
            "Back in the garden for an hour on Saturdays",
            Measure::Psfs,
            7.0,
        ),
        education: &[
            "Pain is not a sign of damage here; gentle movement is safe.",
            "Bruising is more likely with blood thinners: say if pressure feels too much.",
        ],
        self_goals: &[
            "Walk 20 minutes every day",
            "Knee-to-chest stretch morning and evening",
        ],
        share_with_gp: true,
    },
    Course {
        born: "1994-02-07",
        service: service::PREGNANCY,
        answers: &[
            ("pregnant", "yes"),
            ("pregnancy_trimester", "second"),
            ("due_date", "2027-03-02"),
        ],
        complaint: [
            "Aching around the sacrum and right hip, worse at night.",
            "Sacrum and right hip",
            "Since week 16",
            "Lying on my side, stairs",
            "Pillow between the knees",
            "Poor sleep; tired at work",
        ],
        observations: [
            "Increased lumbar curve (pregnancy).",
            "Hip movements full, tender at end of range.",
            "Tight right gluteals and outer hip.",
        ],
        marks: &[
            ("sacrum", Ache, 5),
            ("hip_right", Ache, 4),
            ("glute_right", Tight, 5),
        ],
        links: &[],
        techniques: &[Swedish, Stretching],
        baseline: (5, 6, &[("Sleeping on my side", 4), ("Walking to work", 5)]),
        visits: &[(4, 5), (4, 4)],
        psfs_after: &[6, 7],
        goal: ("Sleep through most nights", Measure::Psfs, 7.0),
        education: &["Hormones loosen ligaments; support for the pelvis helps."],
        self_goals: &["Pillow between the knees", "Cat-cow stretch each evening"],
        share_with_gp: false,
    },
    Course {
        born: "1983-06-21",
        service: service::SPORTS,
        answers: &[
            ("recent_injury", "yes"),
            ("recent_injury_details", "Left calf strain, five weeks ago"),
        ],
        complaint: [
            "Tight left calf and hamstring since a calf strain; training for a half marathon.",
            "Left calf and hamstring",
            "Five weeks",
            "Hills, speed work",
            "Foam roller, rest days",
            "Cut running to 15 km a week",
        ],
        observations: [
            "Good posture; slight limp after long runs.",
            "Ankle dorsiflexion left 10° less than right.",
            "Thickened tissue in the left medial calf; tight IT band.",
        ],
        marks: &[
            ("calf_left", Tight, 6),
            ("hamstring_left", Tight, 5),
            ("outer_thigh_left", Tight, 4),
            ("knee_left", Sharp, 2),
        ],
        links: &[(
            "outer_thigh_left",
            "knee_left",
            "IT band tension felt at the outer knee",
        )],
        techniques: &[SportsMassage, MyofascialRelease, Stretching],
        baseline: (
            4,
            3,
            &[
                ("Running 10 km", 3),
                ("Running downhill", 4),
                ("Squatting to lift", 6),
            ],
        ),
        visits: &[(3, 3), (2, 2), (2, 2), (1, 2)],
        psfs_after: &[8, 7, 9],
        goal: ("Run the York half marathon in April", Measure::Psfs, 8.0),
        education: &[
            "Load the calf gradually: soreness the next morning should settle within a day.",
        ],
        self_goals: &[
            "Calf raises 3 × 15 every other day",
            "Foam roller after long runs",
        ],
        share_with_gp: false,
    },
    Course {
        born: "1969-11-15",
        service: service::MYOFASCIAL,
        answers: &[
            ("cancer", "past"),
            (
                "cancer_treatment",
                "Left breast surgery and radiotherapy, 2022",
            ),
            ("lymph_nodes_removed", "yes"),
            ("allergy_oils", "yes"),
        ],
        complaint: [
            "Stiff, tight left shoulder since surgery; reaching up is hard.",
            "Left shoulder and upper arm",
            "Since 2022, worse this winter",
            "Reaching to high shelves, carrying bags",
            "Gentle stretching, warmth",
            "Anxious about the arm swelling",
        ],
        observations: [
            "Left shoulder held higher and forward.",
            "Shoulder elevation left 140°, right 170°.",
            "Scar tissue tight along the left chest wall; pectorals tight.",
        ],
        marks: &[
            ("shoulder_front_left", Tight, 6),
            ("upper_arm_left", Ache, 4),
            ("shoulder_blade_left", Tight, 5),
            ("chest_left", Tight, 5),
        ],
        links: &[(
            "chest_left",
            "shoulder_front_left",
            "Scar and pectoral tightness limit elevation",
        )],
        techniques: &[Swedish, MyofascialRelease, Stretching],
        baseline: (
            5,
            7,
            &[
                ("Reaching a high shelf", 4),
                ("Carrying shopping", 5),
                ("Hanging out washing", 4),
            ],
        ),
        visits: &[(4, 6), (4, 5), (3, 4)],
        psfs_after: &[6, 6, 7],
        goal: ("Hang out the washing without pain", Measure::Pain, 2.0),
        education: &[
            "Gentle work will not cause lymphoedema; we avoid deep pressure on the left arm.",
        ],
        self_goals: &["Wall-walk stretch daily", "Tell us about any arm swelling"],
        share_with_gp: true,
    },
    Course {
        born: "1974-03-28",
        service: service::SWEDISH,
        answers: &[
            ("diabetes", "yes"),
            ("sensation_loss", "yes"),
            ("medications", "Metformin"),
        ],
        complaint: [
            "Calves cramp and feet feel heavy after a shift.",
            "Both calves and feet",
            "Two years",
            "Standing all day at work",
            "Putting my feet up",
            "Tired in the evenings",
        ],
        observations: [
            "Flat feet, knees slightly in.",
            "Ankle movements reduced both sides.",
            "Reduced feeling to light touch on both soles.",
        ],
        marks: &[
            ("foot_left", Numbness, 3),
            ("foot_right", Numbness, 3),
            ("calf_right", Tight, 5),
            ("calf_left", PinsAndNeedles, 2),
        ],
        links: &[],
        techniques: &[Swedish, Stretching, DeepTissue],
        baseline: (
            4,
            4,
            &[("Walking the dog", 5), ("Standing through a shift", 6)],
        ),
        visits: &[(4, 4), (3, 3)],
        psfs_after: &[6, 7],
        goal: ("Walk the dog for 40 minutes", Measure::Psfs, 7.5),
        education: &["Check your feet daily: reduced feeling means small cuts go unnoticed."],
        self_goals: &["Calf stretch at each break"],
        share_with_gp: false,
    },
];

pub const NOTE_S: [&str; 5] = [
    "First treatment after assessment. Nervous about pressure; agreed to check in often.",
    "Felt looser for two days after last time; did the stretches most days.",
    "A stressful week; symptoms flared midweek but settled with the exercises.",
    "Better week; noticed less tension by the evening.",
    "Good progress; wants to keep going with the home programme.",
];
