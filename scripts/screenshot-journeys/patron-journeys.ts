/** The screenshot journeys of visitors and patrons: the login and PIN pages, and a patron's own pages. */
import { logIn, submit, type Journey } from './page-actions.js';

export const PATRON_JOURNEYS: Journey[] = [
  {
    who: 'visitor',
    pages: [
      ['login', (p) => p.goto('/login').then(() => undefined)],
      [
        'login-failed',
        async (p) => {
          await p.goto('/login');
          await p.locator('#barcode').fill('21000004');
          await p.locator('#pin').fill('WRONG1');
          await submit(p, 'main button[type=submit]');
        },
      ],
      ['forgot', (p) => p.goto('/pin/forgot').then(() => undefined)],
      [
        'forgot-sent',
        async (p) => {
          await p.goto('/pin/forgot');
          await p.locator('#barcode').fill('21000002');
          await submit(p, 'main button[type=submit]');
        },
      ],
      ['reset-gone', (p) => p.goto(`/pin/reset/${'A'.repeat(43)}`).then(() => undefined)],
      ['staff-login', (p) => p.goto('/staff/login').then(() => undefined)],
      ['not-found', (p) => p.goto('/no/such/page').then(() => undefined)],
    ],
  },
  {
    who: 'patron-default-pin',
    start: (p) => logIn(p, '21000003', '110105'),
    pages: [
      ['modify-pin-first', (p) => p.goto('/pin/modify').then(() => undefined)],
      [
        'modify-pin-errors',
        async (p) => {
          await p.goto('/pin/modify');
          await p.locator('#current_pin').fill('110105');
          await p.locator('#new_pin').fill('aaa1');
          await p.locator('#confirm_pin').fill('aaa2');
          await submit(p, 'main button[type=submit]');
        },
      ],
    ],
  },
  {
    who: 'patron',
    start: (p) => logIn(p, '21000004', 'K7M2P9'),
    pages: [
      ['home', (p) => p.goto('/myrecord').then(() => undefined)],
      ['circulation', (p) => p.goto('/myrecord/circulation').then(() => undefined)],
      ['renew', (p) => p.goto('/myrecord/renew').then(() => undefined)],
      // "Renew all" as the form sends it, even once nothing is left to renew (the button is then not shown): the results in words.
      [
        'renew-results',
        async (p) => {
          await p.goto('/myrecord/renew');
          await p.locator('main form[action="/myrecord/renew"]').evaluate((form: HTMLFormElement) => {
            form.insertAdjacentHTML('beforeend', '<input type="hidden" name="all" value="yes">');
            form.submit();
          });
          await p.locator('#results-title').waitFor();
        },
      ],
      [
        'menu-open',
        async (p) => {
          await p.goto('/myrecord');
          const menu = p.locator('.patron-nav__narrow summary');
          if (await menu.isVisible()) await menu.click();
        },
      ],
      [
        'cancel-request',
        async (p) => {
          await p.goto('/myrecord/circulation');
          await submit(p, 'main a[href^="/myrecord/requests/"]');
        },
      ],
      ['catalogue-search', (p) => p.goto('/catalogue?q=dickens').then(() => undefined)],
      [
        'catalogue-record',
        async (p) => {
          await p.goto('/catalogue?q=dickens');
          await submit(p, 'main ol a, main ul a');
        },
      ],
      ['catalogue-empty', (p) => p.goto('/catalogue?q=').then(() => undefined)],
      ['catalogue-no-match', (p) => p.goto('/catalogue?q=dikcens+zebra').then(() => undefined)],
      ['catalogue-pages', (p) => p.goto('/catalogue?q=the&page=5').then(() => undefined)],
      [
        'catalogue-record-on-loan',
        async (p) => {
          await p.goto('/catalogue?q=pride+prejudice');
          await submit(p, 'main ol a');
        },
      ],
      [
        'catalogue-record-requested',
        async (p) => {
          await p.goto('/catalogue?q=crime+punishment');
          await submit(p, 'main ol a');
        },
      ],
      ['modify-pin', (p) => p.goto('/pin/modify').then(() => undefined)],
      // A book on our own shelf, asked of another library by title and author: refused, with its record linked.
      [
        'ill-held-here',
        async (p) => {
          await p.goto('/myrecord/ill/new?kind=book');
          await p.locator('#title').fill('Oliver Twist');
          await p.locator('#author').fill('Charles Dickens');
          await p.locator('#not_needed_after').fill('2099-12-31');
          await submit(p, 'main button[type=submit]');
        },
      ],
      // iBooking: her bookings (her own, and one she is invited to), today's day view, and the step before cancelling.
      ['bookings', (p) => p.goto('/myrecord/bookings').then(() => undefined)],
      ['booking-day', (p) => p.goto('/myrecord/bookings/day').then(() => undefined)],
      [
        'booking-cancel',
        async (p) => {
          await p.goto('/myrecord/bookings');
          await submit(p, 'main a[href$="/cancel"]');
        },
      ],
    ],
  },
];
