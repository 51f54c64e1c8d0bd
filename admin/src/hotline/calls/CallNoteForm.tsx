// The staff member's note on a call, written while the call and after-call work go on. What they type
// is saved as their draft about a second after they stop (PUT /api/calls/:id/notes/draft), and once
// more when the page goes away, so a reload or a crash keeps it; reopening the form brings the draft
// back. "Hoàn tất ghi chú" sends the last changes and makes the note final (…/notes/draft/finish).
// The desk page mounts it during a call (`live`); the call page shows it under the call's notes.
import { Button, FormControlLabel, ListSubheader, MenuItem, Stack, Switch, TextField, Typography } from "@mui/material";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { HttpError, type Identifier, useGetList, useLocaleState, useNotify, useTranslate } from "react-admin";
import { NOTE_KINDS } from "../../../../server/contract/enums";
import type { CallNote } from "../../../../server/contract/hotline/call-log";
import type { NoteCategory } from "../../../../server/contract/hotline/note-categories";
import { NOTE_ANSWER_MAX, NOTE_QUESTION_MAX } from "../../../../server/contract/limits";
import { API_URL, httpClient } from "../../dataProvider";
import { categoryName } from "../note-categories/choices";
import { formatTime } from "./format";

export interface CallNoteFormProps {
  /** The call the note is about. */
  callId: Identifier;
  /** During a call (the desk): a compact form that keeps its place; the call page leaves it out. */
  live?: boolean;
  /** After the note is finished (the call page reloads the call to show it). */
  onFinished?: (note: CallNote) => void;
  /**
   * Tools shown under the answer field, given a way to put text into it (the desk mounts the
   * knowledge base's search there, whose "Chèn câu trả lời" lands in the answer).
   */
  answerTools?: (insertAnswer: (text: string) => void) => ReactNode;
}

interface Fields {
  category: string;
  question: string;
  answer: string;
  resolved: boolean;
}

const EMPTY: Fields = { category: "", question: "", answer: "", resolved: false };
/** How long the form waits after the last keystroke before saving the draft. */
const SAVE_DELAY_MS = 1000;

const draftUrl = (callId: Identifier) => `${API_URL}/calls/${encodeURIComponent(String(callId))}/notes/draft`;
const body = (fields: Fields) => JSON.stringify({ ...fields, category: fields.category || null });

/** Field reasons the server sent (`{ question: "tthc.validation.required" }`). */
function fieldErrors(error: unknown): Record<string, string> {
  const errors: unknown = error instanceof HttpError ? error.body?.errors : undefined;
  return errors && typeof errors === "object" ? (errors as Record<string, string>) : {};
}

