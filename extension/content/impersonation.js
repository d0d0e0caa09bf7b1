// The impersonation check: a page that looks like one of our brands' own,
// at an address that is not, gets a warning (top frame only).
import { showBanner } from './banner.js';
import { siteName } from './verdicts.js';
import { state } from './state.js';
import { CS_BG_CAPTURE, CS_BG_SEEN } from '../shared/messages.js';
import rules from '../../adapters/index.json' with { type: 'json' };

/** Most page text the impersonation check reads: its signals sit near the top. */
const IMPERSONATION_TEXT = 50_000;
/** Elements whose text is not prose (adapters/index.json), as `tagName`s. */
const NOT_TEXT = new Set(rules.skip.map((t) => t.toUpperCase()));

/** What a page calls itself: its title, site and account names, first heading. */
function pageNames() {
  const meta = (p) => document.querySelector(`meta[property="${p}"]`)?.getAttribute('content');
  return [document.title, meta('og:site_name'), meta('og:title'), document.querySelector('h1')?.textContent]
    .filter(Boolean).join('\n').slice(0, 2000);
}

function pageText() {
  let out = '';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT,
    {
      acceptNode: (n) => (NOT_TEXT.has(n.parentElement?.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
  for (let n = walker.nextNode(); n && out.length < IMPERSONATION_TEXT; n = walker.nextNode()) out += `${/** @type {Text} */ (n).data.slice(0, IMPERSONATION_TEXT)} `;
  return out.slice(0, IMPERSONATION_TEXT);
}

/** Warns, in the top frame, when the page looks like an impersonation of one of our brands. */
export async function checkImpersonation() {
  state.banner?.();
  state.banner = null;
  // Forums and review sites are where people talk about a brand: a thread named after it is no lookalike.
  if (window.top !== window || !document.body || !state.engine || !state.adapter?.accounts) return;
  const generation = state.generation;
  const finding = await state.engine.impersonation(location.href, pageNames(), pageText());
  if (!finding || generation !== state.generation) return;
  state.banner = showBanner(finding, { save: () => chrome.runtime.sendMessage({ type: CS_BG_CAPTURE, target: 'page',
    source: 'banner' }) });
  // Into the history (and so the alerts): a scam page in our name is as bad as it gets.
  if (state.history) {
    const item = {
      text: `${document.title} — ${finding.signals.map((s) => s.text).slice(0, 6).join('、')}`.slice(0, 280),
      label: 'neg', score: -1, crises: ['scam'], author: null,
      risk: { grade: 'critical', likelihood: Math.min(5, 2 + finding.kinds.length), impact: 5 },
      brands: [{ name: finding.name, competitor: false }],
    };
    chrome.runtime.sendMessage({ type: CS_BG_SEEN, url: location.href, title: document.title, site: siteName(),
      items: [item] }).catch(() => {});
  }
}
