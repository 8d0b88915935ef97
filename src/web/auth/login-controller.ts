import type { AuthService, LoginInputError } from '../../services/auth/auth-service.js';
import type { MessageKey } from '../../messages/index.js';
import type { DeviceCookie } from './device-cookie.js';
import type { LanguagePreference } from '../language/language.js';
import { loginForm } from './login-form.js';
import { usesDefaultPin } from '../../domain/patrons/patron.js';
import { withNext } from './return-path.js';

const inputMessage: Record<LoginInputError['code'], MessageKey> = {
  BARCODE_MISSING: 'barcode.BARCODE_MISSING',
  BARCODE_MALFORMED: 'barcode.BARCODE_MALFORMED',
  PIN_MISSING: 'pin.login.PIN_MISSING',
  PIN_MALFORMED: 'pin.login.PIN_MALFORMED',
};

/** Patrons log in with barcode and PIN; on the default PIN they are sent to choose their own. */
export function createLoginController(deps: { auth: AuthService; devices: DeviceCookie; language: LanguagePreference }) {
  return loginForm(
    {
      form: { view: 'auth/login', name: 'barcode', secret: 'pin', labels: { barcode: 'login.barcode', pin: 'login.pin' } },
      area: 'patron',
      words: { input: inputMessage, failed: 'login.failed', keyBlocked: 'login.blocked', suspended: 'refusal.suspended.patron' },
      signedInHome: (req) => (req.session.patronId !== undefined ? '/myrecord' : undefined),
      login: deps.auth.login,
      // On the default PIN he chooses his own first (docs/rules.md §4), then goes on to the page he asked for.
      session: ({ patron }, next) => ({
        owner: { patronId: patron.id, pinStamp: patron.pinChangedAt ?? 0 },
        language: patron.language,
        home: usesDefaultPin(patron) ? withNext('/pin/modify', next) : (next ?? '/myrecord'),
      }),
    },
    { devices: deps.devices, language: deps.language },
  );
}
