// /settings/templates: the company's visit templates — objectives with the keyword ticked in the
// visit, and the visit's keywords — per visit type and per industry (SBI section) of the relation.
// New sheets propose the templates that fit; a template switched off is proposed no more. For
// administrators and sales managers (the server checks templates.manage on every read and save).
import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { can } from "../../../domain/roles.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { currentLanguage } from "../../i18n/index.js";
import { useCurrentUser } from "../auth/session.js";
import { SettingsTabs } from "../settings/SettingsTabs.js";
import { TemplateEditor } from "./TemplateEditor.js";
import { useAllTemplates, type VisitTemplate } from "./templates.api.js";

export function TemplatesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (!can(user.role, "templates.manage")) {
    return (
      <Alert color="red" title={t("errors.title")} role="alert">
        {t("errors.forbidden")}
      </Alert>
    );
  }
  return (
    <Stack maw={820}>
      <Title order={1}>{t("settings.title")}</Title>
      {can(user.role, "users.manage") && <SettingsTabs />}
      <TemplateList />
    </Stack>
  );
}

function TemplateList() {
  const { t } = useTranslation();
  const templates = useAllTemplates();
  // null: closed; "new": a new template; otherwise the template being edited.
  const [editing, setEditing] = useState<VisitTemplate | "new" | null>(null);
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h3">
          {t("preparation.templatesAdmin.title")}
        </Title>
        <Button onClick={() => setEditing("new")}>{t("preparation.templatesAdmin.add")}</Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t("preparation.templatesAdmin.hint")}
      </Text>
      {templates.isPending ? <PageLoader /> : templates.isError ? <ErrorAlert error={templates.error} /> : templates.data.map((tpl) => <TemplateCard key={tpl.id} template={tpl} onEdit={() => setEditing(tpl)} />)}
      {editing !== null && <TemplateEditor template={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function TemplateCard({ template, onEdit }: { template: VisitTemplate; onEdit: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const internal = template.objectives.filter((o) => o.kind === "internal").length;
  return (
    <Paper withBorder p="md" data-testid={`template-${template.key}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600}>{template.name[language]}</Text>
            {!template.active && (
              <Badge color="gray" variant="light">
                {t("preparation.templatesAdmin.off")}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {template.visitTypes.length === 0 ? t("preparation.templatesAdmin.everyVisit") : template.visitTypes.map((v) => t(`agenda.visitType.${v}`)).join(", ")}
            {" · "}
            {template.sbiSections.length === 0 ? t("preparation.templatesAdmin.everyIndustry") : t("preparation.templatesAdmin.industries", { sections: template.sbiSections.join(", ") })}
          </Text>
          <Text size="sm">{t("preparation.templatesAdmin.counts", { objectives: internal, keywords: template.keywords.length })}</Text>
        </Stack>
        <Button variant="light" size="xs" onClick={onEdit} aria-label={t("preparation.templatesAdmin.editNamed", { name: template.name[language] })}>
          {t("common.edit")}
        </Button>
      </Group>
    </Paper>
  );
}
