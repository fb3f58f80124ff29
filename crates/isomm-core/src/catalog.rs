//! The ISOMM catalog: functions, roles, level definitions and organisation patterns, loaded from data.
//!
//! The built-in model `isomm-2.1` is `data/isomm-2.1.json`, embedded in the binary. Another model of
//! the same shape can be loaded from TOML or JSON text with [`Catalog::parse`]; a malformed one is
//! rejected with a located error (duplicate ids, a role outside its function, an unknown area, a
//! missing level).

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Serialize;

use crate::doc::{self, Cursor, InputError, TextFormat};
use crate::problem::{IdOf, Problem};
use crate::{Lang, Text};

/// The model file embedded in the binary.
pub const BUILTIN_MODEL: &str = include_str!("../data/isomm-2.1.json");

/// One of the four areas a role lies in (model.md §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Area {
    I,
    II,
    III,
    IV,
}

impl Area {
    pub const ALL: [Area; 4] = [Area::I, Area::II, Area::III, Area::IV];

    pub fn as_str(self) -> &'static str {
        match self {
            Area::I => "I",
            Area::II => "II",
            Area::III => "III",
            Area::IV => "IV",
        }
    }

    pub fn parse(s: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// The seed's name of the area.
    pub fn name(self, lang: Lang) -> &'static str {
        let words = crate::messages::core_words(lang);
        match self {
            Area::I => words.areas[0],
            Area::II => words.areas[1],
            Area::III => words.areas[2],
            Area::IV => words.areas[3],
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub id: String,
    pub name: Text,
    /// Indexes into [`Catalog::roles`] of this function's roles, in catalog order.
    pub roles: std::ops::Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Role {
    pub id: String,
    /// Index into [`Catalog::functions`].
    pub function: usize,
    pub name: Text,
    pub description: Text,
    pub default_area: Area,
}

/// The definitions of one level (0..5) for each sourcing side.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelDefinition {
    pub insource: Text,
    pub outsource: Text,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    pub id: String,
    pub name: Text,
    /// The areas done in-house under this pattern; the others are outsourced.
    pub insourced_areas: Vec<Area>,
}

impl Pattern {
    pub fn insources(&self, area: Area) -> bool {
        self.insourced_areas.contains(&area)
    }
}

/// A loaded, validated model. Every role belongs to exactly one function, ids are unique, all six
/// levels are defined and every area named is one of I–IV.
#[derive(Clone, Debug, PartialEq)]
pub struct Catalog {
    model: String,
    functions: Vec<Function>,
    roles: Vec<Role>,
    levels: Vec<LevelDefinition>,
    patterns: Vec<Pattern>,
    /// The pattern a new assessment starts from (`default_pattern`, else the first).
    default_pattern: usize,
}

impl Catalog {
    /// The embedded model `isomm-2.1`.
    pub fn builtin() -> &'static Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Catalog::parse(BUILTIN_MODEL, TextFormat::Json)
                .unwrap_or_else(|e| panic!("the embedded model is invalid: {e}"))
        })
    }

    /// Loads a model file (the catalog document of formats.md) from TOML or JSON text.
    pub fn parse(text: &str, format: TextFormat) -> Result<Catalog, InputError> {
        let node = doc::parse(text, format)?;
        decode(&Cursor::root(text, &node))
    }

    pub fn model(&self) -> &str {
        &self.model
    }
    pub fn functions(&self) -> &[Function] {
        &self.functions
    }
    /// All roles, in catalog order (function by function).
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }
    /// Level definitions, indexed by level 0..=5.
    pub fn levels(&self) -> &[LevelDefinition] {
        &self.levels
    }
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }
    pub fn role_index(&self, id: &str) -> Option<usize> {
        self.roles.iter().position(|r| r.id == id)
    }
    pub fn pattern_index(&self, id: &str) -> Option<usize> {
        self.patterns.iter().position(|p| p.id == id)
    }
    /// The pattern a new assessment's form starts from: the model's `default_pattern`, else its
    /// first pattern.
    pub fn default_pattern(&self) -> &Pattern {
        &self.patterns[self.default_pattern]
    }
    pub fn function_index(&self, id: &str) -> Option<usize> {
        self.functions.iter().position(|f| f.id == id)
    }

    /// The catalog document of formats.md, ready to serialise.
    pub fn document(&self) -> CatalogDocument<'_> {
        CatalogDocument {
            model: &self.model,
            functions: self
                .functions
                .iter()
                .map(|f| FunctionDocument {
                    id: &f.id,
                    name: &f.name,
                    roles: self.roles[f.roles.clone()]
                        .iter()
                        .map(|r| RoleDocument {
                            id: &r.id,
                            name: &r.name,
                            description: &r.description,
                            default_area: r.default_area,
                        })
                        .collect(),
                })
                .collect(),
            levels: self
                .levels
                .iter()
                .enumerate()
                .map(|(level, d)| LevelDocument {
                    level,
                    insource: &d.insource,
                    outsource: &d.outsource,
                })
                .collect(),
            patterns: self
                .patterns
                .iter()
                .map(|p| PatternDocument {
                    id: &p.id,
                    name: &p.name,
                    insourced_areas: &p.insourced_areas,
                })
                .collect(),
            default_pattern: &self.default_pattern().id,
        }
    }
}

