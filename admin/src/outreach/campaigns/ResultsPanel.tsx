import DownloadIcon from "@mui/icons-material/Download";
import { Box, Button, Card, CardContent, MenuItem, TextField as MuiTextField, Stack, Typography } from "@mui/material";
import { useEffect } from "react";
import {
  Datagrid,
  FunctionField,
  type Identifier,
  ListBase,
  NumberField,
  Pagination,
  TextField,
  useListContext,
  useTranslate,
} from "react-admin";
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { RECIPIENT_STATUSES, type RecipientStatus } from "../../../../server/contract/enums";
import type { Counts, Recipient } from "../../../../server/contract/outreach/campaigns";
import { DateTimeField } from "../../common/DateTimeField";
import { TranslatedChip } from "../../common/TranslatedChip";
import { recipientsResource, resultsCsvUrl } from "./api";
import { LinksPanel, useLinkStats } from "./LinksPanel";

const COLORS: Record<RecipientStatus, string> = {
  pending: "#bdbdbd",
  sending: "#90caf9",
  sent: "#1976d2",
  delivered: "#2e7d32",
  failed: "#d32f2f",
  skipped: "#ed6c02",
};

const Charts = ({ counts }: { counts: Counts }) => {
  const translate = useTranslate();
  const byStatus = RECIPIENT_STATUSES.filter((status) => counts[status] > 0).map((status) => ({
    status,
    name: translate(`tthc.campaigns.recipient_statuses.${status}`),
    value: counts[status],
  }));
  const byReason = Object.entries(counts.skippedByReason ?? {})
    .filter(([, value]) => value > 0)
    .map(([reason, value]) => ({ name: translate(`tthc.campaigns.skip_reasons.${reason}`, { _: reason }), value }));
  if (byStatus.length === 0) return <Typography color="text.secondary">{translate("tthc.campaigns.results.no_data")}</Typography>;
  return (
    <Stack direction={{ xs: "column", md: "row" }} spacing={2}>
      <Box sx={{ flex: 1, minWidth: 280 }}>
        <Typography variant="subtitle1" component="h3">
          {translate("tthc.campaigns.results.by_status")}
        </Typography>
        <Box data-testid="campaign-results-chart" sx={{ width: "100%", height: 280 }}>
          <ResponsiveContainer width="100%" height="100%">
            <PieChart>
              <Pie data={byStatus} dataKey="value" nameKey="name" innerRadius={50} outerRadius={100} isAnimationActive={false} label>
                {byStatus.map((entry) => (
                  <Cell key={entry.status} fill={COLORS[entry.status]} />
                ))}
              </Pie>
              <Tooltip />
              <Legend />
            </PieChart>
          </ResponsiveContainer>
        </Box>
      </Box>
      {byReason.length > 0 && (
        <Box sx={{ flex: 1, minWidth: 280 }}>
          <Typography variant="subtitle1" component="h3">
            {translate("tthc.campaigns.results.by_reason")}
          </Typography>
          <Box data-testid="campaign-skipped-chart" sx={{ width: "100%", height: Math.max(160, byReason.length * 40 + 60) }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={byReason} layout="vertical" margin={{ left: 16, right: 32 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="name" width={180} tick={{ fontSize: 12 }} />
                <Tooltip />
                <Bar
                  dataKey="value"
                  name={translate("tthc.campaigns.recipient_statuses.skipped")}
                  fill={COLORS.skipped}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </Box>
        </Box>
      )}
    </Stack>
  );
};

/** Refetches the page of recipients when the counts move. */
const Refetch = ({ version }: { version: number }) => {
  const { refetch } = useListContext();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the trigger
  useEffect(() => {
    void refetch();
  }, [version]);
  return null;
};

const StatusFilter = () => {
  const translate = useTranslate();
  const { filterValues, setFilters } = useListContext();
  const value = typeof filterValues.status === "string" ? filterValues.status : "";
  return (
    <MuiTextField
      select
      size="small"
      label={translate("tthc.campaigns.recipient.status")}
      value={value}
      onChange={(event) => setFilters(event.target.value ? { status: event.target.value } : {}, {})}
      sx={{ width: 220 }}
    >
      <MenuItem value="">{translate("tthc.campaigns.results.all")}</MenuItem>
      {RECIPIENT_STATUSES.map((status) => (
        <MenuItem key={status} value={status}>
          {translate(`tthc.campaigns.recipient_statuses.${status}`)}
        </MenuItem>
      ))}
    </MuiTextField>
  );
};

/** `linkClicks`: recipients have their own link codes (TRACKED_LINK_PER_RECIPIENT), so their opens are shown. */
const Recipients = ({ id, version, linkClicks }: { id: Identifier; version: number; linkClicks: boolean }) => {
  const translate = useTranslate();
  return (
    // The recipients are a sub-resource of the campaign, whose own access the show page already checked.
    <ListBase
      resource={recipientsResource(id)}
      perPage={10}
      sort={{ field: "id", order: "ASC" }}
      disableSyncWithLocation
      disableAuthentication
    >
      <Refetch version={version} />
      <Stack direction="row" spacing={2} sx={{ alignItems: "center", my: 1 }}>
        <Typography variant="subtitle1" component="h3" noWrap>
          {translate("tthc.campaigns.results.recipients")}
        </Typography>
        <StatusFilter />
      </Stack>
      <Datagrid
        bulkActionButtons={false}
        rowClick={false}
        empty={<Typography color="text.secondary">{translate("tthc.campaigns.results.no_recipients")}</Typography>}
        aria-label={translate("tthc.campaigns.results.recipients")}
      >
        <TextField source="phone" label="tthc.campaigns.recipient.phone" sortable={false} />
        <TranslatedChip
          source="status"
          prefix="tthc.campaigns.recipient_statuses"
          label="tthc.campaigns.recipient.status"
          sortable={false}
        />
        <FunctionField<Recipient>
          label="tthc.campaigns.recipient.reason"
          render={(r) =>
            r.skipReason ? translate(`tthc.campaigns.skip_reasons.${r.skipReason}`, { _: r.skipReason }) : (r.lastError ?? "—")
          }
        />
        <TextField source="channel" label="tthc.campaigns.recipient.channel" sortable={false} emptyText="—" />
        <NumberField source="attempts" label="tthc.campaigns.recipient.attempts" sortable={false} />
        <DateTimeField source="sentAt" label="tthc.campaigns.recipient.sentAt" sortable={false} emptyText="—" />
        <DateTimeField source="deliveredAt" label="tthc.campaigns.recipient.deliveredAt" sortable={false} emptyText="—" />
        {linkClicks && <NumberField source="linkClicks" label="tthc.campaigns.recipient.linkClicks" sortable={false} />}
      </Datagrid>
      <Pagination rowsPerPageOptions={[10, 25, 50]} />
    </ListBase>
  );
};

/** Charts by status and skip reason, the recipients table and the CSV export. */
export const ResultsPanel = ({ id, counts, version }: { id: Identifier; counts: Counts; version: number }) => {
  const translate = useTranslate();
  const links = useLinkStats(id, version);
  return (
    <Card variant="outlined" sx={{ mt: 2 }} component="section" aria-label={translate("tthc.campaigns.results.title")}>
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: "center", justifyContent: "space-between", mb: 1 }}>
          <Typography variant="h6" component="h2">
            {translate("tthc.campaigns.results.title")}
          </Typography>
          <Button variant="outlined" startIcon={<DownloadIcon />} href={resultsCsvUrl(id)} download>
            {translate("tthc.campaigns.results.export")}
          </Button>
        </Stack>
        <Charts counts={counts} />
        <LinksPanel stats={links} />
        <Recipients id={id} version={version} linkClicks={links?.perRecipient ?? false} />
      </CardContent>
    </Card>
  );
};
