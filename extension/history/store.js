// The history: comments that mention a watched brand, as seen while browsing,
// kept in IndexedDB on this computer only, for as many days as the options
// say. The service worker writes it; the dashboard and options read it.
//
// One item per comment (keyed by page and text), so reloading a page or
// scrolling past the same comment again counts it once.
import { openDB } from 'idb';

const NAME = 'brand-radar-history';
const DAY_MS = 86_400_000;

export function openHistory() {
  return openDB(NAME, 1, {
    upgrade(db) {
      const items = db.createObjectStore('items', { keyPath: 'key' });
      items.createIndex('at', 'at');
    },
  });
}

/** The local calendar day of a time, as YYYY-MM-DD. */
export function dayOf(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A stable key for a comment on a page. */
export async function itemKey(url, text) {
  const bytes = new TextEncoder().encode(`${url}\u001f${text}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Adds the items not seen before; returns those that were new. Each item:
 * `{ key, at, url, site, title, text, label, score, risk, likelihood,
 * impact, crises, brands }`.
 */
export async function addItems(items) {
  const db = await openHistory();
  const tx = db.transaction('items', 'readwrite');
  const fresh = [];
  for (const item of items) {
    if (await tx.store.getKey(item.key)) continue;
    await tx.store.put({ ...item, day: dayOf(item.at) });
    fresh.push(item);
  }
  await tx.done;
  db.close();
  return fresh;
}

/** Items seen since `since` (ms), oldest first. */
export async function listItems(since = 0) {
  const db = await openHistory();
  const out = await db.getAllFromIndex('items', 'at', IDBKeyRange.lowerBound(since));
  db.close();
  return out;
}

/** Removes items older than `days`; returns how many went. */
export async function pruneHistory(days, now = Date.now()) {
  const db = await openHistory();
  const tx = db.transaction('items', 'readwrite');
  let n = 0;
  for (let c = await tx.store.index('at').openCursor(IDBKeyRange.upperBound(now - days * DAY_MS, true)); c; c = await c.continue()) {
    await c.delete();
    n += 1;
  }
  await tx.done;
  db.close();
  return n;
}

/** Removes everything; returns how many items there were. */
export async function clearHistory() {
  const db = await openHistory();
  const n = await db.count('items');
  await db.clear('items');
  db.close();
  return n;
}
