// /settings/company ("Bedrijf"): the company's own details on every quote letter — name, addresses,
// KvK and VAT numbers, IBAN, contact details, logo, payment term and validity, closing text and the
// VAT rates. Administrators only (the server enforces users.manage on every save).
import { Alert, Button, Fieldset, Group, NumberInput, Paper, SimpleGrid, Stack, Switch, Textarea, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { formatIban } from "../../../domain/iban.js";
import { can } from "../../../domain/roles.js";
import { isApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { useCurrentUser } from "../auth/session.js";
import { SettingsTabs } from "../settings/SettingsTabs.js";
import { type NumberValue, serverFieldErrors, wholeNumberError } from "../settings/settings-form.js";
import { type CompanySettings, type CompanySettingsPatch, useCompanySettings, useSaveCompanySettings } from "./company.api.js";
import { LogoSection } from "./LogoSection.js";

const TEXTS = ["legalName", "kvkNumber", "vatNumber", "iban", "visitStreet", "visitPostcode", "visitCity", "postalStreet", "postalPostcode", "postalCity", "phone", "email", "website", "closingText"] as const;
type TextKey = (typeof TEXTS)[number];

type Values = Record<TextKey, string> & {
  paymentTermDays: NumberValue;
  quoteValidityDays: NumberValue;
  /** Percent, shown as 21 (the API holds basis points). */
  vatRates: { high: NumberValue; low: NumberValue; zero: NumberValue };
  totpRequiredForAdmins: boolean;
};

function toValues(s: CompanySettings): Values {
  const texts = Object.fromEntries(TEXTS.map((k) => [k, s[k]])) as Record<TextKey, string>;
  return {
    ...texts,
    // Shown in groups of four, as people read and type it; the server stores it without spaces.
    iban: formatIban(s.iban),
    paymentTermDays: s.paymentTermDays,
    quoteValidityDays: s.quoteValidityDays,
    vatRates: { high: s.vatRates.high / 100, low: s.vatRates.low / 100, zero: s.vatRates.zero / 100 },
    totpRequiredForAdmins: s.totpRequiredForAdmins,
  };
}

function toPatch(v: Values): CompanySettingsPatch {
  const texts = Object.fromEntries(TEXTS.map((k) => [k, v[k]])) as Record<TextKey, string>;
  const bp = (p: NumberValue) => Math.round(Number(p) * 100);
  return {
    ...texts,
    paymentTermDays: Number(v.paymentTermDays),
    quoteValidityDays: Number(v.quoteValidityDays),
    vatRates: { high: bp(v.vatRates.high), low: bp(v.vatRates.low), zero: bp(v.vatRates.zero) },
    totpRequiredForAdmins: v.totpRequiredForAdmins,
  };
}

export function CompanySettingsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const settings = useCompanySettings();
  return (
    <Stack maw={860}>
      <Title order={1}>{t("settings.title")}</Title>
      <SettingsTabs />
      {!can(user.role, "users.manage") ? (
        <Alert color="red" title={t("errors.title")} role="alert">
          {t("errors.forbidden")}
        </Alert>
      ) : settings.isPending ? (
        <PageLoader />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} />
      ) : (
        <CompanyForm settings={settings.data} onReload={() => void settings.refetch()} />
      )}
    </Stack>
  );
}

