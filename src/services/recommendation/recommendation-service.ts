/**
 * Book Recommendation (docs/rules.md §8), the patron's side: a patron asks the library to buy a
 * book; a second patron asking for the same open one becomes its supporter; each may take his name
 * off while it is still submitted. What staff with the acquisitions role do with it is
 * recommendation-queue-service.ts. Every change is one IMMEDIATE transaction (with its history
 * row), so two patrons recommending the same book at once end with one recommendation and two
 * supporters.
 */
import type { Database } from '../../db/engine/database.js';
import type { CatalogueRepo } from '../../db/catalogue/catalogue-repo.js';
import type { CatalogueRecord } from '../../domain/catalogue/catalogue-record.js';
import type { RecommendationRepo } from '../../db/recommendation/recommendation-repo.js';
import type { Recommendation } from '../../domain/recommendation/recommendation.js';
import type { RequestRepo } from '../../db/circulation/request-repo.js';
import type { StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { limitRefusal, type LimitRefusal, type LimitStanding } from '../../domain/recommendation/recommendation-limits.js';
import {
  checkRecommendation,
  type FormProblem,
  type RecommendationFields,
  type RecommendationInput,
} from '../../domain/recommendation/recommendation-form.js';
import { matchKey } from '../../domain/shared/match-key.js';
import { patronMayCancel } from '../../domain/recommendation/recommendation-status.js';
import type { Clock } from '../../lib/clock.js';
import { catalogueMatches } from '../catalogue/catalogue-match.js';
import { REC_PAGE_SIZE, recommendationPage } from './recommendation-paging.js';

const DAY_MS = 86_400_000;

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

export type RecommendationService = ReturnType<typeof createRecommendationService>;

export function createRecommendationService(deps: {
  db: Database;
  recommendations: RecommendationRepo;
  catalogue: CatalogueRepo;
  requests: RequestRepo;
  history: StatusHistoryRepo;
  clock: Clock;
}) {
  const { db, recommendations, catalogue, requests, history, clock } = deps;

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
      const shown = recommendationPage(total, page);
      const items = recommendations.ofPatron(patron.id, REC_PAGE_SIZE, shown.offset);
      const histories = history.ofMany(
        'recommendation',
        items.map((r) => r.id),
      );
      return {
        items: items.map((r) => ({ ...r, history: histories.get(r.id) ?? [], cancellable: patronMayCancel(r.status) })),
        total,
        page: shown.page,
        pages: shown.pages,
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
  };
}
