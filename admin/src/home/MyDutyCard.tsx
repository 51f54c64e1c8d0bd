import PhoneIcon from "@mui/icons-material/PhoneInTalk";
import { FormControlLabel, Switch } from "@mui/material";
import { useGetIdentity, useGetList, useTranslate } from "react-admin";
import type { Staff } from "../../../server/contract/agencies/staff";
import { useDutyToggle } from "../agencies/tree/useDutyToggle";
import { HomeCard } from "./HomeCard";

/** The agent's own on-duty switch: whether the hotline rings them now. */
export const MyDutyCard = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { data, refetch, isPending } = useGetList<Staff>(
    "staff",
    { filter: { id: [identity?.id] }, sort: { field: "id", order: "ASC" }, pagination: { page: 1, perPage: 1 } },
    { enabled: identity?.id != null },
  );
  const { pending, toggle } = useDutyToggle(refetch);
  const me = data?.[0];

  return (
    <HomeCard
      id="my-duty"
      label="tthc.home.my_duty"
      icon={PhoneIcon}
      value={isPending || !me ? null : translate(me.onDuty ? "tthc.staff.on_duty" : "tthc.staff.off_duty")}
      warn={me ? !me.onDuty : false}
      detail={me ? (me.phone ?? translate("tthc.staff.no_phone")) : undefined}
    >
      {me && (
        <FormControlLabel
          control={<Switch checked={me.onDuty} disabled={pending != null} onChange={() => toggle(me)} />}
          label={translate("tthc.home.i_am_on_duty")}
        />
      )}
    </HomeCard>
  );
};
