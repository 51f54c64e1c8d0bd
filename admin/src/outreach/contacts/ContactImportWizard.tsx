// "Nhập danh bạ": file → column mapping (pre-filled from the header) with the first rows → import
// with progress → counts and the error report.
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  MenuItem,
  Stack,
  Step,
  StepLabel,
  Stepper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import { type ChangeEvent, useState } from "react";
import { Title, useGetList, useTranslate } from "react-admin";
import { CONTACT_IMPORT_FIELDS, type ContactImportField } from "../../../../server/contract/enums";
import type { ContactImport, ImportPreview } from "../../../../server/contract/outreach/contact-imports";
import { errorReportUrl, previewImport, startImport } from "./api";

export const ContactImportWizard = () => {
  const translate = useTranslate();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<ImportPreview>();
  const [mapping, setMapping] = useState<Partial<Record<ContactImportField, string>>>({});
  const [consentSource, setConsentSource] = useState("");
  const [consentMethod, setConsentMethod] = useState("");
  const [listId, setListId] = useState<number | "">("");
  const [progress, setProgress] = useState(0);
  const [result, setResult] = useState<ContactImport>();
  const [error, setError] = useState<string>();
  const { data: lists = [] } = useGetList("contact-lists", {
    pagination: { page: 1, perPage: 200 },
    sort: { field: "name", order: "ASC" },
  });

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    setError(undefined);
    try {
      const previewed = await previewImport(chosen);
      setFile(chosen);
      setPreview(previewed);
      setMapping(previewed.suggested);
      setStep(1);
    } catch (e) {
      setError(translate((e as Error).message, { _: (e as Error).message }));
    }
  };

  const run = async () => {
    if (!file) return;
    setStep(2);
    setProgress(0);
    setError(undefined);
    try {
      const done = await startImport(
        file,
        { ...mapping, ...(consentSource && { consentSource }), ...(consentMethod && { consentMethod }) },
        listId === "" ? undefined : listId,
        setProgress,
      );
      setResult(done);
      setStep(3);
    } catch (e) {
      setError(translate("tthc.contacts.import_failed", { message: translate((e as Error).message, { _: (e as Error).message }) }));
      setStep(1);
    }
  };

  const reset = () => {
    setStep(0);
    setFile(undefined);
    setPreview(undefined);
    setResult(undefined);
  };

  const needsEvidence = Boolean(mapping.consent) && !consentSource.trim();

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="tthc.contacts.import" />
      <CardContent>
        <Stepper activeStep={step} sx={{ mb: 3 }}>
          {(["upload", "mapping", "run", "summary"] as const).map((key) => (
            <Step key={key}>
              <StepLabel>{translate(`tthc.contacts.import_steps.${key}`)}</StepLabel>
            </Step>
          ))}
        </Stepper>
        {error && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {error}
          </Alert>
        )}

        {step === 0 && (
          <Stack spacing={1} alignItems="flex-start">
            <Button variant="contained" component="label">
              {translate("tthc.contacts.choose_file")}
              <input hidden type="file" accept=".csv,text/csv,text/plain" onChange={choose} />
            </Button>
            <Typography variant="caption">{translate("tthc.contacts.file_help")}</Typography>
          </Stack>
        )}

        {step === 1 && preview && (
          <Stack spacing={2}>
            <Typography variant="body2">
              {file?.name} — {translate("tthc.contacts.delimiter", { delimiter: preview.delimiter })}
            </Typography>
            <Box sx={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(240px, 1fr))", gap: 2 }}>
              {CONTACT_IMPORT_FIELDS.map((field) => (
                <TextField
                  key={field}
                  select
                  size="small"
                  label={translate(`tthc.contacts.columns.${field}`)}
                  value={mapping[field] ?? ""}
                  required={field === "phone"}
                  onChange={(e) => setMapping({ ...mapping, [field]: e.target.value || undefined })}
                >
                  <MenuItem value="">{translate("tthc.contacts.column_none")}</MenuItem>
                  {preview.header.map((column) => (
                    <MenuItem key={column} value={column}>
                      {column}
                    </MenuItem>
                  ))}
                </TextField>
              ))}
            </Box>
            {mapping.consent && (
              <Stack direction={{ xs: "column", md: "row" }} spacing={2}>
                <TextField
                  size="small"
                  fullWidth
                  required
                  label={translate("tthc.contacts.consent_source")}
                  value={consentSource}
                  error={needsEvidence}
                  helperText={needsEvidence ? translate("tthc.validation.consent_evidence") : undefined}
                  onChange={(e) => setConsentSource(e.target.value)}
                />
                <TextField
                  size="small"
                  fullWidth
                  label={translate("tthc.contacts.consent_method")}
                  value={consentMethod}
                  onChange={(e) => setConsentMethod(e.target.value)}
                />
              </Stack>
            )}
            <TextField
              select
              size="small"
              sx={{ maxWidth: 360 }}
              label={translate("tthc.contacts.add_to_list")}
              value={listId}
              onChange={(e) => setListId(e.target.value === "" ? "" : Number(e.target.value))}
            >
              <MenuItem value="">{translate("tthc.contacts.column_none")}</MenuItem>
              {lists.map((list) => (
                <MenuItem key={list.id} value={list.id}>
                  {list.name}
                </MenuItem>
              ))}
            </TextField>
            <Typography variant="subtitle2">{translate("tthc.contacts.preview")}</Typography>
            <Box sx={{ overflowX: "auto" }}>
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>#</TableCell>
                    {preview.header.map((column) => (
                      <TableCell key={column}>{column}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {preview.rows.map((row) => (
                    <TableRow
                      key={row.row}
                      sx={row.malformed ? { bgcolor: "error.light" } : undefined}
                      title={row.malformed ? translate("tthc.contacts.malformed_row") : undefined}
                    >
                      <TableCell>{row.row}</TableCell>
                      {row.fields.map((value, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed row
                        <TableCell key={i}>{value}</TableCell>
                      ))}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
            <Stack direction="row" spacing={1}>
              <Button onClick={reset}>{translate("tthc.contacts.back")}</Button>
              <Button variant="contained" disabled={!mapping.phone || needsEvidence} onClick={run}>
                {translate("tthc.contacts.start")}
              </Button>
            </Stack>
          </Stack>
        )}

        {step === 2 && (
          <Stack spacing={1}>
            <Typography>
              {progress < 1
                ? translate("tthc.contacts.uploading", { percent: Math.round(progress * 100) })
                : translate("tthc.contacts.processing")}
            </Typography>
            <LinearProgress variant={progress < 1 ? "determinate" : "indeterminate"} value={progress * 100} />
          </Stack>
        )}

        {step === 3 && result && (
          <Stack spacing={2} alignItems="flex-start">
            <Table size="small" sx={{ maxWidth: 420 }}>
              <TableBody>
                {(
                  [
                    ["total", result.totalRows],
                    ["imported", result.importedRows],
                    ["duplicates", result.duplicateRows],
                    ["errors", result.errorRows],
                  ] as const
                ).map(([key, value]) => (
                  <TableRow key={key}>
                    <TableCell>{translate(`tthc.contacts.counts.${key}`)}</TableCell>
                    <TableCell align="right">{value.toLocaleString("vi-VN")}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Stack direction="row" spacing={1}>
              {(result.errorRows > 0 || result.duplicateRows > 0) && (
                <Button variant="outlined" href={errorReportUrl(result.id)}>
                  {translate("tthc.contacts.download_errors")}
                </Button>
              )}
              <Button onClick={reset}>{translate("tthc.contacts.another")}</Button>
            </Stack>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};
