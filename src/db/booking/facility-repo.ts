import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import type { Blackout, BookingLimits, BookingRules, Facility, FacilityKind, SlotLength, WeekHours } from '../../domain/booking/facility.js';
import type { Weekday } from '../../domain/booking/booking-time.js';
import { isPatronType, type PatronType } from '../../domain/patrons/patron.js';

/** What staff set for a facility (everything but its id). */
export type FacilityFields = Omit<Facility, 'id'>;

interface FacilityRow {
  id: number;
  name: string;
  kind: FacilityKind;
  location: string;
  capacity_min: number;
  capacity_max: number;
  slot_minutes: SlotLength;
  patron_types: string;
}

interface HoursRow {
  facility_id: number;
  weekday: Weekday;
  opens_min: number;
  closes_min: number;
}

/** A blackout as the console lists it: with its facility's name (null: every facility). */
export interface BlackoutView extends Blackout {
  facilityName: string | null;
}

export type FacilityRepo = ReturnType<typeof createFacilityRepo>;

/** Facilities with their opening hours, the blackouts, and the numbers of the rules (tables booking_rules, booking_limits). */
type FacilityParams = { name: string; kind: FacilityKind; location: string; capacityMin: number; capacityMax: number; slotMinutes: SlotLength; patronTypes: string };
type NewBlackout = { facilityId: number | null; startsAt: number; endsAt: number; reason: string; staffId: number };

