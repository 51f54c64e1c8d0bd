import CancelIcon from "@mui/icons-material/Cancel";
import CheckCircleIcon from "@mui/icons-material/CheckCircle";
import {
  Alert,
  Box,
  Card,
  CardContent,
  LinearProgress,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from "@mui/material";
import { useEffect, useState } from "react";
import { type Identifier, useLocaleState, useTranslate } from "react-admin";
import type { ComplianceItem, Estimate } from "../../../../server/contract/outreach/campaigns";
import { formatNumber } from "../../hotline/calls/format";
import { fetchEstimate } from "./api";
import { formatVnd } from "./format";

/** GET /estimate, again whenever `version` changes (e.g. the draft's updatedAt after a save). */
export function useEstimate(id: Identifier | undefined, version: unknown) {
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` only triggers a new count
  useEffect(() => {
    if (id == null) return;
    let current = true;
    setLoading(true);
    fetchEstimate(id)
      .then((data) => {
        if (!current) return;
        setEstimate(data);
        setError(null);
      })
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : "ra.notification.http_error"))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [id, version]);
  return { estimate, error, loading };
}

const ROWS: { key: keyof Estimate; label: string; minus?: boolean }[] = [
  { key: "audience", label: "audience" },
  { key: "duplicates", label: "duplicates", minus: true },
  { key: "suppressed", label: "suppressed", minus: true },
  { key: "dnc", label: "dnc", minus: true },
  { key: "noConsent", label: "no_consent", minus: true },
];

/** Checks that only describe what the worker will do (skip those numbers, wait for the window). */
const ADVISORY_RULES: readonly string[] = ["window", "valid_numbers", "dnc", "daily_cap"];

/** Whether a failing check must be fixed before the campaign goes for approval. */
export const blocksSubmission = (items: ComplianceItem[]) => items.some((item) => !item.ok && !ADVISORY_RULES.includes(item.rule));

export const ComplianceList = ({ items }: { items: ComplianceItem[] }) => {
  const translate = useTranslate();
  // The server explains each check in English; Vietnamese readers get the translated rule, and why it
  // failed where the rule alone does not say what to do.
  const [locale] = useLocaleState();
  return (
    <Box component="section" aria-label={translate("tthc.campaigns.compliance.title")} data-testid="campaign-compliance">
      <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
        {translate("tthc.campaigns.compliance.title")}
      </Typography>
      <List dense disablePadding>
        {items.map((item) => (
          <ListItem key={item.rule} disableGutters data-ok={item.ok}>
            <ListItemIcon sx={{ minWidth: 32 }}>
              {item.ok ? (
                <CheckCircleIcon color="success" titleAccess={translate("tthc.campaigns.compliance.passed")} />
              ) : (
                <CancelIcon color="error" titleAccess={translate("tthc.campaigns.compliance.failed")} />
              )}
            </ListItemIcon>
            <ListItemText
              primary={`${item.ok ? "✓" : "✗"} ${translate(`tthc.campaigns.rules.${item.rule}`, { _: item.message })}`}
              secondary={
                locale === "en"
                  ? item.message
                  : item.ok
                    ? undefined
                    : translate(`tthc.campaigns.rules_failed.${item.rule}`, { _: "" }) || undefined
              }
            />
          </ListItem>
        ))}
      </List>
      {blocksSubmission(items) ? (
        <Alert severity="error">{translate("tthc.campaigns.compliance.blocking")}</Alert>
      ) : (
        items.some((item) => !item.ok) && <Alert severity="warning">{translate("tthc.campaigns.compliance.advisory")}</Alert>
      )}
    </Box>
  );
};

export const EstimateView = ({ estimate }: { estimate: Estimate }) => {
  const translate = useTranslate();
  const t = (key: string) => translate(`tthc.campaigns.estimate.${key}`);
  return (
    <>
      <Table size="small" aria-label={t("title")} data-testid="campaign-estimate" sx={{ maxWidth: 520 }}>
        <TableBody>
          {ROWS.map((row) => (
            <TableRow key={row.key}>
              <TableCell>{t(row.label)}</TableCell>
              <TableCell align="right">
                {row.minus && (estimate[row.key] as number) > 0 ? "−" : ""}
                {formatNumber(estimate[row.key] as number)}
              </TableCell>
            </TableRow>
          ))}
          <TableRow sx={{ "& td": { fontWeight: "bold" } }}>
            <TableCell>{t("sendable")}</TableCell>
            <TableCell align="right" data-testid="campaign-sendable">
              {formatNumber(estimate.sendable)}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell>{t("encoding")}</TableCell>
            <TableCell align="right">{estimate.encoding}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell>{t("segments")}</TableCell>
            <TableCell align="right">{formatNumber(estimate.segments)}</TableCell>
          </TableRow>
          <TableRow sx={{ "& td": { fontWeight: "bold" } }}>
            <TableCell>{t("cost")}</TableCell>
            <TableCell align="right" data-testid="campaign-cost">
              {formatVnd(estimate.costVnd)}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
      <ComplianceList items={estimate.compliance} />
    </>
  );
};

/** The audience after suppression and de-duplication, the cost and the compliance check of a saved campaign. */
export const EstimatePanel = ({ state }: { state: ReturnType<typeof useEstimate> }) => {
  const translate = useTranslate();
  const { estimate, error, loading } = state;
  return (
    <Card variant="outlined" sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate("tthc.campaigns.estimate.title")}
        </Typography>
        {loading && <LinearProgress aria-label={translate("tthc.campaigns.estimate.loading")} />}
        {error && <Alert severity="error">{translate(error, { _: error })}</Alert>}
        {estimate && <EstimateView estimate={estimate} />}
      </CardContent>
    </Card>
  );
};
