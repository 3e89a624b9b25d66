//! Check-in by scanning: every attendee has a code of 12 digits (the 出席证 and the 座位票 print it as a
//! Code 128 barcode and in figures), and a USB scanner at the desk types it like a keyboard, then Enter.
//!
//! The code is made from the attendee's id (FNV-1a, 64 bits, to 11 digits) with a Luhn check digit: it
//! carries no personal data (no ID or phone number), is the same on every reprint, needs no storage, and a
//! mistyped digit is caught by the check digit. Digits only, because a scanner "types" through the
//! keyboard layout and the input method: letters would land in a Chinese IME's composition, digits pass
//! through (and full-width digits, typed with the IME in full-width mode, are read as digits too).
//! Code 128 rather than QR: every USB scanner an office may own reads it, the cheap 1D laser and CCD guns
//! as well as the 2D imagers, while only the imagers read QR; 12 digits are a short symbol in set C.

use super::{attendees_in, SessState};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::sessions::types::*;

/// Digits in an attendee code (11 from the id, then the check digit).
pub const CODE_LEN: usize = 12;

/// The attendee code of the attendee with this id.
pub fn attendee_code(attendee_id: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in attendee_id.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let body = format!("{:011}", h % 100_000_000_000);
    let check = luhn_digit(&body);
    format!("{body}{check}")
}

/// The Luhn check digit of `digits` (ASCII digits).
fn luhn_digit(digits: &str) -> u32 {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = (b - b'0') as u32;
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// What was typed, as a code: full-width digits made ASCII, spaces and dashes dropped; None unless it is
/// 12 digits. (A wrong check digit is still a code, answered as unknown with a word on the digits.)
pub fn as_code(typed: &str) -> Option<String> {
    let s: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    (s.len() == CODE_LEN && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// Whether a code's check digit is right.
pub fn code_is_valid(code: &str) -> bool {
    code.len() == CODE_LEN
        && code.bytes().all(|b| b.is_ascii_digit())
        && luhn_digit(&code[..CODE_LEN - 1]) == (code.as_bytes()[CODE_LEN - 1] - b'0') as u32
}

/// The Code 128 barcode of a code as SVG (bars one unit wide, 30 high; the template sets its size and
/// leaves the quiet zone around it).
pub fn barcode_svg(code: &str) -> Result<String> {
    use barcoders::generators::svg::SVG;
    use barcoders::sym::code128::Code128;
    // Set C: two digits a symbol.
    let sym = Code128::new(format!("\u{0106}{code}")).map_err(|e| Error::Export(format!("条码：{e}")))?;
    SVG::new(30)
        .xmlns("http://www.w3.org/2000/svg".into())
        .generate(sym.encode())
        .map_err(|e| Error::Export(format!("条码：{e}")))
}

impl Db {
    /// The attendee of a session whose code this is (None: no one on the list has it).
    pub fn attendee_by_code(&self, session_id: &str, code: &str) -> Result<Option<Attendee>> {
        SessState::load(&self.conn, session_id)?;
        let Some(code) = as_code(code) else { return Ok(None) };
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM session_attendees WHERE session_id = ?1 AND deleted_at IS NULL")?;
        let ids: Vec<String> = st.query_map([session_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        match ids.into_iter().find(|id| attendee_code(id) == code) {
            Some(id) => Ok(Some(self.session_attendee(&id)?)),
            None => Ok(None),
        }
    }

    /// A scan at the desk: check in the attendee whose code was scanned, with the items ticked at the desk
    /// (and a proxy). Someone already checked in is answered as such (`already`), not refused: a second
    /// scan is common and changes nothing. An unknown code is refused in words the desk can show.
    pub fn check_in_by_code(&mut self, i: ScanCheckInInput) -> Result<ScanOutcome> {
        let s = SessState::load(&self.conn, &i.session_id)?.live()?;
        let Some(code) = as_code(&i.code) else {
            return Err(Error::field(
                "code",
                format!("“{}”不是出席证上的编码（12 位数字），请重新扫描", i.code.trim()),
            ));
        };
        let Some(a) = self.attendee_by_code(&s.id, &code)? else {
            let why = if code_is_valid(&code) {
                "不是本次会议名单中的人员，请核对证件是否属于本次会议"
            } else {
                "校验位不对，可能扫错或输错了，请重新扫描"
            };
            return Err(Error::NotFound(format!("编码 {code} {why}")));
        };
        if a.checked_in_at.is_some() {
            return Ok(ScanOutcome {
                already: true,
                update: CheckInUpdate { counts: self.check_in_counts(&s.id)?, attendee: a },
            });
        }
        let update =
            self.check_in(CheckInInput { attendee_id: a.id, proxy: i.proxy, items: i.items, time: String::new() })?;
        Ok(ScanOutcome { already: false, update })
    }

    /// Everyone on a session's list with their code, for the 出席证 (members, 列席 and staff).
    pub(crate) fn attendees_with_codes(&self, session_id: &str) -> Result<Vec<Attendee>> {
        attendees_in(&self.conn, session_id, &AttendeeQuery::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_twelve_digits_with_a_check_digit_and_the_same_every_time() {
        let id = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        let c = attendee_code(id);
        assert_eq!(c.len(), 12);
        assert!(c.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(c, attendee_code(id));
        assert!(code_is_valid(&c));
        assert_ne!(c, attendee_code("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c"));
        // One wrong digit is caught.
        let mut wrong = c.clone().into_bytes();
        wrong[3] = if wrong[3] == b'9' { b'0' } else { wrong[3] + 1 };
        assert!(!code_is_valid(std::str::from_utf8(&wrong).unwrap()));
        // The classic Luhn example: 7992739871 + 3.
        assert_eq!(luhn_digit("7992739871"), 3);
    }

    #[test]
    fn typed_codes_are_read_with_full_width_digits_and_spaces() {
        assert_eq!(as_code(" 1234 5678-9012 \n").as_deref(), Some("123456789012"));
        assert_eq!(as_code("１２３４５６７８９０１２").as_deref(), Some("123456789012"));
        assert_eq!(as_code("5678"), None);
        assert_eq!(as_code("13812345678"), None);
        assert_eq!(as_code("zhangsan"), None);
    }

    #[test]
    fn the_barcode_is_an_svg_of_code_128() {
        let svg = barcode_svg("123456789012").unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("xmlns=\"http://www.w3.org/2000/svg\""), "{svg}");
        // Start C (11) + 6 pairs (66) + check (11) + stop (13) = 101 modules.
        assert!(svg.contains("viewBox=\"0 0 101 30\""), "{svg}");
    }
}
