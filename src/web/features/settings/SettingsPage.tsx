// /settings: the company-wide settings an administrator may change (quote advice, CRM memory), the
// territories (rayons and sub-areas) a sales manager draws, and the way to the visit templates.
// The server enforces users.manage on every save; other roles see a readable refusal here.
import { Alert, Anchor, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { can } from "../../../domain/roles.js";
import { useCurrentUser } from "../auth/session.js";
import { CrmSettingsSection } from "./CrmSettingsSection.js";
import { ChecklistSettingsSection } from "../preparation/ChecklistSettingsSection.js";
import { MailImapSection } from "../mailinbox/MailImapSection.js";
import { NewsSettingsSection } from "../news/NewsSettingsSection.js";
import { TerritorySection } from "../territories/TerritorySection.js";
import { QuoteSettingsSection } from "./QuoteSettingsSection.js";
import { SettingsTabs } from "./SettingsTabs.js";

export function SettingsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <Stack maw={720}>
      <Title order={1}>{t("settings.title")}</Title>
      {can(user.role, "users.manage") && <SettingsTabs />}
      {can(user.role, "users.manage") && (
        <>
          <LinkCard to="/settings/users" label={t("users.settingsLink")} hint={t("users.settingsLinkHint")} />
          <QuoteSettingsSection />
          <CrmSettingsSection />
          <ChecklistSettingsSection />
          <NewsSettingsSection />
          <MailImapSection />
        </>
      )}
      {!can(user.role, "users.manage") && can(user.role, "templates.manage") && (
        <LinkCard to="/settings/templates" label={t("preparation.templatesAdmin.settingsLink")} hint={t("preparation.templatesAdmin.settingsLinkHint")} />
      )}
      {can(user.role, "territories.manage") && <TerritorySection />}
      {!can(user.role, "users.manage") && !can(user.role, "territories.manage") && (
        <Alert color="red" title={t("errors.title")} role="alert">
          {t("errors.forbidden")}
        </Alert>
      )}
    </Stack>
  );
}

/** A way to a settings page of its own, with one line on what is there. */
function LinkCard({ to, label, hint }: { to: string; label: string; hint: string }) {
  return (
    <Paper withBorder p="md">
      <Anchor component={Link} to={to} fw={600}>
        {label}
      </Anchor>
      <Text size="sm" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}
