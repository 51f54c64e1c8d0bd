import { describe, expect, it } from "vitest";
import { HttpError } from "../../../../server/platform/http/errors.js";
import { contentRange, parseListQuery } from "../../../../server/platform/http/list-query.js";

const options = { sortable: ["id", "name"], defaultSort: ["name", "ASC"] } as const;

function errorOf(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error("expected an HttpError");
}

describe("ra-data-simple-rest list parameters", () => {
  it("reads sort, range and filter", () => {
    expect(parseListQuery({ sort: '["id","DESC"]', range: "[10,19]", filter: '{"q":"Quy"}' }, options)).toEqual({
      sort: { field: "id", order: "desc" },
      skip: 10,
      take: 10,
      filter: { q: "Quy" },
    });
  });

  it("defaults to the first 25 in the default order", () => {
    expect(parseListQuery({}, options)).toEqual({ sort: { field: "name", order: "asc" }, skip: 0, take: 25, filter: {} });
  });

  it("allows pages of up to 1000 rows", () => {
    expect(parseListQuery({ range: "[0,999]" }, options).take).toBe(1000);
  });

  it.each([
    [{ sort: "name" }, "sort"],
    [{ sort: '["password","ASC"]' }, "sort"],
    [{ sort: '["name","UP"]' }, "sort"],
    [{ range: "[5,1]" }, "range"],
    [{ range: "[0,1000]" }, "range"],
    [{ range: "[-1,3]" }, "range"],
    [{ range: '{"a":1}' }, "range"],
    [{ filter: "[1,2]" }, "filter"],
    [{ filter: "{nope" }, "filter"],
  ])("rejects %o naming %s", (query, field) => {
    const error = errorOf(() => parseListQuery(query, options));
    expect(error.statusCode).toBe(400);
    expect(Object.keys(error.details.errors ?? {})).toEqual([field]);
  });

  it("formats Content-Range as react-admin reads it", () => {
    expect(contentRange("agencies", 0, 25, 319)).toBe("agencies 0-24/319");
    expect(contentRange("agencies", 300, 0, 0)).toBe("agencies 300-300/0");
  });
});
