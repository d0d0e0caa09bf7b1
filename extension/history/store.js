// The history: comments that mention a watched brand, as seen while browsing,
// kept in IndexedDB on this computer only, for as many days as the options
// say. The service worker writes it; the dashboard and options read it.
//
// One item per comment (keyed by page and text), so reloading a page or
// scrolling past the same comment again counts it once. And one visit per
// page load of a page about our brand (its counts then), for how fast it grows.
import { openDB } from 'idb';

const NAME = 'brand-radar-history';
const DAY_MS = 86_400_000;
const CHUNK = 100;

/** Visits kept per page: enough for any rate the options ask for. */
const VISITS_PER_PAGE = 50;

export function openHistory() {
  return openDB(NAME, 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const items = db.createObjectStore('items', { keyPath: 'key' });
        items.createIndex('at', 'at');
      }
      if (oldVersion < 2) {
        // `id` is the page and the document's load time: a page reporting
        // again as it scrolls updates its visit, a reload is a new one.
        const visits = db.createObjectStore('visits', { keyPath: 'id' });
        visits.createIndex('page', ['page', 'at']);
        visits.createIndex('at', 'at');
      }
    },
  });
}

/**
 * Records (or updates) one visit `{ page, since, at, url, title, site, total,
 * neg, up, down, negReach, spreading }` and returns the page's visits, oldest
 * first. A visit keeps the most it saw (a page still loading reports less).
 */
export async function recordVisit(visit) {
  const db = await openHistory();
  const tx = db.transaction('visits', 'readwrite');
  const id = `${visit.page}\u001f${visit.since}`;
  const old = await tx.store.get(id);
  const most = (k) => Math.max(visit[k] ?? 0, old?.[k] ?? 0);
  const merged = { ...old, ...visit, id, at: old?.at ?? visit.at,
    total: most('total'), neg: most('neg'), up: most('up'), down: most('down'), negReach: most('negReach') };
  await tx.store.put(merged);
  const range = IDBKeyRange.bound([visit.page, 0], [visit.page, Infinity]);
  let all = await tx.store.index('page').getAll(range);
  for (const v of all.slice(0, Math.max(0, all.length - VISITS_PER_PAGE))) await tx.store.delete(v.id);
  all = all.slice(-VISITS_PER_PAGE);
  await tx.done;
  db.close();
  return all;
}

/** Marks a visit as spreading (with why), or not. */
export async function markVisit(id, spreading) {
  const db = await openHistory();
  const tx = db.transaction('visits', 'readwrite');
  const v = await tx.store.get(id);
  if (v) await tx.store.put({ ...v, spreading });
  await tx.done;
  db.close();
}

/** Visits since `since` (ms), oldest first. */
export async function listVisits(since = 0) {
  const db = await openHistory();
  const out = await db.getAllFromIndex('visits', 'at', IDBKeyRange.lowerBound(since));
  db.close();
  return out;
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

/** Points of a comment's reach kept: enough for any rate. */
const REACH_POINTS = 50;

/**
 * Adds the items not seen before; returns those that were new, and the
 * known ones whose reach changed (`reaches`, its `[at, reach]` over time,
 * one more point). A known item told `answered` is marked so. Each item:
 * `{ key, at, url, site, title, text, label, score, risk, likelihood, impact,
 * crises, brands, reach, answered }`.
 * @returns {Promise<{ fresh: any[], grown: any[] }>}
 */
export async function addItems(items) {
  const db = await openHistory();
  const fresh = [];
  const grown = [];
  // In chunks, each its own transaction, with a turn of the event loop in
  // between: a page of 5,000 comments must not hold up the worker's
  // scoring of the next comments for long.
  for (let from = 0; from < items.length; from += CHUNK) {
    if (from) await new Promise((r) => setTimeout(r, 0));
    const chunk = items.slice(from, from + CHUNK);
    const tx = db.transaction('items', 'readwrite');
    const known = await Promise.all(chunk.map((item) => tx.store.get(item.key)));
    const writes = [];
    chunk.forEach((item, i) => {
      const old = known[i];
      if (!old) {
        writes.push(tx.store.put({ ...item, day: dayOf(item.at),
          reaches: Array.isArray(item.reaches) ? item.reaches : [[item.at, item.reach ?? 0]] }));
        fresh.push(item);
        return;
      }
      const grew = (item.reach ?? 0) !== (old.reaches?.at(-1)?.[1] ?? old.reach ?? 0);
      // Answered stays answered: a later visit may not load the reply (collapsed, scrolled away).
      const answered = item.answered === true && !old.answered;
      if (!grew && !answered) return;
      const next = { ...old, answered: old.answered || answered };
      if (grew) {
        next.reach = item.reach;
        next.reaches = [...(old.reaches ?? [[old.at, old.reach ?? 0]]), [item.at, item.reach ?? 0]]
          .slice(-REACH_POINTS);
        grown.push(next);
      }
      writes.push(tx.store.put(next));
    });
    await Promise.all([...writes, tx.done]);
  }
  db.close();
  return { fresh, grown };
}

/** Marks a comment as spreading (with why and since when), or not. */
export async function markItem(key, spreading, at) {
  const db = await openHistory();
  const tx = db.transaction('items', 'readwrite');
  const item = await tx.store.get(key);
  if (item) await tx.store.put({ ...item, spreading: spreading && { ...spreading, at } });
  await tx.done;
  db.close();
}

/** The history item with `key`, or undefined. */
export async function getItem(key) {
  const db = await openHistory();
  const item = await db.get('items', key);
  db.close();
  return item;
}

/** Items seen since `since` (ms), oldest first. */
export async function listItems(since = 0) {
  const db = await openHistory();
  const out = await db.getAllFromIndex('items', 'at', IDBKeyRange.lowerBound(since));
  db.close();
  return out;
}

/** Removes items and visits older than `days`; returns how many items went. */
export async function pruneHistory(days, now = Date.now()) {
  const db = await openHistory();
  const tx = db.transaction(['items', 'visits'], 'readwrite');
  const old = IDBKeyRange.upperBound(now - days * DAY_MS, true);
  let n = 0;
  for (let c = await tx.objectStore('items').index('at').openCursor(old); c; c = await c.continue()) {
    await c.delete();
    n += 1;
  }
  for (let c = await tx.objectStore('visits').index('at').openCursor(old); c; c = await c.continue()) await c.delete();
  await tx.done;
  db.close();
  return n;
}

/** Removes everything; returns how many items there were. */
export async function clearHistory() {
  const db = await openHistory();
  const n = await db.count('items');
  await Promise.all([db.clear('items'), db.clear('visits')]);
  db.close();
  return n;
}
