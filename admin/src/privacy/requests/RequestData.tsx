// Carrying a request out from its page: the number's footprint (kind, count, links), an export with its
// one-time download, the erasure (confirmed, then its progress polled until the per-table report
// shows), and for a withdrawal or an objection the withdrawal of consent. The server does the work
// (server/privacy/requests/data-routes.ts); this only asks and shows.
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { useCallback, useEffect, useState } from "react";
import { useNotify, useRecordContext, useTranslate } from "react-admin";
import type { PrivacyRequestDetail } from "../../../../server/contract/privacy/requests";
import { API_URL, httpClient } from "../../dataProvider";

interface FootprintKind {
  kind: string;
  count: number;
  links: string[];
}
interface ErasureState {
  status: "none" | "running" | "done";
  done: number;
  total: number;
  report: { kind: string; result: string; keptReason?: string }[];
}

const url = (id: number, path: string) => `${API_URL}/privacy-requests/${encodeURIComponent(id)}/${path}`;

export const RequestData = () => {
  const record = useRecordContext<PrivacyRequestDetail>();
  const translate = useTranslate();
  const notify = useNotify();
  const [footprint, setFootprint] = useState<FootprintKind[] | null>(null);
  const [exported, setExported] = useState<{ id: string; expiresAt: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [erasure, setErasure] = useState<ErasureState | null>(null);
  const id = record?.id;
  const t = (key: string, options?: object) => translate(`tthc.privacy.data.${key}`, options);
  const fail = (error: unknown) => notify(error instanceof Error ? error.message : String(error), { type: "error" });

  const loadErasure = useCallback(async () => {
    if (id === undefined) return;
    const { json } = await httpClient(url(id, "erasure"));
    setErasure(json as ErasureState);
  }, [id]);
  useEffect(() => {
    void loadErasure().catch(() => {});
  }, [loadErasure]);
  // While the worker erases, the progress is asked for every two seconds.
  useEffect(() => {
    if (erasure?.status !== "running") return;
    const timer = setInterval(() => void loadErasure().catch(() => {}), 2000);
    return () => clearInterval(timer);
  }, [erasure?.status, loadErasure]);

  if (!record || id === undefined || !record.phone) return null;
  const find = async () => {
    try {
      const { json } = await httpClient(url(id, "footprint"));
      setFootprint((json as { kinds: FootprintKind[] }).kinds);
    } catch (error) {
      fail(error);
    }
  };
  const exportData = async () => {
    try {
      const { json } = await httpClient(url(id, "exports"), { method: "POST", body: "{}" });
      setExported(json as { id: string; expiresAt: string });
    } catch (error) {
      fail(error);
    }
  };
  const erase = async () => {
    setConfirming(false);
    try {
      await httpClient(url(id, "erasure"), { method: "POST", body: "{}" });
      notify("tthc.privacy.data.erase_queued", { type: "info" });
      await loadErasure();
    } catch (error) {
      fail(error);
    }
  };
  const withdraw = async () => {
    try {
      await httpClient(url(id, "withdrawal"), { method: "POST", body: "{}" });
      notify("tthc.privacy.data.withdrawn", { type: "success" });
    } catch (error) {
      fail(error);
    }
  };
  const kindName = (kind: string) => t(`kinds.${kind}`, { _: kind });

  return (
    <Stack spacing={1} sx={{ my: 1 }}>
      <Stack direction="row" spacing={1}>
        <Button variant="outlined" onClick={find} data-testid="privacy-find">
          {t("find")}
        </Button>
        <Button variant="outlined" onClick={exportData} data-testid="privacy-export">
          {t("export")}
        </Button>
        <Button
          variant="outlined"
          color="error"
          onClick={() => setConfirming(true)}
          disabled={erasure?.status === "running"}
          data-testid="privacy-erase"
        >
          {t("erase")}
        </Button>
        {(record.kind === "withdrawal" || record.kind === "objection") && (
          <Button variant="outlined" color="warning" onClick={withdraw} data-testid="privacy-withdraw">
            {t("withdraw")}
          </Button>
        )}
      </Stack>
      {footprint && (
        <div data-testid="privacy-footprint">
          <Typography variant="subtitle2">{t("footprint_title")}</Typography>
          {footprint.length === 0 ? (
            <Typography variant="body2">{t("footprint_empty")}</Typography>
          ) : (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{t("kind")}</TableCell>
                  <TableCell align="right">{t("count")}</TableCell>
                  <TableCell>{t("links")}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {footprint.map((k) => (
                  <TableRow key={k.kind} data-kind={k.kind}>
                    <TableCell>{kindName(k.kind)}</TableCell>
                    <TableCell align="right">{k.count}</TableCell>
                    <TableCell>
                      {k.links.slice(0, 5).map((link) => (
                        <Link key={link} href={`#${link}`} sx={{ mr: 1 }}>
                          {link.split("/")[2]}
                        </Link>
                      ))}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </div>
      )}
      {exported && (
        <Alert severity="success" data-testid="privacy-export-ready">
          {t("export_ready", { expiresAt: new Date(exported.expiresAt).toLocaleString("vi-VN") })}{" "}
          <Link
            href={`${API_URL}/privacy-exports/${encodeURIComponent(exported.id)}/download`}
            onClick={() => setTimeout(() => setExported(null), 500)}
          >
            {t("download")}
          </Link>
        </Alert>
      )}
      {erasure?.status === "running" && (
        <Alert severity="info" data-testid="privacy-erasure-running">
          {t("erase_running", { done: erasure.done, total: erasure.total })}
        </Alert>
      )}
      {erasure?.status === "done" && (
        <div data-testid="privacy-erasure-report">
          <Typography variant="subtitle2">{t("erase_done")}</Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t("kind")}</TableCell>
                <TableCell>{t("result")}</TableCell>
                <TableCell>{t("reason")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {erasure.report
                .filter((r) => r.result !== "nothing")
                .map((r) => (
                  <TableRow key={r.kind} data-kind={r.kind}>
                    <TableCell>{kindName(r.kind)}</TableCell>
                    <TableCell>{t(`results.${r.result}`, { _: r.result })}</TableCell>
                    <TableCell>{r.keptReason ?? ""}</TableCell>
                  </TableRow>
                ))}
            </TableBody>
          </Table>
        </div>
      )}
      <Dialog open={confirming} onClose={() => setConfirming(false)}>
        <DialogTitle>{t("erase_confirm_title")}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t("erase_confirm")}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>{translate("ra.action.cancel")}</Button>
          <Button variant="contained" color="error" onClick={erase} data-testid="privacy-erase-confirm">
            {translate("ra.action.confirm")}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
};
