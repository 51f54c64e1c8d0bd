// `npm run db:migrate` must be repeatable, record migrations exactly as Prisma does, and produce
// the schema that prisma/schema.prisma describes.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getDMMF } from "@prisma/get-dmmf";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "../../../server/platform/db/migrate.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { ROOT } from "../../helpers/processes.js";

const migrationsDir = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));
let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase(null);
  client = new pg.Client({ connectionString: database.url });
});
afterAll(async () => {
  await client.end();
  await database.drop();
});

describe("npm run db:migrate", () => {
  it("migrates an empty database, then succeeds again with nothing to do", () => {
    const run = () =>
      execFileSync("npm", ["run", "--silent", "db:migrate"], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: database.url },
        encoding: "utf8",
      });
    expect(run()).toMatch(/database is up to date \([1-9]\d* applied now, 0 already applied\)/);
    expect(run()).toMatch(/database is up to date \(0 applied now, [1-9]\d* already applied\)/);
  });

  it("records each migration in _prisma_migrations as Prisma does", async () => {
    await client.connect();
    const migrations = await readMigrations(migrationsDir);
    const { rows } = await client.query(
      `SELECT id, checksum, migration_name, finished_at, rolled_back_at, logs, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.checksum).toBe(migrations[i]?.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row).toMatchObject({ rolled_back_at: null, logs: null, applied_steps_count: 1 });
    }
    const sql = readFileSync(`${migrationsDir}/${rows[0].migration_name}/migration.sql`);
    const { createHash } = await import("node:crypto");
    expect(rows[0].checksum).toBe(createHash("sha256").update(sql).digest("hex"));
  });

  it("applies only new migrations to an older database and refuses to continue past a failed one", async () => {
    const migrations = await readMigrations(migrationsDir);
    const broken = {
      name: "99999999999999_broken",
      sql: "CREATE TABLE nope (id int); SELECT * FROM missing_table;",
      checksum: "x".repeat(64),
    };
    await expect(applyMigrations(database.url, [...migrations, broken])).rejects.toThrow(/99999999999999_broken failed/);
    // Rolled back as a whole: no half-applied table.
    const { rowCount } = await client.query("SELECT 1 FROM pg_tables WHERE tablename = 'nope'");
    expect(rowCount).toBe(0);
    await expect(applyMigrations(database.url, migrations)).rejects.toThrow(/failed earlier/);
    await client.query(`DELETE FROM "_prisma_migrations" WHERE migration_name = $1`, [broken.name]);
  });
});

// Prisma scalar types and the PostgreSQL types a migration may give them.
const COMPATIBLE: Record<string, string[]> = {
  String: ["text", "character varying", "character", "uuid"],
  Int: ["integer", "smallint"],
  BigInt: ["bigint"],
  Boolean: ["boolean"],
  DateTime: ["timestamp with time zone", "timestamp without time zone", "date"],
  Json: ["jsonb", "json"],
  Float: ["double precision", "real"],
  Decimal: ["numeric"],
  Bytes: ["bytea"],
};

interface Column {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
}

/**
 * Fields of type Unsupported("…") (a tsvector, say) per table: Prisma leaves them out of the DMMF, so
 * they are read from the schema's text, with the database type they promise.
 */
function unsupportedColumns(schema: string, tableOf: Map<string, string>): { table: string; column: string; type: string }[] {
  const found: { table: string; column: string; type: string }[] = [];
  for (const [, model, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    for (const [, field, type, rest] of (body ?? "").matchAll(/^\s*(\w+)\s+Unsupported\("([^"]+)"\)\??(.*)$/gm)) {
      const column = /@map\("([^"]+)"\)/.exec(rest ?? "")?.[1] ?? field;
      found.push({ table: tableOf.get(model ?? "") ?? model ?? "", column: column ?? "", type: type ?? "" });
    }
  }
  return found;
}

describe("schema and migrations agree", () => {
  it("has every model, field, enum and relation of schema.prisma, and no table the schema does not know", async () => {
    const dmmf = getDMMF({ datamodel: readFileSync(`${ROOT}/prisma/schema.prisma`, "utf8") });
    if (!("datamodel" in dmmf)) throw new Error(`schema.prisma could not be read: ${dmmf.reason}`);
    const { datamodel } = dmmf;
    const columns = (
      await client.query<Column>(
        `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
      )
    ).rows;
    const column = (table: string, name: string) => columns.find((c) => c.table_name === table && c.column_name === name);
    const enums = (
      await client.query<{ name: string; value: string }>(
        "SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY e.enumsortorder",
      )
    ).rows;
    const foreignKeys = (
      await client.query<{ table_name: string; column_name: string; foreign_table: string }>(`
        SELECT kcu.table_name, kcu.column_name, ccu.table_name AS foreign_table
        FROM information_schema.table_constraints tc
        JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name
        JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name
        WHERE tc.constraint_type = 'FOREIGN KEY'`)
    ).rows;

    const problems: string[] = [];
    for (const e of datamodel.enums) {
      const name = e.dbName ?? e.name;
      const values = enums.filter((row) => row.name === name).map((row) => row.value);
      const expected = e.values.map((v) => v.dbName ?? v.name);
      if (JSON.stringify(values) !== JSON.stringify(expected))
        problems.push(`enum ${name}: database has [${values}], schema [${expected}]`);
    }
    const tableOf = new Map(datamodel.models.map((m) => [m.name, m.dbName ?? m.name]));
    const unsupported = unsupportedColumns(readFileSync(`${ROOT}/prisma/schema.prisma`, "utf8"), tableOf);
    for (const { table, column: name, type } of unsupported) {
      const col = column(table, name);
      if (!col) problems.push(`${table}.${name}: missing`);
      else if (col.udt_name !== type) problems.push(`${table}.${name}: type ${col.udt_name}, schema Unsupported("${type}")`);
    }
    for (const model of datamodel.models) {
      const table = model.dbName ?? model.name;
      for (const field of model.fields) {
        if (field.kind === "object") {
          // A relation: the side holding the foreign key must have the constraint to the other table.
          for (const from of field.relationFromFields ?? []) {
            const fkField = model.fields.find((f) => f.name === from);
            const fkColumn = fkField?.dbName ?? from;
            if (
              !foreignKeys.some(
                (fk) => fk.table_name === table && fk.column_name === fkColumn && fk.foreign_table === tableOf.get(field.type),
              )
            ) {
              problems.push(`${table}.${fkColumn}: no foreign key to ${tableOf.get(field.type)}`);
            }
          }
          continue;
        }
        const name = field.dbName ?? field.name;
        const col = column(table, name);
        if (!col) {
          problems.push(`${table}.${name}: missing`);
          continue;
        }
        if (field.kind === "enum") {
          const enumName = datamodel.enums.find((e) => e.name === field.type)?.dbName ?? field.type;
          const udt = field.isList ? `_${enumName}` : enumName;
          if (col.udt_name !== udt) problems.push(`${table}.${name}: type ${col.udt_name}, schema enum ${udt}`);
        } else if (field.isList) {
          if (col.data_type !== "ARRAY") problems.push(`${table}.${name}: not an array`);
        } else if (!(COMPATIBLE[field.type] ?? []).includes(col.data_type)) {
          problems.push(`${table}.${name}: type ${col.data_type} is not compatible with ${field.type}`);
        }
        // Prisma lists are never NULL in the client but are nullable columns in Prisma's own migrations.
        const nullable = col.is_nullable === "YES";
        if (!field.isList && nullable === field.isRequired) {
          problems.push(
            `${table}.${name}: ${nullable ? "nullable" : "NOT NULL"} in the database, ${field.isRequired ? "required" : "optional"} in the schema`,
          );
        }
      }
      const known = new Set([
        ...model.fields.filter((f) => f.kind !== "object").map((f) => f.dbName ?? f.name),
        ...unsupported.filter((u) => u.table === table).map((u) => u.column),
      ]);
      for (const col of columns.filter((c) => c.table_name === table && !known.has(c.column_name))) {
        problems.push(`${table}.${col.column_name}: in the database but not in the schema`);
      }
    }
    const tables = new Set(columns.map((c) => c.table_name));
    for (const table of tables) {
      if (table !== "_prisma_migrations" && ![...tableOf.values()].includes(table)) problems.push(`table ${table}: unknown to the schema`);
    }
    for (const model of datamodel.models) {
      if (!tables.has(model.dbName ?? model.name)) problems.push(`model ${model.name}: no table ${model.dbName ?? model.name}`);
    }
    expect(problems).toEqual([]);
  });
});
