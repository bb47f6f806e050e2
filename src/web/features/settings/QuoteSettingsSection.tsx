// The quote advice settings: the chance threshold (%) and the longest acceptable decision term in
// months per market segment (empty: the default term applies).
import { Button, Fieldset, Group, NumberInput, Paper, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { type NumberValue, serverFieldErrors, wholeNumberError } from "./settings-form.js";
import { type QuoteSettings, useQuoteSettingsForAdmin, useSaveQuoteSettings } from "./settings.api.js";

interface Values {
  chanceThreshold: NumberValue;
  segments: { id: number; name: string; maxDecisionMonths: NumberValue }[];
}

function toValues(s: QuoteSettings): Values {
  return {
    chanceThreshold: s.chanceThreshold,
    segments: s.segments.map((g) => ({ id: g.id, name: g.name, maxDecisionMonths: g.maxDecisionMonths ?? "" })),
  };
}

export function QuoteSettingsSection() {
  const { t } = useTranslation();
  const settings = useQuoteSettingsForAdmin();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-quotes">
      <Stack>
        <Title order={2} size="h3" id="settings-quotes">
          {t("settings.quotes.title")}
        </Title>
        {settings.isPending ? <PageLoader /> : settings.isError ? <ErrorAlert error={settings.error} /> : <QuoteForm settings={settings.data} />}
      </Stack>
    </Paper>
  );
}

function QuoteForm({ settings }: { settings: QuoteSettings }) {
  const { t } = useTranslation();
  const save = useSaveQuoteSettings();
  const form = useForm<Values>({
    initialValues: toValues(settings),
    validate: {
      chanceThreshold: (v) => wholeNumberError(t, v, 0, 100),
      segments: { maxDecisionMonths: (v) => wholeNumberError(t, v, 0, 60, true) },
    },
  });
  const known = ["chanceThreshold", ...form.values.segments.map((_, i) => `segments.${i}.maxDecisionMonths`)];
  // A problem with a segment's id (unknown segment) belongs beside that segment's term.
  const alias = (f: string) => f.replace(/^segments\.(\d+)\.id$/, "segments.$1.maxDecisionMonths");
  const other = serverFieldErrors(t, save.error, known, alias).other;

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const body = {
          chanceThreshold: Number(values.chanceThreshold),
          segments: values.segments.map((s) => ({ id: s.id, maxDecisionMonths: s.maxDecisionMonths === "" ? null : Number(s.maxDecisionMonths) })),
        };
        save.mutate(body, {
          onSuccess: (data) => {
            form.setValues(toValues(data));
            form.resetDirty(toValues(data));
            notifications.show({ message: t("common.saved"), color: "green" });
          },
          onError: (error) => form.setErrors(serverFieldErrors(t, error, known, alias).byField),
        });
      })}
    >
      <Stack>
        {save.isError && <ErrorAlert error={save.error} fields={other} />}
        <NumberInput
          label={t("settings.quotes.chanceThreshold")}
          description={t("settings.quotes.chanceThresholdHint")}
          suffix=" %"
          min={0}
          max={100}
          allowDecimal={false}
          allowNegative={false}
                clampBehavior="none"
          maw={420}
          {...form.getInputProps("chanceThreshold")}
        />
        <Fieldset legend={t("settings.quotes.segments")}>
          <Text size="sm" c="dimmed" mb="xs">
            {t("settings.quotes.segmentsHint", { months: settings.defaultMaxTermMonths })}
          </Text>
          {form.values.segments.length === 0 ? (
            <Text size="sm">{t("settings.quotes.noSegments")}</Text>
          ) : (
            <Stack gap="xs">
              {form.values.segments.map((segment, i) => (
                <NumberInput
                  key={segment.id}
                  label={t("settings.quotes.segmentTerm", { segment: segment.name })}
                  placeholder={t("settings.quotes.defaultTerm", { months: settings.defaultMaxTermMonths })}
                  suffix={` ${t("settings.monthsUnit")}`}
                  min={0}
                  max={60}
                  allowDecimal={false}
                  allowNegative={false}
                clampBehavior="none"
                  maw={320}
                  {...form.getInputProps(`segments.${i}.maxDecisionMonths`)}
                />
              ))}
            </Stack>
          )}
        </Fieldset>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("settings.quotes.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
