// /agenda/:id/verslag: the report after the visit. Per objective what was achieved and the answer,
// the keywords ticked, then the next step and its follow-up date; saving makes the contact moment
// (with the persons met, the method and an outcome written from the objectives) and the follow-up,
// through the server, so nothing is typed twice.
import { Alert, Anchor, Button, Checkbox, Group, NumberInput, Paper, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { isApiError } from "../../api/client.js";
import { DateField } from "../../components/DateField.js";
import { formatCents, formatDate } from "../../i18n/format.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import type { AccountClass } from "../../../domain/account-class.js";
import { REQUIREMENTS_MAX, type Requirement, requirementsOverLimit, WILLING_TO_PAY } from "../../../domain/requirements.js";
import { type AnswerProposal, answerFieldsOf, answerProposals, classAfterVisit, isRequirementKeyword, requirementsHeard, statusAfterVisit } from "../../../domain/visit-answers.js";
import { OBJECTIVE_RESULTS, type ObjectiveResult } from "../../../domain/visit-preparation.js";
import { templatesByIds } from "../../../domain/visit-templates.js";
import { AppointmentHeading } from "./PreparationPage.js";
import { fieldLabelOf } from "./draft.js";
import { type Sheet, useReportVisit, useSaveSheet, useSheet } from "./preparation.api.js";
import classes from "./preparation.module.css";

export function ReportPage() {
  const { id } = useParams();
  const sheet = useSheet(Number(id));
  const { t } = useTranslation();
  if (sheet.isPending) return <PageLoader />;
  if (sheet.isError) return <ErrorAlert error={sheet.error} />;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={1} size="h2" className={classes.wrap}>
            {t("preparation.reportTitle", { relation: sheet.data.appointment.relation.name })}
          </Title>
          <AppointmentHeading sheet={sheet.data} />
        </Stack>
        <Button variant="default" component={Link} to={`/agenda/${sheet.data.appointment.id}/voorbereiding`}>
          {t("preparation.toSheet")}
        </Button>
      </Group>
      {sheet.data.report ? <Reported sheet={sheet.data} /> : <ReportForm key={sheet.data.version} sheet={sheet.data} onReload={() => void sheet.refetch()} />}
    </Stack>
  );
}

/**
 * What the customer requires, as heard in the visit: the answers to the keywords about requirements
 * ("eisen …", "requirements …") and to the objectives, for the notes of a new quote.
 */
export function requirementsOf(sheet: Sheet, heading: string): string {
  const lines = [
    ...[...sheet.keywords, ...sheet.objectives]
      .filter((k) => isRequirementKeyword(k.keyword) && (k.answer ?? "").trim() !== "")
      .map((k) => `- ${k.keyword}: ${k.answer?.trim()}`),
  ];
  return lines.length === 0 ? "" : `${heading}\n${lines.join("\n")}`.slice(0, 2000);
}

