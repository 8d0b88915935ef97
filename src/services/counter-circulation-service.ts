/**
 * The counter's side of circulation (issue 5): check out, check in (fine payments: fine-payment-service).
 * Each is one IMMEDIATE transaction and is written to the audit log; the unique index on
 * open loans means two counters checking out one copy at once cannot both succeed.
 */
import { immediately, type Db } from '../db/connection.js';
import type { AuditRepo } from '../db/audit-repo.js';
import type { CatalogueRepo } from '../db/catalogue-repo.js';
import type { FineRepo } from '../db/fine-repo.js';
import type { LoanRepo } from '../db/loan-repo.js';
import type { LoanRuleRepo } from '../db/loan-rule-repo.js';
import type { PatronRepo } from '../db/patron-repo.js';
import type { RequestRepo } from '../db/request-repo.js';
import { addDays, earlier, libraryDateOf } from '../domain/circulation/library-date.js';
import { overdueFine } from '../domain/circulation/fine-policy.js';
import type { Patron } from '../domain/patron.js';
import type { Clock } from '../lib/clock.js';
import type { StaffContext } from './counter-service.js';
import type { HoldShelf } from './hold-shelf.js';

export type CheckOutResult =
  | { ok: true; title: string; dueDate: string; patron: Patron }
  | {
      ok: false;
      code: 'NO_SUCH_PATRON' | 'NO_SUCH_ITEM' | 'ALREADY_ON_LOAN' | 'HELD_FOR_ANOTHER' | 'RECORD_EXPIRED' | 'FINES_OVER_CEILING' | 'ITEM_MISSING';
    };

export type CheckInResult =
  | { ok: true; title: string; patron: Patron | undefined; fine: { daysLate: number; amount: number }; heldFor: { name: string; barcode: string; collectBy: string } | null }
  | { ok: false; code: 'NO_SUCH_ITEM' | 'NOT_ON_LOAN' };

export type CounterCirculationService = ReturnType<typeof createCounterCirculationService>;

export function createCounterCirculationService(deps: {
  db: Db;
  patrons: PatronRepo;
  catalogue: CatalogueRepo;
  loans: LoanRepo;
  requests: RequestRepo;
  fines: FineRepo;
  rules: LoanRuleRepo;
  audit: AuditRepo;
  holdShelf: HoldShelf;
  clock: Clock;
}) {
  const { db, patrons, catalogue, loans, requests, fines, rules, audit, holdShelf, clock } = deps;

  return {
    checkOut(patronBarcode: string, itemBarcode: string, by: StaffContext): CheckOutResult {
      return immediately(db, () => {
        const patron = patrons.findByBarcode(patronBarcode.trim().toUpperCase());
        if (!patron) return { ok: false, code: 'NO_SUCH_PATRON' };
        const copy = catalogue.findCopyByBarcode(itemBarcode.trim());
        if (!copy) return { ok: false, code: 'NO_SUCH_ITEM' };
        if (copy.status === 'on_loan') return { ok: false, code: 'ALREADY_ON_LOAN' };
        if (copy.status === 'missing') return { ok: false, code: 'ITEM_MISSING' };
        const heldRequest = copy.status === 'on_hold' ? requests.readyForCopy(copy.id) : undefined;
        if (heldRequest && heldRequest.patronId !== patron.id) return { ok: false, code: 'HELD_FOR_ANOTHER' };
        const now = clock.now();
        const today = libraryDateOf(now);
        if (patron.expiryDate !== null && patron.expiryDate < today) return { ok: false, code: 'RECORD_EXPIRED' };
        const rule = rules.ruleFor(patron.patronType);
        if (fines.balance(patron.id) > rule.fineCeiling) return { ok: false, code: 'FINES_OVER_CEILING' };

        const full = addDays(today, rule.loanDays);
        const dueDate = patron.expiryDate === null ? full : earlier(full, patron.expiryDate);
        loans.insert(copy.id, patron.id, now, dueDate);
        catalogue.setCopyStatus(copy.id, 'on_loan');
        if (heldRequest) requests.setStatus(heldRequest.id, 'collected');
        const record = catalogue.findRecord(copy.recordId)!;
        audit.record({ actor: 'staff', staffId: by.staffId, patronId: patron.id, action: 'item.checked-out', clientAddress: by.clientAddress, detail: `${copy.itemBarcode} "${record.title}"` }, now);
        return { ok: true, title: record.title, dueDate, patron };
      });
    },

    checkIn(itemBarcode: string, by: StaffContext): CheckInResult {
      return immediately(db, () => {
        const copy = catalogue.findCopyByBarcode(itemBarcode.trim());
        if (!copy) return { ok: false, code: 'NO_SUCH_ITEM' };
        const loan = loans.openOfCopy(copy.id);
        if (!loan) return { ok: false, code: 'NOT_ON_LOAN' };
        const now = clock.now();
        const record = catalogue.findRecord(copy.recordId)!;
        const patron = patrons.findById(loan.patronId);
        loans.close(loan.id, now);
        const fine = patron ? overdueFine(loan.dueDate, libraryDateOf(now), rules.ruleFor(patron.patronType)) : { daysLate: 0, amount: 0 };
        if (patron && fine.amount > 0) {
          fines.charge(patron.id, loan.id, fine.amount, { kind: 'overdue', title: record.title, daysLate: fine.daysLate }, now);
        }
        const held = holdShelf.place(copy.id, copy.recordId);
        const heldPatron = held ? patrons.findById(held.patronId) : undefined;
        audit.record({ actor: 'staff', staffId: by.staffId, patronId: loan.patronId, action: 'item.checked-in', clientAddress: by.clientAddress, detail: `${copy.itemBarcode} "${record.title}"` }, now);
        return {
          ok: true,
          title: record.title,
          patron,
          fine,
          heldFor: held && heldPatron ? { name: heldPatron.name, barcode: heldPatron.barcode, collectBy: held.collectBy } : null,
        };
      });
    },
  };
}
