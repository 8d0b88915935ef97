/**
 * The description form as the author's page and the staff page both show it: its values from what
 * is stored, the words of its three lists, how much of each field is read, and the PDF it sends back.
 */
import type { Response } from 'express';
import { DEPOSIT_FIELDS, DEPOSIT_MAX_LENGTH, authorsText, type DepositField } from '../../domain/deposit/deposit-form.js';
import { DEPOSIT_LICENCES, DEPOSIT_TYPES, DEPOSIT_VERSIONS, type DepositMetadata } from '../../domain/deposit/deposit.js';
import type { FileResult } from '../../services/deposit/deposit-files.js';
import { sendStoredFile } from '../http/stored-file.js';
import { LICENCE_TEXT, TYPE_TEXT, VERSION_TEXT } from './deposit-labels.js';

/** Twice the longest each field may be: the rules say precisely (deposit-form.ts), with every problem at once. */
export const DEPOSIT_READ_LIMITS = Object.fromEntries(DEPOSIT_FIELDS.map((f) => [f, DEPOSIT_MAX_LENGTH[f] * 2])) as Record<
  DepositField,
  number
>;

/** The form's values from what is stored. */
export function formValues(m: DepositMetadata): Record<DepositField, string> {
  return {
    title: m.title,
    authors: authorsText(m.authors),
    type: m.type ?? '',
    year: m.year === null ? '' : String(m.year),
    venue: m.venue,
    doi: m.doi ?? '',
    abstract: m.abstract,
    keywords: m.keywords,
    version: m.version ?? '',
    licence: m.licence ?? '',
    embargo_until: m.embargoUntil ?? '',
  };
}

/** The choices of the form's three lists, in words. */
export function formChoices(t: Response['locals']['t']) {
  return {
    type: DEPOSIT_TYPES.map((value) => ({ value, text: t(TYPE_TEXT[value]) })),
    version: DEPOSIT_VERSIONS.map((value) => ({ value, text: t(VERSION_TEXT[value]) })),
    licence: DEPOSIT_LICENCES.map((value) => ({ value, text: t(LICENCE_TEXT[value]) })),
  };
}

/** Sends a stored PDF as a download, under a name of ours (why a download: stored-file.ts). */
export function sendPdf(res: Response, file: Extract<FileResult, { kind: 'file' }>): void {
  sendStoredFile(res, file, { type: 'application/pdf', filename: `deposit-${file.id}.pdf` });
}
