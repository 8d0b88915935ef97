import type { RecommendationInput } from './recommendation-form.js';
import type { RecommendationStatus, RejectReason } from './recommendation-status.js';

/** What the patron typed (as the form checked it), and what became of it. */
export interface Recommendation extends Omit<RecommendationInput, 'requestPickup'> {
  id: number;
  patronId: number;
  status: RecommendationStatus;
  rejectReason: RejectReason | null;
  recordId: number | null;
  createdAt: number;
  matchKey: string | null;
  supporterCount: number;
}

/** A recommendation in the staff queue: who made it, besides. */
export interface QueuedRecommendation extends Recommendation {
  patronBarcode: string;
  patronName: string;
}

/** One of the patron's own: made by him, or supported. */
export interface PatronRecommendation extends Recommendation {
  /** He made it (rather than supports someone else's). */
  mine: boolean;
  supportedAt: number;
  requestWhenAvailable: boolean;
}

export interface Supporter {
  patronId: number;
  atMs: number;
  requestWhenAvailable: boolean;
  pickupLocationId: number | null;
}

export type QueueSort = 'newest' | 'supporters';
