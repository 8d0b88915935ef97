/** A Book Request as the patron and the counter see it, and the places a copy is picked up. */

export type RequestStatus = 'waiting' | 'in_transit' | 'ready' | 'collected' | 'cancelled';

export interface RequestView {
  id: number;
  recordId: number;
  patronId: number;
  title: string;
  author: string;
  pickupLocationId: number;
  pickupLocation: string;
  /** The pickup location's code (MAIN, LAW…): its name in each language is chosen by it (message pickup.name). */
  pickupCode: string;
  /** Days a copy waits for the patron at that pickup location. */
  holdDays: number;
  status: RequestStatus;
  placedAt: number;
  /** When the copy was sent to the pickup location; set while in transit. */
  sentAt: number | null;
  readyAt: number | null;
  collectBy: string | null;
  copyId: number | null;
  /** 1 for the first in the queue; null once a copy is on its way or ready. */
  queuePosition: number | null;
}

export interface PickupLocation {
  id: number;
  code: string;
  name: string;
  holdDays: number;
}
