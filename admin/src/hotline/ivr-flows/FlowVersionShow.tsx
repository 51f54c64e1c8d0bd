import { Alert, Box, Card, CardContent, Typography } from "@mui/material";
import { NumberField, Show, TabbedShowLayout, TextField, TopToolbar, useCanAccess, useRecordContext, useTranslate } from "react-admin";
import type { FlowVersionDetail } from "../../../../server/contract/hotline/ivr-flows";
import { DateTimeField } from "../../common/DateTimeField";
import { ActivateButton } from "./ActivateButton";
import { ActiveChip } from "./ActiveChip";
import { FlowDiagram } from "./FlowDiagram";
import { ProblemList } from "./ProblemList";

const Actions = () => {
  const { canAccess } = useCanAccess({ resource: "ivr-flow-versions", action: "activate" });
  return <TopToolbar>{canAccess && <ActivateButton />}</TopToolbar>;
};

const ValidationReport = () => {
  const record = useRecordContext<FlowVersionDetail>();
  const translate = useTranslate();
  if (!record?.validation) return null;
  const { summary, validation } = record;
  return (
    <Box sx={{ display: "grid", gap: 1 }}>
      <Typography variant="subtitle2">{translate("tthc.flows.validation")}</Typography>
      <Typography variant="body2">
        {translate("tthc.flows.summary", {
          flows: summary.flows.length,
          nodes: summary.nodeCount,
          topics: summary.topicCount,
          entry: summary.entry,
        })}
      </Typography>
      {validation.ok ? (
        <Alert severity="success">{translate("tthc.flows.valid")}</Alert>
      ) : (
        <Alert severity="error">
          {translate("tthc.flows.invalid", { count: validation.problems.length })}
          <ProblemList problems={validation.problems} />
        </Alert>
      )}
    </Box>
  );
};

const Files = () => {
  const record = useRecordContext<FlowVersionDetail>();
  const translate = useTranslate();
  if (!record?.files) return null;
  return (
    <Box sx={{ display: "grid", gap: 2 }}>
      <Typography variant="subtitle2">{translate("tthc.flows.files")}</Typography>
      {record.files.map((file) => (
        <Card key={file.file} variant="outlined">
          <CardContent>
            <Typography variant="subtitle2" sx={{ fontFamily: "monospace" }} gutterBottom>
              {file.file}
            </Typography>
            <Box
              component="pre"
              aria-label={file.file}
              sx={{ m: 0, p: 1, bgcolor: "grey.50", overflow: "auto", maxHeight: 600, fontSize: 12, lineHeight: 1.5 }}
            >
              {file.text}
            </Box>
          </CardContent>
        </Card>
      ))}
    </Box>
  );
};

const Diagram = () => {
  const record = useRecordContext<FlowVersionDetail>();
  return record ? <FlowDiagram versionId={record.id} /> : null;
};

export const FlowVersionShow = () => (
  <Show actions={<Actions />}>
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="tthc.flows.validation">
        <NumberField source="version" />
        <ActiveChip source="active" />
        <TextField source="note" emptyText="—" />
        <TextField source="publishedBy" emptyText="—" />
        <DateTimeField source="publishedAt" />
        <NumberField source="callCount" />
        <TextField source="checksum" sx={{ fontFamily: "monospace", fontSize: 12 }} />
        <ValidationReport />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="tthc.flows.diagram" path="diagram">
        <Diagram />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="tthc.flows.files" path="files">
        <Files />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
