// The administrator's view of the IMAP mailbox Koers reads (KOERS_MAIL_IMAP_*): the settings as the
// server has them (never the password), when it was last read, and — while reads fail — the last
// error and when the next try comes (the polls back off after each failure, at most an hour). The error
// is a problem code of the server's catalogue, said in the UI language; the server's own words follow.
import { Alert, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatInstant } from "../../i18n/format.js";
import { type MailImapStatus, useMailImapStatus } from "./mail.api.js";

export function MailImapSection() {
  const { t } = useTranslation();
  const status = useMailImapStatus();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-mail-imap">
      <Stack>
        <Title order={2} size="h3" id="settings-mail-imap">
          {t("mailInbox.imap.title")}
        </Title>
        {status.isPending ? <PageLoader /> : status.isError ? <ErrorAlert error={status.error} /> : <StatusView status={status.data} />}
      </Stack>
    </Paper>
  );
}

function StatusView({ status }: { status: MailImapStatus }) {
  const { t } = useTranslation();
  if (!status.configured) return <Text c="dimmed">{t("mailInbox.imap.off")}</Text>;
  const rows: [string, string][] = [
    [t("mailInbox.imap.server"), `${status.host ?? ""}:${status.port ?? ""}`],
    [t("mailInbox.imap.account"), status.user ?? ""],
    [t("mailInbox.imap.mailbox"), status.mailbox ?? ""],
    [t("mailInbox.imap.moveTo"), status.moveTo ?? t("mailInbox.imap.marked")],
    [t("mailInbox.imap.security"), status.security ? t(`mailInbox.imap.security_${status.security}`) : ""],
    [t("mailInbox.imap.poll"), t("mailInbox.imap.every", { seconds: status.pollSeconds ?? 0 })],
    [t("mailInbox.imap.lastSuccess"), status.lastSuccessAt ? formatInstant(status.lastSuccessAt) : t("mailInbox.imap.never")],
  ];
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t("mailInbox.imap.hint")}
      </Text>
      {status.failures > 0 && (
        <Alert color="red" role="alert" title={t("mailInbox.imap.failing", { count: status.failures })}>
          <Stack gap={4}>
            {status.lastError && <ImapProblemText status={status} />}
            {status.nextAttemptAt && <Text size="sm">{t("mailInbox.imap.nextAttempt", { at: formatInstant(status.nextAttemptAt) })}</Text>}
          </Stack>
        </Alert>
      )}
      <Table verticalSpacing={4}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w="40%">{label}</Table.Th>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{value}</Table.Td>
            </Table.Tr>
          ))}
          {status.failures === 0 && status.lastError && (
            <Table.Tr>
              <Table.Th>{t("mailInbox.imap.lastError", { at: formatInstant(status.lastErrorAt) })}</Table.Th>
              <Table.Td style={{ overflowWrap: "anywhere" }}>
                <ImapProblemText status={status} />
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The last failure in the UI language (errors.imap.<code>), then what the server itself said. */
function ImapProblemText({ status }: { status: MailImapStatus }) {
  const { t } = useTranslation();
  if (!status.lastError) return null;
  const { code, detail } = status.lastError;
  return (
    <>
      <Text size="sm">{t(`errors.imap.${code}`, { host: status.host, port: status.port, user: status.user, mailbox: status.mailbox })}</Text>
      {detail && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {t("mailInbox.imap.serverSaid", { detail })}
        </Text>
      )}
    </>
  );
}
