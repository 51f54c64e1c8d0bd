import { Button, MenuItem, Stack, TextField } from "@mui/material";
import { useState } from "react";
import { type Identifier, useNotify, useRefresh, useTranslate } from "react-admin";
import { API_URL, httpClient } from "../../dataProvider";
import { categoryChoices } from "./choices";

/** Adds a staff note: POST /api/calls/:id/notes, then reloads the call. */
export const NoteForm = ({ callId }: { callId: Identifier }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [category, setCategory] = useState("");
  const [summary, setSummary] = useState("");
  const [saving, setSaving] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      await httpClient(`${API_URL}/calls/${encodeURIComponent(callId)}/notes`, {
        method: "POST",
        body: JSON.stringify({ category, summary: summary.trim() }),
      });
      setCategory("");
      setSummary("");
      notify("tthc.calls.note_added", { type: "success" });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack component="form" onSubmit={submit} spacing={2} sx={{ mt: 2, maxWidth: 640 }} aria-label={translate("tthc.calls.add_note")}>
      <TextField
        select
        required
        size="small"
        label={translate("resources.calls.fields.category")}
        value={category}
        onChange={(e) => setCategory(e.target.value)}
      >
        {categoryChoices.map((choice) => (
          <MenuItem key={choice.id} value={choice.id}>
            {translate(choice.name)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        required
        multiline
        minRows={2}
        size="small"
        label={translate("resources.calls.fields.summary")}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        slotProps={{ htmlInput: { maxLength: 4000 } }}
      />
      <Button type="submit" variant="contained" disabled={saving || !category || !summary.trim()} sx={{ alignSelf: "flex-start" }}>
        {translate("tthc.calls.add_note")}
      </Button>
    </Stack>
  );
};
