import type { Db } from './connection.js';
import type { Blackout, BookingLimits, BookingRules, Facility, FacilityKind, SlotLength, WeekHours } from '../domain/booking/facility.js';
import type { Weekday } from '../domain/booking/booking-time.js';
import { isPatronType, type PatronType } from '../domain/patron.js';

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
export function createFacilityRepo(db: Db) {
  const all = db.prepare<[], FacilityRow>('SELECT * FROM facilities ORDER BY kind, location, name');
  const one = db.prepare<[number], FacilityRow>('SELECT * FROM facilities WHERE id = ?');
  const allHours = db.prepare<[], HoursRow>('SELECT * FROM facility_hours');
  const hoursOf = db.prepare<[number], HoursRow>('SELECT * FROM facility_hours WHERE facility_id = ?');
  const byName = db.prepare<[string], number>('SELECT id FROM facilities WHERE name = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO facilities (name, kind, location, capacity_min, capacity_max, slot_minutes, patron_types, created_at)
     VALUES (@name, @kind, @location, @capacityMin, @capacityMax, @slotMinutes, @patronTypes, @at)`,
  );
  const update = db.prepare(
    `UPDATE facilities SET name = @name, kind = @kind, location = @location, capacity_min = @capacityMin, capacity_max = @capacityMax,
       slot_minutes = @slotMinutes, patron_types = @patronTypes WHERE id = @id`,
  );
  const clearHours = db.prepare<[number]>('DELETE FROM facility_hours WHERE facility_id = ?');
  const insertHours = db.prepare('INSERT INTO facility_hours (facility_id, weekday, opens_min, closes_min) VALUES (?, ?, ?, ?)');
  const blackoutsBetween = db.prepare<{ from: number; to: number }, Blackout>(
    `SELECT id, facility_id AS facilityId, starts_at AS startsAt, ends_at AS endsAt, reason FROM facility_blackouts
     WHERE ends_at > @from AND starts_at < @to ORDER BY starts_at`,
  );
  const upcomingBlackouts = db.prepare<{ now: number; limit: number; offset: number }, BlackoutView>(
    `SELECT b.id, b.facility_id AS facilityId, b.starts_at AS startsAt, b.ends_at AS endsAt, b.reason, f.name AS facilityName
     FROM facility_blackouts b LEFT JOIN facilities f ON f.id = b.facility_id WHERE b.ends_at > @now ORDER BY b.starts_at LIMIT @limit OFFSET @offset`,
  );
  const upcomingCount = db.prepare<[number], number>('SELECT COUNT(*) FROM facility_blackouts WHERE ends_at > ?').pluck();
  const blackoutById = db.prepare<[number], BlackoutView>(
    `SELECT b.id, b.facility_id AS facilityId, b.starts_at AS startsAt, b.ends_at AS endsAt, b.reason, f.name AS facilityName
     FROM facility_blackouts b LEFT JOIN facilities f ON f.id = b.facility_id WHERE b.id = ?`,
  );
  const insertBlackout = db.prepare(
    'INSERT INTO facility_blackouts (facility_id, starts_at, ends_at, reason, staff_id, created_at) VALUES (@facilityId, @startsAt, @endsAt, @reason, @staffId, @at)',
  );
  const deleteBlackout = db.prepare<[number]>('DELETE FROM facility_blackouts WHERE id = ?');
  const rules = db.prepare<[], BookingRules>(
    `SELECT days_ahead AS daysAhead, check_in_before_min AS checkInBeforeMin, no_show_after_min AS noShowAfterMin, no_show_limit AS noShowLimit,
       no_show_window_days AS noShowWindowDays, suspension_days AS suspensionDays FROM booking_rules WHERE id = 1`,
  );
  const limits = db.prepare<[string], BookingLimits>('SELECT patron_type AS patronType, slots_per_day AS slotsPerDay, slots_per_week AS slotsPerWeek FROM booking_limits WHERE patron_type = ?');

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

  const params = (f: FacilityFields) => ({ name: f.name, kind: f.kind, location: f.location, capacityMin: f.capacityMin, capacityMax: f.capacityMax, slotMinutes: f.slotMinutes, patronTypes: f.patronTypes.join(',') });

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
      const id = Number(insert.run({ ...params(fields), at }).lastInsertRowid);
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
    addBlackout(b: { facilityId: number | null; startsAt: number; endsAt: number; reason: string; staffId: number }, at: number): number {
      return Number(insertBlackout.run({ ...b, at }).lastInsertRowid);
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
