//! Erasure and the audit chain, read from under the store on both backends: an erased member
//! leaves no row and no key behind and others keep theirs; the schema has no table or member
//! column the erasure does not know about; the chain verifies, survives an erasure, and names
//! a row changed behind the triggers' back; a ledger applied to an earlier copy erases the
//! member again; appends from many connections at once keep one chain.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime, Weekday};
use mindlines::domain::member::DiscordId;
use mindlines::domain::wellbeing::checkins::CheckinPlan;
use mindlines::store::{
    AuditAction, AuditEntry, ChainReport, ERASED_COLUMNS, Store, StoreError, TABLES_WITHOUT_MEMBER,
};

use mindlines::app::backup::{ledger_from_json, ledger_to_json};

use crate::evidence::{all, with_cohort};
use crate::fixtures::{at, id, trainee};
use crate::outbox_fixtures::{new_delivery, prompt, save_weekly};
use crate::raw::{Raw, RawDb, on_both_backends_raw};
use crate::sealing::write_every_kind;

/// Column names that hold a member's id wherever they appear.
const MEMBER_LIKE: &[&str] = &[
    "discord_id",
    "member",
    "author",
    "lead",
    "supervisor",
    "supervisor_id",
    "trainee_id",
    "actor_discord_id",
    "subject_discord_id",
];

/// Member columns an erasure keeps on purpose: the audit log's (pseudonymised) and the ledger.
const KEPT_MEMBER_COLUMNS: &[(&str, &str)] = &[
    ("audit_log", "actor_discord_id"),
    ("audit_log", "subject_discord_id"),
    ("erasures", "discord_id"),
];

impl Raw {
    /// How many rows `sql` counts for the member id bound as `$1`.
    async fn count_for(&self, sql: String, member: DiscordId) -> i64 {
        let sql = sqlx::AssertSqlSafe(sql);
        let member = member.0 as i64;
        match self {
            Raw::Sqlite(pool) => sqlx::query_scalar(sql).bind(member).fetch_one(pool).await,
            Raw::Postgres(pool) => sqlx::query_scalar(sql).bind(member).fetch_one(pool).await,
        }
        .expect("count")
    }

    /// Every row naming `member` in a column that names members, by `table.column`.
    pub async fn rows_of(&self, member: DiscordId) -> Vec<(String, i64)> {
        let mut found = Vec::new();
        let columns = ERASED_COLUMNS.iter().chain(KEPT_MEMBER_COLUMNS);
        for (table, column) in columns {
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1");
            found.push((
                format!("{table}.{column}"),
                self.count_for(sql, member).await,
            ));
        }
        found
    }

    /// Every (table, column) of the schema.
    async fn schema(&self) -> Vec<(String, String)> {
        match self {
            Raw::Sqlite(pool) => {
                sqlx::query_as(
                    "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
                )
                .fetch_all(pool)
                .await
            }
            Raw::Postgres(pool) => {
                sqlx::query_as(
                    "SELECT table_name::text, column_name::text FROM information_schema.columns \
                 WHERE table_schema = current_schema()",
                )
                .fetch_all(pool)
                .await
            }
        }
        .expect("schema")
    }
}

