// Backup and restore of the whole locker (docs/evidence.md). A backup is a
// bundle of every record with its artifacts, the whole chain (deletions
// included) and the notes, plus the settings and the history of mentions,
// all listed in SHA256SUMS: `sha256sum -c` and `brand-radar verify` check a
// backup as they check any bundle. Restoring verifies it with the core first;
// a backup that fails is refused, naming what failed, and nothing changes.
import { unzipSync } from 'fflate';
import { bundleFiles, problemsOf } from './bundle.js';
import { countSince, getMeta, listRecords, restoreRecords, setMeta } from './store.js';
import { addItems, listItems } from '../history/store.js';
import { SETTING_KEYS, getSettings, setSettings } from '../shared/settings.js';

export const SETTINGS_FILE = 'backup/settings.json';
export const HISTORY_FILE = 'backup/history.json';
const utf8 = (s) => new TextEncoder().encode(s);

/**
 * Every file of a backup of the locker in `db`, and how many records it holds.
 * @param {any} db
 * @param {any} core
 * @param {{ report?: (records: any[], annotations: any) => string }} [options]
 */
export async function backupFiles(db, core, { report } = {}) {
  const [records, settings, history] = await Promise.all([listRecords(db), getSettings(), listItems(0)]);
  records.sort((a, b) => a.captured_at.localeCompare(b.captured_at));
  const extra = {
    [SETTINGS_FILE]: utf8(JSON.stringify(settings, null, 2)),
    [HISTORY_FILE]: utf8(JSON.stringify(history.map(({ day, ...item }) => item))),
  };
  return { files: await bundleFiles(db, core, records, { report, extra, kind: 'backup' }), records: records.length };
}

/**
 * Restores the backup in `file` into the locker in `db`: verified by the core,
 * then every artifact hashed again as it is read for writing. Settings come
 * back only into an empty locker (a fresh profile); history is merged.
 * Resolves to `{ added, links, fresh }`; throws an Error saying why not.
 */
export async function restoreBackup(db, core, file) {
  const verdict = await core.verifyBundle(file);
  if (!verdict.ok) throw new Error(problemsOf(verdict).join('; '));
  const manifest = JSON.parse(verdict.manifest);
  if (manifest.kind !== 'backup') throw new Error('this is an evidence bundle, not a backup of a locker');
  const wanted = new Set([...manifest.records.flatMap((r) => r.artifacts.map((a) => a.name)), SETTINGS_FILE,
    HISTORY_FILE]);
  // The names were checked by the core; only the files restored are inflated.
  const files = unzipSync(new Uint8Array(await file.arrayBuffer()), { filter: (f) => wanted.has(f.name) });
  for (const a of manifest.records.flatMap((r) => r.artifacts)) {
    if (!files[a.name] || core.sha256Hex(files[a.name]) !== a.sha256) throw new Error(`${a.name}: changed while read`);
  }
  const result = await restoreRecords(db, manifest, files);
  // A fresh locker restored from a backup is backed up as of that backup.
  if (result.fresh) await noteBackup(db, manifest.records.length, new Date(manifest.created));
  const json = (name) => (files[name] ? JSON.parse(new TextDecoder().decode(files[name])) : null);
  const settings = json(SETTINGS_FILE);
  if (result.fresh && settings) {
    await setSettings(Object.fromEntries(SETTING_KEYS.filter((k) => k in settings).map((k) => [k, settings[k]])));
  }
  const history = json(HISTORY_FILE);
  if (Array.isArray(history)) await addItems(history.filter((i) => i && typeof i.key === 'string'));
  return result;
}

/** Notes that a backup of `records` records was written now. */
export function noteBackup(db, records, now = new Date()) {
  return setMeta(db, 'backup', { at: now.toISOString(), records });
}

const DAY = 86_400_000;

/**
 * Whether to remind the user to back up: `backupCaptures` new captures, or
 * `backupDays` days with captures not backed up, since the last backup (or
 * since the first capture). Once the user dismisses a reminder it stays away
 * until as many captures or days again. Resolves to `{ due, count, days, since }`:
 * `count` captures not backed up, `days` since the last backup or first capture.
 * @param {any} db
 * @param {{ [key: string]: any }} settings `backupCaptures` and `backupDays`
 * @param {number} [now]
 */
export async function backupDue(db, { backupCaptures, backupDays }, now = Date.now()) {
  const [last, reminded] = await Promise.all([getMeta(db, 'backup'), getMeta(db, 'reminded')]);
  const count = await countSince(db, last?.at);
  if (!count) return { due: false, count, days: 0, since: last?.at ?? null };
  let from = last?.at;
  if (!from) {
    const first = await db.transaction('records').store.index('captured_at').openCursor();
    from = first?.value.captured_at ?? new Date(now).toISOString();
  }
  const days = Math.floor((now - Date.parse(from)) / DAY);
  let due = count >= backupCaptures || days >= backupDays;
  if (due && reminded && (!last || reminded.at > last.at)) {
    // Dismissed since the last backup: again only after as many captures or days more.
    const more = await countSince(db, reminded.at);
    due = more >= backupCaptures || now - Date.parse(reminded.at) >= backupDays * DAY;
  }
  return { due, count, days, since: last?.at ?? null };
}

/** The user dismissed the reminder. */
export function dismissReminder(db, now = new Date()) {
  return setMeta(db, 'reminded', { at: now.toISOString() });
}
