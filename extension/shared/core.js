// The wasm core for the service worker and the extension's pages, loaded once
// per context. Content scripts go through content/engine.js instead: a page's
// CSP may forbid wasm there.
import init, * as core from '../../pkg/brand_radar.js';

let ready;

/** Resolves to the core's exports once its wasm is instantiated. */
export function loadCore() {
  ready ??= init({ module_or_path: chrome.runtime.getURL('brand_radar_bg.wasm') }).then(() => core);
  return ready;
}
