import { fileURLToPath } from "node:url";
import { applyMigrations, readMigrations } from "../../server/db/migrate.js";
import { databaseUrl, TEMPLATE_DATABASE, withMaintenanceClient } from "./database.js";

export default async function setup(): Promise<() => Promise<void>> {
  const migrations = await readMigrations(fileURLToPath(new URL("../../prisma/migrations", import.meta.url)));
  await withMaintenanceClient(async (client) => {
    // Leftovers of an interrupted run are removed first.
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'tthc\\_test\\_%'");
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  });
  await applyMigrations(databaseUrl(TEMPLATE_DATABASE), migrations);
  return async () => {
    await withMaintenanceClient((client) => client.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`));
  };
}
