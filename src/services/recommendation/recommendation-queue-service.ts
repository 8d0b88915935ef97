/**
 * Book Recommendation (docs/rules.md §8), the acquisitions side: staff with the acquisitions role
 * see the queue and move recommendations through their statuses, one or several at once. Every
 * supporter is mailed at each change, and when the book arrives the Book Request each supporter
 * asked for is placed for him. What patrons do is recommendation-service.ts.
 */
import type { Database } from '../../db/engine/database.js';
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { CatalogueRepo } from '../../db/catalogue/catalogue-repo.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { RecommendationRepo } from '../../db/recommendation/recommendation-repo.js';
import type { Recommendation, QueueSort, Supporter } from '../../domain/recommendation/recommendation.js';
import type { RequestRepo } from '../../db/circulation/request-repo.js';
import type { StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import type { HistoryEntry } from '../../domain/shared/status-history.js';
import { parseIsbn } from '../../domain/shared/isbn.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { isOpen, staffMayChange, type RecommendationStatus, type StatusChange } from '../../domain/recommendation/recommendation-status.js';
import type { Clock } from '../../lib/clock.js';
import type { MessageKey } from '../../messages/index.js';
import { REC_REJECT_REASON, REC_STATUS } from '../../messages/recommendation-words.js';
import { requestRefusalText } from '../../messages/request-refusal-text.js';
import type { PlaceRequestRefusal } from '../../domain/circulation/request-policy.js';
import type { PlaceRequestResult } from '../circulation/circulation-service.js';
import type { PatronNotices } from '../mail/patron-notices.js';
import { REC_PAGE_SIZE, recommendationPage } from './recommendation-paging.js';

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

export type RecommendationQueueService = ReturnType<typeof createRecommendationQueueService>;

export function createRecommendationQueueService(deps: {
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
    /** A page of the staff queue, each with its history. */
    queue(filter: { status: RecommendationStatus | null; sort: QueueSort; page: number }) {
      const total = recommendations.queueCount(filter.status);
      const { page, pages, offset } = recommendationPage(total, filter.page);
      const items = recommendations.queue({ status: filter.status, sort: filter.sort, limit: REC_PAGE_SIZE, offset });
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
