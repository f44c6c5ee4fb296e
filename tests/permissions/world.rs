//! The world every permission cell runs in: the real bot's `App` (built by `compose` inside
//! the testbed, on a fresh SQLite file and the simulated clock) with a cohort that has one
//! member per role, a second trainee with another supervisor, a trainee whose supervision
//! link a roster import removed, and a lead of another team. Each cell asks for fresh
//! objects (an entry, a queued message, a case, held text), so cells never depend on one
//! another's order.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};

use mindlines::app::App;
use mindlines::app::cases::{Place, start_case};
use mindlines::app::checkins::agree_to_checkins;
use mindlines::app::evidence::submit_edited_evidence;
use mindlines::app::roster::import_roster;
use mindlines::app::safety::Written;
use mindlines::clock::Clock;
use mindlines::domain::curriculum::Area;
use mindlines::domain::custom_id::CustomId;
use mindlines::domain::delivery::{DeliveryKind, NewDelivery, Payload};
use mindlines::domain::evidence::{Answer, EvidenceSource, Tag};
use mindlines::domain::member::{DiscordId, MemberStatus};
use mindlines::store::NewEvidence;
use mindlines::testbed::{CohortMember, Testbed, TestbedOptions, roster_csv};

/// Someone the roster has never heard of.
pub const OUTSIDER: DiscordId = DiscordId(900_000_000_000_000_001);
/// Words the safety screen holds (about the writer themselves).
pub const RISK_TEXT: &str = "I can't go on like this";

/// The matrix's columns: who is acting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Trainee,
    Supervisor,
    Lead,
    Admin,
    Outsider,
}

impl Actor {
    /// In the doc's column order.
    pub const ALL: [Actor; 5] = [
        Actor::Trainee,
        Actor::Supervisor,
        Actor::Lead,
        Actor::Admin,
        Actor::Outsider,
    ];

    fn handle(self) -> Option<&'static str> {
        match self {
            Actor::Trainee => Some("tia"),
            Actor::Supervisor => Some("sam"),
            Actor::Lead => Some("lee"),
            Actor::Admin => Some("ada"),
            Actor::Outsider => None,
        }
    }
}

/// The matrix's ownership column: whose object the actor acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Own {
    /// The command acts on the caller's own things only (no object named).
    Itself,
    Mine,
    SuperviseeShared,
    SuperviseeUnshared,
    /// A shared entry of someone the actor supervised until a roster import removed the link.
    FormerShared,
    /// A case in the actor's team that someone else leads.
    Team,
    /// Someone else's (shared, where sharing applies, with a supervisor who is not the actor).
    Others,
    /// The actor's own, after they withdrew consent with `/wellbeing stop`.
    MineWithdrawn,
    /// The actor's own, sent before their place on the programme ended.
    MineLeft,
}

impl Own {
    pub fn parse(text: &str) -> Option<Own> {
        Some(match text {
            "—" => Own::Itself,
            "own" => Own::Mine,
            "supervisee's shared" => Own::SuperviseeShared,
            "supervisee's unshared" => Own::SuperviseeUnshared,
            "former supervisee's shared" => Own::FormerShared,
            "team's" => Own::Team,
            "other's" => Own::Others,
            "own, consent withdrawn" => Own::MineWithdrawn,
            "own, after leaving the programme" => Own::MineLeft,
            _ => return None,
        })
    }
}

/// One cohort, built once per test binary.
pub struct World {
    pub tb: Testbed,
    next: AtomicU64,
}

fn cohort(tess_supervised: bool) -> Vec<CohortMember> {
    let mut tess = CohortMember::new("tess", "Tess Ward", "nurse", "trainee");
    if tess_supervised {
        tess = tess.supervised_by("sam");
    }
    let mut lou = CohortMember::new("lou", "Lou Grant", "doctor", "lead");
    lou.team = "Hillside PCN".to_owned();
    vec![
        CohortMember::new("sam", "Dr Sam Okafor", "doctor", "supervisor"),
        CohortMember::new("sue", "Dr Sue Park", "doctor", "supervisor"),
        CohortMember::new("lee", "Lee Chen", "nurse", "lead"),
        lou,
        CohortMember::new("ada", "Ada Lovell", "other", "admin"),
        CohortMember::new("tia", "Tia Brown", "nurse", "trainee").supervised_by("sam"),
        CohortMember::new("tom", "Tom Reid", "pharmacist", "trainee").supervised_by("sue"),
        tess,
    ]
}

