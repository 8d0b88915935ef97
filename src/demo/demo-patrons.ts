/**
 * Demo patrons, loaded on a new database outside production so that a newcomer can log
 * in at once: one for each kind of ID document, and one who has already chosen a PIN.
 * The ID numbers are made up; like real ones they are never stored, only the PIN hashes.
 */
import type { PatronRepo } from '../db/patrons/patron-repo.js';
import type { PatronImportService } from '../services/patrons/patron-import-service.js';
import type { PinHasher } from '../services/pin/pin-hasher.js';
import { REGISTRATION_FIELDS } from '../domain/patrons/patron-registration.js';
import { normalisePin } from '../domain/pin/pin-rule.js';

export interface DemoPatron {
  barcode: string;
  name: string;
  email: string;
  hkid?: string;
  passport?: string;
  mainlandId?: string;
  patronType: string;
  expiryDate: string;
  /** The PIN to log in with: the default one, or the one the demo patron chose. */
  pin: string;
  /** Set for the patron who has already chosen a PIN. */
  chosenPin?: string;
  note: string;
}

export const DEMO_PATRONS: readonly DemoPatron[] = [
  {
    barcode: '21000001',
    name: 'Chan Tai Man',
    email: 'tai-man.chan@example.edu',
    hkid: 'Z123456(7)',
    patronType: 'undergraduate',
    expiryDate: '2030-08-31',
    pin: 'Z12345',
    note: 'HKID, default PIN: must choose a new PIN at first login',
  },
  {
    barcode: '21000002',
    name: 'Maria Santos',
    email: 'maria.santos@example.edu',
    passport: 'XY12345678',
    patronType: 'postgraduate',
    expiryDate: '2030-08-31',
    pin: 'XY1234',
    note: 'passport, default PIN',
  },
  {
    barcode: '21000003',
    name: 'Li Wei',
    email: 'wei.li@example.edu',
    mainlandId: '11010519491231002X',
    patronType: 'postgraduate',
    expiryDate: '2030-08-31',
    pin: '110105',
    note: 'Mainland ID, default PIN',
  },
  {
    barcode: '21000004',
    name: 'Wong Siu Ling',
    email: 'siu-ling.wong@example.edu',
    hkid: 'AB987654(3)',
    patronType: 'staff',
    expiryDate: '2031-06-30',
    pin: 'K7M2P9',
    chosenPin: 'K7M2P9',
    note: 'has already chosen a PIN',
  },
];

export function demoCsv(): string {
  const rows = DEMO_PATRONS.map((p) =>
    [p.barcode, p.name, p.email, p.hkid ?? '', p.passport ?? '', p.mainlandId ?? '', p.patronType, p.expiryDate].join(','),
  );
  return [REGISTRATION_FIELDS.join(','), ...rows].join('\n');
}

/** Registers the demo patrons through the real import, then sets the PIN the last one chose. */
export async function loadDemoPatrons(deps: {
  importer: PatronImportService;
  patrons: PatronRepo;
  hasher: PinHasher;
  now: () => number;
}): Promise<void> {
  const report = await deps.importer.importCsv(demoCsv());
  if (!report.imported) throw new Error('the demo patrons could not be imported');
  for (const demo of DEMO_PATRONS) {
    const patron = deps.patrons.findByBarcode(demo.barcode);
    if (demo.chosenPin && patron) {
      deps.patrons.setChosenPinHash(patron.id, await deps.hasher.hash(normalisePin(demo.chosenPin)), deps.now());
    }
  }
}
