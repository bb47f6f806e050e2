// One contact moment on the timeline. Notes are plain text (React escapes them); internal notes sit
// in their own, visibly different block so nobody reads them out to the customer by mistake.
import { Badge, Box, Button, Card, Group, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Person } from "../../api/types.js";
import { Field, FieldList } from "../../components/Field.js";
import { formatDate, formatInstant } from "../../i18n/format.js";
import { ActivityForm } from "./ActivityForm.js";
import { AttachmentList, AttachmentUpload } from "./Attachments.js";
import { isKind, KIND_COLORS, KIND_GLYPHS } from "./options.js";
import type { Activity } from "./types.js";

interface Props {
  activity: Activity;
  relationId: number;
  persons: readonly Person[];
  canWrite: boolean;
  editing: boolean;
  onEdit: (editing: boolean) => void;
  onReload: () => void;
}

const plain = { whiteSpace: "pre-wrap", overflowWrap: "anywhere" } as const;

export function ActivityCard({ activity: a, relationId, persons, canWrite, editing, onEdit, onReload }: Props) {
  const { t } = useTranslation();
  const kind = isKind(a.kind) ? a.kind : null;
  const kindLabel = t(`activities.kind.${a.kind}`, { defaultValue: a.kind });
  const planned = new Date(a.occurredAt).getTime() > Date.now();
  const titleId = `activity-${a.id}-title`;

  return (
    <Card withBorder component="article" aria-labelledby={titleId} padding="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="xs">
          <ThemeIcon variant="light" color={kind ? KIND_COLORS[kind] : "gray"} radius="xl" aria-hidden>
            {kind ? KIND_GLYPHS[kind] : "•"}
          </ThemeIcon>
          <Title order={3} size="h5" id={titleId}>
            {kindLabel} · {formatInstant(a.occurredAt)}
          </Title>
          {planned && (
            <Badge size="sm" variant="outline">
              {t("activities.planned")}
            </Badge>
          )}
          {a.winChance !== null && (
            <Badge size="sm" variant="light" color={a.winChance === 0 ? "red" : "indigo"}>
              {t("activities.winChanceBadge", { value: a.winChance })}
            </Badge>
          )}
        </Group>
        {canWrite && !editing && a.mayChange === false && (
          <Text size="xs" c="dimmed" maw={220} ta="right">
            {t("activities.notYours")}
          </Text>
        )}
        {canWrite && !editing && a.mayChange !== false && (
          <Button size="compact-sm" variant="subtle" onClick={() => onEdit(true)} aria-label={`${t("common.edit")}: ${kindLabel} ${formatInstant(a.occurredAt)}`}>
            {t("common.edit")}
          </Button>
        )}
      </Group>

      {editing ? (
        <Box mt="md">
          <ActivityForm relationId={relationId} persons={persons} activity={a} onDone={() => onEdit(false)} onReload={onReload} />
        </Box>
      ) : (
        <Stack gap="sm" mt="sm">
          <FieldList>
            <Field label={t("activities.fields.userIds")}>{a.users.map((u) => u.name).join(", ")}</Field>
            <Field label={t("activities.fields.personIds")}>{a.persons.map((p) => p.name).join(", ")}</Field>
            {a.salesMethod && <Field label={t("activities.fields.salesMethod")}>{t(`activities.salesMethod.${a.salesMethod}`, { defaultValue: a.salesMethod })}</Field>}
            {a.outcome && <Field label={t("activities.fields.outcome")}>{a.outcome}</Field>}
            {a.nextStep && <Field label={t("activities.fields.nextStep")}>{a.nextStep}</Field>}
          </FieldList>
          {a.notes && (
            <Box>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                {t("activities.fields.notes")}
              </Text>
              <Text size="sm" style={plain}>
                {a.notes}
              </Text>
            </Box>
          )}
          {a.internalNotes && (
            <Paper p="sm" radius="sm" bg="yellow.0" style={{ borderLeft: "4px solid var(--mantine-color-yellow-6)" }} aria-label={t("activities.fields.internalNotes")}>
              <Text size="xs" fw={700} c="yellow.9" tt="uppercase">
                {t("activities.internalLabel")}
              </Text>
              <Text size="sm" style={plain}>
                {a.internalNotes}
              </Text>
            </Paper>
          )}
          {a.followUps.length > 0 && (
            <Stack gap={2}>
              {a.followUps.map((f) => (
                <Text key={f.id} size="sm">
                  <Text span fw={600}>
                    {t("activities.followUp.legend")}:
                  </Text>{" "}
                  <span style={plain}>{f.action}</span> — {formatDate(f.dueDate)} ({f.assignedTo.name}
                  {f.status === "done" ? `, ${t("activities.timing.done")}` : ""})
                </Text>
              ))}
            </Stack>
          )}
          <AttachmentList attachments={a.attachments} />
          {canWrite && <AttachmentUpload relationId={relationId} activityId={a.id} />}
          <Text size="xs" c="dimmed">
            {t("activities.recordedBy", { name: a.createdBy?.name ?? t("common.empty"), date: formatInstant(a.createdAt) })}
          </Text>
        </Stack>
      )}
    </Card>
  );
}
