/**
 * Every route of the portal, in one place (their fields and answers: README, one section per service).
 * Patron pages pass `patron`, and the services also need a PIN the patron chose; staff
 * pages pass `staff`, then the role of their desk or queue (`requireRole`), or `requireAdmin`.
 * A session is a patron's or staff's.
 */
import { Router, type RequestHandler } from 'express';
import type { createLoginController } from './auth/login-controller.js';
import type { createLogoutController } from './auth/logout-controller.js';
import type { createLanguageController } from './language/language-controller.js';
import type { createHomeController } from './home/home-controller.js';
import type { createPinModifyController } from './pin/pin-modify-controller.js';
import type { createPinForgotController } from './pin/pin-forgot-controller.js';
import type { createStaffLoginController } from './auth/staff-login-controller.js';
import type { createStaffSecondFactorController } from './auth/staff-second-factor-controller.js';
import type { createStaffSecurityController } from './staff/staff-security-controller.js';
import type { createStaffConsoleController } from './patrons/staff-console-controller.js';
import type { createStaffEditController } from './patrons/staff-edit-controller.js';
import type { createStaffPaymentController } from './circulation/staff-payment-controller.js';
import type { createStaffAuditController } from './staff/staff-audit-controller.js';
import type { createStaffAccountsController } from './staff/staff-accounts-controller.js';
import type { createCirculationController } from './circulation/circulation-controller.js';
import type { createRenewalController } from './circulation/renewal-controller.js';
import type { createCatalogueController } from './catalogue/catalogue-controller.js';
import type { createStaffCirculationController } from './circulation/staff-circulation-controller.js';
import { requireChosenPin } from './middleware/require-patron.js';
import { requireAdmin, requireRole } from './middleware/require-staff.js';
import type { createStaffHomeController } from './staff/staff-home-controller.js';
import type { createRecommendationController } from './recommendation/recommendation-controller.js';
import type { createStaffRecommendationController } from './recommendation/staff-recommendation-controller.js';
import type { createIllController } from './ill/ill-controller.js';
import type { createStaffIllController } from './ill/staff-ill-controller.js';
import type { createStaffIllCopyController } from './ill/staff-ill-copy-controller.js';
import type { createBookingController } from './booking/booking-controller.js';
import type { createStaffBookingController } from './booking/staff-booking-controller.js';
import type { createStaffFacilityController } from './booking/staff-facility-controller.js';
import type { createKioskController } from './booking/kiosk-controller.js';
import type { createDepositController } from './deposit/deposit-controller.js';
import type { createStaffDepositController } from './deposit/staff-deposit-controller.js';
import type { createRepositoryController } from './deposit/repository-controller.js';

export interface Controllers {
  login: ReturnType<typeof createLoginController>;
  logout: ReturnType<typeof createLogoutController>;
  language: ReturnType<typeof createLanguageController>;
  home: ReturnType<typeof createHomeController>;
  pinModify: ReturnType<typeof createPinModifyController>;
  pinForgot: ReturnType<typeof createPinForgotController>;
  staffLogin: ReturnType<typeof createStaffLoginController>;
  staffSecondFactor: ReturnType<typeof createStaffSecondFactorController>;
  staffSecurity: ReturnType<typeof createStaffSecurityController>;
  staffConsole: ReturnType<typeof createStaffConsoleController>;
  staffEdit: ReturnType<typeof createStaffEditController>;
  staffPayments: ReturnType<typeof createStaffPaymentController>;
  staffAudit: ReturnType<typeof createStaffAuditController>;
  staffAccounts: ReturnType<typeof createStaffAccountsController>;
  circulation: ReturnType<typeof createCirculationController>;
  renewal: ReturnType<typeof createRenewalController>;
  catalogue: ReturnType<typeof createCatalogueController>;
  staffCirculation: ReturnType<typeof createStaffCirculationController>;
  staffHome: ReturnType<typeof createStaffHomeController>;
  recommendations: ReturnType<typeof createRecommendationController>;
  staffRecommendations: ReturnType<typeof createStaffRecommendationController>;
  ill: ReturnType<typeof createIllController>;
  staffIll: ReturnType<typeof createStaffIllController>;
  staffIllCopy: ReturnType<typeof createStaffIllCopyController>;
  bookings: ReturnType<typeof createBookingController>;
  staffBookings: ReturnType<typeof createStaffBookingController>;
  staffFacilities: ReturnType<typeof createStaffFacilityController>;
  kiosk: ReturnType<typeof createKioskController>;
  deposits: ReturnType<typeof createDepositController>;
  staffDeposits: ReturnType<typeof createStaffDepositController>;
  repository: ReturnType<typeof createRepositoryController>;
}

