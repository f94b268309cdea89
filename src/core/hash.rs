//! 32-bit FNV-1a: tiny, and unlike std's hasher, stable across builds and platforms, so
//! what it names (a citation key, an imported project's id, an import's release) stays
//! the same. `build.rs` repeats it: a build script cannot use the crate it builds.

pub fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
}

#[cfg(test)]
mod tests {
    #[test]
    fn reference_values() {
        assert_eq!(super::fnv1a(b""), 0x811c_9dc5);
        assert_eq!(super::fnv1a(b"a"), 0xe40c_292c);
    }
}
