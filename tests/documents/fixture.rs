//! A realistic aftercare sheet with six self-care items, shared by the integration tests and
//! the benchmark. Illustrations come from the handout library when it is present.

use std::path::Path;

use chrono::{TimeZone, Utc};
use palma::documents::{AftercareSheet, Letterhead, SelfCareItem};

pub const NAME_LATIN: &str = "Zoë Łukasiewicz-Ørsted";
pub const NAME_VIETNAMESE: &str = "Nguyễn Thị Minh Khai";

/// A small line drawing in the subset, used when the library's illustration is absent.
const FALLBACK_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 180">
<line x1="14" y1="165" x2="226" y2="165" stroke="#1f2933" stroke-width="2"/>
<circle cx="120" cy="46" r="14" stroke="#1f2933" stroke-width="3" fill="none"/>
<path d="M120 60 L120 118 M120 76 Q100 88 92 108 M120 76 Q140 88 148 108" stroke="#1f2933" stroke-width="4" fill="none" stroke-linecap="round"/>
<polyline points="120,118 108,164 100,165" stroke="#2f7d6d" stroke-width="4" fill="none"/>
</svg>"##;

fn illustration(slug: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/handouts/illustrations")
        .join(format!("{slug}.svg"));
    std::fs::read_to_string(path).unwrap_or_else(|_| FALLBACK_SVG.to_owned())
}

fn item(slug: &str, title: &str, why: &str, steps: &[&str], dosage: &str) -> SelfCareItem {
    SelfCareItem {
        title: title.into(),
        why: why.into(),
        steps: steps.iter().map(|s| (*s).into()).collect(),
        dosage: dosage.into(),
        personal_note: None,
        cautions: vec![
            "You feel pins and needles, numbness or pain spreading down your arm.".into(),
            "You feel dizzy, light-headed or sick.".into(),
        ],
        illustration_svg: Some(illustration(slug)),
    }
}

/// A realistic sheet with six self-care items, all with illustrations.
pub fn sheet() -> AftercareSheet {
    let mut items = vec![
        item(
            "neck-side-stretch",
            "Side neck stretch",
            "Gently lengthens the muscles at the side of your neck, which can ease tightness.",
            &[
                "Sit tall on a firm chair with your feet flat on the floor.",
                "Let your shoulders relax down, away from your ears.",
                "Slowly tip your right ear towards your right shoulder.",
                "Stop when you feel a gentle stretch on the left side of your neck.",
                "Breathe slowly, then bring your head back to the middle and swap sides.",
            ],
            "Hold 20 seconds, 3 times each side, twice a day",
        ),
        item(
            "chin-tuck",
            "Chin tuck",
            "Draws your head back over your shoulders, easing strain on the back of your neck.",
            &[
                "Sit or stand tall and look straight ahead.",
                "Slide your chin straight back, as if making a double chin.",
                "Keep your eyes level; do not tip your head down.",
                "Relax and let your head return.",
            ],
            "Hold 5 seconds, 10 times, 3 times a day",
        ),
        item(
            "shoulder-rolls",
            "Shoulder rolls",
            "Moves your shoulders gently through their range to ease stiffness.",
            &[
                "Stand or sit tall with your arms resting by your sides.",
                "Lift your shoulders up towards your ears.",
                "Roll them back and down in a slow circle.",
            ],
            "10 slow circles, every hour at your desk",
        ),
        item(
            "doorway-chest-stretch",
            "Doorway chest stretch",
            "Opens the front of your chest and shoulders so sitting tall feels easier.",
            &[
                "Stand in a doorway and rest your forearms on the frame at shoulder height.",
                "Step one foot forward until you feel a gentle stretch across your chest.",
                "Keep your back straight and breathe slowly.",
                "Step back to finish.",
            ],
            "Hold 30 seconds, 3 times, once a day",
        ),
        item(
            "tennis-ball-shoulder-blade",
            "Tennis ball for the shoulder blade",
            "Leaning gently into a ball presses on tight spots and can help them soften.",
            &[
                "Put a tennis ball between your upper back and a wall.",
                "Lean into it gently and find a tender spot beside your shoulder blade.",
                "Stay there and breathe slowly while the spot softens.",
                "Move the ball a little and repeat.",
            ],
            "2 minutes, once a day",
        ),
        item(
            "belly-breathing",
            "Slow belly breathing",
            "Slow breathing low into your belly helps your body settle and eases tension.",
            &[
                "Lie on your back with your knees bent, or sit comfortably.",
                "Rest one hand on your chest and one on your belly.",
                "Breathe in through your nose so the hand on your belly rises.",
                "Breathe out slowly through your mouth.",
            ],
            "5 minutes, twice a day and at bedtime",
        ),
    ];
    items[0].personal_note = Some(
        "Your left side was much tighter than your right today, so spend a little longer on \
         that side. Little and often beats one long session."
            .into(),
    );
    AftercareSheet {
        document_id: "session-0192f0c4-7a1e-7c3d-9a54-3f1d2b8e6a01".into(),
        issued_at: Utc.with_ymd_and_hms(2026, 11, 22, 16, 45, 0).unwrap(),
        letterhead: Letterhead {
            clinic_name: "Harbour Street Massage & Soft-Tissue Clinic".into(),
            address_lines: vec![
                "12 Harbour Street".into(),
                "Leith, Edinburgh EH6 6JA".into(),
            ],
            phone: "0131 555 0142".into(),
            email: "hello@harbourstreetclinic.example".into(),
            website: "harbourstreetclinic.example".into(),
            logo_png: None,
        },
        client_name: NAME_LATIN.into(),
        therapist_name: "Sam Okafor".into(),
        session_date: "Sunday 22 November 2026".into(),
        worked_on: vec![
            "The muscles at the top of your shoulders and the side of your neck, mostly on the \
             left."
                .into(),
            "Your upper back between the shoulder blades, with slow, deep pressure.".into(),
        ],
        todays_measures: Vec::new(),
        what_to_expect: vec![
            "Some tenderness where we worked, like after exercise. It usually fades within \
             one to two days."
                .into(),
            "You may feel tired or a little light-headed this evening. Rest if you can.".into(),
            "Drink water as usual and keep moving gently; a short walk helps.".into(),
        ],
        between_visits: Vec::new(),
        items,
        seek_help: vec![
            "Numbness, tingling or weakness in your arm or hand.".into(),
            "Pain that is severe or getting worse after 48 hours.".into(),
            "Pain, swelling, warmth or redness in your calf.".into(),
            "A headache that is sudden and severe, or that comes with dizziness.".into(),
        ],
        next_appointments: vec!["Sunday 6 December 2026 at 10:30, 60 minutes with Sam".into()],
        contact_line: "Questions about your aftercare? Call us on 0131 555 0142 or email \
                       hello@harbourstreetclinic.example."
            .into(),
    }
}
