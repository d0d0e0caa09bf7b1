// The wasm core for the service worker and the extension's pages, loaded once
// per context. Content scripts go through content/engine.js instead: a page's
// CSP may forbid wasm there.
//
// A panic in the core aborts its wasm instance (a WebAssembly.RuntimeError in
// JavaScript) and may leave its memory inconsistent, so after one we read the
// panic's message, re-instantiate the module from the compiled code we hold,
// note the crash for the options page, and let the caller carry on: one bad
// input costs one answer, not the extension.
import init, * as core from '../../pkg/brand_radar.js';
import { KEY_HEALTH, readKey } from './keys.js';

let ready;

/** Resolves to the core's exports once its wasm is instantiated. */
export function loadCore() {
  ready ??= init({ module_or_path: chrome.runtime.getURL('brand_radar_bg.wasm') }).then(() => guard(core));
  return ready;
}

/** A panic in the core, after which the core was re-instantiated. */
export class CoreCrash extends Error {
  name = 'CoreCrash';
}

/** Counts re-instantiations: objects made before one (engines) are dead. */
export const lives = { count: 0 };

/**
 * If `err` is a trap, re-instantiates `glue`'s module, records the crash, and
 * returns an Error naming the panic; any other error is returned as it is.
 */
export function recover(glue, err) {
  if (!(err instanceof WebAssembly.RuntimeError)) return err;
  let why = '';
  try { why = glue.takePanic(); } catch { /* memory beyond reading: the trap says enough */ }
  glue.__wbg_reset_state();
  lives.count += 1;
  why = why || String(err);
  noteCrash(why);
  return new CoreCrash(`core crashed and was restarted: ${why}`);
}

/** Keeps a count and the last crash where the options page shows them. */
function noteCrash(why) {
  if (!globalThis.chrome?.storage?.local) return;
  readKey(chrome.storage.local, KEY_HEALTH, /** @type {import('./keys.js').Health} */ ({ crashes: 0 }))
    .then((h) => chrome.storage.local.set({
      [KEY_HEALTH]: { crashes: h.crashes + 1, last: { at: new Date().toISOString(), why: why.slice(0, 500) } },
    }))
    .catch(() => {});
}

/**
 * The glue's exports with each function wrapped by `recover`. Classes pass
 * through: their instances die with the instance that made them, and their
 * owners rebuild them when `lives.count` moves.
 */
export function guard(glue) {
  const out = {};
  for (const [name, value] of Object.entries(glue)) {
    const plain = typeof value === 'function' && !/^[A-Z]/.test(name) && !name.startsWith('__wbg') && name !== 'default';
    out[name] = plain ? (...args) => {
      let result;
      try { result = value(...args); } catch (err) { throw recover(glue, err); }
      // An async export (verifyBundle) traps inside its promise.
      return result instanceof Promise ? result.catch((err) => { throw recover(glue, err); }) : result;
    } : value;
  }
  return out;
}

const EMPTY = new Uint32Array(0);

/**
 * A watchlist engine that outlives panics: `findAll` recovers like the
 * functions above, and the engine is rebuilt on the next call after any
 * re-instantiation of the core in this context.
 */
export function lastingEngine(glue, watchlistJson) {
  let engine = new glue.Engine(watchlistJson);
  let life = lives.count;
  const current = () => {
    if (life !== lives.count) {
      engine = new glue.Engine(watchlistJson);
      life = lives.count;
    }
    return engine;
  };
  return {
    findAll(text, nodes = EMPTY) {
      try { return current().findAll(text, nodes); } catch (err) { throw recover(glue, err); }
    },
    impersonation(url, names, text) {
      try { return current().impersonation(url, names, text); } catch (err) { throw recover(glue, err); }
    },
    /**
     * Of units' authors, links and texts (each joined as for scoreBatch): per unit the own brand's index + 1
     * whose voice it is (src/voice.rs), or 0.
     */
    ownerBatch(authors, links, texts) {
      try { return current().ownerBatch(authors, links, texts); } catch (err) { throw recover(glue, err); }
    },
    /** The verdict toward each brand `text` mentions (the whole core only: not in a content script's). */
    targets(text, rating, push, likes, replies) {
      try { return current().targets(text, rating, push, likes, replies); } catch (err) {
        throw recover(glue, err);
      }
    },
    /**
     * scoreBatch with the sentiment words inside watched names blanked first: no brand is praised by its own
     * name (the whole core only).
     */
    scoreBatch(joined, signals) {
      try { return current().scoreBatch(joined, signals); } catch (err) { throw recover(glue, err); }
    },
    /** explainBatch with the sentiment words inside watched names blanked first (the whole core only). */
    explainBatch(joined, signals) {
      try { return current().explainBatch(joined, signals); } catch (err) { throw recover(glue, err); }
    },
    /** Of texts joined as for scoreBatch, 1 where the one own brand named is judged apart (the whole core only). */
    apartBatch(joined) {
      try { return current().apartBatch(joined); } catch (err) { throw recover(glue, err); }
    },
    // An engine from before a re-instantiation points into memory that is gone.
    free() { if (life === lives.count) engine.free(); },
  };
}
