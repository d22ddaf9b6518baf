/**
 * Locates files relative to the project root, so the same code works from `src/` under vitest
 * and from `dist/src/` after `tsc`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Returns the nearest folder above `fromUrl` (a module URL) that contains package.json. */
export function projectRoot(fromUrl: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json found above ${fileURLToPath(fromUrl)}.`);
    dir = parent;
  }
}
