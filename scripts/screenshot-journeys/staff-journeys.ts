/**
 * The screenshot journeys of staff (the facilities manager, the administrator at the console and the
 * counter), and the patron's record after the administrator took a payment from her.
 */
import { logIn, scan, SHELF_BOOKS, staffLogIn, submit, type Journey } from './page-actions.js';

export const STAFF_JOURNEYS: Journey[] = [
  {
    who: 'facilities',
    start: (p) => staffLogIn(p, 'facilities', 'demo-facilities-password'),
    pages: [['staff-bookings', (p) => p.goto('/staff/bookings').then(() => undefined)]],
  },
  {
    who: 'admin',
    start: (p) => staffLogIn(p, 'admin', 'demo-admin-password'),
    pages: [
      ['staff-search', (p) => p.goto('/staff?q=wong').then(() => undefined)],
      ['staff-patron', (p) => p.goto('/staff/patrons/21000004').then(() => undefined)],
      ['staff-register', (p) => p.goto('/staff/register').then(() => undefined)],
      [
        'staff-register-refused',
        async (p) => {
          await p.goto('/staff/register');
          await p.locator('#barcode').fill('ABC');
          await p.locator('#name').fill('Chan Siu Ming');
          await p.locator('#hkid').fill('nonsense');
          await submit(p, 'main button[type=submit]');
        },
      ],
      ['staff-edit', (p) => p.goto('/staff/patrons/21000004/edit').then(() => undefined)],
      [
        'staff-receipt',
        async (p) => {
          await p.goto('/staff/patrons/21000004');
          await p.locator('#amount').fill('1');
          await p.locator('#method-octopus').check();
          await submit(p, 'main form.payment-form button[type=submit]');
        },
      ],
      [
        'staff-receipt-print',
        async (p) => {
          await p.emulateMedia({ media: 'print' });
        },
      ],
      [
        'staff-patron-payments',
        async (p) => {
          await p.emulateMedia({ media: 'screen' });
          await p.goto('/staff/patrons/21000004');
        },
      ],
      ['staff-circulation', (p) => p.goto('/staff/circulation').then(() => undefined)],
      [
        'staff-circulation-no-patron',
        async (p) => {
          await p.goto('/staff/circulation');
          await scan(p, '#patron_barcode', '');
        },
      ],
      // Two books lent and then returned, so that every run (language, width) starts from the same loans.
      [
        'staff-checkout-session',
        async (p) => {
          await p.goto('/staff/circulation');
          await scan(p, '#patron_barcode', '21000003');
          for (const item of SHELF_BOOKS) await scan(p, '#item_barcode', item);
        },
      ],
      ['staff-slip', (p) => p.goto('/staff/circulation/slip?patron=21000003').then(() => undefined)],
      [
        'staff-checkin',
        async (p) => {
          await p.goto('/staff/circulation');
          for (const item of SHELF_BOOKS) await scan(p, '#checkin_item', item);
        },
      ],
      ['staff-audit', (p) => p.goto('/staff/audit').then(() => undefined)],
      ['staff-accounts', (p) => p.goto('/staff/accounts').then(() => undefined)],
      ['staff-security', (p) => p.goto('/staff/security').then(() => undefined)],
      [
        'staff-security-week',
        async (p) => {
          await p.goto('/staff/security?period=week');
          await p.locator('details.figures-table summary').click();
        },
      ],
      ['staff-2fa-enrol', (p) => p.goto('/staff/2fa').then(() => undefined)],
    ],
  },
  {
    // After the admin's journey recorded a payment: the patron sees it on the circulation record.
    who: 'patron-after-payment',
    start: (p) => logIn(p, '21000004', 'K7M2P9'),
    pages: [['circulation', (p) => p.goto('/myrecord/circulation').then(() => undefined)]],
  },
];
