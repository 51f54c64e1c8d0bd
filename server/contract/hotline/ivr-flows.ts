// /api/ivr-flow-versions: the published IVR versions, their validation and their diagram.
import Type from "typebox";
import { DateTime, Nullable, type WireOf } from "../schema.js";

/** What is wrong with a flow file, for people editing it. */
export const Problem = Type.Object({
  file: Type.String(),
  /** The node concerned, in the flow of `file`. */
  node: Type.Optional(Type.String()),
  message: Type.String(),
});
export type Problem = WireOf<typeof Problem>;

export const Validation = Type.Object({ ok: Type.Boolean(), problems: Type.Array(Problem) });
export type Validation = WireOf<typeof Validation>;

export const FlowVersion = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  entry: Type.String(),
  checksum: Type.String(),
  note: Nullable(Type.String()),
  publishedById: Nullable(Type.Integer()),
  publishedBy: Nullable(Type.String()),
  publishedAt: DateTime,
  active: Type.Boolean(),
  callCount: Type.Integer(),
});
export type FlowVersion = WireOf<typeof FlowVersion>;

/** One version with its files, a summary of its flows and whether it is valid. */
export const FlowVersionDetail = Type.Intersect([
  FlowVersion,
  Type.Object({
    files: Type.Array(Type.Object({ file: Type.String(), text: Type.String() })),
    summary: Type.Object({
      entry: Type.String(),
      flows: Type.Array(
        Type.Object({ id: Type.String(), name: Type.String(), languages: Type.Array(Type.String()), nodes: Type.Integer() }),
      ),
      nodeCount: Type.Integer(),
      topicCount: Type.Integer(),
    }),
    validation: Validation,
  }),
]);
export type FlowVersionDetail = WireOf<typeof FlowVersionDetail>;

export const DiagramNode = Type.Object({
  /** "flow#node". */
  id: Type.String(),
  flow: Type.String(),
  node: Type.String(),
  kind: Type.String(),
  label: Type.String(),
  /** Steps from the entry's start node; unreachable nodes come after the last reachable layer. */
  layer: Type.Integer(),
  start: Type.Boolean(),
});
export type DiagramNode = WireOf<typeof DiagramNode>;

export const DiagramEdge = Type.Object({
  from: Type.String(),
  to: Type.String(),
  /** The field of the node it comes from: a key ("1", "*"), or onFailure, open, closed, answered… */
  key: Type.String(),
  label: Type.String(),
});
export type DiagramEdge = WireOf<typeof DiagramEdge>;

/** A version's flows as a graph the console draws. */
export const Diagram = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  entry: Type.String(),
  nodes: Type.Array(DiagramNode),
  edges: Type.Array(DiagramEdge),
});
export type Diagram = WireOf<typeof Diagram>;
