// Capture entry points the browser gives us: the context menu and a
// keyboard shortcut, in the user's language.
import { capture } from './capture.js';
import { notifyCapture } from './badge.js';
import { loadLanguage, t } from '../shared/i18n.js';
import { onSettingsChanged } from '../shared/settings.js';

// Capture entry points the browser gives us: the context menu and a shortcut.
/** @type {{ id: string, contexts: chrome.contextMenus.CreateProperties['contexts'],
  title: string, target?: string }[]} */
const MENUS = [
  { id: 'save-selection', contexts: ['selection'], title: 'menuSaveSelection', target: 'selection' },
  { id: 'save-link', contexts: ['link'], title: 'menuSaveLink', target: 'link' },
  { id: 'save-page', contexts: ['page', 'image', 'video'], title: 'menuSavePage', target: 'page' },
  { id: 'quick-check', contexts: ['selection'], title: 'menuQuickCheck' },
];

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.removeAll(() => {
    for (const m of MENUS) chrome.contextMenus.create({ id: m.id, contexts: m.contexts, title: t(m.title) });
  });
});

// The menus speak the language chosen in the options.
loadLanguage();
onSettingsChanged(['language'], () => loadLanguage().then(() => {
  for (const m of MENUS) chrome.contextMenus.update(m.id, { title: t(m.title) }, () => void chrome.runtime.lastError);
}));

export function onMenuClick(info, tab) {
  if (!tab?.id) return undefined;
  if (info.menuItemId === 'quick-check') {
    const url = chrome.runtime.getURL(`popup/popup.html?check=${encodeURIComponent(info.selectionText ?? '')}`);
    return chrome.windows.create({ url, type: 'popup', width: 420, height: 640 });
  }
  const m = MENUS.find((x) => x.id === info.menuItemId);
  if (!m) return undefined;
  return capture(tab.id, info.frameId ?? 0, { source: 'menu', target: m.target, selectionText: info.selectionText,
    linkUrl: info.linkUrl })
    .then((r) => notifyCapture(tab.id, r));
}

export function onCommand(command, tab) {
  if (command !== 'save-evidence' || !tab?.id) return undefined;
  return capture(tab.id, 0, { source: 'shortcut', target: 'unit' }).then((r) => notifyCapture(tab.id, r));
}
