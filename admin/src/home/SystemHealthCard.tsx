import HealthIcon from "@mui/icons-material/MonitorHeart";
import { Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow } from "@mui/material";
import { useTranslate } from "react-admin";
import type { SystemHealth } from "../../../server/contract/platform/system-health";
import { API_URL, httpClient } from "../dataProvider";
import { formatNumber } from "../hotline/calls/format";
import { HomeCard } from "./HomeCard";
import { useFetched } from "./useFetched";

const fetchHealth = async () => (await httpClient(`${API_URL}/system/health`)).json as SystemHealth;

/** For administrators: PostgreSQL and Redis reachable, and every job queue's backlog and failed jobs. */
export const SystemHealthCard = () => {
  const translate = useTranslate();
  const { data: health, failed } = useFetched(fetchHealth);
  const failedJobs = health?.queues.reduce((sum, queue) => sum + queue.failed, 0) ?? 0;
  const ok = health?.status === "ok";
  return (
    <HomeCard
      id="system-health"
      label="tthc.home.system_health"
      icon={HealthIcon}
      value={failed ? "—" : health ? translate(ok ? "tthc.home.system_ok" : "tthc.home.system_down") : null}
      warn={failed || (health != null && (!ok || failedJobs > 0))}
    >
      {health && (
        <>
          <Stack direction="row" spacing={1} sx={{ my: 1 }}>
            {Object.entries(health.checks).map(([name, check]) => (
              <Chip
                key={name}
                size="small"
                color={check.ok ? "success" : "error"}
                label={`${translate(`tthc.home.dependencies.${name}`, { _: name })}: ${translate(check.ok ? "tthc.home.reachable" : "tthc.home.unreachable")}`}
              />
            ))}
          </Stack>
          <Table size="small" aria-label={translate("tthc.home.queues")}>
            <TableHead>
              <TableRow>
                <TableCell>{translate("tthc.home.queue")}</TableCell>
                <TableCell align="right">{translate("tthc.home.backlog")}</TableCell>
                <TableCell align="right">{translate("tthc.home.failed_jobs")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {health.queues.map((queue) => (
                <TableRow key={queue.name} data-testid={`home-queue-${queue.name}`}>
                  <TableCell>{translate(`tthc.home.queue_names.${queue.name}`, { _: queue.name })}</TableCell>
                  <TableCell align="right">{formatNumber(queue.backlog)}</TableCell>
                  <TableCell align="right" sx={queue.failed > 0 ? { color: "warning.main" } : undefined}>
                    {formatNumber(queue.failed)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </HomeCard>
  );
};
