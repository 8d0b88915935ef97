/** The counter's "Register a patron" form as a clerk fills it in, for tests over HTTP. */
import type { Answer, TestBrowser } from './test-portal.js';

/** The form's boxes as the page sends them, empty but for a patron type and an expiry date. */
const REGISTRATION = {
  barcode: '',
  name: '',
  email: '',
  hkid: '',
  passport: '',
  mainland_id: '',
  patron_type: 'undergraduate',
  // Every record registered at the counter expires.
  expiry_date: '2030-08-31',
};

/** Opens the form (for its CSRF token) and sends it with `fields` filled in. */
export async function counterRegistration(b: TestBrowser, fields: Partial<typeof REGISTRATION>): Promise<Answer> {
  await b.get('/staff/register');
  return b.post('/staff/register', { ...REGISTRATION, ...fields });
}
