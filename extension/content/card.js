// Hover card: a comment's verdict beside it — score, reasons, crisis types,
// risk grade — and a button that saves it as evidence. It lives in a closed
// shadow root, so the page's CSS cannot restyle it and its scripts cannot
// read it; every piece of text goes in as text.
import { t } from '../shared/i18n.js';
import { makeHost, mount } from './host.js';

const SHOW_AFTER_MS = 250;
const HIDE_AFTER_MS = 300;
const MAX_REASONS = 6;

const CSS = `
.card { position: fixed; z-index: 2147483647; width: 300px; box-sizing: border-box; padding: 10px 12px;
  font: 13px/1.45 system-ui, "Noto Sans TC", "Noto Sans CJK TC", sans-serif; color: #202124;
  background: #fff; border: 1px solid #dadce0; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.18); }
.top { display: flex; gap: 8px; align-items: center; margin-bottom: 6px; }
.label { font-weight: 600; padding: 1px 8px; border-radius: 10px; }
.neg { background: #fce8e6; color: #a50e0e; } .neu { background: #f1f3f4; color: #3c4043; } .pos { background: #e6f4ea; color: #137333; }
.risk { margin-left: auto; font-size: 12px; padding: 1px 6px; border-radius: 4px; background: #f1f3f4; }
.risk.high, .risk.critical { background: #d93025; color: #fff; } .risk.medium { background: #fbbc04; }
ul { margin: 4px 0; padding-left: 18px; } li { margin: 1px 0; }
.why { color: #5f6368; font-size: 12px; margin: 4px 0 2px; }
.targets { margin: 2px 0 4px; } .targets .label { display: inline-block; margin: 0 4px 2px 0; font-weight: 500; }
.crises { margin: 4px 0; } .crisis { display: inline-block; margin: 0 4px 2px 0; padding: 0 6px; border-radius: 4px; background: #fce8e6; color: #a50e0e; font-size: 12px; }
.minus { color: #a50e0e; } .plus { color: #137333; }
button { font: inherit; margin-top: 6px; width: 100%; padding: 5px; border: 0; border-radius: 6px; background: #1a73e8; color: #fff; cursor: pointer; }
button:disabled { background: #9aa0a6; cursor: default; }
.answered { font-size: 12px; padding: 0 6px; border-radius: 4px; background: #e6f4ea; color: #137333; }
.verdict { font-weight: 600; margin: 4px 0; } .verdict.rewrite { color: #a50e0e; } .verdict.good { color: #137333; }
.done { color: #137333; font-size: 12px; margin-top: 4px; } .error { color: #a50e0e; font-size: 12px; margin-top: 4px; }
`;

function el(tag, className, text) {
  const n = document.createElement(tag);
  if (className) n.className = className;
  if (text != null) n.textContent = text;
  return n;
}

/**
 * `unitAt(node)` finds the unit entry under a node (or null); `explain(entry)`
 * resolves to the core's analysis; `checkReply(entry)` to the reply check of
 * the own brand's reply; `save(entry)` to `{ ok, id } | { ok: false, message }`.
 */
