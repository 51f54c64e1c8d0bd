import { Typography } from "@mui/material";
import { LoadingIndicator, LocalesMenuButton, AppBar as RaAppBar, TitlePortal } from "react-admin";
import { APP_TITLE } from "../config";

const Toolbar = () => (
  <>
    <LocalesMenuButton />
    <LoadingIndicator />
  </>
);

/** Product name, then the page title; the language switcher sits before the user menu. */
export const AppBar = () => (
  <RaAppBar toolbar={<Toolbar />}>
    <Typography variant="h6" component="span" sx={{ mr: 2, whiteSpace: "nowrap", fontWeight: 600 }}>
      {APP_TITLE}
    </Typography>
    <TitlePortal />
  </RaAppBar>
);
