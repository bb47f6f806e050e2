// /wachtwoord-kiezen#token=…: the public page of a password link. The token stays in the fragment
// (browsers never send it to the server in a URL or Referer) and goes to the API in the body.
import { Alert, Anchor, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError } from "../../api/client.js";
import { mapFieldErrors } from "../../api/problems.js";
import { LanguageSwitch } from "../../app/LanguageSwitch.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { useChoosePassword, usePasswordLink } from "./users.api.js";

const MIN_LENGTH = 8;

function tokenOfFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token");
  return token && token.length >= 20 ? token : null;
}

export function PasswordResetPage() {
  const { t } = useTranslation();
  const token = useMemo(tokenOfFragment, []);
  const link = usePasswordLink(token);
  const choose = useChoosePassword();
  const form = useForm({
    initialValues: { password: "", repeat: "" },
    validate: {
      password: (v) => (v.length < MIN_LENGTH ? t("fieldErrors.too_short") : null),
      repeat: (v, all) => (v !== all.password ? t("account.mismatch") : null),
    },
  });
  const invalid = isApiError(link.error, "password_link_invalid") || isApiError(choose.error, "password_link_invalid");

  let content: React.ReactNode;
  if (token === null) content = <Alert color="orange">{t("passwordReset.missing")}</Alert>;
  else if (invalid) content = <Alert color="red" role="alert">{t("passwordReset.invalid")}</Alert>;
  else if (link.isError) content = <ErrorAlert error={link.error} />;
  else if (choose.isSuccess)
    content = (
      <Stack>
        <Alert color="green" role="status">
          {t("passwordReset.done")}
        </Alert>
        <Button component={Link} to="/login" w="fit-content">
          {t("passwordReset.toLogin")}
        </Button>
      </Stack>
    );
  else if (link.data)
    content = (
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          choose.mutate({ token, password: values.password }, { onError: (error) => form.setErrors(mapFieldErrors(t, error, ["password"]).byField) }),
        )}
      >
        <Stack>
          <Text>{t("passwordReset.for", { name: link.data.name, email: link.data.email })}</Text>
          {choose.isError && !isApiError(choose.error, "validation_failed") && <ErrorAlert error={choose.error} />}
          {/* The e-mail address as user name lets password managers store the new password with it. */}
          <input type="email" name="username" autoComplete="username" value={link.data.email} readOnly hidden />
          <PasswordInput label={t("passwordReset.password")} description={t("account.rule")} autoComplete="new-password" required {...form.getInputProps("password")} />
          <PasswordInput label={t("passwordReset.repeat")} autoComplete="new-password" required {...form.getInputProps("repeat")} />
          <Button type="submit" loading={choose.isPending}>
            {t("passwordReset.save")}
          </Button>
        </Stack>
      </form>
    );
  else content = <Text c="dimmed">{t("common.loading")}</Text>;

  return (
    <Center mih="100vh" p="md" component="main">
      <Box w="100%" maw={420}>
        <Group justify="space-between" mb="md">
          <Text fw={700} size="xl">
            {t("app.name")}
          </Text>
          <LanguageSwitch />
        </Group>
        <Paper withBorder p="lg" radius="md">
          <Stack>
            <Title order={1} size="h2">
              {t("passwordReset.title")}
            </Title>
            {content}
            {!choose.isSuccess && (
              <Anchor component={Link} to="/login" size="sm">
                {t("passwordReset.toLogin")}
              </Anchor>
            )}
          </Stack>
        </Paper>
      </Box>
    </Center>
  );
}
