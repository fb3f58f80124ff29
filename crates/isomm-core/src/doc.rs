//! A positioned document tree for TOML and JSON input, and a decoder that reports where a value is wrong.
//!
//! Both formats are first turned into the same [`Node`] tree, where every value and key keeps its
//! byte offset in the source. Decoding then walks that tree with a [`Cursor`] that knows the key
//! path (`respondents[0].answers."A-1".insource`), so every error names the line, the column, the
//! path and what was expected, whichever format the file was written in.

use crate::problem::{Expected, FoundKind, JsonToken, Problem};
pub use crate::problem::{InputError, Place};

/// Which text format a document is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextFormat {
    Toml,
    Json,
}

/// A value of a TOML or JSON document with the byte offset where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub at: usize,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Integer(i64),
    Float(f64),
    String(String),
    /// A TOML date or time, kept as written.
    Datetime(String),
    Array(Vec<Node>),
    /// Entries in source order: (key, offset of the key, value).
    Table(Vec<(String, usize, Node)>),
}

impl Value {
    /// The kind of value and its text, for "expected …, found …" messages.
    pub fn found(&self) -> (FoundKind, String) {
        match self {
            Value::Null => (FoundKind::Null, "null".into()),
            Value::Bool(b) => (FoundKind::Bool, b.to_string()),
            Value::Integer(i) => (FoundKind::Integer, i.to_string()),
            Value::Float(x) => (FoundKind::Number, x.to_string()),
            Value::String(s) => (FoundKind::String, shorten(s)),
            Value::Datetime(d) => (FoundKind::Date, d.clone()),
            Value::Array(_) => (FoundKind::List, String::new()),
            Value::Table(_) => (FoundKind::Table, String::new()),
        }
    }
}

/// Parses a document in the given format into a [`Node`] tree; syntax errors are located.
pub fn parse(text: &str, format: TextFormat) -> Result<Node, InputError> {
    match format {
        TextFormat::Toml => parse_toml(text),
        TextFormat::Json => JsonParser { text, pos: 0 }.document(),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// What was found, as a message quotes it: at most a few dozen characters.
pub fn shorten(text: &str) -> String {
    if text.chars().count() > 40 {
        text.chars().take(40).chain("…".chars()).collect()
    } else {
        text.to_string()
    }
}

fn located(text: &str, offset: usize, path: &str, problem: Problem) -> InputError {
    let (line, column) = line_column(text, offset);
    InputError {
        place: Place::Text { line, column },
        path: path.into(),
        problem: Box::new(problem),
    }
}

fn parse_toml(text: &str) -> Result<Node, InputError> {
    use toml::de::{DeTable, DeValue};
    fn convert(value: &toml::Spanned<DeValue<'_>>, text: &str) -> Result<Node, InputError> {
        let at = value.span().start;
        let value = match value.get_ref() {
            DeValue::String(s) => Value::String(s.to_string()),
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(i) => Value::Integer(i),
                Err(_) => return Err(located(text, at, "", Problem::IntegerOutOfRange {})),
            },
            DeValue::Float(x) => Value::Float(x.as_str().parse().unwrap_or(f64::NAN)),
            DeValue::Boolean(b) => Value::Bool(*b),
            DeValue::Datetime(d) => Value::Datetime(d.to_string()),
            DeValue::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|v| convert(v, text))
                    .collect::<Result<_, _>>()?,
            ),
            DeValue::Table(table) => Value::Table(convert_table(table, text)?),
        };
        Ok(Node { at, value })
    }
    fn convert_table(
        table: &DeTable<'_>,
        text: &str,
    ) -> Result<Vec<(String, usize, Node)>, InputError> {
        let mut entries = Vec::with_capacity(table.len());
        for (key, value) in table.iter() {
            entries.push((
                key.get_ref().to_string(),
                key.span().start,
                convert(value, text)?,
            ));
        }
        // Keys come back in lexicographic order; put them back in source order.
        entries.sort_by_key(|(_, at, _)| *at);
        Ok(entries)
    }
    match DeTable::parse(text) {
        Ok(table) => Ok(Node {
            at: 0,
            value: Value::Table(convert_table(table.get_ref(), text)?),
        }),
        Err(err) => {
            let at = err.span().map_or(0, |s| s.start);
            Err(located(
                text,
                at,
                "",
                Problem::TomlSyntax {
                    detail: err.message().to_string(),
                },
            ))
        }
    }
}

/// A small JSON reader that keeps offsets. Strings and numbers are decoded by serde_json.
struct JsonParser<'a> {
    text: &'a str,
    pos: usize,
}

