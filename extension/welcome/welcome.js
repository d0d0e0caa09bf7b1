// First run (歡迎): opened once on install, and again from the popup. Asks for
// the brand, its other names, its competitors and its official pages and
// handles, saves them as the watchlist (checked by the core, as the options
// page does), then shows Brand Radar at work on a few sample comments about
// that brand, marked by the same core the pages get.
import { loadCore } from '../shared/core.js';
import { el } from '../shared/dom.js';
import { loadLanguage, localize, t } from '../shared/i18n.js';
import { getSettings, setSettings } from '../shared/settings.js';

await loadLanguage();
localize(document);

const $ = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
const lines = (id) => $(id).value.split('\n').map((s) => s.trim()).filter(Boolean);

/**
 * Words a business name carries that people drop when they write about it
 * (雲朵咖啡 → 雲朵). Width, case, separators and Traditional / Simplified
 * script need no alias: the matcher folds them (src/normalize.rs).
 */
const SUFFIXES = ['股份有限公司', '有限公司', '企業社', '工作室', '公司', '商行', '旗艦店', '門市', '咖啡館', '咖啡廳',
  '咖啡', '餐廳', '餐館', '食堂', '小吃', '麵館', '烘焙坊', '烘焙', '甜點', '茶飲', '飲料', '診所', '飯店', '酒店',
  '旅館', '民宿', '美髮', '沙龍'];

/** The other names people write for the brand, not yet among the aliases. */
function suggestions() {
  const name = $('name').value.trim();
  if (!name) return [];
  const short = SUFFIXES.filter((s) => name.endsWith(s) && name.length - s.length >= 2)
    .map((s) => name.slice(0, -s.length));
  const english = $('english').value.trim();
  const branches = lines('branches').flatMap((b) => [name, ...short].map((n) => `${n}${b}`));
  const have = new Set([name, ...lines('aliases')]);
  return [...new Set([...short, english, ...branches])].filter((s) => s && !have.has(s));
}

function showSuggestions() {
  $('suggestions').replaceChildren(...suggestions().map((s) => {
    const chip = el('button', { type: 'button', title: t('welcomeAddAlias') }, `+ ${s}`);
    chip.onclick = () => {
      $('aliases').value = [...lines('aliases'), s].join('\n');
      showSuggestions();
    };
    return chip;
  }));
}
for (const id of ['name', 'english', 'branches', 'aliases']) $(id).addEventListener('input', showSuggestions);

/**
 * The watchlist with this brand and its competitors. Brands already watched
 * keep what this page does not ask for (exclusions, a competitor's aliases);
 * the others are kept as they are.
 */
function watchlistFrom(stored) {
  const before = Array.isArray(stored?.brands) ? stored.brands.filter((b) => b && typeof b === 'object') : [];
  const had = (name) => before.find((b) => b.name === name) ?? {};
  const name = $('name').value.trim();
  const english = $('english').value.trim();
  const aliases = [...new Set([...lines('aliases'), ...(english ? [english] : [])])].filter((a) => a !== name);
  const own = { ...had(name), name, aliases, official: lines('official'), competitor: false };
  const rivals = lines('competitors').map((c) => ({ ...had(c), name: c, competitor: true }));
  const named = new Set([name, ...rivals.map((r) => r.name)]);
  return { version: 1, brands: [own, ...rivals, ...before.filter((b) => !named.has(b.name))] };
}

$('brand-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = $('message');
  const { watchlist: stored } = await getSettings(['watchlist']);
  let list;
  try {
    list = (await loadCore()).parseWatchlist(JSON.stringify(watchlistFrom(stored)));
    await setSettings({ watchlist: list });
  } catch (err) {
    message.className = 'error';
    message.textContent = t('invalidWatchlist', String(err?.message ?? err));
    return;
  }
  message.className = 'ok';
  message.textContent = t('welcomeSaved', list.brands[0].name);
  await showSample(list);
});

/** Sample comments about the brand, marked as a page would be: mentions, and each comment's verdict. */
async function showSample(list) {
  const core = await loadCore();
  const own = list.brands[0];
  const rival = list.brands.find((b) => b.competitor)?.name ?? t('welcomeSampleRival');
  const texts = [1, 2, 3, 4].map((n) => t(`welcomeSample${n}`, own.name, own.aliases[0] ?? own.name, rival));
  const engine = new core.Engine(JSON.stringify(list));
  try {
    $('sample-comments').replaceChildren(...texts.map((text) => {
      const found = engine.findAll(text, new Uint32Array(0));
      const parts = [];
      let at = 0;
      for (let i = 0; i < found.length; i += 4) {
        const [brand, start, end] = [found[i], found[i + 1], found[i + 2]];
        const kind = list.brands[brand].competitor ? 'competitor' : 'mention';
        parts.push(text.slice(at, start), el('mark', { className: kind }, text.slice(start, end)));
        at = end;
      }
      parts.push(text.slice(at));
      const { label } = core.scoreText(text, undefined, undefined, 0, 0);
      return el('li', { className: label }, ...parts, el('span', { className: 'label' }, t(`label_${label}`)));
    }));
  } finally {
    engine.free();
  }
  document.getElementById('sample').hidden = false;
}

// Opened again later: the brand already watched is filled in.
const { watchlist } = await getSettings(['watchlist']);
const first = Array.isArray(watchlist?.brands) ? watchlist.brands.find((b) => !b.competitor) : null;
if (first) {
  $('name').value = first.name ?? '';
  $('aliases').value = (first.aliases ?? []).join('\n');
  $('official').value = (first.official ?? []).join('\n');
  $('competitors').value = watchlist.brands.filter((b) => b.competitor).map((b) => b.name).join('\n');
}
showSuggestions();