export const CallNoteForm = ({ callId, live = false, onFinished, answerTools }: CallNoteFormProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [loaded, setLoaded] = useState(false);
  /** The draft's category when it is no longer offered (deactivated since it was chosen). */
  const [keptCategory, setKeptCategory] = useState<CallNote["categoryLabel"]>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [status, setStatus] = useState<"idle" | "saving" | "failed">("idle");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [finishing, setFinishing] = useState(false);

  // The latest fields and whether they differ from what the server has, for the timer and page exit.
  const latest = useRef(fields);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saving = useRef<Promise<void> | null>(null);

  const { data: categories = [] } = useGetList<NoteCategory & { id: number }>("note-categories", {
    pagination: { page: 1, perPage: 1000 },
    sort: { field: "sortOrder", order: "ASC" },
    filter: { active: true },
  });

  // Reopened (or reloaded): the draft comes back as it was last saved.
  useEffect(() => {
    let cancelled = false;
    setLoaded(false);
    httpClient(draftUrl(callId))
      .then(({ json }) => {
        if (cancelled) return;
        const draft = json as CallNote | null;
        if (draft) {
          const restored = { category: draft.category ?? "", question: draft.question, answer: draft.answer, resolved: draft.resolved };
          latest.current = restored;
          setFields(restored);
          setKeptCategory(draft.categoryLabel);
          setSavedAt(draft.updatedAt);
        } else {
          latest.current = EMPTY;
          setFields(EMPTY);
          setSavedAt(null);
        }
        setLoaded(true);
      })
      .catch(() => {
        if (!cancelled) setLoaded(true);
      });
    return () => {
      cancelled = true;
    };
  }, [callId]);

  const save = useCallback(async () => {
    // One save at a time; changes typed meanwhile are saved right after.
    if (saving.current) await saving.current;
    if (!dirty.current) return;
    dirty.current = false;
    setStatus("saving");
    const run = httpClient(draftUrl(callId), { method: "PUT", body: body(latest.current) })
      .then(({ json }) => {
        setSavedAt((json as CallNote).updatedAt);
        setStatus("idle");
        setErrors({});
      })
      .catch((error: unknown) => {
        dirty.current = true;
        setStatus("failed");
        setErrors(fieldErrors(error));
      });
    saving.current = run;
    await run;
    saving.current = null;
  }, [callId]);

  // Leaving the page (reload, closing the tab, another screen): what was typed since the last save
  // goes out in a request the browser finishes even after the page is gone.
  useEffect(() => {
    const flush = () => {
      if (!dirty.current) return;
      clearTimeout(timer.current);
      dirty.current = false;
      void fetch(draftUrl(callId), {
        method: "PUT",
        body: body(latest.current),
        headers: { "Content-Type": "application/json" },
        credentials: "include",
        keepalive: true,
      });
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [callId]);

  const change = (patch: Partial<Fields>) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    dirty.current = true;
    setFields(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
  };

  // An inserted answer goes after what is already written, a blank line between, never replacing it.
  const insertAnswer = (text: string) => {
    const current = latest.current.answer.trimEnd();
    change({ answer: (current ? `${current}\n\n${text}` : text).slice(0, NOTE_ANSWER_MAX) });
  };

  const finish = async (event: React.FormEvent) => {
    event.preventDefault();
    clearTimeout(timer.current);
    if (saving.current) await saving.current;
    setFinishing(true);
    try {
      const { json } = await httpClient(`${draftUrl(callId)}/finish`, { method: "POST", body: body(latest.current) });
      dirty.current = false;
      latest.current = EMPTY;
      setFields(EMPTY);
      setKeptCategory(null);
      setSavedAt(null);
      setErrors({});
      notify("tthc.notes.finished", { type: "success" });
      onFinished?.(json as CallNote);
    } catch (error) {
      setErrors(fieldErrors(error));
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    } finally {
      setFinishing(false);
    }
  };

  const error = (field: string) => (errors[field] ? translate(errors[field], { _: errors[field] }) : undefined);

  // Categories grouped by kind (questions, feedback, proposals, complaints), in the administrators' order.
  const options: ReactNode[] = [];
  for (const kind of NOTE_KINDS) {
    const ofKind = categories.filter((category) => category.kind === kind);
    if (ofKind.length === 0) continue;
    options.push(<ListSubheader key={`kind-${kind}`}>{translate(`tthc.notes.kinds.${kind}`)}</ListSubheader>);
    for (const category of ofKind) {
      options.push(
        <MenuItem key={category.code} value={category.code}>
          {categoryName(category, locale)}
        </MenuItem>,
      );
    }
  }
  if (fields.category && keptCategory && keptCategory.code === fields.category && !categories.some((c) => c.code === fields.category)) {
    options.push(
      <MenuItem key={keptCategory.code} value={keptCategory.code} disabled>
        {translate("tthc.notes.inactive", { name: categoryName(keptCategory, locale) })}
      </MenuItem>,
    );
  }

  const statusText =
    status === "saving"
      ? translate("tthc.notes.saving")
      : status === "failed"
        ? translate("tthc.notes.save_failed")
        : savedAt
          ? translate("tthc.notes.saved_at", { time: formatTime(savedAt) })
          : "";

  return (
    <Stack
      component="form"
      onSubmit={finish}
      spacing={live ? 1.5 : 2}
      sx={{ mt: live ? 0 : 2, maxWidth: live ? undefined : 720 }}
      aria-label={translate("tthc.notes.form_title")}
      aria-busy={!loaded}
    >
      {live && (
        <Typography variant="subtitle1" component="h3">
          {translate("tthc.notes.form_title")}
        </Typography>
      )}
      <TextField
        select
        required
        size="small"
        label={translate("tthc.notes.category")}
        value={categories.length > 0 || keptCategory ? fields.category : ""}
        onChange={(e) => change({ category: e.target.value })}
        error={Boolean(errors.category)}
        helperText={error("category")}
        disabled={!loaded}
        slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 420 } } } } } }}
      >
        {options}
      </TextField>
      <TextField
        required
        multiline
        minRows={live ? 2 : 3}
        size="small"
        label={translate("tthc.notes.question")}
        value={fields.question}
        onChange={(e) => change({ question: e.target.value })}
        error={Boolean(errors.question)}
        helperText={error("question")}
        disabled={!loaded}
        slotProps={{ htmlInput: { maxLength: NOTE_QUESTION_MAX } }}
      />
      <TextField
        multiline
        minRows={live ? 2 : 3}
        size="small"
        label={translate("tthc.notes.answer")}
        value={fields.answer}
        onChange={(e) => change({ answer: e.target.value })}
        error={Boolean(errors.answer)}
        helperText={error("answer")}
        disabled={!loaded}
        slotProps={{ htmlInput: { maxLength: NOTE_ANSWER_MAX } }}
      />
      {loaded && answerTools?.(insertAnswer)}
      <FormControlLabel
        control={<Switch checked={fields.resolved} onChange={(e) => change({ resolved: e.target.checked })} disabled={!loaded} />}
        label={translate("tthc.notes.resolved")}
      />
      <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
        <Button type="submit" variant="contained" disabled={!loaded || finishing || !fields.category || !fields.question.trim()}>
          {translate("tthc.notes.finish")}
        </Button>
        <Typography variant="caption" color={status === "failed" ? "error" : "text.secondary"} role="status" aria-live="polite">
          {statusText}
        </Typography>
      </Stack>
    </Stack>
  );
};
