import { fileURLToPath } from "node:url";
import { applyMigrations, readMigrations } from "../../server/platform/db/migrate.js";
import { databaseUrl, testDatabaseName, withMaintenanceClient } from "./database.js";

const STALE_AFTER_SECONDS = 6 * 3600;

export default async function setup(): Promise<() => Promise<void>> {
  const template = testDatabaseName("tpl");
  const migrations = await readMigrations(fileURLToPath(new URL("../../prisma/migrations", import.meta.url)));
  await withMaintenanceClient(async (client) => {
    // Databases left by a run that was killed long ago; a run still going on is never touched.
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'tthc\\_test\\_%'");
    const now = Date.now() / 1000;
    for (const { datname } of rows) {
      const created = Number(datname.split("_")[3]);
      if (!Number.isFinite(created) || now - created > STALE_AFTER_SECONDS) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
    await client.query(`CREATE DATABASE "${template}"`);
  });
  await applyMigrations(databaseUrl(template), migrations);
  // Test workers are started after this and inherit the variable.
  process.env.TTHC_TEST_TEMPLATE = template;
  return async () => {
    await withMaintenanceClient((client) => client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`));
  };
}
