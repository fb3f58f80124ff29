//! One sheet read as calamine reads it: the position of every cell (also without an `r`
//! attribute), the sheet's `<dimension>`, and the budgets of cells with a value, of the area from
//! the first to the last of them, and of their text.

use quick_xml::events::Event;

use crate::limits::{
    MAX_CELLS, MAX_GRID_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_UNCOMPRESSED_BYTES,
    human_bytes,
};
use crate::problem::{InputError, Place, Problem};
use crate::workbook::cell_name;

use super::Guard;
use super::nesting::Inner;
use super::part::open;
use super::shared_strings::SharedStrings;
use super::syntax::{GRID_ROWS, Ref, attributes, attributes_once, number, reference, shorten};

impl Guard<'_> {
    /// A sheet: the position of every cell as calamine computes it, the cells with a value and
    /// their text.
    pub(super) fn sheet(&mut self, index: usize, name: &str) -> Result<(), InputError> {
        let part_name = self
            .zip
            .name_for_index(index)
            .and_then(Result::ok)
            .map(|n| n.into_owned())
            .unwrap_or_default();
        let label = if name.is_empty() {
            part_name.clone()
        } else {
            format!("{name} ({part_name})")
        };
        let place_name = if name.is_empty() {
            part_name.clone()
        } else {
            name.to_string()
        };
        self.read[index] = true;
        let mut part = open(&mut self.zip, self.unpacked, index, Some(label.clone()))?;
        let mut state = SheetState {
            sheet: place_name,
            label,
            phase: Phase::Head,
            row: 0,
            col: 0,
            bounds: None,
        };
        let mut counts = Counts {
            cells: self.cells,
            text: self.text,
            strings: &self.strings,
        };
        while let Some(event) = part.next()? {
            if !state.event(event, &mut counts)? {
                break;
            }
        }
        let (cells, text) = (counts.cells, counts.text);
        self.unpacked = part.finish()?;
        self.cells = cells;
        self.text = text;
        if let Some((top, left, bottom, right)) = state.bounds {
            self.area += (bottom - top + 1) * (right - left + 1);
            if self.area > MAX_GRID_CELLS {
                return Err(state.at(
                    bottom,
                    right,
                    Problem::GridTooBig {
                        max: MAX_GRID_CELLS,
                    },
                ));
            }
        }
        Ok(())
    }
}

/// The workbook-wide counts a sheet adds to.
struct Counts<'s> {
    cells: usize,
    text: u64,
    strings: &'s SharedStrings,
}

/// Where the reading of a sheet is.
enum Phase {
    /// Before `<sheetData>`: only `<dimension>` matters.
    Head,
    /// Inside `<sheetData>`, between cells.
    Data,
    /// Inside a `<c>` element.
    Cell(Box<CellState>),
}

struct CellState {
    /// The position calamine gives the cell (0-based row and column).
    row: u64,
    col: u64,
    /// The cell's type is `s`: its `<v>` is an index into the shared strings.
    shared: bool,
    /// A child element was seen: calamine may read a value.
    counted: bool,
    /// The next event is the first inside a `<v>` of a shared-string cell.
    index_next: bool,
    inner: Inner,
}

struct SheetState {
    /// The sheet's name for `Place::Cell` (its part if it has none).
    sheet: String,
    label: String,
    phase: Phase,
    /// calamine's current row and column for cells without an `r` attribute (0-based).
    row: u64,
    col: u64,
    /// The first and last rows and columns with a value: (top, left, bottom, right).
    bounds: Option<(u64, u64, u64, u64)>,
}

