// The core as the content script sees it. Matching runs in this frame's own
// wasm when the page allows WebAssembly (else in the background's, over
// messaging: pages whose CSP lacks 'wasm-unsafe-eval' block compiling wasm
// here). Scoring always runs in the background: building the scorer's
// lexicons is one uninterruptible call of ~75 ms, which would be a long task
// on the page's main thread; in the service worker it blocks nobody, and it
// is paid once there rather than once per page.
// The matcher-only core (scripts/build.mjs): a tab loads no scorer.
import init, * as glue from '../../pkg/brand_radar_match.js';
import { CoreCrash, lastingEngine } from '../shared/core.js';
import { joinTexts } from '../shared/wire.js';
import { CS_BG_EXPLAIN, CS_BG_EXPLAIN_ALL, CS_BG_FIND, CS_BG_IMPERSONATION, CS_BG_OWNERS, CS_BG_REPLY,
  CS_BG_SCORE, CS_BG_VERDICTS } from '../shared/messages.js';

let ready;
const ask = (msg) => chrome.runtime.sendMessage(msg);

/** Scoring, in the background: see above. */
const scoring = {
  /** `several`: indices of texts that name two or more watched brands (judged toward the own one). */
  score: async (texts, signals, several = []) => Float32Array.from(await ask({ type: CS_BG_SCORE, texts,
    signals: [...signals], several }) ?? []),
  explain: async (text, s = {}) => ask({ type: CS_BG_EXPLAIN, text, signals: s }),
  explainAll: async (texts, signals) => ask({ type: CS_BG_EXPLAIN_ALL, texts, signals: [...signals] }),
  /** The reply check (回覆健檢) of a reply the own brand posted to `comment`: `{ verdict, findings, strengths }`. */
  checkReply: async (text, comment = '') => ask({ type: CS_BG_REPLY, text, comment }),
  /** Scores and, for the units leaning negative, full verdicts: `{ verdicts, analyses }` (analyses[i] or null). */
  verdicts: async (texts, signals, several = []) => (await ask({ type: CS_BG_VERDICTS, texts,
    signals: [...signals], several })) ?? { verdicts: [], analyses: [] },
};

/** Matching in the background, for pages that forbid wasm here. */
const remote = {
  mode: 'background',
  find: async (text, nodes) => Uint32Array.from(await ask({ type: CS_BG_FIND, text, nodes: [...nodes] }) ?? []),
  impersonation: async (url, names, text) => ask({ type: CS_BG_IMPERSONATION, url, names, text }),
  owners: async (authors, links, texts) => Uint32Array.from(await ask({ type: CS_BG_OWNERS, authors, links, texts })
    ?? []),
  ...scoring,
  free: () => {},
};

/**
 * Resolves to `{ mode, find(text, nodes), impersonation(url, names, text), owners(authors, links, texts),
 * score(texts, signals, several), verdicts(texts, signals, several), explain(text, s),
 * explainAll(texts, signals), checkReply(text, comment), free() }`; all calls return promises. `signals`
 * is scoreBatch's flat Float32Array (four numbers per unit).
 */
export async function createEngine(watchlistJson) {
  try {
    ready ??= init({ module_or_path: chrome.runtime.getURL('brand_radar_match_bg.wasm') });
    await ready;
    const engine = lastingEngine(glue, watchlistJson);
    let broken = false;
    return {
      mode: 'local',
      // A panic loses this batch's mentions (the same text would panic
      // again) and restarts the core; if it cannot restart here, the
      // background's core takes over.
      find: async (text, nodes) => {
        if (broken) return remote.find(text, nodes);
        try {
          return engine.findAll(text, nodes);
        } catch (err) {
          if (!(err instanceof CoreCrash)) broken = true;
          return new Uint32Array(0);
        }
      },
      impersonation: async (url, names, text) => {
        try { return engine.impersonation(url, names, text); } catch { return null; }
      },
      // Whose voice each unit is (src/voice.rs): the own brand's index + 1, or 0.
      owners: async (authors, links, texts) => {
        try {
          return engine.ownerBatch(joinTexts(authors), joinTexts(links), joinTexts(texts));
        } catch { return new Uint32Array(authors.length); }
      },
      ...scoring,
      free: () => engine.free(),
    };
  } catch (err) {
    ready = undefined;
    // A broken watchlist is not a CSP problem: the background would refuse it too.
    if (!/WebAssembly|wasm|Content Security Policy|CompileError/i.test(String(err))) throw err;
    return remote;
  }
}
