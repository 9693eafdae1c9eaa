//! `kartoteka-wasm-split INPUT.wasm OUT_DIR`: writes `OUT_DIR/kartoteka.wasm`
//! (the main module, for wasm-bindgen), one `split_<module>.wasm` per
//! `#[wasm_split(<module>)]` name, `chunk_<n>.wasm` for code several of them
//! share, and `__wasm_split.js`, which fetches them.
//!
//! The function names the linker writes (the `name` section) are dropped
//! first: the splitter would copy them into every module it writes, where
//! they were two thirds of the bytes, and wasm-bindgen drops the main
//! module's anyway.

use std::path::PathBuf;
use std::process::ExitCode;

mod sections;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir] = args.as_slice() else {
        eprintln!("usage: kartoteka-wasm-split INPUT.wasm OUT_DIR");
        return ExitCode::from(2);
    };
    match run(PathBuf::from(input), PathBuf::from(out_dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kartoteka-wasm-split: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(input: PathBuf, out_dir: PathBuf) -> Result<(), String> {
    let wasm = std::fs::read(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    let wasm = sections::without_custom(&wasm, "name")
        .map_err(|e| format!("{}: not a wasm module: {e}", input.display()))?;
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let main_out = out_dir.join("kartoteka.wasm");
    let mut opts = wasm_split_cli_support::Options::new(&wasm);
    opts.output_dir = &out_dir;
    opts.main_out_path = &main_out;
    opts.main_module = "./kartoteka.js";
    opts.link_name = "./__wasm_split.js";
    wasm_split_cli_support::transform(opts).map_err(|e| format!("splitting failed: {e:#}"))?;
    Ok(())
}
