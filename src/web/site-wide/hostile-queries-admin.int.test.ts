/** Hostile query strings and path parameters on every GET route, as an admin (test-support/hostile-queries.ts). */
import { hostileQueriesAs } from '../../test-support/hostile-queries.js';

hostileQueriesAs('admin');
