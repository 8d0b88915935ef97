/**
 * Demo recommendations for the demo patrons, in several statuses: one supported by a second
 * patron, one rejected with a reason and a note, one accepted, one ordered. Loaded after the demo
 * circulation on a new database outside production. None is a book of the demo catalogue, and
 * none is a book the tests or journeys recommend.
 */
import type { Portal } from '../portal.js';
import { matchKey } from '../domain/shared/match-key.js';
import type { RecommendationFormat, RecommendationReason } from '../domain/recommendation/recommendation-form.js';
import type { RejectReason, StaffStatus } from '../domain/recommendation/recommendation-status.js';

const DAY_MS = 86_400_000;

interface DemoRecommendation {
  patron: string;
  title: string;
  author: string;
  isbn13: string | null;
  format: RecommendationFormat;
  reason: RecommendationReason;
  note: string;
  daysAgo: number;
  /** Other patrons who support it. */
  supporters: readonly string[];
  /** Staff's steps after "submitted": the status, how many days ago, and for a rejection its reason and note. */
  steps: ReadonlyArray<{ status: StaffStatus; daysAgo: number; reason?: RejectReason; note?: string }>;
}

export const DEMO_RECOMMENDATIONS: readonly DemoRecommendation[] = [
  {
    patron: '21000004',
    title: 'The Structure of Scientific Revolutions',
    author: 'Thomas S. Kuhn',
    isbn13: '9780226458083',
    format: 'print',
    reason: 'course',
    note: '',
    daysAgo: 5,
    supporters: ['21000002'],
    steps: [],
  },
  {
    patron: '21000004',
    title: 'Thinking, Fast and Slow',
    author: 'Daniel Kahneman',
    isbn13: null,
    format: 'either',
    reason: 'research',
    note: '',
    daysAgo: 20,
    supporters: [],
    steps: [{ status: 'accepted', daysAgo: 15 }],
  },
  {
    patron: '21000002',
    title: 'Gödel, Escher, Bach: An Eternal Golden Braid',
    author: 'Douglas R. Hofstadter',
    isbn13: null,
    format: 'print',
    reason: 'general',
    note: '',
    daysAgo: 40,
    supporters: [],
    steps: [
      { status: 'accepted', daysAgo: 35 },
      { status: 'ordered', daysAgo: 30 },
    ],
  },
  {
    patron: '21000002',
    title: 'The Art of Computer Programming, Volumes 1-4',
    author: 'Donald E. Knuth',
    isbn13: null,
    format: 'print',
    reason: 'other',
    note: 'For the algorithms reading group.',
    daysAgo: 60,
    supporters: [],
    steps: [
      {
        status: 'rejected',
        daysAgo: 55,
        reason: 'price',
        note: 'The boxed set is beyond this year’s budget; the Engineering Library holds volumes 1 to 3.',
      },
    ],
  },
];

export function loadDemoRecommendations(portal: Portal): void {
  const { recommendations, history } = portal.repos;
  const now = portal.clock.now();
  const librarian = portal.staff.findByUsername('acquisitions') ?? portal.staff.findByUsername('admin');
  const patronId = (barcode: string) => {
    const patron = portal.patrons.findByBarcode(barcode);
    if (!patron) throw new Error(`no demo patron ${barcode}`);
    return patron.id;
  };
  portal.db.transaction(() => {
    for (const demo of DEMO_RECOMMENDATIONS) {
      const at = now - demo.daysAgo * DAY_MS;
      const id = recommendations.insert({
        patronId: patronId(demo.patron),
        title: demo.title,
        author: demo.author,
        isbn13: demo.isbn13,
        publisher: '',
        year: null,
        format: demo.format,
        reason: demo.reason,
        note: demo.note,
        createdAt: at,
        matchKey: matchKey(demo.title, demo.author) ?? null,
      });
      recommendations.addSupporter(id, patronId(demo.patron), at, null);
      demo.supporters.forEach((barcode, index) => recommendations.addSupporter(id, patronId(barcode), at + (index + 1) * 3_600_000, null));
      history.record({ subject: 'recommendation', subjectId: id, status: 'submitted', atMs: at, staffId: null });
      for (const step of demo.steps) {
        recommendations.setStatus(id, step.status, step.reason ?? null, null);
        history.record({
          subject: 'recommendation',
          subjectId: id,
          status: step.status,
          atMs: now - step.daysAgo * DAY_MS,
          staffId: librarian?.id ?? null,
          reason: step.reason ?? null,
          note: step.note ?? null,
        });
      }
    }
  });
}
