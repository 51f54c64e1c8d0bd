import { Chip, type ChipProps } from "@mui/material";
import { type FieldProps, useRecordContext, useTranslate } from "react-admin";
import type { CampaignStatus } from "../../../../server/contract/enums";
import type { Campaign } from "../../../../server/contract/outreach/campaigns";

const COLORS: Record<CampaignStatus, ChipProps["color"]> = {
  draft: "default",
  pending_approval: "warning",
  scheduled: "info",
  running: "primary",
  paused: "warning",
  completed: "success",
  cancelled: "error",
};

export const StatusChip = (_props: FieldProps<Campaign>) => {
  const record = useRecordContext<Campaign>();
  const translate = useTranslate();
  if (!record?.status) return null;
  return (
    <Chip
      size="small"
      color={COLORS[record.status] ?? "default"}
      label={translate(`tthc.campaigns.statuses.${record.status}`, { _: record.status })}
      data-testid="campaign-status"
    />
  );
};
