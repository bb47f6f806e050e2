// /relations: type-ahead search, filters, sorting and keyset paging ("load more") over all relations.
import { Alert, Button, Center, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../api/client.js";
import { can } from "../../../domain/roles.js";
import { DebouncedTextInput } from "../../components/DebouncedTextInput.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { ScopeSwitch } from "../../components/ScopeSwitch.js";
import { formatCount, formatDate } from "../../i18n/format.js";
import { useCurrentUser } from "../auth/session.js";
import { useListState } from "./list-state.js";
import { RelationFilters } from "./RelationFilters.js";
import { RelationListActions } from "../exports/RelationListActions.js";
import { RelationsTable } from "./RelationsTable.js";
import { useRelationsList } from "./relations.api.js";

const FILTER_FIELDS = new Set(["postcodeFrom", "postcodeTo"]);

export function RelationsListPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [state, apiParams, update] = useListState();
  const list = useRelationsList(apiParams);
  const first = list.data?.pages[0];
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filterProblems = list.error instanceof ApiError ? list.error.fields.filter((f) => FILTER_FIELDS.has(f.field)) : [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t("relations.title")}</Title>
        {can(user.role, "crm.write") && (
          <Button component={Link} to="/relations/new">
            {t("relations.new")}
          </Button>
        )}
      </Group>
      <ScopeSwitch value={state.scope ?? "all"} onChange={(scope) => update({ scope })} />
      <DebouncedTextInput
        label={t("common.search")}
        placeholder={t("relations.search")}
        type="search"
        value={state.q}
        onCommit={(q) => update({ q })}
        maxLength={100}
      />
      <RelationFilters state={state} update={update} problems={filterProblems} />
      {state.visitNorm !== "" && (
        <Alert variant="light" color="blue" withCloseButton closeButtonLabel={t("relations.visitNorm.clear")} onClose={() => update({ visitNorm: "", normAsOf: "" })} data-testid="visit-norm-filter">
          {t(`relations.visitNorm.${state.visitNorm}`, { asOf: state.normAsOf ? formatDate(state.normAsOf) : t("relations.visitNorm.today") })}
        </Alert>
      )}
      <RelationListActions />
      {list.isError && filterProblems.length === 0 && <ErrorAlert error={list.error} reveal={false} />}
      {list.isPending ? (
        <PageLoader />
      ) : (
        <>
          {first && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {first.total.exact
                ? t("relations.total", { count: first.total.count, formattedCount: formatCount(first.total.count) })
                : t("relations.totalCapped", { formattedCount: formatCount(first.total.count) })}
            </Text>
          )}
          {rows.length === 0 && !list.isError ? (
            <Text>{t("relations.noResults")}</Text>
          ) : (
            <RelationsTable rows={rows} sort={state.sort} order={state.order} onSort={update} />
          )}
          {list.hasNextPage && (
            <Center>
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t("relations.loadMore")}
              </Button>
            </Center>
          )}
        </>
      )}
    </Stack>
  );
}
