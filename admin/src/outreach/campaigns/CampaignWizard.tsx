import {
  Alert,
  Box,
  Card,
  CardContent,
  FormControlLabel,
  Radio,
  RadioGroup,
  Stack,
  Step,
  StepButton,
  Stepper,
  Typography,
} from "@mui/material";
import { type ReactNode, useState } from "react";
import {
  BooleanInput,
  Button,
  Create,
  Edit,
  Form,
  ReferenceArrayInput,
  ReferenceInput,
  required,
  SelectArrayInput,
  SelectInput,
  TextInput,
  useGetList,
  useRecordContext,
  useRedirect,
  useSaveContext,
  useTranslate,
} from "react-admin";
import { useFormContext, useWatch } from "react-hook-form";
import type { Campaign } from "../../../../server/contract/outreach/campaigns";
import type { ContactList } from "../../../../server/contract/outreach/contact-lists";
import type { SmsSender } from "../../../../server/contract/outreach/senders";
import type { SmsTemplate } from "../../../../server/contract/outreach/templates";
import { DateTimeTextInput } from "../../common/dates/inputs";
import { formatNumber } from "../../hotline/calls/format";
import { ActionButton } from "./ActionButton";
import { ChannelStep } from "./ChannelStep";
import { blocksSubmission, EstimatePanel, useEstimate } from "./EstimatePanel";
import { MessagePreview } from "./MessagePreview";

const STEPS = ["name", "message", "sender", "channel", "audience", "schedule", "review"] as const;
const REVIEW = STEPS.length - 1;

/** The fields each step validates before moving on. */
const STEP_FIELDS: Record<number, string[]> = {
  0: ["name"],
  1: ["body"],
  2: ["senderId"],
  3: ["channel", "znsTemplateId"],
  4: ["audience.listIds", "audience.segmentIds"],
  5: ["scheduledAt"],
};

/** What the API accepts on create and update; the rest of the record (counts, people, dates) is dropped. */
export function toPayload(data: Partial<Campaign>) {
  return {
    name: data.name,
    templateId: data.templateId ?? null,
    body: data.body,
    unaccented: data.unaccented ?? true,
    senderId: data.senderId,
    audience: { listIds: data.audience?.listIds ?? [], segmentIds: data.audience?.segmentIds ?? [] },
    channel: data.channel ?? "sms",
    znsTemplateId: data.channel === "zns_sms_fallback" ? (data.znsTemplateId ?? null) : null,
    // Empty fields fall back to the template's own source.
    znsParams: Object.fromEntries(Object.entries(data.znsParams ?? {}).filter(([, v]) => typeof v === "string" && v.trim() !== "")),
    scheduledAt: data.scheduledAt ?? null,
  };
}

const audienceRequired = (_value: unknown, values: Partial<Campaign>) =>
  (values.audience?.listIds?.length ?? 0) + (values.audience?.segmentIds?.length ?? 0) > 0 ? undefined : "tthc.campaigns.audience_required";

const inFuture = (value: unknown) =>
  typeof value === "string" && new Date(value).getTime() <= Date.now() ? "tthc.campaigns.schedule.in_past" : undefined;

const Panel = ({ active, children }: { active: boolean; children: ReactNode }) => (
  <Box role="tabpanel" hidden={!active} sx={{ display: active ? "block" : "none", maxWidth: 760 }}>
    {children}
  </Box>
);

const MessageStep = () => {
  const { setValue } = useFormContext();
  const { data: templates = [] } = useGetList<SmsTemplate>("sms-templates", {
    pagination: { page: 1, perPage: 100 },
    sort: { field: "name", order: "ASC" },
  });
  return (
    <>
      <SelectInput
        source="templateId"
        choices={templates}
        emptyText="—"
        helperText="tthc.campaigns.template_help"
        label="tthc.campaigns.template"
        onChange={(event) => {
          const chosen = templates.find((t) => String(t.id) === String(event.target.value));
          if (!chosen) return;
          setValue("body", chosen.body, { shouldDirty: true, shouldValidate: true });
          setValue("unaccented", chosen.unaccented, { shouldDirty: true });
        }}
      />
      <TextInput source="body" multiline minRows={4} validate={required()} helperText="tthc.campaigns.body_help" fullWidth />
      <BooleanInput source="unaccented" />
      <MessagePreview />
    </>
  );
};

