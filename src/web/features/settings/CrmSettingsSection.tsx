// The CRM memory settings: the contract-renewal window (days), the visit norms per account class
// (visits per twelve months) and the GDPR retention for persons of dead relations (months).
import { Button, Fieldset, Group, NumberInput, Paper, SimpleGrid, Stack, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { type NumberValue, serverFieldErrors, wholeNumberError } from "./settings-form.js";
import { type CrmSettings, useCrmSettings, useSaveCrmSettings } from "./settings.api.js";

const CLASSES = ["key", "A", "B", "C"] as const;

interface Values {
  proposalWindowDays: NumberValue;
  visitNorms: Record<(typeof CLASSES)[number], NumberValue>;
  deadRelationRetentionMonths: NumberValue;
}

const KNOWN = ["proposalWindowDays", "deadRelationRetentionMonths", ...CLASSES.map((c) => `visitNorms.${c}`)];

export function CrmSettingsSection() {
  const { t } = useTranslation();
  const settings = useCrmSettings();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-crm">
      <Stack>
        <Title order={2} size="h3" id="settings-crm">
          {t("settings.crm.title")}
        </Title>
        {settings.isPending ? <PageLoader /> : settings.isError ? <ErrorAlert error={settings.error} /> : <CrmForm settings={settings.data} />}
      </Stack>
    </Paper>
  );
}

function CrmForm({ settings }: { settings: CrmSettings }) {
  const { t } = useTranslation();
  const save = useSaveCrmSettings();
  const form = useForm<Values>({
    initialValues: settings,
    validate: {
      proposalWindowDays: (v) => wholeNumberError(t, v, 0, 730),
      // biome-ignore lint/correctness/noComponentHookFactories: A, B and C are account classes, not components
      visitNorms: { key: (v) => wholeNumberError(t, v, 0, 365), A: (v) => wholeNumberError(t, v, 0, 365), B: (v) => wholeNumberError(t, v, 0, 365), C: (v) => wholeNumberError(t, v, 0, 365) },
      deadRelationRetentionMonths: (v) => wholeNumberError(t, v, 1, 1200),
    },
  });
  const other = serverFieldErrors(t, save.error, KNOWN).other;

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const body: CrmSettings = {
          proposalWindowDays: Number(values.proposalWindowDays),
          visitNorms: { key: Number(values.visitNorms.key), A: Number(values.visitNorms.A), B: Number(values.visitNorms.B), C: Number(values.visitNorms.C) },
          deadRelationRetentionMonths: Number(values.deadRelationRetentionMonths),
        };
        save.mutate(body, {
          onSuccess: (data) => {
            form.setValues(data);
            form.resetDirty(data);
            notifications.show({ message: t("common.saved"), color: "green" });
          },
          onError: (error) => form.setErrors(serverFieldErrors(t, error, KNOWN).byField),
        });
      })}
    >
      <Stack>
        {save.isError && <ErrorAlert error={save.error} fields={other} />}
        <NumberInput
          label={t("settings.crm.proposalWindowDays")}
          description={t("settings.crm.proposalWindowDaysHint")}
          suffix={` ${t("settings.daysUnit")}`}
          min={0}
          max={730}
          allowDecimal={false}
          allowNegative={false}
                clampBehavior="none"
          maw={420}
          {...form.getInputProps("proposalWindowDays")}
        />
        <Fieldset legend={t("settings.crm.visitNorms")}>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {CLASSES.map((c) => (
              <NumberInput
                key={c}
                label={t("settings.crm.visitNormOf", { accountClass: t(`accountClass.${c}`) })}
                min={0}
                max={365}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                {...form.getInputProps(`visitNorms.${c}`)}
              />
            ))}
          </SimpleGrid>
        </Fieldset>
        <NumberInput
          label={t("settings.crm.retentionMonths")}
          description={t("settings.crm.retentionMonthsHint")}
          suffix={` ${t("settings.monthsUnit")}`}
          min={1}
          max={1200}
          allowDecimal={false}
          allowNegative={false}
                clampBehavior="none"
          maw={420}
          {...form.getInputProps("deadRelationRetentionMonths")}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("settings.crm.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
