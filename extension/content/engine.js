// The matcher as the content script sees it: the wasm core in this frame when
// the page allows WebAssembly, else the background's copy over messaging
// (pages whose CSP lacks 'wasm-unsafe-eval' block compiling wasm here).
import init, { Engine } from '../../pkg/brand_radar.js';
import { CS_BG_FIND } from '../shared/messages.js';

let ready;

/** Resolves to `{ find(text) -> Promise<Uint32Array>, free(), mode }`. */
export async function createEngine(watchlistJson) {
  try {
    ready ??= init({ module_or_path: chrome.runtime.getURL('brand_radar_bg.wasm') });
    await ready;
    const engine = new Engine(watchlistJson);
    return { mode: 'local', find: async (text) => engine.findAll(text), free: () => engine.free() };
  } catch (err) {
    ready = undefined;
    // A broken watchlist is not a CSP problem: the background would refuse it too.
    if (!/WebAssembly|wasm|Content Security Policy|CompileError/i.test(String(err))) throw err;
    return {
      mode: 'background',
      find: async (text) => Uint32Array.from(await chrome.runtime.sendMessage({ type: CS_BG_FIND, text }) ?? []),
      free: () => {},
    };
  }
}
