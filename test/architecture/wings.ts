// The server's wings and the one rule between them: imports only run down. A file may import files
// of its own wing and of any wing on a lower floor, never of a wing above it or beside it. News that
// must travel up (a delivery receipt reaching a campaign, a carrier's unsubscribe reaching the opt-out
// list) goes through callbacks the upper wing registers (server/messaging/hooks.ts).
// Inside any folder, two sub-folders may depend on each other in one direction only.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/** Top floor first. Wings on the same floor are peers and may not import each other. */
export const FLOORS: readonly (readonly string[])[] = [
  // Entries: the HTTP process and the worker process.
  ["server.ts", "worker.ts"],
  // The app as a fastify plugin: registers every wing's routes.
  ["app.ts"],
  // A citizen's rights over their data (Law 91/2025): it finds, exports and erases what both products hold.
  ["privacy"],
  // The two products: the phone line and the SMS campaigns.
  ["hotline", "outreach"],
  // Who answers for what (the agency tree, hours, staff on duty), used by both products.
  ["agencies"],
  // Who may do what: sessions, users, roles.
  ["access"],
  // Sending and tracking one SMS through a vendor, knowing nothing of why it is sent.
  ["messaging"],
  // Database, Redis, queues, HTTP helpers, plugins, audit, Twilio signatures.
  ["platform"],
  // Configuration: it reads the contract's names, nothing else of ours.
  ["config.ts"],
  // Pure cores: they import nothing of ours but the generated enums. contract/ is shared with the
  // console, and derives its lists of codes from the Prisma enums.
  ["phone", "clock", "text", "contract"],
  // Generated code (the Prisma client and its enums): it imports nothing of ours.
  ["generated"],
];

export interface Violation {
  from: string;
  to: string;
  rule: "upward" | "sideways" | "mutual";
}

/** The wing (top-level folder or entry file) a path under the server root belongs to. */
export function wingOf(path: string): string {
  return path.split("/")[0] ?? path;
}

function floorOf(wing: string): number {
  const floor = FLOORS.findIndex((wings) => wings.includes(wing));
  if (floor < 0) throw new Error(`${wing} is on no floor: add it to FLOORS in test/architecture/wings.ts`);
  return floor;
}

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/** Every import edge between our own files, as paths relative to the root ("a/b.ts" → "c/d.ts"). */
export function importEdges(root: string): { from: string; to: string }[] {
  const edges: { from: string; to: string }[] = [];
  for (const file of sourceFiles(root)) {
    // preProcessFile sees import, import type, export … from and import() alike.
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const target = resolve(dirname(file), fileName.replace(/\.js$/, ".ts"));
      const to = relative(root, target).split(sep).join("/");
      if (to.startsWith("..")) continue;
      edges.push({ from: relative(root, file).split(sep).join("/"), to });
    }
  }
  return edges;
}

/** The two sibling folders an edge crosses, if it crosses any (below their common parent). */
function siblingFolders(from: string, to: string): [string, string] | null {
  const a = from.split("/");
  const b = to.split("/");
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  // One side is a file directly in the common folder: parent and child, not siblings.
  if (i >= a.length - 1 || i >= b.length - 1) return null;
  return [a.slice(0, i + 1).join("/"), b.slice(0, i + 1).join("/")];
}

export function checkImports(root: string): Violation[] {
  const edges = importEdges(root);
  const violations: Violation[] = [];
  for (const { from, to } of edges) {
    const [source, target] = [wingOf(from), wingOf(to)];
    if (source === target) continue;
    const [up, down] = [floorOf(source), floorOf(target)];
    if (down < up) violations.push({ from, to, rule: "upward" });
    else if (down === up) violations.push({ from, to, rule: "sideways" });
  }
  const crossings = new Map<string, { from: string; to: string }>();
  for (const { from, to } of edges) {
    const pair = siblingFolders(from, to);
    if (pair) crossings.set(pair.join(" → "), { from, to });
  }
  for (const [key, edge] of crossings) {
    const [a, b] = key.split(" → ");
    // Reported once per pair, from the alphabetically first folder.
    if (a !== undefined && b !== undefined && a < b && crossings.has(`${b} → ${a}`)) {
      violations.push({ ...edge, rule: "mutual" });
    }
  }
  return violations;
}
