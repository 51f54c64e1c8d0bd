// `npm run flows:check [dir]`: validates the IVR flows (default: the repository's ivr-flows/).
// Prints each problem as "file: node: message" and exits 1, or prints a one-line summary and exits 0.
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadFlowFiles } from "../server/hotline/ivr/load.js";
import { BUNDLE_FILE, formatProblem, validateBundle } from "../server/hotline/ivr/validate.js";

const dir = process.argv[2] ?? fileURLToPath(new URL("../ivr-flows/", import.meta.url));
const shown = relative(process.cwd(), dir) || ".";
const files = await loadFlowFiles(dir).catch((error: NodeJS.ErrnoException) => {
  console.error(`${shown}: cannot read the folder (${error.code ?? error.message})`);
  process.exit(1);
});
if (files.length === 0) {
  console.error(`${shown}: no flow files (*.yaml)`);
  process.exit(1);
}
const result = validateBundle(files);
if (!result.ok) {
  for (const problem of result.problems) {
    console.error(formatProblem(problem.file === BUNDLE_FILE ? problem : { ...problem, file: join(shown, problem.file) }));
  }
  console.error(`${result.problems.length} problem${result.problems.length === 1 ? "" : "s"} in ${shown}`);
  process.exit(1);
}
const flows = Object.values(result.bundle.flows);
const nodes = flows.reduce((sum, flow) => sum + Object.keys(flow.nodes).length, 0);
console.log(`${shown}: ${flows.length} flow${flows.length === 1 ? "" : "s"}, ${nodes} nodes, entry "${result.bundle.entry}": OK`);
