import type { Request, Response } from 'express';
import { clockTimeOf } from '../../domain/booking/booking-time.js';
import type { Answer } from '../../domain/booking/invitation.js';
import type { BookingService } from '../../services/booking/booking-service.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice, setWarning } from '../session/session-helpers.js';

/** iBooking for a member of a group booking: he accepts or declines his invitation, or leaves. */
export function createBookingInvitationController(deps: { bookings: Pick<BookingService, 'answer'> }) {
  const { bookings } = deps;

  /** The notice after an answer to an invitation, and whether it is a warning (nothing was changed). */
  function answered(req: Request, res: Response, answer: Answer) {
    const l = res.locals;
    const id = wholeNumber(req.params.id, ROW_ID);
    const result = id === undefined ? ({ kind: 'not-found' } as const) : bookings.answer(l.patron!, id, answer);
    if (result.kind === 'not-found') return renderNotFound(res);
    const b = result.booking;
    const params = { facility: b.facilityName, date: l.formatDate(b.date), from: clockTimeOf(b.startsAt), to: clockTimeOf(b.endsAt) };
    switch (result.kind) {
      case 'accepted':
        setNotice(req, 'booking.accepted', params);
        break;
      case 'declined':
        setNotice(req, result.left ? 'booking.left' : 'booking.declined', params);
        break;
      case 'unchanged':
        setWarning(req, 'booking.answerUnchanged', { ...params, state: result.state });
        break;
      case 'closed':
        setWarning(req, 'booking.answerClosed', params);
        break;
      case 'busy':
        setWarning(req, 'booking.acceptBusy', {
          ...params,
          asMember: result.asMember ? 'yes' : 'no',
          other: result.facility,
          otherFrom: clockTimeOf(result.from),
          otherTo: clockTimeOf(result.to),
        });
        break;
    }
    res.redirect(303, '/myrecord/bookings');
  }

  return {
    /** POST /myrecord/bookings/:id/accept: the member joins the group booking he is invited to. */
    accept(req: Request, res: Response) {
      answered(req, res, 'accept');
    },

    /** POST /myrecord/bookings/:id/decline: the member says no, or leaves a booking he had accepted. */
    decline(req: Request, res: Response) {
      answered(req, res, 'decline');
    },
  };
}
