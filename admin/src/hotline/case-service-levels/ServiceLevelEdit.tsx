import { Edit, maxValue, minValue, NumberInput, type RaRecord, required, SimpleForm, useRecordContext, useTranslate } from "react-admin";

const Title = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  return (
    <>
      {translate("resources.case-service-levels.name", { smart_count: 1 })}: {record ? translate(`tthc.cases.kinds.${record.id}`) : ""}
    </>
  );
};

/** PUT /api/case-service-levels/:kind takes the two numbers only. */
const body = (values: RaRecord) => ({ workingDays: Number(values.workingDays), escalateAfterDays: Number(values.escalateAfterDays) });

export const ServiceLevelEdit = () => (
  <Edit mutationMode="pessimistic" transform={body} redirect="list" title={<Title />}>
    <SimpleForm>
      <NumberInput source="workingDays" validate={[required(), minValue(1), maxValue(90)]} step={1} />
      <NumberInput source="escalateAfterDays" validate={[required(), minValue(0), maxValue(60)]} step={1} />
    </SimpleForm>
  </Edit>
);
