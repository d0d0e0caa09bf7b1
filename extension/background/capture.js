// Evidence capture, background side: the content script describes what is
// captured and hides our marks; here we take the screenshots (the page as the
// site showed it, then annotated) and the MHTML, hash every artifact and seal
// the record into the locker in one transaction.
import { loadCore } from '../shared/core.js';
import { BG_CS_ANNOTATE, BG_CS_DONE, BG_CS_PREPARE, BG_UI_SAVED } from '../shared/messages.js';
import { keptLocker, newId, saveError, saveRecord } from '../evidence/store.js';

const utf8 = (s) => new TextEncoder().encode(s);
const locker = keptLocker();

async function bytesOf(dataUrlOrBlob) {
  if (typeof dataUrlOrBlob === 'string') {
    const b64 = dataUrlOrBlob.slice(dataUrlOrBlob.indexOf(',') + 1);
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  }
  return new Uint8Array(await dataUrlOrBlob.arrayBuffer());
}

/** The browser's name and version, from the user agent's brands. */
async function browserVersion() {
  const ua = /** @type {any} */ (navigator).userAgentData;
  const full = await ua?.getHighEntropyValues?.(['fullVersionList']).catch(() => null);
  const brand = (full?.fullVersionList ?? ua?.brands ?? []).find((b) => !/Not.?A.?Brand/i.test(b.brand));
  return brand ? `${brand.brand} ${brand.version}` : navigator.userAgent;
}

/**
 * The whole tab as MHTML (Chromium only: elsewhere the record says so rather
 * than failing). Chromium hands it over as a file-backed Blob that now and
 * then is gone before it is read; asking again gets a fresh one.
 */
async function mhtmlOf(tabId) {
  // Firefox has no pageCapture: its build leaves the rest out.
  if (__FIREFOX__ || !chrome.pageCapture) return { bytes: null, status: 'unavailable in this browser' };
  let error;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return { bytes: await bytesOf(await chrome.pageCapture.saveAsMHTML({ tabId })), status: 'saved' };
    } catch (err) {
      error = err;
    }
  }
  return { bytes: null, status: `failed: ${error?.message ?? error}` };
}

/** Chromium allows two screenshots a second; a quick second capture waits its turn. */
async function screenshot(windowId) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await chrome.tabs.captureVisibleTab(windowId, { format: 'png' });
    } catch (err) {
      if (attempt >= 4 || !/MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(String(err?.message))) throw err;
      await new Promise((r) => setTimeout(r, 300 * (attempt + 1)));
    }
  }
}

/**
 * Captures evidence in tab `tabId`, frame `frameId`. `req`: `{ source, target,
 * unitId?, selectionText?, linkUrl?, note?, tags? }`. Resolves to
 * `{ ok: true, id, ms } | { ok: false, quota, message }`.
 */
export async function capture(tabId, frameId, req) {
  const started = performance.now();
  try {
    const tab = await chrome.tabs.get(tabId);
    // The screenshot shows the visible tab: make sure it is this one.
    if (!tab.active) await chrome.tabs.update(tabId, { active: true });
    const [core, db, page] = await Promise.all([
      loadCore(),
      locker.get(),
      chrome.tabs.sendMessage(tabId, { type: BG_CS_PREPARE, ...req }, { frameId }),
    ]);
    if (!page || page.error) throw new Error(page?.error ?? 'the page did not answer (reload it and try again)');
    // First the page as the site shows it (ours hidden), then annotated (our marks, the outline).
    let png;
    let annotated = null;
    try {
      png = await screenshot(tab.windowId);
      if (await chrome.tabs.sendMessage(tabId, { type: BG_CS_ANNOTATE }, { frameId }).catch(() => false)) {
        annotated = await screenshot(tab.windowId).catch(() => null); // the primary is what counts
      }
    } finally {
      chrome.tabs.sendMessage(tabId, { type: BG_CS_DONE }, { frameId }).catch(() => {});
    }
    const mhtml = await mhtmlOf(tabId);
    const capturedAt = new Date();
    const files = [
      { file: 'screenshot.png', kind: 'screenshot', type: 'image/png', bytes: await bytesOf(png) },
      ...annotated ? [{ file: 'annotated.png', kind: 'annotated-screenshot', type: 'image/png',
        bytes: await bytesOf(annotated) }] : [],
      { file: 'snapshot.html', kind: 'html', type: 'text/html', bytes: utf8(page.snapshot) },
    ];
    if (page.fragment) files.push({ file: 'fragment.html', kind: 'fragment', type: 'text/html',
      bytes: utf8(page.fragment) });
    if (mhtml.bytes) files.push({ file: 'page.mhtml', kind: 'mhtml', type: 'multipart/related', bytes: mhtml.bytes });
    const { snapshot, fragment, url, title, ...unit } = page;
    const draft = {
      id: newId(capturedAt),
      captured_at: capturedAt.toISOString(),
      time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      url: tab.url || url,
      final_url: url,
      title: title || tab.title || '',
      details: {
        ...unit,
        source: req.source,
        frame: frameId,
        mhtml: mhtml.status,
        browser: await browserVersion(),
        user_agent: navigator.userAgent,
        extension: chrome.runtime.getManifest().version,
        note: String(req.note ?? ''),
        tags: Array.isArray(req.tags) ? req.tags.map(String) : [],
      },
    };
    const record = await saveRecord(db, core, draft, files);
    chrome.runtime.sendMessage({ type: BG_UI_SAVED, id: record.id }).catch(() => {}); // no locker open: fine
    return { ok: true, id: record.id, hash: record.hash, ms: Math.round(performance.now() - started) };
  } catch (err) {
    // A connection the browser is closing (a full disk closes it) is opened afresh next time, even
    // before its `terminated` fires. Other failures keep it: another capture may be using it.
    if (err?.name === 'InvalidStateError') locker.drop();
    return { ok: false, ...saveError(err) };
  }
}