impl SheetState {
    /// Takes one event; `false` when calamine stops reading the sheet here.
    fn event(&mut self, event: Event<'_>, counts: &mut Counts<'_>) -> Result<bool, InputError> {
        match &mut self.phase {
            Phase::Head => {
                if let Event::Start(e) = event {
                    match e.local_name().as_ref() {
                        "dimension" => {
                            for (key, value) in attributes(e.attributes_raw()) {
                                if key == "ref" {
                                    self.dimension(value)?;
                                }
                            }
                        }
                        "sheetData" => self.phase = Phase::Data,
                        _ => {}
                    }
                }
                Ok(true)
            }
            Phase::Data => match event {
                Event::Start(e) if e.local_name().as_ref() == "row" => {
                    let r = attributes(e.attributes_raw()).find(|(k, _)| *k == "r");
                    if let Some((_, r)) = r {
                        match reference(r) {
                            Ref::Bad => return Ok(false), // calamine gives up on the sheet
                            Ref::Outside => {
                                return Err(InputError::whole(
                                    "",
                                    Problem::RowBeyondGrid {
                                        part: self.label.clone(),
                                        row: number(r).unwrap_or(u64::MAX),
                                        max: GRID_ROWS,
                                    },
                                ));
                            }
                            Ref::At { row, .. } => self.row = row,
                        }
                    }
                    Ok(true)
                }
                Event::End(e) if e.local_name().as_ref() == "row" => {
                    self.row += 1;
                    self.col = 0;
                    Ok(true)
                }
                Event::Start(e) if e.local_name().as_ref() == "c" => {
                    let Some([r, _, t]) = attributes_once(e.attributes_raw(), ["r", "s", "t"])
                    else {
                        return Err(InputError::whole(
                            "",
                            Problem::AttributeTwice {
                                part: self.label.clone(),
                                row: (self.row + 1).to_string(),
                            },
                        ));
                    };
                    let shared = t == Some("s");
                    let (row, col) = match r {
                        None => (self.row, self.col),
                        Some(r) => match reference(r) {
                            Ref::At {
                                row,
                                col: Some(col),
                            } => {
                                self.col = col;
                                (row, col)
                            }
                            Ref::At { col: None, .. } | Ref::Bad => return Ok(false),
                            Ref::Outside => return Err(self.outside(r)),
                        },
                    };
                    let inner = Inner::new(e.name().as_ref(), self.label.clone(), true)?;
                    self.phase = Phase::Cell(Box::new(CellState {
                        row,
                        col,
                        shared,
                        counted: false,
                        index_next: false,
                        inner,
                    }));
                    Ok(true)
                }
                Event::End(e) if e.local_name().as_ref() == "sheetData" => Ok(false),
                _ => Ok(true),
            },
            Phase::Cell(cell) => {
                let index_next = std::mem::take(&mut cell.index_next);
                let text = match event {
                    Event::Start(e) => {
                        if cell.inner.depth() == 1 {
                            if !cell.counted {
                                cell.counted = true;
                                counts.cells += 1;
                                let (row, col) = (cell.row, cell.col);
                                if row >= u64::from(MAX_SHEET_ROWS)
                                    || col >= u64::from(MAX_SHEET_COLUMNS)
                                {
                                    return Err(self.at(
                                        row,
                                        col,
                                        Problem::CellOutsideTable {
                                            rows: MAX_SHEET_ROWS,
                                            columns: MAX_SHEET_COLUMNS,
                                            last: cell_name(
                                                MAX_SHEET_ROWS - 1,
                                                MAX_SHEET_COLUMNS - 1,
                                            ),
                                        },
                                    ));
                                }
                                self.bounds = Some(match self.bounds {
                                    None => (row, col, row, col),
                                    Some((t, l, b, r)) => {
                                        (t.min(row), l.min(col), b.max(row), r.max(col))
                                    }
                                });
                                if counts.cells > MAX_CELLS {
                                    return Err(self.at(
                                        row,
                                        col,
                                        Problem::TooManyCells { max: MAX_CELLS },
                                    ));
                                }
                            }
                            cell.index_next = cell.shared && e.local_name().as_ref() == "v";
                        }
                        cell.inner
                            .start(e.name().as_ref(), &["c", "row", "sheetData"])?;
                        0
                    }
                    Event::End(e) => {
                        if cell.inner.end(e.name().as_ref())? {
                            self.phase = Phase::Data;
                            self.col += 1;
                        }
                        0
                    }
                    Event::Text(t) => {
                        let shared = if index_next {
                            counts.strings.cost(&t)
                        } else {
                            0
                        };
                        t.len() as u64 + shared
                    }
                    Event::CData(t) => t.len() as u64,
                    Event::GeneralRef(_) => 4,
                    _ => 0,
                };
                if text > 0 {
                    counts.text = counts.text.saturating_add(text);
                    if counts.text > MAX_UNCOMPRESSED_BYTES
                        && let Phase::Cell(cell) = &self.phase
                    {
                        let (row, col) = (cell.row, cell.col);
                        return Err(self.at(
                            row,
                            col,
                            Problem::TooMuchText {
                                max: human_bytes(MAX_UNCOMPRESSED_BYTES),
                            },
                        ));
                    }
                }
                Ok(true)
            }
        }
    }

    /// `<dimension ref=…>`: calamine computes the size of the area it names, which must exist.
    fn dimension(&self, value: &str) -> Result<(), InputError> {
        let parts: Vec<Ref> = value.split(':').map(reference).collect();
        if let Some(r) = value
            .split(':')
            .zip(&parts)
            .find(|(_, p)| matches!(p, Ref::Outside))
        {
            return Err(self.outside(r.0));
        }
        if let [
            Ref::At {
                row: r0,
                col: Some(c0),
            },
            Ref::At {
                row: r1,
                col: Some(c1),
            },
        ] = parts[..]
            && (r1 < r0 || c1 < c0)
        {
            return Err(InputError::whole(
                "",
                Problem::BadDimension {
                    part: self.label.clone(),
                    found: shorten(value),
                },
            ));
        }
        Ok(())
    }

    fn at(&self, row: u64, col: u64, problem: Problem) -> InputError {
        InputError {
            place: Place::Cell {
                sheet: self.sheet.clone(),
                cell: cell_name(row as u32, col as u32),
            },
            path: String::new(),
            problem: Box::new(problem),
        }
    }

    fn outside(&self, r: &str) -> InputError {
        InputError::whole(
            "",
            Problem::CellBeyondGrid {
                part: self.label.clone(),
                cell: shorten(r),
            },
        )
    }
}
