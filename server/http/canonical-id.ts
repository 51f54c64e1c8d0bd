// Record ids in paths are canonical positive integers: "1", "42", never "01", "+1", "1.0", " 1",
// "0x10" or "1e1". ajv's type coercion (needed for query strings) would turn all of those into
// numbers, so an id is validated as a string of digits first and only then converted, by this
// keyword, into the number the handlers use. One schema (IdParams) carries it to every route.
import type { Ajv } from "ajv";

export const ID_KEYWORD = "x-canonical-id";
/** 1 to 2147483647, the range of the database's integer ids, without sign, space or leading zero. */
export const CANONICAL_ID_PATTERN = "^[1-9][0-9]{0,9}$";
const MAX_ID = 2_147_483_647;
const canonical = new RegExp(CANONICAL_ID_PATTERN);

/** ajv plugin: `{ type: "string", pattern, "x-canonical-id": true }` validates, then converts to a number. */
export function canonicalIdKeyword(ajv: Ajv): Ajv {
  return ajv.addKeyword({
    keyword: ID_KEYWORD,
    // In the string group, so it runs after `pattern`, which reports malformed ids by field.
    type: "string",
    schemaType: "boolean",
    modifying: true,
    errors: false,
    validate: (_enabled: boolean, data: string, _schema: unknown, context) => {
      if (!canonical.test(data)) return true; // already reported by `pattern`
      const id = Number(data);
      if (id > MAX_ID || !context?.parentData || context.parentDataProperty === undefined) return false;
      (context.parentData as Record<string | number, unknown>)[context.parentDataProperty] = id;
      return true;
    },
  });
}