const MAX_DEPTH: usize = 64;

impl JsonParser<'_> {
    fn document(mut self) -> Result<Node, InputError> {
        self.skip_ws();
        let node = self.value(0)?;
        self.skip_ws();
        if self.pos < self.text.len() {
            return Err(self.syntax(JsonToken::End));
        }
        Ok(node)
    }

    fn error(&self, problem: Problem) -> InputError {
        located(self.text, self.pos, "", problem)
    }

    fn syntax(&self, token: JsonToken) -> InputError {
        self.error(Problem::JsonSyntax { token })
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8, token: JsonToken) -> Result<(), InputError> {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax(token))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, InputError> {
        if depth > MAX_DEPTH {
            return Err(self.error(Problem::TooDeep { max: MAX_DEPTH }));
        }
        self.skip_ws();
        let at = self.pos;
        let value = match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            _ => return Err(self.syntax(JsonToken::Value)),
        };
        Ok(Node { at, value })
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, InputError> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.syntax(JsonToken::Value))
        }
    }

    fn number(&mut self) -> Result<Value, InputError> {
        let start = self.pos;
        while matches!(
            self.peek(),
            Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
        ) {
            self.pos += 1;
        }
        let token = &self.text[start..self.pos];
        match serde_json::from_str::<serde_json::Number>(token) {
            Ok(n) => Ok(match n.as_i64() {
                Some(i) => Value::Integer(i),
                None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            }),
            Err(_) => {
                self.pos = start;
                Err(self.error(Problem::JsonNotNumber {
                    text: shorten(token),
                }))
            }
        }
    }

    fn string(&mut self) -> Result<String, InputError> {
        let start = self.pos;
        self.pos += 1; // opening quote
        let bytes = self.text.as_bytes();
        loop {
            match bytes.get(self.pos) {
                None => {
                    self.pos = start;
                    return Err(self.error(Problem::JsonUnterminated {}));
                }
                Some(b'\\') => self.pos += 2,
                Some(b'"') => {
                    self.pos += 1;
                    break;
                }
                Some(_) => self.pos += 1,
            }
        }
        let token = self.text.get(start..self.pos).unwrap_or("");
        serde_json::from_str::<String>(token).map_err(|e| {
            let at = start + e.column().saturating_sub(1);
            located(
                self.text,
                at,
                "",
                Problem::JsonBadString {
                    detail: e.to_string(),
                },
            )
        })
    }

    fn array(&mut self, depth: usize) -> Result<Value, InputError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.syntax(JsonToken::CommaBracket)),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, InputError> {
        self.pos += 1;
        let mut entries: Vec<(String, usize, Node)> = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Table(entries));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.syntax(JsonToken::Key));
            }
            let key_at = self.pos;
            let key = self.string()?;
            if entries.iter().any(|(k, _, _)| *k == key) {
                return Err(located(
                    self.text,
                    key_at,
                    "",
                    Problem::DuplicateKey { key: shorten(&key) },
                ));
            }
            self.expect(b':', JsonToken::Colon)?;
            let value = self.value(depth + 1)?;
            entries.push((key, key_at, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Table(entries));
                }
                _ => return Err(self.syntax(JsonToken::CommaBrace)),
            }
        }
    }
}

/// Walks a [`Node`] tree, keeping the key path for error messages.
#[derive(Clone, Debug)]
pub struct Cursor<'a> {
    text: &'a str,
    node: &'a Node,
    path: String,
}

/// Formats one key of a path: bare when it is a plain identifier, quoted otherwise (`answers."A-1"`).
fn path_key(parent: &str, key: &str) -> String {
    let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let key = if plain {
        key.to_string()
    } else {
        format!("{key:?}")
    };
    if parent.is_empty() {
        key
    } else {
        format!("{parent}.{key}")
    }
}

