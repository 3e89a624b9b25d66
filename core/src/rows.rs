//! Reading stored codes back from SQLite rows, and the comma lists some columns keep
//! (`methods`, `purposes`): shared by every domain's queries.

/// A stored code read back as its enum (the schema's CHECKs keep them valid).
pub(crate) fn code<T>(r: &rusqlite::Row, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let s: String = r.get(i)?;
    parse(&s).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, format!("unknown code {s}").into())
    })
}

pub(crate) fn opt_code<T>(r: &rusqlite::Row, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    match r.get::<_, Option<String>>(i)? {
        None => Ok(None),
        Some(_) => code(r, i, parse).map(Some),
    }
}

pub(crate) fn join_codes<T: Copy>(xs: &[T], f: fn(T) -> &'static str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for x in xs {
        let c = f(*x);
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out.join(",")
}

pub(crate) fn split_codes<T>(s: &str, parse: fn(&str) -> Option<T>) -> Vec<T> {
    s.split(',').filter_map(parse).collect()
}
