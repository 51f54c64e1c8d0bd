import { Breadcrumbs, Typography } from "@mui/material";
import { Link, useCreatePath, useRecordContext, useTranslate } from "react-admin";
import type { Agency, AgencyDetail } from "../../../../server/contract/agencies/tree";

/** The parent chain from the API's `ancestors`, root first; each crumb opens that agency. */
export const AgencyBreadcrumb = () => {
  const record = useRecordContext<Agency & Partial<Pick<AgencyDetail, "ancestors">>>();
  const createPath = useCreatePath();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Breadcrumbs aria-label={translate("tthc.agencies.ancestors")} sx={{ mb: 1 }}>
      {(record.ancestors ?? []).map((ancestor) => (
        <Link key={ancestor.id} to={createPath({ resource: "agencies", id: ancestor.id, type: "show" })}>
          {ancestor.name}
        </Link>
      ))}
      <Typography color="text.primary" aria-current="page">
        {record.name}
      </Typography>
    </Breadcrumbs>
  );
};