/// Everything the store can hold about members 1 (supervisor, case lead, commenter) and 3
/// (trainee), and some of member 4's, so what stays can be checked too.
pub async fn seed(store: &Arc<dyn Store>) {
    write_every_kind(store).await;
    for n in [3, 4] {
        save_weekly(store, n, Some(48)).await;
        let delivery = new_delivery(n, &format!("k{n}"), 10);
        store.record_delivery(&delivery).await.unwrap();
        store
            .save_dm_channel(id(n), 800_000_000_000_000_000 + n)
            .await
            .unwrap();
        store.set_followup_weeks(id(n), 4).await.unwrap();
        store
            .mark_not_relevant(id(n), &prompt("pcp-one"), at(3))
            .await
            .unwrap();
        let plan = CheckinPlan::default_from(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        let consent = store.consent_to_checkins(id(n), "v1", &plan, Some(at(10)), at(0));
        consent.await.unwrap();
    }
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let subscribed = store.subscribe_digest(id(1), Weekday::Mon, nine, at(20), at(1));
    subscribed.await.unwrap();
    let case = store
        .case_by_thread(78)
        .await
        .unwrap()
        .expect("the case")
        .id;
    store
        .add_case_contributor(case, id(3), at(5))
        .await
        .unwrap();
    store
        .add_case_contributor(case, id(4), at(5))
        .await
        .unwrap();
    store
        .record_audit(&AuditEntry {
            at: at(8),
            actor: Some(id(1)),
            action: AuditAction::SharedEntryRead,
            subject: Some(id(3)),
            detail: "entry 1".into(),
        })
        .await
        .unwrap();
}

pub fn nonzero(rows: &[(String, i64)]) -> Vec<&(String, i64)> {
    rows.iter().filter(|(_, n)| *n > 0).collect()
}

async fn erasing_a_member_leaves_no_row_or_key_and_others_keep_theirs(db: RawDb) {
    seed(&db.store).await;
    let before = db.raw.rows_of(id(3)).await;
    assert!(nonzero(&before).len() >= 15, "seeded widely: {before:?}");
    let others = db.raw.rows_of(id(4)).await;

    let erasure = db
        .store
        .erase_member(id(3), Some(id(3)), at(30))
        .await
        .unwrap();
    assert_eq!((erasure.member, erasure.erased_at), (id(3), at(30)));

    let left: Vec<_> = nonzero(&db.raw.rows_of(id(3)).await)
        .into_iter()
        .filter(|(place, _)| place != "erasures.discord_id")
        .cloned()
        .collect();
    assert!(left.is_empty(), "nothing of member 3 is left: {left:?}");
    assert_eq!(db.raw.rows_of(id(4)).await, others, "member 4 untouched");
    assert!(db.store.member(id(3)).await.unwrap().is_none());
    assert!(
        db.store
            .audit_entries_about(id(3))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(db.store.erasures().await.unwrap(), vec![erasure]);
    assert!(matches!(
        db.store.verify_audit_chain().await.unwrap(),
        ChainReport::Intact { .. }
    ));

    // The supervisor, case lead and commenter goes with what they wrote on others' records.
    db.store.erase_member(id(1), None, at(31)).await.unwrap();
    let left = db.raw.rows_of(id(1)).await;
    assert_eq!(
        nonzero(&left).len(),
        1,
        "only the ledger names them: {left:?}"
    );
    assert!(
        db.raw.column("cases", "title").await.is_empty(),
        "the case they led"
    );
    assert!(db.raw.column("evidence_comments", "body").await.is_empty());
    assert!(db.store.member(id(4)).await.unwrap().is_some());
}

async fn the_schema_has_no_table_or_member_column_the_erasure_does_not_cover(db: RawDb) {
    let covered = |table: &str, column: &str| {
        ERASED_COLUMNS
            .iter()
            .chain(KEPT_MEMBER_COLUMNS)
            .any(|&(t, c)| t == table && c == column)
    };
    let mut unknown = Vec::new();
    for (table, column) in db.raw.schema().await {
        let table_known = TABLES_WITHOUT_MEMBER.contains(&table.as_str())
            || ERASED_COLUMNS.iter().any(|&(t, _)| t == table);
        if !table_known {
            unknown.push(format!("table {table}"));
        }
        let member_like = MEMBER_LIKE.contains(&column.as_str()) || column.ends_with("_discord_id");
        if member_like && !covered(&table, &column) {
            unknown.push(format!("{table}.{column}"));
        }
    }
    unknown.dedup();
    assert!(
        unknown.is_empty(),
        "add these to store::erasure (ERASED_COLUMNS and ERASE_STEPS, or \
         TABLES_WITHOUT_MEMBER): {unknown:?}"
    );
}

async fn the_audit_chain_verifies_and_names_a_tampered_row(db: RawDb) {
    seed(&db.store).await;
    let ChainReport::Intact { entries, last_hash } = db.store.verify_audit_chain().await.unwrap()
    else {
        panic!("an untouched chain is intact");
    };
    assert!(entries >= 7, "the import's entries and one more: {entries}");
    assert_eq!(last_hash.len(), 64);

    // The triggers refuse a change and a deletion.
    for sql in [
        "UPDATE audit_log SET detail = 'nothing happened' WHERE id = 2",
        "DELETE FROM audit_log WHERE id = 2",
    ] {
        assert!(db.raw.try_run(sql).await.is_err(), "{sql} refused");
    }
    // Behind their back, the changed row is named.
    drop_audit_triggers(&db.raw).await;
    db.raw
        .run("UPDATE audit_log SET detail = 'nothing happened' WHERE id = 2")
        .await;
    let report = db.store.verify_audit_chain().await.unwrap();
    assert!(
        matches!(report, ChainReport::Broken { entry: 2, .. }),
        "{report}"
    );
}

async fn a_subject_swapped_behind_the_triggers_is_named(db: RawDb) {
    seed(&db.store).await;
    drop_audit_triggers(&db.raw).await;
    let victim = id(8).0 as i64; // entry 3 is about member 4
    db.raw
        .run(&format!(
            "UPDATE audit_log SET subject_discord_id = {victim} WHERE id = 3"
        ))
        .await;
    let report = db.store.verify_audit_chain().await.unwrap();
    assert!(
        matches!(report, ChainReport::Broken { entry: 3, .. }),
        "{report}"
    );
}

async fn an_erased_member_cannot_come_back_by_roster_import(db: RawDb) {
    seed(&db.store).await;
    db.store.erase_member(id(3), None, at(30)).await.unwrap();
    let again = db
        .store
        .import_roster(&[trainee(3, "Amara")], None, at(31))
        .await;
    assert!(
        matches!(again, Err(StoreError::ErasedMember(who)) if who == id(3)),
        "{again:?}"
    );
    assert!(db.store.member(id(3)).await.unwrap().is_none());
    let erased = db.store.erased_among(&[id(3), id(4)]).await.unwrap();
    assert_eq!(erased.into_iter().collect::<Vec<_>>(), vec![id(3)]);
}

async fn applying_the_ledger_to_an_earlier_copy_erases_the_member_again(db: RawDb) {
    // The ledger of a database where member 3 was erased, through its file format…
    let later = crate::raw::sqlite().await;
    seed(&later.store).await;
    later.store.erase_member(id(3), None, at(30)).await.unwrap();
    let saved = ledger_to_json(&later.store.erasures().await.unwrap());
    let ledger = ledger_from_json(&saved).unwrap();
    // …applied to a copy from before the erasure (as after pg_restore): all still there.
    seed(&db.store).await;
    let erased = db.store.apply_erasures(&ledger, at(40)).await.unwrap();
    assert_eq!(erased, 1);
    assert_eq!(
        db.store.erasures().await.unwrap(),
        ledger,
        "kept its own time"
    );
    let left = db.raw.rows_of(id(3)).await;
    assert_eq!(nonzero(&left).len(), 1, "only the ledger: {left:?}");
    assert!(
        db.store
            .evidence_of(id(3), &all())
            .await
            .unwrap()
            .0
            .is_empty()
    );
    // Applying it twice changes nothing more.
    assert_eq!(db.store.apply_erasures(&ledger, at(41)).await.unwrap(), 0);
    assert!(matches!(
        db.store.verify_audit_chain().await.unwrap(),
        ChainReport::Intact { .. }
    ));
}

async fn concurrent_appends_keep_one_chain(db: RawDb) {
    with_cohort(&db.store).await;
    let appends = (0..24).map(|n| {
        let store = db.store.clone();
        tokio::spawn(async move {
            let entry = AuditEntry {
                at: at(n),
                actor: Some(id(1)),
                action: AuditAction::SharedEntryRead,
                subject: Some(id(3)),
                detail: format!("entry {n}"),
            };
            store.record_audit(&entry).await.unwrap();
        })
    });
    for append in futures::future::join_all(appends).await {
        append.unwrap();
    }
    let report = db.store.verify_audit_chain().await.unwrap();
    assert!(
        matches!(report, ChainReport::Intact { entries, .. } if entries == 6 + 24),
        "{report}"
    );
}

async fn drop_audit_triggers(raw: &Raw) {
    match raw {
        Raw::Sqlite(_) => {
            raw.run("DROP TRIGGER audit_log_no_update").await;
            raw.run("DROP TRIGGER audit_log_no_delete").await;
        }
        Raw::Postgres(_) => {
            raw.run("DROP TRIGGER audit_log_append_only ON audit_log")
                .await
        }
    }
}

on_both_backends_raw!(
    erasing_a_member_leaves_no_row_or_key_and_others_keep_theirs,
    the_schema_has_no_table_or_member_column_the_erasure_does_not_cover,
    the_audit_chain_verifies_and_names_a_tampered_row,
    a_subject_swapped_behind_the_triggers_is_named,
    an_erased_member_cannot_come_back_by_roster_import,
    applying_the_ledger_to_an_earlier_copy_erases_the_member_again,
    concurrent_appends_keep_one_chain,
);
