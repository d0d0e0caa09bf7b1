// The history: comments that mention a watched brand, as seen while browsing,
// kept in IndexedDB on this computer only, for as many days as the options
// say. The service worker writes it; the dashboard and options read it.
//
// One item per comment (keyed by page and text), so reloading a page or
// scrolling past the same comment again counts it once.
import { openDB } from 'idb';

const NAME = 'brand-radar-history';
const DAY_MS = 86_400_000;
const CHUNK = 100;

export function openHistory() {
  return openDB(NAME, 1, {
    upgrade(db) {
      const items = db.createObjectStore('items', { keyPath: 'key' });
      items.createIndex('at', 'at');
    },
  });
}

/** Whether an item mentions one of the user's own brands, not only competitors. */
export const aboutOwnBrand = (item) => item.brands.some((b) => !b.competitor);

/**
 * The verdict toward our own brands: a brand's own `label` where the core
 * judged each brand (a comment naming several), else the comment's. The
 * worst counts: negative toward any of ours is negative.
 */
export function ownLabel(item) {
  const labels = item.brands.filter((b) => !b.competitor).map((b) => b.label ?? item.label);
  return labels.includes('neg') ? 'neg' : labels.includes('pos') ? 'pos' : labels.length ? 'neu' : item.label;
}

/** The local calendar day of a time, as YYYY-MM-DD. */
export function dayOf(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A stable key for a comment on a page; `sha256Hex` is the core's. */
export function itemKey(sha256Hex, url, text) {
  return sha256Hex(new TextEncoder().encode(`${url}\u001f${text}`)).slice(0, 24);
}

/**
 * Adds the items not seen before; returns those that were new. Each item:
 * `{ key, at, url, site, title, text, label, score, risk, likelihood,
 * impact, crises, brands }`.
 */
export async function addItems(items) {
  const db = await openHistory();
  const fresh = [];
  // In chunks, each its own transaction, with a turn of the event loop in
  // between: a page of 5,000 comments must not hold up the worker's
  // scoring of the next comments for long.
  for (let from = 0; from < items.length; from += CHUNK) {
    if (from) await new Promise((r) => setTimeout(r, 0));
    const chunk = items.slice(from, from + CHUNK);
    const tx = db.transaction('items', 'readwrite');
    const known = await Promise.all(chunk.map((item) => tx.store.getKey(item.key)));
    const added = chunk.filter((_, i) => !known[i]);
    await Promise.all([...added.map((item) => tx.store.put({ ...item, day: dayOf(item.at) })), tx.done]);
    fresh.push(...added);
  }
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
  for (let c = await tx.store.index('at').openCursor(IDBKeyRange.upperBound(now - days * DAY_MS,
    true)); c; c = await c.continue()) {
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
