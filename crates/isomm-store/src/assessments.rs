//! The assessment side of the store (assessments, respondents, answers), written once for both
//! backends: the writes in [`assessments_impl!`], expanded for each backend's pool like
//! [`crate::accounts`]'s, and the reads in the constants below, which each backend runs its own
//! way (SQLite on read-only rusqlite connections, binding `$N` by name; PostgreSQL through its
//! pool). Both schemas are the same tables and sqlx numbers parameters `$N` on both.
//!
//! What each backend keeps: how a writing transaction starts (`write()`) and whether a read locks
//! the rows a write then changes (`LOCK_ROWS`), how many answers one insert carries
//! (`ANSWERS_PER_INSERT`, under the backend's bound on parameters), how it reads (`load`,
//! `read_list`, `read_revision`, `read_session_user`, `read_assessment_access`) and how autosaves
//! are written (`saves.save`: SQLite's writer thread, PostgreSQL's batches).

/// An assessment's own row.
pub(crate) const ASSESSMENT: &str =
    "SELECT model, organization, title, date, current_pattern, target_pattern,
 target_level, plan_size, plan_min_gap_tenths, revision, created_at, workspace_id, deadline
 FROM assessments WHERE id = $1";

/// An assessment's roles whose area differs from the catalog's.
pub(crate) const AREAS: &str = "SELECT role, area FROM area_overrides WHERE assessment_id = $1";

/// An assessment's respondents in id order: every one, or only `$2` when it is not NULL.
pub(crate) const RESPONDENTS: &str =
    "SELECT id, name, position, submitted_at IS NOT NULL AS submitted FROM respondents
 WHERE assessment_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR id = $2) ORDER BY id";

/// The answers of those respondents.
pub(crate) const ANSWERS: &str =
    "SELECT x.respondent_id, x.role, x.insource, x.outsource, x.note FROM answers x
 JOIN respondents r ON r.id = x.respondent_id
 WHERE r.assessment_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR r.id = $2)";

/// The current revision of an assessment.
pub(crate) const REVISION: &str = "SELECT revision FROM assessments WHERE id = $1";

/// A page of a workspace's assessments (`$3`), newest first, older than `$1`: `$2` rows (the
/// page's size and one more, to know whether there is a next page), each with how many sheets
/// are submitted (counted on the respondents' index).
pub(crate) const LIST_IN: &str =
    "SELECT id, organization, title, date, current_pattern, target_pattern, respondent_count,
        answered_count, overall, overall_revision, revision, created_at, deadline,
        (SELECT COUNT(*) FROM respondents r WHERE r.assessment_id = assessments.id
           AND r.submitted_at IS NOT NULL) AS submitted_count
 FROM assessments WHERE workspace_id = $3 AND id < $1 ORDER BY id DESC LIMIT $2";

/// The same for the assessments made before accounts existed (no `$3`).
pub(crate) const LIST_UNASSIGNED: &str =
    "SELECT id, organization, title, date, current_pattern, target_pattern, respondent_count,
        answered_count, overall, overall_revision, revision, created_at, deadline,
        (SELECT COUNT(*) FROM respondents r WHERE r.assessment_id = assessments.id
           AND r.submitted_at IS NOT NULL) AS submitted_count
 FROM assessments WHERE workspace_id IS NULL AND id < $1 ORDER BY id DESC LIMIT $2";

