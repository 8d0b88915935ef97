/**
 * A group room's members are invited, never booked in without their word. Settings: none; the
 * rules are these.
 *
 * - Each barcode the booker gives becomes an invitation (state `invited`); the member accepts or
 *   declines, and may decline after accepting, which leaves the booking. Declined is final.
 * - Until a member accepts, anyone else sees only the last 4 characters of his barcode ("…0007"),
 *   never his name: a barcode typed by one patron must not reveal who holds it.
 * - Only an accepted member is held to "one facility at a time": accepting is refused while he
 *   holds another facility then; an invitation alone never blocks him.
 * - An answer is taken while the booking still holds its slots and is not over.
 * - The minimum counts invited members at booking time. A decline before the start that leaves
 *   fewer people than the room's minimum (the booker and every member who has not declined)
 *   cancels the booking, its slots freed for others, and the booker is mailed why. From the start
 *   on the room is in use: a member who leaves then leaves a booking that stands.
 */
import type { BookingStatus } from './facility.js';

export const MEMBER_STATES = ['invited', 'accepted', 'declined'] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

/** How many characters of an invited member's barcode others may see. */
export const SHOWN_BARCODE_CHARACTERS = 4;

/** "…0007": the end of a barcode, enough for the booker to tell whom he invited, too little to look anyone up. */
export function barcodeEnd(barcode: string): string {
  return `…${barcode.slice(-SHOWN_BARCODE_CHARACTERS)}`;
}

/** A member as another reader may see him: his name once he has accepted, only his barcode's end before (or after declining). */
export function memberAsShown(member: { barcode: string; name: string; state: MemberState }): string {
  return member.state === 'accepted' ? member.name : barcodeEnd(member.barcode);
}

export type Answer = 'accept' | 'decline';

export interface AnswerFacts {
  now: number;
  state: MemberState;
  booking: { status: BookingStatus; startsAt: number; endsAt: number };
  /** Another live booking he holds then (as booker, or as accepted member: asMember), which accepting would overlap. */
  busyWith: { facility: string; from: number; to: number; asMember: boolean } | null;
}

export type AnswerCheck =
  | { kind: 'ok'; state: MemberState }
  /** Nothing to change: accepted twice, declined twice. */
  | { kind: 'unchanged'; state: MemberState }
  /** The booking is over, cancelled or released, or he declined already and asks to accept. */
  | { kind: 'closed' }
  | { kind: 'busy'; facility: string; from: number; to: number; asMember: boolean };

const live = (status: BookingStatus) => status === 'booked' || status === 'checked_in';

export function checkAnswer(answer: Answer, facts: AnswerFacts): AnswerCheck {
  if (!live(facts.booking.status) || facts.booking.endsAt <= facts.now) return { kind: 'closed' };
  if (answer === 'decline')
    return facts.state === 'declined' ? { kind: 'unchanged', state: 'declined' } : { kind: 'ok', state: 'declined' };
  if (facts.state === 'accepted') return { kind: 'unchanged', state: 'accepted' };
  if (facts.state === 'declined') return { kind: 'closed' };
  if (facts.busyWith) return { kind: 'busy', ...facts.busyWith };
  return { kind: 'ok', state: 'accepted' };
}

/**
 * Whether a decline just made cancels the booking: before its start, with fewer people left than
 * the room's minimum (the booker counted, and every member who has not declined).
 */
export function cancelledByDecline(facts: {
  now: number;
  capacityMin: number;
  booking: { status: BookingStatus; startsAt: number };
  states: readonly MemberState[];
}): boolean {
  if (facts.booking.status !== 'booked' || facts.booking.startsAt <= facts.now) return false;
  const people = 1 + facts.states.filter((s) => s !== 'declined').length;
  return people < facts.capacityMin;
}
