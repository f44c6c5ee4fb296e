//! The roster statements behind the members part of the store; each takes an executor, so one
//! body serves both a pool (reads) and an open transaction (writes).

/// Members with their roles, team and supervisors, one row each: a single statement, so one
/// consistent snapshot without a read transaction. Callers append WHERE / ORDER BY.
///
/// `$group_concat` is the backend's name for the string aggregate, and `$as_text` what makes
/// a supervisor id text for it (`::text` on PostgreSQL, nothing on SQLite).
macro_rules! member_select {
    ($group_concat:literal, $as_text:literal) => {
        concat!(
            "SELECT m.discord_id, m.display_name, m.profession, m.timezone, m.status, \
               COALESCE((SELECT ",
            $group_concat,
            "(r.role, ',') FROM member_roles r \
                         WHERE r.discord_id = m.discord_id), '') AS roles, \
               t.name AS team, \
               COALESCE((SELECT ",
            $group_concat,
            "(s.supervisor_id",
            $as_text,
            ", ',') FROM supervision s \
                         WHERE s.trainee_id = m.discord_id), '') AS supervisors \
             FROM members m \
             LEFT JOIN team_members tm ON tm.discord_id = m.discord_id \
             LEFT JOIN teams t ON t.id = tm.team_id"
        )
    };
}

/// Defines, in the invoking module, the roster statements for the database `$db`:
/// `members_where_id_in`, `load_roster`, `write_member` and
/// `write_supervision`. The dialect literals are [`member_select!`]'s.
macro_rules! roster_queries {
    (db: $db:ty, group_concat: $group_concat:literal, as_text: $as_text:literal $(,)?) => {
        use chrono::{DateTime, Utc};

        use $crate::domain::member::{DiscordId, Member};
        use $crate::domain::roster::{RosterEntry, RosterRow};
        use $crate::store::rows::{MemberRecord, db_id};
        use $crate::store::StoreResult;

        type Connection = <$db as sqlx::Database>::Connection;

        /// The members `sql` (a `member_select!` with a WHERE on `$1`) selects for `id`.
        pub(super) async fn members_where_id_in<'e>(
            db: impl sqlx::Executor<'e, Database = $db>,
            sql: &'static str,
            id: DiscordId,
        ) -> StoreResult<Vec<Member>> {
            let records: Vec<MemberRecord> =
                sqlx::query_as(sql).bind(db_id(id)?).fetch_all(db).await?;
            records.into_iter().map(MemberRecord::into_member).collect()
        }

        /// Every member with their team and supervisors, by id.
        pub(super) async fn load_roster<'e>(
            db: impl sqlx::Executor<'e, Database = $db>,
        ) -> StoreResult<Vec<RosterEntry>> {
            let sql = concat!(
                $crate::store::sql::member_select!($group_concat, $as_text),
                " ORDER BY m.discord_id"
            );
            let records: Vec<MemberRecord> = sqlx::query_as(sql).fetch_all(db).await?;
            records.into_iter().map(MemberRecord::into_entry).collect()
        }

        /// Writes a member's own columns, roles and team exactly as the row says.
        pub(super) async fn write_member(
            conn: &mut Connection,
            row: &RosterRow,
            at: DateTime<Utc>,
        ) -> StoreResult<()> {
            let id = db_id(row.discord_id)?;
            sqlx::query(
                "INSERT INTO members (discord_id, display_name, profession, timezone, status, \
                                      created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, 'active', $5, $5) \
                 ON CONFLICT (discord_id) DO UPDATE SET display_name = excluded.display_name, \
                   profession = excluded.profession, timezone = excluded.timezone, \
                   updated_at = excluded.updated_at",
            )
            .bind(id)
            .bind(&row.display_name)
            .bind(row.profession.slug())
            .bind(row.timezone.name())
            .bind(at)
            .execute(&mut *conn)
            .await?;
            sqlx::query("DELETE FROM member_roles WHERE discord_id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
            for role in &row.roles {
                sqlx::query("INSERT INTO member_roles (discord_id, role) VALUES ($1, $2)")
                    .bind(id)
                    .bind(role.slug())
                    .execute(&mut *conn)
                    .await?;
            }
            sqlx::query("DELETE FROM team_members WHERE discord_id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
            if let Some(team) = &row.team {
                sqlx::query(
                    "INSERT INTO teams (name, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                )
                .bind(team)
                .bind(at)
                .execute(&mut *conn)
                .await?;
                sqlx::query(
                    "INSERT INTO team_members (discord_id, team_id) \
                     SELECT $1, id FROM teams WHERE name = $2",
                )
                .bind(id)
                .bind(team)
                .execute(&mut *conn)
                .await?;
            }
            Ok(())
        }

        /// Replaces the member's supervision links with the row's supervisor (if any).
        pub(super) async fn write_supervision(
            conn: &mut Connection,
            row: &RosterRow,
        ) -> StoreResult<()> {
            let id = db_id(row.discord_id)?;
            sqlx::query("DELETE FROM supervision WHERE trainee_id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
            if let Some(supervisor) = row.supervisor {
                sqlx::query("INSERT INTO supervision (supervisor_id, trainee_id) VALUES ($1, $2)")
                    .bind(db_id(supervisor)?)
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
            }
            Ok(())
        }
    };
}

pub(crate) use {member_select, roster_queries};
