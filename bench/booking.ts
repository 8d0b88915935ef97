/**
 * iBooking under load, against GET /login in the same run: the day view's pages per second (every
 * facility's slots of a day, three queries whatever their number), and the booking rate with 8
 * clients racing for the same 20 slots of one computer, with the count of double bookings found in
 * the database afterwards (booked_slots' primary key makes it 0; the figure proves it).
 */
import Database from 'better-sqlite3';
import { asDatabase } from '../src/db/engine/sqlite-database.js';
import { addDays, libraryDateOf } from '../src/domain/shared/library-date.js';
import { weekdayOf } from '../src/domain/booking/booking-time.js';
import { runFor, type Client } from './http-client.js';
import { expectStatus, session, type Session } from './service-pages.js';
import { createFacilityRepo } from '../src/db/booking/facility-repo.js';
import { insertDemoFacilities } from '../src/demo/demo-bookings.js';

export interface BookingBenchSetup {
  client: Client;
  databaseFile: string;
  /** Nine patrons on their default PINs: one reads the day view, eight race. */
  patrons: Array<{ barcode: string; pin: string }>;
  concurrency: number;
}

async function loggedIn(client: Client, patron: { barcode: string; pin: string }, newPin: string): Promise<Session> {
  const s = session(client);
  await s.get('/login');
  expectStatus(await s.post('/login', patron), 303, 'a patron login');
  expectStatus(
    await s.post('/pin/modify', { current_pin: patron.pin, new_pin: newPin, confirm_pin: newPin }, '/pin/modify'),
    303,
    'choosing a PIN',
  );
  await s.get('/myrecord/bookings/day');
  return s;
}

export async function measureBooking(setup: BookingBenchSetup) {
  const { client, concurrency } = setup;
  // Production loads no demo data: the demo's eight facilities across two floors, written to the database.
  const writer = new Database(setup.databaseFile);
  writer.pragma('busy_timeout = 5000');
  writer.transaction(() => insertDemoFacilities(createFacilityRepo(asDatabase(writer)), Date.now()))();
  writer.close();
  const [reader, ...racers] = await Promise.all(setup.patrons.map((p, i) => loggedIn(client, p, `BK7Q${'HJKLMNPRS'[i] ?? 'T'}W9E`)));
  const dayPath = '/myrecord/bookings/day';
  const cookie = reader!.cookies.header;
  const login = await runFor(3000, concurrency, async () => void (await client.request('GET', '/login')));
  const day = await runFor(3000, concurrency, async () => {
    const reply = await client.request('GET', dayPath, { cookie });
    if (reply.status !== 200) throw new Error(`GET ${dayPath} answered ${reply.status}`);
  });

  // 20 half-hour slots of one computer, 08:00 to 18:00 on a weekday at least 3 days ahead (past the demo's bookings).
  const db = new Database(setup.databaseFile, { readonly: true });
  const pc = db.prepare("SELECT id FROM facilities WHERE kind = 'computer' ORDER BY id LIMIT 1").pluck().get() as number;
  db.close();
  let date = addDays(libraryDateOf(Date.now()), 3);
  while (weekdayOf(date) > 5) date = addDays(date, 1);
  const starts = Array.from({ length: 20 }, (_, i) => `${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`);
  const counts = { booked: 0, taken: 0, refused: 0 };
  const t0 = performance.now();
  await Promise.all(
    racers.slice(0, 8).map(async (racer, r) => {
      // Each client tries every slot, starting at a slot of its own (a rotation), so that they clash.
      for (let i = 0; i < starts.length; i++) {
        const start = starts[(i + r * 3) % starts.length]!;
        const reply = await racer.post('/myrecord/bookings', { facility: String(pc), date, start, slots: '1', members: '' });
        if (reply.status === 303) counts.booked++;
        else if (reply.status === 409) counts.taken++;
        else if (reply.status === 422) counts.refused++;
        else throw new Error(`a booking answered ${reply.status}`);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const check = new Database(setup.databaseFile, { readonly: true });
  const doubles = check
    .prepare(
      `SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.facility_id = b.facility_id AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
       WHERE a.status IN ('booked', 'checked_in') AND b.status IN ('booked', 'checked_in')`,
    )
    .pluck()
    .get() as number;
  check.close();
  return {
    dayPerSecond: day.perSecond,
    loginPerSecond: login.perSecond,
    bookingsPerSecond: (counts.booked + counts.taken + counts.refused) / seconds,
    counts,
    doubles,
    slots: starts.length,
  };
}
