//! Step 1: bytes → a grid of cells. Workbooks (xlsx, xls, ods) are read with calamine;
//! text files are decoded (UTF-8 with or without a BOM, UTF-16 with a BOM, else GB18030,
//! detected, not asked) and split by the `csv` crate, comma or tab as the file uses.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, Dimensions, Ods, Range, Reader, Xls, Xlsx};

use super::ImportError;

/// One cell as the file stores it. Numbers stay numbers (a formula gives its cached value);
/// a date cell keeps its Excel serial number.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    Date(f64),
}

impl Value {
    /// The cell as it reads on the sheet: numbers in their shortest form (12500.37, not
    /// 12500.369999…), text as stored.
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.clone(),
            Value::Number(v) | Value::Date(v) => number_text(*v),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A number as a spreadsheet shows it: at most 15 significant digits, as Excel keeps, so
/// the binary noise of 12500.370000000001 reads 12500.37.
pub fn number_text(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let magnitude = if v == 0.0 { 0 } else { v.abs().log10().floor() as i32 };
    let decimals = (14 - magnitude).clamp(0, 30) as usize;
    let s = format!("{v:.decimals$}");
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    /// Rows of cells; `rows[r][c]` is at 1-based row `r + 1`, column `c + 1` of the sheet.
    pub rows: Vec<Vec<Value>>,
}

impl Sheet {
    pub fn cell(&self, r: usize, c: usize) -> &Value {
        static EMPTY: Value = Value::Empty;
        self.rows.get(r).and_then(|row| row.get(c)).unwrap_or(&EMPTY)
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
    /// Delimited text, with the encoding it was found in.
    Text { encoding: Encoding, tab: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Gb18030,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16 => "UTF-16",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    pub format: Format,
    pub sheets: Vec<Sheet>,
}

/// Rows read from one sheet at most: a list is a few thousand rows; a sheet of a million
/// formatted empty rows must not hold the worker.
pub const MAX_ROWS: usize = 200_000;
pub const MAX_COLS: usize = 200;

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub fn read(bytes: &[u8]) -> Result<Workbook, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if bytes.starts_with(ZIP) {
        // A zip is an xlsx or an ods; which one, only opening it tells.
        return match Xlsx::new(Cursor::new(bytes)) {
            Ok(x) => workbook(Format::Xlsx, Ok(x)),
            Err(xlsx) => match Ods::new(Cursor::new(bytes)) {
                Ok(o) => workbook(Format::Ods, Ok(o)),
                Err(_) => Err(broken(xlsx.to_string())),
            },
        };
    }
    if bytes.starts_with(OLE) {
        // An OLE file is an xls, or an xlsx that a password encrypted.
        return match Xls::new(Cursor::new(bytes)) {
            Ok(x) => workbook(Format::Xls, Ok(x)),
            Err(calamine::XlsError::Password) => Err(ImportError::Password),
            Err(e) => match Xlsx::new(Cursor::new(bytes)) {
                Err(calamine::XlsxError::Password) => Err(ImportError::Password),
                _ => Err(broken(e.to_string())),
            },
        };
    }
    text(bytes)
}

fn broken(detail: String) -> ImportError {
    if detail.to_lowercase().contains("password") {
        ImportError::Password
    } else {
        ImportError::Corrupt(detail)
    }
}

/// Merged regions, for the readers that report them.
trait Merges {
    fn merges(&mut self, _name: &str) -> Vec<Dimensions> {
        Vec::new()
    }
}

impl<RS: std::io::Read + std::io::Seek> Merges for Xlsx<RS> {
    fn merges(&mut self, name: &str) -> Vec<Dimensions> {
        self.merge_cells_by_sheet_name(name).unwrap_or_default()
    }
}

impl<RS: std::io::Read + std::io::Seek> Merges for Xls<RS> {
    fn merges(&mut self, name: &str) -> Vec<Dimensions> {
        self.merge_cells_by_sheet_name(name).unwrap_or_default()
    }
}

impl<RS> Merges for Ods<RS> {}

fn workbook<R, RS>(format: Format, reader: Result<R, ImportError>) -> Result<Workbook, ImportError>
where
    R: Reader<RS> + Merges,
    R::Error: std::fmt::Display,
    RS: std::io::Read + std::io::Seek,
{
    let mut reader = reader?;
    let mut sheets = Vec::new();
    for name in reader.sheet_names() {
        let range = reader.worksheet_range(&name).map_err(|e| broken(e.to_string()))?;
        let merges = reader.merges(&name);
        sheets.push(Sheet { rows: grid_of(&range, &merges), name });
    }
    if sheets.is_empty() {
        return Err(ImportError::Corrupt("no sheets".into()));
    }
    Ok(Workbook { format, sheets })
}

fn value_of(d: &Data) -> Value {
    match d {
        Data::Empty | Data::Error(_) => Value::Empty,
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(s.clone()),
        Data::DateTime(d) => Value::Date(d.as_f64()),
    }
}

/// The range from A1 (so positions are the sheet's own), with each merged region's value
/// copied into all its cells: a district merged down several projects belongs to each.
fn grid_of(range: &Range<Data>, merges: &[Dimensions]) -> Vec<Vec<Value>> {
    let Some((r0, c0)) = range.start() else { return Vec::new() };
    let (r1, c1) = range.end().unwrap_or((r0, c0));
    let rows = (r1 as usize + 1).min(MAX_ROWS);
    let cols = (c1 as usize + 1).min(MAX_COLS);
    let mut grid = vec![Vec::new(); rows];
    for (r, row) in range.rows().enumerate() {
        let at = r0 as usize + r;
        if at >= rows {
            break;
        }
        let mut cells = vec![Value::Empty; c0 as usize];
        cells.extend(row.iter().take(cols.saturating_sub(c0 as usize)).map(value_of));
        while cells.last().is_some_and(Value::is_empty) {
            cells.pop();
        }
        grid[at] = cells;
    }
    for m in merges {
        let (top, left) = (m.start.0 as usize, m.start.1 as usize);
        let v = grid.get(top).and_then(|r| r.get(left)).cloned().unwrap_or_default();
        if v.is_empty() {
            continue;
        }
        let bottom = (m.end.0 as usize).min(rows.saturating_sub(1));
        for row in grid.iter_mut().take(bottom + 1).skip(top) {
            for c in left..=(m.end.1 as usize).min(cols.saturating_sub(1)) {
                if row.len() <= c {
                    row.resize(c + 1, Value::Empty);
                }
                if row[c].is_empty() {
                    row[c] = v.clone();
                }
            }
        }
    }
    grid
}

/// Decodes a text file: a BOM decides; else valid UTF-8 is UTF-8 (borrowed, not copied:
/// a list may be 20 MB); else GB18030 (a superset of GBK, which is what Excel writes for
/// "CSV" on a Chinese Windows).
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), ImportError> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (String::from_utf8_lossy(rest), Encoding::Utf8)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        (enc.decode_without_bom_handling(&bytes[2..]).0, Encoding::Utf16)
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (Cow::Borrowed(s), Encoding::Utf8)
    } else {
        let (s, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
        if had_errors {
            return Err(ImportError::NotText);
        }
        (s, Encoding::Gb18030)
    };
    // Binary junk renamed .csv decodes "cleanly" as GB18030 far too often: text has no
    // control characters beyond tab and line breaks, and no NUL at all.
    let controls = control_chars(&text);
    if controls > 0 && (text.contains('\0') || controls * 100 >= text.chars().count().max(1)) {
        return Err(ImportError::NotText);
    }
    Ok((text, encoding))
}

