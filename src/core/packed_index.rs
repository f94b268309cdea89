//! A catalog's index (`dataset::Index`) in the packed form, so that the import worker
//! builds it and the page adopts it without a pass over 100,000 projects on its main
//! thread. It names the dataset it was built for (project count and a hash of the ids),
//! and the page refuses an index of another.

use super::dataset::{Amount, Catalog, Index, Presorted, Row, Texts};
use super::hash::fnv1a;
use super::model::{Dataset, Qualifier};
use super::packed::{Pack, PackError, Reader, Writer};

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
            // u32::MAX (no value) is the commonest large code: a varint of it takes 5 bytes, like any.
            w.put(&c);
        }
        w.put(&self.themes);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
        let (investment, jobs) = (r.get()?, r.get()?);
        let mut codes = [0u32; 5];
        for c in &mut codes {
            *c = r.get()?;
        }
        Ok(Row { investment, jobs, codes, themes: r.get()? })
    }
}

impl Pack for Texts {
    fn put(&self, w: &mut Writer) {
        w.put(&self.text).put(&self.ends);
    }
    /// Each end within the text and on a character boundary, in order.
    fn get(r: &mut Reader<'_>) -> Result<Self, PackError> {
        let text: String = r.get()?;
        let at = r.pos;
        let ends: Vec<u32> = r.get()?;
        let mut start = 0usize;
        for &end in &ends {
            let end = end as usize;
            if end < start || !text.is_char_boundary(end) {
                return Err(PackError::Bad { at, what: "text end" });
            }
            start = end;
        }
        Ok(Texts { text, ends })
    }
}

/// Names the projects an index was built for: their count and ids.
fn fingerprint(ds: &Dataset) -> (u64, u32) {
    let mut ids = Vec::with_capacity(ds.projects.len() * 16);
    for p in &ds.projects {
        ids.extend_from_slice(p.id.as_bytes());
        ids.push(b'\n');
    }
    (ds.projects.len() as u64, fnv1a(&ids))
}

/// The index of `cat`, for `unpack_index` with the same dataset.
pub fn pack_index(cat: &Catalog) -> Vec<u8> {
    let mut w = Writer::new();
    let (n, ids) = fingerprint(&cat.ds);
    w.put(&n).put(&ids);
    for values in &cat.facet_values {
        w.put(values);
    }
    w.put(&cat.rows).put(&cat.search);
    let mut places: Vec<(&usize, &Vec<u32>)> = cat.places.iter().collect();
    places.sort();
    w.varint(places.len() as u64);
    for (i, codes) in places {
        w.put(&(*i as u64)).put(codes);
    }
    w.buf
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

/// The index `pack_index` wrote for `ds`, or why it is not one: another dataset's, or
/// damaged (a code past its facet's values, a place past the projects).
pub fn unpack_index(bytes: &[u8], ds: &Dataset) -> Result<Index, PackError> {
    let mut r = Reader::new(bytes)?;
    let (n, ids): (u64, u32) = (r.get()?, r.get()?);
    if (n, ids) != fingerprint(ds) {
        return Err(PackError::Bad { at: 6, what: "index of this dataset" });
    }
    let mut facet_values: [Vec<String>; 5] = Default::default();
    for values in &mut facet_values {
        *values = r.get()?;
    }
    let at = r.pos;
    let rows: Vec<Row> = r.get()?;
    let coded = |row: &Row| row.codes.iter().zip(&facet_values).all(|(&c, vals)| c == u32::MAX || (c as usize) < vals.len());
    if rows.len() != ds.projects.len() || !rows.iter().all(coded) {
        return Err(PackError::Bad { at, what: "row of this dataset" });
    }
    let at = r.pos;
    let search: Texts = r.get()?;
    if search.len() != ds.projects.len() {
        return Err(PackError::Bad { at, what: "search text per project" });
    }
    let mut places = super::dataset::Places::default();
    for _ in 0..r.count()? {
        let at = r.pos;
        let i = usize::try_from(r.get::<u64>()?).ok().filter(|&i| i < ds.projects.len());
        let codes: Vec<u32> = r.get()?;
        let i = i.ok_or(PackError::Bad { at, what: "project of this dataset" })?;
        places.insert(i, codes);
    }
    r.finish()?;
    Ok(Index { rows, search, facet_values, places })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_index_round_trips_and_belongs_to_its_dataset() {
        let cat = crate::core::dataset::embedded().expect("embedded list loads");
        let index = Index::of(&cat.ds);
        let bytes = pack_index(&cat);
        assert_eq!(unpack_index(&bytes, &cat.ds).as_ref(), Ok(&index));
        let mut other = cat.ds.clone();
        other.projects[0].id.push('x');
        assert!(matches!(unpack_index(&bytes, &other), Err(PackError::Bad { what: "index of this dataset", .. })));
        for cut in 0..bytes.len() {
            assert!(unpack_index(&bytes[..cut], &cat.ds).is_err(), "cut at {cut}");
        }
    }
}
