import { Button, Stack, TextField } from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import type { Staff } from "../../../../server/contract/agencies/staff";

/** The staff member's own PIN for changing presence by calling the hotline (4 to 8 digits, stored hashed). */
export const PinForm = ({
  staff,
  disabled,
  setPin,
}: {
  staff: Staff;
  disabled: boolean;
  setPin: (staff: Staff, pin: string | null) => Promise<boolean>;
}) => {
  const translate = useTranslate();
  const [pin, setValue] = useState("");
  const valid = /^[0-9]{4,8}$/.test(pin);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: "center", mt: 1 }}>
      <TextField
        size="small"
        type="password"
        label={translate(staff.hasPresencePin ? "tthc.staff.pin_change" : "tthc.staff.pin_set")}
        helperText={translate("tthc.staff.pin_help")}
        value={pin}
        error={pin !== "" && !valid}
        onChange={(event) => setValue(event.target.value.replace(/\D/g, "").slice(0, 8))}
        slotProps={{ htmlInput: { inputMode: "numeric", autoComplete: "new-password" } }}
      />
      <Button
        size="small"
        variant="outlined"
        disabled={disabled || !valid}
        onClick={async () => {
          if (await setPin(staff, pin)) setValue("");
        }}
      >
        {translate("ra.action.save")}
      </Button>
    </Stack>
  );
};
