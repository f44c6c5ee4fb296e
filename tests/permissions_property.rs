//! No read ever returns another member's private data: for a fixed list of seeds (so a
//! failure is repeatable), a random cohort (roles, teams, supervision links) on the real
//! `App` (built by `compose` on a fresh SQLite file, simulated clock), random entries shared
//! and unshared, check-ins with notes, supervisors' comments, roster imports that move the
//! links, and random actions by anyone (including people not on the roster) on anyone's
//! things; after each action a handful of random reads by random people, scanned for the
//! private text they must not hold. The count of unauthorised results must be 0.

#[path = "permissions/cohort.rs"]
mod cohort;
#[path = "permissions/reads.rs"]
mod reads;

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
use mindlines::domain::member::DiscordId;
use mindlines::store::NewEvidence;

use cohort::Model;

const SEEDS: [u64; 10] = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89];
const ACTIONS: usize = 40;
const READS_PER_ACTION: usize = 4;
const OUTSIDER: DiscordId = DiscordId(900_000_000_000_000_002);

struct Run {
    app: Arc<App>,
    clock: SimulatedClock,
    model: Model,
    rng: StdRng,
    next: u64,
    _dir: tempfile::TempDir,
}

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T08:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

impl Run {
    async fn new(seed: u64) -> Run {
        let mut rng = cohort::rng(seed);
        let model = Model::generate(seed, &mut rng);
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::default();
        config.database.url = format!("sqlite://{}", dir.path().join("mindlines.db").display());
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

    async fn write_entry(&mut self) {
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
    async fn share(&mut self) -> usize {
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
    async fn comment(&mut self) -> usize {
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
    async fn checkin(&mut self) {
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
    async fn relink(&mut self) {
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
            .filter(|&i| {
                self.model.people[i]
                    .roles
                    .contains(&mindlines::domain::member::Role::Supervisor)
            })
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
    async fn reads(&mut self) -> (usize, usize) {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_read_returns_another_members_private_data() {
    let (mut reads, mut unauthorised, mut members, mut others) = (0, 0, 0, 0);
    for seed in SEEDS {
        let mut run = Run::new(seed).await;
        members += run.model.people.len();
        for _ in 0..6 {
            run.write_entry().await;
        }
        for _ in 0..ACTIONS {
            let action = run.rng.random_range(0..10);
            unauthorised += match action {
                0..=2 => run.share().await,
                3 | 4 => run.comment().await,
                5 => {
                    run.checkin().await;
                    0
                }
                6 => {
                    run.relink().await;
                    0
                }
                _ => {
                    run.write_entry().await;
                    0
                }
            };
            run.clock.advance(chrono::Duration::hours(7));
            let (seen, bad) = run.reads().await;
            reads += READS_PER_ACTION;
            others += seen;
            unauthorised += bad;
        }
        run.app.store.close().await;
    }
    println!(
        "{} cohorts, {members} members, {reads} reads, {others} pieces of other people's text \
         returned: {unauthorised} unauthorised",
        SEEDS.len()
    );
    assert!(
        others > 0,
        "no read reached anyone else's shared text: the test proves nothing"
    );
    assert_eq!(
        unauthorised, 0,
        "reads or writes that crossed a member's privacy"
    );
}
