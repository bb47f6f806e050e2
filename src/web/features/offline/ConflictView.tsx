// A change that met a newer version on the server, side by side: per field the rep changed, what
// they wrote and what the server holds now. Keep mine (sent again on the server's version), take the
// server's, or drop my change: the rep decides, nothing is overwritten for them.
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { amsterdamLocal, numericDate } from "../agenda/agenda-dates.js";
import type { OutboxItem } from "./offline-db.js";

type Ticked = { keyword?: string; item?: string; ticked: boolean };
const isTickList = (v: unknown): v is Ticked[] => Array.isArray(v) && v.every((x) => typeof x === "object" && x !== null && "ticked" in x);

/** A value as the rep reads it: ticks as ☑/☐, objectives by text and result, texts as they are. */
export function describeValue(t: TFunction, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (isTickList(value)) return value.map((x) => `${x.ticked ? "☑" : "☐"} ${x.keyword ?? x.item ?? ""}`).join("\n") || "—";
  if (Array.isArray(value)) {
    return (
      value
        .map((x) => {
          if (typeof x !== "object" || x === null) return String(x);
          const o = x as { text?: string; id?: number; result?: string | null; answer?: string | null };
          return [o.text ?? (o.id !== undefined ? `#${o.id}` : ""), o.result ? t(`offline.result.${o.result}`, { defaultValue: o.result }) : null, o.answer ?? null].filter(Boolean).join(" — ");
        })
        .join("\n") || "—"
    );
  }
  if (typeof value === "object") {
    const lines = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => `${t(`offline.field.${k}`, { defaultValue: k })}: ${describeValue(t, v)}`);
    return lines.join("\n") || "—";
  }
  return String(value);
}

/** An instant as the rep planned it: "02-12-2026 10:30" on the Amsterdam clock (a move's start). */
function amsterdamText(value: unknown): string {
  if (typeof value !== "string" || Number.isNaN(Date.parse(value))) return "—";
  const [date, time] = amsterdamLocal(new Date(value)).split("T") as [string, string];
  return `${numericDate(date)} ${time}`;
}

/** The fields of my change beside the server's record, those that differ first marked. */
export function conflictRows(t: TFunction, item: OutboxItem): { field: string; mine: string; server: string; differs: boolean }[] {
  const mine = (item.body ?? {}) as Record<string, unknown>;
  const server = (item.server?.record ?? {}) as Record<string, unknown>;
  // A move sends an instant with its offset and the server answers UTC: compared as the clock reads.
  const show = (field: string, value: unknown) => (item.kind === "appointment.move" && field === "start" ? amsterdamText(value) : describeValue(t, value));
  return Object.keys(mine).map((field) => {
    const a = show(field, mine[field]);
    const b = field in server ? show(field, server[field]) : t("offline.notOnServer");
    return { field, mine: a, server: b, differs: a !== b };
  });
}

export function ConflictView({ item, onKeepMine, onTakeTheirs, onDrop }: { item: OutboxItem; onKeepMine: () => void; onTakeTheirs: () => void; onDrop: () => void }) {
  const { t } = useTranslation();
  const rows = conflictRows(t, item);
  return (
    <Alert color="red" mt="xs" title={t("offline.conflictTitle")} data-testid="conflict">
      <Text size="sm" mb="xs">
        {t("offline.conflictText", { mine: item.baseVersion ?? 0, server: item.server?.version ?? 0 })}
      </Text>
      <Stack gap="xs">
        {rows.map((row) => (
          <Paper key={row.field} withBorder p="xs" bg={row.differs ? undefined : "gray.0"}>
            <Text size="xs" fw={700}>
              {t(`offline.field.${row.field}`, { defaultValue: row.field })}
              {row.differs ? "" : ` · ${t("offline.same")}`}
            </Text>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
              <Side testId={`mine-${row.field}`} label={t("offline.mine")} value={row.mine} />
              <Side testId={`server-${row.field}`} label={t("offline.server")} value={row.server} />
            </SimpleGrid>
          </Paper>
        ))}
      </Stack>
      <Group mt="sm" gap="xs">
        <Button size="xs" onClick={onKeepMine}>
          {t("offline.keepMine")}
        </Button>
        <Button size="xs" variant="light" onClick={onTakeTheirs}>
          {t("offline.takeTheirs")}
        </Button>
        <Button size="xs" variant="subtle" color="red" onClick={onDrop}>
          {t("offline.drop")}
        </Button>
      </Group>
    </Alert>
  );
}

/** One side of a field in conflict: whose version it is, and the value as text. */
function Side({ testId, label, value }: { testId: string; label: string; value: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        {value}
      </Text>
    </div>
  );
}
