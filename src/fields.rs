//! Parsing of request fields at the boundary: every check names the field it is about.
//!
//! Text is trimmed, normalised to NFC and stripped of control characters other than line
//! breaks and tabs, so nothing invisible or half-encoded reaches the database or a printout.
//!
//! A form is checked whole: [`Problems`] gathers every field's problem, so one answer names
//! them all and the person corrects the form in one pass.

use crate::error::{ApiError, ApiResult, ErrorCode, FieldProblem};
use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

/// Every problem found while checking one form's fields.
#[derive(Debug, Default)]
pub struct Problems(Vec<ApiError>);

impl Problems {
    /// The checked value, or `None` with its problem kept for [`Problems::settle`].
    pub fn take<T>(&mut self, checked: ApiResult<T>) -> Option<T> {
        checked.map_err(|error| self.absorb(error)).ok()
    }

    /// Keeps a problem found by a check of the caller's own.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(ApiError::validation(field, message));
    }

    /// Keeps every problem of a form checked by another `Problems` (a form inside a form).
    pub fn absorb(&mut self, error: ApiError) {
        if error.problems.is_empty() {
            self.0.push(error);
        } else {
            self.0.extend(
                error
                    .problems
                    .into_iter()
                    .map(|p| ApiError::validation(&p.field, p.message)),
            );
        }
    }

    /// The form's value built by `build` when nothing was wrong; otherwise one error naming
    /// every problem (the first as its `field` and `message`). `build` sees only values that
    /// passed, so its `?` on them does not fail.
    pub fn settle<T>(self, build: impl FnOnce() -> Option<T>) -> ApiResult<T> {
        self.finish()?;
        build().ok_or_else(ApiError::internal)
    }

    /// `Ok` when nothing was wrong; otherwise one error naming every problem.
    pub fn finish(self) -> ApiResult<()> {
        let mut errors = self.0.into_iter();
        let Some(first) = errors.next() else {
            return Ok(());
        };
        let rest: Vec<ApiError> = errors.collect();
        if rest.is_empty() {
            return Err(first);
        }
        let problems = std::iter::once(&first)
            .chain(&rest)
            .filter_map(|e| {
                e.field.as_ref().map(|field| FieldProblem {
                    field: field.clone(),
                    message: e.message.clone(),
                })
            })
            .collect();
        Err(ApiError {
            code: if rest.iter().all(|e| e.code == first.code) {
                first.code
            } else {
                ErrorCode::Validation
            },
            problems,
            ..first
        })
    }
}

impl FromIterator<ApiError> for Problems {
    fn from_iter<I: IntoIterator<Item = ApiError>>(errors: I) -> Self {
        let mut problems = Self::default();
        for error in errors {
            problems.absorb(error);
        }
        problems
    }
}

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
    fn problems_are_reported_together() {
        let mut problems = Problems::default();
        let name = problems.take(required_line("name", "Name", " ", 10));
        let mail = problems.take(email("email", "nope"));
        let ok = problems.take(phone("phone", ""));
        assert_eq!((name, mail, ok), (None, None, Some(String::new())));
        let error = problems.settle(|| Some(())).unwrap_err();
        assert_eq!(error.field.as_deref(), Some("name"));
        let fields: Vec<&str> = error.problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["name", "email"]);

        let mut one = Problems::default();
        one.add("name", "Name is required.");
        let error = one.finish().unwrap_err();
        assert!(
            error.problems.is_empty(),
            "a single problem is the plain error"
        );
        assert_eq!(Problems::default().settle(|| Some(7)).unwrap(), 7);
    }

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
