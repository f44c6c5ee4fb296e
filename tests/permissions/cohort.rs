//! A random cohort for the property test, from a seed: members with random roles (and
//! teams), supervision links, and the model of who may see what, kept beside the real store
//! as actions change it. Private text carries markers (`[[S3.7]]`: entry 7 of member 3;
//! `[[N3.7]]`: a check-in note; `[[C3.7]]`: a comment on entry 7 of member 3), so a read can
//! be scanned for what it must not hold.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use mindlines::domain::member::{DiscordId, Role};

/// One generated member.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: DiscordId,
    pub roles: BTreeSet<Role>,
    pub team: &'static str,
}

/// What the test believes the store holds, to judge reads by.
#[derive(Debug, Default)]
pub struct Model {
    pub people: Vec<Person>,
    /// trainee index → supervisor index.
    pub supervisor_of: BTreeMap<usize, usize>,
    /// entry id → (owner index, shared, marker number).
    pub entries: BTreeMap<i64, (usize, bool, u64)>,
}

pub fn rng(seed: u64) -> StdRng {
    StdRng::seed_from_u64(seed)
}

impl Model {
    /// Six to twelve people; roughly half trainees, some supervisors, a lead or two, an admin.
    pub fn generate(seed: u64, rng: &mut StdRng) -> Model {
        let count = rng.random_range(6..=12);
        let mut people = Vec::new();
        for i in 0..count {
            let mut roles = BTreeSet::new();
            for (role, chance) in [
                (Role::Trainee, 0.6),
                (Role::Supervisor, 0.35),
                (Role::Lead, 0.15),
                (Role::Admin, 0.1),
            ] {
                if rng.random_bool(chance) {
                    roles.insert(role);
                }
            }
            if roles.is_empty() {
                roles.insert(Role::Trainee);
            }
            people.push(Person {
                id: DiscordId(100_000_000_000_000_000 + seed * 1_000 + i as u64),
                roles,
                team: if rng.random_bool(0.5) {
                    "Team A"
                } else {
                    "Team B"
                },
            });
        }
        let mut model = Model {
            people,
            ..Model::default()
        };
        model.relink(rng);
        model
    }

    /// New random supervision links (what a later roster import would bring).
    pub fn relink(&mut self, rng: &mut StdRng) {
        self.supervisor_of.clear();
        let supervisors: Vec<usize> = (0..self.people.len())
            .filter(|&i| self.people[i].roles.contains(&Role::Supervisor))
            .collect();
        for trainee in 0..self.people.len() {
            let choices: Vec<usize> = supervisors
                .iter()
                .copied()
                .filter(|&s| s != trainee)
                .collect();
            if choices.is_empty() || rng.random_bool(0.25) {
                continue;
            }
            let supervisor = choices[rng.random_range(0..choices.len())];
            self.supervisor_of.insert(trainee, supervisor);
        }
    }

    pub fn roster_csv(&self) -> String {
        let mut csv = String::from(
            "discord_id,display_name,profession,roles,team,supervisor_discord_id,timezone\n",
        );
        for (i, p) in self.people.iter().enumerate() {
            let roles: Vec<&str> = p.roles.iter().map(|r| r.slug()).collect();
            let supervisor = self
                .supervisor_of
                .get(&i)
                .map(|s| self.people[*s].id.to_string())
                .unwrap_or_default();
            csv.push_str(&format!(
                "{},Member {i},nurse,{},{},{supervisor},Europe/London\n",
                p.id,
                roles.join(";"),
                p.team
            ));
        }
        csv
    }

    pub fn index_of(&self, id: DiscordId) -> Option<usize> {
        self.people.iter().position(|p| p.id == id)
    }

    /// Whether `reader` may see the text of entries of `owner` that are `shared` or not.
    pub fn may_see(&self, reader: usize, owner: usize, shared: bool) -> bool {
        reader == owner
            || (shared
                && self.people[reader].roles.contains(&Role::Supervisor)
                && self.supervisor_of.get(&owner) == Some(&reader))
    }

    /// Whether `reader` may see what marker (`kind`, `owner`, `n`) stands for.
    pub fn may_see_marker(&self, reader: usize, kind: char, owner: usize, n: u64) -> bool {
        match kind {
            // A check-in note is its writer's alone.
            'N' => reader == owner,
            _ => self
                .entries
                .values()
                .find(|(o, _, m)| *o == owner && *m == n)
                .is_none_or(|(o, shared, _)| self.may_see(reader, *o, *shared)),
        }
    }
}
