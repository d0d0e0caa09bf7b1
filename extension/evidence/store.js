// The evidence locker: IndexedDB, shared by the service worker (which saves
// captures) and the locker page (which lists, annotates, deletes, exports).
//
// Every save and every deletion is one transaction over the records, their
// files and the hash chain, so a worker stopped half-way leaves the whole
// record or none. Hashing is done by the core's wasm, synchronously, inside
// the transaction: awaiting anything but IndexedDB there would end it early.
import { openDB } from 'idb';

export const GENESIS = '0'.repeat(64);
export const NAME = 'brand-radar-evidence';

/**
 * The locker's schema, one step per version: `MIGRATIONS[v - 1]` takes a
 * database at version v - 1 to v. A step only adds; a test opens a database
 * the previous version wrote, upgrades it, and checks every record and the
 * chain (tests/e2e/evidence.test.mjs, "migrations").
 * @type {((db: any, tx: any) => void)[]}
 */
export const MIGRATIONS = [
  // 1: records, their files, the chain, later notes.
  (db) => {
    db.createObjectStore('records', { keyPath: 'id' });
    db.createObjectStore('files'); // key: artifact name "<id>/<file>", value: Blob
    db.createObjectStore('chain', { autoIncrement: true });
    db.createObjectStore('notes', { keyPath: 'id' }); // later notes and tags, not hashed
  },
  // 2: records by capture time (what is not yet backed up), and the locker's own bookkeeping
  // (`meta`: the last backup, the last reminder).
  (db, tx) => {
    tx.objectStore('records').createIndex('captured_at', 'captured_at');
    db.createObjectStore('meta');
  },
];
export const VERSION = MIGRATIONS.length;

/**
 * Opens (and on first use creates, or upgrades) the locker. `terminated` is
 * called if the browser closes the connection itself (Chromium does on a
 * write's IO error, a full disk say): the handle is dead from then on.
 * @param {number} [version]
 * @param {{ terminated?: () => void }} [callbacks]
 */
export function openLocker(version = VERSION, { terminated } = {}) {
  return openDB(NAME, version, {
    upgrade(db, from, _to, tx) {
      for (let v = from; v < version; v++) MIGRATIONS[v](db, tx);
    },
    terminated,
  });
}

/**
 * The locker's connection, kept for a page's (or the worker's) lifetime:
 * `get()` opens it on first use, and again after the browser closed it (a
 * full disk closes it for every page that has it open), after an open that
 * failed, or after `drop()` — so the locker works again once space is freed,
 * without a reload.
 */
export function keptLocker() {
  let kept = null;
  const open = () => {
    const opened = openLocker(VERSION, { terminated: () => { if (kept === opened) kept = null; } });
    opened.catch(() => { if (kept === opened) kept = null; });
    return opened;
  };
  return {
    /** @returns {Promise<any>} */
    get: () => (kept ??= open()),
    drop: () => { kept = null; },
  };
}

/**
 * What went wrong, for the user: a full disk reads differently from a bug.
 * With `unlimitedStorage` there is no quota to exceed: a full disk shows as
 * Chromium failing to write the artifacts' blobs (`Failed to write blobs (IOError)`),
 * its database closing on an IO error (`FILE_ERROR_NO_SPACE`), or, seen on a
 * full disk too, the key generator's state failing to be written
 * (`Maximum key generator value reached`: our keys never come near 2^53).
 * After such an error Chromium closes the database: a request racing that
 * close fails with `The database connection is closing`, and opening it again
 * while the disk is full fails with `Internal error opening backing store`.
 */
export function saveError(err) {
  const quota = err?.name === 'QuotaExceededError'
    || /quota|failed to write blobs|IO ?error|no[ _]space|maximum key generator|connection is closing|backing store/i.test(String(err?.message));
  return { quota, message: String(err?.message ?? err) };
}

/** A record id that sorts by time: r<UTC stamp>-<random>. */
export function newId(now = new Date()) {
  const stamp = now.toISOString().replace(/[-:.TZ]/g, '');
  return `r${stamp}-${crypto.getRandomValues(new Uint32Array(1))[0].toString(36)}`;
}

async function head(tx) {
  const cursor = await tx.objectStore('chain').openCursor(null, 'prev');
  return cursor?.value.hash ?? GENESIS;
}

/**
 * Seals `draft` (a record without artifacts, prev or hash) with its `files`
 * (`[{ file, kind, type, bytes }]`) onto the chain and stores them, all or
 * nothing. Returns the sealed record.
 */
