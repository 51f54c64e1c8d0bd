// The migration that made note categories a table (20261202110000): notes written before it keep their
// category (now a reference to its row) and their summary becomes the question; they are final notes.
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "../../../server/platform/db/migrate.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";

const MIGRATION = "20261202110000_note_categories_and_drafts";
const migrationsDir = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase(null);
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
}, 60_000);
afterAll(async () => {
  await client?.end();
  await database?.drop();
});

describe(`migration ${MIGRATION}`, () => {
  it("keeps existing notes' categories and texts, as final notes of kind question", async () => {
    const migrations = await readMigrations(migrationsDir);
    const at = migrations.findIndex((m) => m.name === MIGRATION);
    expect(at).toBeGreaterThan(0);
    await applyMigrations(database.url, migrations.slice(0, at));

    const one = async (sql: string, values: unknown[] = []) => (await client.query(sql, values)).rows[0] as { id: number };
    const agency = await one(`INSERT INTO agencies (code, name, kind, updated_at) VALUES ('P-X', 'Phường X', 'ward', now()) RETURNING id`);
    const user = await one(
      `INSERT INTO users (username, name, password_hash, roles, agency_id, updated_at) VALUES ('nv', 'Nhân viên', 'x', '{agent}', $1, now()) RETURNING id`,
      [agency.id],
    );
    const call = await one(
      `INSERT INTO calls (call_sid, caller, hotline, status, state, agency_id, staff_id, updated_at) VALUES ('CA1', '+84912345678', '+842563822478', 'completed', '{}', $1, $2, now()) RETURNING id`,
      [agency.id, user.id],
    );
    await client.query(
      `INSERT INTO call_notes (call_id, author_id, category, summary) VALUES ($1, $2, 'dat_dai', 'Hỏi cấp sổ đỏ'), ($1, $2, 'khac', 'Hỏi giờ làm việc')`,
      [call.id, user.id],
    );

    await applyMigrations(database.url, migrations.slice(0, at + 1));
    const notes = await client.query(
      `SELECT n.category, n.question, n.answer, n.resolved, n.state, c.name_vi, c.kind
       FROM call_notes n JOIN note_categories c ON c.code = n.category ORDER BY n.id`,
    );
    expect(notes.rows).toEqual([
      { category: "dat_dai", question: "Hỏi cấp sổ đỏ", answer: "", resolved: false, state: "final", name_vi: "Đất đai", kind: "question" },
      { category: "khac", question: "Hỏi giờ làm việc", answer: "", resolved: false, state: "final", name_vi: "Khác", kind: "question" },
    ]);
    // The foreign key holds: a used category cannot be deleted behind the API's back either.
    await expect(client.query(`DELETE FROM note_categories WHERE code = 'dat_dai'`)).rejects.toThrow(/foreign key/);
    // A final note without a question is refused by the database too.
    await expect(
      client.query(
        `INSERT INTO call_notes (call_id, author_id, category, question, state, updated_at) VALUES ($1, $2, 'khac', ' ', 'final', now())`,
        [call.id, user.id],
      ),
    ).rejects.toThrow(/call_notes_final_complete/);
  });
});
