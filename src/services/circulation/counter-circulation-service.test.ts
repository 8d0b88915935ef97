/**
 * Holds that travel, through the counter's service on an in-memory database:
 * a copy returned at one counter for a request collected at another is sent there, and only its
 * check-in there puts it on the hold shelf, mails the patron (once) and starts the days to collect.
 */
import { beforeEach, describe, test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { createAuditRepo } from '../../db/staff/audit-repo.js';
import { createCatalogueRepo, type CatalogueRepo } from '../../db/catalogue/catalogue-repo.js';
import { createFineRepo, type FineRepo } from '../../db/circulation/fine-repo.js';
import { createLoanRepo, type LoanRepo } from '../../db/circulation/loan-repo.js';
import { createLoanRuleRepo } from '../../db/circulation/loan-rule-repo.js';
import { createRequestRepo, type RequestRepo } from '../../db/circulation/request-repo.js';
import { createStaffRepo } from '../../db/staff/staff-repo.js';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { createTestStorage, HEADER, registerPatrons, type TestStorage } from '../../test-support/fixtures.js';
import { createCirculationService, type CirculationService } from './circulation-service.js';
import { createCounterCirculationService, type CounterCirculationService } from './counter-circulation-service.js';
import type { StaffContext } from '../patrons/counter-service.js';
import { createHoldShelf } from './hold-shelf.js';
import type { Mailer, MailMessage } from '../mail/mailer.js';
import { createPatronNotices } from '../mail/patron-notices.js';

const DAY = 86_400_000;

let storage: TestStorage;
let catalogue: CatalogueRepo;
let loans: LoanRepo;
let requests: RequestRepo;
let fines: FineRepo;
let counter: CounterCirculationService;
let circulation: CirculationService;
let mail: MailMessage[];
let by: StaffContext;
let MAIN: number;
let LAW: number;

beforeEach(async () => {
  storage = createTestStorage();
  const { db, clock, patrons } = storage;
  catalogue = createCatalogueRepo(asDatabase(db));
  loans = createLoanRepo(asDatabase(db));
  requests = createRequestRepo(asDatabase(db));
  fines = createFineRepo(asDatabase(db));
  const rules = createLoanRuleRepo(asDatabase(db));
  mail = [];
  const mailer: Mailer = {
    send: (m) => {
      mail.push(m);
      return Promise.resolve();
    },
  };
  const notices = createPatronNotices({ mailer, publicUrl: 'http://localhost', logger: { info() {}, error() {} } });
  const holdShelf = createHoldShelf({ catalogue, requests, patrons, notices, clock });
  counter = createCounterCirculationService({
    db: asDatabase(db),
    patrons,
    catalogue,
    loans,
    requests,
    fines,
    rules,
    audit: createAuditRepo(asDatabase(db)),
    holdShelf,
    clock,
  });
  circulation = createCirculationService({ db: asDatabase(db), catalogue, loans, requests, fines, rules, holdShelf, clock });
  by = {
    staffId: createStaffRepo(asDatabase(db)).insert('counter', ['circulation'], 'not-a-hash', clock.now()),
    clientAddress: '127.0.0.1',
  };
  MAIN = requests.pickupLocationByCode('MAIN')!.id;
  LAW = requests.pickupLocationByCode('LAW')!.id;
  await registerPatrons(
    storage,
    `${HEADER}\n21000001,Chan Tai Man,tai-man.chan@example.edu,Z123456(7),,,,\n21000002,Maria Santos,maria.santos@example.edu,,XY12345678,,,\n21000003,Li Wei,wei.li@example.edu,,,11010519491231002X,,\n`,
  );
  const record = catalogue.upsertRecord({
    isbn: '9780140437645',
    title: 'Kidnapped',
    author: 'Stevenson, Robert Louis',
    publisher: null,
    year: 1886,
    subjects: '',
  });
  catalogue.upsertCopy({ recordId: record, itemBarcode: '30000001', callNumber: 'PR5482 .K94', location: 'Main Library, 4/F Stacks' });
  // Chan has the only copy; Maria asks for it at the Law Library.
  assert.equal(counter.checkOut('21000001', '30000001', by).ok, true);
  requests.insert(record, patron('21000002').id, LAW, storage.clock.now());
});

const patron = (barcode: string): Patron => storage.patrons.findByBarcode(barcode)!;
const mariasRequest = () => requests.openOfPatron(patron('21000002').id)[0]!;
const readyMail = () => mail.filter((m) => m.subject === 'Your requested book is ready for pickup');
const today = () => libraryDateOf(storage.clock.now());

describe('a copy returned away from the pickup location', () => {
  test('is in transit to the pickup location: staff are told to send it, the patron is not mailed and no day is counted', () => {
    const back = counter.checkIn('30000001', MAIN, by);
    assert.ok(back.ok);
    assert.deepEqual(back.destination, {
      kind: 'transit',
      to: { code: 'LAW', name: 'Law Library, Service Counter' },
      name: 'Maria Santos',
      barcode: '21000002',
    });
    assert.equal(mariasRequest().status, 'in_transit');
    assert.equal(mariasRequest().collectBy, null);
    assert.equal(mariasRequest().sentAt, storage.clock.now());
    assert.deepEqual(catalogue.findCopyByBarcode('30000001')!.transitTo, { code: 'LAW', name: 'Law Library, Service Counter' });
    assert.equal(catalogue.findCopyByBarcode('30000001')!.status, 'on_hold');
    assert.equal(readyMail().length, 0);
  });

  test('checked in at a third counter on the way, it is still to be sent on', () => {
    counter.checkIn('30000001', MAIN, by);
    const again = counter.checkIn('30000001', requests.pickupLocationByCode('MED')!.id, by);
    assert.ok(again.ok);
    assert.equal(again.destination.kind, 'transit');
    assert.equal(mariasRequest().status, 'in_transit');
    assert.equal(readyMail().length, 0);
  });

  test('checked in at the pickup location two days later, it is ready: mailed once, and the days to collect count from its arrival', () => {
    counter.checkIn('30000001', MAIN, by);
    storage.clock.advance(2 * DAY);
    const arrived = counter.checkIn('30000001', LAW, by);
    assert.ok(arrived.ok);
    const holdDays = requests.pickupLocation(LAW)!.holdDays;
    assert.deepEqual(arrived.destination, {
      kind: 'hold-shelf',
      name: 'Maria Santos',
      barcode: '21000002',
      collectBy: addDays(today(), holdDays),
    });
    assert.equal(mariasRequest().status, 'ready');
    assert.equal(mariasRequest().collectBy, addDays(today(), holdDays));
    assert.equal(catalogue.findCopyByBarcode('30000001')!.transitTo, null);
    assert.equal(readyMail().length, 1);
    assert.match(readyMail()[0]!.text, /"Kidnapped", which you requested, is waiting for you at Law Library, Service Counter/);

    // Scanned again at the pickup counter: nothing moves, and no second mail.
    assert.deepEqual(counter.checkIn('30000001', LAW, by), { ok: false, code: 'NOT_ON_LOAN', title: 'Kidnapped' });
    assert.equal(readyMail().length, 1);
  });

  test('while in transit only its requester may borrow it (a patron met on the way), which collects the request', () => {
    counter.checkIn('30000001', MAIN, by);
    const requestId = mariasRequest().id;
    assert.deepEqual(counter.checkOut('21000003', '30000001', by), {
      ok: false,
      code: 'IN_TRANSIT_FOR_ANOTHER',
      to: { code: 'LAW', name: 'Law Library, Service Counter' },
    });
    assert.equal(requests.find(requestId)!.status, 'in_transit', 'a refusal changes nothing');
    assert.equal(counter.checkOut('21000002', '30000001', by).ok, true);
    assert.equal(requests.find(requestId)!.status, 'collected');
  });
});

describe('a copy returned at the pickup location', () => {
  test('goes on its hold shelf at once, and the patron is mailed', () => {
    const back = counter.checkIn('30000001', LAW, by);
    assert.ok(back.ok);
    assert.equal(back.destination.kind, 'hold-shelf');
    assert.equal(mariasRequest().status, 'ready');
    assert.equal(readyMail().length, 1);
  });
});

describe('a hold cancelled while its copy travels', () => {
  test('passes the copy to the next patron waiting, in transit to their pickup location even if it is the same: nobody is mailed before it arrives', () => {
    const record = catalogue.findCopyByBarcode('30000001')!.recordId;
    storage.clock.advance(1000);
    requests.insert(record, patron('21000003').id, LAW, storage.clock.now());
    counter.checkIn('30000001', MAIN, by);
    assert.equal(circulation.cancelRequest(patron('21000002'), mariasRequest().id).ok, true);
    const next = requests.openOfPatron(patron('21000003').id)[0]!;
    assert.equal(next.status, 'in_transit');
    assert.equal(readyMail().length, 0);
    const arrived = counter.checkIn('30000001', LAW, by);
    assert.ok(arrived.ok);
    assert.equal(arrived.destination.kind, 'hold-shelf');
    assert.equal(requests.openOfPatron(patron('21000003').id)[0]!.status, 'ready');
    assert.equal(readyMail().length, 1);
  });

  test('goes back to the shelf when nobody else waits', () => {
    counter.checkIn('30000001', MAIN, by);
    circulation.cancelRequest(patron('21000002'), mariasRequest().id);
    assert.equal(catalogue.findCopyByBarcode('30000001')!.status, 'available');
    assert.equal(catalogue.findCopyByBarcode('30000001')!.transitTo, null);
  });
});

describe('the check-out session', () => {
  test("lists those of the issued loans that are the patron's and still open, oldest first", () => {
    const record = catalogue.upsertRecord({
      isbn: '9780141439600',
      title: 'A Tale of Two Cities',
      author: 'Dickens, Charles',
      publisher: null,
      year: 1859,
      subjects: '',
    });
    catalogue.upsertCopy({ recordId: record, itemBarcode: '30000002', callNumber: 'PR4571', location: 'Main Library, 4/F Stacks' });
    catalogue.upsertCopy({ recordId: record, itemBarcode: '30000003', callNumber: 'PR4571 c.2', location: 'Main Library, 4/F Stacks' });
    const first = counter.checkOut('21000003', '30000002', by);
    storage.clock.advance(1000);
    const second = counter.checkOut('21000003', '30000003', by);
    assert.ok(first.ok && second.ok);
    const chans = loans.openOfPatron(patron('21000001').id)[0]!.id;
    const listed = counter.issuedLoans(patron('21000003'), [second.loanId, chans, first.loanId, 999_999]);
    assert.deepEqual(
      listed.map((l) => l.itemBarcode),
      ['30000002', '30000003'],
    );
    counter.checkIn('30000002', MAIN, by);
    assert.deepEqual(
      counter.issuedLoans(patron('21000003'), [first.loanId, second.loanId]).map((l) => l.itemBarcode),
      ['30000003'],
    );
  });
});

describe('the patron being served, before any scan', () => {
  test('owes nothing and has nothing overdue: no block', () => {
    assert.deepEqual(counter.standing(patron('21000003')), { balance: 0, overdue: [], blocks: [] });
  });

  test('a loan past its due date is listed as overdue, with its item and due date', () => {
    const due = loans.openOfPatron(patron('21000001').id)[0]!.dueDate;
    assert.deepEqual(counter.standing(patron('21000001')).overdue, []);
    storage.clock.advance(40 * DAY);
    assert.deepEqual(counter.standing(patron('21000001')).overdue, [{ title: 'Kidnapped', itemBarcode: '30000001', dueDate: due }]);
  });

  test('fines above the ceiling are a block shown before the scan, and the same rule refuses the check-out', () => {
    const chan = patron('21000001');
    fines.charge(chan.id, null, 5001, { kind: 'note', text: 'lost book' }, storage.clock.now());
    const standing = counter.standing(chan);
    assert.equal(standing.balance, 5001);
    assert.deepEqual(standing.blocks, [{ code: 'FINES_OVER_CEILING', balance: 5001, ceiling: 5000 }]);
    catalogue.upsertCopy({
      recordId: catalogue.findCopyByBarcode('30000001')!.recordId,
      itemBarcode: '30000009',
      callNumber: 'PR5482 .K94 c.2',
      location: 'Main Library, 4/F Stacks',
    });
    assert.deepEqual(counter.checkOut('21000001', '30000009', by), { ok: false, code: 'FINES_OVER_CEILING' });
  });
});
