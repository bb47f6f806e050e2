// /account: every user changes their own password (the current one is required; their other
// sessions end, this one stays), sets up or turns off two-step verification, and sees and revokes
// their own API tokens.
import { Button, Paper, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { mapFieldErrors } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { useCurrentUser } from "../auth/session.js";
import { MailLogAddressSection } from "../mailinbox/MailLogAddressSection.js";
import { ApiTokenList } from "./ApiTokenList.js";
import { TotpSection } from "./TotpSection.js";
import { useChangeOwnPassword } from "./users.api.js";

const MIN_LENGTH = 8;

export function AccountPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const change = useChangeOwnPassword();
  const form = useForm({
    initialValues: { currentPassword: "", newPassword: "", repeat: "" },
    validate: {
      currentPassword: (v) => (v === "" ? t("fieldErrors.required") : null),
      newPassword: (v) => (v.length < MIN_LENGTH ? t("fieldErrors.too_short") : null),
      repeat: (v, all) => (v !== all.newPassword ? t("account.mismatch") : null),
    },
  });
  const mapped = mapFieldErrors(t, change.error, ["currentPassword", "newPassword"]);
  return (
    <Stack maw={720}>
      <Title order={1}>{t("account.title")}</Title>
      <Text c="dimmed">
        {user.name} · {user.email}
      </Text>
      <Paper withBorder p="md">
        <form
          noValidate
          onSubmit={form.onSubmit((values) =>
            change.mutate(
              { currentPassword: values.currentPassword, newPassword: values.newPassword },
              {
                onSuccess: () => {
                  form.reset();
                  notifications.show({ color: "green", message: t("account.changed") });
                },
                onError: (error) => form.setErrors(mapFieldErrors(t, error, ["currentPassword", "newPassword"]).byField),
              },
            ),
          )}
        >
          <Stack>
            <Title order={2} size="h3">
              {t("account.password")}
            </Title>
            {change.isError && Object.keys(mapped.byField).length === 0 && <ErrorAlert error={change.error} fields={mapped.other} />}
            <PasswordInput label={t("account.current")} autoComplete="current-password" required {...form.getInputProps("currentPassword")} />
            <PasswordInput label={t("account.new")} description={t("account.rule")} autoComplete="new-password" required {...form.getInputProps("newPassword")} />
            <PasswordInput label={t("account.repeat")} autoComplete="new-password" required {...form.getInputProps("repeat")} />
            <Button type="submit" loading={change.isPending} w="fit-content">
              {t("account.save")}
            </Button>
          </Stack>
        </form>
      </Paper>
      <TotpSection />
      <MailLogAddressSection />
      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h3">
            {t("account.tokens")}
          </Title>
          <ApiTokenList userId={user.id} />
        </Stack>
      </Paper>
    </Stack>
  );
}
