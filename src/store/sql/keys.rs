//! Members' data keys: created on a member's first sealed write, read (and cached) before rows
//! are opened, re-wrapped by a master key rotation. See [`sealing`](crate::store::sealing).
//!
//! Keys are fetched through the pool, never inside a caller's write transaction: on SQLite a
//! key created on another connection while `BEGIN IMMEDIATE` holds the write lock would wait
//! for that very transaction. So a write looks up its key first, then begins.

/// Implements, as inherent methods of `$store`, `write_key`, `read_keys`, `check_master_key`
/// and `rewrap_keys` (the rotation), and the one-off sealing of text written before v8.
macro_rules! key_store {
    (store: $store:ident, db: $db:ty $(,)?) => {
        const _: () = {
            use $crate::store::StoreResult;
            use $crate::store::sealing::{DataKey, KeySet, MasterKey};

            impl $store {
                /// The member's data key, created and stored on first use. Two processes
                /// creating one at once both read back the one stored first.
                pub(crate) async fn write_key(&self, member: i64) -> StoreResult<DataKey> {
                    if let Some(key) = self.keys.cached(member) {
                        return Ok(key);
                    }
                    let (_, wrapped) = self.keys.new_data_key(member);
                    sqlx::query(
                        "INSERT INTO member_keys (discord_id, wrapped, master_key_id) \
                         VALUES ($1, $2, $3) ON CONFLICT (discord_id) DO NOTHING",
                    )
                    .bind(member)
                    .bind(&wrapped)
                    .bind(self.keys.master_id())
                    .execute(&self.pool)
                    .await?;
                    let mut set = self.read_keys([member]).await?;
                    Ok(set.take(member).expect("the key was just stored"))
                }

                /// The data keys of `members` that exist (erased members have none).
                pub(crate) async fn read_keys(
                    &self,
                    members: impl IntoIterator<Item = i64> + Send,
                ) -> StoreResult<KeySet> {
                    let (mut set, missing) = self.keys.split_cached(members);
                    for member in missing {
                        let stored: Option<(String, String)> = sqlx::query_as(
                            "SELECT wrapped, master_key_id FROM member_keys WHERE discord_id = $1",
                        )
                        .bind(member)
                        .fetch_optional(&self.pool)
                        .await?;
                        if let Some((wrapped, master_id)) = stored {
                            let key = self.keys.unwrap(member, &master_id, &wrapped)?;
                            self.keys.add_to(&mut set, key);
                        }
                    }
                    Ok(set)
                }

                /// Every stored key, wrapped, by member.
                pub(crate) async fn stored_keys(
                    &self,
                ) -> StoreResult<Vec<$crate::store::WrappedKey>> {
                    let rows: Vec<(i64, String, String)> = sqlx::query_as(
                        "SELECT discord_id, wrapped, master_key_id FROM member_keys \
                         ORDER BY discord_id",
                    )
                    .fetch_all(&self.pool)
                    .await?;
                    rows.into_iter()
                        .map(|(id, wrapped, master_key_id)| {
                            Ok($crate::store::WrappedKey {
                                member: $crate::store::rows::discord_id(
                                    id,
                                    "member_keys.discord_id",
                                )?,
                                wrapped,
                                master_key_id,
                            })
                        })
                        .collect()
                }

                /// Adds the keys not stored yet, in one transaction, never for an erased
                /// member; all must be wrapped under the master key in use.
                pub(crate) async fn store_missing_keys(
                    &self,
                    keys: &[$crate::store::WrappedKey],
                ) -> StoreResult<u64> {
                    let given = self.keys.master_id();
                    if let Some(other) = keys.iter().find(|k| k.master_key_id != given) {
                        return Err($crate::store::StoreError::WrongMasterKey {
                            expected: other.master_key_id.clone(),
                            given,
                        });
                    }
                    let mut tx = self.begin_write().await?;
                    let mut added = 0;
                    for key in keys {
                        let done = sqlx::query(
                            "INSERT INTO member_keys (discord_id, wrapped, master_key_id) \
                             SELECT $1, $2, $3 WHERE NOT EXISTS \
                               (SELECT 1 FROM erasures WHERE discord_id = $1) \
                             ON CONFLICT (discord_id) DO NOTHING",
                        )
                        .bind($crate::store::rows::db_id(key.member)?)
                        .bind(&key.wrapped)
                        .bind(&key.master_key_id)
                        .execute(&mut *tx)
                        .await?;
                        added += done.rows_affected();
                    }
                    tx.commit().await?;
                    Ok(added)
                }

                /// Fails at open, naming both fingerprints, when the database's keys were
                /// wrapped under another master key than the configured one.
                pub(crate) async fn check_master_key(&self) -> StoreResult<()> {
                    let other: Option<String> = sqlx::query_scalar(
                        "SELECT master_key_id FROM member_keys WHERE master_key_id <> $1 LIMIT 1",
                    )
                    .bind(self.keys.master_id())
                    .fetch_optional(&self.pool)
                    .await?;
                    match other {
                        Some(expected) => Err($crate::store::StoreError::WrongMasterKey {
                            expected,
                            given: self.keys.master_id(),
                        }),
                        None => Ok(()),
                    }
                }

                /// Re-wraps every data key under `new` in one transaction and then uses it;
                /// the sealed text is untouched. Returns how many keys were re-wrapped.
                pub(crate) async fn rewrap_keys(&self, new: MasterKey) -> StoreResult<u64> {
                    let mut tx = self.begin_write().await?;
                    let keys: Vec<(i64, String, String)> = sqlx::query_as(
                        "SELECT discord_id, wrapped, master_key_id FROM member_keys \
                         ORDER BY discord_id",
                    )
                    .fetch_all(&mut *tx)
                    .await?;
                    let new_id = new.id();
                    for (member, wrapped, master_id) in &keys {
                        let rewrapped = self.keys.rewrap(*member, master_id, wrapped, &new)?;
                        sqlx::query(
                            "UPDATE member_keys SET wrapped = $1, master_key_id = $2 \
                             WHERE discord_id = $3",
                        )
                        .bind(rewrapped)
                        .bind(&new_id)
                        .bind(member)
                        .execute(&mut *tx)
                        .await?;
                    }
                    tx.commit().await?;
                    self.keys.replace_master(new);
                    Ok(keys.len() as u64)
                }

                /// Runs the one-off tasks a migration left (see `store_tasks`): today only
                /// sealing the text written before encryption at rest.
                pub(crate) async fn run_store_tasks(&self) -> StoreResult<()> {
                    let pending: Option<String> = sqlx::query_scalar(
                        "SELECT name FROM store_tasks WHERE name = 'seal-plaintext'",
                    )
                    .fetch_optional(&self.pool)
                    .await?;
                    if pending.is_none() {
                        return Ok(());
                    }
                    // Keys first, through the pool (see the module note); then, in one
                    // transaction, claim the task and seal what the rows hold at that moment.
                    // A second process that opened at the same time finds the task gone and
                    // seals nothing twice.
                    let mut keys = KeySet::default();
                    for place in $crate::store::sql::LEGACY_TEXT {
                        let found: Vec<(i64, Option<String>, i64, String)> =
                            sqlx::query_as(place.select).fetch_all(&self.pool).await?;
                        for (_, _, member, _) in found {
                            if !keys.contains(member) {
                                keys.insert(self.write_key(member).await?);
                            }
                        }
                    }
                    let mut tx = self.begin_write().await?;
                    let claimed =
                        sqlx::query("DELETE FROM store_tasks WHERE name = 'seal-plaintext'")
                            .execute(&mut *tx)
                            .await?;
                    if claimed.rows_affected() == 0 {
                        return Ok(());
                    }
                    let mut sealed = 0usize;
                    for place in $crate::store::sql::LEGACY_TEXT {
                        let found: Vec<(i64, Option<String>, i64, String)> =
                            sqlx::query_as(place.select).fetch_all(&mut *tx).await?;
                        for (id, text_key, member, text) in found {
                            let row = text_key.clone().unwrap_or_else(|| id.to_string());
                            let aad = $crate::store::sealing::Aad {
                                place: place.place,
                                row: &row,
                                member,
                            };
                            let value = keys.of(member, place.place)?.seal(aad, &text);
                            let update = sqlx::query(place.update).bind(value);
                            let update = match text_key {
                                Some(key) => update.bind(key),
                                None => update.bind(id),
                            };
                            update.execute(&mut *tx).await?;
                            sealed += 1;
                        }
                    }
                    tx.commit().await?;
                    if sealed > 0 {
                        tracing::info!(sealed, "sealed text written before encryption at rest");
                    }
                    Ok(())
                }
            }
        };
    };
}

