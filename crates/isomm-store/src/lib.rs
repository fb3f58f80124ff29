//! isomm's storage: one [`Store`] trait for assessments, respondents and answers, and its backends.
//!
//! The web application talks to `dyn Store` only; the backend is chosen once, from the database URL,
//! by [`connect`]. Each backend keeps its own migrations under `migrations/<backend>/`.
//!
//! Architecture invariant: SQL lives in this crate only, and every write is one transaction.

use std::collections::BTreeMap;
use std::sync::Arc;

use async_trait::async_trait;
use isomm_core::answers::{Answer, Assessment, Level, Position, Respondent, TargetLevel};
use isomm_core::{Area, Catalog};

pub mod sqlite;

pub type Id = i64;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database URL {0:?}: expected sqlite://PATH")]
    UnsupportedUrl(String),
    #[error("stored data does not fit the model: {0}")]
    Corrupt(String),
}

/// The fields of an assessment that people edit, with patterns and roles by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssessmentFields {
    pub organization: String,
    pub title: String,
    pub date: Option<String>,
    pub current_pattern: String,
    pub target_pattern: String,
    pub target_level: u8,
    /// Role id → area, for the roles whose area differs from the catalog's default.
    pub areas: BTreeMap<String, Area>,
}

/// One line of the list of assessments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssessmentSummary {
    pub id: Id,
    pub fields: AssessmentFields,
    pub respondents: i64,
    /// Answers with at least one side given, over all respondents.
    pub answered: i64,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredRespondent {
    pub id: Id,
    pub name: String,
    pub position: Position,
    /// Role id → answer; roles without a row are unanswered.
    pub answers: BTreeMap<String, Answer>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredAssessment {
    pub id: Id,
    pub model: String,
    pub fields: AssessmentFields,
    /// In the order they were added.
    pub respondents: Vec<StoredRespondent>,
    pub created_at: i64,
}

/// The outcome of adding a respondent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Added {
    Respondent(Id),
    NameTaken,
    NoAssessment,
}

impl StoredAssessment {
    /// The assessment as the core scores it.
    pub fn to_assessment(&self, catalog: &Catalog) -> Result<Assessment, StoreError> {
        let pattern = |id: &str| {
            catalog
                .pattern_index(id)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown pattern {id:?}")))
        };
        let role = |id: &str| {
            catalog
                .role_index(id)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown role {id:?}")))
        };
        let mut area_overrides = BTreeMap::new();
        for (id, area) in &self.fields.areas {
            area_overrides.insert(role(id)?, *area);
        }
        let mut respondents = Vec::with_capacity(self.respondents.len());
        for r in &self.respondents {
            let mut respondent = Respondent::new(catalog, r.name.clone(), r.position);
            for (id, answer) in &r.answers {
                respondent.answers[role(id)?] = answer.clone();
            }
            respondents.push(respondent);
        }
        Ok(Assessment {
            model: self.model.clone(),
            organization: self.fields.organization.clone(),
            title: self.fields.title.clone(),
            date: self.fields.date.clone(),
            current_pattern: pattern(&self.fields.current_pattern)?,
            target_pattern: pattern(&self.fields.target_pattern)?,
            target_level: TargetLevel::new(self.fields.target_level.into()).ok_or_else(|| {
                StoreError::Corrupt(format!("target level {}", self.fields.target_level))
            })?,
            area_overrides,
            respondents,
        })
    }
}

impl AssessmentFields {
    /// The fields of a parsed assessment, by id.
    pub fn of(catalog: &Catalog, a: &Assessment) -> AssessmentFields {
        AssessmentFields {
            organization: a.organization.clone(),
            title: a.title.clone(),
            date: a.date.clone(),
            current_pattern: catalog.patterns()[a.current_pattern].id.clone(),
            target_pattern: catalog.patterns()[a.target_pattern].id.clone(),
            target_level: a.target_level.get(),
            areas: a
                .area_overrides
                .iter()
                .map(|(r, area)| (catalog.roles()[*r].id.clone(), *area))
                .collect(),
        }
    }
}

/// Turns a stored level back into a [`Level`].
pub(crate) fn level(value: Option<i64>) -> Result<Option<Level>, StoreError> {
    value
        .map(|v| Level::new(v).ok_or_else(|| StoreError::Corrupt(format!("level {v}"))))
        .transpose()
}

/// Everything isomm keeps. Every method is one transaction.
#[async_trait]
pub trait Store: Send + Sync {
    /// All assessments, newest first.
    async fn list_assessments(&self) -> Result<Vec<AssessmentSummary>, StoreError>;
    async fn create_assessment(
        &self,
        model: &str,
        fields: &AssessmentFields,
    ) -> Result<Id, StoreError>;
    /// False when there is no such assessment.
    async fn update_assessment(
        &self,
        id: Id,
        fields: &AssessmentFields,
    ) -> Result<bool, StoreError>;
    async fn delete_assessment(&self, id: Id) -> Result<bool, StoreError>;
    async fn assessment(&self, id: Id) -> Result<Option<StoredAssessment>, StoreError>;
    async fn add_respondent(
        &self,
        assessment: Id,
        name: &str,
        position: Position,
    ) -> Result<Added, StoreError>;
    async fn remove_respondent(&self, assessment: Id, respondent: Id) -> Result<bool, StoreError>;
    /// Saves answers of one respondent (role id, answer), replacing those roles' previous answers;
    /// other roles are left as they are. False when the respondent is not in the assessment.
    async fn save_answers(
        &self,
        assessment: Id,
        respondent: Id,
        answers: &[(String, Answer)],
    ) -> Result<bool, StoreError>;
    /// Stores a whole parsed assessment (an imported file) with its respondents and answers.
    async fn import(&self, catalog: &Catalog, assessment: &Assessment) -> Result<Id, StoreError>;
}

/// Opens the store a database URL names, creating the database and running its migrations.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(sqlite::SqliteStore::connect(url).await?))
    } else {
        Err(StoreError::UnsupportedUrl(url.to_string()))
    }
}
