// The outcome of starting a password link: mailed to the user, or (no mail server) the link itself
// for the administrator to pass on, with a copy button.
import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatInstant } from "../../i18n/format.js";
import type { PasswordLink, UserAccount } from "./users.api.js";

export function PasswordLinkModal({ user, link, onClose }: { user: UserAccount; link: PasswordLink; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t("users.link.title", { name: user.name })} size="lg">
      <Stack>
        {link.delivery === "sent" ? (
          <Alert color="green" role="status">
            {t("users.link.sent", { name: user.name, email: link.email })}
          </Alert>
        ) : (
          <>
            <Text>{t("users.link.shown", { name: user.name, email: link.email })}</Text>
            <TextInput label={t("users.link.urlLabel")} value={link.url ?? ""} readOnly onFocus={(e) => e.currentTarget.select()} />
            <CopyButton value={link.url ?? ""}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy} w="fit-content">
                  {copied ? t("users.link.copied") : t("users.link.copy")}
                </Button>
              )}
            </CopyButton>
          </>
        )}
        <Text size="sm" c="dimmed">
          {t("users.link.valid", { until: formatInstant(link.expiresAt) })}
        </Text>
        <Group justify="flex-end">
          <Button onClick={onClose}>{t("common.close")}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
