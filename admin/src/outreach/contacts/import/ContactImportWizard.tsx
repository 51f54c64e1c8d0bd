// "Nhập danh bạ": file → column mapping (pre-filled from the header) with the first rows → import
// with progress → counts and the error report. The wizard holds what was chosen so far; each step
// is its own component beside it.
import { Alert, Card, CardContent, Step, StepLabel, Stepper } from "@mui/material";
import { useState } from "react";
import { Title, useGetList, useTranslate } from "react-admin";
import type { ContactImport, ImportPreview } from "../../../../../server/contract/outreach/contact-imports";
import { previewImport, startImport } from "../api";
import { type ImportChoices, MappingStep, NO_CHOICES } from "./MappingStep";
import { ProgressStep } from "./ProgressStep";
import { SummaryStep } from "./SummaryStep";
import { UploadStep } from "./UploadStep";

const STEPS = ["upload", "mapping", "run", "summary"] as const;

export const ContactImportWizard = () => {
  const translate = useTranslate();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<ImportPreview>();
  const [choices, setChoices] = useState<ImportChoices>(NO_CHOICES);
  const [progress, setProgress] = useState(0);
  const [result, setResult] = useState<ContactImport>();
  const [error, setError] = useState<string>();
  const { data: lists = [] } = useGetList("contact-lists", {
    pagination: { page: 1, perPage: 200 },
    sort: { field: "name", order: "ASC" },
  });

  const choose = async (chosen: File) => {
    setError(undefined);
    try {
      const previewed = await previewImport(chosen);
      setFile(chosen);
      setPreview(previewed);
      setChoices((current) => ({ ...current, mapping: previewed.suggested }));
      setStep(1);
    } catch (e) {
      setError(translate((e as Error).message, { _: (e as Error).message }));
    }
  };

  const run = async () => {
    if (!file) return;
    const { mapping, consentSource, consentMethod, listId } = choices;
    setStep(2);
    setProgress(0);
    setError(undefined);
    try {
      const done = await startImport(
        file,
        { ...mapping, ...(consentSource && { consentSource }), ...(consentMethod && { consentMethod }) },
        listId === "" ? undefined : listId,
        setProgress,
      );
      setResult(done);
      setStep(3);
    } catch (e) {
      setError(translate("tthc.contacts.import_failed", { message: translate((e as Error).message, { _: (e as Error).message }) }));
      setStep(1);
    }
  };

  const reset = () => {
    setStep(0);
    setFile(undefined);
    setPreview(undefined);
    setResult(undefined);
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="tthc.contacts.import" />
      <CardContent>
        <Stepper activeStep={step} sx={{ mb: 3 }}>
          {STEPS.map((key) => (
            <Step key={key}>
              <StepLabel>{translate(`tthc.contacts.import_steps.${key}`)}</StepLabel>
            </Step>
          ))}
        </Stepper>
        {error && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {error}
          </Alert>
        )}
        {step === 0 && <UploadStep onChoose={choose} />}
        {step === 1 && preview && (
          <MappingStep
            fileName={file?.name}
            preview={preview}
            lists={lists}
            choices={choices}
            onChange={setChoices}
            onBack={reset}
            onStart={run}
          />
        )}
        {step === 2 && <ProgressStep progress={progress} />}
        {step === 3 && result && <SummaryStep result={result} onAnother={reset} />}
      </CardContent>
    </Card>
  );
};
