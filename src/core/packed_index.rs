//! A catalog's index (`dataset::Index`) in the packed form, so that the import worker
//! builds it and the page adopts it without a pass over 100,000 projects on its main
//! thread. It names the dataset it was built for (the project count, and per chunk a hash
//! of its projects' ids), and the page refuses an index of another.

use super::dataset::{Amount, Catalog, Code, Index, Presorted, Row, Texts, NO_CODE};
use super::hash::{fnv1a, fnv1a_more};
use super::model::{Dataset, Project, Qualifier};
use super::packed::{put_slice, Pack, PackError, Reader, Writer};

impl Pack for Amount {
    fn put(&self, w: &mut Writer) {
        w.put(&self.value).put(&self.derived).put(&self.qualifier);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
        Ok(Amount { value: r.get()?, derived: r.get()?, qualifier: r.get::<Option<Qualifier>>()? })
    }
}

impl Pack for Row {
    fn put(&self, w: &mut Writer) {
        w.put(&self.investment).put(&self.jobs);
        for c in self.codes {
            w.put(&c);
        }
        w.put(&self.themes);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
        let (investment, jobs) = (r.get()?, r.get()?);
        let mut codes = [0; 5];
        for c in &mut codes {
            *c = r.get()?;
        }
        Ok(Row { investment, jobs, codes, themes: r.get()? })
    }
}

/// Projects per chunk, as the import worker sends a list and its index: the page reads a
/// chunk per task, about 10 ms each on these cores (unthrottled) for a list whose rows
/// keep every printed cell.
pub const CHUNK: usize = 1000;

/// Names a run of projects: a hash of their ids, folded without a copy of them.
fn fingerprint(projects: &[Project]) -> u32 {
    projects.iter().fold(fnv1a(b""), |h, p| fnv1a_more(fnv1a_more(h, p.id.as_bytes()), b"\n"))
}

/// A catalog's index in parts, so that the page adopts it a chunk per task, beside the
/// chunk of projects it belongs to: no task reads the whole index (12 MiB at 100,000
/// projects, most of it search text), and no copy of all of it is held at once.
#[derive(Debug, Clone, PartialEq)]
pub struct PackedIndex {
    /// The project count, the search text's length, the facet values and the places.
    pub head: Vec<u8>,
    /// Per chunk of `chunk` projects: their ids' fingerprint, rows and search texts.
    pub chunks: Vec<Vec<u8>>,
}

/// The index of `cat` in parts of `chunk` projects (the chunks the projects are sent in).
pub fn pack_index(cat: &Catalog, chunk: usize) -> PackedIndex {
    let mut w = Writer::new();
    w.put(&(cat.ds.projects.len() as u64)).put(&(cat.search.text.len() as u64));
    for values in &cat.facet_values {
        w.put(values);
    }
    let mut places: Vec<(&usize, &Vec<Code>)> = cat.places.iter().collect();
    places.sort();
    w.varint(places.len() as u64);
    for (i, codes) in places {
        w.put(&(*i as u64)).put(codes);
    }
    let chunk = chunk.max(1);
    let chunks = (0..cat.ds.projects.len())
        .step_by(chunk)
        .map(|from| {
            let to = (from + chunk).min(cat.ds.projects.len());
            let mut c = Writer::new();
            c.put(&fingerprint(&cat.ds.projects[from..to]));
            put_slice(&cat.rows[from..to], &mut c);
            let base = if from == 0 { 0 } else { cat.search.ends[from - 1] };
            let text = &cat.search.text[base as usize..cat.search.ends[to - 1] as usize];
            c.put(&text.to_string());
            let ends: Vec<u32> = cat.search.ends[from..to].iter().map(|e| e - base).collect();
            c.put(&ends);
            c.buf
        })
        .collect();
    PackedIndex { head: w.buf, chunks }
}

/// Reads a `PackedIndex` a chunk at a time, checking each against its projects.
pub struct IndexReader {
    n: usize,
    facet_values: [Vec<String>; 5],
    places: super::dataset::Places,
    rows: Vec<Row>,
    search: Texts,
}

impl IndexReader {
    /// The head; `chunk_bytes`, the chunks' total size, bounds what is reserved, so a
    /// hostile count cannot ask for a huge allocation.
    pub fn new(head: &[u8], chunk_bytes: usize) -> Result<IndexReader, PackError> {
        let mut r = Reader::new(head)?;
        let n = usize::try_from(r.get::<u64>()?).unwrap_or(usize::MAX);
        let text_len = usize::try_from(r.get::<u64>()?).unwrap_or(usize::MAX);
        let mut facet_values: [Vec<String>; 5] = Default::default();
        for values in &mut facet_values {
            *values = r.get()?;
        }
        let mut places = super::dataset::Places::default();
        for _ in 0..r.count()? {
            let at = r.pos;
            let i = usize::try_from(r.get::<u64>()?).ok().filter(|&i| i < n);
            let codes: Vec<Code> = r.get()?;
            let i = i.ok_or(PackError::Bad { at, what: "project of this dataset" })?;
            places.insert(i, codes);
        }
        r.finish()?;
        let search = Texts { text: String::with_capacity(text_len.min(chunk_bytes)), ends: Vec::with_capacity(n.min(chunk_bytes)) };
        Ok(IndexReader { n, facet_values, places, rows: Vec::with_capacity(n.min(chunk_bytes)), search })
    }

