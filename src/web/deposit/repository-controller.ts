import type { Request, Response } from 'express';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import { citationText, keywordList, scholarMeta } from '../../domain/deposit/citation.js';
import type { DepositArchiveService } from '../../services/deposit/deposit-archive-service.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { sendPdf } from './deposit-form-view.js';
import { LICENCE_TEXT, TYPE_TEXT, VERSION_TEXT, pager } from './deposit-labels.js';

/**
 * The archive's public pages, readable without logging in, in the reader's language (the switch
 * works as everywhere): the list of published deposits, newest first; a deposit's page with its
 * citation and Google Scholar tags, the PDF once the embargo is over (before it, the date); and a
 * tombstone (410) for a withdrawn one. Anything else answers 404, to everyone.
 */
export function createRepositoryController(deps: { archive: DepositArchiveService; publicUrl: string }) {
  const { archive, publicUrl } = deps;

  return {
    list(req: Request, res: Response) {
      const list = archive.publicList(wholeNumber(req.query.page, { min: 1, max: 1_000_000 }) ?? 1);
      res.render('deposit/public-list', {
        total: list.total,
        deposits: list.deposits.map((d) => ({
          id: d.id,
          title: d.metadata.title,
          citation: citationText(d.metadata),
          typeText: d.metadata.type ? res.locals.t(TYPE_TEXT[d.metadata.type]) : '',
          publishedOn: libraryDateOf(d.publishedAt ?? d.statusAt),
          embargoUntil: d.metadata.embargoUntil !== null && d.metadata.embargoUntil > list.today ? d.metadata.embargoUntil : null,
        })),
        ...pager(list.page, list.pages, (page) => `/repository?page=${page}`),
      });
    },

    show(req: Request, res: Response) {
      const { t } = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      const page = id === undefined ? ({ kind: 'not-found' } as const) : archive.publicPage(id);
      if (page.kind === 'not-found') return renderNotFound(res);
      const d = page.deposit;
      const m = d.metadata;
      const publishedOn = libraryDateOf(d.publishedAt ?? d.statusAt);
      const common = {
        d,
        citation: citationText(m),
        typeText: m.type ? t(TYPE_TEXT[m.type]) : '',
        versionText: m.version ? t(VERSION_TEXT[m.version]) : '',
        licenceText: m.licence ? t(LICENCE_TEXT[m.licence]) : '',
        licence: m.licence,
        keywords: keywordList(m.keywords),
        publishedOn,
      };
      if (page.kind === 'withdrawn') {
        // A tombstone: the record is gone, but a link to it says so rather than nothing (410, no Scholar tags).
        return res.status(410).render('deposit/public-page', {
          ...common,
          withdrawn: { at: page.withdrawnAt, reason: page.reason },
          fileOpen: false,
          meta: [],
        });
      }
      const pdfUrl = page.fileOpen ? `${publicUrl}/repository/${d.id}/file` : null;
      res.render('deposit/public-page', {
        ...common,
        withdrawn: null,
        fileOpen: page.fileOpen,
        meta: scholarMeta(m, { pdfUrl, publishedOn }),
      });
    },

    async file(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      const result = id === undefined ? ({ kind: 'not-found' } as const) : await archive.publicFile(id);
      switch (result.kind) {
        case 'not-found':
          return renderNotFound(res);
        case 'embargoed':
          return res.status(403).render('deposit/file-closed', {
            text: res.locals.t('repository.embargoedUntil', { date: res.locals.formatDate(result.until) }),
            id,
          });
        case 'withdrawn':
          return res.status(410).render('deposit/file-closed', { text: res.locals.t('repository.fileWithdrawn'), id });
        case 'file':
          return sendPdf(res, result);
      }
    },
  };
}
