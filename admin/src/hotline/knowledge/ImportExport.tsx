// "Nhập CSV" and "Xuất CSV" in the list's toolbar, for writers (knowledge:write). The import's answer
// is shown as it came: how many articles were created and updated, and each refused line with its
// column and reason, so the file can be fixed and sent again.
import DownloadIcon from "@mui/icons-material/Download";
import UploadIcon from "@mui/icons-material/Upload";
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { type ChangeEvent, useState } from "react";
import { useListContext, useNotify, useRefresh, useTranslate } from "react-admin";
import type { KnowledgeImportResult } from "../../../../server/contract/hotline/knowledge";
import { API_URL, httpClient } from "../../dataProvider";

const BASE = `${API_URL}/knowledge-articles`;

export const ImportButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<KnowledgeImportResult | null>(null);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setBusy(true);
    try {
      const body = new FormData();
      body.append("file", file, file.name);
      const { json } = await httpClient(`${BASE}/import`, { method: "POST", body });
      setResult(json as KnowledgeImportResult);
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    } finally {
      setBusy(false);
    }
  };

  const columnName = (column: string | null) => (column ? translate(`resources.knowledge-articles.fields.${column}`, { _: column }) : "—");

  return (
    <>
      <Button size="small" component="label" startIcon={<UploadIcon />} disabled={busy} title={translate("tthc.knowledge.import_help")}>
        {translate(busy ? "tthc.knowledge.importing" : "tthc.knowledge.import")}
        <input hidden type="file" accept=".csv,text/csv" onChange={choose} data-testid="knowledge-import-file" />
      </Button>
      <Dialog open={result !== null} onClose={() => setResult(null)} maxWidth="md" fullWidth>
        <DialogTitle>{translate("tthc.knowledge.import_title")}</DialogTitle>
        <DialogContent>
          {result && (
            <>
              <Typography role="status" gutterBottom>
                {translate("tthc.knowledge.import_done", {
                  created: result.created,
                  updated: result.updated,
                  refused: result.errors.length,
                })}
              </Typography>
              {result.errors.length > 0 && (
                <Table size="small">
                  <TableHead>
                    <TableRow>
                      <TableCell>{translate("tthc.knowledge.row")}</TableCell>
                      <TableCell>{translate("tthc.knowledge.column")}</TableCell>
                      <TableCell>{translate("tthc.knowledge.reason")}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {result.errors.map((error) => (
                      <TableRow key={`${error.row}-${error.column ?? ""}-${error.message}`}>
                        <TableCell>{error.row}</TableCell>
                        <TableCell>{columnName(error.column)}</TableCell>
                        <TableCell>{translate(error.reason, { _: error.message })}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setResult(null)}>{translate("tthc.knowledge.close")}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
};

/** The server's export of the articles the list shows (its filters, without the search), semicolons for Vietnamese Excel. */
export const ExportCsvButton = () => {
  const translate = useTranslate();
  const { filterValues } = useListContext();
  const { q: _q, ...filter } = filterValues as Record<string, unknown>;
  const href = `${BASE}/export.csv?separator=semicolon&filter=${encodeURIComponent(JSON.stringify(filter))}`;
  return (
    <Button size="small" startIcon={<DownloadIcon />} href={href} download>
      {translate("tthc.knowledge.export")}
    </Button>
  );
};
