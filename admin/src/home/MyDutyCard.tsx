import PhoneIcon from "@mui/icons-material/PhoneInTalk";
import { Stack } from "@mui/material";
import { useGetIdentity, useGetList, useTranslate } from "react-admin";
import type { Staff } from "../../../server/contract/agencies/staff";
import { PinForm } from "../agencies/staff/PinForm";
import { PresenceChip } from "../agencies/staff/PresenceChip";
import { PresenceControl } from "../agencies/staff/PresenceControl";
import { usePresence } from "../agencies/staff/usePresence";
import { HomeCard } from "./HomeCard";

/** The agent's own presence: whether the hotline rings them now, the control to change it, and their phone PIN. */
export const MyDutyCard = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { data, refetch, isPending } = useGetList<Staff>(
    "staff",
    { filter: { id: [identity?.id] }, sort: { field: "id", order: "ASC" }, pagination: { page: 1, perPage: 1 } },
    // A call or the hotline (missed rings) changes it too: look again every few seconds.
    { enabled: identity?.id != null, refetchInterval: 5000 },
  );
  const { pending, choose, setPin } = usePresence(refetch);
  const me = data?.[0];

  return (
    <HomeCard
      id="my-duty"
      label="tthc.home.my_duty"
      icon={PhoneIcon}
      value={isPending || !me ? null : translate(`tthc.staff.presence.${me.presence}`)}
      warn={me ? me.presence === "away" || me.presence === "offline" : false}
      detail={
        me
          ? me.answerOn === "browser"
            ? translate("tthc.desk.answer_on.browser")
            : (me.phone ?? translate("tthc.staff.no_phone"))
          : undefined
      }
    >
      {me && (
        <Stack spacing={1}>
          <PresenceChip staff={me} />
          <PresenceControl staff={me} disabled={pending != null} choose={choose} />
          <PinForm staff={me} disabled={pending != null} setPin={setPin} />
        </Stack>
      )}
    </HomeCard>
  );
};