impl<'a> Cursor<'a> {
    pub fn root(text: &'a str, node: &'a Node) -> Cursor<'a> {
        Cursor {
            text,
            node,
            path: String::new(),
        }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn value(&self) -> &'a Value {
        &self.node.value
    }

    /// An error located at this value.
    pub fn error(&self, problem: Problem) -> InputError {
        located(self.text, self.node.at, &self.path, problem)
    }

    fn expected(&self, expected: Expected) -> InputError {
        let (found_kind, found) = self.node.value.found();
        self.error(Problem::WrongType {
            expected,
            found_kind,
            found,
        })
    }

    /// The entries of a table, as (key cursor position, value cursor).
    pub fn entries(&self) -> Result<Vec<Entry<'a>>, InputError> {
        match &self.node.value {
            Value::Table(entries) => Ok(entries
                .iter()
                .map(|(key, key_at, node)| Entry {
                    key,
                    key_at: *key_at,
                    cursor: Cursor {
                        text: self.text,
                        node,
                        path: path_key(&self.path, key),
                    },
                })
                .collect()),
            _ => Err(self.expected(Expected::Table)),
        }
    }

    /// A table with a fixed set of keys: any other key is an error.
    pub fn table(&self, allowed: &[&str]) -> Result<Table<'a>, InputError> {
        let entries = self.entries()?;
        for entry in &entries {
            if !allowed.contains(&entry.key) {
                return Err(entry.key_error(Problem::UnknownKey {
                    key: shorten(entry.key),
                    allowed: allowed.join(", "),
                }));
            }
        }
        Ok(Table {
            cursor: self.clone(),
            entries,
        })
    }

    /// A table with a fixed set of keys, where every other key is noted in `found` and left out, so
    /// that the reading goes on.
    pub fn table_noting(
        &self,
        allowed: &[&str],
        found: &mut crate::problem::Found,
    ) -> Result<Table<'a>, InputError> {
        let mut entries = self.entries()?;
        entries.retain(|entry| {
            let known = allowed.contains(&entry.key);
            if !known {
                found.add(entry.key_error(Problem::UnknownKey {
                    key: shorten(entry.key),
                    allowed: allowed.join(", "),
                }));
            }
            known
        });
        Ok(Table {
            cursor: self.clone(),
            entries,
        })
    }

    pub fn array(&self) -> Result<Vec<Cursor<'a>>, InputError> {
        match &self.node.value {
            Value::Array(items) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, node)| Cursor {
                    text: self.text,
                    node,
                    path: format!("{}[{i}]", self.path),
                })
                .collect()),
            _ => Err(self.expected(Expected::List)),
        }
    }

    pub fn string(&self) -> Result<&'a str, InputError> {
        match &self.node.value {
            Value::String(s) => Ok(s),
            _ => Err(self.expected(Expected::String)),
        }
    }

    /// An integer; a float with no fractional part is accepted (spreadsheets write 3 as 3.0).
    pub fn integer(&self) -> Result<i64, InputError> {
        match &self.node.value {
            Value::Integer(i) => Ok(*i),
            Value::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => Ok(*x as i64),
            _ => Err(self.expected(Expected::Integer)),
        }
    }
}

/// One entry of a table.
pub struct Entry<'a> {
    pub key: &'a str,
    key_at: usize,
    pub cursor: Cursor<'a>,
}

impl Entry<'_> {
    /// An error located at the key itself (an unknown or duplicate key).
    pub fn key_error(&self, problem: Problem) -> InputError {
        located(self.cursor.text, self.key_at, &self.cursor.path, problem)
    }
}

/// A table whose keys were checked against a fixed list.
pub struct Table<'a> {
    cursor: Cursor<'a>,
    entries: Vec<Entry<'a>>,
}

impl<'a> Table<'a> {
    pub fn optional(&self, key: &str) -> Option<Cursor<'a>> {
        self.entries
            .iter()
            .find(|e| e.key == key)
            .map(|e| e.cursor.clone())
    }

    pub fn required(&self, key: &str) -> Result<Cursor<'a>, InputError> {
        self.optional(key).ok_or_else(|| {
            self.cursor
                .error(Problem::MissingKey { key: key.into() })
                .with_path(path_key(&self.cursor.path, key))
        })
    }

    pub fn cursor(&self) -> &Cursor<'a> {
        &self.cursor
    }
}

