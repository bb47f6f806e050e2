// /agenda/:id/voorbereiding: the preparation sheet of an appointment. Koers fills in what it knows
// (KnownSections); the rep chooses the method, applies templates, writes the objectives with their
// keywords and confirms SMART per objective (warnings computed as they type, by the same rule as the
// server), adds research, ticks the checklist and saves (If-Match). "Afdrukken" prints one or two A4
// pages without navigation: keywords, boxes and room to write.
import { Alert, Anchor, Button, Checkbox, Group, Modal, Select, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useBlocker, useParams } from "react-router";
import { isApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { SALES_METHODS, type SalesMethod } from "../../../domain/contact-moment.js";
import { type Objective, smartWarnings } from "../../../domain/visit-preparation.js";
import { longDayHeading } from "../agenda/agenda-dates.js";
import { KnownSections, Section } from "./KnownSections.js";
import { ObjectivesEditor, warningText } from "./ObjectivesEditor.js";
import { PrintedObjectives } from "./PrintedObjectives.js";
import { type Sheet, type SheetPatch, useSaveSheet, useSheet } from "./preparation.api.js";
import { type Draft, draftOf, fieldLabelOf, patchOf } from "./draft.js";
import classes from "./preparation.module.css";

const RESEARCH_FIELDS = ["employees", "branches", "groupStructure", "csrPolicy", "customers", "internet"] as const;

export function AppointmentHeading({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation();
  const a = sheet.appointment;
  return (
    <Stack gap={2}>
      <Text size="sm" className={classes.wrap}>
        {longDayHeading(a.date)}, {a.startTime}–{a.endTime} · {t(`agenda.visitType.${a.visitType}`)}
      </Text>
      <Text size="sm" c="dimmed" className={classes.wrap}>
        {a.address ?? t(`agenda.place.${a.placeKind}`)}
        {a.persons.length > 0 ? ` · ${a.persons.map((p) => p.name).join(", ")}` : ""} · {a.forUser.name}
      </Text>
    </Stack>
  );
}

export function PreparationPage() {
  const { id } = useParams();
  const appointmentId = Number(id);
  const sheet = useSheet(appointmentId);
  const { t } = useTranslation();
  if (sheet.isPending) return <PageLoader />;
  if (sheet.isError) return <ErrorAlert error={sheet.error} />;
  const data = sheet.data;
  return (
    <Stack className={classes.sheet}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={1} size="h2" className={classes.wrap}>
            {t("preparation.title", { relation: data.appointment.relation.name })}
          </Title>
          <AppointmentHeading sheet={data} />
        </Stack>
        <Group gap="xs" className={classes.screenOnly} wrap="wrap">
          <Button variant="default" component={Link} to="/agenda">
            {t("preparation.toAgenda")}
          </Button>
          <Button variant="default" onClick={() => window.print()}>
            {t("preparation.print")}
          </Button>
          <Button component={Link} to={`/agenda/${appointmentId}/verslag`}>
            {data.report ? t("preparation.reportDone") : t("preparation.report")}
          </Button>
        </Group>
      </Group>
      <KnownSections sheet={data} />
      <Editor key={data.version} sheet={data} onReload={() => void sheet.refetch()} />
      <PrintedObjectives sheet={data} />
    </Stack>
  );
}

function Editor({ sheet, onReload }: { sheet: Sheet; onReload: () => void }) {
  const { t } = useTranslation();
  const save = useSaveSheet(sheet.appointment.id);
  const [draft, setDraft] = useState<Draft>(() => draftOf(sheet));
  const [dirty, setDirty] = useState(false);
  const change = (next: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setDirty(true);
  };
  useEffect(() => {
    // Leaving with unsaved objectives loses them: the browser asks first (closing the tab, reloading).
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
  // …and so does Koers when the rep follows a link inside the app (the agenda, the report, the menu).
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);

  const method = (draft.method ?? sheet.prefill.suggestedMethod.method) as SalesMethod;
  const asDomain: Objective[] = draft.objectives.map((o) => ({ kind: o.kind, text: o.text, keyword: o.keyword.trim() === "" ? null : o.keyword, smart: o.smart }));
  const warnings = smartWarnings(asDomain, method);
  // One line for the objectives whose letters are not all confirmed, not one line each.
  const unconfirmed = warnings.flatMap((w) => (w.code === "smart_unconfirmed" ? [String(w.index + 1)] : []));
  const reported = sheet.report !== null;
  const submit = (changes: SheetPatch) =>
    save.mutate(
      { version: sheet.version, changes },
      {
        onSuccess: () => {
          setDirty(false);
          notifications.show({ message: t("preparation.saved"), color: "green" });
        },
      },
    );
  const problems = isApiError(save.error) ? save.error.fields : [];

  return (
    <Stack className={classes.screenOnly}>
      <Modal opened={blocker.state === "blocked"} onClose={() => blocker.reset?.()} title={t("preparation.unsaved.title")} data-testid="prep-unsaved">
        <Stack>
          <Text size="sm">{t("preparation.unsaved.text")}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="light" color="red" onClick={() => blocker.proceed?.()}>
              {t("preparation.unsaved.leave")}
            </Button>
            <Button onClick={() => blocker.reset?.()}>{t("preparation.unsaved.stay")}</Button>
          </Group>
        </Stack>
      </Modal>
      {!sheet.mayEdit && <Alert color="gray">{t("preparation.readOnly")}</Alert>}
      {reported && (
        <Alert color="green" title={t("preparation.reportedTitle")}>
          {t("preparation.reportedText")}{" "}
          <Anchor component={Link} to={`/relations/${sheet.appointment.relation.id}`}>
            {sheet.appointment.relation.name}
          </Anchor>
        </Alert>
      )}
      <Section title={t("preparation.method.title")} testId="prep-method">
        <Text size="sm" className={classes.wrap}>
          {t("preparation.method.suggested", { method: t(`activities.salesMethod.${sheet.prefill.suggestedMethod.method}`) })} — {t(`preparation.method.reason.${sheet.prefill.suggestedMethod.reason}`)}
        </Text>
        <Select
          label={t("preparation.method.chosen")}
          data={SALES_METHODS.map((m) => ({ value: m, label: t(`activities.salesMethod.${m}`) }))}
          value={method}
          allowDeselect={false}
          disabled={!sheet.mayEdit}
          onChange={(v) => change({ method: (v as SalesMethod | null) ?? null })}
          maw={360}
        />
      </Section>
      <ObjectivesEditor sheet={sheet} draft={draft} change={change} disabled={!sheet.mayEdit || reported} />
      {warnings.length > 0 && (
        <Alert color="yellow" title={t("preparation.smart.warningsTitle")} data-testid="prep-warnings">
          <Stack gap={2}>
            {warnings
              .filter((w) => w.code !== "smart_unconfirmed")
              .map((w) => (
                <Text key={`${w.code}-${"index" in w ? w.index : ""}`} size="sm">
                  {warningText(t, w)}
                </Text>
              ))}
            {unconfirmed.length > 0 && <Text size="sm">{t("preparation.smart.unconfirmedList", { list: unconfirmed.join(", ") })}</Text>}
          </Stack>
        </Alert>
      )}
      <Section title={t("preparation.keywords.title")} testId="prep-keywords">
        <Text size="xs" c="dimmed">
          {t("preparation.keywords.hint")}
        </Text>
        {draft.keywords.map((k, i) => (
          <Group key={k.keyword} gap="xs" wrap="nowrap" align="center">
            <Checkbox
              label={k.keyword}
              checked={k.ticked}
              disabled={!sheet.mayEdit}
              onChange={(e) => change({ keywords: draft.keywords.map((x, j) => (j === i ? { ...x, ticked: e.currentTarget.checked } : x)) })}
              style={{ flex: 1, minWidth: 0 }}
            />
            <Button size="compact-xs" variant="subtle" color="red" disabled={!sheet.mayEdit} aria-label={t("preparation.keywords.remove", { keyword: k.keyword })} onClick={() => change({ keywords: draft.keywords.filter((_, j) => j !== i) })}>
              ×
            </Button>
          </Group>
        ))}
        <AddKeyword
          disabled={!sheet.mayEdit}
          onAdd={(keyword) => {
            // Each keyword once: a second "DMU" would be ticked apart from the first.
            if (!draft.keywords.some((k) => k.keyword.toLowerCase() === keyword.toLowerCase())) change({ keywords: [...draft.keywords, { keyword, ticked: false, answer: null }] });
          }}
        />
      </Section>
      <Section title={t("preparation.checklist.title")} testId="prep-checklist">
        {draft.checklist.map((c, i) => (
          <Checkbox
            key={c.item}
            label={c.item}
            checked={c.ticked}
            disabled={!sheet.mayEdit}
            onChange={(e) => change({ checklist: draft.checklist.map((x, j) => (j === i ? { ...x, ticked: e.currentTarget.checked } : x)) })}
          />
        ))}
      </Section>
      <Section title={t("preparation.research.title")} testId="prep-research">
        <Text size="xs" c="dimmed">
          {t("preparation.research.hint")}
        </Text>
        {RESEARCH_FIELDS.map((f) => (
          <Textarea
            key={f}
            label={t(`preparation.research.${f}`)}
            autosize
            minRows={1}
            maxRows={6}
            maxLength={f === "employees" ? 200 : 2000}
            disabled={!sheet.mayEdit}
            value={draft.research[f] ?? ""}
            onChange={(e) => change({ research: { ...draft.research, [f]: e.currentTarget.value } })}
          />
        ))}
        <Textarea label={t("preparation.notes")} autosize minRows={2} maxRows={10} maxLength={10_000} disabled={!sheet.mayEdit} value={draft.notes} onChange={(e) => change({ notes: e.currentTarget.value })} />
      </Section>
      {isApiError(save.error, "version_conflict") ? <VersionConflictAlert onReload={onReload} /> : save.error ? <ErrorAlert error={save.error} fields={problems} fieldLabel={(f) => fieldLabelOf(t, f)} /> : null}
      {sheet.mayEdit && (
        <Group justify="flex-end">
          <Button loading={save.isPending} onClick={() => submit(patchOf(draft, reported))}>
            {t("preparation.save")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function AddKeyword({ onAdd, disabled }: { onAdd: (keyword: string) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const [value, setValue] = useState("");
  const add = () => {
    if (value.trim() === "") return;
    onAdd(value.trim());
    setValue("");
  };
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput
        label={t("preparation.keywords.new")}
        value={value}
        maxLength={30}
        disabled={disabled}
        onChange={(e) => setValue(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") add();
        }}
        style={{ flex: 1, minWidth: 0 }}
      />
      <Button variant="default" disabled={disabled || value.trim() === ""} onClick={add}>
        {t("common.add")}
      </Button>
    </Group>
  );
}
