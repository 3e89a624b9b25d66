//! Masking personal data: ID-card and phone numbers are masked in lists, exports and the audit log
//! unless the user asks for them (they never go to logs).

use std::borrow::Cow;

/// Mask for lists and exports: the region (6) and the last 4 stay. 110101********123X
pub fn mask_id(n: &str) -> String {
    let chars: Vec<char> = n.chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 10))
}

/// Mask a phone number: 138****5678; short numbers keep only the last 4.
pub fn mask_phone(p: &str) -> String {
    let chars: Vec<char> = p.chars().collect();
    if chars.len() >= 11 {
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
    } else if chars.len() > 4 {
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("{}{tail}", "*".repeat(chars.len() - 4))
    } else {
        p.to_string()
    }
}

/// A phone number as an export writes it: in full when the user asked for phone numbers, else masked.
pub(crate) fn phone_unless(with_phone: bool, p: &str) -> Cow<'_, str> {
    if with_phone {
        Cow::Borrowed(p)
    } else {
        Cow::Owned(mask_phone(p))
    }
}

/// Phone numbers inside free text (联系人 李明 13812345678) masked, for the audit log.
pub(crate) fn mask_phones(s: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 7 {
            out.push_str(&mask_phone(run));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(mask_id("11010519491231002X"), "110105********002X");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("0571-8888666"), "057*****8666");
        assert_eq!(mask_phone("88886666"), "****6666");
    }
}
