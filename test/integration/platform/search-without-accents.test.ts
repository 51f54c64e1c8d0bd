// Search without accents: staff type "nguyen" for "Nguyễn" and "duong" for "Đường" (đ is its own
// letter, not d with a mark), in every list that searches names, agencies or templates; the search
// columns are indexed for the contains search, and never leave the server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, listUrl, login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { createSender } from "../../helpers/campaigns.js";

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  const { agencies, users } = await seedSmallProvince(t.db);
  const ward = await t.db.agency.create({
    data: { code: "P-DUONG", name: "Phường Đường Nguyễn Huệ", kind: "ward", parentId: agencies.province.id },
  });
  await createUser(t.db, { username: "nguyen.vd", name: "Nguyễn Văn Đường", roles: ["agent"], agencyId: ward.id });
  await t.db.segment.create({ data: { name: "Thanh niên Đường Nguyễn Huệ", filter: {} } });
  await t.db.contactList.create({ data: { name: "Hộ dân Đường Nguyễn Huệ" } });
  await t.db.smsTemplate.create({ data: { name: "Mời dùng dịch vụ công", body: "Kính gửi ông bà họ Nguyễn ở Đường Lê Lợi" } });
  const sender = await createSender(t.db);
  await t.db.campaign.create({
    data: { name: "Chiến dịch Đường Nguyễn Huệ", body: "[QC] x", senderId: sender.id, audience: {}, createdById: users.admin.id },
  });
  await t.db.contact.create({ data: { phone: "+84912000001", name: "Nguyễn Thị Đường" } });
  await t.db.contact.create({ data: { phone: "+84912000002", name: "Trần Văn Bình" } });
  admin = await login(t.app, "admin");
});
afterAll(async () => {
  await t?.close();
});

async function search(resource: string, q: string): Promise<Record<string, unknown>[]> {
  const response = await t.app.inject({ method: "GET", url: listUrl(resource, { filter: { q } }), headers: { cookie: admin } });
  expect(response.statusCode, `${resource}: ${response.body}`).toBe(200);
  return response.json();
}

const RESOURCES: [resource: string, field: string, expected: string][] = [
  ["agencies", "name", "Phường Đường Nguyễn Huệ"],
  ["users", "name", "Nguyễn Văn Đường"],
  ["staff", "name", "Nguyễn Văn Đường"],
  ["segments", "name", "Thanh niên Đường Nguyễn Huệ"],
  ["contact-lists", "name", "Hộ dân Đường Nguyễn Huệ"],
  ["sms-templates", "name", "Mời dùng dịch vụ công"],
  ["campaigns", "name", "Chiến dịch Đường Nguyễn Huệ"],
  ["contacts", "name", "Nguyễn Thị Đường"],
];

describe("search without accents", () => {
  it.each(RESOURCES)("finds %s by a name typed without diacritics, đ as d, in any case", async (resource, field, expected) => {
    for (const q of ["nguyen", "duong", "NGUYEN", "Nguyễn", "đường"]) {
      expect(
        (await search(resource, q)).map((row) => row[field]),
        `${resource} q=${q}`,
      ).toEqual([expected]);
    }
    expect(await search(resource, "nguyen xyz")).toEqual([]);
  });

  it("still treats % and _ as themselves, and never sends the search column", async () => {
    expect(await search("contacts", "%")).toEqual([]);
    expect(await search("contacts", "_")).toEqual([]);
    const [contact] = await search("contacts", "binh");
    expect(contact).toMatchObject({ name: "Trần Văn Bình" });
    expect(contact).not.toHaveProperty("searchKey");
    expect(await t.db.contact.findFirst()).not.toHaveProperty("searchKey");
  });

  it("has a trigram index the contains search uses", async () => {
    const tables = [
      "agencies",
      "users",
      "segments",
      "contact_lists",
      "sms_templates",
      "sms_senders",
      "campaigns",
      "contacts",
      "knowledge_articles",
    ];
    const indexes = await t.db.$queryRaw<{ tablename: string; indexdef: string }[]>`
      SELECT tablename, indexdef FROM pg_indexes WHERE indexname LIKE '%search_key_idx'`;
    expect(indexes.map((i) => i.tablename).sort()).toEqual([...tables].sort());
    expect(indexes.every((i) => i.indexdef.includes("gin_trgm_ops"))).toBe(true);

    // The planner picks a sequential scan on a table this small; forbidding it shows the index serves the search.
    const plan = await t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>("EXPLAIN SELECT id FROM contacts WHERE search_key LIKE '%nguyen%'");
    });
    expect(plan.map((line) => line["QUERY PLAN"]).join("\n")).toContain("contacts_search_key_idx");
  });
});
