import { Chip, Stack, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import { useTranslate } from "react-admin";
import type { Staff } from "../../../../server/contract/agencies/staff";
import { MISSED_RINGS_REASON } from "../../../../server/contract/enums";
import { formatDuration } from "../../hotline/calls/format";

const COLORS = { available: "success", on_call: "info", wrap_up: "warning", away: "default", offline: "default" } as const;

/** Seconds since `iso`, ticking every second while shown. */
function useSecondsSince(iso: string | Date): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, (now - new Date(iso).getTime()) / 1000);
}

/** A staff member's state with the time in it, and why they are away (saying so when the hotline set it). */
export const PresenceChip = ({ staff }: { staff: Staff }) => {
  const translate = useTranslate();
  const seconds = useSecondsSince(staff.presenceSince);
  const reason =
    staff.presence !== "away" || !staff.awayReason
      ? null
      : staff.awayReason === MISSED_RINGS_REASON
        ? translate("tthc.staff.away_missed_rings")
        : staff.awayReason;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }} component="span">
      <Chip
        size="small"
        color={COLORS[staff.presence]}
        label={translate(`tthc.staff.presence.${staff.presence}`)}
        data-testid={`presence-${staff.id}`}
      />
      <Typography component="span" variant="caption" color="text.secondary">
        {translate("tthc.staff.in_state_for", { duration: formatDuration(seconds) })}
      </Typography>
      {reason && (
        <Typography component="span" variant="caption" color={staff.awayReason === MISSED_RINGS_REASON ? "warning.main" : "text.secondary"}>
          {reason}
        </Typography>
      )}
    </Stack>
  );
};
