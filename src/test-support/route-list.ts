/** The routes an Express app answers, read from its router: tests cover every one, and a new route too. */
import type { Express } from 'express';

export interface ListedRoute {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  /** A router's mount path (router 2.x): `slash` is true when it is mounted at the root. */
  slash?: boolean;
  rawPath?: unknown;
}

export function listRoutes(app: Express): ListedRoute[] {
  const found: ListedRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods))
          if (on) found.push({ method: method.toUpperCase(), path: prefix + layer.route.path });
      } else if (layer.handle?.stack) {
        if (!layer.slash && typeof layer.rawPath !== 'string')
          throw new Error('a router is mounted under a pattern listRoutes cannot read');
        walk(layer.handle.stack, layer.slash ? prefix : prefix + String(layer.rawPath));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}
