//! The statements a digest's facts are read with, as literals so the backends' `EXPLAIN` runs
//! the very same text. Each is narrowed to the supervisor's supervisees by the `supervision`
//! subquery, so the indexes on `(member, created_at)`, `(discord_id, sent_at)`, the shared
//! entries' partial index and `(discord_id, first_at)` do the work, and none reads all of
//! `evidence`.

/// The statements behind [`DigestStore::digest_facts`](crate::store::DigestStore), as
/// literals so the backends' `EXPLAIN` can run the very same text. Each binds `$1` supervisor,
/// `$2` one supervisee or NULL, then the period's bounds as it needs them.
macro_rules! facts_prompts_sql {
    () => {
        concat!(
            "SELECT d.discord_id, COUNT(*), \
            SUM(CASE WHEN d.status = 'answered' THEN 1 ELSE 0 END) \
            FROM deliveries d WHERE d.discord_id IN ",
            $crate::store::sql::supervisees_of!(),
            " AND d.sent_at >= $3 AND d.sent_at < $4 \
            AND d.kind IN ('scheduled', 'on_request', 'snoozed') \
            AND d.status <> 'snoozed' \
            GROUP BY d.discord_id"
        )
    };
}

macro_rules! facts_areas_sql {
    () => {
        concat!(
            "SELECT e.member, t.tag, COUNT(*), \
            SUM(CASE WHEN e.created_at >= $3 THEN 1 ELSE 0 END), \
            SUM(CASE WHEN e.created_at >= $5 THEN 1 ELSE 0 END) \
            FROM evidence e JOIN evidence_tags t ON t.evidence_id = e.id \
            WHERE e.member IN ",
            $crate::store::sql::supervisees_of!(),
            " AND e.created_at < $4 GROUP BY e.member, t.tag"
        )
    };
}

macro_rules! facts_shared_sql {
    ($group_concat:literal) => {
        concat!(
            "SELECT e.id, e.member, e.answers, COALESCE((SELECT ",
            $group_concat,
            "(g.tag, ',') FROM evidence_tags g WHERE g.evidence_id = e.id), '') AS tags, \
            e.shared_at, e.created_at, \
            (e.discuss_at IS NOT NULL AND NOT EXISTS \
            (SELECT 1 FROM evidence_comments c \
            WHERE c.evidence_id = e.id AND c.created_at >= e.discuss_at)) \
            AS awaiting \
            FROM evidence e WHERE e.shared = TRUE AND e.member IN ",
            $crate::store::sql::supervisees_of!(),
            " AND ((e.shared_at >= $3 AND e.shared_at < $4) \
            OR e.discuss_at IS NOT NULL) \
            ORDER BY e.member, e.shared_at DESC, e.id DESC"
        )
    };
}

macro_rules! facts_cases_sql {
    () => {
        concat!(
            "SELECT c.discord_id, \
            SUM(CASE WHEN c.first_at >= $3 THEN 1 ELSE 0 END), COUNT(*) \
            FROM case_contributors c WHERE c.discord_id IN ",
            $crate::store::sql::supervisees_of!(),
            " AND c.first_at < $4 GROUP BY c.discord_id"
        )
    };
}

macro_rules! facts_checkins_sql {
    () => {
        concat!(
            "SELECT w.discord_id, a.score FROM wellbeing_members w \
            LEFT JOIN checkin_answers a ON a.discord_id = w.discord_id \
            AND a.answered_at >= $3 AND a.answered_at < $4 \
            WHERE w.sharing = TRUE AND w.discord_id IN ",
            $crate::store::sql::supervisees_of!(),
            " ORDER BY w.discord_id, a.answered_at, a.delivery_id"
        )
    };
}

pub(crate) use {
    facts_areas_sql, facts_cases_sql, facts_checkins_sql, facts_prompts_sql, facts_shared_sql,
};
