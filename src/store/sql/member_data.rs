//! The reads behind a member's data export, the same on both backends. Each is one statement
//! scoped to the member (`WHERE … = $1`), so an export can only ever hold the caller's rows;
//! sealed text is opened with the member's key (a case summary with its lead's, who is then
//! the member).

/// Implements [`MemberDataStore`](crate::store::MemberDataStore) for `$store`.
macro_rules! member_data_store {
    (store: $store:ident) => {
        const _: () = {
            use std::collections::BTreeMap;

            use chrono::{DateTime, Utc};

            use $crate::domain::evidence::Answer;
            use $crate::domain::export::member_data::{
                CaseTaken, CheckinRecord, ConsentRecord, RosterDates,
            };
            use $crate::domain::inbox::InboundMessage;
            use $crate::domain::member::DiscordId;
            use $crate::domain::supervision::Comment;
            use $crate::store::rows::case::{CaseRecord, case_select};
            use $crate::store::rows::member_data::{CheckinRow, ConsentRow, EntryRevisionRow};
            use $crate::store::rows::supervision::{CommentRecord, comment_columns};
            use $crate::store::rows::{InboxRecord, db_id};
            use $crate::store::{MemberDataStore, StoreResult};

            #[async_trait::async_trait]
            impl MemberDataStore for $store {
                async fn roster_dates(
                    &self,
                    member: DiscordId,
                ) -> StoreResult<Option<RosterDates>> {
                    let found: Option<(DateTime<Utc>, Option<DateTime<Utc>>)> = sqlx::query_as(
                        "SELECT created_at, left_at FROM members WHERE discord_id = $1",
                    )
                    .bind(db_id(member)?)
                    .fetch_optional(&self.pool)
                    .await?;
                    Ok(found.map(|(added_at, left_at)| RosterDates { added_at, left_at }))
                }

                async fn revisions_of(
                    &self,
                    member: DiscordId,
                ) -> StoreResult<BTreeMap<i64, Vec<(DateTime<Utc>, Vec<Answer>)>>> {
                    let member = db_id(member)?;
                    let records: Vec<EntryRevisionRow> = sqlx::query_as(
                        "SELECT r.evidence_id, r.id, e.member, r.replaced_at, r.answers \
                         FROM evidence_revisions r JOIN evidence e ON e.id = r.evidence_id \
                         WHERE e.member = $1 ORDER BY r.evidence_id, r.replaced_at, r.id",
                    )
                    .bind(member)
                    .fetch_all(&self.pool)
                    .await?;
                    let keys = self.read_keys([member]).await?;
                    let mut revisions: BTreeMap<i64, Vec<_>> = BTreeMap::new();
                    for row in records {
                        revisions
                            .entry(row.evidence_id)
                            .or_default()
                            .push(row.revision.into_revision(&keys)?);
                    }
                    Ok(revisions)
                }

                async fn checkin_records(
                    &self,
                    member: DiscordId,
                ) -> StoreResult<Vec<CheckinRecord>> {
                    let member = db_id(member)?;
                    let rows: Vec<CheckinRow> = sqlx::query_as(
                        "SELECT delivery_id, discord_id, score, note, answered_at \
                         FROM checkin_answers WHERE discord_id = $1 \
                         ORDER BY answered_at, delivery_id",
                    )
                    .bind(member)
                    .fetch_all(&self.pool)
                    .await?;
                    let keys = self.read_keys([member]).await?;
                    rows.into_iter().map(|row| row.into_record(&keys)).collect()
                }

                async fn consent_records(
                    &self,
                    member: DiscordId,
                ) -> StoreResult<Vec<ConsentRecord>> {
                    let rows: Vec<ConsentRow> = sqlx::query_as(
                        "SELECT version, agreed_at, withdrawn_at FROM wellbeing_consents \
                         WHERE discord_id = $1 ORDER BY agreed_at, id",
                    )
                    .bind(db_id(member)?)
                    .fetch_all(&self.pool)
                    .await?;
                    Ok(rows.into_iter().map(ConsentRow::into_record).collect())
                }

                async fn cases_of(&self, member: DiscordId) -> StoreResult<Vec<CaseTaken>> {
                    let member = db_id(member)?;
                    let sql = concat!(
                        case_select!(),
                        " WHERE c.lead = $1 OR c.id IN \
                           (SELECT case_id FROM case_contributors WHERE discord_id = $1) \
                         ORDER BY c.opened_at, c.id"
                    );
                    let records: Vec<CaseRecord> = sqlx::query_as(sql)
                        .bind(member)
                        .fetch_all(&self.pool)
                        .await?;
                    let keys = self.read_keys([member]).await?;
                    records
                        .into_iter()
                        .map(|record| {
                            let led = record.lead() == member;
                            let record = if led {
                                record
                            } else {
                                record.without_summary()
                            };
                            Ok(CaseTaken {
                                case: record.into_case(&keys)?,
                                led,
                            })
                        })
                        .collect()
                }

                async fn comments_written_by(
                    &self,
                    author: DiscordId,
                ) -> StoreResult<Vec<Comment>> {
                    let sql = concat!(
                        "SELECT ",
                        comment_columns!(),
                        " WHERE c.author = $1 ORDER BY c.created_at, c.id"
                    );
                    let records: Vec<CommentRecord> = sqlx::query_as(sql)
                        .bind(db_id(author)?)
                        .fetch_all(&self.pool)
                        .await?;
                    let keys = self
                        .read_keys(records.iter().map(CommentRecord::owner))
                        .await?;
                    records
                        .into_iter()
                        .map(|record| record.into_comment(&keys))
                        .collect()
                }

                async fn held_messages(
                    &self,
                    member: DiscordId,
                ) -> StoreResult<Vec<InboundMessage>> {
                    let member = db_id(member)?;
                    let records: Vec<InboxRecord> = sqlx::query_as(
                        "SELECT event_key, message_id, channel_id, author, kind, content, \
                                reply_to, written_at, attempts \
                         FROM inbox WHERE author = $1 AND content IS NOT NULL \
                         ORDER BY received_at, event_key",
                    )
                    .bind(member)
                    .fetch_all(&self.pool)
                    .await?;
                    let keys = self.read_keys([member]).await?;
                    records
                        .into_iter()
                        .map(|record| Ok(record.into_item(&keys)?.message))
                        .collect()
                }
            }
        };
    };
}

pub(crate) use member_data_store;
