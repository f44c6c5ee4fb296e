//! One random cohort's run for the property test: the real `App` (built by `compose` on a
//! fresh SQLite file or PostgreSQL database, simulated clock) with the cohort imported, and
//! the actions and reads the test draws at random, each judged against the model.
#![allow(dead_code)]

use std::sync::Arc;

use chrono::{DateTime, Utc};
use rand::Rng;
use rand::rngs::StdRng;

use mindlines::app::App;
use mindlines::app::checkins::{
    add_checkin_note, agree_to_checkins, answer_checkin, stop_checkins,
};
use mindlines::app::roster::import_roster;
use mindlines::app::supervision::{comment_on_entry, share_evidence};
use mindlines::clock::{Clock, SimulatedClock};
use mindlines::config::Config;
use mindlines::domain::curriculum::Area;
use mindlines::domain::delivery::{DeliveryKind, NewDelivery, Payload};
use mindlines::domain::evidence::{Answer, EvidenceSource, Tag};
use mindlines::domain::member::{DiscordId, Role};
use mindlines::store::NewEvidence;

use super::cohort::{self, Model};
use super::pg;
use super::reads;

pub const READS_PER_ACTION: usize = 4;
const OUTSIDER: DiscordId = DiscordId(900_000_000_000_000_002);

/// One cohort on its own database, with the model of who may see what.
pub struct Run {
    pub app: Arc<App>,
    pub clock: SimulatedClock,
    pub model: Model,
    pub rng: StdRng,
    next: u64,
    _dir: tempfile::TempDir,
}

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T08:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// Where a run keeps its data: a fresh SQLite file, or a fresh PostgreSQL database (kept
/// alive, with the server's own, for the run's length).
pub enum Backend {
    Sqlite,
    Postgres {
        _server: pg::PgDb,
        database: pg::EmptyPgDb,
    },
}

impl Backend {
    pub async fn postgres() -> Option<Backend> {
        let server = pg::postgres().await?;
        let database = pg::empty_postgres(&server).await;
        Some(Backend::Postgres {
            _server: server,
            database,
        })
    }
}

impl Run {
    pub async fn new(seed: u64, backend: &Backend) -> Run {
        let mut rng = cohort::rng(seed);
        let model = Model::generate(seed, &mut rng);
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::default();
        match backend {
            Backend::Sqlite => {
                let file = dir.path().join("mindlines.db");
                config.database.url = format!("sqlite://{}", file.display());
            }
            Backend::Postgres { database, .. } => {
                let key = dir.path().join("master.key");
                mindlines::store::MasterKey::generate()
                    .write_new(&key)
                    .unwrap();
                config.database.url = database.url.clone();
                config.security.master_key_file = key.display().to_string();
            }
        }
        // Nothing here posts to Discord: every call is a read or a store write.
        config.discord.api_base = "http://127.0.0.1:9".to_owned();
        let clock = SimulatedClock::starting_at(start());
        let app = mindlines::compose::build_app(&config, Arc::new(clock.clone()), "unused")
            .await
            .expect("the app builds");
        import_roster(&*app.store, &clock, &model.roster_csv(), None)
            .await
            .expect("the cohort imports");
        Run {
            app,
            clock,
            model,
            rng,
            next: 1,
            _dir: dir,
        }
    }

    /// Anyone: a member at random, now and then someone not on the roster.
    fn anyone(&mut self) -> DiscordId {
        if self.rng.random_bool(0.1) {
            return OUTSIDER;
        }
        let i = self.rng.random_range(0..self.model.people.len());
        self.model.people[i].id
    }

    fn any_entry(&mut self) -> i64 {
        let ids: Vec<i64> = self.model.entries.keys().copied().collect();
        if ids.is_empty() {
            return 1;
        }
        ids[self.rng.random_range(0..ids.len())]
    }

    pub async fn write_entry(&mut self) {
        let owner = self.rng.random_range(0..self.model.people.len());
        let n = self.next;
        self.next += 1;
        let member = self.model.people[owner].id;
        let (id, _) = self
            .app
            .store
            .add_evidence(&NewEvidence {
                member,
                source: EvidenceSource::Form,
                source_key: format!("form:prop{n}"),
                delivery_id: None,
                prompt_id: None,
                prompt_text: Some("A prompt".into()),
                answers: vec![Answer {
                    stem: "What?".into(),
                    text: format!("[[S{owner}.{n}]] what I learnt this week"),
                }],
                tags: [Tag::Area(Area::SystemWorking)].into(),
                at: self.clock.now(),
                follows_up: None,
            })
            .await
            .unwrap();
        self.model.entries.insert(id, (owner, false, n));
        if self.rng.random_bool(0.5) {
            share_evidence(&self.app, member, id, true).await.unwrap();
            self.model.entries.insert(id, (owner, true, n));
        }
    }

