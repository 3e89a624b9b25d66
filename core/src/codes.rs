//! Coded enums: stored in SQLite and sent over IPC as a snake_case code, shown by a Chinese label.
//! The labels live here once; the desktop shell generates them into `ui/src/bindings.ts`
//! (`LABELS`), so the UI never repeats them.

/// An enum with a stable code and a Chinese label per variant, in the order the UI offers them.
pub trait Coded: Sized + Copy + 'static {
    /// The type's name as the bindings know it (`ActivityKind`).
    const NAME: &'static str;
    /// Every variant, in display order.
    fn all() -> &'static [Self];
    fn code(self) -> &'static str;
    fn label(self) -> &'static str;
    /// (code, label) of every variant, in display order.
    fn labels() -> Vec<(&'static str, &'static str)> {
        Self::all().iter().map(|v| (v.code(), v.label())).collect()
    }
}

/// Declares an enum stored and sent as a snake_case code (`as_str`), shown by a Chinese label,
/// read back by `parse`, and implements [`Coded`] for it.
macro_rules! coded_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $code:literal, $label:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, specta::Type)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v,)+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v,)+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $code,)+ }
            }
            pub fn label(self) -> &'static str {
                match self { $($name::$v => $label,)+ }
            }
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$v),)+ _ => None }
            }
        }
        impl $crate::codes::Coded for $name {
            const NAME: &'static str = stringify!($name);
            fn all() -> &'static [Self] { $name::ALL }
            fn code(self) -> &'static str { self.as_str() }
            fn label(self) -> &'static str { $name::label(self) }
        }
    };
}
pub(crate) use coded_enum;

/// Implements [`Coded`] for an enum that has its own `as_str`/`label` and a list of every variant.
macro_rules! impl_coded {
    ($name:ident, $all:expr) => {
        impl $crate::codes::Coded for $name {
            const NAME: &'static str = stringify!($name);
            fn all() -> &'static [Self] {
                &$all
            }
            fn code(self) -> &'static str {
                self.as_str()
            }
            fn label(self) -> &'static str {
                $name::label(self)
            }
        }
    };
}
pub(crate) use impl_coded;
