// The takedown kit (檢舉包): for an impersonation or scam finding, the
// report a platform's form asks for — pre-filled in zh-TW or English,
// citing the evidence records with their hashes and capture times, the
// official pages to compare with and the evidence bundle — and the steps of
// that platform's own form. Nothing is sent: the user copies or saves it.
// Pure: records, brands and a message lookup in, text out.

/** Platforms with their own steps, and `other` for the rest. */
export const PLATFORMS = ['facebook', 'instagram', 'line', 'googlemaps', 'ptt', 'other'];

/** The platform a page belongs to, by its address. */
export function platformOf(url) {
  let host = '';
  let path = '';
  try { ({ hostname: host, pathname: path } = new URL(url)); } catch { return 'other'; }
  const on = (domain) => host === domain || host.endsWith(`.${domain}`);
  if (on('facebook.com') || on('fb.com') || on('fb.me')) return 'facebook';
  if (on('instagram.com')) return 'instagram';
  if (on('line.me') || on('lin.ee')) return 'line';
  if ((on('google.com') && path.startsWith('/maps')) || on('maps.app.goo.gl')) return 'googlemaps';
  if (on('ptt.cc')) return 'ptt';
  return 'other';
}

/** The watched brands the records are about (their mentions), with their official pages. */
export function officialBrands(records, watchlist) {
  const names = new Set(records.flatMap((r) => r.details?.mentions ?? []));
  const own = (watchlist?.brands ?? []).filter((b) => !b.competitor);
  const named = own.filter((b) => names.has(b.name));
  return named.length ? named : own.slice(0, 1);
}

/** A capture time as a lawyer reads it: UTC, and the time zone it was taken in. */
const when = (r) => `${r.captured_at} (UTC${r.time_zone ? `; ${r.time_zone}` : ''})`;

/**
 * The kit for `records` on `platform`, in the language of `msg(key, ...subs)`
 * (a message lookup, as i18n's `t`): `{ text, steps }`. `bundle` is the
 * evidence bundle's file name, when one was exported with it.
 * @param {any[]} records
 * @param {{ platform: string, brands: any[], msg: (key: string, ...subs: unknown[]) => string, bundle?: string }} o
 */
export function takedownKit(records, { platform, brands, msg, bundle }) {
  const name = brands.map((b) => b.name).join(msg('listSeparator')) || msg('takedownYourBrand');
  const pages = records.map((r) => `- ${r.final_url || r.url}${r.title ? ` — ${r.title}` : ''}`).join('\n');
  const official = brands.flatMap((b) => b.official ?? []).map((o) => `- ${o}`).join('\n')
    || `- ${msg('takedownNoOfficial')}`;
  const evidence = records.map((r) => {
    const shot = r.artifacts.find((a) => a.kind === 'screenshot');
    const page = r.artifacts.find((a) => a.kind === 'mhtml') ?? r.artifacts.find((a) => a.kind === 'html');
    return [
      `- ${msg('takedownRecord', r.id, when(r))}`,
      `  ${msg('takedownRecordHash', r.hash)}`,
      ...shot ? [`  ${msg('takedownFileHash', shot.name, shot.sha256)}`] : [],
      ...page ? [`  ${msg('takedownFileHash', page.name, page.sha256)}`] : [],
    ].join('\n');
  }).join('\n');
  const text = [
    msg('takedownSubject', name, msg(`takedownWhat_${platform}`)),
    '',
    msg('takedownIntro', name),
    '',
    msg('takedownPages'), pages,
    '',
    msg('takedownOfficial'), official,
    '',
    msg('takedownEvidence'), evidence,
    '',
    bundle ? msg('takedownBundle', bundle) : msg('takedownBundleHint'),
    msg('takedownContact'),
  ].join('\n');
  const steps = msg(`takedownSteps_${platform}`).split('\n').map((s) => s.trim()).filter(Boolean);
  return { text, steps };
}
