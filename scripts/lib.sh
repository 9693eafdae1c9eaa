# Shared settings for the scripts. Sourced, not run.
# Build caches live outside the clone so a fresh clone (CI) reuses them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${KARTOTEKA_CACHE:-$HOME/.cache/kartoteka}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE/target}"
WASM_TARGET_DIR="$CACHE/target-wasm"
SITE_DIR="${KARTOTEKA_SITE_DIR:-$ROOT/target/site}"
WASM_BINDGEN_VERSION="0.2.130"
TOOLCHAIN_ENV="$CACHE/toolchain.env"
# Cuts the browser's wasm at its `#[wasm_split]` functions (scripts/build-web).
WASM_SPLIT="$CACHE/tools/bin/kartoteka-wasm-split"
# The SurrealDB server `setup --test` builds; tests start it over TLS too.
export KARTOTEKA_SURREAL="$CACHE/tools/bin/surreal"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
mkdir -p "$CACHE"

# Runs a command and prints how long it took, for docs/BUILD-TIMES.md.
timed() {
  local label="$1"; shift
  local t0=$SECONDS
  "$@"
  log "$label took $((SECONDS - t0)) s"
}
