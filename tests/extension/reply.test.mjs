// The reply check in the extension (the wasm core, as the popup calls it)
// and `brand-radar reply --json` give the same answer on every draft of
// tests/data/replies.tsv; the templates the popup offers pass the check.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PKG = new URL('../../pkg/', import.meta.url);
let core;
let cli;

before(async () => {
  core = await import(new URL('brand_radar.js', PKG));
  await core.default({ module_or_path: readFileSync(new URL('brand_radar_bg.wasm', PKG)) });
  execFileSync('cargo', ['build', '-q', '--release', '--bin', 'brand-radar'], { cwd: ROOT, stdio: 'inherit' });
  cli = (draft, comment) => JSON.parse(execFileSync(`${ROOT}target/release/brand-radar`,
    ['reply', '--json', ...(comment ? ['--to', comment] : []), '--', draft], { encoding: 'utf8' }));
});

const rows = readFileSync(new URL('../data/replies.tsv', import.meta.url), 'utf8').split('\n')
  .filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t'));

test('the extension and the CLI agree on every draft of the table', () => {
  assert.ok(rows.length >= 60);
  for (const [comment, draft, findings] of rows) {
    const to = comment === '-' ? '' : comment;
    const mine = core.checkReply(draft, to);
    assert.deepEqual(mine, cli(draft, to), draft);
    const want = findings === '-' ? [] : findings.split(',');
    assert.deepEqual([...new Set(mine.findings.map((f) => f.kind))].sort(), [...want].sort(), draft);
    // Spans index the JS string.
    for (const f of mine.findings) if (f.text) assert.equal(draft.slice(f.start, f.end), f.text, draft);
  }
});

test('the template of each crisis type passes the check in both languages', () => {
  // A comment of each type, as the template would answer it.
  const comments = {
    review: '東西很難吃，服務又慢，不會再來',
    safety: '吃完拉肚子一整晚',
    misconduct: '店員態度很差，還翻白眼',
    breach: '會員個資外洩了，還被盜刷',
    rumor: '聽說這家店要倒閉了，老闆已經跑路',
    scam: '有人冒名粉專說中獎要我匯款，根本詐騙',
  };
  for (const locale of ['zh_TW', 'en']) {
    const messages = JSON.parse(readFileSync(new URL(`../../extension/_locales/${locale}/messages.json`,
      import.meta.url), 'utf8'));
    for (const [type, comment] of Object.entries(comments)) {
      const text = messages[`replyTemplateText_${type}`]?.message;
      assert.ok(text && messages[`replyTemplate_${type}`], `${locale}: template ${type}`);
      const c = core.checkReply(text, comment);
      assert.equal(c.verdict, 'good', `${locale} ${type}: ${JSON.stringify(c.findings)}`);
    }
  }
});

test('bad input: an empty draft has nothing to flag, the CLI refuses it with a message', () => {
  assert.deepEqual(core.checkReply('', '').findings, []);
  assert.throws(() => execFileSync(`${ROOT}target/release/brand-radar`, ['reply', '--', '  '], { stdio: 'pipe' }),
    (e) => e.status === 2 && /no draft to check/.test(String(e.stderr)));
});