    /// The project count the head names.
    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The next chunk, which must be `projects`' own (the chunk of projects sent with it).
    pub fn read_chunk(&mut self, bytes: &[u8], projects: &[Project]) -> Result<(), PackError> {
        let mut r = Reader::new(bytes)?;
        if r.get::<u32>()? != fingerprint(projects) {
            return Err(PackError::Bad { at: 6, what: "index of this dataset" });
        }
        let at = r.pos;
        let rows: Vec<Row> = r.get()?;
        let values = &self.facet_values;
        let coded = |row: &Row| row.codes.iter().zip(values).all(|(&c, vals)| c == NO_CODE || usize::from(c) < vals.len());
        if rows.len() != projects.len() || !rows.iter().all(coded) {
            return Err(PackError::Bad { at, what: "row of this dataset" });
        }
        // Read in place and appended once: not copied into a string of its own first.
        let text = r.str()?;
        let at = r.pos;
        let ends: Vec<u32> = r.get()?;
        r.finish()?;
        let mut start = 0usize;
        for &end in &ends {
            let end = end as usize;
            if end < start || !text.is_char_boundary(end) {
                return Err(PackError::Bad { at, what: "text end" });
            }
            start = end;
        }
        if ends.len() != projects.len() || start != text.len() {
            return Err(PackError::Bad { at, what: "search text per project" });
        }
        let base = u32::try_from(self.search.text.len()).map_err(|_| PackError::Bad { at, what: "text end" })?;
        self.search.text.push_str(text);
        self.search.ends.extend(ends.iter().map(|e| e + base));
        self.rows.extend(rows);
        Ok(())
    }

    /// The index, once every chunk of `ds`'s projects is read.
    pub fn finish(self, ds: &Dataset) -> Result<Index, PackError> {
        if self.n != ds.projects.len() || self.rows.len() != self.n {
            return Err(PackError::Bad { at: 6, what: "index of this dataset" });
        }
        let IndexReader { facet_values, places, rows, search, .. } = self;
        Ok(Index { rows, search, facet_values, places })
    }
}

/// The index `pack_index` wrote for `ds`, or why it is not one: another dataset's, or
/// damaged (a code past its facet's values, a place past the projects). The page reads
/// it in steps (`IndexReader`); this is the same reading at once.
pub fn unpack_index(index: &PackedIndex, ds: &Dataset, chunk: usize) -> Result<Index, PackError> {
    let mut reader = IndexReader::new(&index.head, index.chunks.iter().map(Vec::len).sum())?;
    let mut parts = ds.projects.chunks(chunk.max(1));
    for bytes in &index.chunks {
        let projects = parts.next().ok_or(PackError::Bad { at: 0, what: "index of this dataset" })?;
        reader.read_chunk(bytes, projects)?;
    }
    reader.finish(ds)
}

/// A table order (`Presorted`), for `unpack_order`.
pub fn pack_order(order: &Presorted) -> Vec<u8> {
    let mut w = Writer::new();
    w.put(&order.key);
    let rows: Vec<u32> = order.rows.iter().map(|&i| i as u32).collect();
    w.put(&rows);
    w.buf
}

/// The order `pack_order` wrote, if it is one of `n` projects: each index once.
pub fn unpack_order(bytes: &[u8], n: usize) -> Result<Presorted, PackError> {
    let mut r = Reader::new(bytes)?;
    let key: String = r.get()?;
    let at = r.pos;
    let rows: Vec<u32> = r.get()?;
    r.finish()?;
    let mut seen = vec![false; n];
    let once = |i: &u32| seen.get_mut(*i as usize).is_some_and(|s| !std::mem::replace(s, true));
    if rows.len() != n || !rows.iter().all(once) {
        return Err(PackError::Bad { at, what: "order of every project" });
    }
    Ok(Presorted { key, rows: std::sync::Arc::new(rows.into_iter().map(|i| i as usize).collect()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_index_round_trips_and_belongs_to_its_dataset() {
        let cat = crate::core::dataset::embedded().expect("embedded list loads");
        let index = Index::of(&cat.ds);
        for chunk in [1, 4, 1000] {
            let packed = pack_index(&cat, chunk);
            assert_eq!(packed.chunks.len(), cat.ds.projects.len().div_ceil(chunk));
            assert_eq!(unpack_index(&packed, &cat.ds, chunk).as_ref(), Ok(&index), "chunks of {chunk}");
            let mut other = cat.ds.clone();
            other.projects[0].id.push('x');
            assert!(matches!(unpack_index(&packed, &other, chunk), Err(PackError::Bad { what: "index of this dataset", .. })));
            // A chunk missing, or read against another chunk's projects: refused.
            let mut short = packed.clone();
            short.chunks.pop();
            assert!(unpack_index(&short, &cat.ds, chunk).is_err());
            if packed.chunks.len() > 1 {
                let mut swapped = packed.clone();
                swapped.chunks.swap(0, 1);
                assert!(unpack_index(&swapped, &cat.ds, chunk).is_err());
            }
        }
        let packed = pack_index(&cat, 4);
        for cut in 0..packed.head.len() {
            let head = PackedIndex { head: packed.head[..cut].to_vec(), chunks: packed.chunks.clone() };
            assert!(unpack_index(&head, &cat.ds, 4).is_err(), "head cut at {cut}");
        }
        for cut in 0..packed.chunks[0].len() {
            let mut chunks = packed.chunks.clone();
            chunks[0].truncate(cut);
            assert!(unpack_index(&PackedIndex { head: packed.head.clone(), chunks }, &cat.ds, 4).is_err(), "chunk cut at {cut}");
        }
    }
}
