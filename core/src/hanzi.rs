//! Chinese name sorting (按姓氏笔画为序) and pinyin search keys.
//!
//! Data:
//! * `data/strokerank.bin` — every ideograph of U+3400..=U+9FFF ranked by stroke count, then by its
//!   whole stroke sequence in 横竖撇点折 order (GB 13418 style), then by code point; from the Rime
//!   stroke dictionary (mainland sequences preferred) and Unihan `kTotalStrokes` for the few it lacks.
//!   Regenerate with `scripts/gen-stroke-rank.py`; sources and licences in `data/README.md`.
//! * Readings come from the `pinyin` crate (0.11), with a surname table on top.

use pinyin::ToPinyin;

const TABLE_FIRST: u32 = 0x3400;
/// How many stroke counts the table's header covers.
const COUNTS: usize = 64;
static STROKE_RANK: &[u8] = include_bytes!("../data/strokerank.bin");

/// The version of the stroke sort key: stored keys made by another version are recomputed when a
/// database is opened (`names::ensure_keys`). 1: count + first three strokes; 2: whole sequence.
pub const STROKE_KEY_VERSION: u32 = 2;

fn u16_at(i: usize) -> u16 {
    u16::from_le_bytes([STROKE_RANK[2 * i], STROKE_RANK[2 * i + 1]])
}

/// The character's rank in the stroke order (>= 0x0100), None for non-CJK or unknown.
fn stroke_rank(c: char) -> Option<u16> {
    let i = (c as u32).checked_sub(TABLE_FIRST)? as usize;
    if i >= STROKE_RANK.len() / 2 - COUNTS {
        return None;
    }
    let r = u16_at(COUNTS + i);
    (r != 0).then_some(r)
}

/// Total strokes of a character (mainland standard glyph); None for non-CJK or unknown.
pub fn strokes(c: char) -> Option<u8> {
    let r = stroke_rank(c)?;
    // The header holds the first rank of each count: the count is the last whose first rank <= r.
    let n = (0..COUNTS).rev().find(|&n| u16_at(n) <= r)?;
    Some(n as u8)
}

/// Ideographs outside the tables (Ext B.., compatibility ideographs, 〇):
/// still CJK, so they sort before non-CJK, but after every known character.
fn is_other_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F | 0x30000..=0x323AF)
}

/// Characters that carry no sorting/search information inside a name:
/// whitespace and the middle dot used in transliterated names (and look-alikes).
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00B7}' | '\u{2022}' | '\u{2027}' | '\u{2219}' | '\u{22C5}' | '\u{30FB}' | '\u{FF65}' | '\u{FF0E}' | '.'
        )
}

/// How an office orders names of the same surname.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NameOrder {
    /// 同姓单名在前: within a surname, names with a one-character given name (王伟) come before
    /// longer ones (王小明), each group in stroke order.
    pub single_given_first: bool,
}

/// One character's part of a stroke key: a known ideograph gives its two-byte rank (first byte
/// 0x01..=0x6C), another CJK character 0xFE + its code point, anything else 0xFF + its (lowercased)
/// code point. The first byte tells the length, so keys of whole names compare correctly byte by byte.
fn push_char_key(key: &mut Vec<u8>, c: char) {
    let c = c.to_ascii_lowercase();
    if let Some(r) = stroke_rank(c) {
        key.extend_from_slice(&r.to_be_bytes());
        return;
    }
    let cp = c as u32;
    let tag = if is_other_cjk(c) { 0xFE } else { 0xFF };
    key.extend_from_slice(&[tag, (cp >> 16) as u8, (cp >> 8) as u8, cp as u8]);
}

/// Sort key for the official order 按姓氏笔画为序, the office's default (see `stroke_sort_key_with`).
pub fn stroke_sort_key(name: &str) -> Vec<u8> {
    stroke_sort_key_with(name, NameOrder::default())
}

