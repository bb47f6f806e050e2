// A user's API tokens (name, created, last used) with a revoke button per live token. Shown on
// "Mijn account" for one's own and in the administrator's user list for anyone's.
import { Badge, Button, Card, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatInstant } from "../../i18n/format.js";
import { useApiTokens, useRevokeApiToken } from "./users.api.js";

export function ApiTokenList({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const tokens = useApiTokens(userId);
  const revoke = useRevokeApiToken(userId);
  if (tokens.isPending) return <Text c="dimmed">{t("common.loading")}</Text>;
  if (tokens.isError) return <ErrorAlert error={tokens.error} />;
  return (
    <Stack gap="xs">
      {revoke.isError && <ErrorAlert error={revoke.error} />}
      {tokens.data.length === 0 && <Text c="dimmed">{t("users.tokenList.empty")}</Text>}
      {tokens.data.map((token) => (
        <Card key={token.id} withBorder padding="sm" aria-label={token.name}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap="xs">
                <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                  {token.name}
                </Text>
                {token.revokedAt && <Badge color="gray">{t("users.tokenList.revoked")}</Badge>}
              </Group>
              <Text size="sm" c="dimmed">
                {t("users.tokenList.created")}: {formatInstant(token.createdAt)} · {t("users.tokenList.lastUsed")}: {token.lastUsedAt ? formatInstant(token.lastUsedAt) : t("users.tokenList.never")}
              </Text>
            </Stack>
            {!token.revokedAt && (
              <Button
                size="xs"
                color="red"
                variant="light"
                aria-label={t("users.tokenList.revokeLabel", { name: token.name })}
                loading={revoke.isPending && revoke.variables === token.id}
                onClick={() =>
                  revoke.mutate(token.id, { onSuccess: () => notifications.show({ color: "green", message: t("users.tokenList.revokedNotice", { name: token.name }) }) })
                }
              >
                {t("users.tokenList.revoke")}
              </Button>
            )}
          </Group>
        </Card>
      ))}
      <Text size="xs" c="dimmed">
        {t("users.tokenList.hint")}
      </Text>
    </Stack>
  );
}
