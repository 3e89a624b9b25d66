//! The size of a benchmark, one convention for all of them: the first numeric argument (cargo bench
//! passes `--bench` too; `_` and `,` are allowed: 10_000), else `LIAISON_BENCH_SIZE`, else the size
//! the bench's targets are for. CI (`scripts/setup.sh test`) runs every bench once at a small size in a
//! debug build (`LIAISON_BENCH_SIZE=200 cargo test --workspace --bench '*'`) so that none rots; the
//! figures in docs/benchmarks.md come from the full size in a release build.

pub fn size(default: u32) -> u32 {
    std::env::args()
        .skip(1)
        .find_map(|a| a.replace(['_', ','], "").parse().ok())
        .or_else(|| std::env::var("LIAISON_BENCH_SIZE").ok().and_then(|v| v.parse().ok()))
        .unwrap_or(default)
        .max(1)
}

/// 10000 → "10,000", for the printed labels.
#[allow(dead_code)]
pub fn thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
