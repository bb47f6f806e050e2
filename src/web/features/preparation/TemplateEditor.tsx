// The form of one visit template, in a dialog (full screen on a phone): its name in both languages,
// the visit types and industries it is proposed for, the objectives with their keywords, the visit's
// keywords, and whether it is switched on. The server checks it whole (a keyword per internal
// objective, no keyword twice, one external objective); its problems show at the field they name.
import { ActionIcon, Alert, Button, Group, Modal, MultiSelect, Paper, SegmentedControl, Select, SimpleGrid, Stack, Switch, TagsInput, Text, Textarea, TextInput } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { VISIT_TYPES, type VisitType } from "../../../domain/agenda.js";
import { ANSWER_FIELDS, type AnswerField } from "../../../domain/visit-answers.js";
import { isApiError, ApiError } from "../../api/client.js";
import { fieldMessage } from "../../api/problems.js";
import { useSbiSections } from "../../api/reference.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { currentLanguage } from "../../i18n/index.js";
import { sentenceCase } from "../relations/options.js";
import { type TemplateBody, useSaveTemplate, type VisitTemplate } from "./templates.api.js";

type Objective = { kind: "internal" | "external"; text: string; keyword: string; field: AnswerField | null };

interface Props {
  /** null: a new template. */
  template: VisitTemplate | null;
  onClose: () => void;
}

