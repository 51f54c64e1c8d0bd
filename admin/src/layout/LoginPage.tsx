import { Box, Typography } from "@mui/material";
import { LocalesMenuButton, Login, LoginForm, useTranslate } from "react-admin";
import { APP_TITLE } from "../config";
import { useDocumentLanguage } from "./useDocumentLanguage";

/** react-admin's login form under the product's name, with the language switcher. */
export const LoginPage = () => {
  const translate = useTranslate();
  useDocumentLanguage();
  return (
    <Login>
      <Box sx={{ px: 2, textAlign: "center" }}>
        <Typography variant="h5" component="h1">
          {APP_TITLE}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate("tthc.app.subtitle")}
        </Typography>
      </Box>
      <LoginForm />
      <Box sx={{ display: "flex", justifyContent: "center", pb: 1 }}>
        <LocalesMenuButton />
      </Box>
    </Login>
  );
};
