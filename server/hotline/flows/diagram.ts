// A published bundle as boxes and arrows for the console: every node of every flow, every edge that
// edgesOf reports (plus a menu's "repeat" keys as loops), labelled the way callers experience them,
// and a layer per node (its distance from the start of the entry flow) for a top-down layout.
import { type Bundle, edgesOf, type Flow, type FlowNode, type NodeKind, resolveRef, routeQueues } from "../ivr/flow.js";

export interface DiagramNode {
  /** "flow#node". */
  id: string;
  flow: string;
  node: string;
  kind: NodeKind;
  label: string;
  /** Steps from the entry's start node; unreachable nodes come after the last reachable layer. */
  layer: number;
  start: boolean;
}

export interface DiagramEdge {
  from: string;
  to: string;
  /** The field of the node it comes from: a key ("1", "*"), or onFailure, open, closed, answered… */
  key: string;
  label: string;
}

export interface Diagram {
  entry: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

const FIELD_LABELS: Record<string, string> = {
  onFailure: "không bấm",
  found: "đúng mã",
  open: "trong giờ",
  closed: "ngoài giờ",
  answered: "có người nghe",
  unanswered: "không ai nghe",
  next: "tiếp",
  target: "chuyển",
};

function edgeKey(field: string): string {
  const option = /^options\.(.+)\.next$/.exec(field);
  return option?.[1] ?? field;
}

function edgeLabel(node: FlowNode, key: string): string {
  if (node.kind === "menu" && key in node.options) return key;
  if ((node.kind === "input" || node.kind === "lookup") && key === "onFailure") return "sai mã";
  return FIELD_LABELS[key] ?? key;
}

function nodeLabel(id: string, node: FlowNode, flow: Flow): string {
  const topics = flow.topics ?? {};
  switch (node.kind) {
    case "route":
      // A route that may hold callers in the agency's queue says so: the wait is part of the box.
      return `${id}: ${node.agency}${node.topic ? ` (${topics[node.topic] ?? node.topic})` : ""}${routeQueues(flow, node) ? ", hàng chờ" : ""}`;
    case "hours":
    case "voicemail":
      return "agency" in node && node.agency ? `${id}: ${node.agency}` : id;
    case "goto":
      return `${id} → ${node.target}`;
    default:
      return id;
  }
}

export function diagramOf(bundle: Bundle): Diagram {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  for (const flow of Object.values(bundle.flows)) {
    for (const [id, node] of Object.entries(flow.nodes)) {
      const from = `${flow.id}#${id}`;
      nodes.push({
        id: from,
        flow: flow.id,
        node: id,
        kind: node.kind,
        label: nodeLabel(id, node, flow),
        layer: 0,
        start: flow.id === bundle.entry && id === flow.start,
      });
      for (const { field, ref } of edgesOf(node)) {
        const target = resolveRef(flow.id, ref);
        const key = edgeKey(field);
        edges.push({ from, to: `${target.flow}#${target.node}`, key, label: edgeLabel(node, key) });
      }
      if (node.kind === "menu") {
        for (const [key, option] of Object.entries(node.options)) {
          if (option.repeat) edges.push({ from, to: from, key, label: `${key}: nghe lại` });
        }
      }
    }
  }
  assignLayers(bundle, nodes, edges);
  return { entry: bundle.entry, nodes, edges };
}

/** Breadth-first from the entry's start; what no path reaches goes one layer below the deepest. */
function assignLayers(bundle: Bundle, nodes: DiagramNode[], edges: DiagramEdge[]): void {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const entry = bundle.flows[bundle.entry];
  const start = entry ? `${entry.id}#${entry.start}` : undefined;
  const depth = new Map<string, number>();
  if (start && byId.has(start)) {
    depth.set(start, 0);
    const queue = [start];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      for (const to of next.get(id) ?? []) {
        if (depth.has(to) || !byId.has(to)) continue;
        depth.set(to, (depth.get(id) ?? 0) + 1);
        queue.push(to);
      }
    }
  }
  const deepest = Math.max(-1, ...depth.values());
  for (const node of nodes) node.layer = depth.get(node.id) ?? deepest + 1;
}
