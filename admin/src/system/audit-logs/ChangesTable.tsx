import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useRecordContext, useTranslate } from "react-admin";
import type { AuditLog } from "../../../../server/contract/platform/audit-logs";

import { fieldLabel, formatValue } from "./values";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

const cell = { whiteSpace: "pre-wrap", wordBreak: "break-word", verticalAlign: "top" } as const;

/** before/after side by side, one row per field, changed rows highlighted. */
// `label` is read by SimpleShowLayout for the caption.
export const ChangesTable = (_props: { label?: string }) => {
  const record = useRecordContext<AuditLog>();
  const translate = useTranslate();
  if (!record) return null;
  const { before, after, resource } = record;
  if (before == null && after == null) {
    return <Typography color="text.secondary">{translate("tthc.audit.no_changes")}</Typography>;
  }
  // Non-object payloads get a single row with the whole value.
  const rows: [string, unknown, unknown][] =
    isObject(before ?? {}) && isObject(after ?? {})
      ? [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].map((key) => [
          key,
          (before as Json | null)?.[key],
          (after as Json | null)?.[key],
        ])
      : [["", before, after]];

  return (
    <Table size="small" aria-label={translate("tthc.audit.changes")}>
      <TableHead>
        <TableRow>
          <TableCell>{translate("tthc.audit.field")}</TableCell>
          <TableCell>{translate("tthc.audit.before")}</TableCell>
          <TableCell>{translate("tthc.audit.after")}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(([key, was, is]) => {
          const before = formatValue(translate, resource, key, was);
          const after = formatValue(translate, resource, key, is);
          const changed = JSON.stringify(was) !== JSON.stringify(is);
          return (
            <TableRow key={key} selected={changed}>
              <TableCell sx={{ verticalAlign: "top" }}>{key && fieldLabel(translate, resource, key)}</TableCell>
              <TableCell sx={cell}>{before}</TableCell>
              <TableCell sx={{ ...cell, fontWeight: changed ? "bold" : undefined }}>{after}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};
