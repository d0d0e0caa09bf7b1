// Capture entry points the browser gives us: the context menu and a
// keyboard shortcut, in the user's language.
import { capture } from './capture.js';
import { notifyCapture } from './badge.js';
import { loadLanguage, t } from '../shared/i18n.js';
import { onSettingsChanged } from '../shared/settings.js';
import { BG_CS_DRAFT } from '../shared/messages.js';

// Capture entry points the browser gives us: the context menu and a shortcut.
/** @type {{ id: string, contexts: chrome.contextMenus.CreateProperties['contexts'],
  title: string, target?: string }[]} */
const MENUS = [
  { id: 'save-selection', contexts: ['selection'], title: 'menuSaveSelection', target: 'selection' },
  { id: 'save-link', contexts: ['link'], title: 'menuSaveLink', target: 'link' },
  { id: 'save-page', contexts: ['page', 'image', 'video'], title: 'menuSavePage', target: 'page' },
  { id: 'quick-check', contexts: ['selection'], title: 'menuQuickCheck' },
  { id: 'reply-check', contexts: ['editable'], title: 'menuReplyCheck' },
];

/** Opens the quick check in a small window, in a mode, with a text. */
const openCheck = (param, text) => chrome.windows.create({
  url: chrome.runtime.getURL(`popup/popup.html?${param}=${encodeURIComponent(text)}`),
  type: 'popup', width: 420, height: 640,
});

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
  if (info.menuItemId === 'quick-check') return openCheck('check', info.selectionText ?? '');
  if (info.menuItemId === 'reply-check') {
    // The selected words, else the whole draft in the field (the page's frame tells us).
    if (info.selectionText) return openCheck('reply', info.selectionText);
    return chrome.tabs.sendMessage(tab.id, { type: BG_CS_DRAFT }, { frameId: info.frameId ?? 0 })
      .catch(() => '').then((text) => openCheck('reply', typeof text === 'string' ? text.slice(0, 5000) : ''));
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
