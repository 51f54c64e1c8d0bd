// `npm run db:migrate`: creates the database if needed and applies prisma/migrations.
// Uses `prisma migrate deploy` when Prisma's schema engine is installed, otherwise our own runner,
// which records migrations exactly as Prisma does.
import "dotenv/config";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadConfigOrExit } from "../server/config.js";
import { applyMigrations, ensureDatabase, MigrationError, readMigrations } from "../server/platform/db/migrate.js";
import { schemaEngineAvailable } from "./prisma-engine.mjs";

const migrationsDir = fileURLToPath(new URL("../prisma/migrations", import.meta.url));
const config = loadConfigOrExit();

try {
  if (await ensureDatabase(config.DATABASE_URL)) console.log("created the database");
  if (schemaEngineAvailable()) {
    const run = spawnSync("npx", ["prisma", "migrate", "deploy"], { stdio: "inherit", env: process.env });
    process.exit(run.status ?? 1);
  }
  const result = await applyMigrations(config.DATABASE_URL, await readMigrations(migrationsDir), console.log);
  console.log(`database is up to date (${result.applied.length} applied now, ${result.alreadyApplied.length} already applied)`);
} catch (error) {
  console.error(error instanceof MigrationError ? error.message : error);
  process.exit(1);
}
