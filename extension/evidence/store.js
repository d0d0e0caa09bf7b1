// The evidence locker: IndexedDB, shared by the service worker (which saves
// captures) and the locker page (which lists, annotates, deletes, exports).
//
// Every save and every deletion is one transaction over the records, their
// files and the hash chain, so a worker stopped half-way leaves the whole
// record or none. Hashing is done by the core's wasm, synchronously, inside
// the transaction: awaiting anything but IndexedDB there would end it early.
import { openDB } from 'idb';

export const GENESIS = '0'.repeat(64);
const NAME = 'brand-radar-evidence';

/** Opens (and on first use creates) the locker. */
export function openLocker() {
  return openDB(NAME, 1, {
    upgrade(db) {
      db.createObjectStore('records', { keyPath: 'id' });
      db.createObjectStore('files'); // key: artifact name "<id>/<file>", value: Blob
      db.createObjectStore('chain', { autoIncrement: true });
      db.createObjectStore('notes', { keyPath: 'id' }); // later notes and tags, not hashed
    },
  });
}

/** What went wrong, for the user: a full disk reads differently from a bug. */
export function saveError(err) {
  const quota = err?.name === 'QuotaExceededError' || /quota/i.test(String(err?.message));
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
  await Promise.all([
    tx.objectStore('records').add(record),
    ...files.map((f, i) => tx.objectStore('files').put(new Blob([f.bytes], { type: f.type }), artifacts[i].name)),
    tx.objectStore('chain').add({ id: record.id, kind: 'record', hash: record.hash, prev }),
    tx.done,
  ]);
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
