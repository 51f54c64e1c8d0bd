import { Typography } from "@mui/material";
import { type FieldProps, Link, useCreatePath, useRecordContext, useTranslate } from "react-admin";
import type { AgencyDetail, AgencyRef } from "../../../../server/contract/agencies/tree";
import { useRoles } from "../../access/useRoles";

interface AgencyRefFieldProps extends FieldProps<AgencyDetail> {
  /** The agency named in the detail record (its parent, its fallback). */
  pick: (agency: AgencyDetail) => AgencyRef | null | undefined;
}

/**
 * Another agency named by the API's detail record rather than fetched: a supervisor's own agency has
 * its parent (and often its fallback) outside their subtree, which they may not open but should see named.
 */
export const AgencyRefField = ({ pick, emptyText }: AgencyRefFieldProps) => {
  const record = useRecordContext<AgencyDetail>();
  const createPath = useCreatePath();
  const translate = useTranslate();
  const { scoped } = useRoles();
  // A record taken from a list's cache (react-admin shows it while the detail loads) has no names yet.
  if (!record || record.ancestors === undefined) return null;
  const agency = pick(record);
  if (!agency) return <Typography variant="body2">{emptyText ? translate(emptyText, { _: emptyText }) : ""}</Typography>;
  // Those who see only their subtree get the name without a link that would lead to "no permission".
  if (scoped) return <Typography variant="body2">{`${agency.name} (${agency.code})`}</Typography>;
  return (
    <Link to={createPath({ resource: "agencies", id: agency.id, type: "show" })} variant="body2">
      {agency.name} ({agency.code})
    </Link>
  );
};
