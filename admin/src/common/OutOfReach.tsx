// A record that exists but lies outside the user's agency: the API answers 403, and react-admin would
// say "Mục không tồn tại" and go back to the list. Pages of scoped records (calls, callback requests,
// agencies, hours overrides) spread `outOfReach` on their <Show>/<Edit> to say "no permission" instead;
// any other error keeps react-admin's behaviour.
import LockIcon from "@mui/icons-material/Lock";
import { Button, Stack, Typography } from "@mui/material";
import { useContext, useEffect } from "react";
import { EditContext, Link, NotFound, ShowContext, useNotify, useRedirect, useResourceContext, useTranslate } from "react-admin";
import { useLocation } from "react-router-dom";

const statusOf = (error: unknown) => (error as { status?: number } | null)?.status;

export const NoPermission = () => {
  const translate = useTranslate();
  return (
    <Stack spacing={2} sx={{ p: 3, alignItems: "flex-start" }} role="alert" data-testid="no-permission">
      <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
        <LockIcon color="warning" />
        <Typography variant="h6" component="h2">
          {translate("tthc.home.forbidden_title")}
        </Typography>
      </Stack>
      <Typography color="text.secondary">{translate("tthc.home.forbidden_text")}</Typography>
      <Button component={Link} to="/" variant="outlined">
        {translate("tthc.home.back_home")}
      </Button>
    </Stack>
  );
};

const RecordError = () => {
  const show = useContext(ShowContext);
  const edit = useContext(EditContext);
  const error = show?.error ?? edit?.error;
  const resource = useResourceContext();
  const notify = useNotify();
  const redirect = useRedirect();
  const forbidden = statusOf(error) === 403;
  useEffect(() => {
    if (error && !forbidden) {
      notify("ra.notification.item_doesnt_exist", { type: "error" });
      redirect("list", resource);
    }
  }, [error, forbidden, notify, redirect, resource]);
  return forbidden ? <NoPermission /> : null;
};

/** Props for <Show> and <Edit>: the error is shown in the page, by RecordError, not notified. */
export const outOfReach = { error: <RecordError />, queryOptions: { onError: () => {} } };

/**
 * The catch-all page: a screen of the console the user's roles do not declare (App declares only
 * what they may list) says "no permission"; any other address is react-admin's "not found".
 */
export function catchAllFor(screens: readonly string[]) {
  return () => {
    const { pathname } = useLocation();
    const screen = pathname.split("/").find((part) => part !== "");
    return screen && screens.includes(screen) ? <NoPermission /> : <NotFound />;
  };
}
