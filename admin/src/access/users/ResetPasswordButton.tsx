import LockResetIcon from "@mui/icons-material/LockReset";
import { Dialog, DialogActions, DialogContent, DialogTitle } from "@mui/material";
import { useState } from "react";
import {
  Button,
  Form,
  HttpError,
  PasswordInput,
  SaveButton,
  useDataProvider,
  useNotify,
  useRecordContext,
  useTranslate,
} from "react-admin";
import type { User } from "../../../../server/contract/access/users";
import type { TthcDataProvider } from "../../dataProvider";
import { validatePassword, validatePasswordConfirmation } from "./password";

interface Values {
  password: string;
  confirmPassword: string;
}

const EMPTY = { password: "", confirmPassword: "" };

/** Opens a dialog that sets a new password for the user being edited (POST /users/:id/password). */
export const ResetPasswordButton = () => {
  const record = useRecordContext<User>();
  const dataProvider = useDataProvider<TthcDataProvider>();
  const notify = useNotify();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  if (!record) return null;

  const close = () => setOpen(false);
  const submit = async (values: Partial<Values>) => {
    try {
      await dataProvider.resetPassword(record.id, values.password ?? "");
    } catch (error) {
      // Field reasons go next to the input; anything else is a notification.
      if (error instanceof HttpError && error.body?.errors) return error.body.errors as Record<string, string>;
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
      return;
    }
    notify("tthc.users.reset_password.success", { type: "success" });
    close();
  };

  return (
    <>
      <Button label="tthc.users.reset_password.button" onClick={() => setOpen(true)}>
        <LockResetIcon />
      </Button>
      <Dialog open={open} onClose={close} aria-labelledby="reset-password-title" fullWidth maxWidth="xs">
        <Form record={EMPTY} onSubmit={submit}>
          <DialogTitle id="reset-password-title">{translate("tthc.users.reset_password.title", { name: record.name })}</DialogTitle>
          <DialogContent>
            <PasswordInput
              source="password"
              label="tthc.users.reset_password.new_password"
              helperText="tthc.users.reset_password.help"
              validate={validatePassword}
              autoComplete="new-password"
              autoFocus
            />
            <PasswordInput
              source="confirmPassword"
              label="tthc.users.reset_password.confirm_password"
              validate={validatePasswordConfirmation}
              autoComplete="new-password"
            />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={close} />
            <SaveButton label="tthc.users.reset_password.button" icon={<LockResetIcon />} />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
