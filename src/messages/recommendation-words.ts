/** The words for a recommendation's codes, shared by its pages and its mail. */
import type { RecommendationFormat, RecommendationReason } from '../domain/recommendation/recommendation-form.js';
import type { RecommendationStatus, RejectReason } from '../domain/recommendation/recommendation-status.js';
import type { MessageKey } from './index.js';

export const REC_STATUS: Record<RecommendationStatus, MessageKey> = {
  submitted: 'rec.status.submitted',
  accepted: 'rec.status.accepted',
  ordered: 'rec.status.ordered',
  available: 'rec.status.available',
  rejected: 'rec.status.rejected',
  cancelled: 'rec.status.cancelled',
};

export const REC_REJECT_REASON: Record<RejectReason, MessageKey> = {
  held: 'rec.rejectReason.held',
  out_of_print: 'rec.rejectReason.out_of_print',
  policy: 'rec.rejectReason.policy',
  price: 'rec.rejectReason.price',
  other: 'rec.rejectReason.other',
};

export const REC_FORMAT: Record<RecommendationFormat, MessageKey> = {
  print: 'rec.format.print',
  ebook: 'rec.format.ebook',
  either: 'rec.format.either',
};

export const REC_REASON: Record<RecommendationReason, MessageKey> = {
  course: 'rec.reason.course',
  research: 'rec.reason.research',
  general: 'rec.reason.general',
  other: 'rec.reason.other',
};
