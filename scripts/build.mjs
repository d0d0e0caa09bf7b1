// Builds the extension: Rust core -> wasm -> pkg/, then bundles each
// extension entry into dist/chrome and dist/firefox with generated manifests.
// With --package, also the store packages (docs: store/README.md).
// Usage: node scripts/build.mjs [--skip-wasm] [--package]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ext = join(root, 'extension');
const pkg = join(root, 'pkg');
const bin = join(root, 'node_modules', '.bin');

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
}

/** Builds the crate for wasm and returns the .wasm file cargo says it wrote (it may not be under target/). */
function cargoWasm(features) {
  const out = execFileSync('cargo', ['build', '--release', '--lib', '--target', 'wasm32-unknown-unknown',
    '--message-format=json-render-diagnostics', ...features], { cwd: root, stdio: ['ignore', 'pipe',
      'inherit'], maxBuffer: 1 << 28 });
  const wasm = out.toString().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l))
    .filter((m) => m.reason === 'compiler-artifact' && m.target?.name === 'brand_radar')
    .flatMap((m) => m.filenames).find((f) => f.endsWith('.wasm'));
  if (!wasm) throw new Error('cargo reported no brand_radar .wasm artifact');
  return wasm;
}

/** wasm-bindgen and wasm-opt over one build: pkg/<name>.js and pkg/<name>_bg.wasm. */
function bindgen(wasm, name) {
  // The reset function lets a context re-instantiate the core after a panic.
  // It also writes pkg/<name>.d.ts, which types the core's API for tsc --checkJs.
  run('wasm-bindgen', ['--target', 'web', '--experimental-reset-state-function', '--out-dir', pkg,
    '--out-name', name, wasm]);
  // binaryen from npm: Debian's wasm-opt 108 corrupts wasm-bindgen 0.2.130 output.
  const out = join(pkg, `${name}_bg.wasm`);
  run(join(bin, 'wasm-opt'), ['-O3', '--enable-simd', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
    '--enable-sign-ext', '--enable-mutable-globals', out, '-o', out]);
}

/**
 * Two cores: the whole one (matcher, scorer and model, evidence) for the
 * service worker and the extension's pages, and a matcher-only one for
 * content scripts, loaded in every tab (the linker drops what its exports
 * never reach). The full build goes last, so target/ ends with it.
 */
export function buildWasm() {
  bindgen(cargoWasm(['--no-default-features']), 'brand_radar_match');
  bindgen(cargoWasm([]), 'brand_radar');
}

/** The manifest for one browser, from the one source in extension/manifest.json. */
export function manifestFor(browser) {
  const base = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8'));
  const m = structuredClone(base);
  if (browser === 'firefox') {
    // Firefox MV3 runs background scripts as an event page, not a service worker.
    m.background = { scripts: [base.background.service_worker], type: 'module' };
    m.browser_specific_settings = {
      gecko: { id: 'brand-radar@brand-radar.invalid', strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] } },
    };
    // pageCapture and the side panel do not exist in Firefox.
    m.permissions = m.permissions.filter((p) => p !== 'pageCapture' && p !== 'sidePanel');
    m.sidebar_action = { default_panel: base.side_panel.default_path, default_title: base.name };
    delete m.side_panel;
    // Firefox gives each install its own random origin already: nothing to probe by ID.
    for (const w of m.web_accessible_resources) delete w.use_dynamic_url;
  }
  return m;
}

/**
 * Builds the extension for `browser` into dist/<browser>; with `test`, into
 * dist/<browser>-test with the hooks the end-to-end tests drive (`__TEST__`),
 * which the shipped build does not hold.
 * @param {'chrome' | 'firefox'} browser
 * @param {{ test?: boolean }} [options]
 */
