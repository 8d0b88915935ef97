/**
 * Book Recommendation (docs/rules.md §8): a patron asks the library to buy a book; a second patron
 * asking for the same open one becomes its supporter; staff with the acquisitions role move it
 * through its statuses, and every supporter is mailed at each change. Every change is one
 * IMMEDIATE transaction (with its history and audit rows), so two patrons recommending the same
 * book at once end with one recommendation and two supporters.
 */
import type { Database } from '../../db/engine/database.js';
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { CatalogueRecord, CatalogueRepo } from '../../db/catalogue/catalogue-repo.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { RecommendationRepo, Recommendation, QueueSort, Supporter } from '../../db/recommendation/recommendation-repo.js';
import type { RequestRepo } from '../../db/circulation/request-repo.js';
import type { HistoryEntry, StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import { libraryDateOf } from '../../domain/circulation/library-date.js';
import { parseIsbn } from '../../domain/circulation/isbn.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { limitRefusal, type LimitRefusal, type LimitStanding } from '../../domain/recommendation/recommendation-limits.js';
import {
  checkRecommendation,
  type FormProblem,
  type RecommendationFields,
  type RecommendationInput,
} from '../../domain/recommendation/recommendation-form.js';
import { matchKey } from '../../domain/shared/match-key.js';
import {
  isOpen,
  patronMayCancel,
  staffMayChange,
  type RecommendationStatus,
  type StatusChange,
} from '../../domain/recommendation/recommendation-status.js';
import type { Clock } from '../../lib/clock.js';
import type { MessageKey } from '../../messages/index.js';
import { REC_REJECT_REASON, REC_STATUS } from '../../messages/recommendation-words.js';
import { requestRefusalText } from '../../messages/request-refusal-text.js';
import type { PlaceRequestRefusal } from '../../domain/circulation/request-policy.js';
import type { PlaceRequestResult } from '../circulation/circulation-service.js';
import { catalogueMatches } from '../catalogue/catalogue-match.js';
import type { PatronNotices } from '../mail/patron-notices.js';

const DAY_MS = 86_400_000;
/** A page of the patron's list and of the staff queue. */
export const REC_PAGE_SIZE = 20;

export type RecommendResult =
  | { kind: 'invalid'; problems: FormProblem[] }
  | { kind: 'held'; record: CatalogueRecord }
  | { kind: 'already-yours'; recommendation: Recommendation }
  | { kind: 'already-supporting'; recommendation: Recommendation }
  | { kind: 'limit'; refusal: LimitRefusal }
  | { kind: 'supporter-added'; recommendation: Recommendation }
  | { kind: 'recommended'; id: number; title: string };

export type CancelResult =
  { kind: 'not-found' } | { kind: 'closed'; title: string } | { kind: 'cancelled'; title: string } | { kind: 'withdrawn'; title: string };

/** What happened to one recommendation of a staff change. */
export type ChangeOutcome =
  | { kind: 'changed'; id: number; title: string; status: RecommendationStatus; requests: number }
  | { kind: 'not-found'; id: number }
  | { kind: 'not-allowed'; id: number; title: string; from: RecommendationStatus };

export type ChangeResult = { kind: 'no-such-record' } | { kind: 'done'; outcomes: ChangeOutcome[] };

/** Who changed it, for the history and the audit log. */
export interface StaffActor {
  staffId: number;
  clientAddress: string | null;
}

/** What a supporter was told about the request placed for him, for his mail. */
type RequestOutcome =
  | { kind: 'none' }
  | { kind: 'placed'; position: number; pickup: { code: string; name: string } }
  | { kind: 'refused'; refusal: PlaceRequestRefusal };

export type RecommendationService = ReturnType<typeof createRecommendationService>;

export function createRecommendationService(deps: {
  db: Database;
  recommendations: RecommendationRepo;
  catalogue: CatalogueRepo;
  requests: RequestRepo;
  patrons: PatronRepo;
  history: StatusHistoryRepo;
  audit: AuditRepo;
  notices: PatronNotices;
  /** Circulation's own request, with its rules (the normal request rules). */
  placeRequest: (patron: Patron, recordId: number, pickupLocationId: number) => PlaceRequestResult;
  clock: Clock;
  publicUrl: string;
}) {
  const { db, recommendations, catalogue, requests, patrons, history, audit, notices, clock } = deps;
  const listLink = `${deps.publicUrl}/myrecord/recommendations`;

  function standing(patron: Patron): LimitStanding {
    const limits = recommendations.limitsFor(patron.patronType);
    return {
      limits,
      open: recommendations.openCountOf(patron.id),
      inWindow: recommendations.madeSince(patron.id, clock.now() - limits.windowDays * DAY_MS),
    };
  }

  /** A record of the catalogue that is this book: the same ISBN, or the same normalised title and author. */
  function heldRecord(input: RecommendationInput): CatalogueRecord | undefined {
    return catalogueMatches(catalogue, input)[0];
  }

  function openMatch(input: RecommendationInput, key: string | undefined): Recommendation | undefined {
    return (
      (input.isbn13 ? recommendations.findOpenByIsbn(input.isbn13) : undefined) ?? (key ? recommendations.findOpenByKey(key) : undefined)
    );
  }

  function recommendNow(patron: Patron, input: RecommendationInput): RecommendResult {
    return db.transaction(() => {
      const now = clock.now();
      const key = matchKey(input.title, input.author);
      const open = openMatch(input, key);
      if (open) {
        const supporting = recommendations.supporters(open.id).some((s) => s.patronId === patron.id);
        if (open.patronId === patron.id) return { kind: 'already-yours', recommendation: open };
        if (supporting) return { kind: 'already-supporting', recommendation: open };
        // Supporting makes no new recommendation: it counts towards neither of his limits.
        recommendations.addSupporter(open.id, patron.id, now, input.requestPickup);
        return { kind: 'supporter-added', recommendation: { ...open, supporterCount: open.supporterCount + 1 } };
      }
      const refusal = limitRefusal(standing(patron));
      if (refusal) return { kind: 'limit', refusal };
      const id = recommendations.insert({
        patronId: patron.id,
        title: input.title,
        author: input.author,
        isbn13: input.isbn13,
        publisher: input.publisher,
        year: input.year,
        format: input.format,
        reason: input.reason,
        note: input.note,
        createdAt: now,
        matchKey: key ?? null,
      });
      recommendations.addSupporter(id, patron.id, now, input.requestPickup);
      history.record({ subject: 'recommendation', subjectId: id, status: 'submitted', atMs: now, staffId: null });
      return { kind: 'recommended', id, title: input.title };
    });
  }

  /** The request a supporter asked for, placed on the record that arrived; its outcome for his mail. */
  function requestFor(supporter: Supporter, patron: Patron, recordId: number): RequestOutcome {
    if (!supporter.requestWhenAvailable || supporter.pickupLocationId === null) return { kind: 'none' };
    const placed = deps.placeRequest(patron, recordId, supporter.pickupLocationId);
    if (!placed.ok) return { kind: 'refused', refusal: placed.refusal };
    const pickup = requests.pickupLocation(supporter.pickupLocationId);
    return {
      kind: 'placed',
      position: placed.position,
      pickup: pickup ? { code: pickup.code, name: pickup.name } : { code: '', name: '' },
    };
  }

  function mailSupporter(patron: Patron, rec: Recommendation, change: StatusChange, outcome: RequestOutcome): void {
    const body: MessageKey =
      change.status === 'available'
        ? outcome.kind === 'placed'
          ? 'mail.rec.availableRequested.body'
          : outcome.kind === 'refused'
            ? 'mail.rec.availableRefused.body'
            : 'mail.rec.available.body'
        : change.status === 'rejected'
          ? 'mail.rec.rejected.body'
          : 'mail.rec.changed.body';
    notices.statusChanged(patron, {
      subject: 'mail.rec.subject',
      body,
      link: listLink,
      params: (l) => ({
        title: rec.title,
        status: l.t(REC_STATUS[change.status]),
        reason: change.reason ? l.t(REC_REJECT_REASON[change.reason]) : '',
        note: change.note,
        hasNote: change.note === '' ? 'no' : 'yes',
        link: listLink,
        position: outcome.kind === 'placed' ? outcome.position : 0,
        pickupLocation: outcome.kind === 'placed' ? l.t('pickup.name', outcome.pickup) : '',
        refusal: outcome.kind === 'refused' ? requestRefusalText(outcome.refusal, l) : '',
      }),
    });
  }

  return {
    /** What the form shows before he types: where he stands against his limits, and the pickup locations. */
    formContext(patron: Patron) {
      return {
        standing: standing(patron),
        pickupLocations: requests.pickupLocations(),
        thisYear: Number(libraryDateOf(clock.now()).slice(0, 4)),
      };
    },

    /**
     * A recommendation from the form. A book the catalogue holds needs `confirmHeld`; a book
     * someone else recommended and is still open gets him as a supporter instead.
     */
    recommend(patron: Patron, fields: RecommendationFields, confirmHeld: boolean): RecommendResult {
      const checked = checkRecommendation(fields, Number(libraryDateOf(clock.now()).slice(0, 4)));
      if (!checked.ok) return { kind: 'invalid', problems: checked.problems };
      const input = checked.value;
      if (input.requestPickup !== null && !requests.pickupLocation(input.requestPickup))
        return { kind: 'invalid', problems: [{ field: 'pickup', code: 'PICKUP_REQUIRED' }] };
      if (!confirmHeld) {
        const record = heldRecord(input);
        if (record) return { kind: 'held', record };
      }
      return recommendNow(patron, input);
    },

    /** A page of what he made or supports, each with its whole history (one query for the page's histories). */
    listOf(patron: Patron, page: number) {
      const total = recommendations.countOfPatron(patron.id);
      const pages = Math.max(1, Math.ceil(total / REC_PAGE_SIZE));
      const current = Math.min(Math.max(page, 1), pages);
      const items = recommendations.ofPatron(patron.id, REC_PAGE_SIZE, (current - 1) * REC_PAGE_SIZE);
      const histories = history.ofMany(
        'recommendation',
        items.map((r) => r.id),
      );
      return {
        items: items.map((r) => ({ ...r, history: histories.get(r.id) ?? [], cancellable: patronMayCancel(r.status) })),
        total,
        page: current,
        pages,
      };
    },

    /** For the home: how many of his (made or supported) are still open. */
    openCount: (patron: Patron) => recommendations.openOfPatron(patron.id),

    /**
     * He takes his name off a submitted recommendation. When he was its only supporter it is
     * cancelled; when others support it, it stays, and the earliest of them becomes its recommender.
     */
    cancel(patron: Patron, id: number): CancelResult {
      return db.transaction(() => {
        const rec = recommendations.find(id);
        const supporters = rec ? recommendations.supporters(id) : [];
        if (!rec || !supporters.some((s) => s.patronId === patron.id)) return { kind: 'not-found' };
        if (!patronMayCancel(rec.status)) return { kind: 'closed', title: rec.title };
        const others = supporters.filter((s) => s.patronId !== patron.id);
        if (others.length === 0) {
          recommendations.setStatus(id, 'cancelled', null, null);
          history.record({ subject: 'recommendation', subjectId: id, status: 'cancelled', atMs: clock.now(), staffId: null });
          return { kind: 'cancelled', title: rec.title };
        }
        recommendations.removeSupporter(id, patron.id);
        if (rec.patronId === patron.id) recommendations.setOwner(id, others[0]!.patronId);
        return { kind: 'withdrawn', title: rec.title };
      });
    },

    /** A page of the staff queue, each with its history. */
    queue(filter: { status: RecommendationStatus | null; sort: QueueSort; page: number }) {
      const total = recommendations.queueCount(filter.status);
      const pages = Math.max(1, Math.ceil(total / REC_PAGE_SIZE));
      const page = Math.min(Math.max(filter.page, 1), pages);
      const items = recommendations.queue({
        status: filter.status,
        sort: filter.sort,
        limit: REC_PAGE_SIZE,
        offset: (page - 1) * REC_PAGE_SIZE,
      });
      const histories: Map<number, HistoryEntry[]> = history.ofMany(
        'recommendation',
        items.map((r) => r.id),
      );
      return { items: items.map((r) => ({ ...r, history: histories.get(r.id) ?? [], open: isOpen(r.status) })), total, page, pages };
    },

    /**
     * Staff change one recommendation or several (ticked) to one status, in one transaction. Each
     * that may not take that status is reported and left as it was. "Available" needs the ISBN
     * of a catalogue record, and places the requests its supporters asked for. Every supporter
     * is mailed; the history and the audit log get a row for each recommendation changed.
     */
    changeStatus(by: StaffActor, ids: readonly number[], change: StatusChange): ChangeResult {
      let recordId: number | null = null;
      if (change.status === 'available') {
        const isbn = parseIsbn(change.recordIsbn);
        const record = isbn ? catalogue.findRecordByIsbn(isbn) : undefined;
        if (!record) return { kind: 'no-such-record' };
        recordId = record.id;
      }
      const mails: Array<() => void> = [];
      const outcomes = db.transaction(() => {
        const now = clock.now();
        return [...new Set(ids)].map((id): ChangeOutcome => {
          const rec = recommendations.find(id);
          if (!rec) return { kind: 'not-found', id };
          if (!staffMayChange(rec.status, change.status)) return { kind: 'not-allowed', id, title: rec.title, from: rec.status };
          recommendations.setStatus(id, change.status, change.reason, recordId);
          history.record({
            subject: 'recommendation',
            subjectId: id,
            status: change.status,
            atMs: now,
            staffId: by.staffId,
            reason: change.reason,
            note: change.note === '' ? null : change.note,
          });
          let placed = 0;
          const supporters = recommendations.supporters(id);
          for (const supporter of supporters) {
            const patron = patrons.findById(supporter.patronId);
            if (!patron) continue;
            const outcome = recordId === null ? ({ kind: 'none' } as const) : requestFor(supporter, patron, recordId);
            if (outcome.kind === 'placed') placed++;
            mails.push(() => mailSupporter(patron, rec, change, outcome));
          }
          // One row per recommendation, for its recommender; the detail says how many supporters were told.
          audit.record(
            {
              actor: 'staff',
              staffId: by.staffId,
              patronId: rec.patronId,
              action: 'recommendation.status-changed',
              clientAddress: by.clientAddress,
              detail: `${id} "${rec.title}": ${change.status} (${supporters.length} mailed)`,
            },
            now,
          );
          return { kind: 'changed', id, title: rec.title, status: change.status, requests: placed };
        });
      });
      // Mail only once the change is committed.
      for (const send of mails) send();
      return { kind: 'done', outcomes };
    },
  };
}
