//! The enhance curriculum catalogue: six domains, four cross-cutting themes and seven programme
//! outcomes, each with a stable slug id.
//!
//! Evidence refers to these ids forever, so an id is never renamed or reused; names and aliases
//! may change. This file is the one place the catalogue is defined.

use std::fmt;

/// Whether an [`Area`] is one of the six domains or one of the four cross-cutting themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AreaKind {
    Domain,
    Theme,
}

/// A curriculum area a prompt or piece of evidence is about: a domain or a theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Area {
    PersonCentredPractice,
    SystemWorking,
    ComplexMultimorbidity,
    SocialJusticeAndHealthEquity,
    PopulationHealth,
    EnvironmentalSustainability,
    Wellbeing,
    Digital,
    Leadership,
    TransformativeReflection,
}

struct AreaInfo {
    area: Area,
    id: &'static str,
    name: &'static str,
    kind: AreaKind,
    aliases: &'static [&'static str],
}

const AREAS: [AreaInfo; 10] = [
    AreaInfo {
        area: Area::PersonCentredPractice,
        id: "person-centred-practice",
        name: "Person-centred practice",
        kind: AreaKind::Domain,
        aliases: &[
            "person centred practice",
            "person-centred",
            "person centred",
            "pcp",
        ],
    },
    AreaInfo {
        area: Area::SystemWorking,
        id: "system-working",
        name: "System working",
        kind: AreaKind::Domain,
        aliases: &["systems working", "system"],
    },
    AreaInfo {
        area: Area::ComplexMultimorbidity,
        id: "complex-multimorbidity",
        name: "Complex multimorbidity",
        kind: AreaKind::Domain,
        aliases: &["multimorbidity", "complex multi-morbidity"],
    },
    AreaInfo {
        area: Area::SocialJusticeAndHealthEquity,
        id: "social-justice-and-health-equity",
        name: "Social justice and health equity",
        kind: AreaKind::Domain,
        aliases: &[
            "social justice and health",
            "social justice",
            "health equity",
        ],
    },
    AreaInfo {
        area: Area::PopulationHealth,
        id: "population-health",
        name: "Population health",
        kind: AreaKind::Domain,
        aliases: &["population health equity"],
    },
    AreaInfo {
        area: Area::EnvironmentalSustainability,
        id: "environmental-sustainability",
        name: "Environmental sustainability",
        kind: AreaKind::Domain,
        aliases: &["sustainability", "environment"],
    },
    AreaInfo {
        area: Area::Wellbeing,
        id: "wellbeing",
        name: "Wellbeing",
        kind: AreaKind::Theme,
        aliases: &["well-being"],
    },
    AreaInfo {
        area: Area::Digital,
        id: "digital",
        name: "Digital",
        kind: AreaKind::Theme,
        aliases: &["digital health"],
    },
    AreaInfo {
        area: Area::Leadership,
        id: "leadership",
        name: "Leadership",
        kind: AreaKind::Theme,
        aliases: &[],
    },
    AreaInfo {
        area: Area::TransformativeReflection,
        id: "transformative-reflection",
        name: "Transformative reflection",
        kind: AreaKind::Theme,
        aliases: &["reflection"],
    },
];

impl Area {
    /// Every area, domains first, in handbook order.
    pub const ALL: [Area; 10] = [
        Area::PersonCentredPractice,
        Area::SystemWorking,
        Area::ComplexMultimorbidity,
        Area::SocialJusticeAndHealthEquity,
        Area::PopulationHealth,
        Area::EnvironmentalSustainability,
        Area::Wellbeing,
        Area::Digital,
        Area::Leadership,
        Area::TransformativeReflection,
    ];