impl InputError {
    fn with_path(mut self, path: String) -> InputError {
        self.path = path;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_error(text: &str, format: TextFormat, at: (usize, usize), problem: Problem) {
        let err = parse(text, format).unwrap_err();
        let (line, column) = at;
        assert_eq!(
            (err.place, err.problem),
            (Place::Text { line, column }, Box::new(problem)),
            "{text}"
        );
    }

    #[test]
    fn json_tree_keeps_offsets_and_order() {
        let text = "{\"b\": 1, \"a\": [true, null, 2.5, \"x\\u00e9\"]}";
        let node = parse(text, TextFormat::Json).unwrap();
        let Value::Table(entries) = &node.value else {
            panic!("not a table")
        };
        assert_eq!(entries[0].0, "b");
        assert_eq!(entries[1].0, "a");
        assert_eq!(entries[1].1, 9);
        let Value::Array(items) = &entries[1].2.value else {
            panic!("not an array")
        };
        assert_eq!(items[3].value, Value::String("xé".into()));
        assert_eq!(items[2].value, Value::Float(2.5));
    }

    #[test]
    fn json_syntax_errors_are_located() {
        let syntax = |token| Problem::JsonSyntax { token };
        let cases: &[(&str, (usize, usize), Problem)] = &[
            (
                "{\n  \"a\": 1,\n  \"b\" 2\n}",
                (3, 7),
                syntax(JsonToken::Colon),
            ),
            ("{\"a\": [1, 2}", (1, 12), syntax(JsonToken::CommaBracket)),
            ("{\"a\": 1 \"b\"}", (1, 9), syntax(JsonToken::CommaBrace)),
            ("{1: 2}", (1, 2), syntax(JsonToken::Key)),
            (
                "{\"a\": 1, \"a\": 2}",
                (1, 10),
                Problem::DuplicateKey { key: "a".into() },
            ),
            ("{\"a\": \"open", (1, 7), Problem::JsonUnterminated {}),
            ("[1] x", (1, 5), syntax(JsonToken::End)),
            ("", (1, 1), syntax(JsonToken::Value)),
            (
                "[1-2]",
                (1, 2),
                Problem::JsonNotNumber { text: "1-2".into() },
            ),
            (
                &"[".repeat(100),
                (1, 66),
                Problem::TooDeep { max: MAX_DEPTH },
            ),
        ];
        for (text, at, problem) in cases {
            check_error(text, TextFormat::Json, *at, problem.clone());
        }
        // A bad escape: the library's words stay in the detail, for logs.
        let err = parse("[\"a\\qb\"]", TextFormat::Json).unwrap_err();
        assert!(
            matches!(*err.problem, Problem::JsonBadString { .. }),
            "{err:?}"
        );
        assert!(!err.text(crate::Lang::En).contains("escape at"), "{err}");
    }

    #[test]
    fn toml_tree_is_in_source_order_with_offsets() {
        let text = "z = 1\n[t]\n\"A-1\" = { insource = 3 }\n";
        let node = parse(text, TextFormat::Toml).unwrap();
        let cursor = Cursor::root(text, &node);
        let entries = cursor.entries().unwrap();
        assert_eq!(entries[0].key, "z");
        assert_eq!(entries[1].key, "t");
        let inner = entries[1].cursor.entries().unwrap();
        let level = inner[0]
            .cursor
            .table(&["insource"])
            .unwrap()
            .required("insource")
            .unwrap();
        assert_eq!(level.path(), "t.\"A-1\".insource");
        assert_eq!(
            level.error(Problem::NoName {}).to_string(),
            "line 3, column 22 (t.\"A-1\".insource): The respondent's name is empty. Write who answered."
        );
    }

    #[test]
    fn toml_syntax_errors_are_located() {
        let err = parse("a = 1\nb = = 2\n", TextFormat::Toml).unwrap_err();
        assert!(matches!(err.place, Place::Text { line: 2, .. }), "{err}");
        assert!(
            matches!(*err.problem, Problem::TomlSyntax { .. }),
            "{err:?}"
        );
        assert!(
            err.text(crate::Lang::Ja)
                .contains("TOML として正しくありません"),
            "{err}"
        );
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_column("名前 = 1\nx", 9), (1, 6));
        assert_eq!(line_column("a\nbc", 3), (2, 2));
    }

    #[test]
    fn unknown_keys_and_types_are_reported_with_their_path() {
        let text = "{\"a\": {\"x\": 1, \"y\": \"s\"}}";
        let node = parse(text, TextFormat::Json).unwrap();
        let root = Cursor::root(text, &node).table(&["a"]).unwrap();
        let a = root.required("a").unwrap();
        let err = a.table(&["x"]).err().unwrap();
        assert_eq!(
            err.to_string(),
            "line 1, column 16 (a.y): Unknown key “y”. Expected one of: x. Check the spelling, or remove it."
        );
        let y = a.table(&["x", "y"]).unwrap().required("y").unwrap();
        assert_eq!(
            *y.integer().unwrap_err().problem,
            Problem::WrongType {
                expected: Expected::Integer,
                found_kind: FoundKind::String,
                found: "s".into()
            }
        );
        assert_eq!(
            y.integer().unwrap_err().text(crate::Lang::Ja),
            "1 行目 21 文字目（a.y）: 整数が必要ですが、文字列「s」が書かれています。"
        );
        let missing = a
            .table(&["x", "y", "z"])
            .unwrap()
            .required("z")
            .unwrap_err();
        assert_eq!(missing.path, "a.z");
    }
}
