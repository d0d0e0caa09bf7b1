// Evidence bundles (docs/evidence.md): the files of a selection of records —
// manifest.json, the artifacts, report.html, timestamp.tsq, SHA256SUMS — zipped. Bundles are
// read back and verified by the core (`verifyBundle`, src/bundle.rs), the same
// code as `brand-radar verify`.
import { zipSync } from 'fflate';
import { getChain, getFile, getNotes } from './store.js';

export const FORMAT = 'brand-radar-evidence';
const utf8 = (s) => new TextEncoder().encode(s);
/** Already compressed: stored as is, which is also faster. */
const STORED = /\.(png|jpe?g|webp|gz|zip)$/i;

/** `{ name: Uint8Array }` of the records' artifacts, read from the locker. */
export async function artifactsOf(db, records) {
  const files = {};
  await Promise.all(records.flatMap((r) => r.artifacts.map(async (a) => {
    const blob = await getFile(db, a.name);
    if (!blob) throw new Error(`${a.name} is missing from the locker`);
    files[a.name] = new Uint8Array(await blob.arrayBuffer());
  })));
  return files;
}

/**
 * Every file of the bundle of `records`. `report(records, annotations)` makes
 * report.html's text (the page that calls us has a DOM to build it with);
 * `extra` files (a backup's settings and history) are listed in SHA256SUMS
 * with the rest; `kind` marks the manifest (`backup`).
 * @param {any} db
 * @param {any} core
 * @param {any[]} records
 * @param {{ report?: (records: any[], annotations: any) => string, extra?: Record<string, Uint8Array>,
 *   kind?: string }} [options]
 */
export async function bundleFiles(db, core, records, { report, extra = {}, kind } = {}) {
  const chain = (await getChain(db))
    .map(({ id, kind, hash, prev, at }) => (at ? { id, kind, hash, prev, at } : { id, kind, hash, prev }));
  const wanted = new Set(records.map((r) => r.id));
  const annotations = Object.fromEntries((await getNotes(db)).filter((n) => wanted.has(n.id))
    .map(({ id, note, tags, updated }) => [id, { note, tags, updated }]));
  const manifest = { format: FORMAT, version: 1, created: new Date().toISOString(), ...kind ? { kind } : {},
    records, chain, annotations };
  /** @type {Record<string, Uint8Array>} */
  const files = { ...extra, ...await artifactsOf(db, records) };
  files['manifest.json'] = utf8(JSON.stringify(manifest, null, 2));
  // An RFC 3161 request over the manifest, for a timestamp authority of the user's choosing
  // (docs/evidence.md); nothing is sent from here.
  files['timestamp.tsq'] = core.timestampRequest(files['manifest.json'], crypto.getRandomValues(new Uint8Array(8)));
  if (report) files['report.html'] = utf8(report(records, annotations));
  // The artifacts' hashes are the ones sealed at capture, so a file changed
  // in the locker since then shows up as a mismatch, not a fresh hash.
  const sealed = new Map(records.flatMap((r) => r.artifacts.map((a) => [a.name, a.sha256])));
  files.SHA256SUMS = utf8(Object.keys(files).sort()
    .map((name) => `${sealed.get(name) ?? core.sha256Hex(files[name])}  ${name}\n`).join(''));
  return files;
}

/** A ZIP of `files`; images stored, text deflated fast. */
export function zip(files) {
  return zipSync(Object.fromEntries(Object.entries(files)
    .map(([name, bytes]) => [name, [bytes, { level: STORED.test(name) ? 0 : 1 }]])));
}

/** The problems in the core's verdict on a bundle, one line each, records' named by their id. */
export const problemsOf = (verdict) => [...verdict.problems,
  ...verdict.items.flatMap((i) => i.problems.map((p) => `${i.id}: ${p}`))];
