// The dispatcher under contention, on the real database: staff freeing at the same moment, several
// dispatchers at once (two server processes, the sweep and a webhook), never the same caller to two
// staff nor two callers to one, oldest caller first, longest available first, never someone away.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { assignOne } from "../../../server/hotline/queues/dispatcher.js";
import { createDb, type Db } from "../../../server/platform/db/client.js";
import { insertCall } from "../../helpers/calls.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";

let database: TestDatabase;
let dbs: Db[];
let agencyId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  // Separate clients: separate pools, as separate processes would have.
  dbs = [createDb(database.url), createDb(database.url), createDb(database.url)];
  agencyId = (await db().agency.create({ data: { code: "VPDKDD", name: "Văn phòng Đăng ký đất đai", kind: "unit" } })).id;
});
afterAll(async () => {
  await Promise.all(dbs.map((db) => db.$disconnect()));
  await database.drop();
});

const db = () => dbs[0] as Db;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function staffMember(name: string, presence: "available" | "away" | "on_call", since: Date) {
  return db().user.create({
    data: {
      username: name,
      name,
      roles: ["agent"],
      agencyId,
      phone: `+849050${String(Math.floor(Math.random() * 1e5)).padStart(5, "0")}`,
      presence,
      presenceSince: since,
      passwordHash: "x",
    },
  });
}

async function waitingCaller(joined: Date) {
  const call = await insertCall(db(), { status: "in-progress" });
  return db().queueEntry.create({ data: { callId: call.id, agencyId, enqueuedAt: joined } });
}

beforeEach(async () => {
  await db().queueEntry.deleteMany();
  await db().user.deleteMany();
});

describe("the dispatcher", () => {
  it("pairs two staff freeing at once with the two oldest callers, each once, whatever the number of dispatchers racing", async () => {
    for (let round = 0; round < 5; round++) {
      await db().queueEntry.deleteMany();
      await db().user.deleteMany();
      const an = await staffMember(`an${round}`, "available", minutesAgo(3));
      const binh = await staffMember(`binh${round}`, "available", minutesAgo(2));
      await staffMember(`chi${round}`, "away", minutesAgo(9));
      const callers = [await waitingCaller(minutesAgo(5)), await waitingCaller(minutesAgo(4)), await waitingCaller(minutesAgo(1))];

      // Eight dispatch attempts at once, across three connection pools.
      const now = new Date();
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => assignOne(dbs[i % dbs.length] as Db, agencyId, now)));
      const made = results.filter((r) => r !== null);

      expect(made).toHaveLength(2);
      expect(new Set(made.map((m) => m.staffId))).toEqual(new Set([an.id, binh.id]));
      expect(new Set(made.map((m) => m.entryId))).toEqual(new Set([callers[0]?.id, callers[1]?.id]));
      const entries = await db().queueEntry.findMany({ orderBy: { enqueuedAt: "asc" } });
      expect(entries.map((e) => e.staffId !== null)).toEqual([true, true, false]);
      const staff = await db().user.findMany({ orderBy: { id: "asc" } });
      // Reserved staff are on the call they were given; the one away was never touched.
      expect(staff.map((s) => [s.presence, s.presenceCallId])).toEqual([
        ["on_call", entries.find((e) => e.staffId === an.id)?.callId],
        ["on_call", entries.find((e) => e.staffId === binh.id)?.callId],
        ["away", null],
      ]);
    }
  });

  it("gives the oldest caller to the longest available staff member, and nobody to someone away or on a call", async () => {
    await staffMember("tam", "on_call", minutesAgo(30));
    await staffMember("hoa", "away", minutesAgo(20));
    const recent = await staffMember("lan", "available", minutesAgo(1));
    const longest = await staffMember("minh", "available", minutesAgo(10));
    const newer = await waitingCaller(minutesAgo(2));
    const oldest = await waitingCaller(minutesAgo(6));

    expect(await assignOne(db(), agencyId, new Date())).toMatchObject({ entryId: oldest.id, staffId: longest.id });
    expect(await assignOne(db(), agencyId, new Date())).toMatchObject({ entryId: newer.id, staffId: recent.id });
    await waitingCaller(minutesAgo(0));
    expect(await assignOne(db(), agencyId, new Date())).toBeNull();
  });
});
