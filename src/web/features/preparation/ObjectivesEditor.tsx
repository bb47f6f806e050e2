// The objectives of the sheet: templates to start from, internal objectives with the keyword ticked
// in the visit, one external objective said at the start, and per objective the five SMART letters
// the rep confirms. On a phone each objective is a card of its own.
import { Button, Checkbox, Chip, Group, Paper, SegmentedControl, Text, Textarea, TextInput } from "@mantine/core";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SMART_LETTERS, type SmartLetter, type SmartWarning } from "../../../domain/visit-preparation.js";
import { fromTemplates, templatesByIds } from "../../../domain/visit-templates.js";
import { currentLanguage } from "../../i18n/index.js";
import { Section } from "./KnownSections.js";
import type { Draft, DraftObjective } from "./draft.js";
import type { Sheet } from "./preparation.api.js";
import classes from "./preparation.module.css";

export function warningText(t: TFunction, w: SmartWarning): string {
  if (w.code === "external_missing") return t("preparation.smart.externalMissing");
  if (w.code === "unfit_for_phase") return t("preparation.smart.unfit", { n: w.index + 1, method: t(`activities.salesMethod.${w.method}`) });
  return t("preparation.smart.unconfirmed", { n: w.index + 1, letters: w.missing.join(", ") });
}

interface Props {
  sheet: Sheet;
  draft: Draft;
  change: (next: Partial<Draft>) => void;
  disabled: boolean;
}

export function ObjectivesEditor({ sheet, draft, change, disabled }: Props) {
  const { t } = useTranslation();
  const [templates, setTemplates] = useState<string[]>(draft.templates);
  const language = currentLanguage();
  const setObjective = (i: number, next: Partial<DraftObjective>) => change({ objectives: draft.objectives.map((o, j) => (j === i ? { ...o, ...next } : o)) });
  const apply = () => {
    const fromT = fromTemplates(templatesByIds(sheet.templatesAvailable, templates));
    change({
      templates,
      objectives: fromT.objectives.map((o) => ({ kind: o.kind, text: o.text, keyword: o.keyword ?? "", smart: [], ticked: false, answer: null })),
      keywords: fromT.keywords.map((k) => ({ keyword: k, ticked: false, answer: null })),
    });
  };
  const add = (kind: DraftObjective["kind"]) => change({ objectives: [...draft.objectives, { kind, text: "", keyword: "", smart: [], ticked: false, answer: null }] });
  const hasExternal = draft.objectives.some((o) => o.kind === "external");

  return (
    <Section title={t("preparation.objectives.title")} testId="prep-objectives">
      <Text size="xs" c="dimmed">
        {t("preparation.objectives.hint")}
      </Text>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Checkbox.Group label={t("preparation.templates.label")} value={templates} onChange={setTemplates}>
          <Group gap="sm" mt={4} wrap="wrap">
            {sheet.templatesAvailable.map((tpl) => (
              <Checkbox key={tpl.id} value={tpl.id} label={tpl.name[language]} disabled={disabled} />
            ))}
          </Group>
        </Checkbox.Group>
        <Button size="xs" variant="light" disabled={disabled} onClick={apply}>
          {t("preparation.templates.apply")}
        </Button>
      </Group>
      {draft.objectives.map((o, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: objectives have no id until saved; their place in the list is what the server names
        <Paper key={i} withBorder p="xs" className={classes.objective} data-testid={`objective-${i}`}>
          <Group gap="xs" wrap="wrap" align="center">
            <SegmentedControl
              size="xs"
              value={o.kind}
              disabled={disabled}
              aria-label={t("preparation.objectives.field.kind")}
              onChange={(v) => setObjective(i, { kind: v as DraftObjective["kind"] })}
              data={[
                { value: "internal", label: t("preparation.objectives.internal") },
                { value: "external", label: t("preparation.objectives.external") },
              ]}
            />
            <Textarea
              autosize
              minRows={1}
              maxRows={4}
              aria-label={t("preparation.objectives.fieldLabel", { n: i + 1, field: t("preparation.objectives.field.text") })}
              placeholder={t("preparation.objectives.field.text")}
              value={o.text}
              maxLength={300}
              disabled={disabled}
              onChange={(e) => setObjective(i, { text: e.currentTarget.value })}
              style={{ flex: "1 1 16rem", minWidth: 0 }}
            />
            <TextInput
              aria-label={t("preparation.objectives.fieldLabel", { n: i + 1, field: t("preparation.objectives.field.keyword") })}
              placeholder={o.kind === "internal" ? t("preparation.objectives.keywordHint") : t("preparation.objectives.field.keyword")}
              title={o.kind === "internal" ? t("preparation.objectives.keywordHint") : undefined}
              value={o.keyword}
              maxLength={30}
              disabled={disabled}
              onChange={(e) => setObjective(i, { keyword: e.currentTarget.value })}
              style={{ flex: "0 1 11rem", minWidth: "8rem" }}
            />
            <Chip.Group multiple value={o.smart} onChange={(v) => setObjective(i, { smart: SMART_LETTERS.filter((l) => v.includes(l)) as SmartLetter[] })}>
              <Group gap={2} wrap="nowrap" role="group" aria-label={t("preparation.smart.label")}>
                {SMART_LETTERS.map((l) => (
                  <Chip key={l} value={l} size="xs" disabled={disabled} title={t(`preparation.smart.letter.${l}`)}>
                    {l}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            <Button size="compact-xs" variant="subtle" color="red" disabled={disabled} onClick={() => change({ objectives: draft.objectives.filter((_, j) => j !== i) })}>
              {t("preparation.objectives.remove")}
            </Button>
          </Group>
        </Paper>
      ))}
      <Group gap="xs" wrap="wrap">
        <Button size="xs" variant="default" disabled={disabled} onClick={() => add("internal")}>
          {t("preparation.objectives.addInternal")}
        </Button>
        {!hasExternal && (
          <Button size="xs" variant="default" disabled={disabled} onClick={() => add("external")}>
            {t("preparation.objectives.addExternal")}
          </Button>
        )}
      </Group>
    </Section>
  );
}
