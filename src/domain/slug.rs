//! Closed lists with stable slugs: professions, roles, member and delivery states, evidence
//! sources. Each gets its slug (what the database and files hold), a label (what users read),
//! parsing from slug, label or alias, and `Display`, from one macro, so they all behave alike.

/// Declares an enum with `slug()`, `label()`, `ALL`, `FromStr` (slug, label or alias, ignoring
/// case, spaces, hyphens and underscores, with an error listing the slugs) and `Display` (the
/// label).
macro_rules! slug_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $slug:literal, $label:literal, [$($alias:literal),*]);+ $(;)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable slug stored in the database and used in files.
            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            /// The readable label shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = String;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let wanted = text.trim().to_lowercase().replace(['_', ' '], "-");
                $(
                    if text.trim() == $slug || wanted == $slug || wanted == $label.to_lowercase().replace(' ', "-") $(|| wanted == $alias)* {
                        return Ok($name::$variant);
                    }
                )+
                let known: Vec<&str> = $name::ALL.iter().map(|v| v.slug()).collect();
                Err(format!("unknown {} '{}' (expected one of: {})", $what, text.trim(), known.join(", ")))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

pub(crate) use slug_enum;
