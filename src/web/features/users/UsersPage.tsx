// /settings/users: the administrator's list of users (a table on a desk, cards on a phone), with
// add, edit, password link, API tokens, deactivate and reactivate. The server enforces users.manage.
import { Alert, Anchor, Badge, Button, Card, Group, Menu, Modal, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { can } from "../../../domain/roles.js";
import { isApiError } from "../../api/client.js";
import { fieldMessage } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { useCurrentUser } from "../auth/session.js";
import { ApiTokenList } from "./ApiTokenList.js";
import { useLogAddressOverview } from "../mailinbox/mail.api.js";
import { PasswordLinkModal } from "./PasswordLinkModal.js";
import { UserFormModal } from "./UserFormModal.js";
import { type PasswordLink, type UserAccount, useResetTotp, useStartPasswordReset, useUpdateUserAccount, useUserAccounts } from "./users.api.js";

type Dialog =
  | { kind: "form"; user: UserAccount | null }
  | { kind: "link"; user: UserAccount; link: PasswordLink }
  | { kind: "tokens"; user: UserAccount }
  | { kind: "deactivate"; user: UserAccount }
  | { kind: "totpReset"; user: UserAccount }
  | null;

export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if (!can(me.role, "users.manage")) {
    return (
      <Alert color="red" title={t("errors.title")} role="alert">
        {t("errors.forbidden")}
      </Alert>
    );
  }
  return <UsersAdmin />;
}