export async function saveRecord(db, core, draft, files) {
  const artifacts = files.map((f) => ({
    name: `${draft.id}/${f.file}`, kind: f.kind, sha256: core.sha256Hex(f.bytes), bytes: f.bytes.length,
  }));
  const tx = db.transaction(['records', 'files', 'chain'], 'readwrite');
  const prev = await head(tx);
  const record = JSON.parse(core.sealRecord(JSON.stringify({ ...draft, artifacts, prev: '', hash: '' }), prev));
  try {
    await Promise.all([
      tx.objectStore('records').add(record),
      ...files.map((f, i) => tx.objectStore('files').put(new Blob([f.bytes], { type: f.type }), artifacts[i].name)),
      tx.objectStore('chain').add({ id: record.id, kind: 'record', hash: record.hash, prev }),
      tx.done,
    ]);
  } catch (err) {
    // A request still pending when the transaction aborts fails with an AbortError ("the
    // transaction was aborted"); the cause, a full disk say, is the transaction's own error.
    throw tx.error ?? err;
  }
  return record;
}

/** Deletes records and their files; each deletion becomes a link of the chain. */
export async function deleteRecords(db, core, ids) {
  const tx = db.transaction(['records', 'files', 'chain', 'notes'], 'readwrite');
  let prev = await head(tx);
  const ops = [];
  for (const id of ids) {
    const record = await tx.objectStore('records').get(id);
    if (!record) continue;
    const at = new Date().toISOString();
    const hash = core.deletionHash(id, at, prev);
    ops.push(tx.objectStore('chain').add({ id, kind: 'deletion', hash, prev, at }),
      tx.objectStore('records').delete(id),
      tx.objectStore('notes').delete(id),
      ...record.artifacts.map((a) => tx.objectStore('files').delete(a.name)));
    prev = hash;
  }
  await Promise.all([...ops, tx.done]);
}

export const listRecords = (db) => db.getAll('records');
export const getChain = (db) => db.getAll('chain');
export const getFile = (db, name) => db.get('files', name);
export const getNotes = (db) => db.getAll('notes');

/** Sets a record's later note and tags (kept beside the sealed record). */
export async function annotate(db, id, { note, tags }) {
  await db.put('notes', { id, note: String(note ?? ''), tags: (tags ?? []).map(String),
    updated: new Date().toISOString() });
}

/** Two chain links are the same link. */
const sameLink = (a, b) => a.id === b.id && a.kind === b.kind && a.hash === b.hash && a.prev === b.prev;

/**
 * Restores a verified backup's `{ records, chain, annotations }` with its
 * artifacts (`files`: name to bytes) in one transaction, so that the chain
 * stays one chain: into an empty locker, everything; into one whose chain the
 * backup continues, the links after it (a deletion there deletes here too).
 * A backup older than the locker adds nothing; a locker whose chain went its
 * own way since the backup is refused (an Error with `diverged`), and then
 * nothing changes. Resolves to
 * `{ added, links, fresh }`: records and links added, whether the locker was empty.
 */
export async function restoreRecords(db, { records, chain, annotations }, files) {
  const live = new Map(records.map((r) => [r.id, r]));
  // Blobs before the transaction: it must not wait on anything but IndexedDB.
  const blobs = new Map(records.flatMap((r) => r.artifacts.map((a) => [a.name, new Blob([files[a.name]])])));
  const tx = db.transaction(['records', 'files', 'chain', 'notes'], 'readwrite');
  const mine = await tx.objectStore('chain').getAll();
  let shared = 0;
  while (shared < mine.length && shared < chain.length && sameLink(mine[shared], chain[shared])) shared++;
  if (shared < mine.length) {
    tx.abort();
    await tx.done.catch(() => {});
    // The backup is older than the locker: all of it is here already.
    if (shared === chain.length) return { added: 0, links: 0, fresh: false };
    throw Object.assign(new Error(`the locker and the backup went separate ways after ${shared} of their links`),
      { diverged: true });
  }
  const ops = [];
  let added = 0;
  for (const link of chain.slice(shared)) {
    ops.push(tx.objectStore('chain').add({ ...link }));
    if (link.kind === 'deletion') {
      const gone = await tx.objectStore('records').get(link.id);
      ops.push(tx.objectStore('records').delete(link.id), tx.objectStore('notes').delete(link.id),
        ...(gone?.artifacts ?? []).map((a) => tx.objectStore('files').delete(a.name)));
    } else if (live.has(link.id)) {
      const r = live.get(link.id);
      ops.push(tx.objectStore('records').put(r),
        ...r.artifacts.map((a) => tx.objectStore('files').put(blobs.get(a.name), a.name)));
      added++;
    }
  }
  for (const [id, n] of Object.entries(annotations ?? {})) {
    if (live.has(id)) ops.push(tx.objectStore('notes').put({ id, note: String(n.note ?? ''),
      tags: (n.tags ?? []).map(String), updated: String(n.updated ?? '') }));
  }
  await Promise.all([...ops, tx.done]);
  return { added, links: chain.length - shared, fresh: mine.length === 0 };
}

/** The locker's bookkeeping (`backup`: `{ at, records }` of the last backup; `reminded`: `{ at }`). */
export const getMeta = (db, key) => db.get('meta', key);
export const setMeta = (db, key, value) => db.put('meta', value, key);

/** How many records were captured after `iso` (all of them without one). */
export function countSince(db, iso) {
  return iso ? db.countFromIndex('records', 'captured_at', IDBKeyRange.lowerBound(iso, true)) : db.count('records');
}
