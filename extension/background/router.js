// Messages from content scripts and extension pages: who may send each and
// what its payload holds are declared in shared/messages.js (TO_BACKGROUND);
// what the worker does with each is the table below.
import { capture } from './capture.js';
import { teach } from './teach.js';
import { recordMentions, showSpread } from './badge.js';
import { remember, watchSpread } from './history.js';
import { spreadWhy } from '../history/velocity.js';
import { t } from '../shared/i18n.js';
import { getEngine, ready, verdicts, withTargets } from './scoring.js';
import { encodeSignals, joinTexts } from '../shared/wire.js';
import {
  CS_BG_CAPTURE, CS_BG_EXPLAIN, CS_BG_EXPLAIN_ALL, CS_BG_FIND, CS_BG_IMPERSONATION, CS_BG_MENTIONS, CS_BG_OWNERS,
  CS_BG_REPLY, CS_BG_SCORE, CS_BG_SEEN, CS_BG_TEACH, CS_BG_VERDICTS, TO_BACKGROUND, UI_BG_CAPTURE, allowed,
} from '../shared/messages.js';

// Frames report concurrently; one chain keeps the read-modify-write whole.
/** @type {Promise<unknown>} */
let writes = Promise.resolve();

/**
 * What the background does with each message it accepts: `handle(payload,
 * sender)` returns the answer (or a promise of it). Who may send each and
 * what its payload holds: TO_BACKGROUND in shared/messages.js.
 */
const HANDLERS = {
  [CS_BG_MENTIONS]: (summary, sender) => {
    const frameId = sender.frameId ?? 0;
    writes = writes.then(() => recordMentions(sender.tab.id, frameId, summary)).catch(() => {});
    // How fast the page grows: the top frame's summary is the page's.
    if (frameId === 0) {
      writes = writes.then(() => watchSpread(summary))
        .then((flag) => showSpread(sender.tab.id, flag, flag ? spreadWhy(flag, summary.units, t) : ''))
        .catch((err) => console.warn('Brand Radar: spread', err));
    }
    return writes.then(() => true);
  },
  // Through the engine even with no unit naming several brands: one naming
  // ours may compare it (「這家比雲朵好喝多了」 is no praise of 雲朵) or name
  // it as a landmark.
  [CS_BG_SCORE]: ({ texts, signals, several }) => getEngine()
    .then((e) => verdicts(e, texts, signals, several, false).verdicts).then(Array.from, () => []),
  [CS_BG_VERDICTS]: ({ texts, signals, several }) => getEngine()
    .then((e) => verdicts(e, texts, signals, several))
    .then(({ verdicts: v, analyses }) => ({ verdicts: Array.from(v), analyses }), () => null),
  [CS_BG_EXPLAIN_ALL]: ({ texts, signals }) => getEngine()
    .then((e) => withTargets(e, texts, e.explainBatch(joinTexts(texts), signals), signals)).catch(() => []),
  [CS_BG_EXPLAIN]: ({ text, signals: s }) => getEngine().then((e) => {
    const signals = encodeSignals([s]);
    return withTargets(e, [text], e.explainBatch(joinTexts([text]), signals), signals)[0];
  }).catch(() => null),
  [CS_BG_SEEN]: (msg) => {
    writes = writes.then(async () => remember(msg, await ready, await getEngine()))
      .catch((err) => console.warn('Brand Radar: history', err));
    return writes.then(() => true);
  },
  [CS_BG_CAPTURE]: (req, sender) => capture(sender.tab.id, sender.frameId ?? 0, req),
  [CS_BG_TEACH]: (req, sender) => teach(sender, req),
  [CS_BG_IMPERSONATION]: ({ url, names, text }) => getEngine().then((e) => e.impersonation(url, names, text),
    () => null),
  [UI_BG_CAPTURE]: ({ tabId, frameId, request }) => capture(tabId, frameId, request),
  // A reply already posted, checked against the comment it answers (the one before it), where known.
  [CS_BG_REPLY]: ({ text, comment }) => ready.then((core) => core.checkReply(text, comment), () => null),
  [CS_BG_OWNERS]: ({ authors, links, texts }) => getEngine().then((e) => Array.from(e.ownerBatch(joinTexts(authors),
    joinTexts(links), joinTexts(texts))), () => []),
  [CS_BG_FIND]: ({ text, nodes }) => getEngine().then((e) => Array.from(e.findAll(text, nodes)), () => []),
};

chrome.runtime.onMessage.addListener((msg, sender, respond) => {
  // Only our own content scripts and pages talk to us, each as its message allows.
  const route = TO_BACKGROUND[msg?.type];
  const handle = HANDLERS[msg?.type];
  if (sender.id !== chrome.runtime.id || !route || !handle) return false;
  if (!allowed(route.from, sender, chrome.runtime.getURL(''))) return false;
  const payload = route.sanitize(msg);
  if (!payload) return false;
  new Promise((answer) => answer(handle(payload, sender))).then(respond, () => respond(null));
  return true;
});