const SenderStep = () => {
  const translate = useTranslate();
  const senderText = (sender: SmsSender) =>
    `${sender.brandname} · ${sender.provider} · ${translate("tthc.campaigns.price_per_segment", {
      price: `${formatNumber(sender.pricePerSegment)} đ`,
    })} · ${translate("tthc.campaigns.sender_rate", { rate: sender.messagesPerSecond })}`;
  return (
    // Only active senders are offered; a draft's current sender still shows if it was deactivated since.
    <ReferenceInput
      source="senderId"
      reference="sms-senders"
      filter={{ active: true }}
      sort={{ field: "brandname", order: "ASC" }}
      perPage={100}
    >
      <SelectInput optionText={senderText} validate={required()} fullWidth />
    </ReferenceInput>
  );
};

const AudienceStep = () => {
  const translate = useTranslate();
  const withCount = (item: ContactList) =>
    item.memberCount == null ? item.name : `${item.name} (${translate("tthc.campaigns.members", { smart_count: item.memberCount })})`;
  return (
    <>
      <ReferenceArrayInput source="audience.listIds" reference="contact-lists" sort={{ field: "name", order: "ASC" }} perPage={100}>
        <SelectArrayInput label="tthc.campaigns.lists" optionText={withCount} validate={audienceRequired} fullWidth />
      </ReferenceArrayInput>
      <ReferenceArrayInput source="audience.segmentIds" reference="segments" sort={{ field: "name", order: "ASC" }} perPage={100}>
        <SelectArrayInput label="tthc.campaigns.segments" optionText="name" fullWidth />
      </ReferenceArrayInput>
      <Typography variant="body2" color="text.secondary">
        {translate("tthc.campaigns.audience_help")}
      </Typography>
    </>
  );
};

const ScheduleStep = () => {
  const translate = useTranslate();
  const { setValue, getValues } = useFormContext();
  const [mode, setMode] = useState<"now" | "at">(() => (getValues("scheduledAt") ? "at" : "now"));
  return (
    <>
      <RadioGroup
        value={mode}
        onChange={(event) => {
          const next = event.target.value === "at" ? "at" : "now";
          setMode(next);
          if (next === "now") setValue("scheduledAt", null, { shouldDirty: true, shouldValidate: true });
        }}
      >
        <FormControlLabel value="now" control={<Radio />} label={translate("tthc.campaigns.schedule.now")} />
        <FormControlLabel value="at" control={<Radio />} label={translate("tthc.campaigns.schedule.at")} />
      </RadioGroup>
      {mode === "at" && <DateTimeTextInput source="scheduledAt" label="tthc.campaigns.schedule.when" validate={[required(), inFuture]} />}
      <Alert severity="info" sx={{ mt: 1 }}>
        {translate("tthc.campaigns.schedule.window")}
      </Alert>
    </>
  );
};

/** The saved draft's estimate and compliance check, and the submission for approval. */
const ReviewStep = ({ dirty, saving, onSave }: { dirty: boolean; saving: boolean; onSave: () => void }) => {
  const translate = useTranslate();
  const redirect = useRedirect();
  const record = useRecordContext<Campaign>();
  const state = useEstimate(record?.id, record?.updatedAt);
  const estimate = state.estimate;
  if (!record?.id) return <Alert severity="info">{translate("tthc.campaigns.estimate.save_first")}</Alert>;
  const failing = estimate ? blocksSubmission(estimate.compliance) : true;
  return (
    <>
      {dirty && (
        <Alert
          severity="warning"
          action={<Button label="tthc.campaigns.wizard.save_draft" onClick={onSave} disabled={saving} />}
          sx={{ mb: 1 }}
        >
          {translate("tthc.campaigns.wizard.unsaved")}
        </Alert>
      )}
      <EstimatePanel state={state} />
      {record.status === "draft" && (
        <Box sx={{ mt: 2 }}>
          <ActionButton
            action="submit"
            campaign={record}
            count={estimate?.sendable}
            disabled={dirty || saving || failing}
            onDone={() => redirect("show", "campaigns", record.id)}
          />
        </Box>
      )}
    </>
  );
};