function CompanyForm({ settings, onReload }: { settings: CompanySettings; onReload: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCompanySettings();
  const percentError = (v: NumberValue) => (v === "" || Number(v) < 0 || Number(v) > 100 ? t("company.errors.percent") : null);
  const form = useForm<Values>({
    initialValues: toValues(settings),
    validate: {
      legalName: (v) => (v.trim() === "" ? t("fieldErrors.required") : null),
      paymentTermDays: (v) => wholeNumberError(t, v, 0, 365),
      quoteValidityDays: (v) => wholeNumberError(t, v, 0, 365),
      vatRates: { high: percentError, low: percentError, zero: percentError },
    },
  });
  const known = [...TEXTS, "paymentTermDays", "quoteValidityDays", "vatRates.high", "vatRates.low", "vatRates.zero", "totpRequiredForAdmins"];
  const other = serverFieldErrors(t, save.error, known).other;
  const text = (key: TextKey, extra: Record<string, unknown> = {}) => <TextInput label={t(`company.fields.${key}`)} {...extra} {...form.getInputProps(key)} />;
  const rate = (key: "high" | "low" | "zero") => (
    <NumberInput label={t(`company.vat.${key}`)} suffix=" %" min={0} max={100} decimalScale={2} decimalSeparator="," allowNegative={false} clampBehavior="none" {...form.getInputProps(`vatRates.${key}`)} />
  );

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        save.mutate(
          { version: settings.version, body: toPatch(values) },
          {
            onSuccess: (data) => {
              form.setValues(toValues(data));
              form.resetDirty(toValues(data));
              notifications.show({ message: t("common.saved"), color: "green" });
            },
            onError: (error) => form.setErrors(serverFieldErrors(t, error, known).byField),
          },
        ),
      )}
    >
      <Stack>
        {isApiError(save.error, "version_conflict") ? <VersionConflictAlert onReload={onReload} /> : save.isError && <ErrorAlert error={save.error} fields={other} />}
        <Paper withBorder p="md" component="section" aria-labelledby="company-identity">
          <Title order={2} size="h3" id="company-identity" mb="sm">
            {t("company.sections.identity")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text("legalName", { required: true })}
            {text("kvkNumber", { placeholder: "12345678" })}
            {text("vatNumber", { placeholder: "NL123456789B01" })}
            {text("iban", { placeholder: "NL91 ABNA 0417 1643 00" })}
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="company-addresses">
          <Title order={2} size="h3" id="company-addresses" mb="sm">
            {t("company.sections.addresses")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Fieldset legend={t("company.visitAddress")}>
              <Stack gap="xs">
                {text("visitStreet")}
                {text("visitPostcode", { placeholder: "1234 AB" })}
                {text("visitCity")}
              </Stack>
            </Fieldset>
            <Fieldset legend={t("company.postalAddress")}>
              <Stack gap="xs">
                {text("postalStreet", { description: t("company.postalHint") })}
                {text("postalPostcode", { placeholder: "1234 AB" })}
                {text("postalCity")}
              </Stack>
            </Fieldset>
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="company-contact">
          <Title order={2} size="h3" id="company-contact" mb="sm">
            {t("company.sections.contact")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {text("phone", { type: "tel" })}
            {text("email", { type: "email" })}
            {text("website", { placeholder: "www.voorbeeld.nl" })}
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="company-logo">
          <Title order={2} size="h3" id="company-logo" mb="sm">
            {t("company.sections.logo")}
          </Title>
          <LogoSection settings={settings} />
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="company-quotes">
          <Title order={2} size="h3" id="company-quotes" mb="sm">
            {t("company.sections.quotes")}
          </Title>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput label={t("company.fields.paymentTermDays")} suffix={` ${t("settings.daysUnit")}`} min={0} max={365} allowDecimal={false} allowNegative={false} clampBehavior="none" {...form.getInputProps("paymentTermDays")} />
              <NumberInput label={t("company.fields.quoteValidityDays")} description={t("company.validityHint")} suffix={` ${t("settings.daysUnit")}`} min={0} max={365} allowDecimal={false} allowNegative={false} clampBehavior="none" {...form.getInputProps("quoteValidityDays")} />
            </SimpleGrid>
            <Textarea label={t("company.fields.closingText")} description={t("company.closingHint")} autosize minRows={3} maxRows={8} {...form.getInputProps("closingText")} />
            <Fieldset legend={t("company.vat.title")}>
              <SimpleGrid cols={{ base: 1, xs: 3 }}>
                {rate("high")}
                {rate("low")}
                {rate("zero")}
              </SimpleGrid>
            </Fieldset>
          </Stack>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="company-security">
          <Title order={2} size="h3" id="company-security" mb="sm">
            {t("company.sections.security")}
          </Title>
          <Switch
            label={t("company.fields.totpRequiredForAdmins")}
            description={t("company.totpHint")}
            {...form.getInputProps("totpRequiredForAdmins", { type: "checkbox" })}
          />
        </Paper>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("company.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
