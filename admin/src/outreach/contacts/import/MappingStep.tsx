// Step 2: which column holds which field (pre-filled from the header names), the consent evidence
// when a consent column is mapped, the list to add the contacts to, and the file's first rows.
import { Box, Button, MenuItem, Stack, TextField, Typography } from "@mui/material";
import { type RaRecord, useTranslate } from "react-admin";
import { CONTACT_IMPORT_FIELDS, type ContactImportField } from "../../../../../server/contract/enums";
import type { ImportPreview } from "../../../../../server/contract/outreach/contact-imports";
import { RowsPreview } from "./RowsPreview";

/** What the person chose on this step; the wizard keeps it when they go back for another file. */
export interface ImportChoices {
  mapping: Partial<Record<ContactImportField, string>>;
  consentSource: string;
  consentMethod: string;
  listId: number | "";
}

export const NO_CHOICES: ImportChoices = { mapping: {}, consentSource: "", consentMethod: "", listId: "" };

interface MappingStepProps {
  fileName: string | undefined;
  preview: ImportPreview;
  lists: RaRecord[];
  choices: ImportChoices;
  onChange: (choices: ImportChoices) => void;
  onBack: () => void;
  onStart: () => void;
}

export const MappingStep = ({ fileName, preview, lists, choices, onChange, onBack, onStart }: MappingStepProps) => {
  const translate = useTranslate();
  const { mapping, consentSource, consentMethod, listId } = choices;
  const needsEvidence = Boolean(mapping.consent) && !consentSource.trim();
  return (
    <Stack spacing={2}>
      <Typography variant="body2">
        {fileName} — {translate("tthc.contacts.delimiter", { delimiter: preview.delimiter })}
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
            onChange={(e) => onChange({ ...choices, mapping: { ...mapping, [field]: e.target.value || undefined } })}
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
            onChange={(e) => onChange({ ...choices, consentSource: e.target.value })}
          />
          <TextField
            size="small"
            fullWidth
            label={translate("tthc.contacts.consent_method")}
            value={consentMethod}
            onChange={(e) => onChange({ ...choices, consentMethod: e.target.value })}
          />
        </Stack>
      )}
      <TextField
        select
        size="small"
        sx={{ maxWidth: 360 }}
        label={translate("tthc.contacts.add_to_list")}
        value={listId}
        onChange={(e) => onChange({ ...choices, listId: e.target.value === "" ? "" : Number(e.target.value) })}
      >
        <MenuItem value="">{translate("tthc.contacts.column_none")}</MenuItem>
        {lists.map((list) => (
          <MenuItem key={list.id} value={list.id}>
            {list.name}
          </MenuItem>
        ))}
      </TextField>
      <Typography variant="subtitle2">{translate("tthc.contacts.preview")}</Typography>
      <RowsPreview preview={preview} />
      <Stack direction="row" spacing={1}>
        <Button onClick={onBack}>{translate("tthc.contacts.back")}</Button>
        <Button variant="contained" disabled={!mapping.phone || needsEvidence} onClick={onStart}>
          {translate("tthc.contacts.start")}
        </Button>
      </Stack>
    </Stack>
  );
};
