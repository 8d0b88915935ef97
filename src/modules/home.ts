/**
 * The patron's home: his circulation at a glance and one line from each service behind the PIN
 * that has one to say; and the front door and the language switch that belong to no service.
 */
import type { CirculationService } from '../services/circulation/circulation-service.js';
import { homeRoutes } from '../web/home/routes.js';
import type { Area } from './area.js';

export function homeModule(given: { circulation: CirculationService; areas: readonly Area[] }): Area {
  const services = given.areas.flatMap((area) => (area.home ? [area.home] : []));
  return { routes: (web) => homeRoutes({ circulation: given.circulation, services }, web) };
}
