import ejs from 'ejs';
import type { Express } from 'express';
import { fileURLToPath } from 'node:url';

export const VIEWS_DIR = fileURLToPath(new URL('../../../views/', import.meta.url));

/**
 * EJS registered by hand: EJS 7 ignores Express's "view options", and with `root` set
 * includes are written `/partials/…` wherever the including view lives.
 */
export function useEjs(app: Express, cache: boolean): void {
  app.engine('ejs', (file, data, callback) => {
    ejs.renderFile(
      file,
      data as ejs.Data,
      { root: VIEWS_DIR, cache, async: false },
      callback as (err: Error | null, html?: string) => void,
    );
  });
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  app.set('view cache', cache);
}
