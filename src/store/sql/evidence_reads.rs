//! The statements that read evidence entries back: one row per entry with its tags joined in,
//! so a list is one consistent statement rather than one query per entry.

/// Entries with their tag ids joined by commas, one row each; `$group_concat` is the backend's
/// name for the aggregate. Callers append WHERE / ORDER BY.
macro_rules! evidence_select {
    ($group_concat:literal) => {
        concat!(
            "SELECT e.id, e.member, e.source, e.prompt_id, e.prompt_text, e.answers, \
               COALESCE((SELECT ",
            $group_concat,
            "(t.tag, ',') FROM evidence_tags t \
                         WHERE t.evidence_id = e.id), '') AS tags, \
               e.shared, e.discuss_at IS NOT NULL AS discuss, e.follows_up, e.created_at, \
               e.updated_at \
             FROM evidence e"
        )
    };
}

/// The conditions of a listing, shared by its page and its count: $1 member, $2 since
/// (inclusive), $3 until (exclusive), $4 tag id; a NULL bound or tag does not filter.
macro_rules! evidence_filter {
    () => {
        " WHERE e.member = $1 \
           AND ($2 IS NULL OR e.created_at >= $2) \
           AND ($3 IS NULL OR e.created_at < $3) \
           AND ($4 IS NULL OR EXISTS (SELECT 1 FROM evidence_tags t \
                                      WHERE t.evidence_id = e.id AND t.tag = $4))"
    };
}

/// Defines, in the invoking module, the entry reads for the database `$db`: `count_matching`
/// and `page` (on an open transaction's connection, so both see one snapshot), and
/// `entry_by_id` and `entry_by_source` (on any executor). Answers are opened with `keys`, which
/// the caller fetched for `member` before it began.
macro_rules! evidence_reads {
    (db: $db:ty, group_concat: $group_concat:literal $(,)?) => {
        use $crate::domain::evidence::{EvidenceEntry, Tag};
        use $crate::store::rows::{EvidenceRecord, sql_limit};
        use $crate::store::sealing::KeySet;
        use $crate::store::sql::{evidence_filter, evidence_select};
        use $crate::store::{EvidenceFilter, StoreResult};

        type Connection = <$db as sqlx::Database>::Connection;

        /// How many of the member's entries match `filter`, ignoring its paging.
        pub(super) async fn count_matching(
            conn: &mut Connection,
            member: i64,
            filter: &EvidenceFilter,
        ) -> StoreResult<u32> {
            let sql = concat!("SELECT COUNT(*) FROM evidence e", evidence_filter!());
            let total: i64 = sqlx::query_scalar(sql)
                .bind(member)
                .bind(filter.since)
                .bind(filter.until)
                .bind(filter.tag.map(Tag::id))
                .fetch_one(conn)
                .await?;
            Ok(u32::try_from(total).unwrap_or(u32::MAX))
        }

        /// One page of the member's entries matching `filter`, newest first (by id among
        /// equals).
        pub(super) async fn page(
            conn: &mut Connection,
            keys: &KeySet,
            member: i64,
            filter: &EvidenceFilter,
        ) -> StoreResult<Vec<EvidenceEntry>> {
            let sql = concat!(
                evidence_select!($group_concat),
                evidence_filter!(),
                " ORDER BY e.created_at DESC, e.id DESC LIMIT $5 OFFSET $6"
            );
            let records: Vec<EvidenceRecord> = sqlx::query_as(sql)
                .bind(member)
                .bind(filter.since)
                .bind(filter.until)
                .bind(filter.tag.map(Tag::id))
                .bind(sql_limit(filter.limit))
                .bind(i64::from(filter.offset))
                .fetch_all(conn)
                .await?;
            records
                .into_iter()
                .map(|record| record.into_entry(keys))
                .collect()
        }

        /// The member's entry with this id.
        pub(super) async fn entry_by_id<'e>(
            db: impl sqlx::Executor<'e, Database = $db>,
            keys: &KeySet,
            member: i64,
            id: i64,
        ) -> StoreResult<Option<EvidenceEntry>> {
            let sql = concat!(
                evidence_select!($group_concat),
                " WHERE e.member = $1 AND e.id = $2"
            );
            let record: Option<EvidenceRecord> = sqlx::query_as(sql)
                .bind(member)
                .bind(id)
                .fetch_optional(db)
                .await?;
            record.map(|record| record.into_entry(keys)).transpose()
        }

        /// The member's entry recorded from `source_key`.
        pub(super) async fn entry_by_source<'e>(
            db: impl sqlx::Executor<'e, Database = $db>,
            keys: &KeySet,
            member: i64,
            source_key: &str,
        ) -> StoreResult<Option<EvidenceEntry>> {
            let sql = concat!(
                evidence_select!($group_concat),
                " WHERE e.member = $1 AND e.source_key = $2"
            );
            let record: Option<EvidenceRecord> = sqlx::query_as(sql)
                .bind(member)
                .bind(source_key)
                .fetch_optional(db)
                .await?;
            record.map(|record| record.into_entry(keys)).transpose()
        }
    };
}

pub(crate) use {evidence_filter, evidence_reads, evidence_select};
