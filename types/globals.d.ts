// Names the build defines and browser APIs the DOM typings lack, for
// `tsc --checkJs` over extension/ (tsconfig.json).

/** True in the Firefox build (an esbuild `define`, scripts/build.mjs). */
declare const __FIREFOX__: boolean;
/** True in the test build only: test hooks are compiled out of the shipped one. */
declare const __TEST__: boolean;

/** The content script's stylesheet, bundled as text (esbuild's `text` loader). */
declare module '*.css' {
  const text: string;
  export default text;
}

/** The Prioritized Task Scheduling API (Chromium): `scheduler.yield()`. */
declare const scheduler: { yield?: () => Promise<void> } | undefined;
