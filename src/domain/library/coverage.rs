//! The coverage table `prompts check` prints: prompts per area × reflection model, how many
//! prompts support each outcome, and how many each profession is offered.

use std::fmt::{self, Write as _};

use crate::domain::curriculum::{Area, AreaKind, Outcome};
use crate::domain::member::Profession;
use crate::domain::prompt::{Prompt, ReflectionModel};

/// Counts of prompts per area and model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// `cells[area][model]`, in [`Area::ALL`] and [`ReflectionModel::ALL`] order.
    cells: Vec<Vec<usize>>,
    outcomes: Vec<usize>,
    /// Per profession in [`Profession::ALL`] order: prompts offered in all, and the fewest
    /// offered in any one domain.
    professions: Vec<(usize, usize)>,
}

impl Coverage {
    pub fn of(prompts: &[Prompt]) -> Coverage {
        let cells = Area::ALL
            .iter()
            .map(|&area| {
                ReflectionModel::ALL
                    .iter()
                    .map(|&model| {
                        prompts
                            .iter()
                            .filter(|p| p.area == area && p.model == model)
                            .count()
                    })
                    .collect()
            })
            .collect();
        let outcomes = Outcome::all()
            .map(|outcome| {
                prompts
                    .iter()
                    .filter(|p| p.outcomes.contains(&outcome))
                    .count()
            })
            .collect();
        let professions = Profession::ALL
            .iter()
            .map(|&profession| {
                let offered = |area: Option<Area>| {
                    prompts
                        .iter()
                        .filter(|p| p.suits(profession) && area.is_none_or(|a| p.area == a))
                        .count()
                };
                let fewest = Area::ALL
                    .into_iter()
                    .filter(|a| a.kind() == AreaKind::Domain)
                    .map(|a| offered(Some(a)))
                    .min()
                    .unwrap_or(0);
                (offered(None), fewest)
            })
            .collect();
        Coverage {
            cells,
            outcomes,
            professions,
        }
    }

    /// Prompts for `area` across all models.
    pub fn area_total(&self, area: Area) -> usize {
        let row = Area::ALL
            .iter()
            .position(|&a| a == area)
            .expect("known area");
        self.cells[row].iter().sum()
    }

    /// Prompts that support `outcome`.
    pub fn outcome_total(&self, outcome: Outcome) -> usize {
        self.outcomes[usize::from(outcome.number() - 1)]
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut header = format!("{:<44}", "area");
        for model in ReflectionModel::ALL {
            write!(header, "{:>9}", model.slug())?;
        }
        writeln!(f, "{header}{:>7}", "total")?;
        for (row, area) in Area::ALL.iter().enumerate() {
            write!(
                f,
                "{:<44}",
                format!("{} ({:?})", area.id(), area.kind()).to_lowercase()
            )?;
            for count in &self.cells[row] {
                write!(f, "{count:>9}")?;
            }
            writeln!(f, "{:>7}", self.area_total(*area))?;
        }
        let all: usize = self.cells.iter().flatten().sum();
        writeln!(f, "{:<44}{:>61}", "all prompts", all)?;
        writeln!(f)?;
        for outcome in Outcome::all() {
            writeln!(
                f,
                "{:<12} supported by {:>3} prompts",
                outcome.id(),
                self.outcome_total(outcome)
            )?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "{:<32}{:>8}{:>22}",
            "profession", "offered", "fewest in a domain"
        )?;
        for (profession, (offered, fewest)) in Profession::ALL.iter().zip(&self.professions) {
            writeln!(f, "{:<32}{offered:>8}{fewest:>22}", profession.slug())?;
        }
        Ok(())
    }
}
