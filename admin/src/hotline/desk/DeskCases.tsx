// The desk's cases (GET /api/desk/lists): "Phiếu của tôi", the open cases assigned to me, due first;
// and for supervisors and administrators "Phiếu quá hạn", the overdue cases escalated to them, with
// their count. Each row opens the case's page; its state and due date are the cases list's own fields.
import { Box, List, ListItem, ListItemText, Stack, Typography } from "@mui/material";
import { RecordContextProvider, useTranslate } from "react-admin";
import type { DeskLists } from "../../../../server/contract/hotline/desk";
import { DueDateField, StateChip } from "../cases/StateChip";

type DeskCase = DeskLists["myCases"][number];

const CaseRows = ({ cases, testId }: { cases: DeskCase[]; testId: string }) => {
  const translate = useTranslate();
  return (
    <List dense disablePadding>
      {cases.map((kase) => (
        <RecordContextProvider key={kase.id} value={kase}>
          <ListItem
            disableGutters
            component="a"
            href={`#/cases/${kase.id}/show`}
            data-testid={testId}
            sx={kase.overdue ? { bgcolor: "rgba(198, 40, 40, 0.06)" } : undefined}
          >
            <ListItemText
              disableTypography
              primary={
                <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
                  <Typography component="span" sx={{ fontWeight: 600 }}>
                    {kase.code}
                  </Typography>
                  <Typography component="span" color="text.secondary">
                    {translate(`tthc.cases.kinds.${kase.kind}`)}
                  </Typography>
                  <StateChip source="state" />
                </Stack>
              }
              secondary={
                <Box sx={{ typography: "body2", color: "text.secondary" }}>
                  <DueDateField source="dueDate" />
                  <div>{[kase.topic, kase.agencyName].filter(Boolean).join(" · ")}</div>
                </Box>
              }
            />
          </ListItem>
        </RecordContextProvider>
      ))}
    </List>
  );
};

export const MyCases = ({ cases }: { cases: DeskCase[] }) => {
  const translate = useTranslate();
  return cases.length === 0 ? (
    <Typography color="text.secondary">{translate("tthc.desk.no_cases")}</Typography>
  ) : (
    <CaseRows cases={cases} testId="desk-my-case" />
  );
};

export const EscalatedCases = ({ escalated }: { escalated: NonNullable<DeskLists["escalatedCases"]> }) => {
  const translate = useTranslate();
  if (escalated.count === 0) return <Typography color="text.secondary">{translate("tthc.desk.no_escalated_cases")}</Typography>;
  return (
    <Stack spacing={1}>
      <Typography color="error" sx={{ fontWeight: 600 }} data-testid="desk-escalated-count">
        {translate("tthc.desk.escalated_count", { count: escalated.count })}
      </Typography>
      <CaseRows cases={escalated.cases} testId="desk-escalated-case" />
      {escalated.count > escalated.cases.length && (
        <Typography component="a" href={`#/cases?filter=${encodeURIComponent(JSON.stringify({ escalated: true }))}`} variant="body2">
          {translate("tthc.desk.all_escalated")}
        </Typography>
      )}
    </Stack>
  );
};
