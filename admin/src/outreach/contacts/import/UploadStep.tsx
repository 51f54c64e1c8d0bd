// Step 1: choose the file. Only its beginning goes up for the preview.
import { Button, Stack, Typography } from "@mui/material";
import type { ChangeEvent } from "react";
import { useTranslate } from "react-admin";

export const UploadStep = ({ onChoose }: { onChoose: (file: File) => void }) => {
  const translate = useTranslate();
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    if (chosen) onChoose(chosen);
  };
  return (
    <Stack spacing={1} alignItems="flex-start">
      <Button variant="contained" component="label">
        {translate("tthc.contacts.choose_file")}
        <input hidden type="file" accept=".csv,text/csv,text/plain" onChange={choose} />
      </Button>
      <Typography variant="caption">{translate("tthc.contacts.file_help")}</Typography>
    </Stack>
  );
};
