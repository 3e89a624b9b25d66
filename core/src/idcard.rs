//! Resident ID numbers (公民身份号码), GB 11643-1999: 17 digits and a check character (0-9 or X).
//! Legacy 15-digit numbers (before 1999) have a 2-digit year and no check character.

use chrono::NaiveDate;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    /// Wrong length or characters.
    Format,
    /// The 7th–14th digits are not a real date.
    BirthDate,
    /// The check character does not match; carries the expected one.
    Checksum(char),
}

impl IdError {
    pub fn message(&self) -> String {
        match self {
            IdError::Format => "身份证号应为 18 位（最后一位可为 X），请核对".to_string(),
            IdError::BirthDate => "身份证号中的出生日期不存在，请核对第 7 至 14 位".to_string(),
            IdError::Checksum(_) => "身份证号校验位不正确，请核对最后一位".to_string(),
        }
    }
}

/// The check character for the first 17 digits.
pub fn check_char(first17: &str) -> char {
    let sum: u32 = first17.chars().zip(WEIGHTS).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
    CHECK[(sum % 11) as usize]
}

/// Normalise what people type: full-width digits and letters, spaces, lower-case x.
pub fn clean(raw: &str) -> String {
    // Most are clean already: ASCII, no spaces, no lower case.
    if raw.bytes().all(|b| b.is_ascii_graphic() && !b.is_ascii_lowercase()) {
        return raw.to_string();
    }
    raw.chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFF10 + '0' as u32)?,
                'ｘ' | 'Ｘ' => 'X',
                _ => c,
            };
            if c.is_whitespace() || c == '\u{3000}' {
                None
            } else {
                Some(c.to_ascii_uppercase())
            }
        })
        .collect()
}

/// Convert a valid 15-digit legacy number to 18 digits (century 19, computed check character).
pub fn upgrade15(n: &str) -> Option<String> {
    if n.len() != 15 || !n.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let first17 = format!("{}19{}", &n[..6], &n[6..]);
    let c = check_char(&first17);
    Some(format!("{first17}{c}"))
}

/// Validate an ID number; returns it normalised to 18 characters.
pub fn validate(raw: &str) -> Result<String, IdError> {
    let mut n = clean(raw);
    if n.len() == 15 {
        n = upgrade15(&n).ok_or(IdError::Format)?;
        birth_date(&n).ok_or(IdError::BirthDate)?;
        return Ok(n);
    }
    // By bytes: 18 bytes of other text (a CJK character among them) is no number, and no panic.
    if n.len() != 18
        || !n.as_bytes()[..17].iter().all(u8::is_ascii_digit)
        || !matches!(n.as_bytes()[17], b'0'..=b'9' | b'X')
    {
        return Err(IdError::Format);
    }
    birth_date(&n).ok_or(IdError::BirthDate)?;
    let expected = check_char(&n[..17]);
    if n.as_bytes()[17] as char != expected {
        return Err(IdError::Checksum(expected));
    }
    Ok(n)
}

/// Birth date of a (normalised, 18-character) number.
pub fn birth_date(n: &str) -> Option<NaiveDate> {
    let y: i32 = n.get(6..10)?.parse().ok()?;
    let m: u32 = n.get(10..12)?.parse().ok()?;
    let d: u32 = n.get(12..14)?.parse().ok()?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// "男" or "女" from the 17th digit (odd: male).
pub fn gender(n: &str) -> Option<&'static str> {
    let d = n.as_bytes().get(16)?;
    if !d.is_ascii_digit() {
        return None;
    }
    Some(if (d - b'0') % 2 == 1 { "男" } else { "女" })
}

/// The masks, at their old paths (`idcard::mask`, `idcard::mask_phone`): they live in `masks`.
pub use crate::masks::{mask_id as mask, mask_phone};

#[cfg(test)]
mod tests {
    use super::*;

    // 11010519491231002X is the example number printed in GB 11643-1999 itself.
    #[test]
    fn standard_example_is_valid() {
        assert_eq!(validate("11010519491231002X").unwrap(), "11010519491231002X");
        assert_eq!(validate("11010519491231002x").unwrap(), "11010519491231002X");
        assert_eq!(validate(" 110105 19491231 002X ").unwrap(), "11010519491231002X");
        assert_eq!(validate("１１０１０５１９４９１２３１００２Ｘ").unwrap(), "11010519491231002X");
        assert_eq!(gender("11010519491231002X"), Some("女"));
        assert_eq!(birth_date("11010519491231002X"), NaiveDate::from_ymd_opt(1949, 12, 31));
    }

    #[test]
    fn bad_numbers_are_refused() {
        assert_eq!(validate("110105194912310021"), Err(IdError::Checksum('X')));
        assert_eq!(validate("1101051949123100"), Err(IdError::Format));
        assert_eq!(validate("11010519491331002X"), Err(IdError::BirthDate));
        assert_eq!(validate("11010519490230002X"), Err(IdError::BirthDate));
        assert_eq!(validate("1101051949123100AX"), Err(IdError::Format));
        assert_eq!(validate(""), Err(IdError::Format));
        // 18 bytes with a Chinese character across the 17th: refused, not a panic.
        assert_eq!(validate("注：身份证号"), Err(IdError::Format));
        assert_eq!(validate("123456789012345号"), Err(IdError::Format));
    }

    #[test]
    fn legacy_15_digits_upgrade() {
        // 110105491231002 is the 15-digit form of the standard's example.
        assert_eq!(validate("110105491231002").unwrap(), "11010519491231002X");
    }
}
