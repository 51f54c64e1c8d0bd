import { Box, LinearProgress, Typography } from "@mui/material";
import { type FieldProps, useRecordContext } from "react-admin";
import type { Campaign } from "../../../../server/contract/outreach/campaigns";
import { formatNumber } from "../../hotline/calls/format";
import { percentDone, processed } from "./types";

/** A small bar for the list: processed / total. */
export const ProgressMini = (_props: FieldProps<Campaign>) => {
  const record = useRecordContext<Campaign>();
  const counts = record?.counts;
  if (!counts || counts.total === 0) return <Typography variant="body2">—</Typography>;
  const percent = percentDone(counts);
  return (
    <Box sx={{ minWidth: 140 }}>
      <LinearProgress variant="determinate" value={percent} aria-label={`${percent}%`} />
      <Typography variant="caption" color="text.secondary">
        {formatNumber(processed(counts))}/{formatNumber(counts.total)}
      </Typography>
    </Box>
  );
};
