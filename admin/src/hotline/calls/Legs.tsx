import { Chip, Stack, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import type { CallDetail } from "../../../../server/contract/hotline/call-log";
import { formatTime } from "./format";

/** Each staff member's part in the call, and who passed it to whom (call_legs). */
export const Legs = ({ call }: { call: CallDetail }) => {
  const translate = useTranslate();
  if (call.legs.length === 0) return <Typography color="text.secondary">{translate("tthc.legs.none")}</Typography>;
  const byId = new Map(call.legs.map((leg) => [leg.id, leg]));
  return (
    <Stack spacing={1}>
      {call.legs.map((leg) => {
        const from = leg.fromLegId === null ? undefined : byId.get(leg.fromLegId);
        return (
          <Stack key={leg.id} direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
            <Typography variant="body2" sx={{ minWidth: 180 }}>
              {leg.staffName ?? translate("tthc.legs.waiting")}
              {leg.agencyName ? ` · ${leg.agencyName}` : ""}
            </Typography>
            <Chip size="small" label={translate(`tthc.legs.roles.${leg.role}`)} />
            {leg.transfer && <Chip size="small" color="info" label={translate(`tthc.legs.transfers.${leg.transfer}`)} />}
            {from && (
              <Typography variant="caption" color="text.secondary">
                {translate("tthc.legs.from", { staff: from.staffName ?? "—" })}
              </Typography>
            )}
            <Typography variant="caption" color="text.secondary">
              {leg.answeredAt ? formatTime(leg.answeredAt) : ""}
              {leg.endedAt ? ` – ${formatTime(leg.endedAt)}` : ""}
            </Typography>
            {leg.reason && (
              <Typography variant="caption" color="text.secondary">
                {translate("tthc.legs.reason", { reason: leg.reason })}
              </Typography>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
};
