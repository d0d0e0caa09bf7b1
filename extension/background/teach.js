// "Teach this site" (content/picker.js): the unit selector the user picked on
// a page becomes a site adapter of their own for that page's host, checked by
// the core like an imported pack (docs/adapters.md) and kept in the settings
// beside the imported ones; an earlier one taught for the same host is
// replaced. The host comes from the sender's address, never the message.
// The author and time selectors come along when the picker has them.
import { getSettings, setSettings } from '../shared/settings.js';
import { ready } from './scoring.js';
import { packOf } from '../shared/adapters.js';

/**
 * @param {{ url?: string, tab?: { url?: string } }} sender
 * @param {{ unit: string, text: string, author?: string | null, time?: string | null }} picked
 */
export async function teach(sender, { unit, text, author = null, time = null }) {
  let url;
  try {
    url = new URL(sender.url ?? sender.tab?.url ?? '');
  } catch {
    return { ok: false, message: 'no page address' };
  }
  const host = url.hostname.toLowerCase();
  const adapter = {
    site: `taught-${host}`.replace(/[^a-z0-9._-]/g, '-').slice(0, 40),
    name: host,
    hosts: [host],
    source: `taught on ${url.origin}${url.pathname}`.slice(0, 900) + `, ${new Date().toISOString().slice(0, 10)}`,
    unit,
    text,
    ...(author ? { author } : {}),
    ...(time ? { time } : {}),
  };
  const { adapters } = await getSettings(['adapters']);
  const merged = [...adapters.filter((a) => a.site !== adapter.site), adapter];
  try {
    const core = await ready;
    core.parseAdapters(JSON.stringify(packOf(merged)));
    await setSettings({ adapters: merged });
  } catch (err) {
    return { ok: false, message: String(err?.message ?? err) };
  }
  return { ok: true, name: host };
}
