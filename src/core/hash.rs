//! 32-bit FNV-1a: tiny, and unlike std's hasher, stable across builds and platforms, so
//! what it names (a citation key, an imported project's id, an import's release) stays
//! the same. `build.rs` repeats it: a build script cannot use the crate it builds.

pub fn fnv1a(bytes: &[u8]) -> u32 {
    fnv1a_more(0x811c_9dc5, bytes)
}

/// `fnv1a` of what `h` hashed so far followed by `bytes`: a hash of several pieces
/// without joining them (`fnv1a_more(fnv1a(a), b) == fnv1a(a ++ b)`).
pub fn fnv1a_more(h: u32, bytes: &[u8]) -> u32 {
    bytes.iter().fold(h, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
}

#[cfg(test)]
mod tests {
    #[test]
    fn reference_values() {
        assert_eq!(super::fnv1a(b""), 0x811c_9dc5);
        assert_eq!(super::fnv1a(b"a"), 0xe40c_292c);
        assert_eq!(super::fnv1a_more(super::fnv1a(b"ab"), b"cd"), super::fnv1a(b"abcd"));
    }
}
