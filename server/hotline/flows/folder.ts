// Where the repository's ivr-flows/ folder is, from tsx (server/hotline/flows/) and from the compiled
// build (dist/server/hotline/flows/) alike: the working directory first (npm scripts and the Docker image
// run from the project root), then the nearest ancestor of this file that has one.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const FOLDER = "ivr-flows";
/** The file every deployment has: the entry flow. */
const MARKER = "hotline.yaml";

export function flowsFolder(cwd = process.cwd(), from = fileURLToPath(import.meta.url)): string {
  const candidates = [resolve(cwd)];
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    candidates.push(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of candidates) {
    if (existsSync(join(dir, FOLDER, MARKER))) return join(dir, FOLDER);
  }
  return join(resolve(cwd), FOLDER);
}
