import type { Request, Response } from 'express';
import { endSession } from '../session/session-helpers.js';

export function createLogoutController() {
  return {
    /** Ends the session on the server, not only in the browser. */
    async submit(req: Request, res: Response) {
      await endSession(req, { key: 'login.loggedOut' });
      res.redirect(303, '/login');
    },
  };
}
