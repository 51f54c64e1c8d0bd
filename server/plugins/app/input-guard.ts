// One rule for everything a request carries, whatever the route: text PostgreSQL cannot store (NUL,
// unpaired surrogates) is refused with a 400 naming the field, and numbers are bounded unless the
// schema says otherwise (integers to what an int4 column holds; other numbers to finite, exact ones,
// which also refuses "1e400" coerced to Infinity), so no outside value turns into a database 500.
// Multipart fields and uploaded files are not parsed here: their routes call assertValidValue.
import type { FastifyRequest, RouteOptions } from "fastify";
import fp from "fastify-plugin";
import { findInvalidValue, invalidValueError } from "../../http/input-values.js";

const INT4_MIN = -2_147_483_648;
const INT4_MAX = 2_147_483_647;
const SAFE_MAX = Number.MAX_SAFE_INTEGER;
const REQUEST_PARTS = ["body", "querystring", "params", "headers"] as const;

type JsonSchema = Record<string, unknown>;

const hasType = (schema: JsonSchema, type: string) => schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));

/** A copy of a request schema where every integer without bounds gets int4's, and every number finite ones. */
export function boundIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(boundIntegers);
  if (schema === null || typeof schema !== "object") return schema;
  const copy: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = boundIntegers(value);
  if (hasType(copy, "integer")) {
    copy.minimum ??= INT4_MIN;
    copy.maximum ??= INT4_MAX;
  } else if (hasType(copy, "number")) {
    copy.minimum ??= -SAFE_MAX;
    copy.maximum ??= SAFE_MAX;
  }
  return copy;
}

function checkValues(request: FastifyRequest): void {
  const parts: [string, unknown][] = [
    ["params", request.params],
    ["query", request.query],
    ["body", request.body],
  ];
  for (const [name, value] of parts) {
    const found = findInvalidValue(value);
    // Body fields are named as the form names them ("username"); a bad top-level key names the part.
    if (found) throw invalidValueError(found.path || name, found.reason);
  }
}

export default fp(
  async (fastify) => {
    fastify.addHook("onRoute", (route: RouteOptions) => {
      if (!route.schema) return;
      const schema = { ...route.schema } as Record<string, unknown>;
      for (const part of REQUEST_PARTS) if (schema[part]) schema[part] = boundIntegers(schema[part]);
      route.schema = schema as RouteOptions["schema"];
    });
    // Text before the schema (whose error would not say why), and again with numbers once ajv has
    // coerced strings: "1e400" only becomes Infinity then.
    fastify.addHook("preValidation", async (request) => checkValues(request));
    fastify.addHook("preHandler", async (request) => checkValues(request));
  },
  { name: "input-guard" },
);