/// A text column written before v8, to seal once: `select` yields (id, text key or NULL,
/// member, text) for rows that hold text; `update` takes the sealed value ($1) and the row's
/// key ($2: the text key where there is one, else the id).
pub(crate) struct LegacyText {
    pub place: &'static str,
    pub select: &'static str,
    pub update: &'static str,
}

/// Every column that holds what a member wrote, with how to find its member.
pub(crate) const LEGACY_TEXT: &[LegacyText] = &[
    LegacyText {
        place: "evidence.answers",
        select: "SELECT id, CAST(NULL AS TEXT), member, answers FROM evidence",
        update: "UPDATE evidence SET answers = $1 WHERE id = $2",
    },
    LegacyText {
        place: "evidence_revisions.answers",
        select: "SELECT r.id, CAST(NULL AS TEXT), e.member, r.answers FROM evidence_revisions r \
                 JOIN evidence e ON e.id = r.evidence_id",
        update: "UPDATE evidence_revisions SET answers = $1 WHERE id = $2",
    },
    LegacyText {
        place: "evidence_comments.body",
        select: "SELECT c.id, CAST(NULL AS TEXT), e.member, c.body FROM evidence_comments c \
                 JOIN evidence e ON e.id = c.evidence_id WHERE c.body IS NOT NULL",
        update: "UPDATE evidence_comments SET body = $1 WHERE id = $2",
    },
    LegacyText {
        place: "checkin_answers.note",
        select: "SELECT delivery_id, CAST(NULL AS TEXT), discord_id, note FROM checkin_answers \
                 WHERE note IS NOT NULL",
        update: "UPDATE checkin_answers SET note = $1 WHERE delivery_id = $2",
    },
    LegacyText {
        place: "cases.summary_learning",
        select: "SELECT id, CAST(NULL AS TEXT), lead, summary_learning FROM cases \
                 WHERE summary_learning IS NOT NULL",
        update: "UPDATE cases SET summary_learning = $1 WHERE id = $2",
    },
    LegacyText {
        place: "cases.summary_differently",
        select: "SELECT id, CAST(NULL AS TEXT), lead, summary_differently FROM cases \
                 WHERE summary_differently IS NOT NULL",
        update: "UPDATE cases SET summary_differently = $1 WHERE id = $2",
    },
    LegacyText {
        place: "cases.summary_questions",
        select: "SELECT id, CAST(NULL AS TEXT), lead, summary_questions FROM cases \
                 WHERE summary_questions IS NOT NULL",
        update: "UPDATE cases SET summary_questions = $1 WHERE id = $2",
    },
    LegacyText {
        place: "inbox.content",
        select: "SELECT message_id, event_key, author, content FROM inbox \
                 WHERE content IS NOT NULL",
        update: "UPDATE inbox SET content = $1 WHERE event_key = $2",
    },
];

pub(crate) use key_store;
