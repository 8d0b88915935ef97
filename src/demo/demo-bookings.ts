/**
 * The demo facilities of iBooking, loaded with the demo patrons on a new database outside
 * production: group study rooms, single study rooms and computers across two floors, with their
 * opening hours, and a few bookings over the next days so that the day view looks lived in. The
 * group bookings show both sides of an invitation: Wong Siu Ling (21000004, who can log in at
 * once) has members who accepted her booking, and is herself invited to Maria Santos's, to accept.
 */
import type { Portal } from '../portal.js';
import type { FacilityRepo } from '../db/booking/facility-repo.js';
import { addDays, libraryDateOf } from '../domain/shared/library-date.js';
import { MINUTE_MS, momentOf, weekdayOf, WEEKDAYS } from '../domain/booking/booking-time.js';
import type { FacilityKind, SlotLength, WeekHours } from '../domain/booking/facility.js';
import type { MemberState } from '../domain/booking/invitation.js';

const STUDENTS_AND_STAFF = ['undergraduate', 'postgraduate', 'staff'] as const;

/** The library's hours: 08:00–22:00 on weekdays, 09:00–19:00 on Saturday, closed on Sunday (computers: every day to 23:00). */
function hours(kind: FacilityKind): WeekHours {
  const week: WeekHours = {};
  for (const day of WEEKDAYS) {
    if (kind === 'computer') week[day] = { opens: 8 * 60, closes: 23 * 60 };
    else if (day <= 5) week[day] = { opens: 8 * 60, closes: 22 * 60 };
    else if (day === 6) week[day] = { opens: 9 * 60, closes: 19 * 60 };
  }
  return week;
}

export const DEMO_FACILITIES: ReadonlyArray<{
  name: string;
  kind: FacilityKind;
  location: string;
  capacityMin: number;
  capacityMax: number;
  slotMinutes: SlotLength;
}> = [
  { name: 'Group Study Room 301', kind: 'group_room', location: '3/F, Learning Commons', capacityMin: 3, capacityMax: 6, slotMinutes: 60 },
  { name: 'Group Study Room 302', kind: 'group_room', location: '3/F, Learning Commons', capacityMin: 3, capacityMax: 8, slotMinutes: 60 },
  { name: 'Group Study Room 401', kind: 'group_room', location: '4/F, Quiet Zone', capacityMin: 2, capacityMax: 4, slotMinutes: 60 },
  {
    name: 'Single Study Room 310',
    kind: 'single_room',
    location: '3/F, Learning Commons',
    capacityMin: 1,
    capacityMax: 1,
    slotMinutes: 60,
  },
  { name: 'Single Study Room 410', kind: 'single_room', location: '4/F, Quiet Zone', capacityMin: 1, capacityMax: 1, slotMinutes: 60 },
  { name: 'Computer PC-3A', kind: 'computer', location: '3/F, Learning Commons', capacityMin: 1, capacityMax: 1, slotMinutes: 30 },
  { name: 'Computer PC-3B', kind: 'computer', location: '3/F, Learning Commons', capacityMin: 1, capacityMax: 1, slotMinutes: 30 },
  { name: 'Computer PC-4A', kind: 'computer', location: '4/F, Quiet Zone', capacityMin: 1, capacityMax: 1, slotMinutes: 30 },
];

/** The demo facilities with their hours, by name (the benchmark adds them to its production database too). */
export function insertDemoFacilities(facilities: FacilityRepo, now: number): Map<string, number> {
  const ids = new Map<string, number>();
  for (const f of DEMO_FACILITIES)
    ids.set(f.name, facilities.insert({ ...f, patronTypes: [...STUDENTS_AND_STAFF], hours: hours(f.kind) }, now));
  return ids;
}

export function loadDemoBookings(portal: Portal): void {
  const { db, patrons } = portal;
  const { facilities, bookings, history } = portal.repos;
  const now = portal.clock.now();
  const today = libraryDateOf(now);
  const patron = (barcode: string) => {
    const found = patrons.findByBarcode(barcode);
    if (!found) throw new Error(`no demo patron ${barcode}`);
    return found.id;
  };
  db.transaction(() => {
    const ids = insertDemoFacilities(facilities, now);
    /** A booking `days` from today at `hour`, if the facility is open then: the slots held, its first step in the history. */
    const book = (
      name: string,
      days: number,
      hour: number,
      slots: number,
      booker: string,
      members: Array<{ barcode: string; state: MemberState }> = [],
    ) => {
      const facility = facilities.find(ids.get(name)!)!;
      const date = addDays(today, days);
      const startsAt = momentOf(date, hour * 60);
      const endsAt = startsAt + slots * facility.slotMinutes * MINUTE_MS;
      const open = facility.hours[weekdayOf(date)];
      if (!open || hour * 60 < open.opens || hour * 60 + slots * facility.slotMinutes > open.closes) return;
      const id = bookings.insert({ patronId: patron(booker), facilityId: facility.id, date, startsAt, endsAt, slots }, now);
      for (const state of ['invited', 'accepted'] as const)
        bookings.addMembers(
          id,
          members.filter((m) => m.state === state).map((m) => patron(m.barcode)),
          state,
        );
      bookings.claimSlots(
        facility.id,
        id,
        Array.from({ length: slots }, (_, i) => startsAt + i * facility.slotMinutes * MINUTE_MS),
      );
      history.record({ subject: 'booking', subjectId: id, status: 'booked', atMs: now });
    };
    for (const days of [1, 2]) {
      book('Group Study Room 301', days, 14, 2, '21000004', [
        { barcode: '21000002', state: 'accepted' },
        { barcode: '21000003', state: 'accepted' },
      ]);
      book('Group Study Room 302', days, 10, 1, '21000002', [
        { barcode: '21000003', state: 'accepted' },
        { barcode: '21000004', state: 'invited' },
      ]);
      book('Single Study Room 310', days, 9, 3, '21000003');
      book('Computer PC-3A', days, 11, 2, '21000001');
      book('Computer PC-4A', days, 16, 4, '21000004');
    }
  });
}
