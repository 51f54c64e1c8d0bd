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

/** The reasons a number is left out, in the order the review lists them; the results name them alike. */
const SKIP_ORDER = ["suppressed", "dnc", "refused", "no_consent", "invalid_number", "not_mobile", "invalid_brandname"];

/** Who is left out and why, largest causes first in SKIP_ORDER; reasons that leave nobody out are not listed. */
function skippedRows(estimate: Estimate): [string, number][] {
  const known = SKIP_ORDER.filter((reason) => (estimate.skippedByReason[reason] ?? 0) > 0);
  const others = Object.keys(estimate.skippedByReason).filter((reason) => !SKIP_ORDER.includes(reason));
  return [...known, ...others].map((reason) => [reason, estimate.skippedByReason[reason] ?? 0]);
}

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
              primary={translate(`tthc.campaigns.rules.${item.rule}`, { _: item.message })}
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
          <TableRow>
            <TableCell>{t("audience")}</TableCell>
            <TableCell align="right">{formatNumber(estimate.audience)}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell colSpan={2} sx={{ color: "text.secondary" }}>
              {t("left_out")}
            </TableCell>
          </TableRow>
          <TableRow data-reason="duplicate">
            <TableCell sx={{ pl: 4 }}>{t("duplicates")}</TableCell>
            <TableCell align="right">{formatNumber(estimate.duplicates)}</TableCell>
          </TableRow>
          {skippedRows(estimate).map(([reason, count]) => (
            <TableRow key={reason} data-reason={reason}>
              <TableCell sx={{ pl: 4 }}>{translate(`tthc.campaigns.skip_reasons.${reason}`, { _: reason })}</TableCell>
              <TableCell align="right">{formatNumber(count)}</TableCell>
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
