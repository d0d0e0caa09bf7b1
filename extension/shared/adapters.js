// The site adapters, from the same JSON files the CLI reads (adapters/).
import amazon from '../../adapters/amazon.json' with { type: 'json' };
import dcard from '../../adapters/dcard.json' with { type: 'json' };
import facebook from '../../adapters/facebook.json' with { type: 'json' };
import generic from '../../adapters/generic.json' with { type: 'json' };
import googlemaps from '../../adapters/googlemaps.json' with { type: 'json' };
import googleplay from '../../adapters/googleplay.json' with { type: 'json' };
import hackernews from '../../adapters/hackernews.json' with { type: 'json' };
import instagram from '../../adapters/instagram.json' with { type: 'json' };
import mobile01 from '../../adapters/mobile01.json' with { type: 'json' };
import ptt from '../../adapters/ptt.json' with { type: 'json' };
import reddit from '../../adapters/reddit.json' with { type: 'json' };
import threads from '../../adapters/threads.json' with { type: 'json' };
import tripadvisor from '../../adapters/tripadvisor.json' with { type: 'json' };
import x from '../../adapters/x.json' with { type: 'json' };
import yelp from '../../adapters/yelp.json' with { type: 'json' };
import youtube from '../../adapters/youtube.json' with { type: 'json' };
import rules from '../../adapters/index.json' with { type: 'json' };

const BY_SITE = Object.fromEntries([amazon, dcard, facebook, googlemaps, googleplay, hackernews, instagram, mobile01,
  ptt, reddit, threads, tripadvisor, x, yelp, youtube].map((a) => [a.site, a]));

/** The site adapters in the order the CLI tries them too (adapters/index.json), the generic one apart. */
export const ADAPTERS = rules.order.filter((site) => site !== generic.site).map((site) => BY_SITE[site]);

/** A pack of site adapters as a file holds them (`adapter::Pack`, docs/adapters.md). */
export const packOf = (adapters) => ({ format: 'brand-radar-adapters', version: 1, adapters });

/** The generic adapter: comment-like blocks on any page. */
export const GENERIC = generic;

/** Whether `adapter` serves `host` (one of its hosts, or a subdomain of one). */
export const serves = (adapter, host) => {
  const h = host.toLowerCase();
  return adapter.hosts.some((s) => h === s || h.endsWith(`.${s}`));
};

/**
 * The adapter serving `host` — the user's own (`mine`, from a pack) before
 * ours — else the first of ours whose units are on the page, else the
 * generic one; the generic one wherever the user chose it (`useGeneric`).
 */
export function adapterFor(host, doc, mine = [], useGeneric = false) {
  if (useGeneric) return generic;
  const byHost = [...mine, ...ADAPTERS].find((a) => serves(a, host));
  if (byHost) return byHost;
  // As the CLI does: the first adapter that finds a unit with text.
  return ADAPTERS.find((a) => {
    try {
      // querySelector first: it stops at the first match, and most adapters have none.
      return doc.querySelector(a.unit) !== null
        && [...doc.querySelectorAll(a.unit)].some((u) => a.text === '.' || u.querySelector(a.text));
    } catch {
      return false;
    }
  }) ?? generic;
}