function UsersAdmin() {
  const { t } = useTranslation();
  const accounts = useUserAccounts();
  const update = useUpdateUserAccount();
  const reset = useStartPasswordReset();
  const totpReset = useResetTotp();
  const logAddresses = useLogAddressOverview();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  // A new action starts without the message of the previous one.
  const open = (next: Dialog) => {
    update.reset();
    reset.reset();
    totpReset.reset();
    setDialog(next);
  };

  const setActive = (user: UserAccount, active: boolean) =>
    update.mutate(
      { id: user.id, version: user.version, changes: { active } },
      {
        onSuccess: () => {
          close();
          notifications.show({ color: "green", message: t(active ? "users.reactivated" : "users.deactivated", { name: user.name }) });
        },
      },
    );
  const startReset = (user: UserAccount) => reset.mutate(user.id, { onSuccess: (link) => setDialog({ kind: "link", user, link }) });
  // The last administrator cannot be deactivated: the server says so per field.
  const actionError = update.error ?? reset.error;
  const lastAdmin = isApiError(actionError) ? actionError.fields.find((f) => f.code === "last_admin") : undefined;

  const actions = (user: UserAccount) => (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="xs" aria-label={t("users.actions", { name: user.name })}>
          ···
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => open({ kind: "form", user })}>{t("users.edit")}</Menu.Item>
        {user.active && <Menu.Item onClick={() => startReset(user)}>{t("users.resetPassword")}</Menu.Item>}
        <Menu.Item onClick={() => open({ kind: "tokens", user })}>{t("users.tokens")}</Menu.Item>
        {user.totpEnabled && <Menu.Item onClick={() => open({ kind: "totpReset", user })}>{t("totp.reset")}</Menu.Item>}
        <Menu.Divider />
        {user.active ? (
          <Menu.Item color="red" onClick={() => open({ kind: "deactivate", user })}>
            {t("users.deactivate")}
          </Menu.Item>
        ) : (
          <Menu.Item onClick={() => setActive(user, true)}>{t("users.reactivate")}</Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
  const badges = (user: UserAccount) => (
    <Group gap={4} wrap="wrap">
      <Badge variant="light">{t(`roles.${user.role}`)}</Badge>
      {!user.active && <Badge color="gray">{t("users.inactive")}</Badge>}
      {user.active && !user.hasPassword && <Badge color="orange">{t("users.noPassword")}</Badge>}
      {user.profitResponsible && <Badge color="teal" variant="outline">{t("users.profit")}</Badge>}
      {user.totpEnabled && (
        <Badge color="blue" variant="outline" title={t("totp.title")}>
          {t("totp.badge")}
        </Badge>
      )}
      {logAddresses.data?.has(user.id) && (
        <Badge color="grape" variant="outline" title={t("mailInbox.admin.badgeTitle")}>
          {t("mailInbox.admin.badge")}
        </Badge>
      )}
    </Group>
  );
  const rayonText = (user: UserAccount) => (user.rayons.length > 0 ? user.rayons.map((r) => r.name).join(", ") : t("users.noRayons"));
  const hours = (user: UserAccount) => t("users.hours", { start: user.workStart, end: user.workEnd });

  return (
    <Stack maw={1100}>
      <Anchor component={Link} to="/settings" size="sm">
        ← {t("settings.title")}
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t("users.title")}</Title>
        <Button onClick={() => open({ kind: "form", user: null })}>{t("users.add")}</Button>
      </Group>
      {lastAdmin ? (
        <Alert color="red" role="alert" title={t("errors.title")}>
          {fieldMessage(t, lastAdmin)}
        </Alert>
      ) : (
        actionError && !dialog && <ErrorAlert error={actionError} />
      )}
      {accounts.isPending && <PageLoader />}
      {accounts.isError && <ErrorAlert error={accounts.error} />}
      {accounts.data && accounts.data.length === 0 && <Text c="dimmed">{t("users.empty")}</Text>}
      {accounts.data && accounts.data.length > 0 && (
        <>
          <Table visibleFrom="sm" striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("users.fields.name")}</Table.Th>
                <Table.Th>{t("users.fields.role")}</Table.Th>
                <Table.Th>{t("users.fields.rayonIds")}</Table.Th>
                <Table.Th>{t("users.home")}</Table.Th>
                <Table.Th aria-label={t("users.actionsColumn")} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accounts.data.map((user) => (
                <Table.Tr key={user.id} style={user.active ? undefined : { opacity: 0.65 }}>
                  <Table.Td>
                    <Text fw={600}>{user.name}</Text>
                    <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                      {user.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>{badges(user)}</Table.Td>
                  <Table.Td>{rayonText(user)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{[user.homeAddress, user.homePostcode, user.homeCity].filter(Boolean).join(", ") || "—"}</Text>
                    <Text size="sm" c="dimmed">
                      {hours(user)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{actions(user)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Stack hiddenFrom="sm" gap="sm">
            {accounts.data.map((user) => (
              <Card key={user.id} withBorder padding="sm" style={user.active ? undefined : { opacity: 0.65 }}>
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={4} style={{ minWidth: 0 }}>
                    <Text fw={600}>{user.name}</Text>
                    <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                      {user.email}
                    </Text>
                    {badges(user)}
                    <Text size="sm">
                      {rayonText(user)} · {hours(user)}
                    </Text>
                  </Stack>
                  {actions(user)}
                </Group>
              </Card>
            ))}
          </Stack>
        </>
      )}

      {dialog?.kind === "form" && <UserFormModal user={dialog.user} onClose={close} />}
      {dialog?.kind === "link" && <PasswordLinkModal user={dialog.user} link={dialog.link} onClose={close} />}
      {dialog?.kind === "tokens" && (
        <Modal opened onClose={close} title={t("users.tokensTitle", { name: dialog.user.name })} size="lg">
          <ApiTokenList userId={dialog.user.id} />
        </Modal>
      )}
      {dialog?.kind === "deactivate" && (
        <Modal opened onClose={close} title={t("users.confirmDeactivateTitle", { name: dialog.user.name })}>
          <Stack>
            {update.isError && (lastAdmin ? <Alert color="red" role="alert">{fieldMessage(t, lastAdmin)}</Alert> : <ErrorAlert error={update.error} />)}
            <Text>{t("users.confirmDeactivate", { name: dialog.user.name })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t("common.cancel")}
              </Button>
              <Button color="red" loading={update.isPending} onClick={() => setActive(dialog.user, false)}>
                {t("users.deactivate")}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {dialog?.kind === "totpReset" && (
        <Modal opened onClose={close} title={t("totp.reset")}>
          <Stack>
            {totpReset.isError && <ErrorAlert error={totpReset.error} />}
            <Text>{t("totp.resetConfirm", { name: dialog.user.name })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t("common.cancel")}
              </Button>
              <Button
                color="red"
                loading={totpReset.isPending}
                onClick={() =>
                  totpReset.mutate(dialog.user.id, {
                    onSuccess: () => {
                      close();
                      notifications.show({ color: "green", message: t("totp.resetDone", { name: dialog.user.name }) });
                    },
                  })
                }
              >
                {t("totp.reset")}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
