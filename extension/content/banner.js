// The impersonation warning: a bar across the top of a page that uses one of
// our brands' names without being at its official address and shows scam
// signals. Like the hover card it lives in a closed shadow root, takes its
// text as text only, and can be dismissed; it offers to save the page as
// evidence.
import { t } from '../shared/i18n.js';
import { drop, makeHost, mount } from './host.js';


const CSS = `
.bar { position: fixed; z-index: 2147483647; top: 0; left: 0; right: 0; box-sizing: border-box; padding: 10px 16px;
  display: flex; gap: 12px; align-items: center; font: 14px/1.45 system-ui, "Noto Sans TC", "Noto Sans CJK TC", sans-serif;
  color: #fff; background: #a50e0e; box-shadow: 0 2px 10px rgba(0,0,0,.3); }
.icon { font-size: 22px; }
.text { flex: 1; }
.title { font-weight: 700; display: block; }
.why { font-size: 12px; opacity: .92; }
button { font: inherit; padding: 5px 12px; border-radius: 6px; border: 0; cursor: pointer; white-space: nowrap; }
.save { background: #fff; color: #a50e0e; font-weight: 700; }
.close { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.6); }
.done { font-size: 12px; }
`;

function el(tag, className, text) {
  const n = document.createElement(tag);
  if (className) n.className = className;
  if (text != null) n.textContent = text;
  return n;
}

/**
 * Shows the warning for `finding` (the core's `impersonation()` result);
 * `save()` resolves to `{ ok } | { ok: false, message }`. Returns a function
 * that removes it.
 */
export function showBanner(finding, { save }) {
  const { host, root } = makeHost('banner', 'position:fixed;top:0;left:0;z-index:2147483647');
  const bar = el('div', 'bar');
  bar.setAttribute('role', 'alert');
  const kinds = finding.kinds.map((k) => t(`signal_${k}`)).join('、');
  const examples = [...new Set(finding.signals.map((s) => s.text))].slice(0, 4).join('、');
  const text = el('div', 'text');
  text.append(el('span', 'title', t('impersonationTitle', finding.name)), el('span', 'why', t('impersonationWhy',
    kinds, examples)));
  const saveButton = el('button', 'save', t('saveEvidence'));
  const status = el('span', 'done');
  saveButton.addEventListener('click', async () => {
    saveButton.disabled = true;
    const r = await save().catch((err) => ({ ok: false, message: String(err?.message ?? err) }));
    status.textContent = r?.ok ? t('savedEvidence') : `${t('captureFailed')} ${r?.message ?? ''}`;
    saveButton.disabled = false;
  });
  const close = el('button', 'close', t('dismiss'));
  const remove = () => drop(host);
  close.addEventListener('click', remove);
  bar.append(el('span', 'icon', '⚠'), text, status, saveButton, close);
  root.append(el('style', null, CSS), bar);
  mount(host);
  return remove;
}
