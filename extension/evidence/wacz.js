// WACZ export (Webrecorder's web archive package, version 1.1.1), so that a
// capture opens in ReplayWeb.page: each record's page snapshot is a WARC
// response at its address and time, its screenshots WARC resources, with a
// CDXJ index, a page list and a datapackage.json carrying every file's SHA-256.
import { zipSync } from 'fflate';

const WACZ_VERSION = '1.1.1';
const enc = new TextEncoder();
const CRLF = '\r\n';

/** WARC and WACZ timestamps: second precision. */
const warcDate = (iso) => `${iso.slice(0, 19)}Z`;
const cdxTime = (iso) => iso.slice(0, 19).replace(/\D/g, '');

/** Sort-friendly URL key (SURT): host labels reversed, `www.` dropped. */
export function surt(url) {
  try {
    const u = new URL(url);
    const host = u.hostname.toLowerCase().replace(/^www\./, '').split('.').reverse().join(',');
    const port = u.port ? `:${u.port}` : '';
    return `${host}${port})${(u.pathname + u.search).toLowerCase()}`;
  } catch {
    return url;
  }
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

function warcRecord(core, headers, block) {
  const head = [
    'WARC/1.1',
    ...Object.entries({ ...headers, 'WARC-Block-Digest': `sha256:${core.sha256Hex(block)}`, 'Content-Length': block.length })
      .map(([k, v]) => `${k}: ${v}`),
  ].join(CRLF);
  return concat([enc.encode(head + CRLF + CRLF), block, enc.encode(CRLF + CRLF)]);
}

const recordId = () => `<urn:uuid:${crypto.randomUUID()}>`;

/**
 * A WACZ of `records` whose artifacts are in `files` (`{ name: Uint8Array }`).
 * `software` names us in the package.
 */
export function buildWacz(core, records, files, { software, title }) {
  const warc = [];
  const cdx = [];
  let offset = 0;
  const push = (bytes, index) => {
    if (index) cdx.push(`${surt(index.url)} ${index.ts} ${JSON.stringify({ ...index, offset, length: bytes.length, filename: 'data.warc' })}`);
    warc.push(bytes);
    offset += bytes.length;
  };
  const created = new Date().toISOString();
  push(warcRecord(core, {
    'WARC-Type': 'warcinfo', 'WARC-Record-ID': recordId(), 'WARC-Date': warcDate(created),
    'WARC-Filename': 'data.warc', 'Content-Type': 'application/warc-fields',
  }, enc.encode(`software: ${software}${CRLF}format: WARC File Format 1.1${CRLF}`)));
  /** @type {object[]} pages.jsonl: its header, then one line per page */
  const pages = [{ format: 'json-pages-1.0', id: 'pages', title: 'All Pages' }];
  for (const r of records) {
    const ts = cdxTime(r.captured_at);
    const snapshot = r.artifacts.find((a) => a.kind === 'html');
    if (snapshot) {
      const body = files[snapshot.name];
      const http = enc.encode(`HTTP/1.1 200 OK${CRLF}Content-Type: text/html; charset=utf-8${CRLF}Content-Length: ${body.length}${CRLF}${CRLF}`);
      const digest = `sha256:${snapshot.sha256}`;
      push(warcRecord(core, {
        'WARC-Type': 'response', 'WARC-Record-ID': recordId(), 'WARC-Date': warcDate(r.captured_at),
        'WARC-Target-URI': r.final_url, 'WARC-Payload-Digest': digest,
        'Content-Type': 'application/http; msgtype=response',
      }, concat([http, body])), { url: r.final_url, ts, mime: 'text/html', status: '200', digest });
      pages.push({ id: r.id, url: r.final_url, ts: warcDate(r.captured_at), title: r.title });
    }
    // The annotated screenshot says so in its address: it is not the page as the site showed it.
    for (const a of r.artifacts.filter((x) => x.kind === 'screenshot' || x.kind === 'annotated-screenshot')) {
      const url = `urn:brand-radar:${a.kind === 'screenshot' ? '' : 'annotated-by-brand-radar:'}${a.name}`;
      push(warcRecord(core, {
        'WARC-Type': 'resource', 'WARC-Record-ID': recordId(), 'WARC-Date': warcDate(r.captured_at),
        'WARC-Target-URI': url, 'Content-Type': 'image/png',
      }, files[a.name]), { url, ts, mime: 'image/png', status: '200', digest: `sha256:${a.sha256}` });
    }
  }
  const parts = {
    'archive/data.warc': concat(warc),
    'indexes/index.cdx': enc.encode(cdx.sort().join('\n') + (cdx.length ? '\n' : '')),
    'pages/pages.jsonl': enc.encode(pages.map((p) => JSON.stringify(p)).join('\n') + '\n'),
  };
  const datapackage = {
    profile: 'data-package',
    resources: Object.entries(parts).map(([path, bytes]) => ({
      name: path.split('/').pop(), path, hash: `sha256:${core.sha256Hex(bytes)}`, bytes: bytes.length,
    })),
    wacz_version: WACZ_VERSION,
    software,
    created,
    title,
    ...(pages[1] ? { mainPageUrl: pages[1].url, mainPageDate: pages[1].ts } : {}),
  };
  const dp = enc.encode(JSON.stringify(datapackage, null, 2));
  const digest = enc.encode(JSON.stringify({ path: 'datapackage.json', hash: `sha256:${core.sha256Hex(dp)}` }));
  // WACZ wants its WARC and index stored, not deflated, so replay can seek.
  const all = { ...parts, 'datapackage.json': dp, 'datapackage-digest.json': digest };
  return zipSync(Object.fromEntries(Object.entries(all).map(([n, b]) => [n, [b, { level: 0 }]])));
}
