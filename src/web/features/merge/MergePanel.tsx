// One candidate pair: both relations side by side, the choice of the survivor, what moves with the
// other one, and the merge after a confirmation. The merge sends the versions the user compared, so
// a change by someone else meanwhile gives 412 and a reload instead of a merge of stale data.
import { Alert, Button, Group, List, Modal, Radio, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { can } from "../../../domain/roles.js";
import { isApiError } from "../../api/client.js";
import type { RelationDetail } from "../../api/types.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { useCurrentUser } from "../auth/session.js";
import { useRelation } from "../relations/relations.api.js";
import { CompareTable } from "./CompareTable.js";
import { COUNT_CAP, type MergeResult, useMergeRelations, useMoveCounts } from "./merge.api.js";

function WhatMoves({ survivor, duplicate }: { survivor: RelationDetail; duplicate: RelationDetail }) {
  const { t } = useTranslation();
  const counts = useMoveCounts(duplicate.id);
  const shown = (count: number | undefined, capped = false) => (count === undefined ? "…" : capped ? `${COUNT_CAP}+` : String(count));
  const c = counts.data;
  return (
    <Stack gap="xs">
      <Text size="sm">{t("merge.moves.intro", { duplicate: `${duplicate.name} (#${duplicate.id})`, survivor: `${survivor.name} (#${survivor.id})` })}</Text>
      <List size="sm">
        <List.Item>{t("merge.moves.persons", { count: duplicate.persons.length })}</List.Item>
        <List.Item>{t("merge.moves.activities", { count: c?.activities ?? 0, shown: shown(c?.activities, c?.activitiesCapped) })}</List.Item>
        <List.Item>{t("merge.moves.followUps", { count: c?.followUps ?? 0, shown: shown(c?.followUps) })}</List.Item>
        <List.Item>{t("merge.moves.quotes", { count: c?.quotes ?? 0, shown: shown(c?.quotes, c?.quotesCapped) })}</List.Item>
        <List.Item>{t("merge.moves.history")}</List.Item>
        <List.Item>{t("merge.moves.alias", { name: duplicate.name })}</List.Item>
      </List>
      {counts.isError && <ErrorAlert error={counts.error} reveal={false} />}
      {duplicate.status === "dead" && survivor.status !== "dead" && (
        <Alert color="dark" role="status" title={t("merge.deadWins.title")}>
          {t("merge.deadWins.text", { duplicate: duplicate.name, survivor: survivor.name })}
        </Alert>
      )}
    </Stack>
  );
}

interface Props {
  leftId: number;
  rightId: number;
  onMerged: (result: MergeResult, duplicate: RelationDetail) => void;
  onReloadPairs: () => void;
}

export function MergePanel({ leftId, rightId, onMerged, onReloadPairs }: Props) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const left = useRelation(leftId);
  const right = useRelation(rightId);
  const [survivorId, setSurvivorId] = useState(leftId);
  const [confirming, confirm] = useDisclosure(false);
  const merge = useMergeRelations();

  if (left.isPending || right.isPending) return <PageLoader />;
  if (left.isError || right.isError) {
    return (
      <Stack>
        <ErrorAlert error={left.error ?? right.error} />
        <Group>
          <Button variant="default" onClick={onReloadPairs}>
            {t("merge.reloadPairs")}
          </Button>
        </Group>
      </Stack>
    );
  }
  const survivor = survivorId === left.data.id ? left.data : right.data;
  const duplicate = survivorId === left.data.id ? right.data : left.data;
  const conflict = isApiError(merge.error, "version_conflict");
  const reload = () => {
    merge.reset();
    void left.refetch();
    void right.refetch();
    onReloadPairs();
  };

  const doMerge = () =>
    merge.mutate(
      { survivor, duplicate },
      {
        onSuccess: (result) => {
          confirm.close();
          onMerged(result, duplicate);
        },
        onError: () => confirm.close(),
      },
    );

  return (
    <Stack>
      <Title order={2} size="h3">
        {t("merge.compare.title")}
      </Title>
      <CompareTable left={left.data} right={right.data} survivorId={survivor.id} />
      {can(user.role, "crm.write") ? (
        <>
          <Radio.Group
            label={t("merge.survivor.label")}
            description={t("merge.survivor.hint")}
            value={String(survivorId)}
            onChange={(value) => {
              merge.reset();
              setSurvivorId(Number(value));
            }}
          >
            <Stack mt="xs" gap="xs">
              {[left.data, right.data].map((r) => (
                <Radio key={r.id} value={String(r.id)} label={t("merge.survivor.option", { name: r.name, id: r.id, city: r.visitCity ?? "—" })} />
              ))}
            </Stack>
          </Radio.Group>
          <WhatMoves survivor={survivor} duplicate={duplicate} />
          {conflict && <VersionConflictAlert onReload={reload} />}
          {merge.isError && !conflict && <ErrorAlert error={merge.error} />}
          <Group justify="flex-end">
            <Button color="red" onClick={confirm.open} disabled={conflict}>
              {t("merge.merge")}
            </Button>
          </Group>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t("merge.readOnly")}
        </Text>
      )}

      <Modal opened={confirming} onClose={confirm.close} title={t("merge.confirm.title")}>
        <Stack>
          <Text size="sm">{t("merge.confirm.text", { duplicate: `${duplicate.name} (#${duplicate.id})`, survivor: `${survivor.name} (#${survivor.id})` })}</Text>
          <WhatMoves survivor={survivor} duplicate={duplicate} />
          <Text size="sm" fw={500}>
            {t("merge.confirm.final")}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              {t("common.cancel")}
            </Button>
            <Button color="red" onClick={doMerge} loading={merge.isPending}>
              {t("merge.confirm.submit")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