impl World {
    /// On a fresh SQLite file (`database_url` `None`), or on the database at `database_url`
    /// with the master key in `key_file` (PostgreSQL requires one).
    pub async fn start(database_url: Option<String>, key_file: Option<String>) -> World {
        let mut options = TestbedOptions::demo();
        options.cohort = cohort(true);
        options.database_url = database_url;
        if let Some(key_file) = key_file {
            options.config.security.master_key_file = key_file;
        }
        let tb = Testbed::start(options).await.expect("the testbed starts");
        let world = World {
            tb,
            next: AtomicU64::new(1),
        };
        // A roster import takes Tess away from Sam: access must end with the link.
        let csv = roster_csv(&cohort(false), &world.tb.users);
        import_roster(&*world.tb.store, &world.tb.clock, &csv, None)
            .await
            .expect("the second roster imports");
        for handle in ["lee", "lou"] {
            let place = world.case_place(handle);
            mindlines::app::cases::set_case_channel(world.app(), world.id(handle), Some(place))
                .await
                .expect("the case channel is set");
        }
        for handle in ["tia", "sam", "lee", "ada", "tom", "tess"] {
            agree_to_checkins(world.app(), world.id(handle))
                .await
                .expect("consent is recorded");
        }
        world
    }

    /// Stops the bot and the workspace.
    pub async fn finish(self) {
        self.tb.shutdown().await;
    }

    pub fn app(&self) -> &App {
        &self.tb.app
    }

    pub fn id(&self, handle: &str) -> DiscordId {
        DiscordId(self.tb.user(handle))
    }

    pub fn actor(&self, actor: Actor) -> DiscordId {
        actor.handle().map_or(OUTSIDER, |h| self.id(h))
    }

    /// Marks `actor`'s place on the programme ended (`left`) or active again.
    pub async fn set_left(&self, actor: Actor, left: bool) {
        let status = if left {
            MemberStatus::Left
        } else {
            MemberStatus::Active
        };
        let now = self.tb.clock.now();
        self.tb
            .store
            .set_member_status(self.actor(actor), status, None, now)
            .await
            .expect("the status is set");
    }

    /// A number no other cell has used (interaction ids, occurrence keys, titles).
    pub fn unique(&self) -> u64 {
        self.next.fetch_add(1, Ordering::SeqCst)
    }

    /// Whose object `own` names for `actor`, if the combination exists in this cohort.
    pub fn owner(&self, actor: Actor, own: Own) -> Option<DiscordId> {
        let on_roster = actor != Actor::Outsider;
        match own {
            Own::Itself => Some(self.actor(actor)),
            Own::Mine | Own::MineWithdrawn | Own::MineLeft => on_roster.then(|| self.actor(actor)),
            Own::SuperviseeShared | Own::SuperviseeUnshared => {
                (actor == Actor::Supervisor).then(|| self.id("tia"))
            }
            Own::FormerShared => (actor == Actor::Supervisor).then(|| self.id("tess")),
            Own::Others => Some(self.id("tom")),
            Own::Team => None,
        }
    }

    /// A fresh evidence entry of `owner`, shared or not.
    pub async fn entry(&self, owner: DiscordId, shared: bool) -> i64 {
        let n = self.unique();
        let now = self.tb.clock.now();
        let (id, _) = self
            .tb
            .store
            .add_evidence(&NewEvidence {
                member: owner,
                source: EvidenceSource::Form,
                source_key: format!("form:perm{n}"),
                delivery_id: None,
                prompt_id: None,
                prompt_text: Some("A fixture prompt".into()),
                answers: vec![Answer {
                    stem: "What?".into(),
                    text: format!("Private reflection {n} of {owner}"),
                }],
                tags: [Tag::Area(Area::SystemWorking)].into(),
                at: now,
                follows_up: None,
            })
            .await
            .expect("the entry is kept");
        if shared {
            self.tb
                .store
                .set_evidence_shared(owner, id, true, now)
                .await
                .expect("the entry is shared");
        }
        id
    }

    /// The entry `own` names for `actor` (shared unless it is the unshared kind).
    pub async fn entry_for(&self, actor: Actor, own: Own) -> Option<i64> {
        let owner = self.owner(actor, own)?;
        let shared = !matches!(own, Own::SuperviseeUnshared | Own::Mine);
        Some(self.entry(owner, shared).await)
    }