export function TemplateEditor({ template, onClose }: Props) {
  const { t } = useTranslation();
  const wide = useMediaQuery("(min-width: 48em)") ?? true;
  const sections = useSbiSections();
  const save = useSaveTemplate(template);
  const english = currentLanguage() === "en";
  const [nameNl, setNameNl] = useState(template?.name.nl ?? "");
  const [nameEn, setNameEn] = useState(template?.name.en ?? "");
  const [visitTypes, setVisitTypes] = useState<string[]>(template?.visitTypes ?? []);
  const [sbiSections, setSbiSections] = useState<string[]>(template?.sbiSections ?? []);
  const [objectives, setObjectives] = useState<Objective[]>(
    template?.objectives.map((o) => ({ kind: o.kind === "external" ? "external" : "internal", text: o.text, keyword: o.keyword ?? "", field: o.field })) ?? [{ kind: "external", text: "", keyword: "", field: null }],
  );
  const [keywords, setKeywords] = useState<string[]>(template?.keywords ?? []);
  const [active, setActive] = useState(template?.active ?? true);

  // Problems the server named, by the field it named ("objectives/2/keyword").
  const problems = new Map<string, string>();
  const unplaced: string[] = [];
  if (save.error instanceof ApiError) {
    for (const p of save.error.fields) {
      if (p.field === "name/nl" || p.field === "name" || /^(objectives\/\d+\/(text|keyword|kind|field)|keywords\/\d+|sbiSections\/\d+)$/.test(p.field)) problems.set(p.field, fieldMessage(t, p));
      else unplaced.push(fieldMessage(t, p));
    }
  }
  const listProblem = (prefix: string) => [...problems.entries()].find(([f]) => f.startsWith(`${prefix}/`))?.[1];

  const setObjective = (i: number, next: Partial<Objective>) => setObjectives(objectives.map((o, j) => (j === i ? { ...o, ...next } : o)));
  const body = (): TemplateBody => ({
    name: { nl: nameNl, en: nameEn },
    visitTypes: visitTypes as VisitType[],
    sbiSections,
    objectives: objectives.map((o) => ({ kind: o.kind, text: o.text, keyword: o.keyword.trim() === "" ? null : o.keyword, field: o.kind === "internal" ? o.field : null })),
    keywords,
    active,
  });
  const submit = () =>
    save.mutate(body(), {
      onSuccess: () => {
        notifications.show({ message: t("common.saved"), color: "green" });
        onClose();
      },
    });

  return (
    <Modal opened onClose={onClose} title={template ? t("preparation.templatesAdmin.editTitle") : t("preparation.templatesAdmin.newTitle")} size="xl" fullScreen={!wide}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t("preparation.templatesAdmin.nameNl")} required value={nameNl} onChange={(e) => setNameNl(e.currentTarget.value)} error={problems.get("name/nl") ?? problems.get("name")} />
          <TextInput label={t("preparation.templatesAdmin.nameEn")} description={t("preparation.templatesAdmin.nameEnHint")} value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} />
        </SimpleGrid>
        <MultiSelect
          label={t("preparation.templatesAdmin.visitTypes")}
          description={t("preparation.templatesAdmin.visitTypesHint")}
          data={VISIT_TYPES.map((v) => ({ value: v, label: t(`agenda.visitType.${v}`) }))}
          value={visitTypes}
          onChange={setVisitTypes}
          searchable
          clearable
        />
        <MultiSelect
          label={t("preparation.templatesAdmin.sbiSections")}
          description={t("preparation.templatesAdmin.sbiSectionsHint")}
          data={(sections.data ?? []).map((s) => ({ value: s.code, label: `${s.code} – ${sentenceCase(english ? s.name_en : s.name_nl)}` }))}
          value={sbiSections}
          onChange={setSbiSections}
          searchable
          clearable
          error={listProblem("sbiSections")}
        />
        <Text fw={600} size="sm">
          {t("preparation.objectives.title")}
        </Text>
        <Text size="xs" c="dimmed">
          {t("preparation.templatesAdmin.objectivesHint")}
        </Text>
        {objectives.map((o, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: objectives of a template have no id; the server names them by their place
          <Paper key={i} withBorder p="xs" data-testid={`template-objective-${i}`}>
            <Stack gap="xs">
              <Group gap="xs" wrap="wrap" justify="space-between">
                <SegmentedControl
                  size="xs"
                  value={o.kind}
                  aria-label={t("preparation.objectives.field.kind")}
                  onChange={(v) => setObjective(i, { kind: v as Objective["kind"] })}
                  data={[
                    { value: "internal", label: t("preparation.objectives.internal") },
                    { value: "external", label: t("preparation.objectives.external") },
                  ]}
                />
                <ActionIcon variant="subtle" color="red" aria-label={t("preparation.templatesAdmin.removeObjective", { n: i + 1 })} onClick={() => setObjectives(objectives.filter((_, j) => j !== i))}>
                  ×
                </ActionIcon>
              </Group>
              {problems.get(`objectives/${i}/kind`) && (
                <Text size="xs" c="red">
                  {problems.get(`objectives/${i}/kind`)}
                </Text>
              )}
              <Textarea
                autosize
                minRows={1}
                maxRows={4}
                label={t("preparation.objectives.field.text")}
                value={o.text}
                onChange={(e) => setObjective(i, { text: e.currentTarget.value })}
                error={problems.get(`objectives/${i}/text`)}
              />
              {o.kind === "internal" && (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput
                    label={t("preparation.objectives.field.keyword")}
                    value={o.keyword}
                    onChange={(e) => setObjective(i, { keyword: e.currentTarget.value })}
                    error={problems.get(`objectives/${i}/keyword`)}
                  />
                  <Select
                    label={t("preparation.templatesAdmin.answerField")}
                    data={[{ value: "", label: t("preparation.templatesAdmin.answerFieldNone") }, ...ANSWER_FIELDS.map((f) => ({ value: f, label: t(`preparation.templatesAdmin.answerFields.${f}`) }))]}
                    value={o.field ?? ""}
                    allowDeselect={false}
                    onChange={(v) => setObjective(i, { field: v ? (v as AnswerField) : null })}
                    error={problems.get(`objectives/${i}/field`)}
                  />
                </SimpleGrid>
              )}
            </Stack>
          </Paper>
        ))}
        <Group gap="xs">
          <Button size="xs" variant="light" onClick={() => setObjectives([...objectives, { kind: "internal", text: "", keyword: "", field: null }])}>
            {t("preparation.templatesAdmin.addObjective")}
          </Button>
        </Group>
        <TagsInput
          label={t("preparation.templatesAdmin.keywords")}
          description={t("preparation.templatesAdmin.keywordsHint")}
          value={keywords}
          onChange={setKeywords}
          allowDuplicates={false}
          clearable
          error={listProblem("keywords")}
        />
        <Switch label={t("preparation.templatesAdmin.active")} description={t("preparation.templatesAdmin.activeHint")} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        {isApiError(save.error, "version_conflict") ? (
          <Alert color="orange" title={t("errors.versionConflictTitle")} role="alert">
            {t("preparation.templatesAdmin.conflict")}
          </Alert>
        ) : save.error && (unplaced.length > 0 || !(save.error instanceof ApiError) || save.error.fields.length === 0) ? (
          <ErrorAlert error={save.error} />
        ) : save.error ? (
          <Text size="sm" c="red" role="alert">
            {t("errors.validation")}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button loading={save.isPending} onClick={submit}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
