// What the campaign's tracked links led to: clicks (people's, bots and repeats counted apart), the
// click-through against delivered messages, and both over time. Clicks keep coming after the last
// message went out, so the panel polls on its own.
import { Alert, Box, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import { type Identifier, useTranslate } from "react-admin";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LinkStats } from "../../../../server/contract/outreach/links";
import { fetchLinkStats } from "./api";

const POLL_MS = 5000;

export function useLinkStats(id: Identifier, version: number): LinkStats | null {
  const [stats, setStats] = useState<LinkStats | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is a trigger (new deliveries)
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const data = await fetchLinkStats(id);
        if (!stopped) setStats(data);
      } catch {
        // Retried on the next tick.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, version]);
  return stats;
}

const Figure = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <Box>
    <Typography variant="caption" color="text.secondary">
      {label}
    </Typography>
    <Typography variant="h5" data-testid={testId}>
      {value}
    </Typography>
  </Box>
);

/** The panel of the results; `stats` from useLinkStats, polled by the results panel. */
export const LinksPanel = ({ stats }: { stats: LinkStats | null }) => {
  const translate = useTranslate();
  if (!stats) return null;
  const percent =
    stats.clickThrough === null ? "—" : `${(stats.clickThrough * 100).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} %`;
  return (
    <Box component="section" aria-label={translate("tthc.campaigns.links.title")} sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h3">
        {translate("tthc.campaigns.links.title")}
      </Typography>
      {stats.links.length === 0 ? (
        <Typography color="text.secondary">{translate("tthc.campaigns.links.none")}</Typography>
      ) : (
        <>
          <Stack direction="row" spacing={4} sx={{ my: 1 }}>
            <Figure label={translate("tthc.campaigns.links.clicks")} value={String(stats.totals.clicks)} testId="link-clicks" />
            <Figure label={translate("tthc.campaigns.links.delivered")} value={String(stats.delivered)} testId="link-delivered" />
            <Figure label={translate("tthc.campaigns.links.click_through")} value={percent} testId="link-click-through" />
            {stats.perRecipient && (
              <Figure
                label={translate("tthc.campaigns.links.recipients_clicked")}
                value={String(stats.recipientsClicked)}
                testId="link-recipients-clicked"
              />
            )}
          </Stack>
          <Typography variant="body2" color="text.secondary">
            {translate("tthc.campaigns.links.filtered", stats.totals)}
          </Typography>
          {stats.series.length > 0 && (
            <>
              <Typography variant="body2" sx={{ mt: 2 }}>
                {translate("tthc.campaigns.links.over_time")}
              </Typography>
              <Box data-testid="campaign-clicks-chart" sx={{ width: "100%", height: 260 }}>
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={stats.series} margin={{ left: 8, right: 16 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="at" tick={{ fontSize: 12 }} />
                    <YAxis allowDecimals={false} />
                    <Tooltip />
                    <Legend />
                    <Bar dataKey="delivered" name={translate("tthc.campaigns.links.delivered")} fill="#a5d6a7" isAnimationActive={false} />
                    <Bar dataKey="clicks" name={translate("tthc.campaigns.links.clicks")} fill="#1976d2" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </Box>
            </>
          )}
          <Table size="small" sx={{ mt: 1 }} aria-label={translate("tthc.campaigns.links.title")}>
            <TableHead>
              <TableRow>
                <TableCell>{translate("tthc.campaigns.links.short_url")}</TableCell>
                <TableCell>{translate("tthc.campaigns.links.url")}</TableCell>
                <TableCell align="right">{translate("tthc.campaigns.links.clicks")}</TableCell>
                <TableCell>{translate("tthc.campaigns.links.expires_at")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {stats.links.map((link) => (
                <TableRow key={link.code}>
                  <TableCell>{link.shortUrl}</TableCell>
                  <TableCell sx={{ wordBreak: "break-all" }}>{link.url}</TableCell>
                  <TableCell align="right">{link.clicks}</TableCell>
                  <TableCell>{new Date(link.expiresAt).toLocaleDateString("vi-VN")}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
      <Alert severity={stats.perRecipient ? "warning" : "info"} sx={{ mt: 1 }} data-testid="link-privacy">
        {translate(stats.perRecipient ? "tthc.campaigns.links.privacy_per_recipient" : "tthc.campaigns.links.privacy")}
      </Alert>
    </Box>
  );
};
