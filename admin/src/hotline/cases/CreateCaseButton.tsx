// "Tạo phiếu" where a question turns into follow-up work: next to a call's final note, and on a
// callback request. It opens the case form with its origin (react-admin's `record` location state);
// the server takes the citizen's number, and the note's question and agency, from there.
import NoteAddIcon from "@mui/icons-material/NoteAdd";
import { Button, useCanAccess, useCreatePath } from "react-admin";
import { Link } from "react-router-dom";
import type { NoteKind } from "../../../../server/contract/enums";

type Origin =
  | { noteId: number; callId: number; kind?: NoteKind | null; question?: string }
  | { callbackRequestId: number; callId?: number | null };

export const CreateCaseButton = ({ origin, label }: { origin: Origin; label: string }) => {
  const { canAccess } = useCanAccess({ resource: "cases", action: "create" });
  const createPath = useCreatePath();
  if (!canAccess) return null;
  const record: Record<string, unknown> = { ...origin };
  if ("noteId" in origin && !origin.kind) delete record.kind;
  if (record.callId == null) delete record.callId;
  return (
    <Button
      component={Link}
      to={createPath({ resource: "cases", type: "create" })}
      state={{ record }}
      label={label}
      onClick={(event) => event.stopPropagation()}
      data-testid={"noteId" in origin ? `create-case-note-${origin.noteId}` : "create-case-callback"}
    >
      <NoteAddIcon />
    </Button>
  );
};