function Reported({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation();
  const requirements = requirementsOf(sheet, t("preparation.requirementsHeading", { date: formatDate(sheet.appointment.date) }));
  // The chance heard in the visit (the answer whose template sends it to the win chance) starts the quote advice.
  const chance = answerProposals(sheet.objectives, answerFieldsOf(templatesByIds(sheet.templatesAvailable, sheet.templates))).find((p) => p.field === "winChance" && p.problem === null)?.value;
  const quoteQuery = new URLSearchParams({ relation: String(sheet.appointment.relation.id), ...(requirements ? { notes: requirements } : {}), ...(typeof chance === "number" ? { chance: String(chance) } : {}) });
  return (
    <Stack>
      <Alert color="green" title={t("preparation.reportedTitle")} data-testid="report-done">
        {t("preparation.reportedText")}{" "}
        <Anchor component={Link} to={`/relations/${sheet.appointment.relation.id}`}>
          {sheet.appointment.relation.name}
        </Anchor>
      </Alert>
      <Group>
        <Button component={Link} variant="light" to={`/quotes/new?${quoteQuery.toString()}`}>
          {t("preparation.startQuote")}
        </Button>
      </Group>
      {requirements && (
        <Text size="xs" c="dimmed">
          {t("preparation.startQuoteHint")}
        </Text>
      )}
      {sheet.objectives.map((o) => (
        <Text key={o.id ?? o.text} size="sm" className={classes.wrap}>
          {o.keyword ? <b>{o.keyword}: </b> : null}
          {o.text}
          {o.result ? ` — ${t(`preparation.result.${o.result}`)}` : ""}
          {o.answer ? ` (${o.answer})` : ""}
        </Text>
      ))}
    </Stack>
  );
}

type Row = { id: number; result: ObjectiveResult | null; answer: string };

/** Relation fields an answer can fill (the win chance goes to the contact moment instead). */
type RelationField = "currentSupplier" | "contractEndDate" | "competitorPriceNote" | "revenuePotentialCents";

function shown(field: string, value: string | number | null): string {
  if (value === null || value === "") return "—";
  if (field === "contractEndDate") return formatDate(String(value));
  if (field === "revenuePotentialCents") return formatCents(Number(value));
  return String(value);
}

/**
 * "Naar de relatie": the answers whose template objective says where they go, with the relation's
 * value now; the rep ticks what to take over (new values are ticked), an answer that did not read
 * as a date, amount or percentage is named and left out.
 */
function AnswerTransfer({ proposals, current, chosen, onChange }: { proposals: AnswerProposal[]; current: Record<string, unknown>; chosen: ReadonlySet<string>; onChange: (next: Set<string>) => void }) {
  const { t } = useTranslation();
  const forRelation = proposals.filter((p) => p.field !== "winChance");
  if (forRelation.length === 0) return null;
  return (
    <Paper withBorder p="sm" data-testid="report-transfer">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t("preparation.transfer.title")}
        </Title>
        <Text size="xs" c="dimmed">
          {t("preparation.transfer.hint")}
        </Text>
        {forRelation.map((p) =>
          p.problem ? (
            <Text key={p.field} size="sm" c="red" className={classes.wrap}>
              {t("preparation.transfer.unreadable", { field: t(`relationFields.${p.field}`), answer: p.answer, reason: t(`preparation.transfer.problem.${p.problem}`) })}
            </Text>
          ) : (
            <Checkbox
              key={p.field}
              checked={chosen.has(p.field)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.currentTarget.checked) next.add(p.field);
                else next.delete(p.field);
                onChange(next);
              }}
              label={`${t(`relationFields.${p.field}`)}: ${shown(p.field, p.value)}`}
              description={t("preparation.transfer.now", { value: shown(p.field, (current[p.field] as string | number | null | undefined) ?? null) })}
            />
          ),
        )}
      </Stack>
    </Paper>
  );
}

