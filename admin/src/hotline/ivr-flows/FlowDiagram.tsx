// The flow as boxes and arrows, drawn from /diagram: one row per layer (steps from the start), edges
// going down drawn straight, edges going back up or sideways curved to the left. Plain SVG.
import { Alert, Box, CircularProgress, Typography } from "@mui/material";
import { useEffect, useMemo, useState } from "react";
import { useTranslate } from "react-admin";
import type { Diagram, DiagramNode } from "../../../../server/contract/hotline/ivr-flows";
import { fetchDiagram } from "./api";

const BOX_W = 180;
const BOX_H = 46;
const GAP_X = 26;
const GAP_Y = 70;
const MARGIN = 40;

const COLOURS: Record<string, string> = {
  say: "#e3f2fd",
  menu: "#fff3e0",
  input: "#fff8e1",
  lookup: "#f1f8e9",
  hours: "#f3e5f5",
  route: "#e8f5e9",
  voicemail: "#fce4ec",
  survey: "#e0f7fa",
  goto: "#eceff1",
  hangup: "#efebe9",
};

interface Placed extends DiagramNode {
  x: number;
  y: number;
}

function layout(diagram: Diagram): { nodes: Map<string, Placed>; width: number; height: number } {
  const layers = new Map<number, DiagramNode[]>();
  for (const node of diagram.nodes) layers.set(node.layer, [...(layers.get(node.layer) ?? []), node]);
  const widest = Math.max(1, ...[...layers.values()].map((row) => row.length));
  const width = MARGIN * 2 + widest * BOX_W + (widest - 1) * GAP_X;
  const placed = new Map<string, Placed>();
  const order = [...layers.keys()].sort((a, b) => a - b);
  order.forEach((layer, row) => {
    const nodes = layers.get(layer) ?? [];
    const rowWidth = nodes.length * BOX_W + (nodes.length - 1) * GAP_X;
    const left = (width - rowWidth) / 2;
    nodes.forEach((node, i) => {
      placed.set(node.id, { ...node, x: left + i * (BOX_W + GAP_X), y: MARGIN + row * (BOX_H + GAP_Y) });
    });
  });
  return { nodes: placed, width, height: MARGIN * 2 + order.length * (BOX_H + GAP_Y) - GAP_Y };
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const FlowDiagram = ({ versionId }: { versionId: number | string }) => {
  const translate = useTranslate();
  const [diagram, setDiagram] = useState<Diagram | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    fetchDiagram(versionId)
      .then((d) => live && setDiagram(d))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [versionId]);

  const drawn = useMemo(() => (diagram ? layout(diagram) : null), [diagram]);
  if (failed) return <Alert severity="warning">{translate("tthc.flows.diagram_error")}</Alert>;
  if (!diagram || !drawn) return <CircularProgress size={24} />;

  return (
    <Box>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {translate("tthc.flows.diagram_hint")}
      </Typography>
      <Box sx={{ overflow: "auto", border: 1, borderColor: "divider", borderRadius: 1, maxHeight: 720 }}>
        <svg
          width={drawn.width}
          height={drawn.height}
          viewBox={`0 0 ${drawn.width} ${drawn.height}`}
          role="img"
          aria-label={translate("tthc.flows.diagram")}
          style={{ fontFamily: "Roboto, sans-serif" }}
        >
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#607d8b" />
            </marker>
          </defs>
          {diagram.edges.map((edge, i) => {
            const from = drawn.nodes.get(edge.from);
            const to = drawn.nodes.get(edge.to);
            if (!from || !to) return null;
            let path: string;
            let lx: number;
            let ly: number;
            if (from.id === to.id) {
              const x = from.x + BOX_W;
              const y = from.y + BOX_H / 2;
              path = `M ${x} ${y - 10} C ${x + 40} ${y - 30}, ${x + 40} ${y + 30}, ${x} ${y + 10}`;
              lx = x + 34;
              ly = y + 4;
            } else if (to.y > from.y) {
              const x1 = from.x + BOX_W / 2;
              const y1 = from.y + BOX_H;
              const x2 = to.x + BOX_W / 2;
              const y2 = to.y;
              path = `M ${x1} ${y1} C ${x1} ${y1 + GAP_Y / 2}, ${x2} ${y2 - GAP_Y / 2}, ${x2} ${y2}`;
              lx = x1 + (x2 - x1) * 0.25;
              ly = y1 + GAP_Y * 0.3;
            } else {
              // Back or sideways: leave on the left, come in on the left.
              const x1 = from.x;
              const y1 = from.y + BOX_H / 2;
              const x2 = to.x;
              const y2 = to.y + BOX_H / 2;
              const bend = Math.min(x1, x2) - 30 - (i % 4) * 6;
              path = `M ${x1} ${y1} C ${bend} ${y1}, ${bend} ${y2}, ${x2} ${y2}`;
              lx = bend + 4;
              ly = (y1 + y2) / 2;
            }
            return (
              <g key={`${edge.from}-${edge.key}-${edge.to}`}>
                <path d={path} fill="none" stroke="#90a4ae" strokeWidth={1.2} markerEnd="url(#arrow)" />
                <text x={lx} y={ly} fontSize={10} fill="#37474f" paintOrder="stroke" stroke="#fff" strokeWidth={3}>
                  {edge.label}
                </text>
              </g>
            );
          })}
          {[...drawn.nodes.values()].map((node) => (
            <g key={node.id} transform={`translate(${node.x}, ${node.y})`} data-node={node.id}>
              <title>{`${node.id} (${translate(`tthc.flows.kinds.${node.kind}`, { _: node.kind })})`}</title>
              <rect
                width={BOX_W}
                height={BOX_H}
                rx={6}
                fill={COLOURS[node.kind] ?? "#fafafa"}
                stroke={node.start ? "#1565c0" : "#90a4ae"}
                strokeWidth={node.start ? 2.5 : 1}
              />
              <text x={8} y={16} fontSize={10} fill="#546e7a">
                {translate(`tthc.flows.kinds.${node.kind}`, { _: node.kind })}
                {node.flow !== diagram.entry ? ` · ${node.flow}` : ""}
              </text>
              <text x={8} y={34} fontSize={12} fill="#263238">
                {truncate(node.label, 26)}
              </text>
            </g>
          ))}
        </svg>
      </Box>
    </Box>
  );
};
