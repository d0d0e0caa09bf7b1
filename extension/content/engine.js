// The core as the content script sees it: the wasm in this frame when the
// page allows WebAssembly, else the background's copy over messaging
// (pages whose CSP lacks 'wasm-unsafe-eval' block compiling wasm here).
import init, { Engine, explainBatch, scoreBatch, scoreText } from '../../pkg/brand_radar.js';
import { CS_BG_EXPLAIN, CS_BG_FIND, CS_BG_SCORE } from '../shared/messages.js';

let ready;

/**
 * Resolves to `{ mode, find(text), score(texts, signals), explain(text, s),
 * explainAll(texts, signals), free() }`; all calls return promises. `signals`
 * is scoreBatch's flat Float32Array (four numbers per unit).
 */
export async function createEngine(watchlistJson) {
  try {
    ready ??= init({ module_or_path: chrome.runtime.getURL('brand_radar_bg.wasm') });
    await ready;
    const engine = new Engine(watchlistJson);
    return {
      mode: 'local',
      find: async (text) => engine.findAll(text),
      score: async (texts, signals) => scoreBatch(texts.join('\u001f'), signals),
      explain: async (text, s = {}) => scoreText(text, s.rating, s.push, s.likes ?? 0, s.replies ?? 0),
      explainAll: async (texts, signals) => explainBatch(texts.join('\u001f'), signals),
      free: () => engine.free(),
    };
  } catch (err) {
    ready = undefined;
    // A broken watchlist is not a CSP problem: the background would refuse it too.
    if (!/WebAssembly|wasm|Content Security Policy|CompileError/i.test(String(err))) throw err;
    const ask = (msg) => chrome.runtime.sendMessage(msg);
    return {
      mode: 'background',
      find: async (text) => Uint32Array.from(await ask({ type: CS_BG_FIND, text }) ?? []),
      score: async (texts, signals) => Float32Array.from(await ask({ type: CS_BG_SCORE, texts, signals: [...signals] }) ?? []),
      explain: async (text, s = {}) => ask({ type: CS_BG_EXPLAIN, text, signals: s }),
      explainAll: async (texts, signals) => ask({ type: CS_BG_EXPLAIN, texts, signals: [...signals] }),
      free: () => {},
    };
  }
}
