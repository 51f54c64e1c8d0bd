// Checks that walk the call graph of the whole bundle (cross-flow gotos included): unreachable
// nodes, cycles with no exit, dead ends, and menus, inputs or lookups from which no person can be reached.
import { edgesOf, type Flow, isExit, resolveRef } from "./flow.js";
import type { Problem } from "./parse.js";

interface Vertex {
  key: string;
  flow: string;
  node: string;
  exit: boolean;
  route: boolean;
  asks: boolean;
  /** Waits for the caller (menu, input, survey): a loop through it traps the caller rather than spinning. */
  waits: boolean;
  /** An edge points nowhere (reported elsewhere): count the node as fine so problems don't cascade. */
  broken: boolean;
  next: string[];
}

export function checkGraph(flows: ReadonlyMap<string, Flow>, files: ReadonlyMap<string, string>, entry: string): Problem[] {
  const vertices = buildVertices(flows);
  const problems: Problem[] = [];
  const report = (v: Vertex, message: string) => problems.push({ file: files.get(v.flow) ?? v.flow, node: v.node, message });

  const entryFlow = flows.get(entry);
  const start = entryFlow ? vertices.get(`${entry}#${entryFlow.start}`) : undefined;
  if (start) {
    const reached = walk([start.key], (v) => v.next, vertices);
    for (const v of vertices.values()) {
      if (!reached.has(v.key)) report(v, `unreachable: no path from the start of flow "${entry}" leads to this node`);
    }
  }

  const previous = reverse(vertices);
  const canExit = walk(
    [...vertices.values()].filter((v) => v.exit || v.broken).map((v) => v.key),
    (v) => previous.get(v.key) ?? [],
    vertices,
  );
  const canRoute = walk(
    [...vertices.values()].filter((v) => v.route || v.broken).map((v) => v.key),
    (v) => previous.get(v.key) ?? [],
    vertices,
  );

  // A closed loop that asks the caller something traps them: a cycle with no exit. A closed loop that
  // never waits (say → say → …) and everything leading only into loops are dead ends.
  const trapped = new Set<string>();
  const spinning = new Map<string, string[]>();
  for (const component of stronglyConnected(vertices)) {
    const members = component.map((key) => vertices.get(key) as Vertex);
    const inside = new Set(component);
    const cyclic = members.length > 1 || members[0]?.next.includes(members[0].key);
    const leaves = members.some((v) => v.next.some((to) => !inside.has(to)));
    if (!cyclic || leaves || members.some((v) => canExit.has(v.key))) continue;
    const names = members.map((v) => (v.flow === members[0]?.flow ? v.node : v.key));
    if (members.some((v) => v.waits)) {
      for (const v of members) trapped.add(v.key);
      report(
        members[0] as Vertex,
        `cycle with no exit: ${names.join(", ")} only lead to each other and never reach a route, voicemail or hang-up`,
      );
    } else {
      for (const v of members) spinning.set(v.key, names);
    }
  }

  for (const v of vertices.values()) {
    if (trapped.has(v.key)) continue;
    if (!canExit.has(v.key)) {
      const loop = spinning.get(v.key);
      report(
        v,
        loop
          ? `dead end: ${[...loop, loop[0]].join(" → ")} repeats forever without waiting for the caller or reaching a route, voicemail or hang-up`
          : "dead end: every path from this node ends in a loop without a route, voicemail or hang-up",
      );
    } else if (v.asks && !canRoute.has(v.key)) {
      report(v, "no way to a person: nothing after this node reaches a route node");
    }
  }
  return problems;
}

/** Vertices in declaration order: flows as given, nodes as written. */
function buildVertices(flows: ReadonlyMap<string, Flow>): Map<string, Vertex> {
  const vertices = new Map<string, Vertex>();
  for (const flow of flows.values()) {
    for (const [id, node] of Object.entries(flow.nodes)) {
      const next: string[] = [];
      let broken = false;
      for (const { ref } of edgesOf(node)) {
        const target = resolveRef(flow.id, ref);
        if (flows.get(target.flow)?.nodes[target.node]) next.push(`${target.flow}#${target.node}`);
        else broken = true;
      }
      vertices.set(`${flow.id}#${id}`, {
        key: `${flow.id}#${id}`,
        flow: flow.id,
        node: id,
        exit: isExit(node),
        route: node.kind === "route",
        // A staff PIN is for staff calling from their phone, not a citizen's way to a person.
        asks: node.kind === "menu" || node.kind === "lookup" || (node.kind === "input" && node.lookup !== "staff_presence_pin"),
        waits: node.kind === "menu" || node.kind === "input" || node.kind === "lookup" || node.kind === "survey",
        broken,
        next,
      });
    }
  }
  return vertices;
}

function reverse(vertices: ReadonlyMap<string, Vertex>): Map<string, string[]> {
  const previous = new Map<string, string[]>();
  for (const v of vertices.values()) {
    for (const to of v.next) previous.set(to, [...(previous.get(to) ?? []), v.key]);
  }
  return previous;
}

function walk(from: string[], step: (v: Vertex) => string[], vertices: ReadonlyMap<string, Vertex>): Set<string> {
  const seen = new Set(from);
  const queue = [...from];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    const v = vertices.get(key);
    for (const next of v ? step(v) : []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/** Tarjan's algorithm, iterative; each component's members in declaration order. */
function stronglyConnected(vertices: ReadonlyMap<string, Vertex>): string[][] {
  const order = [...vertices.keys()];
  const rank = new Map(order.map((key, i) => [key, i]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of order) {
    if (index.has(root)) continue;
    const frames: { key: string; edge: number }[] = [{ key: root, edge: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { key: string; edge: number };
      const next = vertices.get(frame.key)?.next ?? [];
      if (frame.edge < next.length) {
        const to = next[frame.edge++] as string;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          frames.push({ key: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.key, Math.min(low.get(frame.key) as number, index.get(to) as number));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.key, Math.min(low.get(parent.key) as number, low.get(frame.key) as number));
      if (low.get(frame.key) === index.get(frame.key)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.key);
        components.push(component.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0)));
      }
    }
  }
  return components;
}