    /// A fresh queued message to `member`.
    pub async fn delivery(&self, member: DiscordId, kind: DeliveryKind, payload: Payload) -> i64 {
        let n = self.unique();
        self.tb
            .store
            .record_delivery(&NewDelivery {
                member,
                occurrence_key: format!("perm:{n}"),
                kind,
                payload,
                due_at: self.tb.clock.now(),
                follows: None,
            })
            .await
            .expect("the delivery is recorded")
            .expect("a new delivery")
    }

    /// A fresh prompt delivery to `member`.
    pub async fn prompt(&self, member: DiscordId) -> i64 {
        let prompt = &self.app().library.prompts()[0];
        let payload = Payload::Prompt {
            prompt_id: prompt.id.clone(),
            area: prompt.area,
        };
        self.delivery(member, DeliveryKind::OnRequest, payload)
            .await
    }

    pub async fn checkin(&self, member: DiscordId) -> i64 {
        self.delivery(member, DeliveryKind::Checkin, Payload::Checkin)
            .await
    }

    /// A check-in `member` has answered (a note may follow).
    pub async fn answered_checkin(&self, member: DiscordId) -> i64 {
        let delivery = self.checkin(member).await;
        let now = self.tb.clock.now();
        self.tb
            .store
            .record_checkin_score(member, delivery, 4, now)
            .await
            .expect("the owner's answer is kept");
        delivery
    }

    /// A follow-up of a fresh entry of `member`'s.
    pub async fn followup(&self, member: DiscordId) -> i64 {
        let entry = self.entry(member, false).await;
        self.delivery(member, DeliveryKind::FollowUp, Payload::FollowUp { entry })
            .await
    }

    /// A contributor's reflection prompt to `member` after a fresh case (Lou's, who is never
    /// an actor, so the case opens whatever state the actor is in).
    pub async fn case_reflection(&self, member: DiscordId) -> i64 {
        let thread = self.case_of("lou").await;
        let case = self
            .tb
            .store
            .case_by_thread(thread)
            .await
            .unwrap()
            .expect("the case is kept");
        let payload = Payload::CaseReflection { case: case.id };
        self.delivery(member, DeliveryKind::CaseReflection, payload)
            .await
    }

    /// Text the safety screen holds for `member` (their edit of a fresh entry); its token.
    pub async fn held(&self, member: DiscordId) -> i64 {
        let entry = self.entry(member, false).await;
        let written = submit_edited_evidence(self.app(), member, entry, vec![RISK_TEXT.into()])
            .await
            .expect("the edit is screened");
        let Written::Held { keep, .. } = written else {
            panic!("risk language is held");
        };
        match keep.custom_id.parse::<CustomId>() {
            Ok(CustomId::KeepHeld { token }) => token,
            other => panic!("a keep button: {other:?}"),
        }
    }

    /// Where `lead`'s team opens case threads.
    pub fn case_place(&self, lead: &str) -> Place {
        let driver = &self.tb.driver;
        let name = if lead == "lou" {
            "hillside-cases"
        } else {
            "case-discussions"
        };
        let channel = driver
            .channel_id(name)
            .unwrap_or_else(|| driver.add_channel(driver.guild_id(), name));
        Place {
            guild: driver.guild_id(),
            channel,
        }
    }

    /// A fresh open case led by `lead`; its thread.
    pub async fn case_of(&self, lead: &str) -> u64 {
        let title = format!("Learning from a shared plan {}", self.unique());
        let opened = start_case(
            self.app(),
            self.id(lead),
            Some(self.case_place(lead)),
            &title,
            None,
            vec![Area::SystemWorking],
        )
        .await
        .expect("the lead opens a case");
        let start = opened.find("<#").expect("a thread mention") + 2;
        let end = start + opened[start..].find('>').expect("the mention ends");
        opened[start..end].parse().expect("a thread id")
    }

    /// The case thread `own` names for `actor`.
    pub async fn case_for(&self, actor: Actor, own: Own) -> Option<u64> {
        match (actor, own) {
            (Actor::Lead, Own::Mine) => Some(self.case_of("lee").await),
            (Actor::Outsider | Actor::Lead, Own::Team) => None,
            (_, Own::Team) => Some(self.case_of("lee").await),
            (_, Own::Others) => Some(self.case_of("lou").await),
            _ => None,
        }
    }
}
