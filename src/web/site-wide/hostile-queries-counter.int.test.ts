/** Hostile query strings and path parameters on every GET route, as a member of counter staff (test-support/hostile-queries.ts). */
import { hostileQueriesAs } from '../../test-support/hostile-queries.js';

hostileQueriesAs('counter');
