// "Mijn account → Mail loggen": the user's personal logging (BCC) address with a copy button, made,
// renewed (the old address is refused from then on) or revoked here.
import { Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { can } from "../../../domain/roles.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatInstant } from "../../i18n/format.js";
import { useCurrentUser } from "../auth/session.js";
import { useLogAddress, useRenewLogAddress, useRevokeLogAddress } from "./mail.api.js";

export function MailLogAddressSection() {
  const user = useCurrentUser();
  if (!can(user.role, "crm.write")) return null;
  return <AddressPanel />;
}

function AddressPanel() {
  const { t } = useTranslation();
  const status = useLogAddress();
  const renew = useRenewLogAddress();
  const revoke = useRevokeLogAddress();
  const data = status.data;
  return (
    <Paper withBorder p="md" data-testid="mail-log-address">
      <Stack>
        <Title order={2} size="h3">
          {t("mailInbox.address.title")}
        </Title>
        <Text size="sm">{t("mailInbox.address.intro")}</Text>
        {status.isError && <ErrorAlert error={status.error} />}
        {renew.isError && <ErrorAlert error={renew.error} />}
        {revoke.isError && <ErrorAlert error={revoke.error} />}
        {data && !data.enabled && <Text size="sm" c="dimmed">{t("mailInbox.address.disabled")}</Text>}
        {data?.enabled && data.address && (
          <Stack gap="xs">
            <Group gap="xs" wrap="wrap" align="flex-end">
              <TextInput label={t("mailInbox.address.label")} value={data.address} readOnly style={{ flex: "1 1 16rem", minWidth: 0 }} onFocus={(e) => e.currentTarget.select()} />
              <CopyButton value={data.address}>{({ copied, copy }) => <Button onClick={copy}>{copied ? t("mailInbox.address.copied") : t("mailInbox.address.copy")}</Button>}</CopyButton>
            </Group>
            <Text size="xs" c="dimmed">
              {t("mailInbox.address.since", { since: formatInstant(data.createdAt) })} <Link to="/inbox">{t("mailInbox.address.toInbox")}</Link>
            </Text>
          </Stack>
        )}
        {data?.enabled && !data.address && <Text size="sm">{t("mailInbox.address.none")}</Text>}
        {data?.enabled && (
          <Group gap="xs" wrap="wrap">
            <Button onClick={() => renew.mutate()} loading={renew.isPending}>
              {data.address ? t("mailInbox.address.renew") : t("mailInbox.address.make")}
            </Button>
            {data.address && (
              <Button variant="default" color="red" onClick={() => revoke.mutate()} loading={revoke.isPending}>
                {t("mailInbox.address.revoke")}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
