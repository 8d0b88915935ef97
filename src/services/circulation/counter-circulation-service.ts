/**
 * The counter's side of circulation: check out, check in (fine payments: fine-payment-service).
 * Each is one IMMEDIATE transaction and is written to the audit log; the unique index on
 * open loans means two counters checking out one copy at once cannot both succeed. A check-in
 * happens at a counter (a pickup location): a requested copy goes on its hold shelf only there
 * where the patron collects it, and is otherwise sent on.
 */
import type { Database } from '../../db/engine/database.js';
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { CatalogueRepo } from '../../db/catalogue/catalogue-repo.js';
import type { FineRepo } from '../../db/circulation/fine-repo.js';
import type { LoanRepo } from '../../db/circulation/loan-repo.js';
import type { LoanRuleRepo } from '../../db/circulation/loan-rule-repo.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { RequestRepo } from '../../db/circulation/request-repo.js';
import { checkoutBlocks, type CheckoutBlock } from '../../domain/circulation/checkout-policy.js';
import { addDays, earlier, libraryDateOf } from '../../domain/shared/library-date.js';
import { overdueFine } from '../../domain/circulation/fine-policy.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { Clock } from '../../lib/clock.js';
import type { StaffContext } from '../patrons/counter-service.js';
import type { HoldPlacement, HoldShelf } from './hold-shelf.js';

/** A pickup location as the words need it: its code chooses its name in each language (message pickup.name). */
export type PickupPlace = {
  code: string;
  name: string;
};
export type CheckOutResult =
  | { ok: true; loanId: number; title: string; dueDate: string; patron: Patron }
  | {
      ok: false;
      code:
        | 'NO_SUCH_PATRON'
        | 'NO_SUCH_ITEM'
        | 'ALREADY_ON_LOAN'
        | 'HELD_FOR_ANOTHER'
        | 'RECORD_EXPIRED'
        | 'FINES_OVER_CEILING'
        | 'ITEM_MISSING';
    }
  /** The copy is on its way to another pickup location for someone else's request. */
  | { ok: false; code: 'IN_TRANSIT_FOR_ANOTHER'; to: PickupPlace };

/** What the counter does with a copy just checked in. */
export type CopyDestination =
  | { kind: 'shelf' }
  | { kind: 'hold-shelf'; name: string; barcode: string; collectBy: string }
  | { kind: 'transit'; to: PickupPlace; name: string; barcode: string };

export type CheckInResult =
  | { ok: true; title: string; patron: Patron | undefined; fine: { daysLate: number; amount: number }; destination: CopyDestination }
  | { ok: false; code: 'NO_SUCH_ITEM' }
  /** The copy exists but is neither on loan nor on its way to a pickup location: its title says which book it is. */
  | { ok: false; code: 'NOT_ON_LOAN'; title: string };

/**
 * The patron being served, as the check-out panel shows them before any scan: what they owe, what
 * is overdue (oldest due first), and what would refuse a check-out now.
 */
export interface PatronStanding {
  balance: number;
  overdue: Array<{ title: string; itemBarcode: string; dueDate: string }>;
  blocks: CheckoutBlock[];
}

export type CounterCirculationService = ReturnType<typeof createCounterCirculationService>;

