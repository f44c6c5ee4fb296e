//! Removing a member from the database takes their schedule, deliveries and DM channel with
//! them (the foreign keys of migration 0002 cascade). The store has no "delete member" method
//! yet, so these tests delete the row directly, once per backend.

use std::sync::Arc;

use mindlines::store::{PgStore, SqliteStore, Store};

use crate::fixtures::id;
use crate::outbox_fixtures::{new_delivery, record, record_sent, save_weekly, with_cohort};

const DELETE_MEMBER: &str = "DELETE FROM members WHERE discord_id = $1";

/// Gives member 3 a schedule with a pause, a delivery with a follow-up and a DM channel, and
/// member 4 a delivery that must survive.
async fn seed(store: &Arc<dyn Store>) {
    with_cohort(store).await;
    let mut state = crate::outbox_fixtures::state(3, Default::default(), Some(1));
    state
        .schedule
        .pauses
        .push(mindlines::domain::schedule::Pause::until_further_notice(
            mindlines::domain::schedule::PauseKind::Leave,
            crate::outbox_fixtures::date(2026, 4, 1),
        ));
    store.save_schedule(&state).await.unwrap();
    save_weekly(store, 4, Some(1)).await;
    let first = record_sent(store, &new_delivery(3, "a", 1), 1).await;
    let reminder = mindlines::domain::delivery::NewDelivery {
        follows: Some(first),
        ..new_delivery(3, "reminder", 2)
    };
    record(store, &reminder).await;
    record(store, &new_delivery(4, "a", 1)).await;
    store.save_dm_channel(id(3), 500).await.unwrap();
}

async fn assert_only_member_3_went(store: &Arc<dyn Store>) {
    assert_eq!(store.schedule_of(id(3)).await.unwrap(), None);
    assert!(store.deliveries_of(id(3)).await.unwrap().is_empty());
    assert_eq!(store.dm_channel(id(3)).await.unwrap(), None);
    assert!(store.schedule_of(id(4)).await.unwrap().is_some());
    assert_eq!(store.deliveries_of(id(4)).await.unwrap().len(), 1);
}

#[tokio::test]
async fn sqlite_deleting_a_member_cascades_to_their_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = SqliteStore::open(dir.path().join("m.db").to_str().unwrap())
        .await
        .unwrap();
    let store: Arc<dyn Store> = Arc::new(sqlite.clone());
    seed(&store).await;
    let member = i64::try_from(id(3).0).unwrap();
    sqlx::query(DELETE_MEMBER)
        .bind(member)
        .execute(sqlite.pool())
        .await
        .unwrap();
    assert_only_member_3_went(&store).await;
}

#[tokio::test]
async fn postgres_deleting_a_member_cascades_to_their_outbox() {
    let Some(db) = crate::support::postgres().await else {
        return;
    };
    let pg = PgStore::connect(&db.url, mindlines::store::MasterKey::generate())
        .await
        .unwrap();
    seed(&db.store).await;
    let member = i64::try_from(id(3).0).unwrap();
    sqlx::query(DELETE_MEMBER)
        .bind(member)
        .execute(pg.pool())
        .await
        .unwrap();
    assert_only_member_3_went(&db.store).await;
    pg.close().await;
}