/// Sort key for the official order 按姓氏笔画为序: the surname by stroke count, then by its whole stroke
/// sequence in 横竖撇点折 order (GB 13418 style), then each following character the same way; two
/// characters with the same count and sequence by code point. Compare keys with byte order (`Vec<u8>`;
/// stored as an SQLite BLOB and ORDER BY'd).
///
/// Characters are compared one by one, so names sharing a surname stay together and a name that is a
/// prefix of another sorts first. Separators (spaces, `·`) are skipped and ASCII letters compared
/// case-insensitively. Ideographs outside U+3400..U+9FFF (Ext B and later, compatibility ideographs)
/// sort after every known character, by code point; non-CJK characters after them.
///
/// With `single_given_first` a marker after the surname (0x00, then the length of the given name)
/// puts one-character given names before longer ones. The surname is the first character, or a
/// compound surname (欧阳) before a given name; 0x00 sorts below every character, so 欧文 (surname 欧)
/// still comes before 欧阳修 (surname 欧阳).
pub fn stroke_sort_key_with(name: &str, order: NameOrder) -> Vec<u8> {
    let mut key = Vec::with_capacity(name.len() + 4);
    let chars = name.chars().filter(|c| !is_separator(*c));
    if !order.single_given_first {
        for c in chars {
            push_char_key(&mut key, c);
        }
        return key;
    }
    let all: Vec<char> = chars.collect();
    let surname = surname_len(&all);
    for &c in &all[..surname] {
        push_char_key(&mut key, c);
    }
    let given = all.len() - surname;
    key.extend_from_slice(&[0x00, given.min(0xFF) as u8]);
    for &c in &all[surname..] {
        push_char_key(&mut key, c);
    }
    key
}

/// How many characters of a name (separators dropped) are its surname: a compound surname before a
/// given name, else the first character.
fn surname_len(chars: &[char]) -> usize {
    if chars.len() >= 3 {
        let first_two: String = chars[..2].iter().collect();
        if COMPOUND_SURNAMES.iter().any(|(s, _, _)| *s == first_two) {
            return 2;
        }
    }
    chars.len().min(1)
}

/// Compound surnames (复姓) and their readings.
const COMPOUND_SURNAMES: &[(&str, &str, &str)] = &[
    ("欧阳", "ou", "yang"),
    ("司马", "si", "ma"),
    ("诸葛", "zhu", "ge"),
    ("上官", "shang", "guan"),
    ("令狐", "ling", "hu"),
    ("皇甫", "huang", "fu"),
    ("尉迟", "yu", "chi"),
    ("长孙", "zhang", "sun"),
    ("慕容", "mu", "rong"),
    ("司徒", "si", "tu"),
    ("夏侯", "xia", "hou"),
    ("东方", "dong", "fang"),
    ("公孙", "gong", "sun"),
    ("单于", "chan", "yu"),
    ("澹台", "tan", "tai"),
    ("万俟", "mo", "qi"),
    ("司空", "si", "kong"),
    ("宇文", "yu", "wen"),
    ("呼延", "hu", "yan"),
    ("端木", "duan", "mu"),
    ("轩辕", "xuan", "yuan"),
    ("南宫", "nan", "gong"),
    ("西门", "xi", "men"),
    ("申屠", "shen", "tu"),
    ("公冶", "gong", "ye"),
    ("太史", "tai", "shi"),
    ("闻人", "wen", "ren"),
    ("赫连", "he", "lian"),
    ("钟离", "zhong", "li"),
    ("宗政", "zong", "zheng"),
    ("濮阳", "pu", "yang"),
    ("淳于", "chun", "yu"),
    ("仲孙", "zhong", "sun"),
    ("乐正", "yue", "zheng"),
    ("拓跋", "tuo", "ba"),
];

