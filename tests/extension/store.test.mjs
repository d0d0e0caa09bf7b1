// How a failed save is told to the user: a full disk, however Chromium words
// it, reads differently from a bug (the full-disk e2e test fills a real disk;
// which wording it meets depends on timing, so every wording is held here).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { saveError } from '../../extension/evidence/store.js';

const dom = (name, message) => Object.assign(new Error(message), { name });

test('every way a full disk shows is a full disk', () => {
  for (const err of [
    dom('QuotaExceededError', 'The quota has been exceeded.'),
    dom('UnknownError', 'Failed to write blobs (IOError)'),
    dom('UnknownError', 'Internal error: FILE_ERROR_NO_SPACE'),
    dom('ConstraintError', 'Maximum key generator value reached.'),
    dom('InvalidStateError', "Failed to execute 'transaction' on 'IDBDatabase': The database connection is closing."),
    dom('UnknownError', 'Internal error opening backing store for indexedDB.open.'),
  ]) assert.equal(saveError(err).quota, true, err.message);
});

test('anything else is a failure with its own message', () => {
  const r = saveError(new Error('the page did not answer (reload it and try again)'));
  assert.deepEqual(r, { quota: false, message: 'the page did not answer (reload it and try again)' });
  assert.equal(saveError('plain string').message, 'plain string');
  assert.equal(saveError(undefined).quota, false);
});
