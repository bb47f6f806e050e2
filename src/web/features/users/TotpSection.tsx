// Two-step verification on the account page: set up (QR code or typed key, proven with one code),
// and turn off with the password. When the company requires it of an administrator who has none,
// this is the one thing the app lets them do (RequireSession keeps them on /account).
import { Alert, Button, Code, Group, Image, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { mapFieldErrors } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatInstant } from "../../i18n/format.js";
import { type TotpSetup, useConfirmTotp, useDisableTotp, useStartTotpSetup, useTotpStatus } from "./users.api.js";

function SetUp({ setup, onDone }: { setup: TotpSetup; onDone: () => void }) {
  const { t } = useTranslation();
  const confirm = useConfirmTotp();
  const [code, setCode] = useState("");
  const mapped = mapFieldErrors(t, confirm.error, ["code"]);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        confirm.mutate(code.trim(), {
          onSuccess: () => {
            notifications.show({ color: "green", message: t("totp.enabled") });
            onDone();
          },
        });
      }}
    >
      <Stack>
        <Text>{t("totp.scan")}</Text>
        <Image src={setup.qrCode} alt={t("totp.qrAlt")} w={200} h={200} fit="contain" />
        <Text size="sm">
          {t("totp.secret")}: <Code style={{ wordBreak: "break-all" }}>{setup.secret.replace(/(.{4})/g, "$1 ").trim()}</Code>
        </Text>
        {confirm.isError && Object.keys(mapped.byField).length === 0 && <ErrorAlert error={confirm.error} fields={mapped.other} />}
        <TextInput
          label={t("totp.code")}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={8}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={mapped.byField.code}
          w={200}
        />
        <Button type="submit" loading={confirm.isPending} w="fit-content" disabled={code.trim() === ""}>
          {t("totp.confirm")}
        </Button>
      </Stack>
    </form>
  );
}

function TurnOff() {
  const { t } = useTranslation();
  const disable = useDisableTotp();
  const [password, setPassword] = useState("");
  const mapped = mapFieldErrors(t, disable.error, ["currentPassword"]);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        disable.mutate(password, {
          onSuccess: () => {
            setPassword("");
            notifications.show({ message: t("totp.disabled") });
          },
        });
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <PasswordInput label={t("totp.disablePassword")} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={mapped.byField.currentPassword} w={240} />
        <Button type="submit" variant="default" color="red" loading={disable.isPending} disabled={password === ""}>
          {t("totp.disable")}
        </Button>
      </Group>
      {disable.isError && Object.keys(mapped.byField).length === 0 && <ErrorAlert error={disable.error} fields={mapped.other} />}
    </form>
  );
}

export function TotpSection() {
  const { t } = useTranslation();
  const status = useTotpStatus();
  const start = useStartTotpSetup();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  if (status.isPending) return <PageLoader />;
  if (status.isError) return <ErrorAlert error={status.error} />;
  const { enabled, enabledAt, required } = status.data;
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          {t("totp.title")}
        </Title>
        {required && !enabled && (
          <Alert color="orange" role="alert">
            {t("totp.required")}
          </Alert>
        )}
        <Text c="dimmed" size="sm">
          {t("totp.intro")}
        </Text>
        <Text fw={500}>{enabled ? t("totp.on", { date: formatInstant(enabledAt) }) : t("totp.off")}</Text>
        {enabled && (required ? <Text size="sm">{t("totp.keptOn")}</Text> : <TurnOff />)}
        {!enabled && setup && <SetUp setup={setup} onDone={() => setSetup(null)} />}
        {!enabled && !setup && (
          <>
            {start.isError && <ErrorAlert error={start.error} />}
            <Button w="fit-content" loading={start.isPending} onClick={() => start.mutate(undefined, { onSuccess: setSetup })}>
              {t("totp.start")}
            </Button>
          </>
        )}
      </Stack>
    </Paper>
  );
}
