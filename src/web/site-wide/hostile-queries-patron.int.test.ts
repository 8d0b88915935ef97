/** Hostile query strings and path parameters on every GET route, as a patron with a PIN of his own (test-support/hostile-queries.ts). */
import { hostileQueriesAs } from '../../test-support/hostile-queries.js';

hostileQueriesAs('patron');
