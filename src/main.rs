#[cfg(target_arch = "wasm32")]
mod page_hooks;

#[cfg(target_arch = "wasm32")]
fn main() {
    tongliao_explorer::app::start();
}

/// Natively, print a summary of the embedded dataset (used by the benchmark and the closing note).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    match tongliao_explorer::core::dataset::embedded() {
        Ok(c) => println!("{}", tongliao_explorer::core::dataset::summary(&c.ds)),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
