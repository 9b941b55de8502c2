//! Parsing of request fields at the boundary: every check names the field it is about.
//!
//! Text is trimmed, normalised to NFC and stripped of control characters other than line
//! breaks and tabs, so nothing invisible or half-encoded reaches the database or a printout.

use crate::error::{ApiError, ApiResult};
use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

/// Cleans free text: NFC, no control characters except newline and tab, trimmed.
pub fn clean_text(raw: &str) -> String {
    raw.nfc()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A required single-line text of at most `max` characters.
pub fn required_line(field: &str, label: &str, raw: &str, max: usize) -> ApiResult<String> {
    let text = optional_line(field, label, raw, max)?;
    if text.is_empty() {
        return Err(ApiError::validation(field, format!("{label} is required.")));
    }
    Ok(text)
}

/// An optional single-line text (empty allowed) of at most `max` characters.
pub fn optional_line(field: &str, label: &str, raw: &str, max: usize) -> ApiResult<String> {
    let text = clean_text(raw).replace(['\n', '\t'], " ");
    limit(field, label, text, max)
}

/// Free text over several lines, at most `max` characters.
pub fn multiline(field: &str, label: &str, raw: &str, max: usize) -> ApiResult<String> {
    limit(field, label, clean_text(raw), max)
}

fn limit(field: &str, label: &str, text: String, max: usize) -> ApiResult<String> {
    if text.chars().count() > max {
        return Err(ApiError::validation(
            field,
            format!("{label} can be at most {max} characters."),
        ));
    }
    Ok(text)
}

/// An email address: empty, or one `@` with text either side and a dot in the domain.
pub fn email(field: &str, raw: &str) -> ApiResult<String> {
    let text = optional_line(field, "Email", raw, 254)?;
    if text.is_empty() {
        return Ok(text);
    }
    let valid = match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !text.contains(char::is_whitespace)
        }
        None => false,
    };
    if valid {
        Ok(text)
    } else {
        Err(ApiError::validation(
            field,
            "Email should look like name@example.com.",
        ))
    }
}

/// A phone number: digits with optional `+`, spaces, dashes, dots and brackets; 6 to 15 digits.
pub fn phone(field: &str, raw: &str) -> ApiResult<String> {
    let text = optional_line(field, "Phone", raw, 32)?;
    if text.is_empty() {
        return Ok(text);
    }
    let allowed = text
        .chars()
        .all(|c| c.is_ascii_digit() || " +-.()".contains(c));
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if allowed && (6..=15).contains(&digits) && !text[1..].contains('+') {
        Ok(text)
    } else {
        Err(ApiError::validation(
            field,
            "Phone should be a number like +44 20 7946 0958.",
        ))
    }
}

/// A colour as `#rrggbb`.
pub fn colour(field: &str, raw: &str) -> ApiResult<String> {
    let text = raw.trim().to_ascii_lowercase();
    let valid = text.len() == 7
        && text.starts_with('#')
        && text[1..].chars().all(|c| c.is_ascii_hexdigit());
    if valid {
        Ok(text)
    } else {
        Err(ApiError::validation(
            field,
            "Colour should be written like #2f7d6d.",
        ))
    }
}

/// A calendar date `YYYY-MM-DD`, optionally empty.
pub fn optional_date(field: &str, label: &str, raw: &str) -> ApiResult<Option<NaiveDate>> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            ApiError::validation(field, format!("{label} should be a date like 1980-04-23."))
        })
}

/// A whole number within `range`.
pub fn within(
    field: &str,
    label: &str,
    value: i64,
    range: std::ops::RangeInclusive<i64>,
) -> ApiResult<i64> {
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(ApiError::validation(
            field,
            format!(
                "{label} must be between {} and {}.",
                range.start(),
                range.end()
            ),
        ))
    }
}

/// An identifier sent back by the UI: a UUID in its canonical text form.
pub fn id(field: &str, raw: &str) -> ApiResult<String> {
    uuid::Uuid::parse_str(raw.trim())
        .map(|id| id.hyphenated().to_string())
        .map_err(|_| ApiError::validation(field, "This reference is not valid."))
}

/// An existing folder on this computer, named by its absolute path (where Palma writes a
/// backup or an export).
pub fn existing_folder(field: &str, raw: &str) -> ApiResult<std::path::PathBuf> {
    let text = optional_line(field, "Folder", raw, 1000)?;
    let path = std::path::PathBuf::from(&text);
    if !path.is_absolute() || !path.is_dir() {
        return Err(ApiError::validation(field, "Choose an existing folder."));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_strips_controls_and_normalises() {
        assert_eq!(clean_text("  Zoe\u{0308}\u{0007}\r\n "), "Zoë");
        assert_eq!(
            clean_text("a\u{200b}b"),
            "a\u{200b}b",
            "format characters are kept"
        );
    }

    #[test]
    fn required_line_names_the_field() {
        let error = required_line("givenName", "First name", "   ", 10).unwrap_err();
        assert_eq!(error.field.as_deref(), Some("givenName"));
        assert_eq!(required_line("f", "F", "a\nb", 10).unwrap(), "a b");
        assert!(required_line("f", "F", "abcdefghijk", 10).is_err());
    }

    #[test]
    fn emails() {
        for ok in ["", "a@b.co", "zoë@exämple.org"] {
            assert!(email("email", ok).is_ok(), "{ok}");
        }
        for bad in ["a", "a@", "@b.com", "a@b", "a@.b", "a b@c.d", "a@b@c.d"] {
            assert!(email("email", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn phones() {
        for ok in ["", "+44 20 7946 0958", "(416) 555-0199", "0123.456.789"] {
            assert!(phone("phone", ok).is_ok(), "{ok}");
        }
        for bad in ["12345", "call me", "+44 +20 7946", "1234567890123456"] {
            assert!(phone("phone", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn colours_and_dates() {
        assert_eq!(colour("c", " #2F7D6D ").unwrap(), "#2f7d6d");
        assert!(colour("c", "teal").is_err());
        assert!(optional_date("d", "D", "2024-02-30").is_err());
        assert_eq!(optional_date("d", "D", "").unwrap(), None);
    }
}
