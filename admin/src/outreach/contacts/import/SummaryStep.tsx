// Step 4: what the import did, and the report of the rows it refused or found twice.
import { Button, Stack, Table, TableBody, TableCell, TableRow } from "@mui/material";
import { useTranslate } from "react-admin";
import type { ContactImport } from "../../../../../server/contract/outreach/contact-imports";
import { errorReportUrl } from "../api";

export const SummaryStep = ({ result, onAnother }: { result: ContactImport; onAnother: () => void }) => {
  const translate = useTranslate();
  const counts = [
    ["total", result.totalRows],
    ["imported", result.importedRows],
    ["duplicates", result.duplicateRows],
    ["errors", result.errorRows],
  ] as const;
  return (
    <Stack spacing={2} alignItems="flex-start">
      <Table size="small" sx={{ maxWidth: 420 }}>
        <TableBody>
          {counts.map(([key, value]) => (
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
        <Button onClick={onAnother}>{translate("tthc.contacts.another")}</Button>
      </Stack>
    </Stack>
  );
};