/// The control characters in `text` other than tab and line breaks, counted on its bytes:
/// C0 and DEL are single bytes in UTF-8, and C1 (U+0080–U+009F) is 0xC2 then 0x80–0x9F.
fn control_chars(text: &str) -> usize {
    let b = text.as_bytes();
    let c0 = b.iter().filter(|&&x| (x < 0x20 && !matches!(x, b'\t' | b'\n' | b'\r')) || x == 0x7F).count();
    let c1 = b.windows(2).filter(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1])).count();
    c0 + c1
}

fn text(bytes: &[u8]) -> Result<Workbook, ImportError> {
    let (text, encoding) = decode(bytes)?;
    // Tab-separated when the first lines have more tabs than commas.
    let head: String = text.lines().take(20).collect();
    let tab = head.matches('\t').count() > head.matches(',').count();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(if tab { b'\t' } else { b',' })
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        if rows.len() >= MAX_ROWS {
            break;
        }
        let record = record.map_err(|e| ImportError::Corrupt(e.to_string()))?;
        let mut cells: Vec<Value> = record
            .iter()
            .take(MAX_COLS)
            .map(|s| if s.trim().is_empty() { Value::Empty } else { Value::Text(s.to_string()) })
            .collect();
        while cells.last().is_some_and(Value::is_empty) {
            cells.pop();
        }
        rows.push(cells);
    }
    Ok(Workbook { format: Format::Text { encoding, tab }, sheets: vec![Sheet { name: String::new(), rows }] })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_gbk_utf16_and_utf8() {
        let (gbk, _, _) = encoding_rs::GBK.encode("项目名称,总投资\n风电,100\n");
        let (s, e) = decode(&gbk).unwrap();
        assert_eq!((&*s, e), ("项目名称,总投资\n风电,100\n", Encoding::Gb18030));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "项目名称\t总投资".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let (s, e) = decode(&utf16).unwrap();
        assert_eq!((&*s, e), ("项目名称\t总投资", Encoding::Utf16));
        let (s, e) = decode("\u{feff}名称".as_bytes()).unwrap();
        assert_eq!((&*s, e), ("名称", Encoding::Utf8));
    }

    /// Counted on bytes, the control characters are those `char::is_control` finds.
    #[test]
    fn control_characters_are_counted_as_characters() {
        let by_char = |t: &str| t.chars().filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')).count();
        for t in ["", "名称,总投资\r\n风电\t100\n", "a\u{0}b\u{7f}\u{80}\u{9f}\u{a0}é\u{85}", "\u{1b}[0m", "¢£¤\u{c2}"] {
            assert_eq!(control_chars(t), by_char(t), "{t:?}");
        }
    }

    #[test]
    fn refuses_binary_junk() {
        let junk: Vec<u8> = (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(read(&junk), Err(ImportError::NotText | ImportError::Corrupt(_))));
        assert!(matches!(read(b"PK\x03\x04garbage"), Err(ImportError::Corrupt(_))));
        assert_eq!(read(b""), Err(ImportError::Empty));
    }

    #[test]
    fn numbers_read_as_shown() {
        assert_eq!(number_text(12.34 * 3.0), "37.02", "37.019999999999996 in binary");
        assert_eq!(number_text(85000.5), "85000.5");
        assert_eq!(number_text(120000.0), "120000");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
    }

    #[test]
    fn tab_separated_text() {
        let wb = read("序号\t项目名称\n1\t风电\n".as_bytes()).unwrap();
        assert_eq!(wb.format, Format::Text { encoding: Encoding::Utf8, tab: true });
        assert_eq!(wb.sheets[0].cell(1, 1), &Value::Text("风电".into()));
    }
}
