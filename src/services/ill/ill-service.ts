/**
 * Interlibrary Loan Request (docs/rules.md §8), the patron's side: he asks for a book or a copy of
 * an article the library does not hold, follows every step, and may cancel while it is submitted.
 * Each change is one IMMEDIATE transaction, so a quota cannot be passed by two submits at once.
 * Staff moving it on is ill-queue-service.ts; the copy itself (upload, download, expiry) is
 * ill-copy-service.ts.
 */
import type { Database } from '../../db/engine/database.js';
import type { CatalogueRepo } from '../../db/catalogue/catalogue-repo.js';
import type { IllLimitRepo } from '../../db/ill/ill-limit-repo.js';
import type { IllRepo } from '../../db/ill/ill-repo.js';
import type { StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import { copyState } from '../../domain/ill/copy-download.js';
import { illRefusal, illWindowStart, mayAskFor, mayUseIll, type IllRefusal } from '../../domain/ill/ill-eligibility.js';
import { validateIllForm, type IllField, type IllProblem } from '../../domain/ill/ill-form.js';
import { isSameItem } from '../../domain/ill/ill-duplicate.js';
import type { IllDetails, IllKind, IllLimits } from '../../domain/ill/ill-request.js';
import { mayCancel } from '../../domain/ill/ill-status-flow.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { Clock } from '../../lib/clock.js';
import { catalogueMatches } from '../catalogue/catalogue-match.js';
import { requestTitle } from './ill-change-notes.js';
import { ILL_PAGE_SIZE, illLine, illPage, withHistories } from './ill-lines.js';

/** The catalogue holds the book asked for: on the shelf (refused), or every copy out (a Book Request is suggested). */
export interface HeldHere {
  recordId: number;
  title: string;
}

export type IllFormState =
  { kind: 'not-for-type' } | { kind: 'kind-not-allowed'; limits: IllLimits } | { kind: 'form'; open: number; allowed: number };

export type IllRequestResult =
  | { kind: 'created'; id: number; title: string }
  | { kind: 'refused'; refusal: IllRefusal }
  | { kind: 'invalid'; problems: IllProblem[] }
  /** A book with a copy on the shelf here: refused, with a link to its record. */
  | { kind: 'on-shelf'; held: HeldHere }
  /** A book held here with every copy out: a Book Request is suggested; ticking confirm_on_loan goes on. */
  | { kind: 'all-on-loan'; held: HeldHere }
  /** He has an open request for the same item already: refused, with a pointer to that one. */
  | { kind: 'duplicate'; earlier: { id: number; title: string } };

export type CancelResult = { kind: 'cancelled'; title: string } | { kind: 'not-found' } | { kind: 'closed'; title: string };

export type IllService = ReturnType<typeof createIllService>;

export function createIllService(deps: {
  db: Database;
  ill: IllRepo;
  limits: IllLimitRepo;
  catalogue: CatalogueRepo;
  history: StatusHistoryRepo;
  clock: Clock;
}) {
  const { db, ill, limits, catalogue, history, clock } = deps;
  const today = () => libraryDateOf(clock.now());

  /**
   * The catalogue's record of the book asked for, if it has copies: by ISBN, or by title and author
   * as Book Recommendation matches them (a patron rarely knows the ISBN). Of several records (editions)
   * the one with a copy on the shelf is taken, so the patron is sent to the copy he can borrow today.
   */
  function heldHere(details: IllDetails): { held: HeldHere; onShelf: number } | undefined {
    if (details.kind !== 'book') return undefined;
    const records = catalogueMatches(catalogue, { title: details.title, author: details.author, isbn13: details.isbn })
      .filter((record) => catalogue.copiesOf(record.id).length > 0)
      .map((record) => ({ held: { recordId: record.id, title: record.title }, onShelf: catalogue.copiesOnShelf(record.id) }));
    return records.find((r) => r.onShelf > 0) ?? records[0];
  }

  return {
    limitsOf: (patron: Patron) => limits.limitsFor(patron.patronType),

    /** What the form page shows: no form for a type that may not ask, else the quota in numbers. */
    formState(patron: Patron, kind: IllKind): IllFormState {
      const patronLimits = limits.limitsFor(patron.patronType);
      if (!mayUseIll(patronLimits)) return { kind: 'not-for-type' };
      if (!mayAskFor(patronLimits, kind)) return { kind: 'kind-not-allowed', limits: patronLimits };
      return { kind: 'form', open: ill.openCountOf(patron.id), allowed: patronLimits.openAllowed };
    },

    /** A new request: who may ask, the form, the quota and the catalogue checked in one transaction. */
    request(
      patron: Patron,
      kind: IllKind,
      fields: Partial<Record<IllField, string>>,
      options: { confirmOnLoan: boolean },
    ): IllRequestResult {
      return db.transaction((): IllRequestResult => {
        const patronLimits = limits.limitsFor(patron.patronType);
        const standing = { open: ill.openCountOf(patron.id), madeInWindow: ill.madeSince(patron.id, illWindowStart(clock.now())) };
        const refusal = illRefusal(patronLimits, kind, standing);
        // Not for him at all, or not this kind: said before any field is read.
        if (refusal && refusal.code !== 'QUOTA_REACHED' && refusal.code !== 'WINDOW_REACHED') return { kind: 'refused', refusal };
        const form = validateIllForm(kind, fields, today());
        if (!form.ok) return { kind: 'invalid', problems: form.problems };
        // Before the quota: "you asked for this already" is what he needs to hear, not "you have too many".
        const earlier = ill.openOf(patron.id).find((open) => isSameItem(form.details, open));
        if (earlier) return { kind: 'duplicate', earlier: { id: earlier.id, title: requestTitle(earlier) } };
        if (refusal) return { kind: 'refused', refusal };
        // Most libraries lend from their own shelf rather than borrow: a copy here now refuses the
        // request outright (borrowing from another library costs a fee and takes weeks); with every
        // copy out, a Book Request is offered first, and he may still tick to go on (a long queue,
        // or a date the queue cannot meet, are his reasons to know).
        const held = heldHere(form.details);
        if (held && held.onShelf > 0) return { kind: 'on-shelf', held: held.held };
        if (held && !options.confirmOnLoan) return { kind: 'all-on-loan', held: held.held };
        const at = clock.now();
        const id = ill.insert(patron.id, form.details, form.declared ? at : null, at);
        history.record({ subject: 'ill', subjectId: id, status: 'submitted', atMs: at, staffId: null });
        return { kind: 'created', id, title: requestTitle(form.details) };
      });
    },

    /** The patron's requests, newest first, each with its history (one query for the page's histories). */
    listOf(patron: Patron, page: number) {
      const patronLimits = limits.limitsFor(patron.patronType);
      const total = ill.countOfPatron(patron.id);
      const shown = illPage(total, page);
      const now = clock.now();
      const requests = withHistories(history, ill.ofPatron(patron.id, ILL_PAGE_SIZE, shown.offset)).map((r) =>
        illLine(r, patronLimits, now),
      );
      return { requests, total, page: shown.page, pages: shown.pages, open: ill.openCountOf(patron.id), limits: patronLimits };
    },

    /** The one-line summary on the myRecord home: requests in progress, copies waiting to be downloaded. */
    summary(patron: Patron): { inProgress: number; toDownload: number } {
      const patronLimits = limits.limitsFor(patron.patronType);
      const now = clock.now();
      return {
        inProgress: ill.openCountOf(patron.id),
        toDownload: ill.deliveredOf(patron.id).filter((copy) => copyState(copy, patronLimits, now).kind === 'available').length,
      };
    },

    /** Cancels the patron's own request while it is still submitted. Another patron's is not found. */
    cancel(patron: Patron, id: number): CancelResult {
      return db.transaction((): CancelResult => {
        const request = ill.find(id);
        if (!request || request.patronId !== patron.id) return { kind: 'not-found' };
        if (!mayCancel(request.status) || !ill.setStatus(id, request.status, { status: 'cancelled' }, clock.now()))
          return { kind: 'closed', title: requestTitle(request) };
        history.record({ subject: 'ill', subjectId: id, status: 'cancelled', atMs: clock.now(), staffId: null });
        return { kind: 'cancelled', title: requestTitle(request) };
      });
    },
  };
}
