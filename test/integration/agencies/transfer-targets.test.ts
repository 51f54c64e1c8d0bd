// The desk's transfer dialog searches the whole tree: staff who handle calls list every active agency
// with the transferTarget filter; without it the list stays within their own subtree.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listUrl, loginAll, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedSmallProvince>>;
let cookies: Awaited<ReturnType<typeof loginAll<"admin" | "supervisor" | "agent" | "viewer">>>;

beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedSmallProvince(t.db);
  cookies = await loginAll(t.app, seeded.users);
  await t.db.agency.update({ where: { id: seeded.agencies.wardB.id }, data: { active: false } });
});
afterAll(() => t.close());

const codes = async (cookie: string, filter: Record<string, unknown>) => {
  const response = await t.app.inject({ method: "GET", url: listUrl("agencies", { filter, sort: ["code", "ASC"] }), headers: { cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { code: string }[]).map((a) => a.code);
};

describe("agencies to transfer a call to", () => {
  it("lists every active agency to an agent with transferTarget, only their subtree without it", async () => {
    expect(await codes(cookies.agent, {})).toEqual(["P-QUYNHON"]);
    expect(await codes(cookies.agent, { transferTarget: true })).toEqual(["GL", "P-QUYNHON", "STP", "STP-HCTP"]);
    expect(await codes(cookies.agent, { transferTarget: true, q: "tư pháp" })).toEqual(["STP", "STP-HCTP"]);
    expect(await codes(cookies.supervisor, { transferTarget: true })).toEqual(["GL", "P-QUYNHON", "STP", "STP-HCTP"]);
  });

  it("answers 400 naming the filter for a value that is not a boolean", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: listUrl("agencies", { filter: { transferTarget: "\u0000yes" } }),
      headers: { cookie: cookies.agent },
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().errors ?? {})).toEqual(["filter.transferTarget"]);
  });
});
