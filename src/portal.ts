/**
 * The portal wired together: the kernel every area stands on, then the areas, each built by its
 * own module from the kernel and what the areas before it give (src/modules/), then the app over
 * them. The server, the command line and the tests all build from here, so what is tested is what runs.
 */
import type { Config } from './config.js';
import type { Database } from './db/engine/database.js';
import { createApp } from './app.js';
import type { Area } from './modules/area.js';
import { createKernel, type PortalOverrides } from './modules/kernel.js';
import { createHousekeeping } from './modules/housekeeping.js';
import { authModule } from './modules/auth.js';
import { pinModule } from './modules/pin.js';
import { circulationModule } from './modules/circulation.js';
import { patronsModule } from './modules/patrons.js';
import { catalogueModule } from './modules/catalogue.js';
import { staffModule } from './modules/staff.js';
import { recommendationModule } from './modules/recommendation.js';
import { illModule } from './modules/ill.js';
import { depositModule } from './modules/deposit.js';
import { bookingModule } from './modules/booking.js';
import { homeModule } from './modules/home.js';

export type { PortalOverrides } from './modules/kernel.js';

/** The portal on `db`: a Database of either dialect. */
export function createPortal(config: Config, db: Database, overrides: PortalOverrides = {}) {
  const k = createKernel(config, db, overrides);
  const auth = authModule(k);
  const pin = pinModule(k, auth);
  const circulation = circulationModule(k);
  const { circulation: circulationService } = circulation.services;
  const patrons = patronsModule(k, {
    attempts: auth.services.attempts,
    gate: auth.gate,
    pinReturn: pin.pinReturn,
    circulation: circulationService,
  });
  const staff = staffModule(k, auth);
  const catalogue = catalogueModule(k, { requests: circulation.repos.requests, circulation: circulationService });
  const recommendations = recommendationModule(k, { requests: circulation.repos.requests, circulation: circulationService });
  const ill = illModule(k);
  const deposits = depositModule(k);
  const bookings = bookingModule(k, { auth: auth.services.auth });

  // The areas, in the order their routes are tried.
  const areas: Area[] = [
    auth.area,
    pin.area,
    patrons.area,
    circulation.area(patrons.counter),
    catalogue.area,
    staff.area,
    recommendations.area,
    ill.area,
    deposits.area,
    bookings.area,
  ];
  const home = homeModule({ circulation: circulationService, areas });
  const app = createApp({ kernel: k, areas: [home, ...areas], stepDue: auth.secondFactor.stepDue });

  return {
    app,
    housekeeping: createHousekeeping(k, areas),
    db,
    clock: k.clock,
    hasher: k.hasher,
    logger: k.logger,
    notices: k.notices,
    patrons: k.patrons,
    staff: k.staff,
    audit: k.audit,
    sessionStore: k.sessionStore,
    uploads: k.uploads,
    ...auth.services,
    ...patrons.services,
    ...staff.services,
    ...circulation.services,
    ...catalogue.services,
    ...recommendations.services,
    ...ill.services,
    ...deposits.services,
    ...bookings.services,
    repos: {
      catalogue: k.catalogue,
      history: k.history,
      ...circulation.repos,
      ...recommendations.repos,
      ...ill.repos,
      ...deposits.repos,
      ...bookings.repos,
    },
  };
}

export type Portal = ReturnType<typeof createPortal>;
