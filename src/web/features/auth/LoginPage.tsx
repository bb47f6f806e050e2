// Dutch login page (English selectable). Wrong credentials and too many attempts get their own
// message; after login the user returns to the page that sent them here.
import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { isApiError } from "../../api/client.js";
import { LanguageSwitch } from "../../app/LanguageSwitch.js";
import { useLogin, useSession } from "./session.js";

/**
 * Only paths of this app (not "//evil.example" or "/\\evil.example"), so a link cannot send the user
 * elsewhere. Without one, "/" sends the user to the home page of their role (app/home.tsx).
 */
function safeNext(raw: string | null): string {
  return raw?.startsWith("/") && !raw.startsWith("//") && !raw.startsWith("/\\") ? raw : "/";
}

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  // Asked once the server says this user logs in with an authenticator app (totp_required).
  const [askCode, setAskCode] = useState(false);
  const form = useForm({
    initialValues: { email: "", password: "", totpCode: "" },
    validate: {
      email: (v) => (v.trim() === "" ? t("fieldErrors.required") : null),
      password: (v) => (v === "" ? t("fieldErrors.required") : null),
      totpCode: (v) => (askCode && v.trim() === "" ? t("fieldErrors.required") : null),
    },
  });

  if (session.data) return <Navigate to={next} replace />;

  const failure = login.error
    ? isApiError(login.error, "invalid_credentials")
      ? t("login.invalidCredentials")
      : isApiError(login.error, "rate_limited")
        ? t("login.rateLimited")
        : isApiError(login.error, "totp_invalid")
          ? t("login.totpInvalid")
          : isApiError(login.error, "totp_required")
            ? null
            : t("login.failed")
    : null;

  return (
    <Center mih="100vh" p="md" component="main">
      <Box w="100%" maw={400}>
        <Group justify="space-between" mb="md">
          <Text fw={700} size="xl">
            {t("app.name")}
          </Text>
          <LanguageSwitch />
        </Group>
        <Paper withBorder p="lg" radius="md">
          <form
            noValidate
            onSubmit={form.onSubmit((values) =>
              login.mutate(
                { email: values.email.trim(), password: values.password, ...(askCode ? { totpCode: values.totpCode.trim() } : {}) },
                {
                  onSuccess: () => navigate(next, { replace: true }),
                  onError: (error) => {
                    if (isApiError(error, "totp_required")) setAskCode(true);
                    if (isApiError(error, "totp_invalid")) form.setFieldValue("totpCode", "");
                  },
                },
              ),
            )}
          >
            <Stack>
              <Title order={1} size="h2">
                {t("login.title")}
              </Title>
              {failure && (
                <Alert color="red" role="alert">
                  {failure}
                </Alert>
              )}
              <TextInput label={t("login.email")} type="email" autoComplete="username" required {...form.getInputProps("email")} />
              <PasswordInput label={t("login.password")} autoComplete="current-password" required {...form.getInputProps("password")} />
              {askCode && (
                <TextInput
                  label={t("login.totpCode")}
                  description={t("login.totpHint")}
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  maxLength={8}
                  data-autofocus
                  autoFocus
                  required
                  {...form.getInputProps("totpCode")}
                />
              )}
              <Button type="submit" loading={login.isPending}>
                {t("login.submit")}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Box>
    </Center>
  );
}