export function createCounterCirculationService(deps: {
  db: Database;
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

  /** The placement in the counter's terms: who the copy is for, and where it must go. */
  function destinationOf(placed: HoldPlacement): CopyDestination {
    if (placed.kind === 'shelf') return { kind: 'shelf' };
    const requester = patrons.findById(placed.request.patronId);
    const who = { name: requester?.name ?? '', barcode: requester?.barcode ?? '' };
    if (placed.kind === 'hold-shelf') return { kind: 'hold-shelf', ...who, collectBy: placed.collectBy };
    return { kind: 'transit', to: { code: placed.request.pickupCode, name: placed.request.pickupLocation }, ...who };
  }

  return {
    /** The counters a member of staff can be at: the pickup locations. */
    counters: () => requests.pickupLocations(),
    counterByCode: (code: string) => requests.pickupLocationByCode(code),

    /** The patron's loans among those issued at the counter (ids), still open, oldest first. */
    issuedLoans: (patron: Patron, loanIds: readonly number[]) => loans.openOfPatronAmong(patron.id, loanIds),

    standing(patron: Patron): PatronStanding {
      const today = libraryDateOf(clock.now());
      const balance = fines.balance(patron.id);
      const overdue = loans
        .openOfPatron(patron.id)
        .filter((loan) => loan.dueDate < today)
        .map((loan) => ({ title: loan.title, itemBarcode: loan.itemBarcode, dueDate: loan.dueDate }));
      const blocks = checkoutBlocks({ today, rule: rules.ruleFor(patron.patronType), patronExpiry: patron.expiryDate, balance });
      return { balance, overdue, blocks };
    },

    checkOut(patronBarcode: string, itemBarcode: string, by: StaffContext): CheckOutResult {
      return db.transaction(() => {
        const patron = patrons.findByBarcode(patronBarcode.trim().toUpperCase());
        if (!patron) return { ok: false, code: 'NO_SUCH_PATRON' };
        const copy = catalogue.findCopyByBarcode(itemBarcode.trim());
        if (!copy) return { ok: false, code: 'NO_SUCH_ITEM' };
        if (copy.status === 'on_loan') return { ok: false, code: 'ALREADY_ON_LOAN' };
        if (copy.status === 'missing') return { ok: false, code: 'ITEM_MISSING' };
        // A copy held for a request (on its way, or on the hold shelf) goes to that patron alone.
        const heldRequest = copy.status === 'on_hold' ? requests.holdingCopy(copy.id) : undefined;
        if (heldRequest && heldRequest.patronId !== patron.id) {
          return heldRequest.status === 'in_transit'
            ? { ok: false, code: 'IN_TRANSIT_FOR_ANOTHER', to: { code: heldRequest.pickupCode, name: heldRequest.pickupLocation } }
            : { ok: false, code: 'HELD_FOR_ANOTHER' };
        }
        const now = clock.now();
        const today = libraryDateOf(now);
        const rule = rules.ruleFor(patron.patronType);
        const [block] = checkoutBlocks({ today, rule, patronExpiry: patron.expiryDate, balance: fines.balance(patron.id) });
        if (block) return { ok: false, code: block.code };

        const full = addDays(today, rule.loanDays);
        const dueDate = patron.expiryDate === null ? full : earlier(full, patron.expiryDate);
        const loanId = loans.insert(copy.id, patron.id, now, dueDate);
        catalogue.setCopyStatus(copy.id, 'on_loan');
        if (heldRequest) requests.setStatus(heldRequest.id, 'collected');
        const record = catalogue.findRecord(copy.recordId)!;
        audit.record(
          {
            actor: 'staff',
            staffId: by.staffId,
            patronId: patron.id,
            action: 'item.checked-out',
            clientAddress: by.clientAddress,
            detail: `${copy.itemBarcode} "${record.title}"`,
          },
          now,
        );
        return { ok: true, loanId, title: record.title, dueDate, patron };
      });
    },

    /**
     * A copy handed in at the counter `here` (a pickup location's id): a loan ends, with a fine if
     * it is late, or a copy in transit arrives. Either way the answer says where it goes now.
     */
    checkIn(itemBarcode: string, here: number, by: StaffContext): CheckInResult {
      return db.transaction(() => {
        const copy = catalogue.findCopyByBarcode(itemBarcode.trim());
        if (!copy) return { ok: false, code: 'NO_SUCH_ITEM' };
        const now = clock.now();
        const record = catalogue.findRecord(copy.recordId)!;
        const audited = (patronId: number) =>
          audit.record(
            {
              actor: 'staff',
              staffId: by.staffId,
              patronId,
              action: 'item.checked-in',
              clientAddress: by.clientAddress,
              detail: `${copy.itemBarcode} "${record.title}"`,
            },
            now,
          );
        const loan = loans.openOfCopy(copy.id);
        if (!loan) {
          const arrived = holdShelf.receive(copy.id, here);
          if (!arrived || arrived.kind === 'shelf') return { ok: false, code: 'NOT_ON_LOAN', title: record.title };
          audited(arrived.request.patronId);
          return {
            ok: true,
            title: record.title,
            patron: undefined,
            fine: { daysLate: 0, amount: 0 },
            destination: destinationOf(arrived),
          };
        }
        const patron = patrons.findById(loan.patronId);
        loans.close(loan.id, now);
        const fine = patron ? overdueFine(loan.dueDate, libraryDateOf(now), rules.ruleFor(patron.patronType)) : { daysLate: 0, amount: 0 };
        if (patron && fine.amount > 0) {
          fines.charge(patron.id, loan.id, fine.amount, { kind: 'overdue', title: record.title, daysLate: fine.daysLate }, now);
        }
        const placed = holdShelf.place(copy.id, copy.recordId, here);
        audited(loan.patronId);
        return { ok: true, title: record.title, patron, fine, destination: destinationOf(placed) };
      });
    },
  };
}
