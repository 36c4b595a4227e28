//! Characters that make text display otherwise than it reads: bidirectional controls (Trojan Source,
//! CVE-2021-42574), zero-width and other invisible format characters, tag characters, line and paragraph
//! separators, and C0 and C1 control characters. One classification serves the rule that refuses them in a
//! charter, the writers that keep them out of documents, and the escaping of everything printed to a
//! terminal.

use std::borrow::Cow;

/// Why a character is hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A C0 or C1 control character, or DEL.
    Control,
    /// A bidirectional embedding, override or isolate: it reorders the text around it.
    Bidi,
    /// A direction mark or a joiner, which some scripts need; a charter may allow these by name.
    Mark,
    /// A zero-width or invisible format character, a tag character, or a line or paragraph separator.
    Invisible,
}

/// The class of `c`, when it is hidden. Newline, tab and carriage return are controls too: callers decide
/// where a format allows them.
#[must_use]
pub fn class(c: char) -> Option<Class> {
    match c {
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Some(Class::Control),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Some(Class::Bidi),
        '\u{061C}' | '\u{200C}'..='\u{200F}' => Some(Class::Mark),
        '\u{00AD}'
        | '\u{180E}'
        | '\u{200B}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}'
        | '\u{E0000}'..='\u{E007F}' => Some(Class::Invisible),
        _ => None,
    }
}

/// Whether a byte of UTF-8 text may start a hidden character: a control byte, DEL, or the first byte of
/// a non-ASCII character (which is then checked in full). For fast scans of mostly ASCII text.
#[must_use]
pub fn may_start_hidden(b: u8) -> bool {
    !(0x20..0x7F).contains(&b)
}

/// The short name of an allowable mark, as documents show it: `RLM`, `LRM`, `ALM`, `ZWNJ`, `ZWJ`.
#[must_use]
pub fn mark_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200E}' => "LRM",
        '\u{200F}' => "RLM",
        '\u{061C}' => "ALM",
        '\u{200C}' => "ZWNJ",
        '\u{200D}' => "ZWJ",
        _ => return None,
    })
}

/// `U+202E RIGHT-TO-LEFT OVERRIDE`: the code point and its Unicode name, for messages.
#[must_use]
pub fn describe(c: char) -> String {
    format!("U+{:04X} {}", u32::from(c), name(c))
}

/// The Unicode name (or a description) of a hidden character. Over 60 lines only because it holds the
/// table of the 32 C0 control names, one a line.
fn name(c: char) -> Cow<'static, str> {
    const C0: [&str; 32] = [
        "NULL",
        "START OF HEADING",
        "START OF TEXT",
        "END OF TEXT",
        "END OF TRANSMISSION",
        "ENQUIRY",
        "ACKNOWLEDGE",
        "BELL",
        "BACKSPACE",
        "CHARACTER TABULATION",
        "LINE FEED",
        "LINE TABULATION",
        "FORM FEED",
        "CARRIAGE RETURN",
        "SHIFT OUT",
        "SHIFT IN",
        "DATA LINK ESCAPE",
        "DEVICE CONTROL ONE",
        "DEVICE CONTROL TWO",
        "DEVICE CONTROL THREE",
        "DEVICE CONTROL FOUR",
        "NEGATIVE ACKNOWLEDGE",
        "SYNCHRONOUS IDLE",
        "END OF TRANSMISSION BLOCK",
        "CANCEL",
        "END OF MEDIUM",
        "SUBSTITUTE",
        "ESCAPE",
        "FILE SEPARATOR",
        "GROUP SEPARATOR",
        "RECORD SEPARATOR",
        "UNIT SEPARATOR",
    ];
    let n = u32::from(c);
    Cow::Borrowed(match c {
        '\u{0}'..='\u{1F}' => C0[n as usize],
        '\u{7F}' => "DELETE",
        '\u{80}'..='\u{9F}' => "(a C1 control character)",
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)",
        '\u{E0000}'..='\u{E007F}' => "(a tag character)",
        _ => "(an invisible character)",
    })
}

/// Text as it may be printed to a terminal: every hidden character except newline and tab is made
/// visible, as rustc does with source snippets. C0 controls and DEL become their Unicode control
/// pictures (`␛`); C1 controls and every invisible, bidirectional or mark character become an escape
/// (`\u{202e}`), so that nothing printed can move the cursor, recolour, retitle or clear the terminal, or
/// reorder what the reader sees.
#[must_use]
pub fn escape_terminal(text: &str) -> Cow<'_, str> {
    let needs = |c: char| c != '\n' && c != '\t' && class(c).is_some();
    if !text.bytes().any(may_start_hidden) || !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !needs(c) {
            out.push(c);
        } else if c < ' ' {
            out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('?'));
        } else if c == '\u{7F}' {
            out.push('\u{2421}');
        } else {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        }
    }
    Cow::Owned(out)
}

/// JSON text (as `serde_json` writes it, which escapes C0 controls already) with every other hidden
/// character written as a `\uXXXX` escape: the same JSON value, safe to print to a terminal.
#[must_use]
pub fn escape_json(json: &str) -> Cow<'_, str> {
    if !json.bytes().any(|b| b >= 0x7F) || !json.chars().any(|c| class(c).is_some()) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if class(c).is_some() {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hidden_families_are_classified() {
        for c in ['\u{202E}', '\u{2066}', '\u{202C}'] {
            assert_eq!(class(c), Some(Class::Bidi), "{c:?}");
        }
        for c in ['\u{200E}', '\u{200F}', '\u{061C}', '\u{200D}'] {
            assert_eq!(class(c), Some(Class::Mark), "{c:?}");
        }
        for c in [
            '\u{200B}',
            '\u{FEFF}',
            '\u{180E}',
            '\u{AD}',
            '\u{E0041}',
            '\u{2028}',
        ] {
            assert_eq!(class(c), Some(Class::Invisible), "{c:?}");
        }
        for c in ['\0', '\u{1B}', '\u{7F}', '\u{9B}'] {
            assert_eq!(class(c), Some(Class::Control), "{c:?}");
        }
        for c in ['a', 'é', 'ש', 'ع', ' ', '\u{A0}'] {
            assert_eq!(class(c), None, "{c:?}");
        }
        assert_eq!(describe('\u{202E}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
        assert_eq!(describe('\u{1B}'), "U+001B ESCAPE");
    }

    #[test]
    fn terminal_text_shows_controls_instead_of_obeying_them() {
        assert_eq!(escape_terminal("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(escape_terminal("\u{1b}[2J\u{1b}]0;x\u{7}"), "␛[2J␛]0;x␇");
        assert_eq!(escape_terminal("1.0\u{202E}0.2"), "1.0\\u{202e}0.2");
        assert_eq!(escape_terminal("a\u{9b}b\r"), "a\\u{9b}b␍");
    }

    #[test]
    fn json_stays_the_same_value_without_hidden_characters() {
        let json = serde_json::to_string("1.0\u{202E}0.2 \u{E0041} \u{9B}").expect("json");
        let escaped = escape_json(&json);
        assert!(escaped.chars().all(|c| class(c).is_none()), "{escaped}");
        let back: String = serde_json::from_str(&escaped).expect("still JSON");
        assert_eq!(back, "1.0\u{202E}0.2 \u{E0041} \u{9B}");
    }
}