export function hoverCards({ unitAt, explain, checkReply, save }) {
  let host = null;
  let card = null;
  let shown = null;
  let showTimer = 0;
  let hideTimer = 0;

  function ensure() {
    if (host) return;
    let root;
    ({ host, root } = makeHost('card', 'position:fixed;top:0;left:0;z-index:2147483647'));
    const style = el('style', null, CSS);
    card = el('div', 'card');
    card.setAttribute('role', 'dialog');
    card.addEventListener('mouseenter', () => clearTimeout(hideTimer));
    card.addEventListener('mouseleave', scheduleHide);
    root.append(style, card);
  }

  function hide() {
    host?.remove();
    shown = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_AFTER_MS);
  }

  function place(rect) {
    const w = 300;
    const left = Math.min(Math.max(8, rect.left), innerWidth - w - 8);
    const below = rect.bottom + 6;
    card.style.left = `${left}px`;
    card.style.top = below + 220 < innerHeight ? `${below}px` : `${Math.max(8, rect.top - 226)}px`;
  }

  async function show(entry) {
    ensure();
    shown = entry;
    // The brand's own reply (src/voice.rs) is no verdict on it: the owner speaking, so its reply check.
    if (entry.owner) {
      const c = await checkReply(entry).catch(() => null);
      if (shown !== entry) return;
      card.replaceChildren(el('div', 'why', t('cardOwnReply', entry.owner)));
      if (c) {
        card.append(el('div', `verdict ${c.verdict}`, t('cardReplyCheck', t(`replyVerdict_${c.verdict}`))));
        const ul = el('ul');
        for (const f of c.findings.slice(0, MAX_REASONS)) {
          ul.append(el('li', 'minus', `${t(`reply_${f.kind}`)}${f.text ? `「${f.text}」` : ''}`));
        }
        if (c.findings.length) card.append(ul);
      }
      card.append(saveButton(entry));
      present(entry);
      return;
    }
    const a = await explain(entry);
    if (shown !== entry) return;
    card.replaceChildren();
    const top = el('div', 'top');
    top.append(el('span', `label ${a.label}`, t(`label_${a.label}`)), el('span', null, a.score.toFixed(2)),
      el('span', `risk ${a.risk.grade}`, `${t('riskGrade')} ${t(`risk_${a.risk.grade}`)}`));
    // The headline is the verdict toward the own brand (background/scoring.js, towardOwn).
    if (a.toward) top.append(el('span', 'toward', t('cardTowardOwn', a.toward)));
    if (entry.answered) top.append(el('span', 'answered', t('answeredTag')));
    card.append(top);
    if (a.crises.length) {
      const crises = el('div', 'crises');
      for (const c of a.crises) crises.append(el('span', 'crisis', t(`crisis_${c.type}`)));
      card.append(crises);
    }
    // A comment naming several brands: the verdict toward each (改喝路易莎啦 雲朵母湯).
    if (a.targets?.length > 1) {
      card.append(el('div', 'why', t('cardToward')));
      const toward = el('div', 'targets');
      for (const x of a.targets) {
        toward.append(el('span', `label ${x.label}`, `${x.brand}${x.competitor ? `（${t('competitorTag')}）` : ''} ${t(`label_${x.label}`)}`));
      }
      card.append(toward);
    }
    // A learned one-character n-gram (「雲」) moves the score but explains nothing to a reader.
    const readable = (r) => r.kind !== 'learned' || [...r.text.trim()].length >= 2;
    const reasons = a.reasons.filter((r) => Math.abs(r.contribution) >= 0.05 && readable(r))
      .sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution)).slice(0, MAX_REASONS);
    if (reasons.length) {
      card.append(el('div', 'why', t('cardWhy')));
      const ul = el('ul');
      for (const r of reasons) {
        const li = el('li', r.contribution < 0 ? 'minus' : 'plus');
        const sign = r.contribution < 0 ? '−' : '+';
        li.textContent = `${sign}${Math.abs(r.contribution).toFixed(2)} ${r.text.trim() ? `「${r.text.trim()}」` : ''}${t(`reason_${r.kind.replace('-', '_')}`)}`;
        ul.append(li);
      }
      card.append(ul);
    }
    card.append(el('div', 'why', t('riskMatrix', a.risk.likelihood, a.risk.impact)), saveButton(entry));
    present(entry);
  }

  /** The card, filled, beside `entry`. */
  function present(entry) {
    place(entry.el.getBoundingClientRect());
    if (!host.isConnected) mount(host);
  }

  /** The button that saves `entry` as evidence, saying how it went. */
  function saveButton(entry) {
    const button = el('button', null, t('saveEvidence'));
    button.type = 'button';
    button.onclick = async () => {
      button.disabled = true;
      button.textContent = t('saving');
      const r = await save(entry).catch((e) => ({ ok: false, message: String(e?.message ?? e) }));
      button.textContent = t('saveEvidence');
      card.querySelector('.done, .error')?.remove();
      card.append(el('div', r?.ok ? 'done' : 'error', r?.ok ? t('savedEvidence') : `${t('saveFailed')} ${r?.message ?? ''}`));
      button.disabled = false;
    };
    return button;
  }

  function onOver(e) {
    const target = e.composedPath()[0];
    if (target === host) { clearTimeout(hideTimer); return; }
    const entry = unitAt(target);
    if (entry === shown && entry) { clearTimeout(hideTimer); return; }
    clearTimeout(showTimer);
    if (!entry) { if (shown) scheduleHide(); return; }
    showTimer = setTimeout(() => { clearTimeout(hideTimer); show(entry); }, SHOW_AFTER_MS);
  }

  document.addEventListener('mouseover', onOver, { capture: true, passive: true });
  return {
    /** Shows the card for `entry` now (tests, keyboard users). */
    show,
    hide,
    stop() { document.removeEventListener('mouseover', onOver, { capture: true }); hide(); },
    isCard: (node) => node === host,
  };
}
