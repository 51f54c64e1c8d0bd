// Plain JavaScript: it runs at `npm ci` time (postinstall), before TypeScript tooling is usable.
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";

/** Whether Prisma's schema engine binary (needed by `prisma migrate`) is installed on this machine. */
export function schemaEngineAvailable() {
  const configured = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (configured) return existsSync(configured) && configured !== process.execPath;
  try {
    const enginesDir = dirname(createRequire(import.meta.url).resolve("@prisma/engines/package.json"));
    return readdirSync(enginesDir).some((file) => file.startsWith("schema-engine"));
  } catch {
    return false;
  }
}
