// The national Do-Not-Call list: its size and last import, a new import replacing it, a number check.
import PhoneDisabledIcon from "@mui/icons-material/PhoneDisabled";
import { Alert, Button, Card, CardContent, Stack, TextField, Typography } from "@mui/material";
import { type ChangeEvent, useCallback, useEffect, useState } from "react";
import { Confirm, Title, useCanAccess, useNotify, useTranslate } from "react-admin";
import type { DncCheck, DncStatus } from "../../../../server/contract/outreach/dnc";
import { API_URL, httpClient } from "../../dataProvider";

const DncPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  // Importing the list and checking a number are for those who write contacts (contacts:write).
  const { canAccess: imports } = useCanAccess({ resource: "dnc", action: "import" });
  const [status, setStatus] = useState<DncStatus>();
  const [busy, setBusy] = useState(false);
  const [phone, setPhone] = useState("");
  const [check, setCheck] = useState<DncCheck>();
  // The chosen file waits for a confirmation: an import replaces the whole list.
  const [pending, setPending] = useState<File>();

  const load = useCallback(() => {
    httpClient(`${API_URL}/dnc`).then(({ json }) => setStatus(json as DncStatus));
  }, []);
  useEffect(load, [load]);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    setPending(event.target.files?.[0]);
    event.target.value = "";
  };

  const upload = async () => {
    const file = pending;
    if (!file) return;
    setBusy(true);
    try {
      const body = new FormData();
      body.append("file", file, file.name);
      const { json } = await httpClient(`${API_URL}/dnc/import`, { method: "POST", body });
      notify("tthc.dnc.imported", { type: "success", messageArgs: json as Record<string, unknown> });
      load();
    } catch (e) {
      notify((e as Error).message, { type: "error" });
    } finally {
      setBusy(false);
      setPending(undefined);
    }
  };

  const runCheck = async () => {
    try {
      const { json } = await httpClient(`${API_URL}/dnc/check?phone=${encodeURIComponent(phone)}`);
      setCheck(json as DncCheck);
    } catch (e) {
      notify((e as Error).message, { type: "error" });
    }
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="tthc.dnc.title" />
      <CardContent>
        <Stack spacing={2} alignItems="flex-start">
          <Typography variant="h6">{translate("tthc.dnc.count", { count: (status?.count ?? 0).toLocaleString("vi-VN") })}</Typography>
          <Typography variant="body2">
            {status?.lastImport
              ? translate("tthc.dnc.last_import", {
                  at: new Date(status.lastImport.at).toLocaleString("vi-VN"),
                  by: status.lastImport.byName ?? "—",
                  file: status.lastImport.fileName,
                  imported: status.lastImport.imported,
                  rejected: status.lastImport.rejected,
                })
              : translate("tthc.dnc.never")}
          </Typography>
          {imports && (
            <>
              <Button variant="contained" component="label" disabled={busy}>
                {translate("tthc.dnc.upload")}
                <input hidden type="file" accept=".csv,.txt,text/csv,text/plain" onChange={choose} />
              </Button>
              <Confirm
                isOpen={pending !== undefined}
                loading={busy}
                title="tthc.dnc.replace_title"
                content="tthc.dnc.replace_content"
                contentTranslateOptions={{ file: pending?.name ?? "", count: (status?.count ?? 0).toLocaleString("vi-VN") }}
                confirmColor="warning"
                onConfirm={upload}
                onClose={() => setPending(undefined)}
              />
              <Typography variant="caption">{translate("tthc.dnc.help")}</Typography>
              <Stack direction="row" spacing={1} alignItems="center">
                <TextField
                  size="small"
                  label={translate("resources.dnc.fields.phone")}
                  value={phone}
                  onChange={(e) => setPhone(e.target.value)}
                />
                <Button onClick={runCheck} disabled={!phone.trim()}>
                  {translate("tthc.dnc.check")}
                </Button>
              </Stack>
              {check && (
                <Alert severity={check.onDnc || check.suppressed ? "warning" : "success"}>
                  {translate(check.onDnc ? "tthc.dnc.check_result_on" : "tthc.dnc.check_result_off", { phone: check.phone })}
                  {check.suppressed ? ` ${translate("tthc.dnc.check_suppressed")}` : ""}
                </Alert>
              )}
            </>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};

export default { list: DncPage, icon: PhoneDisabledIcon };
