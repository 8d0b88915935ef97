/**
 * Statement budgets: how many SQL statements each common request may run, counted over HTTP as a
 * browser makes the request.
 *
 * Why budgets: on PostgreSQL each statement is a round trip to the server, so a request's time
 * grows with its count, and a statement inside a write transaction holds the write lock for that
 * round trip. The data layer is about to become asynchronous and PostgreSQL to lock per rule;
 * these numbers say what each request costs before that, and keep it from growing unnoticed.
 *
 * Each budget is the count measured when it was set. Lower a budget when you cut statements;
 * never raise one without giving the reason in the commit.
 */
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type Answer, type TestPortal } from '../../test-support/test-portal.js';
import { countingDatabase, type CountingDatabase, type StatementCount } from '../../test-support/counting-database.js';

/**
 * Statements per request, and of those, how many run inside write transactions. BEGIN and COMMIT
 * are not counted: a write transaction adds those two round trips on PostgreSQL.
 */
const BUDGETS = {
  'GET /login': { statements: 0, inWriteTransactions: 0 },
  'POST /login, wrong PIN (401)': { statements: 19, inWriteTransactions: 18 },
  'POST /login while blocked (429)': { statements: 8, inWriteTransactions: 7 },
  'POST /login, right PIN (303)': { statements: 16, inWriteTransactions: 11 },
  'GET /myrecord': { statements: 24, inWriteTransactions: 0 },
  'GET /myrecord/circulation': { statements: 14, inWriteTransactions: 0 },
} satisfies Record<string, Pick<StatementCount, 'statements' | 'inWriteTransactions'>>;
type Request = keyof typeof BUDGETS;

let portal: TestPortal;
let db: CountingDatabase;
before(async () => {
  portal = await startTestPortal({}, { wrapDatabase: (inner) => (db = countingDatabase(inner)) });
});
after(() => portal.close());

/**
 * Runs one request and checks what it ran against its budget. Work the request leaves running
 * (a notice it sends) is waited for and counted too: it is still this request's cost.
 */
async function measured(t: TestContext, request: Request, send: () => Promise<Answer>, status: number): Promise<void> {
  await portal.portal.notices.settled();
  db.reset();
  const answer = await send();
  await portal.portal.notices.settled();
  const count = db.count;
  t.diagnostic(
    `${request}: ${count.statements} statements, ${count.inWriteTransactions} inside ${count.transactions} write transaction(s), ${count.snapshots} snapshot(s)`,
  );
  assert.equal(answer.status, status, `${request} answered ${answer.status}`);
  const budget = BUDGETS[request];
  assert.ok(
    count.statements <= budget.statements,
    `${request} ran ${count.statements} statements, over its budget of ${budget.statements}`,
  );
  assert.ok(
    count.inWriteTransactions <= budget.inWriteTransactions,
    `${request} ran ${count.inWriteTransactions} statements inside write transactions, over its budget of ${budget.inWriteTransactions}`,
  );
}

describe('statement budgets of the common requests', () => {
  test('the login page', async (t) => {
    const browser = new TestBrowser(portal.url);
    await measured(t, 'GET /login', () => browser.get('/login'), 200);
  });

  test('a login refused for a wrong PIN', async (t) => {
    const browser = new TestBrowser(portal.url);
    await browser.get('/login');
    await measured(t, 'POST /login, wrong PIN (401)', () => browser.post('/login', { barcode: '21000002', pin: 'WRONG1' }), 401);
  });

  test('a login refused while the barcode is blocked after five wrong PINs in a minute', async (t) => {
    const browser = new TestBrowser(portal.url);
    for (let i = 0; i < 5; i++) assert.equal((await browser.logIn('21000003', 'WRONG1')).status, 401);
    await browser.get('/login');
    await measured(t, 'POST /login while blocked (429)', () => browser.post('/login', { barcode: '21000003', pin: '110105' }), 429);
  });

  describe('a patron who logs in and looks at his record', () => {
    let patron: TestBrowser;
    before(() => {
      patron = new TestBrowser(portal.url);
    });

    test('a correct login', async (t) => {
      await patron.get('/login');
      await measured(t, 'POST /login, right PIN (303)', () => patron.post('/login', { barcode: '21000004', pin: 'K7M2P9' }), 303);
    });

    test('the home page, with every service summary', async (t) => {
      await measured(t, 'GET /myrecord', () => patron.get('/myrecord'), 200);
    });

    test('the loans page', async (t) => {
      await measured(t, 'GET /myrecord/circulation', () => patron.get('/myrecord/circulation'), 200);
    });
  });
});
