import type { SvgIconComponent } from "@mui/icons-material";
import { Box, Card, CardActionArea, CardContent, Skeleton, Stack, Typography } from "@mui/material";
import { Link, Title, useCreatePath, useGetIdentity, useGetList, usePermissions, useTranslate } from "react-admin";
import agencies from "./agencies";
import { isAdmin } from "./roles";
import users from "./users";

interface CountCardProps {
  resource: string;
  label: string;
  icon: SvgIconComponent;
}

/** A total from the list endpoint: one row requested, `total` read from Content-Range. */
const CountCard = ({ resource, label, icon: Icon }: CountCardProps) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { total, isPending, error } = useGetList(resource, {
    pagination: { page: 1, perPage: 1 },
    sort: { field: "id", order: "ASC" },
  });
  return (
    <Card sx={{ minWidth: 240, flex: "1 1 240px", maxWidth: 360 }}>
      <CardActionArea component={Link} to={createPath({ resource, type: "list" })}>
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
            <Icon fontSize="large" color="primary" />
            <Box>
              <Typography color="text.secondary">{translate(label)}</Typography>
              <Typography variant="h4" component="p" data-testid={`dashboard-count-${resource}`}>
                {isPending ? <Skeleton width={60} /> : error ? "—" : (total ?? 0).toLocaleString("vi-VN")}
              </Typography>
            </Box>
          </Stack>
        </CardContent>
      </CardActionArea>
    </Card>
  );
};

export const Dashboard = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const { identity } = useGetIdentity();
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="ra.page.dashboard" />
      <Typography variant="h5" component="h2" sx={{ mb: 2 }}>
        {translate("tthc.dashboard.welcome", { name: identity?.fullName ?? "" })}
      </Typography>
      <Stack direction="row" sx={{ flexWrap: "wrap", gap: 2 }}>
        <CountCard resource="agencies" label="tthc.dashboard.agencies_total" icon={agencies.icon} />
        {isAdmin(permissions) && <CountCard resource="users" label="tthc.dashboard.users_total" icon={users.icon} />}
      </Stack>
    </Box>
  );
};