#[derive(Serialize)]
pub struct CatalogDocument<'a> {
    pub model: &'a str,
    pub functions: Vec<FunctionDocument<'a>>,
    pub levels: Vec<LevelDocument<'a>>,
    pub patterns: Vec<PatternDocument<'a>>,
    /// The pattern a new assessment starts from (read back by `--model`).
    pub default_pattern: &'a str,
}

#[derive(Serialize)]
pub struct FunctionDocument<'a> {
    pub id: &'a str,
    pub name: &'a Text,
    pub roles: Vec<RoleDocument<'a>>,
}

#[derive(Serialize)]
pub struct RoleDocument<'a> {
    pub id: &'a str,
    pub name: &'a Text,
    pub description: &'a Text,
    pub default_area: Area,
}

#[derive(Serialize)]
pub struct LevelDocument<'a> {
    pub level: usize,
    pub insource: &'a Text,
    pub outsource: &'a Text,
}

#[derive(Serialize)]
pub struct PatternDocument<'a> {
    pub id: &'a str,
    pub name: &'a Text,
    pub insourced_areas: &'a [Area],
}

fn decode_text(cursor: &Cursor<'_>) -> Result<Text, InputError> {
    let table = cursor.table(&["ja", "en", "ja_phrases"])?;
    let ja = non_empty(&table.required("ja")?)?.to_string();
    let mut ja_phrases = Vec::new();
    if let Some(phrases) = table.optional("ja_phrases") {
        for phrase in phrases.array()? {
            ja_phrases.push(non_empty(&phrase)?.to_string());
        }
        if ja_phrases.concat() != ja {
            return Err(phrases.error(Problem::PhrasesDiffer {
                text: crate::doc::shorten(&ja),
            }));
        }
    }
    Ok(Text {
        ja,
        en: non_empty(&table.required("en")?)?.to_string(),
        ja_phrases,
    })
}

fn non_empty<'a>(cursor: &Cursor<'a>) -> Result<&'a str, InputError> {
    let s = cursor.string()?;
    if s.trim().is_empty() {
        return Err(cursor.error(Problem::EmptyText {}));
    }
    Ok(s)
}

fn decode_area(cursor: &Cursor<'_>) -> Result<Area, InputError> {
    let s = cursor.string()?;
    Area::parse(s).ok_or_else(|| {
        cursor.error(Problem::UnknownArea {
            found: crate::doc::shorten(s),
        })
    })
}

/// Checks that `id` was not seen before in `seen`.
fn unique(
    seen: &mut HashSet<String>,
    id: &str,
    cursor: &Cursor<'_>,
    what: IdOf,
) -> Result<(), InputError> {
    if !seen.insert(id.to_string()) {
        return Err(cursor.error(Problem::DuplicateId {
            what,
            id: crate::doc::shorten(id),
        }));
    }
    Ok(())
}

