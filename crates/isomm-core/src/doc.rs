//! A positioned document tree for TOML and JSON input, and a decoder that reports where a value is wrong.
//!
//! Both formats are first turned into the same [`Node`] tree, where every value and key keeps its
//! byte offset in the source. Decoding then walks that tree with a [`Cursor`] that knows the key
//! path (`respondents[0].answers."A-1".insource`), so every error names the line, the column, the
//! path and what was expected, whichever format the file was written in.

use std::fmt;

/// Which text format a document is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextFormat {
    Toml,
    Json,
}

/// Where in the input an error was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A text file: 1-based line and column (columns count characters, not bytes).
    Text { line: usize, column: usize },
    /// A CSV file: 1-based line of the record, and the column's header name.
    Csv { line: usize, column: String },
    /// A cell of a workbook: the sheet's name and the cell's name (`E7`).
    Cell { sheet: String, cell: String },
    /// The input as a whole (for example "no respondents" in an empty CSV file).
    Whole,
}

/// A located, human-readable input error: where, which field, and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub place: Place,
    /// The key path of the offending field, such as `respondents[0].answers."A-1".insource`; may be empty.
    pub path: String,
    /// What is wrong, in words: what was expected and what was found.
    pub message: String,
}

impl InputError {
    pub fn whole(path: impl Into<String>, message: impl Into<String>) -> InputError {
        InputError {
            place: Place::Whole,
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Place::Text { line, column } => write!(f, "line {line}, column {column}: ")?,
            Place::Csv { line, column } => write!(f, "line {line}, column {column}: ")?,
            Place::Cell { sheet, cell } => write!(f, "sheet {sheet}, cell {cell}: ")?,
            Place::Whole => {}
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

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
    /// The kind of value, in words, for "expected …, found …" messages.
    pub fn kind(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => format!("the boolean {b}"),
            Value::Integer(i) => format!("the integer {i}"),
            Value::Float(x) => format!("the number {x}"),
            Value::String(s) => format!("the string {s:?}"),
            Value::Datetime(d) => format!("the date {d}"),
            Value::Array(_) => "a list".into(),
            Value::Table(_) => "a table".into(),
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

fn located(text: &str, offset: usize, path: &str, message: impl Into<String>) -> InputError {
    let (line, column) = line_column(text, offset);
    InputError {
        place: Place::Text { line, column },
        path: path.into(),
        message: message.into(),
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
                Err(_) => return Err(located(text, at, "", "integer out of range")),
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
                format!("TOML syntax error: {}", err.message()),
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
            return Err(self.error("JSON syntax error: expected the end of the document"));
        }
        Ok(node)
    }

    fn error(&self, message: impl Into<String>) -> InputError {
        located(self.text, self.pos, "", message)
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), InputError> {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(format!("JSON syntax error: expected {what}")))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, InputError> {
        if depth > MAX_DEPTH {
            return Err(self.error("JSON syntax error: nested too deeply"));
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
            _ => return Err(self.error("JSON syntax error: expected a value")),
        };
        Ok(Node { at, value })
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, InputError> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("JSON syntax error: expected a value"))
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
                Err(self.error(format!("JSON syntax error: {token:?} is not a number")))
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
                    return Err(self.error("JSON syntax error: unterminated string"));
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
                format!("JSON syntax error: invalid string ({e})"),
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
                _ => return Err(self.error("JSON syntax error: expected ',' or ']'")),
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
                return Err(self.error("JSON syntax error: expected a key in double quotes"));
            }
            let key_at = self.pos;
            let key = self.string()?;
            if entries.iter().any(|(k, _, _)| *k == key) {
                return Err(located(
                    self.text,
                    key_at,
                    "",
                    format!("duplicate key {key:?} in the same object"),
                ));
            }
            self.expect(b':', "':' after the key")?;
            let value = self.value(depth + 1)?;
            entries.push((key, key_at, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Table(entries));
                }
                _ => return Err(self.error("JSON syntax error: expected ',' or '}'")),
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
    pub fn error(&self, message: impl Into<String>) -> InputError {
        located(self.text, self.node.at, &self.path, message)
    }

    fn expected(&self, what: &str) -> InputError {
        self.error(format!("expected {what}, found {}", self.node.value.kind()))
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
            _ => Err(self.expected("a table")),
        }
    }

    /// A table with a fixed set of keys: any other key is an error.
    pub fn table(&self, allowed: &[&str]) -> Result<Table<'a>, InputError> {
        let entries = self.entries()?;
        for entry in &entries {
            if !allowed.contains(&entry.key) {
                return Err(entry.key_error(format!(
                    "unknown key {:?}; expected one of: {}",
                    entry.key,
                    allowed.join(", ")
                )));
            }
        }
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
            _ => Err(self.expected("a list")),
        }
    }

    pub fn string(&self) -> Result<&'a str, InputError> {
        match &self.node.value {
            Value::String(s) => Ok(s),
            _ => Err(self.expected("a string")),
        }
    }

    /// An integer; a float with no fractional part is accepted (spreadsheets write 3 as 3.0).
    pub fn integer(&self) -> Result<i64, InputError> {
        match &self.node.value {
            Value::Integer(i) => Ok(*i),
            Value::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => Ok(*x as i64),
            _ => Err(self.expected("an integer")),
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
    pub fn key_error(&self, message: impl Into<String>) -> InputError {
        located(self.cursor.text, self.key_at, &self.cursor.path, message)
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
                .error(format!("missing key {key:?}"))
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

    fn check_error(text: &str, format: TextFormat, expected: &str) {
        let err = parse(text, format).unwrap_err();
        assert_eq!(err.to_string(), expected);
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
        check_error(
            "{\n  \"a\": 1,\n  \"b\" 2\n}",
            TextFormat::Json,
            "line 3, column 7: JSON syntax error: expected ':' after the key",
        );
        check_error(
            "{\"a\": [1, 2}",
            TextFormat::Json,
            "line 1, column 12: JSON syntax error: expected ',' or ']'",
        );
        check_error(
            "{\"a\": 1, \"a\": 2}",
            TextFormat::Json,
            "line 1, column 10: duplicate key \"a\" in the same object",
        );
        check_error(
            "{\"a\": \"open",
            TextFormat::Json,
            "line 1, column 7: JSON syntax error: unterminated string",
        );
        check_error(
            "[1] x",
            TextFormat::Json,
            "line 1, column 5: JSON syntax error: expected the end of the document",
        );
        check_error(
            "",
            TextFormat::Json,
            "line 1, column 1: JSON syntax error: expected a value",
        );
        check_error(
            &"[".repeat(100),
            TextFormat::Json,
            "line 1, column 66: JSON syntax error: nested too deeply",
        );
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
            level.error("x").to_string(),
            "line 3, column 22: t.\"A-1\".insource: x"
        );
    }

    #[test]
    fn toml_syntax_errors_are_located() {
        let err = parse("a = 1\nb = = 2\n", TextFormat::Toml).unwrap_err();
        assert!(matches!(err.place, Place::Text { line: 2, .. }), "{err}");
        assert!(err.message.starts_with("TOML syntax error"), "{err}");
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
            "line 1, column 16: a.y: unknown key \"y\"; expected one of: x"
        );
        let y = a.table(&["x", "y"]).unwrap().required("y").unwrap();
        assert_eq!(
            y.integer().unwrap_err().message,
            "expected an integer, found the string \"s\""
        );
        let missing = a
            .table(&["x", "y", "z"])
            .unwrap()
            .required("z")
            .unwrap_err();
        assert_eq!(missing.path, "a.z");
    }
}
