import type { SvgIconComponent } from "@mui/icons-material";
import { useGetList, useTranslate } from "react-admin";
import { formatNumber } from "../hotline/calls/format";
import { HomeCard } from "./HomeCard";
import { listPath } from "./links";

export interface CountCardProps {
  id: string;
  resource: string;
  filter: Record<string, unknown>;
  sort: { field: string; order: "ASC" | "DESC" };
  label: string;
  icon: SvgIconComponent;
  /** A non-zero count is shown in the warning colour (overdue, dissatisfied). */
  warnAbove0?: boolean;
  /** A message key: what the count leaves out, say. */
  detail?: string;
}

/** The total of a list under a filter (Content-Range, one row asked for), linking to that list. */
export const CountCard = ({ id, resource, filter, sort, label, icon, warnAbove0, detail }: CountCardProps) => {
  const translate = useTranslate();
  const { total, isPending, error } = useGetList(resource, { filter, sort, pagination: { page: 1, perPage: 1 } });
  const value = isPending ? null : error ? "—" : formatNumber(total ?? 0);
  return (
    <HomeCard
      id={id}
      label={label}
      icon={icon}
      value={value}
      detail={detail && translate(detail)}
      warn={warnAbove0 === true && (total ?? 0) > 0}
      to={listPath(resource, filter, sort)}
    />
  );
};
