/** A facility for the booking rules' tests: a group room for 3 to 6, hour slots, 08:00–24:00 every day. */
import type { Facility } from './facility.js';

export function testFacility(overrides: Partial<Facility> = {}): Facility {
  const day = { opens: 8 * 60, closes: 24 * 60 };
  return {
    id: 1,
    name: 'Group Study Room 1',
    kind: 'group_room',
    location: '3/F',
    capacityMin: 3,
    capacityMax: 6,
    slotMinutes: 60,
    patronTypes: ['undergraduate', 'postgraduate', 'staff'],
    hours: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: day, 7: day },
    ...overrides,
  };
}
