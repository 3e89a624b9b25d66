//! Chinese name sorting (按姓氏笔画为序) and pinyin search keys.
//!
//! Data:
//! * `data/strokes.bin` — Unihan `kTotalStrokes` (first value = zh-Hans form) for
//!   U+3400..=U+9FFF, one byte per code point, 0 = unknown. Regenerate with
//!   `scripts/gen-strokes.py`.
//! * `data/strokeorder.bin` — first three strokes (横竖撇点折 = 1..5) of the same
//!   range, packed as `a*36 + b*6 + c`, 0 = unknown; from the Rime stroke table,
//!   mainland-glyph entries preferred. Regenerate with `scripts/gen-stroke-order.py`.
//! * Readings come from the `pinyin` crate (0.11), with a surname table on top.

use pinyin::ToPinyin;

const TABLE_FIRST: u32 = 0x3400;
static STROKES: &[u8] = include_bytes!("../data/strokes.bin");
static STROKE_ORDER: &[u8] = include_bytes!("../data/strokeorder.bin");

fn table_index(c: char) -> Option<usize> {
    let cp = c as u32;
    let i = cp.checked_sub(TABLE_FIRST)? as usize;
    (i < STROKES.len()).then_some(i)
}

/// Total strokes of a character (Unihan kTotalStrokes); None for non-CJK or unknown.
pub fn strokes(c: char) -> Option<u8> {
    let s = STROKES[table_index(c)?];
    (s != 0).then_some(s)
}

/// First three strokes packed as `a*36 + b*6 + c` (横1 竖2 撇3 点4 折5; 0 = none/unknown).
fn stroke_order(c: char) -> u8 {
    table_index(c).map_or(0, |i| STROKE_ORDER[i])
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

/// Sort key for the official order 按姓氏笔画为序: stroke count of the surname, then of each following
/// character (tie: code point). Compare keys with byte order (`Vec<u8>` / can be stored as SQLite BLOB
/// and ORDER BY'd). Non-CJK characters sort after CJK ones of any stroke count.
///
/// Each character contributes 5 bytes: stroke count, the first three strokes in
/// 横竖撇点折 order, then the code point (3 bytes, big-endian). Characters are
/// compared one by one, so names sharing a surname stay together and a name that
/// is a prefix of another sorts first. Separators (spaces, `·`) are skipped and
/// ASCII letters are compared case-insensitively.
pub fn stroke_sort_key(name: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(name.len() * 2);
    for c in name.chars().filter(|c| !is_separator(*c)) {
        let c = c.to_ascii_lowercase();
        let (a, b) = match strokes(c) {
            Some(s) => (s, stroke_order(c)),
            None if is_other_cjk(c) => (0xFE, 0),
            None => (0xFF, 0),
        };
        let cp = c as u32;
        key.extend_from_slice(&[a, b, (cp >> 16) as u8, (cp >> 8) as u8, cp as u8]);
    }
    key
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

/// 第一组 → 1, 第12组 → 12: teams in their numbered order (unnumbered last, by name).
pub(crate) fn team_number(label: &str) -> u32 {
    const DIGITS: &str = "零一二三四五六七八九";
    let inner: String = label.trim_start_matches('第').chars().take_while(|c| *c != '组' && *c != '队').collect();
    if let Ok(n) = inner.parse::<u32>() {
        return n;
    }
    let mut n = 0;
    let mut cur = 0;
    for c in inner.chars() {
        match (DIGITS.find(c).map(|i| DIGITS[..i].chars().count() as u32), c) {
            (Some(d), _) => cur = d,
            (None, '十') => {
                n += cur.max(1) * 10;
                cur = 0;
            }
            _ => return u32::MAX,
        }
    }
    if inner.is_empty() {
        u32::MAX
    } else {
        n + cur
    }
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
    fn first_strokes() {
        // 横1 竖2 撇3 点4 折5, checked by hand.
        let first = |c| stroke_order(c) / 36;
        assert_eq!(first('王'), 1);
        assert_eq!(first('芳'), 1); // mainland 艹 starts with 横 (Taiwan: 竖)
        assert_eq!(first('上'), 2);
        assert_eq!(first('朱'), 3);
        assert_eq!(first('方'), 4);
        assert_eq!(first('孔'), 5);
        assert_eq!(stroke_order('丁'), 36 + 2 * 6); // 横, 竖钩 (counted as 竖)
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
    fn teams_sort_by_their_number() {
        for (label, n) in
            [("第一组", 1), ("第二组", 2), ("第十组", 10), ("第十二组", 12), ("第二十一组", 21), ("第3组", 3)]
        {
            assert_eq!(team_number(label), n, "{label}");
        }
        assert_eq!(team_number("机动组"), u32::MAX);
    }
}
