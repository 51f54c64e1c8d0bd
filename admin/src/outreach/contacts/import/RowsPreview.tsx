// The file's first rows as the server read them, malformed ones marked, so the mapping can be checked.
import { Box, Table, TableBody, TableCell, TableHead, TableRow } from "@mui/material";
import { useTranslate } from "react-admin";
import type { ImportPreview } from "../../../../../server/contract/outreach/contact-imports";

export const RowsPreview = ({ preview }: { preview: ImportPreview }) => {
  const translate = useTranslate();
  return (
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
  );
};
