#!/usr/bin/env bash
# The main job: set up, build the extension, and show it working on the
# bundled demo pages (screenshots and findings in out/demo/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node scripts/build.mjs
node scripts/demo.mjs "$@"
# The CLI checks the exported bundle too: every hash, every record, the chain.
cargo run -q --release --bin brand-radar -- verify out/demo/evidence.zip
