import PeopleIcon from "@mui/icons-material/SupportAgent";
import { useGetList, useTranslate } from "react-admin";
import type { Staff } from "../../../server/contract/agencies/staff";
import { formatNumber } from "../hotline/calls/format";
import { HomeCard } from "./HomeCard";

const SHOWN = 8;

/** Who the hotline rings now (available) in the supervisor's agencies: the names are on the card itself. */
export const StaffOnDutyCard = () => {
  const translate = useTranslate();
  const { data, total, isPending, error } = useGetList<Staff>("staff", {
    filter: { presence: "available" },
    sort: { field: "name", order: "ASC" },
    pagination: { page: 1, perPage: SHOWN },
  });
  const names = data?.map((staff) => staff.name).join(", ");
  const more = (total ?? 0) - (data?.length ?? 0);
  return (
    <HomeCard
      id="staff-on-duty"
      label="tthc.home.staff_on_duty"
      icon={PeopleIcon}
      value={isPending ? null : error ? "—" : formatNumber(total ?? 0)}
      detail={
        names
          ? `${names}${more > 0 ? ` ${translate("tthc.home.and_more", { smart_count: more })}` : ""}`
          : translate("tthc.home.nobody_on_duty")
      }
      warn={!isPending && !error && total === 0}
    />
  );
};