export function routes(c: Controllers, guards: { patron: RequestHandler; staff: RequestHandler }): Router {
  const { patron, staff } = guards;
  const router = Router();
  router.get('/', (req, res) =>
    res.redirect(303, req.session.staffId !== undefined ? '/staff' : req.session.patronId !== undefined ? '/myrecord' : '/login'),
  );

  // Patrons
  router.get('/login', c.login.show);
  router.post('/login', c.login.submit);
  router.post('/logout', c.logout.submit);
  // The language switch on every page, for everyone (English | 繁體中文)
  router.post('/language', c.language.choose);
  router.get('/pin/modify', patron, c.pinModify.show);
  router.post('/pin/modify', patron, c.pinModify.submit);
  router.get('/pin/forgot', c.pinForgot.show);
  router.post('/pin/forgot', c.pinForgot.submit);
  router.get('/pin/reset/:token', c.pinForgot.showLink);
  router.post('/pin/reset/:token', c.pinForgot.confirmLink);
  router.get('/myrecord', patron, requireChosenPin, c.home.show);

  // The services behind the PIN (docs/rules.md §8): a logged-in patron on a PIN he chose
  const service = [patron, requireChosenPin];
  router.get('/myrecord/circulation', ...service, c.circulation.show);
  router.get('/myrecord/requests/:id/cancel', ...service, c.circulation.confirmCancel);
  router.post('/myrecord/requests/:id/cancel', ...service, c.circulation.cancelRequest);
  router.get('/myrecord/renew', ...service, c.renewal.show);
  router.post('/myrecord/renew', ...service, c.renewal.submit);
  router.get('/catalogue', ...service, c.catalogue.search);
  router.get('/catalogue/:id', ...service, c.catalogue.show);
  router.get('/catalogue/:id/request', ...service, c.catalogue.showRequest);
  router.post('/catalogue/:id/request', ...service, c.catalogue.request);
  // Book Recommendation
  router.get('/myrecord/recommendations', ...service, c.recommendations.list);
  router.get('/myrecord/recommendations/new', ...service, c.recommendations.showForm);
  router.post('/myrecord/recommendations/new', ...service, c.recommendations.submit);
  router.post('/myrecord/recommendations/:id/cancel', ...service, c.recommendations.cancel);

  // Interlibrary Loan Request
  router.get('/myrecord/ill', ...service, c.ill.list);
  router.get('/myrecord/ill/new', ...service, c.ill.showForm);
  router.post('/myrecord/ill/new', ...service, c.ill.submit);
  router.post('/myrecord/ill/:id/cancel', ...service, c.ill.cancel);
  // The copy is downloaded by the page's form (POST with its CSRF token), so that only the patron's
  // own click uses one of its downloads; a GET or HEAD of the address leads to that page.
  router.get('/myrecord/ill/:id/copy', ...service, c.ill.copyLink);
  router.post('/myrecord/ill/:id/copy', ...service, c.ill.download);

  // iBooking. The booking form a free slot of the day view leads to.
  router.get('/myrecord/bookings', ...service, c.bookings.list);
  router.get('/myrecord/bookings/day', ...service, c.bookings.day);
  router.get('/myrecord/bookings/new', ...service, c.bookings.showForm);
  router.post('/myrecord/bookings', ...service, c.bookings.submit);
  router.get('/myrecord/bookings/:id/cancel', ...service, c.bookings.confirmCancel);
  router.post('/myrecord/bookings/:id/cancel', ...service, c.bookings.cancel);
  router.post('/myrecord/bookings/:id/accept', ...service, c.bookings.accept);
  router.post('/myrecord/bookings/:id/decline', ...service, c.bookings.decline);
  router.get('/myrecord/bookings/:id.ics', ...service, c.bookings.calendar);
  // Institutional Research Archive Online Submission, for staff and postgraduates
  router.get('/myrecord/deposits', ...service, c.deposits.list);
  router.post('/myrecord/deposits', ...service, c.deposits.create);
  router.get('/myrecord/deposits/:id', ...service, c.deposits.show);
  router.post('/myrecord/deposits/:id', ...service, c.deposits.save);
  // multipart/form-data: the guards run before a byte is read; the CSRF field is checked before the file.
  router.post('/myrecord/deposits/:id/file', ...service, c.deposits.upload);
  // The author's own PDF, whatever the status.
  router.get('/myrecord/deposits/:id/file', ...service, c.deposits.file);
  router.post('/myrecord/deposits/:id/submit', ...service, c.deposits.submit);

  // The archive's public pages: no login (published deposits only; a withdrawn one's tombstone)
  router.get('/repository', c.repository.list);
  router.get('/repository/:id', c.repository.show);
  router.get('/repository/:id/file', c.repository.file);

  // A facility's kiosk: a public screen reached by the link staff made, with no session needed or
  // used (no guard reads one); a patron checks in there with barcode and PIN.
  router.get('/kiosk/:token', c.kiosk.show);
  router.post('/kiosk/:token/check-in', c.kiosk.checkIn);

  // Staff at the circulation counter
  router.get('/staff/login', c.staffLogin.show);
  router.post('/staff/login', c.staffLogin.submit);
  router.post('/staff/logout', c.staffLogin.logout);
  // Two-step sign-in: the second step of a login, and enrolling (by choice, or before
  // anything else when STAFF_2FA requires it); the controller checks whose session it is.
  router.get('/staff/login/2fa', c.staffSecondFactor.showLoginStep);
  router.post('/staff/login/2fa', c.staffSecondFactor.submitLoginStep);
  const staffOrHalfLoggedIn: RequestHandler = (req, res, next) => (req.session.staffId !== undefined ? staff(req, res, next) : next());
  router.get('/staff/2fa', staffOrHalfLoggedIn, c.staffSecondFactor.showEnrolment);
  router.post('/staff/2fa', staffOrHalfLoggedIn, c.staffSecondFactor.enrol);
  router.get('/staff/2fa/recovery-codes', staff, c.staffSecondFactor.showRecoveryCodes);
  // Every staff login lands on /staff: the patron search at the counter, else the member's work areas.
  const circulationDesk = [staff, requireRole('circulation')];
  router.get('/staff', staff, c.staffHome.show);
  router.get('/staff/register', ...circulationDesk, c.staffConsole.showRegister);
  router.post('/staff/register', ...circulationDesk, c.staffConsole.register);
  router.get('/staff/patrons/:barcode', ...circulationDesk, c.staffConsole.showPatron);
  router.get('/staff/patrons/:barcode/edit', ...circulationDesk, c.staffEdit.show);
  router.post('/staff/patrons/:barcode/edit', ...circulationDesk, c.staffEdit.submit);
  router.post('/staff/patrons/:barcode/pin/delete', ...circulationDesk, c.staffConsole.deletePin);
  router.post('/staff/patrons/:barcode/block/lift', ...circulationDesk, c.staffConsole.liftBlock);
  router.post('/staff/patrons/:barcode/payment', ...circulationDesk, c.staffPayments.record);
  router.get('/staff/patrons/:barcode/payments/:id', ...circulationDesk, c.staffPayments.showReceipt);
  router.get('/staff/circulation', ...circulationDesk, c.staffCirculation.show);
  router.get('/staff/circulation/slip', ...circulationDesk, c.staffCirculation.slip);
  router.post('/staff/checkout', ...circulationDesk, c.staffCirculation.checkOut);
  router.post('/staff/checkin', ...circulationDesk, c.staffCirculation.checkIn);
  router.post('/staff/checkins/clear', ...circulationDesk, c.staffCirculation.clearCheckIns);
  router.post('/staff/counter', ...circulationDesk, c.staffCirculation.chooseCounter);

  // Book Recommendation, for staff with the acquisitions role
  const acquisitions = [staff, requireRole('acquisitions')];
  router.get('/staff/recommendations', ...acquisitions, c.staffRecommendations.show);
  // The ticked ones at once, to one status.
  router.post('/staff/recommendations/status', ...acquisitions, c.staffRecommendations.changeMany);
  router.post('/staff/recommendations/:id/status', ...acquisitions, c.staffRecommendations.changeOne);

  // Interlibrary Loan Request, for staff with the ill role
  const illDesk = [staff, requireRole('ill')];
  router.get('/staff/ill', ...illDesk, c.staffIll.show);
  router.post('/staff/ill/:id/status', ...illDesk, c.staffIll.changeStatus);
  // multipart/form-data: the guards run before a byte is read; the CSRF field is checked before the file.
  router.post('/staff/ill/:id/copy', ...illDesk, c.staffIllCopy.uploadCopy);

  // iBooking, for staff with the facilities role: the day's bookings, the facilities, their
  // blackouts and kiosk links.
  const facilitiesDesk = [staff, requireRole('facilities')];
  router.get('/staff/bookings', ...facilitiesDesk, c.staffBookings.day);
  router.post('/staff/bookings/:id/check-in', ...facilitiesDesk, c.staffBookings.checkIn);
  router.post('/staff/bookings/:id/cancel', ...facilitiesDesk, c.staffBookings.cancel);
  router.get('/staff/facilities', ...facilitiesDesk, c.staffFacilities.show);
  router.post('/staff/facilities', ...facilitiesDesk, c.staffFacilities.add);
  router.post('/staff/facilities/blackouts', ...facilitiesDesk, c.staffFacilities.addBlackout);
  router.post('/staff/facilities/blackouts/:id/delete', ...facilitiesDesk, c.staffFacilities.deleteBlackout);
  router.get('/staff/facilities/:id', ...facilitiesDesk, c.staffFacilities.showEdit);
  router.post('/staff/facilities/:id', ...facilitiesDesk, c.staffFacilities.edit);
  // A new kiosk link for the facility, shown once; the old one stops working.
  router.post('/staff/facilities/:id/kiosk', ...facilitiesDesk, c.staffFacilities.makeKioskLink);
  // Institutional Research Archive Online Submission, for staff with the repository role.
  // Also: a deposit's review page, its metadata edit and its PDF.
  const repositoryDesk = [staff, requireRole('repository')];
  router.get('/staff/deposits', ...repositoryDesk, c.staffDeposits.show);
  router.get('/staff/deposits/:id', ...repositoryDesk, c.staffDeposits.detail);
  router.post('/staff/deposits/:id', ...repositoryDesk, c.staffDeposits.edit);
  router.get('/staff/deposits/:id/file', ...repositoryDesk, c.staffDeposits.file);
  router.post('/staff/deposits/:id/claim', ...repositoryDesk, c.staffDeposits.claim);
  router.post('/staff/deposits/:id/decision', ...repositoryDesk, c.staffDeposits.decide);

  // Administrators
  router.get('/staff/audit', staff, requireAdmin, c.staffAudit.show);
  router.get('/staff/accounts', staff, requireAdmin, c.staffAccounts.show);
  router.post('/staff/accounts', staff, requireAdmin, c.staffAccounts.add);
  router.post('/staff/accounts/:username/disable', staff, requireAdmin, c.staffAccounts.setDisabled(true));
  router.post('/staff/accounts/:username/enable', staff, requireAdmin, c.staffAccounts.setDisabled(false));
  router.post('/staff/accounts/:username/password', staff, requireAdmin, c.staffAccounts.setPassword);
  router.post('/staff/accounts/:username/roles', staff, requireAdmin, c.staffAccounts.setRoles);
  router.post('/staff/accounts/:username/suspension/lift', staff, requireAdmin, c.staffAccounts.liftSuspension);
  router.post('/staff/accounts/:username/2fa/reset', staff, requireAdmin, c.staffSecondFactor.reset);
  router.post('/staff/accounts/:username/email', staff, requireAdmin, c.staffAccounts.setEmail);
  // The security page: attempts as the gate saw them, from the summaries of migration 016.
  router.get('/staff/security', staff, requireAdmin, c.staffSecurity.show);
  router.get('/staff/security.csv', staff, requireAdmin, c.staffSecurity.csv);
  return router;
}
