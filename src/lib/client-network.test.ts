import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientNetwork } from './client-network.js';

test('an IPv4 address is counted as itself', () => {
  assert.equal(clientNetwork('203.0.113.9'), '203.0.113.9');
  assert.equal(clientNetwork('127.0.0.1'), '127.0.0.1');
});

test('every address of one IPv6 /64 is counted as that /64, however it is written', () => {
  for (const address of [
    '2001:db8:1:2::1',
    '2001:db8:1:2:ffff:ffff:ffff:ffff',
    '2001:0DB8:0001:0002:0000:0000:0000:0001',
    '2001:db8:1:2:a:b:c:d',
    '2001:db8:1:2:0:0:1.2.3.4',
    '2001:db8:1:2::',
  ]) {
    assert.equal(clientNetwork(address), '2001:db8:1:2::/64', address);
  }
});

test('neighbouring /64s are counted apart', () => {
  assert.equal(clientNetwork('2001:db8:1:3::1'), '2001:db8:1:3::/64');
  assert.equal(clientNetwork('2001:db8:0:2::1'), '2001:db8:0:2::/64');
  assert.notEqual(clientNetwork('2001:db8:1:2::1'), clientNetwork('2001:db8:1:3::1'));
});

test('a compressed run in the network half is expanded before the /64 is taken', () => {
  assert.equal(clientNetwork('2001::1'), '2001::/64');
  assert.equal(clientNetwork('2001::5:0:0:0:1'), '2001:0:0:5::/64');
  assert.equal(clientNetwork('::1'), '::/64');
  assert.equal(clientNetwork('fe80::1%eth0'), 'fe80::/64');
});

test('an IPv4 client seen on an IPv6 socket is counted by its IPv4 address', () => {
  assert.equal(clientNetwork('::ffff:10.1.2.3'), '10.1.2.3');
  assert.equal(clientNetwork('::FFFF:0a01:0203'), '10.1.2.3');
});

test('anything that is not an IP address is left as it is', () => {
  for (const value of ['unknown', '', 'not:an:address', '2001:db8::1::2', '10.0.0.256']) assert.equal(clientNetwork(value), value);
});