/// The [`crate::Store`] implementation for a backend (`$store`, on the sqlx database `$db`) that
/// provides what the module's docs list: the same statements for SQLite and PostgreSQL.
macro_rules! assessments_impl {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Reads an assessment's counters (respondents, characters of text) and locks its row
            /// for the rest of the transaction (on SQLite the writing transaction holds the whole
            /// database already). `None` when there is no such assessment.
            async fn lock_assessment(
                tx: &mut sqlx::Transaction<'_, $db>,
                id: $crate::Id,
            ) -> Result<Option<(i64, i64)>, $crate::StoreError> {
                let statement = format!(
                    "SELECT respondent_count, text_chars FROM assessments WHERE id = $1{}",
                    <$store>::LOCK_ROWS
                );
                Ok(sqlx::query_as(&statement)
                    .bind(id)
                    .fetch_optional(&mut **tx)
                    .await?)
            }

            /// Replaces an assessment's area overrides.
            async fn write_areas(
                tx: &mut sqlx::Transaction<'_, $db>,
                id: $crate::Id,
                areas: &std::collections::BTreeMap<String, isomm_core::Area>,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM area_overrides WHERE assessment_id = $1")
                    .bind(id)
                    .execute(&mut **tx)
                    .await?;
                for (role, area) in areas {
                    sqlx::query(
                        "INSERT INTO area_overrides (assessment_id, role, area) VALUES ($1, $2, $3)",
                    )
                    .bind(id)
                    .bind(role)
                    .bind(area.as_str())
                    .execute(&mut **tx)
                    .await?;
                }
                Ok(())
            }

            /// Inserts an assessment: the first round of a new series, or (`round`: its series and
            /// the round it starts from) the next round of one.
            async fn insert_assessment(
                tx: &mut sqlx::Transaction<'_, $db>,
                model: &str,
                f: &$crate::AssessmentFields,
                t: i64,
            ) -> Result<$crate::Id, $crate::StoreError> {
                let series: $crate::Id = sqlx::query_scalar(
                    "INSERT INTO series (workspace_id, created_at) VALUES ($1, $2) RETURNING id",
                )
                .bind(f.workspace)
                .bind(t)
                .fetch_one(&mut **tx)
                .await?;
                Self::insert_round(tx, model, f, t, series, None).await
            }

            /// Carries the open plan items of round `from` into round `to`: the same key and
            /// fields, each pointing at the item it continues. Done items stay in `from` (the
            /// next round's plan page shows them, verified); items decided against stay too.
            async fn carry_items(
                tx: &mut sqlx::Transaction<'_, $db>,
                from: $crate::Id,
                to: $crate::Id,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO plan_items (assessment_id, key, rank, action, title, owner, due, status, reason,
                       target_level, level_at_start, evidence, note, carried_from, created_at, updated_at)
                     SELECT $1, key, rank, action, title, owner, due, status, reason, target_level, level_at_start,
                       evidence, note, id, $3, $3
                     FROM plan_items WHERE assessment_id = $2 AND status IN ('todo', 'in_progress', 'on_hold')
                     ORDER BY id",
                )
                .bind(to)
                .bind(from)
                .bind($crate::items::now_ms())
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            /// The round a next round starts from, locked (two starts from one round cannot
            /// both win): its model, series and workspace; or why no round starts from it.
            #[allow(clippy::type_complexity)]
            async fn lock_open_round(
                tx: &mut sqlx::Transaction<'_, $db>,
                from: $crate::Id,
            ) -> Result<
                Result<(String, $crate::Id, Option<$crate::Id>), $crate::NextRound>,
                $crate::StoreError,
            > {
                let statement = format!(
                    "SELECT model, series_id, closed_at, workspace_id FROM assessments WHERE id = $1{}",
                    <$store>::LOCK_ROWS
                );
                let row: Option<(String, $crate::Id, Option<i64>, Option<$crate::Id>)> =
                    sqlx::query_as(&statement)
                        .bind(from)
                        .fetch_optional(&mut **tx)
                        .await?;
                Ok(match row {
                    None => Err($crate::NextRound::NoAssessment),
                    Some((_, _, Some(_), _)) => Err($crate::NextRound::AlreadyClosed),
                    Some((model, series, None, workspace)) => Ok((model, series, workspace)),
                })
            }

            /// Closes round `from`, keeping `close`.
            async fn close_round(
                tx: &mut sqlx::Transaction<'_, $db>,
                from: $crate::Id,
                close: &$crate::ClosedRound,
                t: i64,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "UPDATE assessments SET closed_at = $1, closed_result = $2, closed_counting = $3, model_hash = $4,
                     revision = revision + 1, updated_at = $1 WHERE id = $5",
                )
                .bind(t)
                .bind(&close.result)
                .bind(close.counting.as_str())
                .bind(&close.model_hash)
                .bind(from)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            /// Inserts a whole parsed assessment (an imported file) with its respondents, each
            /// submitted, and their answers: a series of its own, or the round after `after`
            /// (round, series) in that series.
            async fn insert_imported(
                tx: &mut sqlx::Transaction<'_, $db>,
                workspace: Option<$crate::Id>,
                catalog: &isomm_core::Catalog,
                a: &isomm_core::answers::Assessment,
                t: i64,
                after: Option<($crate::Id, $crate::Id)>,
            ) -> Result<$crate::Id, $crate::StoreError> {
                let fields = $crate::AssessmentFields::of(catalog, a, workspace);
                let id = match after {
                    None => Self::insert_assessment(tx, &a.model, &fields, t).await?,
                    Some((from, series)) => {
                        Self::insert_round(tx, &a.model, &fields, t, series, Some(from)).await?
                    }
                };
                let (mut answered, mut text) = (0i64, 0i64);
                for r in &a.respondents {
                    // A respondent of an imported file arrives complete: submitted.
                    let rid: $crate::Id = sqlx::query_scalar(
                        "INSERT INTO respondents (assessment_id, name, position, created_at, submitted_at)
                         VALUES ($1, $2, $3, $4, $4) RETURNING id",
                    )
                    .bind(id)
                    .bind(&r.name)
                    .bind(r.position.as_str())
                    .bind(t)
                    .fetch_one(&mut **tx)
                    .await?;
                    let kept: Vec<(&str, &isomm_core::answers::Answer)> = catalog
                        .roles()
                        .iter()
                        .map(|role| role.id.as_str())
                        .zip(&r.answers)
                        .filter(|(_, x)| x.is_answered() || x.note.is_some())
                        .collect();
                    Self::insert_answers(tx, rid, &kept, t).await?;
                    answered += r.answered() as i64;
                    text += $crate::chars(&r.name)
                        + r.answers
                            .iter()
                            .filter_map(|x| x.note.as_deref())
                            .map($crate::chars)
                            .sum::<i64>();
                }
                Self::touch(tx, id, a.respondents.len() as i64, answered, text, t).await?;
                Ok(id)
            }

            async fn insert_round(
                tx: &mut sqlx::Transaction<'_, $db>,
                model: &str,
                f: &$crate::AssessmentFields,
                t: i64,
                series: $crate::Id,
                started_from: Option<$crate::Id>,
            ) -> Result<$crate::Id, $crate::StoreError> {
                let id: $crate::Id = sqlx::query_scalar(
                    "INSERT INTO assessments (model, organization, title, date, current_pattern, target_pattern, target_level, plan_size, plan_min_gap_tenths, created_at, updated_at, workspace_id, deadline, series_id, started_from)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14) RETURNING id",
                )
                .bind(model)
                .bind(&f.organization)
                .bind(&f.title)
                .bind(&f.date)
                .bind(&f.current_pattern)
                .bind(&f.target_pattern)
                .bind(i64::from(f.target_level))
                .bind(f.plan.size() as i64)
                .bind(i64::from(f.plan.min_gap_tenths()))
                .bind(t)
                .bind(f.workspace)
                .bind(&f.deadline)
                .bind(series)
                .bind(started_from)
                .fetch_one(&mut **tx)
                .await?;
                Self::write_areas(tx, id, &f.areas).await?;
                Ok(id)
            }

            /// Inserts the answers of a new respondent (none of them empty), many rows per
            /// statement.
            async fn insert_answers(
                tx: &mut sqlx::Transaction<'_, $db>,
                respondent: $crate::Id,
                answers: &[(&str, &isomm_core::answers::Answer)],
                t: i64,
            ) -> Result<(), $crate::StoreError> {
                for chunk in answers.chunks(<$store>::ANSWERS_PER_INSERT) {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO answers (respondent_id, role, insource, outsource, note, updated_at) ",
                    );
                    q.push_values(chunk, |mut b, (role, a)| {
                        b.push_bind(respondent)
                            .push_bind(*role)
                            .push_bind(a.insource.map(|l| i64::from(l.get())))
                            .push_bind(a.outsource.map(|l| i64::from(l.get())))
                            .push_bind(a.note.clone())
                            .push_bind(t);
                    });
                    q.build().execute(&mut **tx).await?;
                }
                Ok(())
            }

            /// Bumps an assessment's revision and adds to its counters.
            async fn touch(
                tx: &mut sqlx::Transaction<'_, $db>,
                id: $crate::Id,
                respondents: i64,
                answered: i64,
                text: i64,
                t: i64,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "UPDATE assessments SET revision = revision + 1, updated_at = $1, respondent_count = respondent_count + $2,
                     answered_count = answered_count + $3, text_chars = text_chars + $4 WHERE id = $5",
                )
                .bind(t)
                .bind(respondents)
                .bind(answered)
                .bind(text)
                .bind(id)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::Store for $store {
            async fn ping(&self) -> Result<(), $crate::StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn list_assessments(
                &self,
                workspace: Option<$crate::Id>,
                before: Option<$crate::Id>,
                limit: u32,
            ) -> Result<$crate::AssessmentPage, $crate::StoreError> {
                self.read_list(workspace, before, limit).await
            }

            async fn create_assessment(
                &self,
                model: &str,
                fields: &$crate::AssessmentFields,
            ) -> Result<$crate::Id, $crate::StoreError> {
                let mut tx = self.write().await?;
                let id = Self::insert_assessment(&mut tx, model, fields, $crate::accounts::now())
                    .await?;
                tx.commit().await?;
                Ok(id)
            }

            async fn start_next_round(
                &self,
                from: $crate::Id,
                next: &$crate::AssessmentFields,
                close: &$crate::ClosedRound,
                drafts: bool,
            ) -> Result<$crate::NextRound, $crate::StoreError> {
                let mut tx = self.write().await?;
                let t = $crate::accounts::now();
                let (model, series, _) = match Self::lock_open_round(&mut tx, from).await? {
                    Ok(round) => round,
                    Err(refused) => return Ok(refused),
                };
                Self::close_round(&mut tx, from, close, t).await?;
                let id = Self::insert_round(&mut tx, &model, next, t, series, Some(from)).await?;
                // The same people, each to answer again (a new private link is the caller's).
                let people: Vec<($crate::Id, String, String, Option<i64>)> = sqlx::query_as(
                    "SELECT id, name, position, submitted_at FROM respondents WHERE assessment_id = $1 ORDER BY id",
                )
                .bind(from)
                .fetch_all(&mut *tx)
                .await?;
                let mut respondents = Vec::with_capacity(people.len());
                let mut chars = 0i64;
                for (earlier, name, position, submitted_at) in &people {
                    let rid: $crate::Id = sqlx::query_scalar(
                        "INSERT INTO respondents (assessment_id, name, position, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                    )
                    .bind(id)
                    .bind(name)
                    .bind(position)
                    .bind(t)
                    .fetch_one(&mut *tx)
                    .await?;
                    // Their own answers as the round counted them become drafts (前回値): a sheet
                    // the round did not count offers none.
                    let counted = submitted_at.is_some() || close.counting == $crate::Counting::All;
                    if drafts && counted {
                        sqlx::query(
                            "INSERT INTO drafts (respondent_id, role, insource, outsource, note)
                             SELECT $1, role, insource, outsource, note FROM answers WHERE respondent_id = $2",
                        )
                        .bind(rid)
                        .bind(earlier)
                        .execute(&mut *tx)
                        .await?;
                    }
                    respondents.push(rid);
                    chars += $crate::chars(name);
                }
                Self::touch(&mut tx, id, people.len() as i64, 0, chars, t).await?;
                Self::carry_items(&mut tx, from, id).await?;
                tx.commit().await?;
                Ok($crate::NextRound::Started { id, respondents })
            }

            async fn reopen_round(&self, id: $crate::Id) -> Result<bool, $crate::StoreError> {
                let mut tx = self.write().await?;
                let done = sqlx::query(
                    "UPDATE assessments SET closed_at = NULL, closed_result = NULL, closed_counting = NULL,
                     model_hash = NULL, revision = revision + 1, updated_at = $1
                     WHERE id = $2 AND closed_at IS NOT NULL",
                )
                .bind($crate::accounts::now())
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                tx.commit().await?;
                Ok(done > 0)
            }

            async fn round_state(
                &self,
                id: $crate::Id,
            ) -> Result<Option<$crate::RoundState>, $crate::StoreError> {
                let row: Option<($crate::Id, Option<$crate::Id>, Option<i64>)> = sqlx::query_as(
                    "SELECT series_id, started_from, closed_at FROM assessments WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|(series, started_from, closed_at)| $crate::RoundState {
                    series,
                    started_from,
                    closed_at,
                }))
            }

            async fn closed_result(
                &self,
                id: $crate::Id,
            ) -> Result<Option<$crate::ClosedRound>, $crate::StoreError> {
                let row: Option<(Option<String>, Option<String>, Option<String>)> =
                    sqlx::query_as(
                        "SELECT closed_result, closed_counting, model_hash FROM assessments WHERE id = $1",
                    )
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.and_then(|(result, counting, hash)| {
                    Some($crate::ClosedRound {
                        result: result?,
                        counting: $crate::Counting::parse(&counting?)?,
                        model_hash: hash.unwrap_or_default(),
                    })
                }))
            }

            async fn series_workspace(
                &self,
                series: $crate::Id,
            ) -> Result<Option<Option<$crate::Id>>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT workspace_id FROM series WHERE id = $1")
                    .bind(series)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn series_rounds(
                &self,
                series: $crate::Id,
            ) -> Result<Vec<$crate::SeriesRound>, $crate::StoreError> {
                let rows: Vec<($crate::Id, String, Option<String>, Option<$crate::Id>, Option<i64>, i64)> =
                    sqlx::query_as(
                        "SELECT id, title, date, started_from, closed_at, created_at FROM assessments
                         WHERE series_id = $1 ORDER BY date IS NULL, date, id",
                    )
                    .bind(series)
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, title, date, started_from, closed_at, created_at)| {
                        $crate::SeriesRound {
                            id,
                            title,
                            date,
                            started_from,
                            closed_at,
                            created_at,
                        }
                    })
                    .collect())
            }

            async fn update_assessment(
                &self,
                id: $crate::Id,
                f: &$crate::AssessmentFields,
            ) -> Result<bool, $crate::StoreError> {
                let mut tx = self.write().await?;
                // On PostgreSQL this locks the assessment's row, the first the transaction locks.
                let updated = sqlx::query(
                    "UPDATE assessments SET organization = $1, title = $2, date = $3, current_pattern = $4, target_pattern = $5,
                     target_level = $6, plan_size = $7, plan_min_gap_tenths = $8, updated_at = $9, revision = revision + 1,
                     deadline = $11 WHERE id = $10",
                )
                .bind(&f.organization)
                .bind(&f.title)
                .bind(&f.date)
                .bind(&f.current_pattern)
                .bind(&f.target_pattern)
                .bind(i64::from(f.target_level))
                .bind(f.plan.size() as i64)
                .bind(i64::from(f.plan.min_gap_tenths()))
                .bind($crate::accounts::now())
                .bind(id)
                .bind(&f.deadline)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if updated == 0 {
                    return Ok(false);
                }
                Self::write_areas(&mut tx, id, &f.areas).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn delete_assessment(&self, id: $crate::Id) -> Result<bool, $crate::StoreError> {
                let mut tx = self.write().await?;
                let series: Option<Option<$crate::Id>> =
                    sqlx::query_scalar("SELECT series_id FROM assessments WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await?;
                let deleted = sqlx::query("DELETE FROM assessments WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                // A series goes with its last round.
                if let Some(Some(series)) = series {
                    sqlx::query(
                        "DELETE FROM series WHERE id = $1
                         AND NOT EXISTS (SELECT 1 FROM assessments WHERE series_id = $1)",
                    )
                    .bind(series)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(deleted > 0)
            }

            async fn assessment(
                &self,
                id: $crate::Id,
            ) -> Result<Option<$crate::StoredAssessment>, $crate::StoreError> {
                self.load(id, None).await
            }

            async fn with_respondent(
                &self,
                assessment: $crate::Id,
                respondent: $crate::Id,
            ) -> Result<Option<$crate::StoredAssessment>, $crate::StoreError> {
                Ok(self
                    .load(assessment, Some(respondent))
                    .await?
                    .filter(|a| !a.respondents.is_empty()))
            }

            async fn revision(
                &self,
                id: $crate::Id,
            ) -> Result<Option<$crate::Revision>, $crate::StoreError> {
                self.read_revision(id).await
            }

            async fn session_user(
                &self,
                id_hash: &[u8],
                now: i64,
            ) -> Result<Option<(String, $crate::accounts::User)>, $crate::StoreError> {
                self.read_session_user(id_hash, now).await
            }

            async fn assessment_access(
                &self,
                assessment: $crate::Id,
                user: $crate::Id,
            ) -> Result<Option<$crate::AssessmentAccess>, $crate::StoreError> {
                self.read_assessment_access(assessment, user).await
            }

            async fn add_respondent(
                &self,
                assessment: $crate::Id,
                name: &str,
                position: isomm_core::answers::Position,
                limits: &isomm_core::Limits,
            ) -> Result<$crate::Added, $crate::StoreError> {
                let mut tx = self.write().await?;
                let t = $crate::accounts::now();
                let Some((count, text)) = Self::lock_assessment(&mut tx, assessment).await? else {
                    return Ok($crate::Added::NoAssessment);
                };
                if count >= limits.max_respondents as i64
                    || $crate::over_text_bound(text, $crate::chars(name))
                {
                    return Ok($crate::Added::Full);
                }
                // The assessment's row is locked: no other writer adds a respondent meanwhile, and
                // the unique constraint answers for the name.
                let id: Option<$crate::Id> = sqlx::query_scalar(
                    "INSERT INTO respondents (assessment_id, name, position, created_at) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (assessment_id, name) DO NOTHING RETURNING id",
                )
                .bind(assessment)
                .bind(name)
                .bind(position.as_str())
                .bind(t)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = id else {
                    return Ok($crate::Added::NameTaken);
                };
                Self::touch(&mut tx, assessment, 1, 0, $crate::chars(name), t).await?;
                tx.commit().await?;
                Ok($crate::Added::Respondent(id))
            }

            async fn add_respondents(
                &self,
                assessment: $crate::Id,
                list: &[isomm_core::roster::NewRespondent],
                limits: &isomm_core::Limits,
            ) -> Result<$crate::AddedMany, $crate::StoreError> {
                let mut tx = self.write().await?;
                let t = $crate::accounts::now();
                let Some((count, text)) = Self::lock_assessment(&mut tx, assessment).await? else {
                    return Ok($crate::AddedMany::NoAssessment);
                };
                let chars: i64 = list.iter().map(|r| $crate::chars(&r.name)).sum();
                let added = i64::try_from(list.len()).unwrap_or(i64::MAX);
                if count.saturating_add(added) > limits.max_respondents as i64
                    || $crate::over_text_bound(text, chars)
                {
                    return Ok($crate::AddedMany::Full);
                }
                // The assessment's row is locked; a name already there makes nothing of the list
                // count (the transaction is dropped, not committed).
                let mut ids = Vec::with_capacity(list.len());
                let mut taken = Vec::new();
                for (i, r) in list.iter().enumerate() {
                    let id: Option<$crate::Id> = sqlx::query_scalar(
                        "INSERT INTO respondents (assessment_id, name, position, created_at) VALUES ($1, $2, $3, $4)
                         ON CONFLICT (assessment_id, name) DO NOTHING RETURNING id",
                    )
                    .bind(assessment)
                    .bind(&r.name)
                    .bind(r.position.as_str())
                    .bind(t)
                    .fetch_optional(&mut *tx)
                    .await?;
                    match id {
                        Some(id) => ids.push(id),
                        None => taken.push(i),
                    }
                }
                if !taken.is_empty() {
                    return Ok($crate::AddedMany::NamesTaken(taken));
                }
                Self::touch(&mut tx, assessment, added, 0, chars, t).await?;
                tx.commit().await?;
                Ok($crate::AddedMany::Respondents(ids))
            }

            async fn remove_respondent(
                &self,
                assessment: $crate::Id,
                respondent: $crate::Id,
            ) -> Result<bool, $crate::StoreError> {
                let mut tx = self.write().await?;
                // The respondent's row first, then the assessment's: the order a save takes them in.
                let statement = format!(
                    "SELECT name FROM respondents WHERE id = $1 AND assessment_id = $2{}",
                    <$store>::LOCK_ROWS
                );
                let Some(name) = sqlx::query_scalar::<_, String>(&statement)
                    .bind(respondent)
                    .bind(assessment)
                    .fetch_optional(&mut *tx)
                    .await?
                else {
                    return Ok(false);
                };
                if Self::lock_assessment(&mut tx, assessment).await?.is_none() {
                    return Ok(false);
                }
                // Characters are counted here, as they were when added (SQLite's LENGTH stops at
                // a NUL).
                let rows: Vec<(Option<String>, Option<i64>, Option<i64>)> = sqlx::query_as(
                    "SELECT note, insource, outsource FROM answers WHERE respondent_id = $1",
                )
                .bind(respondent)
                .fetch_all(&mut *tx)
                .await?;
                let mut answered = 0;
                let mut text = $crate::chars(&name);
                for (note, insource, outsource) in &rows {
                    answered += i64::from(insource.is_some() || outsource.is_some());
                    text += note.as_deref().map_or(0, $crate::chars);
                }
                sqlx::query("DELETE FROM respondents WHERE id = $1")
                    .bind(respondent)
                    .execute(&mut *tx)
                    .await?;
                Self::touch(&mut tx, assessment, -1, -answered, -text, $crate::accounts::now())
                    .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn drafts(
                &self,
                assessment: $crate::Id,
                respondent: $crate::Id,
            ) -> Result<Vec<$crate::Draft>, $crate::StoreError> {
                let rows: Vec<(String, Option<i64>, Option<i64>, Option<String>, i64)> =
                    sqlx::query_as(
                        "SELECT d.role, d.insource, d.outsource, d.note, d.cleared FROM drafts d
                         JOIN respondents r ON r.id = d.respondent_id
                         WHERE d.respondent_id = $1 AND r.assessment_id = $2 ORDER BY d.role",
                    )
                    .bind(respondent)
                    .bind(assessment)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter()
                    .map(|(role, insource, outsource, note, cleared)| {
                        Ok($crate::Draft {
                            role,
                            answer: isomm_core::answers::Answer {
                                insource: $crate::level(insource)?,
                                outsource: $crate::level(outsource)?,
                                note,
                            },
                            cleared: cleared != 0,
                        })
                    })
                    .collect()
            }

            async fn clear_draft(
                &self,
                assessment: $crate::Id,
                respondent: $crate::Id,
                role: &str,
            ) -> Result<bool, $crate::StoreError> {
                let mut tx = self.write().await?;
                let done = sqlx::query(
                    "UPDATE drafts SET cleared = 1 WHERE respondent_id = $1 AND role = $2
                     AND EXISTS (SELECT 1 FROM respondents r WHERE r.id = $1 AND r.assessment_id = $3)",
                )
                .bind(respondent)
                .bind(role)
                .bind(assessment)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                tx.commit().await?;
                Ok(done > 0)
            }

            async fn save_answers(
                &self,
                assessment: $crate::Id,
                respondent: $crate::Id,
                answers: &[(String, isomm_core::answers::Answer)],
                edit: $crate::Edit<'_>,
            ) -> Result<$crate::Saved, $crate::StoreError> {
                self.saves
                    .save(assessment, respondent, answers.to_vec(), edit)
                    .await
            }

            async fn import(
                &self,
                workspace: Option<$crate::Id>,
                catalog: &isomm_core::Catalog,
                a: &isomm_core::answers::Assessment,
            ) -> Result<$crate::Id, $crate::StoreError> {
                let mut tx = self.write().await?;
                let t = $crate::accounts::now();
                let id = Self::insert_imported(&mut tx, workspace, catalog, a, t, None).await?;
                tx.commit().await?;
                Ok(id)
            }

            async fn import_next_round(
                &self,
                from: $crate::Id,
                catalog: &isomm_core::Catalog,
                a: &isomm_core::answers::Assessment,
                close: &$crate::ClosedRound,
            ) -> Result<$crate::NextRound, $crate::StoreError> {
                let mut tx = self.write().await?;
                let t = $crate::accounts::now();
                let (_, series, workspace) = match Self::lock_open_round(&mut tx, from).await? {
                    Ok(round) => round,
                    Err(refused) => return Ok(refused),
                };
                Self::close_round(&mut tx, from, close, t).await?;
                let id =
                    Self::insert_imported(&mut tx, workspace, catalog, a, t, Some((from, series)))
                        .await?;
                Self::carry_items(&mut tx, from, id).await?;
                tx.commit().await?;
                Ok($crate::NextRound::Started {
                    id,
                    respondents: Vec::new(),
                })
            }

            async fn record_overall(
                &self,
                id: $crate::Id,
                revision: $crate::Revision,
                overall: Option<f64>,
            ) -> Result<(), $crate::StoreError> {
                // Not a change of the assessment: the revision stays as it is.
                sqlx::query(
                    "UPDATE assessments SET overall = $1, overall_revision = $2 WHERE id = $3 AND revision = $2",
                )
                .bind(overall)
                .bind(revision)
                .bind(id)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn secret(
                &self,
                name: &str,
                make: fn() -> Vec<u8>,
            ) -> Result<Vec<u8>, $crate::StoreError> {
                let mut tx = self.write().await?;
                sqlx::query(
                    "INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
                )
                .bind(name)
                .bind(make())
                .execute(&mut *tx)
                .await?;
                let value: Vec<u8> =
                    sqlx::query_scalar("SELECT value FROM secrets WHERE name = $1")
                        .bind(name)
                        .fetch_one(&mut *tx)
                        .await?;
                tx.commit().await?;
                Ok(value)
            }
        }
    };
}
pub(crate) use assessments_impl;
