//! The compact dataset format: the schema's values in a versioned binary form, so that a
//! list crosses from the import worker to the page, and is read there, without JSON.
//! Strings are UTF-8 with a length, counts and small integers LEB128 varints, amounts
//! IEEE 754 little-endian, enums one byte by position in their list below, options a
//! 0/1 byte. A stream starts with `MAGIC` and `VERSION`; a field added to the schema
//! bumps `VERSION`. Reading checks every length against the bytes left, so a truncated
//! or hostile buffer is an error, never a panic or a huge allocation.

use std::fmt;

use super::model::*;

pub const MAGIC: [u8; 4] = *b"TLXP";
/// Bumped with every change to what is written; a reader refuses another version.
pub const VERSION: u16 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackError {
    NotPacked,
    Version(u16),
    /// The buffer ends before `at`.
    Truncated { at: usize },
    /// A byte at `at` is not a value of what is read there (an enum, a flag, UTF-8).
    Bad { at: usize, what: &'static str },
    /// Bytes left over after the value.
    Trailing { at: usize },
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackError::NotPacked => write!(f, "not a packed dataset"),
            PackError::Version(v) => write!(f, "packed dataset version {v}, this build reads {VERSION}"),
            PackError::Truncated { at } => write!(f, "packed dataset cut short at byte {at}"),
            PackError::Bad { at, what } => write!(f, "packed dataset: not a {what} at byte {at}"),
            PackError::Trailing { at } => write!(f, "packed dataset: unexpected bytes from byte {at}"),
        }
    }
}

pub struct Writer {
    pub buf: Vec<u8>,
}

impl Default for Writer {
    fn default() -> Writer {
        Writer::new()
    }
}

impl Writer {
    pub fn new() -> Writer {
        let mut w = Writer { buf: Vec::new() };
        w.buf.extend_from_slice(&MAGIC);
        w.buf.extend_from_slice(&VERSION.to_le_bytes());
        w
    }

    pub fn byte(&mut self, b: u8) {
        self.buf.push(b);
    }

    pub fn varint(&mut self, mut v: u64) {
        loop {
            let low = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                return self.buf.push(low);
            }
            self.buf.push(low | 0x80);
        }
    }

    pub fn put<T: Pack>(&mut self, v: &T) -> &mut Writer {
        v.put(self);
        self
    }
}

pub struct Reader<'a> {
    bytes: &'a [u8],
    pub pos: usize,
    /// The `Slug`s read so far, so that each value is allocated once per buffer.
    slugs: rustc_hash::FxHashMap<&'a str, Slug>,
}

impl<'a> Reader<'a> {
    /// Checks the magic and version.
    pub fn new(bytes: &'a [u8]) -> Result<Reader<'a>, PackError> {
        if bytes.len() < 6 || bytes[..4] != MAGIC {
            return Err(PackError::NotPacked);
        }
        let version = u16::from_le_bytes([bytes[4], bytes[5]]);
        if version != VERSION {
            return Err(PackError::Version(version));
        }
        Ok(Reader { bytes, pos: 6, slugs: Default::default() })
    }

    pub fn left(&self) -> usize {
        self.bytes.len() - self.pos
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], PackError> {
        if n > self.left() {
            return Err(PackError::Truncated { at: self.bytes.len() });
        }
        let out = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }

    pub fn byte(&mut self) -> Result<u8, PackError> {
        Ok(self.take(1)?[0])
    }

    pub fn varint(&mut self) -> Result<u64, PackError> {
        let at = self.pos;
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(PackError::Bad { at, what: "varint" })
    }

    /// A count of items that each take at least one byte: never more than the bytes left,
    /// so a hostile count cannot reserve memory the buffer does not back.
    pub fn count(&mut self) -> Result<usize, PackError> {
        let at = self.pos;
        let n = self.varint()?;
        usize::try_from(n).ok().filter(|&n| n <= self.left()).ok_or(PackError::Truncated { at })
    }

    /// A string as `String` writes it, borrowed from the buffer.
    pub fn str(&mut self) -> Result<&'a str, PackError> {
        let n = self.count()?;
        let at = self.pos;
        std::str::from_utf8(self.take(n)?).map_err(|_| PackError::Bad { at, what: "UTF-8 string" })
    }

    pub fn get<T: Pack>(&mut self) -> Result<T, PackError> {
        T::get(self)
    }

    /// The whole buffer was one value.
    pub fn finish(&self) -> Result<(), PackError> {
        if self.left() == 0 {
            Ok(())
        } else {
            Err(PackError::Trailing { at: self.pos })
        }
    }
}

