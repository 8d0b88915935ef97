/** What can be booked: a room or a computer, its opening hours, who may book it; and blackouts. */
import type { PatronType } from '../patrons/patron.js';
import type { Weekday } from './booking-time.js';

export const FACILITY_KINDS = ['group_room', 'single_room', 'computer'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export function isFacilityKind(value: unknown): value is FacilityKind {
  return typeof value === 'string' && (FACILITY_KINDS as readonly string[]).includes(value);
}

export const SLOT_LENGTHS = [30, 60] as const;
export type SlotLength = (typeof SLOT_LENGTHS)[number];

/** Minutes after Hong Kong midnight: opens at `opens`, closes at `closes` (up to 1440). */
export interface OpeningHours {
  opens: number;
  closes: number;
}

/** A weekday without hours is closed all day. */
export type WeekHours = Partial<Record<Weekday, OpeningHours>>;

export interface Facility {
  id: number;
  name: string;
  kind: FacilityKind;
  location: string;
  capacityMin: number;
  capacityMax: number;
  slotMinutes: SlotLength;
  patronTypes: PatronType[];
  hours: WeekHours;
}

/** No booking inside [startsAt, endsAt); facilityId null closes every facility. */
export interface Blackout {
  id: number;
  facilityId: number | null;
  startsAt: number;
  endsAt: number;
  reason: string;
}

export function blackoutCovers(blackout: Blackout, facilityId: number, from: number, to: number): boolean {
  return (blackout.facilityId === null || blackout.facilityId === facilityId) && blackout.startsAt < to && from < blackout.endsAt;
}

/** The numbers every facility shares (table booking_rules). */
export interface BookingRules {
  daysAhead: number;
  checkInBeforeMin: number;
  noShowAfterMin: number;
  noShowLimit: number;
  noShowWindowDays: number;
  suspensionDays: number;
}

/** Slots a patron of a type may hold in a day and in a week (Monday to Sunday). */
export interface BookingLimits {
  patronType: PatronType;
  slotsPerDay: number;
  slotsPerWeek: number;
}

export const BOOKING_STATUSES = ['booked', 'checked_in', 'cancelled', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
