// After a merge: what moved to the survivor (as the server counted it), whether it became dead, and
// the line the merge left in the survivor's audit trail.
import { Alert, Anchor, Button, Group, List, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { RelationDetail } from "../../api/types.js";
import { useReveal } from "../../components/reveal.js";
import { formatInstant } from "../../i18n/format.js";
import { useRelationAudit } from "../relations/relations.api.js";
import type { MergeResult } from "./merge.api.js";
import { movedTable } from "./merge-text.js";

function AuditLineOfMerge({ survivorId }: { survivorId: number }) {
  const { t } = useTranslation();
  const audit = useRelationAudit(survivorId);
  const line = audit.data?.find((a) => a.field === "merged");
  if (!line) return null;
  return (
    <Text size="sm" data-testid="merge-audit-line">
      {t("merge.result.audit", { old: line.oldValue ?? "", new: line.newValue ?? "", user: line.user?.name ?? "—", at: formatInstant(line.at) })}
    </Text>
  );
}

/** What a user cares about first: the people and the conversations, then the history. */
const ORDER = ["persons", "activities", "follow_ups", "quotes"];
const rank = (table: string) => (ORDER.includes(table) ? ORDER.indexOf(table) : ORDER.length);

interface Props {
  result: MergeResult;
  duplicate: RelationDetail;
  onClose: () => void;
}

export function MergeResultPanel({ result, duplicate, onClose }: Props) {
  const { t } = useTranslation();
  const survivor = result.relation;
  const ref = useReveal<HTMLDivElement>(result);
  // Several columns of one table (audit lines by relation and by entity) are one line for the user.
  const moved = new Map<string, number>();
  for (const [key, count] of Object.entries(result.moved)) moved.set(movedTable(key), (moved.get(movedTable(key)) ?? 0) + count);
  return (
    <Alert ref={ref} tabIndex={-1} color="green" role="status" title={t("merge.result.title")}>
      <Stack gap="xs">
        <Text size="sm">{t("merge.result.text", { duplicate: `${duplicate.name} (#${duplicate.id})`, survivor: `${survivor.name} (#${survivor.id})` })}</Text>
        {moved.size > 0 ? (
          <List size="sm">
            {[...moved].sort(([a], [b]) => rank(a) - rank(b)).map(([table, count]) => (
              <List.Item key={table}>
                {t(`merge.tables.${table}`, { defaultValue: table })}: {count}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">{t("merge.result.nothingMoved")}</Text>
        )}
        {result.becameDead && <Text size="sm" fw={500}>{t("merge.result.becameDead", { survivor: survivor.name })}</Text>}
        <AuditLineOfMerge survivorId={survivor.id} />
        <Group>
          <Anchor component={Link} to={`/relations/${survivor.id}`}>
            {t("merge.result.open", { name: survivor.name })}
          </Anchor>
          <Button size="compact-sm" variant="subtle" onClick={onClose}>
            {t("common.close")}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
