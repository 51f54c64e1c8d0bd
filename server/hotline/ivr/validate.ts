// Validation of the whole ivr-flows/ bundle: YAML and schema per file (parse.ts), then references,
// prompts and languages per flow (checks.ts), then the call graph across flows (graph.ts).
// Pure: the files come in as text (load.ts reads them), so tests and the console can validate drafts.
import { checkFlow } from "./checks.js";
import type { Bundle, Flow } from "./flow.js";
import { checkGraph } from "./graph.js";
import { type Problem, parseFlowFile } from "./parse.js";

export type { Problem } from "./parse.js";

export interface FlowFile {
  file: string;
  text: string;
}

export type ValidationResult = { ok: true; bundle: Bundle } | { ok: false; problems: Problem[] };

export const BUNDLE_FILE = "(bundle)";

export function validateBundle(files: FlowFile[], entry = "hotline"): ValidationResult {
  const problems: Problem[] = [];
  const flows = new Map<string, Flow>();
  const fileOf = new Map<string, string>();

  for (const { file, text } of files) {
    const parsed = parseFlowFile(file, text);
    problems.push(...parsed.problems);
    if (!parsed.flow) continue;
    const other = fileOf.get(parsed.flow.id);
    if (other) {
      problems.push({ file, message: `id: flow "${parsed.flow.id}" is already declared in ${other}` });
      continue;
    }
    flows.set(parsed.flow.id, parsed.flow);
    fileOf.set(parsed.flow.id, file);
  }
  // References into a file that did not parse would only add noise.
  if (problems.length > 0) return { ok: false, problems };
  if (!flows.has(entry)) return { ok: false, problems: [{ file: BUNDLE_FILE, message: `no flow has the id "${entry}" (the entry flow)` }] };

  for (const [id, flow] of flows) problems.push(...checkFlow(fileOf.get(id) as string, flow, flows));
  problems.push(...checkGraph(flows, fileOf, entry));
  if (problems.length > 0) {
    // File by file, in the order given; within a file in the order found.
    const order = new Map(files.map(({ file }, i) => [file, i]));
    return { ok: false, problems: problems.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0)) };
  }
  return { ok: true, bundle: { entry, flows: Object.fromEntries(flows) } };
}

/** "file: node: message", one line per problem, as `npm run flows:check` prints them. */
export function formatProblem(problem: Problem): string {
  return [problem.file, problem.node, problem.message].filter((part) => part !== undefined).join(": ");
}
