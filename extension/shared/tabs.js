// Which tab a popup or side panel is about.

/** `?tab=ID` when given (tests, the context menu), else the active tab of this window. */
export async function shownTab() {
  const id = Number(new URLSearchParams(location.search).get('tab'));
  if (id) return chrome.tabs.get(id);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab;
}
