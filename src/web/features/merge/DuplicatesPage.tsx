// /relations/duplicates: relations that are probably the same company (same normalised name and
// postcode, or name and city), compared side by side and merged into the one the user keeps. The
// pair being compared lives in the URL (?a=12&b=34).
import { Anchor, Badge, Button, Center, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { RelationDetail } from "../../api/types.js";
import { StatusBadge } from "../../components/badges.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { useReveal } from "../../components/reveal.js";
import { type DuplicateSide, type MergeResult, useDuplicates } from "./merge.api.js";
import { MergePanel } from "./MergePanel.js";
import { MergeResultPanel } from "./MergeResultPanel.js";

const FIRST_LIMIT = 50;
const MAX_LIMIT = 500;

function SideCell({ side }: { side: DuplicateSide }) {
  const { t } = useTranslation();
  return (
    <Table.Td>
      <Anchor component={Link} to={`/relations/${side.id}`} fw={500}>
        {side.name}
      </Anchor>
      <Text size="xs" c="dimmed">
        {[side.postcode, side.city].filter(Boolean).join(" ") || t("common.empty")}
        {side.kvkNumber ? ` · KvK ${side.kvkNumber}` : ""}
      </Text>
      <StatusBadge status={side.status} />
    </Table.Td>
  );
}

function readPair(params: URLSearchParams): [number, number] | null {
  const a = Number(params.get("a"));
  const b = Number(params.get("b"));
  return Number.isInteger(a) && Number.isInteger(b) && a > 0 && b > 0 && a !== b ? [a, b] : null;
}

export function DuplicatesPage() {
  const { t } = useTranslation();
  const [limit, setLimit] = useState(FIRST_LIMIT);
  const pairs = useDuplicates(limit);
  const [params, setParams] = useSearchParams();
  const selected = readPair(params);
  const [result, setResult] = useState<{ merged: MergeResult; duplicate: RelationDetail } | null>(null);
  // The comparison opens below the list: bring it into view (and focus) when a pair is chosen.
  const compareRef = useReveal<HTMLDivElement>(selected ? selected.join("-") : null);

  const select = (a: number, b: number) => {
    setResult(null);
    setParams({ a: String(a), b: String(b) });
  };

  return (
    <Stack>
      <Anchor component={Link} to="/relations" size="sm">
        ← {t("relations.title")}
      </Anchor>
      <Title order={1}>{t("merge.title")}</Title>
      <Text size="sm" c="dimmed">
        {t("merge.intro")}
      </Text>

      {result && <MergeResultPanel result={result.merged} duplicate={result.duplicate} onClose={() => setResult(null)} />}

      <Title order={2} size="h3">
        {t("merge.pairs.title")}
      </Title>
      {pairs.isPending ? (
        <PageLoader />
      ) : pairs.isError ? (
        <ErrorAlert error={pairs.error} />
      ) : pairs.data.length === 0 ? (
        <Text>{t("merge.pairs.none")}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table striped aria-label={t("merge.pairs.title")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("merge.pairs.relation")}</Table.Th>
                  <Table.Th>{t("merge.pairs.relation")}</Table.Th>
                  <Table.Th>{t("merge.pairs.why")}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t("merge.pairs.actions")}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pairs.data.map((pair) => {
                  const current = selected?.[0] === pair.a.id && selected?.[1] === pair.b.id;
                  return (
                    <Table.Tr key={`${pair.a.id}-${pair.b.id}`} bg={current ? "var(--mantine-color-blue-light)" : undefined}>
                      <SideCell side={pair.a} />
                      <SideCell side={pair.b} />
                      <Table.Td>
                        <Badge variant="light">{t(`merge.reasons.${pair.reason}`, { defaultValue: pair.reason })}</Badge>
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant={current ? "filled" : "light"}
                          aria-current={current ? "true" : undefined}
                          aria-label={t("merge.pairs.compareLabel", { a: pair.a.name, b: pair.b.name })}
                          onClick={() => select(pair.a.id, pair.b.id)}
                        >
                          {t("merge.pairs.compare")}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pairs.data.length >= limit && limit < MAX_LIMIT && (
            <Center>
              <Button variant="default" onClick={() => setLimit(Math.min(MAX_LIMIT, limit * 2))} loading={pairs.isFetching}>
                {t("merge.pairs.more")}
              </Button>
            </Center>
          )}
        </>
      )}
      {selected && !result && (
        <div ref={compareRef} tabIndex={-1}>
          <MergePanel
            key={selected.join("-")}
            leftId={selected[0]}
            rightId={selected[1]}
            onMerged={(merged, duplicate) => {
              setResult({ merged, duplicate });
              setParams({});
            }}
            onReloadPairs={() => void pairs.refetch()}
          />
        </div>
      )}
    </Stack>
  );
}
