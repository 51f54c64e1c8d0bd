import { describe, expect, it } from "vitest";
import { HttpError } from "../../../../server/platform/http/errors.js";
import { listPage, type PageArgs } from "../../../../server/platform/http/list-handler.js";

function fakeReply() {
  const headers: Record<string, string> = {};
  return { headers, header: (name: string, value: string) => (headers[name] = value) };
}

describe("listPage", () => {
  it("counts and fetches with the same where-clause, in the requested order, and sets Content-Range", async () => {
    const reply = fakeReply();
    const seen: { count?: unknown; where?: unknown; page?: PageArgs } = {};
    const rows = await listPage({ sort: '["name","DESC"]', range: "[10,12]", filter: '{"q":"Quy"}' }, reply, {
      resource: "agencies",
      sortable: ["id", "name"],
      defaultSort: ["id", "ASC"],
      where: (filter) => ({ name: filter.q }),
      count: async (where) => {
        seen.count = where;
        return 42;
      },
      page: async (where, page) => {
        seen.where = where;
        seen.page = page;
        return [{ id: 1 }, { id: 2 }, { id: 3 }];
      },
    });
    expect(rows).toHaveLength(3);
    expect(seen).toEqual({
      count: { name: "Quy" },
      where: { name: "Quy" },
      page: { orderBy: [{ name: "desc" }, { id: "desc" }], skip: 10, take: 3 },
    });
    expect(reply.headers["Content-Range"]).toBe("agencies 10-12/42");
  });

  it("breaks ties on the rows' own key when they have no id", async () => {
    let page: PageArgs | undefined;
    await listPage({}, fakeReply(), {
      resource: "suppressions",
      sortable: ["receivedAt"],
      defaultSort: ["receivedAt", "DESC"],
      tieBreaker: "phone",
      where: () => ({}),
      count: async () => 0,
      page: async (_where, args) => {
        page = args;
        return [];
      },
    });
    expect(page).toEqual({ orderBy: [{ receivedAt: "desc" }, { phone: "desc" }], skip: 0, take: 25 });
  });

  it("refuses a bad query before reading the filter or the database", async () => {
    let touched = false;
    const run = listPage({ sort: '["secret","ASC"]' }, fakeReply(), {
      resource: "users",
      sortable: ["id"],
      defaultSort: ["id", "ASC"],
      where: () => {
        touched = true;
        return {};
      },
      count: async () => 0,
      page: async () => [],
    });
    await expect(run).rejects.toBeInstanceOf(HttpError);
    expect(touched).toBe(false);
  });
});
