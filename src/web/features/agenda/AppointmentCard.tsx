// One appointment as a small card: time, relation, visit type; draggable where the view allows moving.
import { Badge, Group, Paper, Text, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Appointment } from "./agenda.api.js";
import classes from "./agenda.module.css";

interface Props {
  appointment: Appointment;
  showUser: boolean;
  draggable: boolean;
  /** In the hour grid's narrow columns: smaller text, so a long company word still fits. */
  compact?: boolean;
  onOpen: (a: Appointment) => void;
}

export function AppointmentCard({ appointment: a, showUser, draggable, compact = false, onOpen }: Props) {
  const { t } = useTranslation();
  const cancelled = a.status === "cancelled";
  const movable = draggable && !cancelled;
  return (
    <Paper
      withBorder
      p={6}
      className={classes.card}
      data-cancelled={cancelled || undefined}
      data-warning={a.warnings.length > 0 || undefined}
      data-pending={a.pending || undefined}
      draggable={movable}
      onDragStart={(e) => {
        e.dataTransfer.setData("text/plain", String(a.id));
        e.dataTransfer.effectAllowed = "move";
      }}
      data-testid={`appointment-${a.id}`}
    >
      <UnstyledButton onClick={() => onOpen(a)} className={classes.cardButton} aria-label={t("agenda.open", { time: a.startTime, relation: a.relation.name })}>
        <Text size="xs" fw={600}>
          {a.startTime}–{a.endTime}
        </Text>
        <Text size={compact ? "xs" : "sm"} fw={500} className={classes.wrap} td={cancelled ? "line-through" : undefined}>
          {a.relation.name}
        </Text>
        <Group gap={4} wrap="wrap">
          <Text size="xs" c="dimmed">
            {t(`agenda.visitType.${a.visitType}`)}
          </Text>
          {showUser && (
            <Text size="xs" c="dimmed">
              · {a.forUser.name}
            </Text>
          )}
          {cancelled && (
            <Badge size="xs" color="gray">
              {t("agenda.cancelled")}
            </Badge>
          )}
          {a.pending && (
            <Badge size="xs" color="orange" variant="light" data-testid="appointment-pending">
              {t("agenda.pending")}
            </Badge>
          )}
          {a.warnings.length > 0 && (
            <Badge size="xs" color="yellow" title={a.warnings.map((w) => w.message).join("; ")}>
              {t("agenda.warning.badge")}
            </Badge>
          )}
        </Group>
      </UnstyledButton>
    </Paper>
  );
}
