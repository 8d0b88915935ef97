import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSecretBox } from './secret-box.js';

const secret = 'a'.repeat(64);

test('a sealed secret opens with the same key and is not readable in the box', () => {
  const box = createSecretBox(secret, 'totp');
  const sealed = box.seal('JBSWY3DPEHPK3PXP');
  assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
  assert.notEqual(box.seal('JBSWY3DPEHPK3PXP'), sealed, 'a fresh IV each time');
  assert.equal(box.open(sealed), 'JBSWY3DPEHPK3PXP');
});

test('another APP_SECRET, another purpose or a changed byte opens nothing', () => {
  const sealed = createSecretBox(secret, 'totp').seal('JBSWY3DPEHPK3PXP');
  assert.equal(createSecretBox('b'.repeat(64), 'totp').open(sealed), undefined);
  assert.equal(createSecretBox(secret, 'other').open(sealed), undefined);
  const [v, iv, tag, body = ''] = sealed.split('.');
  const flipped = `${v}.${iv}.${tag}.${(body[0] === 'A' ? 'B' : 'A') + body.slice(1)}`;
  assert.equal(createSecretBox(secret, 'totp').open(flipped), undefined);
  assert.equal(createSecretBox(secret, 'totp').open('not a box'), undefined);
});
