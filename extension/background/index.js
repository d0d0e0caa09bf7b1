// Service worker: keeps each tab's mention counts (badge and popup), matches
// text for content scripts on pages whose CSP blocks their wasm, and captures
// evidence from the hover card, the context menu, the popup and the shortcut.
// No top-level await: a module service worker that awaits at load dies.
// This file wires the parts: scoring.js (the core and the watchlist's
// engine), router.js (messages), badge.js, menus.js, capture.js, history.js.
import { ready } from './scoring.js';
import './router.js';
import { onCommand, onMenuClick } from './menus.js';
import { onNotificationClick } from './history.js';

// First run: the welcome page asks for the brand (welcome/).
chrome.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') chrome.tabs.create({ url: chrome.runtime.getURL('welcome/welcome.html') });
});
chrome.contextMenus.onClicked.addListener(onMenuClick);
chrome.commands.onCommand.addListener(onCommand);
chrome.notifications.onClicked.addListener(onNotificationClick);
// Menus and shortcuts have no UI in headless Chromium: the end-to-end tests
// call these listeners as the browser would. Only their build holds them.
if (__TEST__) globalThis.entryPoints = { onMenuClick, onCommand, onNotificationClick, core: () => ready };
