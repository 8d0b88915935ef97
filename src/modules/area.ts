/**
 * An area of the portal as the portal sees it: what it adds to the web app, to the patron's home
 * and menu, and to housekeeping. Each area's module (beside this file) builds its repositories and
 * services from the kernel and what earlier areas give it, and returns one of these; src/portal.ts
 * lists the areas, src/app.ts mounts what they return.
 */
import type { Router } from 'express';
import type { HomeService } from '../web/home/home-controller.js';
import type { WebKit } from '../web/http/web-kit.js';

/**
 * One job of the periodic housekeeping. A job that throws stops the round (the server logs it); one
 * that returns a promise runs on, its failure logged as "<what> failed".
 */
export interface HousekeepingJob {
  what: string;
  run(now: number): unknown;
}

export interface Area {
  /** The area's routes on the app's guards and tokens. */
  routes?(web: WebKit): Router;
  /** A service behind the PIN that says on the home where the patron stands, and is on his menu when his type may use it. */
  home?: HomeService;
  /** Routes that take a multipart upload and check their CSRF token themselves, before the file. */
  uploadRoutes?: readonly RegExp[];
  housekeeping?: readonly HousekeepingJob[];
  /** Whether a stored upload is named by this area's records (the rest are swept as orphans). */
  namesFile?(name: string): boolean;
}