/// A value of the schema, written and read in the packed form.
pub trait Pack: Sized {
    fn put(&self, w: &mut Writer);
    fn get(r: &mut Reader<'_>) -> Result<Self, PackError>;
}

impl Pack for String {
    fn put(&self, w: &mut Writer) {
        w.varint(self.len() as u64);
        w.buf.extend_from_slice(self.as_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
        r.str().map(str::to_owned)
    }
}

macro_rules! pack_uint {
    ($($t:ty),*) => {$(
        impl Pack for $t {
            fn put(&self, w: &mut Writer) {
                w.varint(u64::from(*self));
            }
            fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
                let at = r.pos;
                <$t>::try_from(r.varint()?).map_err(|_| PackError::Bad { at, what: stringify!($t) })
            }
        }
    )*};
}
pack_uint!(u8, u16, u32, u64);

impl Pack for bool {
    fn put(&self, w: &mut Writer) {
        w.byte(u8::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
        let at = r.pos;
        match r.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(PackError::Bad { at, what: "flag" }),
        }
    }
}

impl Pack for f64 {
    fn put(&self, w: &mut Writer) {
        w.buf.extend_from_slice(&self.to_le_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
        let b = r.take(8)?;
        Ok(f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
    }
}

impl<T: Pack> Pack for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.byte(0),
            Some(v) => {
                w.byte(1);
                v.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
        Ok(if r.get::<bool>()? { Some(r.get()?) } else { None })
    }
}

/// As `String` writes it; read once per distinct value of the buffer.
impl Pack for Slug {
    fn put(&self, w: &mut Writer) {
        w.varint(self.len() as u64);
        w.buf.extend_from_slice(self.as_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
        let s = r.str()?;
        Ok(r.slugs.entry(s).or_insert_with(|| Slug::from(s)).clone())
    }
}

/// The same bytes as `T`'s: boxing a field changes no format.
impl<T: Pack> Pack for Box<T> {
    fn put(&self, w: &mut Writer) {
        (**self).put(w);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
        Ok(Box::new(r.get()?))
    }
}

impl<T: Pack> Pack for Vec<T> {
    fn put(&self, w: &mut Writer) {
        put_slice(self, w);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
        let n = r.count()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(r.get()?);
        }
        Ok(out)
    }
}

impl<T: Pack> Pack for thin_vec::ThinVec<T> {
    fn put(&self, w: &mut Writer) {
        put_slice(self, w);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
        let n = r.count()?;
        let mut out = thin_vec::ThinVec::with_capacity(n);
        for _ in 0..n {
            out.push(r.get()?);
        }
        Ok(out)
    }
}

impl Pack for [u8; 2] {
    fn put(&self, w: &mut Writer) {
        w.buf.extend_from_slice(self);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
        let b = r.take(2)?;
        Ok([b[0], b[1]])
    }
}

/// A list as `Vec<T>` writes it, from a slice (a chunk of a dataset's projects).
pub fn put_slice<T: Pack>(items: &[T], w: &mut Writer) {
    w.varint(items.len() as u64);
    for v in items {
        v.put(w);
    }
}

/// An enum as one byte, its position in the list: the list must name every variant (the
/// match is exhaustive), and its order is part of the format.
macro_rules! pack_enum {
    ($t:ident: $($v:ident),+ $(,)?) => {
        impl Pack for $t {
            fn put(&self, w: &mut Writer) {
                const ALL: &[$t] = &[$($t::$v),+];
                // Names every variant, so a new one that the list lacks does not compile.
                match self { $($t::$v)|+ => {} }
                w.byte(ALL.iter().position(|x| x == self).unwrap_or(0) as u8);
            }
            fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
                const ALL: &[$t] = &[$($t::$v),+];
                let at = r.pos;
                ALL.get(usize::from(r.byte()?)).copied().ok_or(PackError::Bad { at, what: stringify!($t) })
            }
        }
    };
}

/// A struct as its fields in order: the list must name every field (the struct literal
/// checks it), and its order is part of the format.
macro_rules! pack_struct {
    ($t:ident { $($f:ident),+ $(,)? }) => {
        impl Pack for $t {
            fn put(&self, w: &mut Writer) {
                $(self.$f.put(w);)+
            }
            fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
                Ok($t { $($f: r.get()?),+ })
            }
        }
    };
}

pack_enum!(TotalScope: Subtotal, Total);
pack_enum!(Kind: Highlight, Mentioned, Listed);
pack_enum!(Stage: Planned, UnderConstruction, InProduction);
pack_enum!(MilestoneEvent: Start, Production, Completion);
pack_enum!(Metric: Investment, Jobs, OutputValue, ValueAdded, Revenue, ProfitTax, Tax, PowerCapacity, StorageCapacity, Generation,
    UtilisationHours, LandArea, PermanentLandArea, FloorArea, ProductionCapacity, ProcessingCapacity, StorageVolume, CoalSaved, CoalRate,
    EmissionsAvoided, ProductionLines, Units, Reserves, ServiceLife, HerdSize, Voltage, Count, GrowthRate, RateChange);
pack_enum!(Unit: Yuan, Person, Kw, Kwh, Tonne, Mu, Hectare, SquareMetre, Hour, Year, Count, Kv, GramPerKwh, BillionUnits, Percent,
    PercentagePoint);
pack_enum!(Qualifier: AtLeast, Nearly, About, Over, OddMore);
pack_enum!(Period: Once, Annual, Lifetime, PlanYear, ToDate);
pack_enum!(ProgrammeGroup: KeyProjects, InvestmentAttraction, BusinessEnvironment, NewEnergy2022, NewEnergy14thFyp, Urban,
    PublicService, Ecology, WindExport);

