//! Masking personal data: ID-card and phone numbers are masked in lists, exports and the audit log
//! unless the user asks for them (they never go to logs).

use std::borrow::Cow;

/// Mask for lists and exports: the region (6) and the check character stay. 110101***********X
///
/// The birth date and the sequence number are both hidden, so that a row that shows the birth date
/// beside the masked number (the roster's default columns do) still cannot give the whole number back:
/// the region is public and the birth date shown, but the three sequence digits remain unknown.
pub fn mask_id(n: &str) -> String {
    let chars: Vec<char> = n.chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 1..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
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

/// Phone and ID numbers inside free text (联系人 李明 13812345678; 身份证号“330106196910010000”…)
/// masked, for the audit log and the import error report: a run of 15 or more digits (an X may end
/// it) as an ID number, a run of 7 or more as a phone number.
pub(crate) fn mask_phones(s: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 15 {
            out.push_str(&mask_id(run));
        } else if run.len() >= 7 {
            out.push_str(&mask_phone(run));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() || (matches!(c, 'X' | 'x') && run.len() >= 14) {
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
        assert_eq!(mask_id("11010519491231002X"), "110105***********X");
        // Beside the birth date (1949-12-31) the sequence digits stay unknown.
        assert!(!mask_id("11010519491231002X").contains("002"));
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("0571-8888666"), "057*****8666");
        assert_eq!(mask_phone("88886666"), "****6666");
    }
}