const WizardSteps = ({ editing }: { editing: boolean }) => {
  const translate = useTranslate();
  const { trigger, handleSubmit, formState } = useFormContext();
  const { save, saving = false } = useSaveContext();
  // A saved draft opens on its review; a new one starts with its name.
  const [step, setStep] = useState(editing ? REVIEW : 0);
  useWatch(); // re-render on every change so `isDirty` is current

  const submit = handleSubmit(async (values) => {
    const errors = await save?.(values);
    if (!errors && editing) setStep(REVIEW);
  });

  const next = async () => {
    if (!(await trigger(STEP_FIELDS[step] ?? []))) return;
    if (step === REVIEW - 1 && (!editing || formState.isDirty)) await submit();
    else setStep(step + 1);
  };

  return (
    <Box sx={{ p: 2, width: "100%" }}>
      <Stepper nonLinear={editing} activeStep={step} alternativeLabel sx={{ mb: 3 }}>
        {STEPS.map((key, index) => (
          <Step key={key} completed={editing || index < step}>
            <StepButton onClick={() => (editing || index < step) && setStep(index)}>{translate(`tthc.campaigns.steps.${key}`)}</StepButton>
          </Step>
        ))}
      </Stepper>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {translate(`tthc.campaigns.steps.${STEPS[step]}`)}{" "}
        <Typography component="span" variant="body2" color="text.secondary">
          {translate("tthc.campaigns.wizard.step_of", { step: step + 1, total: STEPS.length })}
        </Typography>
      </Typography>
      <Panel active={step === 0}>
        <TextInput source="name" validate={required()} fullWidth />
      </Panel>
      <Panel active={step === 1}>
        <MessageStep />
      </Panel>
      <Panel active={step === 2}>
        <SenderStep />
      </Panel>
      <Panel active={step === 3}>
        <ChannelStep />
      </Panel>
      <Panel active={step === 4}>
        <AudienceStep />
      </Panel>
      <Panel active={step === 5}>
        <ScheduleStep />
      </Panel>
      <Panel active={step === REVIEW}>
        <ReviewStep dirty={formState.isDirty} saving={saving} onSave={() => submit()} />
      </Panel>
      <Stack direction="row" spacing={1} sx={{ mt: 3 }}>
        {step > 0 && <Button label="tthc.campaigns.wizard.back" onClick={() => setStep(step - 1)} variant="outlined" />}
        {step < REVIEW && (
          <Button
            label={step === REVIEW - 1 ? "tthc.campaigns.wizard.save_and_review" : "tthc.campaigns.wizard.next"}
            onClick={next}
            disabled={saving}
            variant="contained"
          />
        )}
      </Stack>
    </Box>
  );
};

const DEFAULTS = {
  unaccented: true,
  audience: { listIds: [], segmentIds: [] },
  scheduledAt: null,
  templateId: null,
  channel: "sms",
  znsTemplateId: null,
  znsParams: {},
};

const Wizard = ({ editing }: { editing: boolean }) => (
  <Card>
    <CardContent sx={{ p: 0 }}>
      <Form defaultValues={DEFAULTS} warnWhenUnsavedChanges>
        <WizardSteps editing={editing} />
      </Form>
    </CardContent>
  </Card>
);

// After the first save the draft opens in the editor, on its review step with the estimate.
export const CampaignCreate = () => (
  <Create transform={toPayload} redirect={(_resource, id) => `campaigns/${String(id)}`} component="div">
    <Wizard editing={false} />
  </Create>
);

export const CampaignEdit = () => (
  <Edit transform={toPayload} mutationMode="pessimistic" redirect={false} component="div">
    <Wizard editing />
  </Edit>
);
