// Saved views of the sales report (per user): open one, save the current choices under a name (the
// same name replaces it), delete one.
import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { type SalesReportRequest, type SavedView, useDeleteView, useSavedViews, useSaveView } from "./sales.api.js";

interface Props {
  request: SalesReportRequest | null;
  onOpen: (view: SavedView) => void;
}

export function SavedViews({ request, onOpen }: Props) {
  const { t } = useTranslation();
  const views = useSavedViews();
  const save = useSaveView();
  const remove = useDeleteView();
  const [opened, dialog] = useDisclosure(false);
  const [name, setName] = useState("");
  const items = views.data ?? [];
  return (
    <Group gap="xs">
      <Menu position="bottom-start" withinPortal shadow="md">
        <Menu.Target>
          <Button variant="default" size="xs">
            {t("sales.views.open", { count: items.length })}
          </Button>
        </Menu.Target>
        <Menu.Dropdown maw="calc(100vw - 32px)">
          {items.length === 0 ? (
            <Text size="sm" c="dimmed" px="sm" py={4}>
              {t("sales.views.none")}
            </Text>
          ) : (
            items.map((v) => (
              <Group key={v.id} gap={0} wrap="nowrap" justify="space-between">
                <Menu.Item onClick={() => onOpen(v)} style={{ overflowWrap: "anywhere" }}>
                  {v.name}
                </Menu.Item>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="sm"
                  mr={4}
                  aria-label={t("sales.views.delete", { name: v.name })}
                  loading={remove.isPending && remove.variables === v.id}
                  onClick={() => remove.mutate(v.id)}
                >
                  ×
                </ActionIcon>
              </Group>
            ))
          )}
        </Menu.Dropdown>
      </Menu>
      <Button variant="default" size="xs" disabled={request === null} onClick={dialog.open}>
        {t("sales.views.save")}
      </Button>
      {remove.isError && <ErrorAlert error={remove.error} />}
      <Modal opened={opened} onClose={dialog.close} title={t("sales.views.saveTitle")}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!request || name.trim() === "") return;
            save.mutate(
              { name: name.trim(), request },
              {
                onSuccess: () => {
                  dialog.close();
                  setName("");
                },
              },
            );
          }}
        >
          <Stack>
            <TextInput label={t("sales.views.name")} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={100} required data-autofocus />
            <Text size="xs" c="dimmed">
              {t("sales.views.sameNameReplaces")}
            </Text>
            {save.isError && <ErrorAlert error={save.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={dialog.close}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={save.isPending} disabled={name.trim() === ""}>
                {t("sales.views.saveButton")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
