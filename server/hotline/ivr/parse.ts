// First two stages of validation for one flow file: YAML syntax (with line numbers) and the JSON
// Schema in ivr-flows/flow.schema.json (with the JSON path and line of each error).
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import { type Document, LineCounter, parseDocument } from "yaml";
import schema from "../../../ivr-flows/flow.schema.json" with { type: "json" };
import type { Problem } from "../../contract/hotline/ivr-flows.js";
import type { Flow } from "./flow.js";

/** The API shows problems as they are (server/contract/hotline/ivr-flows.ts). */
export type { Problem };

const ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: true, strictRequired: false });
const validateSchema = ajv.compile<Flow>(schema);

/** What the patterns of the schema's $defs mean, for people editing the files. */
const PATTERN_MEANING: Record<string, string> = {
  id: "lower-case letters, digits and _, starting with a letter",
  language: "a language code such as vi",
  ref: 'a node id, or "flow#node" for a node of another flow',
  agency: "an agency code in capitals such as STP, or $selected",
  key: "one phone key: 0-9, * or #",
};

const ONE_OF_MEANING: Record<string, string> = {
  promptVersion: 'must be a text, or { play: "https://…" } for a recorded audio file',
};

const NODE_KINDS = ["say", "menu", "input", "lookup", "hours", "route", "voicemail", "survey", "goto", "hangup"];

export function parseFlowFile(file: string, text: string): { flow?: Flow; problems: Problem[] } {
  const lines = new LineCounter();
  // Keys 1 and "1" are different YAML scalars but the same menu key: compare them as text.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: (a, b) => scalarText(a) === scalarText(b) });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        file,
        message: `${e.message.split(" at line ")[0]}${e.linePos ? ` (line ${e.linePos[0].line})` : ""}`,
      })),
    };
  }
  const data: unknown = doc.toJS();
  if (validateSchema(data)) return { flow: data, problems: [] };
  return { problems: schemaProblems(file, validateSchema.errors ?? [], doc, lines) };
}

function scalarText(node: unknown): string {
  return node && typeof node === "object" && "value" in node ? String(node.value) : String(node);
}

function schemaProblems(file: string, errors: ErrorObject[], doc: Document, lines: LineCounter): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  // Errors inside a failed oneOf are explained by the oneOf itself.
  const oneOfs = errors.filter((e) => e.keyword === "oneOf" && defName(e.schemaPath) in ONE_OF_MEANING);
  errors.forEach((error, i) => {
    if (oneOfs.some((o) => o !== error && error.instancePath.startsWith(o.instancePath) && error.schemaPath.startsWith(o.schemaPath)))
      return;
    const path = error.instancePath.split("/").slice(1).map(unescapePointer);
    const message = describe(error, errors[i - 1]);
    if (message === null) return;
    const where = path.length > 0 ? `${path.join(".")}: ` : "";
    const text = `${where}${message}${lineOf(doc, lines, path)}`;
    if (seen.has(text)) return;
    seen.add(text);
    problems.push({ file, ...(path[0] === "nodes" && path[1] ? { node: path[1] } : {}), message: text });
  });
  return problems;
}

function describe(error: ErrorObject, previous: ErrorObject | undefined): string | null {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return `missing required field "${params.missingProperty}"`;
    case "additionalProperties":
      return `unknown field "${params.additionalProperty}"`;
    case "discriminator":
      // A missing kind is already reported by "required".
      return params.error === "mapping" ? `kind "${params.tagValue}" is not one of: ${NODE_KINDS.join(", ")}` : null;
    case "pattern": {
      // A bad key is reported by the propertyNames error that follows.
      if (error.propertyName !== undefined) return null;
      const meaning = PATTERN_MEANING[defName(error.schemaPath)];
      return meaning ? `must be ${meaning}` : (error.message ?? "is invalid");
    }
    case "propertyNames": {
      const meaning = previous?.keyword === "pattern" ? PATTERN_MEANING[defName(previous.schemaPath)] : undefined;
      return `"${params.propertyName}" is not allowed here${meaning ? `: must be ${meaning}` : ""}`;
    }
    case "oneOf":
      return ONE_OF_MEANING[defName(error.schemaPath)] ?? error.message ?? "is invalid";
    case "const":
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case "enum":
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return error.message ?? "is invalid";
  }
}

/** "#/$defs/key/pattern" → "key". */
function defName(schemaPath: string): string {
  const match = /#\/\$defs\/([^/]+)\//.exec(schemaPath);
  return match?.[1] ?? "";
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

function lineOf(doc: Document, lines: LineCounter, path: string[]): string {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return ` (line ${lines.linePos(node.range[0]).line})`;
  }
  return "";
}