    /// Someone (anyone) shares or unshares an entry (anyone's); it takes only for its owner.
    pub async fn share(&mut self) -> usize {
        let actor = self.anyone();
        let entry = self.any_entry();
        let on = self.rng.random_bool(0.6);
        let ok = share_evidence(&self.app, actor, entry, on).await.is_ok();
        match self.model.entries.get_mut(&entry) {
            Some((owner, shared, _)) if self.model.people[*owner].id == actor => {
                if ok {
                    *shared = on;
                }
                0
            }
            // Sharing someone else's entry must be refused.
            _ => usize::from(ok),
        }
    }

    /// Anyone comments on anyone's entry; kept only where the model allows it.
    pub async fn comment(&mut self) -> usize {
        let actor = self.anyone();
        let entry = self.any_entry();
        let Some(&(owner, shared, n)) = self.model.entries.get(&entry) else {
            return 0;
        };
        let text = format!("[[C{owner}.{n}]] a thought");
        let kept = comment_on_entry(&self.app, actor, entry, &text)
            .await
            .is_ok();
        let allowed = self
            .model
            .index_of(actor)
            .is_some_and(|a| a != owner && self.model.may_see(a, owner, shared));
        usize::from(kept && !allowed)
    }

    /// A member opts in, answers a check-in with a note, and sometimes withdraws.
    pub async fn checkin(&mut self) {
        let i = self.rng.random_range(0..self.model.people.len());
        let member = self.model.people[i].id;
        let n = self.next;
        self.next += 1;
        agree_to_checkins(&self.app, member).await.unwrap();
        let delivery = self
            .app
            .store
            .record_delivery(&NewDelivery {
                member,
                occurrence_key: format!("prop:{n}"),
                kind: DeliveryKind::Checkin,
                payload: Payload::Checkin,
                due_at: self.clock.now(),
                follows: None,
            })
            .await
            .unwrap()
            .unwrap();
        let score = self.rng.random_range(1..=5);
        answer_checkin(&self.app, member, delivery, score)
            .await
            .unwrap();
        let note = format!("[[N{i}.{n}]] a note");
        add_checkin_note(&self.app, member, delivery, &note)
            .await
            .unwrap();
        if self.rng.random_bool(0.3) {
            stop_checkins(&self.app, member).await.unwrap();
        }
    }

    /// A roster import that moves the supervision links.
    pub async fn relink(&mut self) {
        self.model.relink(&mut self.rng);
        import_roster(
            &*self.app.store,
            &self.clock,
            &self.model.roster_csv(),
            None,
        )
        .await
        .unwrap();
    }

    /// A read near the boundary: a supervisor (the entry owner's now, or any) reading the
    /// entry, or a digest of its owner, or the owner's own view of it.
    fn near(&mut self, entry: i64) -> (DiscordId, DiscordId, usize) {
        let owner = self.model.entries.get(&entry).map_or(0, |e| e.0);
        let supervisors: Vec<usize> = (0..self.model.people.len())
            .filter(|&i| self.model.people[i].roles.contains(&Role::Supervisor))
            .collect();
        let reader = match self.model.supervisor_of.get(&owner) {
            Some(&s) if self.rng.random_bool(0.7) => s,
            _ if !supervisors.is_empty() => {
                supervisors[self.rng.random_range(0..supervisors.len())]
            }
            _ => owner,
        };
        let which = [0, 3, 3, 4, 5][self.rng.random_range(0..5)];
        let people = &self.model.people;
        (people[reader].id, people[owner].id, which)
    }

    /// Random reads by random people: how many markers of other people's they returned, and
    /// how many of those the reader must not see.
    pub async fn reads(&mut self) -> (usize, usize) {
        let (mut others, mut bad) = (0, 0);
        for _ in 0..READS_PER_ACTION {
            let entry = self.any_entry();
            let (reader, subject, which) = if self.rng.random_bool(0.5) {
                self.near(entry)
            } else {
                let which = self.rng.random_range(0..reads::READS);
                (self.anyone(), self.anyone(), which)
            };
            let text = reads::read(&self.app, which, reader, entry, subject).await;
            let found = reads::unauthorised(&self.model, reader, &text);
            if !found.is_empty() {
                eprintln!("read {which} by {reader} returned {found:?}");
            }
            bad += found.len();
            others += reads::others_markers(&self.model, reader, &text);
        }
        (others, bad)
    }
}