export function createFacilityRepo(database: Database) {
  const all = database.statement(() => sql<FacilityRow>`SELECT * FROM facilities ORDER BY kind, location, name`);
  const one = database.statement((id: number) => sql<FacilityRow>`SELECT * FROM facilities WHERE id = ${id}`);
  const allHours = database.statement(() => sql<HoursRow>`SELECT * FROM facility_hours`);
  const hoursOf = database.statement((facilityId: number) => sql<HoursRow>`SELECT * FROM facility_hours WHERE facility_id = ${facilityId}`);
  const byName = database.statement((name: string) => sql<{ id: number }>`SELECT id FROM facilities WHERE name = ${name}`).pluck();
  const insert = database.statement((f: FacilityParams & { at: number }) => sql<{ id: number }>`
    INSERT INTO facilities (name, kind, location, capacity_min, capacity_max, slot_minutes, patron_types, created_at)
    VALUES (${f.name}, ${f.kind}, ${f.location}, ${f.capacityMin}, ${f.capacityMax}, ${f.slotMinutes}, ${f.patronTypes}, ${f.at})
    RETURNING id`).pluck();
  const update = database.statement((f: FacilityParams & { id: number }) => sql`
    UPDATE facilities SET name = ${f.name}, kind = ${f.kind}, location = ${f.location}, capacity_min = ${f.capacityMin}, capacity_max = ${f.capacityMax},
      slot_minutes = ${f.slotMinutes}, patron_types = ${f.patronTypes} WHERE id = ${f.id}`);
  const clearHours = database.statement((facilityId: number) => sql`DELETE FROM facility_hours WHERE facility_id = ${facilityId}`);
  const insertHours = database.statement((facilityId: number, weekday: number, opens: number, closes: number) => sql`
    INSERT INTO facility_hours (facility_id, weekday, opens_min, closes_min) VALUES (${facilityId}, ${weekday}, ${opens}, ${closes})`);
  const blackoutsBetween = database.statement((p: { from: number; to: number }) => sql<Blackout>`
    SELECT id, facility_id AS "facilityId", starts_at AS "startsAt", ends_at AS "endsAt", reason FROM facility_blackouts
    WHERE ends_at > ${p.from} AND starts_at < ${p.to} ORDER BY starts_at`);
  const BLACKOUT = sql`SELECT b.id, b.facility_id AS "facilityId", b.starts_at AS "startsAt", b.ends_at AS "endsAt", b.reason, f.name AS "facilityName"
    FROM facility_blackouts b LEFT JOIN facilities f ON f.id = b.facility_id`;
  const upcomingBlackouts = database.statement((p: { now: number; limit: number; offset: number }) => sql<BlackoutView>`
    ${BLACKOUT} WHERE b.ends_at > ${p.now} ORDER BY b.starts_at LIMIT ${p.limit} OFFSET ${p.offset}`);
  const upcomingCount = database.statement((now: number) => sql<{ n: number }>`SELECT COUNT(*) AS n FROM facility_blackouts WHERE ends_at > ${now}`).pluck();
  const blackoutById = database.statement((id: number) => sql<BlackoutView>`${BLACKOUT} WHERE b.id = ${id}`);
  const insertBlackout = database.statement((b: NewBlackout & { at: number }) => sql<{ id: number }>`
    INSERT INTO facility_blackouts (facility_id, starts_at, ends_at, reason, staff_id, created_at)
    VALUES (${b.facilityId}, ${b.startsAt}, ${b.endsAt}, ${b.reason}, ${b.staffId}, ${b.at})
    RETURNING id`).pluck();
  const deleteBlackout = database.statement((id: number) => sql`DELETE FROM facility_blackouts WHERE id = ${id}`);
  const rules = database.statement(() => sql<BookingRules>`
    SELECT days_ahead AS "daysAhead", check_in_before_min AS "checkInBeforeMin", no_show_after_min AS "noShowAfterMin", no_show_limit AS "noShowLimit",
      no_show_window_days AS "noShowWindowDays", suspension_days AS "suspensionDays" FROM booking_rules WHERE id = 1`);
  const limits = database.statement((type: PatronType) => sql<BookingLimits>`
    SELECT patron_type AS "patronType", slots_per_day AS "slotsPerDay", slots_per_week AS "slotsPerWeek" FROM booking_limits WHERE patron_type = ${type}`);

  function facilityOf(row: FacilityRow, hours: HoursRow[]): Facility {
    const week: WeekHours = {};
    for (const h of hours) week[h.weekday] = { opens: h.opens_min, closes: h.closes_min };
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      location: row.location,
      capacityMin: row.capacity_min,
      capacityMax: row.capacity_max,
      slotMinutes: row.slot_minutes,
      patronTypes: row.patron_types.split(',').filter(isPatronType),
      hours: week,
    };
  }

  function writeHours(id: number, hours: WeekHours): void {
    clearHours.run(id);
    for (const [weekday, h] of Object.entries(hours)) if (h) insertHours.run(id, Number(weekday), h.opens, h.closes);
  }

  const params = (f: FacilityFields): FacilityParams => ({ name: f.name, kind: f.kind, location: f.location, capacityMin: f.capacityMin, capacityMax: f.capacityMax, slotMinutes: f.slotMinutes, patronTypes: f.patronTypes.join(',') });

  return {
    /** Every facility with its hours: two queries, whatever their number. */
    all(): Facility[] {
      const hours = new Map<number, HoursRow[]>();
      for (const h of allHours.all()) hours.set(h.facility_id, [...(hours.get(h.facility_id) ?? []), h]);
      return all.all().map((row) => facilityOf(row, hours.get(row.id) ?? []));
    },
    find(id: number): Facility | undefined {
      const row = one.get(id);
      return row ? facilityOf(row, hoursOf.all(id)) : undefined;
    },
    idByName: (name: string) => byName.get(name),
    insert(fields: FacilityFields, at: number): number {
      const id = insert.get({ ...params(fields), at })!;
      writeHours(id, fields.hours);
      return id;
    },
    update(id: number, fields: FacilityFields): void {
      update.run({ ...params(fields), id });
      writeHours(id, fields.hours);
    },
    /** Blackouts of any facility that overlap [from, to). */
    blackoutsBetween: (from: number, to: number) => blackoutsBetween.all({ from, to }),
    upcomingBlackouts: (now: number, limit: number, offset: number) => upcomingBlackouts.all({ now, limit, offset }),
    upcomingBlackoutCount: (now: number) => upcomingCount.get(now) ?? 0,
    findBlackout: (id: number) => blackoutById.get(id),
    addBlackout(b: NewBlackout, at: number): number {
      return insertBlackout.get({ ...b, at })!;
    },
    deleteBlackout: (id: number) => deleteBlackout.run(id).changes === 1,
    rules(): BookingRules {
      const row = rules.get();
      if (!row) throw new Error('booking_rules has no row: migration 013 was not applied');
      return row;
    },
    limitsFor(type: PatronType): BookingLimits {
      // A type without a row may book nothing, rather than the portal failing.
      return limits.get(type) ?? { patronType: type, slotsPerDay: 0, slotsPerWeek: 0 };
    },
  };
}
