// The site adapters, from the same JSON files the CLI reads (adapters/).
import amazon from '../../adapters/amazon.json';
import dcard from '../../adapters/dcard.json';
import facebook from '../../adapters/facebook.json';
import generic from '../../adapters/generic.json';
import googlemaps from '../../adapters/googlemaps.json';
import googleplay from '../../adapters/googleplay.json';
import hackernews from '../../adapters/hackernews.json';
import instagram from '../../adapters/instagram.json';
import mobile01 from '../../adapters/mobile01.json';
import ptt from '../../adapters/ptt.json';
import reddit from '../../adapters/reddit.json';
import threads from '../../adapters/threads.json';
import tripadvisor from '../../adapters/tripadvisor.json';
import x from '../../adapters/x.json';
import yelp from '../../adapters/yelp.json';
import youtube from '../../adapters/youtube.json';

// The CLI's order (src/adapter.rs): Google Play before Google Maps, whose google.com covers it.
export const ADAPTERS = [ptt, dcard, mobile01, amazon, yelp, reddit, hackernews, x, youtube, facebook, instagram,
  threads, tripadvisor, googleplay, googlemaps];

/** The adapter serving `host`, else the first whose units are on the page, else the generic one. */
export function adapterFor(host, doc) {
  const h = host.toLowerCase();
  const byHost = ADAPTERS.find((a) => a.hosts.some((s) => h === s || h.endsWith(`.${s}`)));
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
