// Per person: "Exporteer gegevens" (JSON download, readable page in a new tab) for persons.export,
// and "Wissen" for persons.erase, behind a dialog that says exactly what erasure does.
import { Button, Group, List, Menu, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { can } from "../../../domain/roles.js";
import { errorMessage } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { useCurrentUser } from "../auth/session.js";
import { gdprExportUrl, openGdprHtml, useErasePerson } from "./gdpr.api.js";

interface Props {
  personId: number;
  personName: string;
  relationId: number;
  erased: boolean;
}

export function GdprActions({ personId, personName, relationId, erased }: Props) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [confirming, setConfirming] = useState(false);
  const mayExport = can(user.role, "persons.export");
  const mayErase = can(user.role, "persons.erase") && !erased;
  if (!mayExport && !mayErase) return null;

  return (
    <Group gap="xs">
      {mayExport && (
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button size="compact-sm" variant="default" aria-label={`${t("gdpr.export")}: ${personName}`}>
              {t("gdpr.export")}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item component="a" href={gdprExportUrl(personId, "json")} download>
              {t("gdpr.exportJson")}
            </Menu.Item>
            <Menu.Item
              onClick={() =>
                void openGdprHtml(personId).catch((error: unknown) => notifications.show({ color: "red", message: errorMessage(t, error) }))
              }
            >
              {t("gdpr.exportHtml")}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
      {mayErase && (
        <Button size="compact-sm" variant="light" color="red" onClick={() => setConfirming(true)} aria-label={`${t("gdpr.erase")}: ${personName}`}>
          {t("gdpr.erase")}
        </Button>
      )}
      {confirming && <EraseDialog personId={personId} personName={personName} relationId={relationId} onClose={() => setConfirming(false)} />}
    </Group>
  );
}

function EraseDialog({ personId, personName, relationId, onClose }: Omit<Props, "erased"> & { onClose: () => void }) {
  const { t } = useTranslation();
  const erase = useErasePerson(relationId);
  return (
    <Modal opened onClose={onClose} title={t("gdpr.eraseTitle", { name: personName })}>
      <Stack>
        {erase.isError && <ErrorAlert error={erase.error} />}
        <Text size="sm">{t("gdpr.eraseIntro")}</Text>
        <List size="sm" spacing={4}>
          <List.Item>{t("gdpr.eraseWhat.personal")}</List.Item>
          <List.Item>{t("gdpr.eraseWhat.texts")}</List.Item>
          <List.Item>{t("gdpr.eraseWhat.history")}</List.Item>
          <List.Item>{t("gdpr.eraseWhat.consent")}</List.Item>
          <List.Item>{t("gdpr.eraseWhat.logged")}</List.Item>
        </List>
        <Text size="sm" fw={600} c="red.8">
          {t("gdpr.eraseFinal")}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            color="red"
            loading={erase.isPending}
            onClick={() =>
              erase.mutate(personId, {
                onSuccess: () => {
                  notifications.show({ message: t("gdpr.erased"), color: "green" });
                  onClose();
                },
              })
            }
          >
            {t("gdpr.eraseConfirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
