//! Matching typed text against stored text, ignoring case and accents, the same way on both
//! engines: the folding is done here, and the database only compares folded words.

use unicode_normalization::UnicodeNormalization;

/// Folds text for matching: decomposes, drops accents, lower-cases, and spells out the letters
/// that have no decomposition (ł, ø, ß, æ, œ, đ, þ).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'ł' | 'Ł' => out.push('l'),
            'ø' | 'Ø' => out.push('o'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'þ' | 'Þ' => out.push_str("th"),
            'ı' => out.push('i'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The words of `text` for searching: folded, split on anything that is not a letter or digit.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

/// Escapes LIKE's wildcards so typed `%` and `_` match themselves.
pub fn like_prefix(word: &str) -> String {
    let mut pattern = String::from("% ");
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Zoë Łukasiewicz-Ørsted"), "zoe lukasiewicz-orsted");
        assert_eq!(fold("Nguyễn Thị Minh Khai"), "nguyen thi minh khai");
        assert_eq!(fold("Siobhán STRAßE"), "siobhan strasse");
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_prefix("a%b_c\\"), "% a\\%b\\_c\\\\%");
    }
}