export async function buildExtension(browser, { test = false } = {}) {
  const out = join(root, 'dist', test ? `${browser}-test` : browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const pages = ['popup', 'options', 'welcome', 'sidepanel', 'locker', 'dashboard'];
  for (const dir of ['_locales', 'icons', 'content', ...pages]) {
    cpSync(join(ext, dir), join(out, dir), {
      recursive: true,
      filter: (src) => !src.endsWith('.js') || src.includes('_locales'),
    });
  }
  for (const f of ['brand_radar_bg.wasm', 'brand_radar_match_bg.wasm']) cpSync(join(pkg, f), join(out, f));
  cpSync(join(root, 'node_modules/uplot/dist/uPlot.min.css'), join(out, 'dashboard/uPlot.min.css'));
  // minifySyntax folds `__FIREFOX__ ? … : …` so each build holds only its own browser's calls.
  /** @type {import('esbuild').BuildOptions} */
  const common = { bundle: true, target: 'chrome120', logLevel: 'warning', legalComments: 'none', minifySyntax: true,
    define: { __FIREFOX__: String(browser === 'firefox'), __TEST__: String(test) } };
  // Content scripts cannot be ES modules: bundle them as one classic script.
  await esbuild.build({ ...common, entryPoints: [join(ext, 'content/index.js')], format: 'iife',
    loader: { '.css': 'text' },
    outfile: join(out, 'content/index.js'), logOverride: { 'empty-import-meta': 'silent' } });
  await esbuild.build({ ...common, entryPoints: {
    'background': join(ext, 'background/index.js'),
    'popup/popup': join(ext, 'popup/popup.js'),
    'options/options': join(ext, 'options/options.js'),
    'welcome/welcome': join(ext, 'welcome/welcome.js'),
    'sidepanel/panel': join(ext, 'sidepanel/panel.js'),
    'locker/locker': join(ext, 'locker/locker.js'),
    'dashboard/dashboard': join(ext, 'dashboard/dashboard.js'),
  }, format: 'esm', outdir: out });
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifestFor(browser), null, 2));
  return out;
}

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
function filesUnder(dir) {
  const walk = (d) => readdirSync(d)
    .flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  return walk(dir).map((f) => relative(dir, f).split('\\').join('/')).sort();
}

/**
 * The store packages in dist/packages: the Chrome Web Store zip of
 * dist/chrome (manifest.json at its root, fixed dates so a rebuild of the
 * same sources gives the same bytes) and the Firefox add-on, by `web-ext
 * build`. Returns their paths.
 */
export async function packageExtensions() {
  const { zipSync } = await import('fflate');
  const out = join(root, 'dist/packages');
  mkdirSync(out, { recursive: true });
  const { version } = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8'));
  const chromeDir = join(root, 'dist/chrome');
  const entries = Object.fromEntries(filesUnder(chromeDir).map((f) => [f,
    [new Uint8Array(readFileSync(join(chromeDir, f))), { mtime: new Date('2026-01-01T00:00:00Z') }]]));
  const chrome = join(out, `brand-radar-chrome-${version}.zip`);
  writeFileSync(chrome, zipSync(entries, { level: 9 }));
  const firefox = join(out, `brand-radar-firefox-${version}.zip`);
  execFileSync(join(bin, 'web-ext'), ['build', '--source-dir', join(root, 'dist/firefox'), '--artifacts-dir', out,
    '--filename', `brand-radar-firefox-${version}.zip`, '--overwrite-dest'],
  { cwd: root, stdio: 'ignore', env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } });
  return [chrome, firefox];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!process.argv.includes('--skip-wasm') || !existsSync(join(pkg, 'brand_radar_match_bg.wasm'))) buildWasm();
  for (const b of /** @type {const} */ (['chrome', 'firefox'])) console.log(`built ${await buildExtension(b)}`);
  for (const b of /** @type {const} */ (['chrome', 'firefox'])) console.log(`built ${await buildExtension(b, { test: true })}`);
  if (process.argv.includes('--package')) for (const p of await packageExtensions()) console.log(`packaged ${p}`);
}