pack_struct!(I18n { zh, en });
// As its three numbers, a row or column of none written 0 (which names no cell).
impl Pack for SourceRef {
    fn put(&self, w: &mut Writer) {
        w.put(&self.line).put(&self.row()).put(&self.col());
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
        Ok(SourceRef::new(r.get()?, r.get()?, r.get()?))
    }
}
pack_struct!(Source { file, title, sheet, year, sha256 });
pack_struct!(District { id, name, short, tile });
pack_struct!(Sector { id, code, name, short });
pack_struct!(Theme { id, name });
pack_struct!(Section { id, name, printed, count, src });
pack_struct!(Cell { col, text });
pack_struct!(Figure { metric, part, item, period, value, unit, printed, unit_from, qualifier, src });
pack_struct!(PrintedTotal { id, scope, label, section, members, figures, src });
pack_struct!(ProgrammeFigure { id, group, label, figure });
pack_struct!(StageRecord { value, src });
pack_struct!(Part { id, name });
pack_struct!(Milestone { event, part, date, printed, src });
pack_struct!(Project {
    id, kind, name, translit, district, places, sector, section, status, themes, stage, company, summary, parts, milestones,
    figures, src, cells
});
pack_struct!(Dataset { release, region, source, districts, sectors, themes, projects, programme, sections, stages, columns, totals });

/// Whether `bytes` claim to be packed (of any version).
pub fn is_packed(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// Packed by another version of the format (a list published before the schema grew):
/// its JSON, which stays readable, is the one to read.
pub fn other_version(bytes: &[u8]) -> bool {
    matches!(Reader::new(bytes), Err(PackError::Version(_)))
}

/// One value, with the magic and version in front.
pub fn pack<T: Pack>(v: &T) -> Vec<u8> {
    let mut w = Writer::new();
    w.put(v);
    w.buf
}

/// The one value `pack` wrote, or why not.
pub fn unpack<T: Pack>(bytes: &[u8]) -> Result<T, PackError> {
    let mut r = Reader::new(bytes)?;
    let v = r.get()?;
    r.finish()?;
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_round_trip() {
        for v in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(unpack::<u64>(&pack(&v)), Ok(v));
        }
        for v in [0.0, -1.5, 1.762e11, f64::MAX, f64::MIN_POSITIVE] {
            assert_eq!(unpack::<f64>(&pack(&v)), Ok(v));
        }
        let s = "通辽 % + & # = x".to_string();
        assert_eq!(unpack::<String>(&pack(&s)), Ok(s));
        assert_eq!(unpack::<Option<u32>>(&pack(&Some(7u32))), Ok(Some(7)));
    }

    #[test]
    fn every_enum_value_round_trips() {
        use Metric::*;
        for m in [Investment, Jobs, OutputValue, ValueAdded, Revenue, ProfitTax, Tax, PowerCapacity, StorageCapacity, Generation,
            UtilisationHours, LandArea, PermanentLandArea, FloorArea, ProductionCapacity, ProcessingCapacity, StorageVolume, CoalSaved,
            CoalRate, EmissionsAvoided, ProductionLines, Units, Reserves, ServiceLife, HerdSize, Voltage, Count, GrowthRate, RateChange]
        {
            assert_eq!(unpack::<Metric>(&pack(&m)), Ok(m));
        }
        assert_eq!(unpack::<Unit>(&pack(&Unit::PercentagePoint)), Ok(Unit::PercentagePoint));
        assert_eq!(unpack::<Period>(&pack(&Period::ToDate)), Ok(Period::ToDate));
    }

    #[test]
    fn a_foreign_or_other_version_buffer_is_refused() {
        assert_eq!(unpack::<u32>(b"{\"release\":1}"), Err(PackError::NotPacked));
        assert_eq!(unpack::<u32>(b""), Err(PackError::NotPacked));
        let mut other = pack(&1u32);
        other[4] = 9;
        assert_eq!(unpack::<u32>(&other), Err(PackError::Version(9)));
        assert!(other_version(&other) && !other_version(&pack(&1u32)) && !other_version(b"{}"));
        let mut trailing = pack(&1u32);
        trailing.push(0);
        assert_eq!(unpack::<u32>(&trailing), Err(PackError::Trailing { at: 7 }));
    }

    #[test]
    fn a_hostile_count_reserves_nothing() {
        let mut w = Writer::new();
        w.varint(u64::MAX >> 1);
        assert!(matches!(unpack::<Vec<String>>(&w.buf), Err(PackError::Truncated { .. })));
        let mut w = Writer::new();
        w.byte(2);
        w.buf.extend_from_slice(&[0xff, 0xfe]);
        assert!(matches!(unpack::<String>(&w.buf), Err(PackError::Bad { what: "UTF-8 string", .. })));
        assert!(matches!(unpack::<Kind>(&pack(&9u8)), Err(PackError::Bad { what: "Kind", .. })));
    }
}