/// Single-character surnames whose surname reading differs from (or may differ
/// from) the most common reading of the character.
const SURNAME_READINGS: &[(char, &str)] = &[
    ('曾', "zeng"),
    ('单', "shan"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('区', "ou"),
    ('查', "zha"),
    ('朴', "piao"),
    ('盖', "ge"),
    ('乐', "yue"),
    ('召', "shao"),
    ('缪', "miao"),
    ('覃', "qin"),
    // 尉 alone is Wèi (尉缭); Yù only in the compound 尉迟 (handled above).
    ('尉', "wei"),
    ('种', "chong"),
    ('翟', "zhai"),
    ('秘', "bi"),
    ('祭', "zhai"),
    ('员', "yun"),
    ('黑', "he"),
    ('繁', "po"),
    ('能', "nai"),
    ('句', "gou"),
    ('华', "hua"),
    ('任', "ren"),
    ('沈', "shen"),
    ('石', "shi"),
    ('藏', "zang"),
    ('重', "chong"),
    ('车', "che"),
    ('过', "guo"),
    ('纪', "ji"),
    ('柏', "bai"),
    ('薄', "bo"),
    ('谌', "chen"),
    ('都', "du"),
    ('洗', "xian"),
    ('冼', "xian"),
    ('折', "she"),
    ('教', "jiao"),
    ('宁', "ning"),
    ('隗', "wei"),
    ('殷', "yin"),
    ('郇', "huan"),
    ('阚', "kan"),
    ('厍', "she"),
    ('朝', "chao"),
    ('蕃', "pi"),
    ('长', "chang"),
    ('燕', "yan"),
    ('莘', "shen"),
    ('佴', "nai"),
    ('粘', "nian"),
    ('贲', "ben"),
    ('逄', "pang"),
    ('应', "ying"),
    ('角', "jue"),
    ('相', "xiang"),
    ('曲', "qu"),
    ('参', "can"),
    ('便', "pian"),
    ('弗', "fu"),
    ('於', "yu"),
];

/// Plain reading of one Han character from the `pinyin` crate, ASCII (ü -> v).
fn char_reading(c: char) -> Option<String> {
    c.to_pinyin().map(|p| p.plain().replace('ü', "v"))
}

/// Syllables of a name: the surname read as a surname, Han characters as single
/// syllables, runs of ASCII letters/digits as one lowercase word. Separators and
/// other characters without a reading are dropped.
fn syllables(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().filter(|c| !is_separator(*c)).collect();
    let mut out: Vec<String> = Vec::with_capacity(chars.len());
    let mut i = 0;
    // A compound surname needs a given name after it: "单于" alone is 单 + 于.
    if chars.len() >= 3 {
        let first_two: String = chars[..2].iter().collect();
        if let Some(&(_, a, b)) = COMPOUND_SURNAMES.iter().find(|(s, _, _)| *s == first_two) {
            out.push(a.to_string());
            out.push(b.to_string());
            i = 2;
        }
    }
    let single = match (i, chars.first()) {
        (0, Some(c)) => SURNAME_READINGS.iter().find(|(s, _)| s == c),
        _ => None,
    };
    if let Some(&(_, r)) = single {
        out.push(r.to_string());
        i = 1;
    }
    let mut word = String::new();
    for &c in &chars[i..] {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if let Some(r) = char_reading(c) {
            out.push(r);
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Full pinyin, lowercase, no tones, no separators: 张三 -> "zhangsan"; surname read as a surname.
pub fn pinyin_full(name: &str) -> String {
    syllables(name).concat()
}

/// Initials: 张三 -> "zs"; 曾小明 -> "zxm".
///
/// One letter per syllable (zh/ch/sh give z/c/s); an ASCII word gives its first letter.
pub fn pinyin_initials(name: &str) -> String {
    syllables(name).iter().filter_map(|s| s.chars().next()).collect()
}

/// Key for sorting by pinyin: syllables separated so that "li an" sorts before "lian"-ish names
/// consistently; lowercase ascii; ties broken by the name itself. Return a String.
///
/// Layout: syllables joined by ' ', then '\t', then the name. ' ' and '\t' sort below
/// every letter, and '\t' below ' ', so 李 < 李安 ("li an") < 连战 ("lian zhan").
/// Compare with plain byte order (Rust `Ord`, SQLite BINARY collation).
pub fn pinyin_sort_key(name: &str) -> String {
    let mut key = syllables(name).join(" ");
    key.push('\t');
    key.push_str(name.trim());
    key
}

/// The value of a Chinese numeral (一 … 九十九, 一百零五, 两千, 〇/零 inside): None when `s` is not one.
fn chinese_number(s: &[char]) -> Option<u64> {
    fn digit(c: char) -> Option<u64> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    }
    if s.is_empty() {
        return None;
    }
    // Plain digit strings (二〇二六) read digit by digit.
    if s.len() > 1 && s.iter().all(|&c| digit(c).is_some()) {
        return s.iter().try_fold(0u64, |n, &c| n.checked_mul(10)?.checked_add(digit(c)?));
    }
    let (mut total, mut cur) = (0u64, 0u64);
    for &c in s {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => {
                cur = digit(c)?;
                continue;
            }
        };
        // 十 alone or first means 一十.
        total += cur.max(u64::from(total == 0 || cur != 0)) * unit;
        cur = 0;
    }
    Some(total + cur)
}

fn is_numeral(c: char) -> bool {
    matches!(c, '零' | '〇' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千')
}

/// Sort key for labels that carry numbers (第一组 … 第十二组, 一组 … 十二组, 1组 … 12组, 第3会议室,
/// 101 … 1203): runs of Arabic digits and Chinese numerals compare by their value, the rest of the
/// text by code point, so 第二 < 第九 < 第十 < 第十一 and 2组 < 10组; 第 before a number is ignored,
/// so 第三组 and 三组 and 3组 sort together. Labels with a number come before labels without one
/// (机动组 after the numbered groups). Compare with byte order.
///
/// A numeral only counts as a number where it stands apart from other ideographs' words: a run of
/// Chinese numerals is read as a number when followed by a non-numeral (组, 次, 会议室 …) or the end,
/// which is how groups, sittings and rooms are named. Words that contain a numeral (统一, 十堰) read
/// their numeral as a number too; that only matters between labels that are the same up to it.
pub fn natural_sort_key(label: &str) -> Vec<u8> {
    let chars: Vec<char> = label.trim().chars().collect();
    let mut body = Vec::with_capacity(label.len() + 8);
    let mut numbered = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let value = if c.is_ascii_digit() {
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            Some(digits.trim_start_matches('0').parse::<u64>().unwrap_or(if digits.len() > 19 { u64::MAX } else { 0 }))
        } else if is_numeral(c) {
            while i < chars.len() && is_numeral(chars[i]) {
                i += 1;
            }
            let v = chinese_number(&chars[start..i]);
            if v.is_none() {
                i = start;
            }
            v
        } else {
            None
        };
        match value {
            Some(v) => {
                numbered = true;
                // Drop a 第 just written before the number.
                if body.ends_with("第".as_bytes()) {
                    body.truncate(body.len() - "第".len());
                }
                body.push(0x00);
                body.extend_from_slice(&v.to_be_bytes());
            }
            None => {
                let mut buf = [0u8; 4];
                body.extend_from_slice(chars[i].encode_utf8(&mut buf).as_bytes());
                i += 1;
            }
        }
    }
    let mut key = Vec::with_capacity(body.len() + 1);
    key.push(if numbered { 0x00 } else { 0x01 });
    key.extend_from_slice(&body);
    key
}

/// Compare two labels in their natural order (`natural_sort_key`); equal keys by the text itself.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    natural_sort_key(a).cmp(&natural_sort_key(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stroke_counts() {
        // Counted by hand (mainland standard glyphs).
        for (c, n) in [
            ('一', 1),
            ('丁', 2),
            ('于', 3),
            ('王', 4),
            ('方', 4),
            ('孔', 4),
            ('刘', 6),
            ('朱', 6),
            ('伟', 6),
            ('张', 7),
            ('李', 7),
            ('芳', 7),
            ('阿', 7),
            ('欧', 8),
            ('曾', 12),
        ] {
            assert_eq!(strokes(c), Some(n), "{c}");
        }
        assert_eq!(strokes('a'), None);
        assert_eq!(strokes('·'), None);
        assert_eq!(strokes('\u{4DC0}'), None); // Yijing hexagram, inside the table range
        assert_eq!(strokes('𠀀'), None); // Ext B: outside the table
    }

    #[test]
    fn stroke_order_of_names() {
        // Expected order worked out by hand:
        //  丁 2 < 于 3 < 王 4 (横) < 方 4 (点) < 孔 4 (折) < 朱 6 (撇) < 刘 6 (点)
        //  < 李 7 (横) < 张 7 (折,横..) < 阿 7 (折,竖..) < 欧 8 < 曾 12 < non-CJK.
        //  Within 王: 小 3 < 伟 6 < 芳 7.
        let expected = [
            "丁一",
            "于丹",
            "王小明",
            "王伟",
            "王芳",
            "方明",
            "孔丽",
            "朱军",
            "刘洋",
            "李娜",
            "张伟",
            "阿依古丽·买买提",
            "欧阳修",
            "曾小明",
            "Smith",
        ];
        let mut names = expected.to_vec();
        names.reverse();
        names.sort_by_key(|n| stroke_sort_key(n));
        assert_eq!(names, expected);
        // Prefix first, separators ignored, ASCII case-insensitive.
        assert!(stroke_sort_key("王") < stroke_sort_key("王伟"));
        assert_eq!(stroke_sort_key("阿依古丽·买买提"), stroke_sort_key("阿依古丽买买提"));
        assert_eq!(stroke_sort_key("Smith"), stroke_sort_key("smith"));
        // Unknown CJK (Ext B) after every known character, before non-CJK.
        assert!(stroke_sort_key("𠀀") > stroke_sort_key("龘"));
        assert!(stroke_sort_key("𠀀") < stroke_sort_key("a"));
    }

    #[test]
    fn whole_stroke_sequence_decides() {
        // All seven strokes, one after another in 横竖撇点折 order, as every list 按姓氏笔画为序 has them:
        // 苏 一丨丨… < 杜 一丨ノ丶一… < 李 一丨ノ丶乛丨… < 杨 一丨ノ丶乛ノ… < 肖 丨丶… < 吴 丨乛… < 何 ノ….
        // The first three strokes alone tie 杜, 李 and 杨, and the code point then put 李 first.
        let expected = ["苏", "杜", "李", "杨", "肖", "吴", "何"];
        let mut names = expected.to_vec();
        names.sort();
        assert_ne!(names, expected);
        names.sort_by_key(|n| stroke_sort_key(n));
        assert_eq!(names, expected);
        for c in expected.iter().flat_map(|n| n.chars()) {
            assert_eq!(strokes(c), Some(7), "{c}");
        }
        // Surnames beyond the first stroke difference: 王 一一丨一 < 井 一一ノ丨, 田 丨乛一丨一 < 白 ノ丨乛一一.
        assert!(stroke_sort_key("王") < stroke_sort_key("井"));
        assert!(stroke_sort_key("田") < stroke_sort_key("白"));
        // The given name too: 杜伟 < 杜华 (伟 ノ丨一一乛丨 < 华 ノ丨ノ乛一丨).
        assert!(stroke_sort_key("杜伟") < stroke_sort_key("杜华"));
        // Every unified ideograph and Ext A character with a count has a rank; the header agrees.
        let known = (0x3400..=0x9FFFu32).filter_map(char::from_u32).filter(|&c| strokes(c).is_some()).count();
        assert!(known > 27_500, "{known}");
        assert_eq!(strokes('\u{4DC0}'), None); // a Yijing hexagram inside the range: no data
        assert_eq!(strokes('毵'), Some(12)); // no sequence in the data: its count from Unihan
    }

    #[test]
    fn single_given_names_first_within_a_surname() {
        let on = NameOrder { single_given_first: true };
        // Off: character by character, 王小明 (小 3 strokes) before 王伟.
        let expected_off = ["王小明", "王伟", "王伟民", "方明"];
        let mut names = expected_off.to_vec();
        names.reverse();
        names.sort_by_key(|n| stroke_sort_key(n));
        assert_eq!(names, expected_off);
        // On: 王伟 (单名) before every 王 with a two-character given name; surnames still decide first.
        let expected_on = ["王", "王伟", "王小明", "王伟民", "方明", "方小明", "欧文", "欧阳修", "欧阳小明"];
        let mut names = expected_on.to_vec();
        names.reverse();
        names.sort_by_key(|n| stroke_sort_key_with(n, on));
        assert_eq!(names, expected_on);
    }

    #[test]
    fn pinyin_of_names() {
        for (name, full, ini) in [
            ("张三", "zhangsan", "zs"),
            ("曾小明", "zengxiaoming", "zxm"),
            ("单田芳", "shantianfang", "stf"),
            ("解缙", "xiejin", "xj"),
            ("仇英", "qiuying", "qy"),
            ("区永", "ouyong", "oy"),
            ("查良镛", "zhaliangyong", "zly"),
            ("欧阳修", "ouyangxiu", "oyx"),
            ("尉迟恭", "yuchigong", "ycg"),
            ("万俟卨", "moqixie", "mqx"),
            ("单于", "shanyu", "sy"),
            ("朴槿惠", "piaojinhui", "pjh"),
            ("吕布", "lvbu", "lb"),
            ("阿依古丽·买买提", "ayigulimaimaiti", "ayglmmt"),
            ("Tom 张", "tomzhang", "tz"),
        ] {
            assert_eq!(pinyin_full(name), full, "{name}");
            assert_eq!(pinyin_initials(name), ini, "{name}");
        }
    }

    #[test]
    fn pinyin_sorting() {
        assert_eq!(pinyin_sort_key("李安"), "li an\t李安");
        let expected = ["李", "李安", "连战", "曾小明", "张三", "张三丰"];
        let mut names = expected.to_vec();
        names.reverse();
        names.sort_by_key(|n| pinyin_sort_key(n));
        assert_eq!(names, expected);
        // Same pinyin: tie broken by the name itself, deterministically.
        assert_ne!(pinyin_sort_key("张三"), pinyin_sort_key("章三"));
    }

    #[test]
    fn numbered_labels_sort_naturally() {
        for (s, n) in [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("二十一", 21),
            ("一百", 100),
            ("一百零五", 105),
            ("一百一十", 110),
            ("两千", 2000),
            ("二〇二六", 2026),
            ("九十九", 99),
        ] {
            let chars: Vec<char> = s.chars().collect();
            assert_eq!(chinese_number(&chars), Some(n), "{s}");
        }
        // The code-point order of these is 第一 第七 第三 第九 第二 第五 第八 第六 第十 第十一 …
        let expected = [
            "第一联络组",
            "第二联络组",
            "第三联络组",
            "第四联络组",
            "第五联络组",
            "第六联络组",
            "第七联络组",
            "第八联络组",
            "第九联络组",
            "第十联络组",
            "第十一联络组",
            "第十二联络组",
            "第二十联络组",
            "机关联络组",
        ];
        let mut labels = expected.to_vec();
        labels.sort();
        assert_ne!(labels, expected);
        labels.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(labels, expected);
        // Without 第, Arabic digits, and the two mixed.
        let expected = ["一组", "2组", "三组", "9组", "十组", "11组", "十二组", "机动组"];
        let mut labels = expected.to_vec();
        labels.reverse();
        labels.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(labels, expected);
        // Text before the number first, then the number.
        let expected = ["城关第1组", "城关第2组", "城关第10组", "新城第1组"];
        let mut labels = expected.to_vec();
        labels.reverse();
        labels.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(labels, expected);
        assert_eq!(natural_sort_key("第三组"), natural_sort_key("3组"));
        assert_eq!(natural_sort_key("第三组"), natural_sort_key("三组"));
        assert!(natural_sort_key("第2会议室") < natural_sort_key("第12会议室"));
        assert!(natural_sort_key("room 9") < natural_sort_key("room 10"));
        assert!(natural_sort_key("007") == natural_sort_key("7"));
    }
}