function ReportForm({ sheet, onReload }: { sheet: Sheet; onReload: () => void }) {
  const { t } = useTranslation();
  const report = useReportVisit(sheet.appointment.id);
  const save = useSaveSheet(sheet.appointment.id);
  const [rows, setRows] = useState<Row[]>(sheet.objectives.flatMap((o) => (o.id === null ? [] : [{ id: o.id, result: (o.result as ObjectiveResult | null) ?? null, answer: o.answer ?? "" }])));
  const [keywords, setKeywords] = useState(sheet.keywords.map((k) => ({ ...k })));
  const [notes, setNotes] = useState("");
  const [nextStep, setNextStep] = useState("");
  const [winChance, setWinChance] = useState<number | string>("");
  const [action, setAction] = useState("");
  const [dueDate, setDueDate] = useState("");
  const setRow = (i: number, next: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...next } : r)));
  // Answers that the applied templates send to a field, as the rep types them.
  const fieldOf = answerFieldsOf(templatesByIds(sheet.templatesAvailable, sheet.templates));
  const keywordOf = new Map(sheet.objectives.flatMap((o) => (o.id === null ? [] : [[o.id, o.keyword] as const])));
  const proposals = answerProposals(rows.map((r) => ({ keyword: keywordOf.get(r.id) ?? null, answer: r.answer })), fieldOf);
  const company = sheet.prefill.company as unknown as Record<string, unknown> & { version: number };
  // Fields the rep unticked; a new proposal is ticked when it differs from what the relation holds.
  const [unticked, setUnticked] = useState<Set<string>>(new Set());
  const transferable = proposals.filter((p) => p.field !== "winChance" && p.problem === null && p.value !== (company[p.field] ?? null));
  const chosen = new Set(transferable.map((p) => p.field).filter((f) => !unticked.has(f)));
  const proposedChance = proposals.find((p) => p.field === "winChance" && p.problem === null)?.value;
  // A visited suspect becomes a prospect (ticked; the rep may untick it), with the visit as its reason.
  const nextStatus = statusAfterVisit(sheet.prefill.company.status);
  const [statusChosen, setStatusChosen] = useState(nextStatus !== null);
  const statusReason = t("preparation.transfer.statusReason", { date: formatDate(sheet.appointment.date) });
  // What the customer requires, as heard (answers to "eisen …"): new labels for the relation, ticked.
  // Soft until the rep ticks "hard"; whether they will pay for it as the rep heard it.
  const known = sheet.prefill.company.requirements;
  const heardPlain = requirementsHeard(
    [...rows.map((r) => ({ keyword: keywordOf.get(r.id) ?? null, answer: r.answer })), ...keywords.map((k) => ({ keyword: k.keyword, answer: k.answer }))],
    known.map((r) => r.label),
  );
  const [requirementEdits, setRequirementEdits] = useState<Record<string, Partial<Requirement>>>({});
  const heard = heardPlain.map((r) => ({ ...r, ...requirementEdits[r.label] }));
  const editRequirement = (label: string, next: Partial<Requirement>) => setRequirementEdits({ ...requirementEdits, [label]: { ...requirementEdits[label], ...next } });
  const [droppedRequirements, setDroppedRequirements] = useState<Set<string>>(new Set());
  // Over the limit (a merge can leave a longer list) the heard ones are not added: they stay in the
  // contact moment's notes, and the rep is told to shorten the relation's list first.
  const requirementsFull = heard.length > 0 && requirementsOverLimit(known.length + 1, known.length);
  const newRequirements = requirementsFull ? [] : heard.filter((r) => !droppedRequirements.has(r.label));
  const overLimit = requirementsOverLimit(known.length + newRequirements.length, known.length);
  // The class the revenue potential points to (heard now, or as the relation holds it), ticked; the rep may untick it.
  const heardPotential = transferable.find((p) => p.field === "revenuePotentialCents" && chosen.has(p.field))?.value;
  const potential = typeof heardPotential === "number" ? heardPotential : sheet.prefill.company.revenuePotentialCents;
  const classProposal = classAfterVisit(
    sheet.prefill.company.accountClass as AccountClass | null,
    sheet.prefill.company.classOverride,
    potential,
    sheet.prefill.company.classThresholds,
  );
  const [classChosen, setClassChosen] = useState(true);
  const classReason = classProposal
    ? t(classProposal.to === "C" ? "preparation.transfer.classReasonBelow" : "preparation.transfer.classReason", {
        date: formatDate(sheet.appointment.date),
        potential: formatCents(classProposal.revenuePotentialCents),
        threshold: formatCents(classProposal.thresholdCents),
        class: t(`accountClass.${classProposal.to}`),
      })
    : "";
  const changes = {
    ...Object.fromEntries(transferable.filter((p) => chosen.has(p.field)).map((p) => [p.field as RelationField, p.value])),
    // The whole list, within the relation's limit (the rep unticks some when it is not).
    ...(newRequirements.length > 0 && !overLimit ? { requirements: [...known, ...newRequirements] } : {}),
    ...(nextStatus && statusChosen ? { status: nextStatus, statusReason } : {}),
    ...(classProposal && classChosen ? { accountClass: classProposal.to, classReason } : {}),
  };
  // An unsaved sheet's objectives have no ids yet: the report saves the sheet first (server side).
  const unsaved = !sheet.saved;

  const submit = () =>
    report.mutate(
      {
        version: sheet.version,
        body: {
          objectives: rows.map((r) => ({ id: r.id, result: r.result, answer: r.answer.trim() === "" ? null : r.answer })),
          keywords,
          notes: notes.trim() === "" ? null : notes,
          nextStep: nextStep.trim() === "" ? null : nextStep,
          winChance: typeof winChance === "number" ? winChance : typeof proposedChance === "number" ? proposedChance : null,
          ...(Object.keys(changes).length > 0 ? { relation: { version: company.version, changes } } : {}),
          ...(action.trim() !== "" ? { followUp: { action: action.trim(), ...(dueDate ? { dueDate } : { quickChoice: "2w" as const }) } } : {}),
        },
      },
      { onSuccess: () => notifications.show({ message: t("preparation.reportSaved"), color: "green" }) },
    );

  return (
    <Stack>
      {unsaved && (
        <Alert color="gray">
          {t("preparation.reportUnsaved")}
          <div>
            <Button mt="xs" size="xs" variant="light" loading={save.isPending} onClick={() => save.mutate({ version: 0, changes: { notes: null } })}>
              {t("preparation.saveFirst")}
            </Button>
          </div>
        </Alert>
      )}
      <Title order={2} size="h4">
        {t("preparation.objectives.title")}
      </Title>
      {sheet.objectives
        .filter((o) => o.id !== null)
        .map((o, i) => (
          <Paper key={o.id} withBorder p="xs" data-testid={`report-objective-${i}`}>
            <Stack gap={6}>
              <Text size="sm" className={classes.wrap}>
                {o.keyword ? <b>{o.keyword}: </b> : null}
                {o.text}
                <Text span size="xs" c="dimmed">
                  {" "}
                  ({t(`preparation.objectives.${o.kind}`)})
                </Text>
              </Text>
              <SegmentedControl
                size="xs"
                fullWidth
                value={rows[i]?.result ?? "none"}
                onChange={(v) => setRow(i, { result: v === "none" ? null : (v as ObjectiveResult) })}
                data={[...OBJECTIVE_RESULTS.map((r) => ({ value: r, label: t(`preparation.result.${r}`) })), { value: "none", label: t("preparation.result.none") }]}
              />
              <TextInput label={t("preparation.answer")} value={rows[i]?.answer ?? ""} maxLength={2000} onChange={(e) => setRow(i, { answer: e.currentTarget.value })} />
            </Stack>
          </Paper>
        ))}
      <Title order={2} size="h4">
        {t("preparation.keywords.title")}
      </Title>
      {keywords.map((k, i) => (
        <Group key={k.keyword} gap="xs" wrap="wrap" align="center">
          <Checkbox label={k.keyword} checked={k.ticked} onChange={(e) => setKeywords(keywords.map((x, j) => (j === i ? { ...x, ticked: e.currentTarget.checked } : x)))} style={{ minWidth: 140 }} />
          <TextInput
            aria-label={t("preparation.keywordAnswer", { keyword: k.keyword })}
            placeholder={t("preparation.answer")}
            value={k.answer ?? ""}
            maxLength={2000}
            onChange={(e) => setKeywords(keywords.map((x, j) => (j === i ? { ...x, answer: e.currentTarget.value } : x)))}
            style={{ flex: 1, minWidth: 160 }}
          />
        </Group>
      ))}
      <AnswerTransfer
        proposals={proposals}
        current={company}
        chosen={chosen}
        onChange={(next) => setUnticked(new Set(transferable.map((p) => p.field).filter((f) => !next.has(f))))}
      />
      {heard.length > 0 && (
        <Stack gap={4} data-testid="report-requirements">
          <Text size="sm" fw={600}>
            {t("preparation.transfer.requirements")}
          </Text>
          {(requirementsFull || overLimit) && (
            <Alert color="yellow" data-testid="report-requirements-full">
              {requirementsFull
                ? t("preparation.transfer.requirementsFull", { count: known.length, max: REQUIREMENTS_MAX })
                : t("preparation.transfer.requirementsTooMany", { count: known.length + newRequirements.length, max: REQUIREMENTS_MAX })}
            </Alert>
          )}
          {heard.map((r) => (
            <Group key={r.label} gap="xs" wrap="wrap" align="center" data-testid="report-requirement">
              <Checkbox
                label={`${r.label}${r.kind === "supplier" ? ` (${t("requirement.kind.supplier")})` : ""}`}
                disabled={requirementsFull}
                checked={!requirementsFull && !droppedRequirements.has(r.label)}
                onChange={(e) => {
                  const next = new Set(droppedRequirements);
                  if (e.currentTarget.checked) next.delete(r.label);
                  else next.add(r.label);
                  setDroppedRequirements(next);
                }}
                style={{ flex: "1 1 160px" }}
              />
              <Checkbox
                size="xs"
                label={t("requirement.hardLabel")}
                aria-label={t("preparation.transfer.requirementHard", { label: r.label })}
                checked={r.hard}
                onChange={(e) => editRequirement(r.label, { hard: e.currentTarget.checked })}
              />
              <Select
                size="xs"
                aria-label={t("preparation.transfer.requirementPays", { label: r.label })}
                data={WILLING_TO_PAY.map((k) => ({ value: k, label: `${t("requirement.willingToPayLabel")}: ${t(`requirement.willingToPay.${k}`)}` }))}
                value={r.willingToPay}
                allowDeselect={false}
                onChange={(v) => v && editRequirement(r.label, { willingToPay: v as Requirement["willingToPay"] })}
                w={200}
              />
            </Group>
          ))}
        </Stack>
      )}
      {classProposal && (
        <Checkbox
          data-testid="report-class"
          checked={classChosen}
          onChange={(e) => setClassChosen(e.currentTarget.checked)}
          label={t("preparation.transfer.class", { from: classProposal.from ? t(`accountClass.${classProposal.from}`) : t("preparation.transfer.noClass"), to: t(`accountClass.${classProposal.to}`) })}
          description={classReason}
        />
      )}
      {nextStatus && (
        <Checkbox
          data-testid="report-status"
          checked={statusChosen}
          onChange={(e) => setStatusChosen(e.currentTarget.checked)}
          label={t("preparation.transfer.status", { from: t(`status.${sheet.prefill.company.status}`), to: t(`status.${nextStatus}`) })}
          description={statusReason}
        />
      )}
      <Title order={2} size="h4">
        {t("preparation.afterwards")}
      </Title>
      <Textarea label={t("preparation.reportNotes")} autosize minRows={3} maxRows={12} maxLength={20_000} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
      <Group align="flex-end" wrap="wrap" gap="sm">
        <NumberInput
          label={t("preparation.winChance")}
          min={0}
          max={100}
          suffix=" %"
          value={winChance}
          placeholder={typeof proposedChance === "number" ? `${proposedChance} %` : undefined}
          description={typeof proposedChance === "number" && winChance === "" ? t("preparation.transfer.chanceFromAnswer") : undefined}
          onChange={setWinChance}
          w={180}
        />
        <TextInput label={t("preparation.nextStep")} value={nextStep} maxLength={1000} onChange={(e) => setNextStep(e.currentTarget.value)} style={{ flex: 1, minWidth: 200 }} />
      </Group>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <TextInput label={t("preparation.followUpAction")} description={t("preparation.followUpHint")} value={action} maxLength={500} onChange={(e) => setAction(e.currentTarget.value)} style={{ flex: 1, minWidth: 200 }} />
        <DateField label={t("preparation.followUpDate")} value={dueDate} onChange={setDueDate} />
      </Group>
      {isApiError(report.error, "version_conflict") ? (
        <VersionConflictAlert onReload={onReload} />
      ) : report.error ? (
        <ErrorAlert error={report.error} fields={isApiError(report.error) ? report.error.fields : []} fieldLabel={(f) => fieldLabelOf(t, f)} />
      ) : null}
      <Group justify="flex-end">
        <Button loading={report.isPending} onClick={submit} disabled={!sheet.mayEdit || unsaved}>
          {t("preparation.reportSave")}
        </Button>
      </Group>
    </Stack>
  );
}
