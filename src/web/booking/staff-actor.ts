import type { Request, Response } from 'express';
import type { StaffActor } from '../../services/booking/booking-notes.js';
import { clientAddress } from '../http/client-address.js';

/** The member of staff behind a request of the facilities desk, as the audit log records him. */
export const staffActor = (req: Request, res: Response): StaffActor => ({
  staffId: res.locals.staffMember!.id,
  clientAddress: clientAddress(req),
});
