import { test } from 'node:test';
import assert from 'node:assert/strict';
import { returnPath, withReturn } from './return-path.js';

test('a patron comes back to the service page he asked for, with its query', () => {
  assert.equal(returnPath('patron', '/myrecord/ill/new?kind=article'), '/myrecord/ill/new?kind=article');
  assert.equal(returnPath('patron', '/catalogue?q=dickens'), '/catalogue?q=dickens');
  assert.equal(returnPath('staff', '/staff/recommendations?status=submitted'), '/staff/recommendations?status=submitted');
});

test('another site, in any spelling, is never a place to come back to', () => {
  for (const bad of [
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/myrecord',
    '/%2F%2Fevil.example',
    '%2F%2Fevil.example',
    '/\t/evil.example',
    ' //evil.example',
    '/myrecord\\..\\//evil',
    '',
  ]) {
    assert.equal(returnPath('patron', bad), undefined, JSON.stringify(bad));
  }
  assert.equal(returnPath('patron', ['/myrecord']), undefined);
});

test('each kind of login keeps to its own pages, and never back to a login', () => {
  assert.equal(returnPath('patron', '/staff/accounts'), undefined);
  assert.equal(returnPath('staff', '/myrecord'), undefined);
  assert.equal(returnPath('staff', '/staff/login?next=/staff'), undefined);
  assert.equal(returnPath('patron', '/myrecordevil'), undefined);
  assert.equal(returnPath('patron', '/login'), undefined);
});

test('only a page that was opened (GET) is carried to the login', () => {
  assert.equal(
    withReturn('/login', 'patron', { method: 'GET', originalUrl: '/myrecord/ill?x=1' }),
    '/login?next=%2Fmyrecord%2Fill%3Fx%3D1',
  );
  assert.equal(withReturn('/login', 'patron', { method: 'POST', originalUrl: '/myrecord/ill/3/cancel' }), '/login');
  assert.equal(withReturn('/login', 'patron', { method: 'GET', originalUrl: '//evil.example' }), '/login');
});
