// What the customer requires, edited on the relation: per requirement its label, whether it is on the
// product or on us as supplier, hard (a must) or soft, whether they will pay for it, and how the
// current supplier does on it compared with us. Rows wrap, so the editor fits a phone (390 px).
import { ActionIcon, Button, Checkbox, Group, Paper, Select, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { REQUIREMENT_KINDS, REQUIREMENT_LABEL_MAX, REQUIREMENTS_MAX, type Requirement, SUPPLIER_NOTE_MAX, SUPPLIER_SCORES, WILLING_TO_PAY, requirementOf } from "../../../domain/requirements.js";

interface Props {
  value: Requirement[];
  onChange: (next: Requirement[]) => void;
  label: string;
  description?: string;
}

export function RequirementsEditor({ value, onChange, label, description }: Props) {
  const { t } = useTranslation();
  const set = (i: number, next: Partial<Requirement>) => onChange(value.map((r, j) => (j === i ? { ...r, ...next } : r)));
  return (
    <Stack gap="xs" mt="sm" data-testid="requirements-editor">
      <div>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        {description && (
          <Text size="xs" c="dimmed">
            {description}
          </Text>
        )}
      </div>
      {value.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; a label is edited in place
        <Paper key={i} withBorder p="xs" data-testid={`requirement-${i}`}>
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={t("requirement.label")}
              value={r.label}
              maxLength={REQUIREMENT_LABEL_MAX}
              onChange={(e) => set(i, { label: e.currentTarget.value })}
              style={{ flex: "1 1 180px" }}
            />
            <Select
              label={t("requirement.kindLabel")}
              data={REQUIREMENT_KINDS.map((k) => ({ value: k, label: t(`requirement.kind.${k}`) }))}
              value={r.kind}
              allowDeselect={false}
              onChange={(v) => v && set(i, { kind: v as Requirement["kind"] })}
              w={160}
            />
            <Select
              label={t("requirement.willingToPayLabel")}
              data={WILLING_TO_PAY.map((k) => ({ value: k, label: t(`requirement.willingToPay.${k}`) }))}
              value={r.willingToPay}
              allowDeselect={false}
              onChange={(v) => v && set(i, { willingToPay: v as Requirement["willingToPay"] })}
              w={130}
            />
            <Checkbox label={t("requirement.hardLabel")} checked={r.hard} onChange={(e) => set(i, { hard: e.currentTarget.checked })} mb={8} />
          </Group>
          <Group gap="xs" align="flex-end" wrap="wrap" mt={4}>
            <Select
              label={t("requirement.supplierScoreLabel")}
              data={SUPPLIER_SCORES.map((k) => ({ value: k, label: t(`requirement.supplierScore.${k}`) }))}
              value={r.supplierScore}
              allowDeselect={false}
              onChange={(v) => v && set(i, { supplierScore: v as Requirement["supplierScore"] })}
              w={200}
            />
            <TextInput
              label={t("requirement.supplierNote")}
              value={r.supplierNote ?? ""}
              maxLength={SUPPLIER_NOTE_MAX}
              onChange={(e) => set(i, { supplierNote: e.currentTarget.value })}
              style={{ flex: "1 1 160px" }}
            />
            <ActionIcon variant="subtle" color="red" mb={4} aria-label={t("requirement.remove", { label: r.label })} onClick={() => onChange(value.filter((_, j) => j !== i))}>
              ×
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      {value.length > REQUIREMENTS_MAX && (
        <Text size="xs" c="orange" data-testid="requirements-over-limit">
          {t("requirement.overLimit", { count: value.length, max: REQUIREMENTS_MAX })}
        </Text>
      )}
      <Group>
        <Button size="xs" variant="light" disabled={value.length >= REQUIREMENTS_MAX} onClick={() => onChange([...value, requirementOf("")])}>
          {t("requirement.add")}
        </Button>
      </Group>
    </Stack>
  );
}
