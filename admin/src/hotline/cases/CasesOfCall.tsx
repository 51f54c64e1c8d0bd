// The cases created from or linked to a call, on the call's page (GET /api/cases?filter={"callId":…}).
import { Chip, Stack, Typography } from "@mui/material";
import { Link, useCanAccess, useGetList, useTranslate } from "react-admin";
import type { Case } from "../../../../server/contract/hotline/cases";

export const CasesOfCall = ({ callId }: { callId: number }) => {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: "cases", action: "list" });
  const { data = [], isPending } = useGetList<Case>(
    "cases",
    { filter: { callId }, sort: { field: "createdAt", order: "ASC" }, pagination: { page: 1, perPage: 50 } },
    { enabled: canAccess === true },
  );
  if (!canAccess || isPending) return null;
  if (data.length === 0) return <Typography color="text.secondary">{translate("tthc.cases.no_cases_of_call")}</Typography>;
  return (
    <Stack spacing={0.5} data-testid="cases-of-call">
      {data.map((kase) => (
        <Stack key={kase.id} direction="row" spacing={1} sx={{ alignItems: "center" }}>
          <Link to={`/cases/${kase.id}/show`}>{kase.code}</Link>
          <Chip size="small" label={translate(`tthc.cases.states.${kase.state}`)} />
          <Typography variant="body2" color="text.secondary">
            {kase.agencyName}
          </Typography>
        </Stack>
      ))}
    </Stack>
  );
};
