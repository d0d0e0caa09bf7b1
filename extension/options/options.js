// Options page: edit, import and export the watchlist. Every change is
// validated by the Rust core (the same rules as the CLI) before it is saved;
// a refused file leaves the current watchlist as it was.
import { loadCore } from '../shared/core.js';
import { localize, t } from '../shared/i18n.js';
import { KEY_HEALTH, KEY_ONLY_MENTIONS, KEY_WATCHLIST } from '../shared/messages.js';

const $ = (id) => document.getElementById(id);
const lines = (s) => s.split('\n').map((x) => x.trim()).filter(Boolean);

localize();

function show(kind, text) {
  const m = $('message');
  m.className = kind;
  m.textContent = text;
}

function addCard(brand = { name: '', aliases: [], exclusions: [], official: [], competitor: false }) {
  const card = $('brand-card').content.firstElementChild.cloneNode(true);
  localize(card);
  card.querySelector('[name=name]').value = brand.name;
  card.querySelector('[name=competitor]').checked = !!brand.competitor;
  for (const key of ['aliases', 'exclusions', 'official']) {
    card.querySelector(`[name=${key}]`).value = (brand[key] ?? []).join('\n');
  }
  card.querySelector('.remove').onclick = () => card.remove();
  $('brands').append(card);
}

function fill(list) {
  $('brands').replaceChildren();
  for (const b of list.brands) addCard(b);
}

function fromForm() {
  return {
    version: 1,
    brands: [...document.querySelectorAll('.brand')].map((card) => ({
      name: card.querySelector('[name=name]').value.trim(),
      aliases: lines(card.querySelector('[name=aliases]').value),
      exclusions: lines(card.querySelector('[name=exclusions]').value),
      official: lines(card.querySelector('[name=official]').value),
      competitor: card.querySelector('[name=competitor]').checked,
    })),
  };
}

/** Validates JSON text with the core; returns the list or throws its message. */
async function validate(json) {
  return (await loadCore()).parseWatchlist(json);
}

async function save(list) {
  try {
    await chrome.storage.local.set({ [KEY_WATCHLIST]: list });
  } catch (err) {
    show('error', t('saveFailed', String(err?.message ?? err)));
    return false;
  }
  return true;
}

$('add').onclick = () => addCard();

$('save').onclick = async () => {
  let list;
  try {
    list = await validate(JSON.stringify(fromForm()));
  } catch (err) {
    show('error', t('invalidWatchlist', String(err?.message ?? err)));
    return;
  }
  if (await save(list)) show('ok', t('saved', list.brands.length));
};

$('import').onchange = async (event) => {
  const file = event.target.files[0];
  event.target.value = '';
  if (!file) return;
  if (file.size > 5_000_000) {
    show('error', t('importTooLarge', file.name));
    return;
  }
  let list;
  try {
    list = await validate(await file.text());
  } catch (err) {
    // The current watchlist stays as it is: nothing was saved.
    show('error', t('importRefused', file.name, String(err?.message ?? err)));
    return;
  }
  if (await save(list)) {
    fill(list);
    show('ok', t('imported', file.name, list.brands.length));
  }
};

$('export').onclick = async () => {
  const { [KEY_WATCHLIST]: list } = await chrome.storage.local.get(KEY_WATCHLIST);
  const blob = new Blob([JSON.stringify(list ?? { version: 1, brands: [] }, null, 2)], { type: 'application/json' });
  const a = Object.assign(document.createElement('a'), {
    href: URL.createObjectURL(blob), download: 'brand-radar-watchlist.json',
  });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
};

chrome.storage.local.get(KEY_WATCHLIST).then(({ [KEY_WATCHLIST]: list }) => {
  if (list?.brands?.length) fill(list);
  else addCard();
});

const only = $('only-mentions');
chrome.storage.local.get(KEY_ONLY_MENTIONS).then((s) => { only.checked = s[KEY_ONLY_MENTIONS] === true; });
only.onchange = () => chrome.storage.local.set({ [KEY_ONLY_MENTIONS]: only.checked });

// The core restarts itself after a panic; the owner should still hear of it.
chrome.storage.local.get(KEY_HEALTH).then(({ [KEY_HEALTH]: h }) => {
  if (!h?.crashes) return;
  const p = $('health');
  p.textContent = t('coreCrashes', String(h.crashes), `${new Date(h.last.at).toLocaleString()} — ${h.last.why}`);
  p.hidden = false;
});
