// Matching throughput as wasm in Chromium, on the text and watchlist that
// `cargo run --release --example bench_match` wrote to target/bench/.
import { join } from 'node:path';
import { launch, ROOT, serve } from '../tests/e2e/harness.mjs';

const server = await serve({ '/pkg/': join(ROOT, 'pkg'), '/data/': join(ROOT, 'target/bench'), '/bench/': join(ROOT, 'bench'), '/demo/': join(ROOT, 'demo') });
const browser = await launch({ extension: null });
const page = await browser.context.newPage();
await page.goto(`${server.origin}/bench/match.html`);
const r = await page.evaluate(() => window.run());
const mb = r.bytes / 1e6;
console.log(`wasm (Chromium): first engine (demo watchlist) ${r.firstMs.toFixed(1)} ms; `
  + `${mb.toFixed(1)} MB, ${r.count} mentions, build ${r.buildMs.toFixed(1)} ms, `
  + `best of 5 ${r.bestMs.toFixed(1)} ms = ${(mb / (r.bestMs / 1e3)).toFixed(0)} MB/s`);
await browser.close();
await server.close();
