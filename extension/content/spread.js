// The spreading chip (擴散中): when the background finds this page about our
// brand gathering negative attention fast (history/velocity.js), a small chip
// in the corner says so and why. Like the banner it lives in a closed shadow
// root outside the page's content, takes its text as text only, and can be
// dismissed.
import { t } from '../shared/i18n.js';
import { drop, makeHost, mount } from './host.js';


const CSS = `
.chip { position: fixed; z-index: 2147483646; right: 16px; bottom: 16px; max-width: 360px; box-sizing: border-box;
  display: flex; gap: 8px; align-items: flex-start; padding: 8px 12px; border-radius: 10px;
  font: 13px/1.45 system-ui, "Noto Sans TC", "Noto Sans CJK TC", sans-serif; color: #fff; background: #e8710a;
  box-shadow: 0 2px 10px rgba(0,0,0,.3); }
.title { font-weight: 700; display: block; }
button { font: inherit; border: 0; background: transparent; color: #fff; cursor: pointer; padding: 0 2px; }
`;

let host = null;

/** Shows (or, with `why` null, removes) the chip. */
export function showSpread(why) {
  drop(host);
  host = null;
  if (why == null || window.top !== window) return;
  let root;
  ({ host, root } = makeHost('spread', 'position:fixed;right:0;bottom:0;z-index:2147483646'));
  const chip = document.createElement('div');
  chip.className = 'chip';
  chip.setAttribute('role', 'status');
  const text = document.createElement('div');
  const title = document.createElement('span');
  title.className = 'title';
  title.textContent = `⚡ ${t('spreading')}`;
  text.append(title, why);
  const close = document.createElement('button');
  close.textContent = '×';
  close.setAttribute('aria-label', t('dismiss'));
  close.addEventListener('click', () => showSpread(null));
  chip.append(text, close);
  const style = document.createElement('style');
  style.textContent = CSS;
  root.append(style, chip);
  mount(host);
}
