#!/usr/bin/env bash
# Sets up, builds and runs every test: native Rust, wasm (Node), extension
# units, and end to end in Chromium. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "== build"
node scripts/build.mjs --package

echo "== extension: lint and type checks (ESLint, tsc --checkJs)"
node_modules/.bin/eslint extension scripts
node_modules/.bin/tsc -p tsconfig.json
node_modules/.bin/tsc -p scripts/tsconfig.json

echo "== rust: format and lints"
cargo fmt --check
cargo clippy --all-targets -q -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown -q -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -q -- -D warnings

echo "== rust: native tests"
cargo test --release -- --skip fuzz_

echo "== rust: fuzzing, 20 s per target (tests/fuzz.rs)"
FUZZ_SECONDS=20 cargo test --release --test fuzz -- --nocapture

echo "== rust: wasm tests (Node)"
cargo test --release --target wasm32-unknown-unknown --test wasm

echo "== extension: Firefox build, web-ext lint (no errors, no warnings)"
NO_UPDATE_NOTIFIER=1 node_modules/.bin/web-ext lint --source-dir dist/firefox --self-hosted --warnings-as-errors --output text

echo "== extension: unit tests"
node --test tests/extension/

echo "== extension: end to end in Chromium"
node --test --test-concurrency=1 tests/e2e/