    fn info(self) -> &'static AreaInfo {
        AREAS
            .iter()
            .find(|info| info.area == self)
            .expect("every area is in the catalogue")
    }

    /// The stable slug id evidence stores, e.g. `person-centred-practice`.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The handbook name, e.g. "Person-centred practice".
    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn kind(self) -> AreaKind {
        self.info().kind
    }

    /// "A" or "An", to stand before the name ("An **Environmental sustainability** prompt").
    pub fn article(self) -> &'static str {
        let vowel = self
            .name()
            .chars()
            .next()
            .is_some_and(|c| "AEIOUaeiou".contains(c));
        if vowel { "An" } else { "A" }
    }

    /// The six domains, in handbook order.
    pub fn domains() -> impl Iterator<Item = Area> {
        Self::ALL
            .into_iter()
            .filter(|a| a.kind() == AreaKind::Domain)
    }

    /// The four cross-cutting themes.
    pub fn themes() -> impl Iterator<Item = Area> {
        Self::ALL
            .into_iter()
            .filter(|a| a.kind() == AreaKind::Theme)
    }

    /// Finds an area by its id, its name or one of its aliases, ignoring case, spacing and
    /// the difference between spaces, hyphens and underscores.
    pub fn lookup(text: &str) -> Option<Area> {
        let wanted = normalise(text);
        AREAS
            .iter()
            .find(|info| {
                normalise(info.id) == wanted
                    || normalise(info.name) == wanted
                    || info.aliases.iter().any(|alias| normalise(alias) == wanted)
            })
            .map(|info| info.area)
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One of the seven enhance programme outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Outcome(u8);

const OUTCOME_TEXTS: [&str; 7] = [
    "Champion a person-centred approach to care that invites and supports personalisation, empowerment and shared decision making.",
    "Work effectively and flexibly within and across disciplines, contexts and systems to ensure high-quality, coordinated care for people with multiple long-term conditions and/or complex needs, making complex decisions while managing risk and uncertainty.",
    "Promote social justice so that everyone has access to high-quality care: work with and within local communities to identify and respond to the needs and priorities of specific populations and reduce health inequalities.",
    "Access, critically appraise and champion innovations and digital health technologies to promote sustainable improvements in practice, acting as a catalyst for change within, across and beyond healthcare systems.",
    "Advocate for sustainable healthcare practice at individual and system level, including social, environmental and economic resource stewardship.",
    "Communicate complex information in a range of ways, for a range of purposes, to diverse audiences (patients, carers, colleagues, communities, agencies).",
    "Lead collaboratively, inclusively and compassionately, creating shared purpose so that multi-professional teams deliver the best outcomes for individuals and populations.",
];

impl Outcome {
    /// All seven outcomes in order.
    pub fn all() -> impl Iterator<Item = Outcome> {
        (1..=7).map(Outcome)
    }

    /// The outcome with this number (1–7).
    pub fn from_number(n: u8) -> Option<Outcome> {
        (1..=7).contains(&n).then_some(Outcome(n))
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// The stable slug id, e.g. `outcome-3`.
    pub fn id(self) -> String {
        format!("outcome-{}", self.0)
    }

    /// The handbook wording.
    pub fn text(self) -> &'static str {
        OUTCOME_TEXTS[usize::from(self.0 - 1)]
    }

    /// Parses `outcome-3`, `Outcome 3` or `3`, ignoring case.
    pub fn lookup(text: &str) -> Option<Outcome> {
        let wanted = normalise(text);
        let digits = wanted.strip_prefix("outcome-").unwrap_or(&wanted);
        digits.parse::<u8>().ok().and_then(Outcome::from_number)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Outcome {}", self.0)
    }
}

/// Lower-case, trimmed, with runs of spaces, hyphens and underscores made one hyphen.
fn normalise(text: &str) -> String {
    let lowered = text.trim().to_lowercase();
    let mut out = String::with_capacity(lowered.len());
    for word in lowered.split(|c: char| c.is_whitespace() || c == '-' || c == '_') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_six_domains_and_four_themes() {
        assert_eq!(Area::domains().count(), 6);
        assert_eq!(Area::themes().count(), 4);
    }

    #[test]
    fn ids_are_unique_and_round_trip() {
        let mut ids: Vec<_> = Area::ALL.iter().map(|a| a.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 10);
        for area in Area::ALL {
            assert_eq!(Area::lookup(area.id()), Some(area));
            assert_eq!(Area::lookup(area.name()), Some(area));
        }
    }

    #[test]
    fn lookup_accepts_aliases_in_any_case() {
        assert_eq!(
            Area::lookup("Social Justice and Health"),
            Some(Area::SocialJusticeAndHealthEquity)
        );
        assert_eq!(
            Area::lookup("POPULATION HEALTH EQUITY"),
            Some(Area::PopulationHealth)
        );
        assert_eq!(
            Area::lookup("  person centred   practice "),
            Some(Area::PersonCentredPractice)
        );
        assert_eq!(Area::lookup("Well-being"), Some(Area::Wellbeing));
        assert_eq!(Area::lookup("cardiology"), None);
    }

    #[test]
    fn outcomes_parse_in_several_spellings() {
        assert_eq!(Outcome::lookup("outcome-3").map(Outcome::number), Some(3));
        assert_eq!(Outcome::lookup("Outcome 7").map(Outcome::number), Some(7));
        assert_eq!(Outcome::lookup("1").map(Outcome::number), Some(1));
        assert_eq!(Outcome::lookup("outcome-8"), None);
        assert_eq!(Outcome::lookup("outcome-0"), None);
        assert_eq!(Outcome::from_number(2).unwrap().id(), "outcome-2");
        assert!(
            Outcome::from_number(1)
                .unwrap()
                .text()
                .starts_with("Champion")
        );
    }
}
