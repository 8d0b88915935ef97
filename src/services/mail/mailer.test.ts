import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMailer, describeMailError } from './mailer.js';

function outboxMailer(demo: boolean) {
  const outboxDir = join(mkdtempSync(join(tmpdir(), 'myrecord-mailer-')), 'outbox');
  const logs: string[] = [];
  const logger = { info: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
  const mailer = createMailer({ smtpUrl: null, from: 'myRecord <no-reply@library.invalid>', outboxDir, logger, demo });
  return { mailer, logs, outboxDir };
}

const message = {
  to: 'tai-man.chan@example.edu',
  subject: 'Reset your PIN',
  text: 'Follow the link',
  link: 'http://localhost:3000/pin/reset/abc',
};

test('outbox mail files are readable by their owner alone', async () => {
  const { mailer, outboxDir } = outboxMailer(true);
  await mailer.send(message);
  const [file] = readdirSync(outboxDir);
  assert.ok(file);
  assert.equal(statSync(join(outboxDir, file)).mode & 0o077, 0);
  assert.equal(statSync(outboxDir).mode & 0o077, 0);
});

test('in demo mode the log names the addressee and the link, for a developer to follow', async () => {
  const { mailer, logs } = outboxMailer(true);
  await mailer.send(message);
  assert.match(logs.join('\n'), /tai-man\.chan@example\.edu.*\/pin\/reset\/abc/);
});

test('outside demo mode neither the address nor the link reaches the log', async () => {
  const { mailer, logs } = outboxMailer(false);
  await mailer.send(message);
  assert.equal(logs.length, 1);
  assert.doesNotMatch(logs.join('\n'), /example\.edu|pin\/reset/);
});

test('a mail error is described without the addresses it names', () => {
  const err = new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <tai-man.chan@example.edu>: Recipient address rejected");
  assert.equal(describeMailError(err), "Can't send mail - all recipients were rejected: 550 5.1.1 <<address>>: Recipient address rejected");
});
