// The takedown kit: the report cites each record's id, capture time and
// hashes, the official pages and the bundle, in either language, with the
// platform's own steps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PLATFORMS, officialBrands, platformOf, takedownKit } from '../../extension/evidence/takedown.js';
import { messagesIn } from '../../extension/shared/i18n.js';

const record = {
  id: '20261203-054508-ab12', captured_at: '2026-12-03T05:45:08.123Z', time_zone: 'Asia/Taipei',
  url: 'https://www.facebook.com/cloudcafe.gift', final_url: 'https://www.facebook.com/cloudcafe.gift',
  title: '雲朵咖啡 Cloud Cafe 官方粉絲團｜十週年感恩抽獎',
  hash: 'a'.repeat(64),
  details: { mentions: ['雲朵咖啡'], source: 'banner' },
  artifacts: [
    { name: 'screenshot.png', kind: 'screenshot', sha256: 'b'.repeat(64), bytes: 1 },
    { name: 'page.mhtml', kind: 'mhtml', sha256: 'c'.repeat(64), bytes: 1 },
  ],
};
const watchlist = { version: 1, brands: [
  { name: '雲朵咖啡', official: ['https://cloudcafe.example.tw', '@cloudcafe.tw'] },
  { name: '路易莎', competitor: true, official: ['https://louisa.example'] },
] };

test('platforms by address', () => {
  assert.equal(platformOf('https://www.facebook.com/x'), 'facebook');
  assert.equal(platformOf('https://m.facebook.com/x'), 'facebook');
  assert.equal(platformOf('https://www.instagram.com/x/'), 'instagram');
  assert.equal(platformOf('https://line.me/R/ti/p/@x'), 'line');
  assert.equal(platformOf('https://www.google.com/maps/place/x'), 'googlemaps');
  assert.equal(platformOf('https://www.google.com/search?q=x'), 'other');
  assert.equal(platformOf('https://www.ptt.cc/bbs/Gossiping/M.1.A.1.html'), 'ptt');
  assert.equal(platformOf('https://notfacebook.com/x'), 'other', 'a lookalike host is no platform');
  assert.equal(platformOf('not a url'), 'other');
});

test('the report cites records, hashes, times and official pages, in both languages', () => {
  const brands = officialBrands([record], watchlist);
  assert.deepEqual(brands.map((b) => b.name), ['雲朵咖啡'], 'our brand, not the competitor');
  for (const lang of ['zh_TW', 'en']) {
    const msg = messagesIn(lang);
    for (const platform of PLATFORMS) {
      const { text, steps } = takedownKit([record], { platform, brands, msg, bundle: 'brand-radar-evidence-x.zip' });
      for (const want of [record.id, record.captured_at, 'Asia/Taipei', record.hash, 'b'.repeat(64), 'c'.repeat(64),
        record.final_url, 'https://cloudcafe.example.tw', '@cloudcafe.tw', 'brand-radar-evidence-x.zip', '雲朵咖啡']) {
        assert.ok(text.includes(want), `${lang} ${platform}: ${want}`);
      }
      assert.ok(!text.includes('louisa'), 'no competitor page');
      assert.ok(!/\$\d|takedown[A-Z]/.test(text), `${lang} ${platform}: every placeholder filled`);
      assert.ok(steps.length >= 3, `${lang} ${platform}: steps`);
    }
  }
  assert.match(takedownKit([record], { platform: 'facebook', brands, msg: messagesIn('zh_TW') }).text, /^主旨：檢舉冒用「雲朵咖啡」名義的冒名粉絲專頁/);
  assert.match(takedownKit([record], { platform: 'facebook', brands, msg: messagesIn('en') }).text, /^Subject: report: impersonating Facebook Page using the name of 雲朵咖啡/);
});
