import { Alert } from "@mui/material";
import { Create, type RaRecord, required, SelectInput, SimpleForm, TextInput, useNotify, useRedirect, useTranslate } from "react-admin";
import { useLocation } from "react-router-dom";
import type { Case, CaseCreate as CaseCreateBody } from "../../../../server/contract/hotline/cases";
import { AgencyInput } from "../../agencies/tree/AgencyInput";
import { kindChoices } from "./choices";

/** Where a case comes from when a "Tạo phiếu" button opened the form (location state, react-admin's `record`). */
interface Origin {
  noteId?: number;
  callId?: number;
  callbackRequestId?: number;
}

const TEXT_FIELDS = ["phone", "citizenName", "topic", "procedureCode", "procedureName", "question"] as const;

/** The body POST /api/cases accepts (the contract's CaseCreate): no empty texts, no fields it does not know. */
export function createBody(values: RaRecord): CaseCreateBody {
  const body: Record<string, unknown> = values.kind ? { kind: values.kind } : {};
  for (const field of TEXT_FIELDS) {
    const text = typeof values[field] === "string" ? values[field].trim() : "";
    if (text) body[field] = text;
  }
  for (const field of ["agencyId", "noteId", "callbackRequestId", "callId"] as const) {
    if (values[field] != null && values[field] !== "") body[field] = Number(values[field]);
  }
  // From a note or a request the server takes the number from the call or the request.
  if (body.noteId || body.callbackRequestId) delete body.phone;
  return body as CaseCreateBody;
}

const OriginNote = ({ origin }: { origin: Origin }) => {
  const translate = useTranslate();
  if (origin.noteId) return <Alert severity="info">{translate("tthc.cases.from_note", { callId: origin.callId ?? "" })}</Alert>;
  if (origin.callbackRequestId)
    return <Alert severity="info">{translate("tthc.cases.from_callback", { id: origin.callbackRequestId })}</Alert>;
  return null;
};

export const CaseCreate = () => {
  const location = useLocation();
  const origin: Origin = (location.state as { record?: Origin } | null)?.record ?? {};
  const fromElsewhere = Boolean(origin.noteId || origin.callbackRequestId);
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      transform={createBody}
      mutationOptions={{
        onSuccess: (created: Case) => {
          notify("tthc.cases.created", { type: "success", messageArgs: { code: created.code } });
          redirect("show", "cases", created.id);
        },
      }}
    >
      <SimpleForm defaultValues={origin.noteId ? {} : { kind: "question" }}>
        <OriginNote origin={origin} />
        {!fromElsewhere && <TextInput source="phone" validate={required()} />}
        <TextInput source="citizenName" />
        {/* From a note without a category the server takes the kind from the note; otherwise it is required. */}
        <SelectInput source="kind" choices={kindChoices} validate={origin.noteId ? undefined : required()} />
        <TextInput source="question" multiline minRows={3} fullWidth validate={origin.noteId ? undefined : required()} />
        <AgencyInput source="agencyId" />
        <TextInput source="topic" />
        <TextInput source="procedureCode" />
        <TextInput source="procedureName" fullWidth />
      </SimpleForm>
    </Create>
  );
};
