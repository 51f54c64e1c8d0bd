// Step 3: the upload's progress; once every byte is sent, the server is still writing contacts.
import { LinearProgress, Stack, Typography } from "@mui/material";
import { useTranslate } from "react-admin";

export const ProgressStep = ({ progress }: { progress: number }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={1}>
      <Typography>
        {progress < 1
          ? translate("tthc.contacts.uploading", { percent: Math.round(progress * 100) })
          : translate("tthc.contacts.processing")}
      </Typography>
      <LinearProgress variant={progress < 1 ? "determinate" : "indeterminate"} value={progress * 100} />
    </Stack>
  );
};