fn decode(root: &Cursor<'_>) -> Result<Catalog, InputError> {
    let table = root.table(&[
        "model",
        "functions",
        "levels",
        "patterns",
        "default_pattern",
    ])?;
    let model = non_empty(&table.required("model")?)?.to_string();

    let mut functions = Vec::new();
    let mut roles = Vec::new();
    let mut function_ids = HashSet::new();
    let mut role_ids = HashSet::new();
    let functions_cursor = table.required("functions")?;
    for f in functions_cursor.array()? {
        let ft = f.table(&["id", "name", "roles"])?;
        let id_cursor = ft.required("id")?;
        let id = non_empty(&id_cursor)?.to_string();
        unique(&mut function_ids, &id, &id_cursor, IdOf::Function)?;
        let name = decode_text(&ft.required("name")?)?;
        let first = roles.len();
        let roles_cursor = ft.required("roles")?;
        for r in roles_cursor.array()? {
            if roles.len() == crate::limits::MAX_ROLES {
                return Err(r.error(Problem::TooManyRoles {
                    max: crate::limits::MAX_ROLES,
                }));
            }
            let rt = r.table(&["id", "name", "description", "default_area"])?;
            let rid_cursor = rt.required("id")?;
            let rid = non_empty(&rid_cursor)?.to_string();
            unique(&mut role_ids, &rid, &rid_cursor, IdOf::Role)?;
            if rid
                .strip_prefix(id.as_str())
                .and_then(|rest| rest.strip_prefix('-'))
                .is_none_or(str::is_empty)
            {
                return Err(rid_cursor.error(Problem::RoleOutsideFunction {
                    role: crate::doc::shorten(&rid),
                    function: crate::doc::shorten(&id),
                }));
            }
            roles.push(Role {
                id: rid,
                function: functions.len(),
                name: decode_text(&rt.required("name")?)?,
                description: decode_text(&rt.required("description")?)?,
                default_area: decode_area(&rt.required("default_area")?)?,
            });
        }
        if roles.len() == first {
            return Err(roles_cursor.error(Problem::FunctionWithoutRoles {
                function: crate::doc::shorten(&id),
            }));
        }
        functions.push(Function {
            id,
            name,
            roles: first..roles.len(),
        });
    }
    if functions.is_empty() {
        return Err(functions_cursor.error(Problem::NoFunctions {}));
    }

    let levels_cursor = table.required("levels")?;
    let mut levels: Vec<Option<LevelDefinition>> = vec![None; 6];
    for l in levels_cursor.array()? {
        let lt = l.table(&["level", "insource", "outsource"])?;
        let level_cursor = lt.required("level")?;
        let level = level_cursor.integer()?;
        let slot = usize::try_from(level)
            .ok()
            .and_then(|i| levels.get_mut(i))
            .ok_or_else(|| {
                level_cursor.error(Problem::LevelOutOfRange {
                    found: level.to_string(),
                })
            })?;
        if slot.is_some() {
            return Err(level_cursor.error(Problem::LevelTwice {
                level: level.to_string(),
            }));
        }
        *slot = Some(LevelDefinition {
            insource: decode_text(&lt.required("insource")?)?,
            outsource: decode_text(&lt.required("outsource")?)?,
        });
    }
    let levels = levels
        .into_iter()
        .enumerate()
        .map(|(i, l)| l.ok_or_else(|| levels_cursor.error(Problem::LevelMissing { level: i })))
        .collect::<Result<Vec<_>, _>>()?;

    let patterns_cursor = table.required("patterns")?;
    let mut patterns = Vec::new();
    let mut pattern_ids = HashSet::new();
    for p in patterns_cursor.array()? {
        let pt = p.table(&["id", "name", "insourced_areas"])?;
        let id_cursor = pt.required("id")?;
        let id = non_empty(&id_cursor)?.to_string();
        unique(&mut pattern_ids, &id, &id_cursor, IdOf::Pattern)?;
        let insourced_areas = pt
            .required("insourced_areas")?
            .array()?
            .iter()
            .map(decode_area)
            .collect::<Result<Vec<_>, _>>()?;
        patterns.push(Pattern {
            id,
            name: decode_text(&pt.required("name")?)?,
            insourced_areas,
        });
    }
    if patterns.is_empty() {
        return Err(patterns_cursor.error(Problem::NoPatterns {}));
    }
    let default_pattern = match table.optional("default_pattern") {
        None => 0,
        Some(c) => {
            let id = c.string()?;
            patterns.iter().position(|p| p.id == id).ok_or_else(|| {
                c.error(Problem::UnknownPattern {
                    found: doc::shorten(id),
                    allowed: patterns
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                })
            })?
        }
    };
    Ok(Catalog {
        model,
        functions,
        roles,
        levels,
        patterns,
        default_pattern,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_model_has_the_seed_shape() {
        let c = Catalog::builtin();
        assert_eq!(c.model(), "isomm-2.1");
        let counts: Vec<usize> = c.functions().iter().map(|f| f.roles.len()).collect();
        assert_eq!(counts, [6, 5, 5, 8, 7, 4, 10, 3, 6]);
        assert_eq!(c.roles().len(), 54);
        assert_eq!(c.roles()[0].name.ja, "全体方針管理");
        assert_eq!(c.roles()[53].id, "I-6");
        assert_eq!(c.levels().len(), 6);
        let ids: Vec<&str> = c.patterns().iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "minimum-insource",
                "hybrid",
                "minimum-outsource",
                "full-insource"
            ]
        );
        assert_eq!(
            c.default_pattern().id,
            "hybrid",
            "the model's default_pattern"
        );
    }

    #[test]
    fn builtin_default_areas_follow_the_spec_table() {
        let table = [
            (
                Area::I,
                "A-1 A-2 A-3 A-6 D-1 D-2 D-6 D-7 E-1 E-2 F-4 H-1 I-1 I-3 I-4 I-5",
            ),
            (
                Area::II,
                "A-4 A-5 B-3 C-5 D-3 D-4 D-5 D-8 E-3 F-1 F-3 G-10 H-2 H-3 I-2 I-6",
            ),
            (Area::III, "B-2 C-1 C-2 C-3 C-4 E-5 G-2 G-4 G-5 G-7 G-9"),
            (Area::IV, "B-1 B-4 B-5 E-4 E-6 E-7 F-2 G-1 G-3 G-6 G-8"),
        ];
        let c = Catalog::builtin();
        let mut seen = 0;
        for (area, ids) in table {
            for id in ids.split(' ') {
                let role = &c.roles()[c.role_index(id).unwrap()];
                assert_eq!(role.default_area, area, "{id}");
                seen += 1;
            }
        }
        assert_eq!(seen, 54);
    }

    #[test]
    fn document_round_trips() {
        let c = Catalog::builtin();
        let json = serde_json::to_string_pretty(&c.document()).unwrap();
        assert_eq!(&Catalog::parse(&json, TextFormat::Json).unwrap(), c);
    }

    #[test]
    fn the_default_pattern_is_data_and_must_be_a_pattern() {
        let without = BUILTIN_MODEL.replacen("  \"default_pattern\": \"hybrid\",\n", "", 1);
        let c = Catalog::parse(&without, TextFormat::Json).unwrap();
        assert_eq!(
            c.default_pattern().id,
            "minimum-insource",
            "else the first pattern"
        );
        check_broken(
            "\"default_pattern\": \"hybrid\"",
            "\"default_pattern\": \"mixed\"",
            (862, 22),
            "default_pattern",
            Problem::UnknownPattern {
                found: "mixed".into(),
                allowed: "minimum-insource, hybrid, minimum-outsource, full-insource".into(),
            },
        );
    }

    /// Replaces `from` by `to` once in the built-in model and checks the error of loading it: its
    /// line and column, its key path and its problem.
    fn check_broken(from: &str, to: &str, at: (usize, usize), path: &str, problem: Problem) {
        assert!(BUILTIN_MODEL.contains(from), "{from}");
        let text = BUILTIN_MODEL.replacen(from, to, 1);
        let err = Catalog::parse(&text, TextFormat::Json).unwrap_err();
        let (line, column) = at;
        assert_eq!(
            (err.place, err.path.as_str(), err.problem),
            (crate::Place::Text { line, column }, path, Box::new(problem))
        );
    }

    #[test]
    fn malformed_models_are_rejected_with_a_place() {
        let twice = |what, id: &str| Problem::DuplicateId {
            what,
            id: id.into(),
        };
        let area = |found: &str| Problem::UnknownArea {
            found: found.into(),
        };
        let cases = [
            (
                "\"id\": \"A-2\"",
                "\"id\": \"A-1\"",
                (26, 17),
                "functions[0].roles[1].id",
                twice(IdOf::Role, "A-1"),
            ),
            (
                "\"id\": \"B\"",
                "\"id\": \"A\"",
                (92, 13),
                "functions[1].id",
                twice(IdOf::Function, "A"),
            ),
            (
                "\"id\": \"B-1\"",
                "\"id\": \"Z-1\"",
                (100, 17),
                "functions[1].roles[0].id",
                Problem::RoleOutsideFunction {
                    role: "Z-1".into(),
                    function: "B".into(),
                },
            ),
            (
                "\"default_area\": \"I\"",
                "\"default_area\": \"V\"",
                (23, 27),
                "functions[0].roles[0].default_area",
                area("V"),
            ),
            (
                "\"level\": 3",
                "\"level\": 2",
                (829, 16),
                "levels[3].level",
                Problem::LevelTwice { level: "2".into() },
            ),
            (
                "\"level\": 5",
                "\"level\": 9",
                (851, 16),
                "levels[5].level",
                Problem::LevelOutOfRange { found: "9".into() },
            ),
            (
                "\"insourced_areas\": [\n        \"I\"\n      ]",
                "\"insourced_areas\": [\"VI\"]",
                (870, 27),
                "patterns[0].insourced_areas[0]",
                area("VI"),
            ),
            (
                "\"model\": \"isomm-2.1\",",
                "\"model\": \"isomm-2.1\", \"extra\": 1,",
                (2, 25),
                "extra",
                Problem::UnknownKey {
                    key: "extra".into(),
                    allowed: "model, functions, levels, patterns, default_pattern".into(),
                },
            ),
        ];
        for (from, to, at, path, problem) in cases.into_iter().chain([(
            "\"ja_phrases\": [\"全体方針\", \"管理\"]",
            "\"ja_phrases\": [\"全体\", \"管理\"]",
            (17, 27),
            "functions[0].roles[0].name.ja_phrases",
            Problem::PhrasesDiffer {
                text: "全体方針管理".into(),
            },
        )]) {
            check_broken(from, to, at, path, problem);
        }
    }

    #[test]
    fn a_model_with_too_many_roles_is_refused_where_it_goes_past() {
        let mut doc: serde_json::Value = serde_json::from_str(BUILTIN_MODEL).unwrap();
        let roles = doc["functions"][0]["roles"].as_array_mut().unwrap();
        let template = roles[0].clone();
        for n in roles.len()..crate::limits::MAX_ROLES + 10 {
            let mut r = template.clone();
            r["id"] = format!("A-{}", n + 1).into();
            roles.push(r);
        }
        let text = serde_json::to_string(&doc).unwrap();
        let err = Catalog::parse(&text, TextFormat::Json).unwrap_err();
        assert_eq!(err.path, "functions[0].roles[500]");
        assert_eq!(*err.problem, Problem::TooManyRoles { max: 500 });
    }

    #[test]
    fn a_missing_level_is_named() {
        let mut doc: serde_json::Value = serde_json::from_str(BUILTIN_MODEL).unwrap();
        doc["levels"].as_array_mut().unwrap().remove(4);
        let text = serde_json::to_string(&doc).unwrap();
        let err = Catalog::parse(&text, TextFormat::Json).unwrap_err();
        assert_eq!(err.path, "levels");
        assert_eq!(*err.problem, Problem::LevelMissing { level: 4 });
    }

    #[test]
    fn a_toml_model_loads() {
        let toml = r#"
model = "tiny-1"
levels = [
  { level = 0, insource = { ja = "a", en = "a" }, outsource = { ja = "b", en = "b" } },
  { level = 1, insource = { ja = "a", en = "a" }, outsource = { ja = "b", en = "b" } },
  { level = 2, insource = { ja = "a", en = "a" }, outsource = { ja = "b", en = "b" } },
  { level = 3, insource = { ja = "a", en = "a" }, outsource = { ja = "b", en = "b" } },
  { level = 4, insource = { ja = "a", en = "a" }, outsource = { ja = "b", en = "b" } },
  { level = 5, insource = { ja = "a", en = "a" }, outsource = { ja = "b", en = "b" } },
]
patterns = [{ id = "all-in", name = { ja = "全部", en = "All in" }, insourced_areas = ["I", "II", "III", "IV"] }]

[[functions]]
id = "X"
name = { ja = "機能", en = "Function" }
roles = [{ id = "X-1", name = { ja = "役割", en = "Role" }, description = { ja = "説明", en = "Text" }, default_area = "III" }]
"#;
        let c = Catalog::parse(toml, TextFormat::Toml).unwrap();
        assert_eq!(c.model(), "tiny-1");
        assert_eq!(c.roles()[0].default_area, Area::III);
        assert!(c.patterns()[0].insources(Area::III));
    }
}
