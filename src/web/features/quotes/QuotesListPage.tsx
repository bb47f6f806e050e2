// /quotes: the latest revision of every quote, newest first, filtered on status, rep and "stale only"
// (open quotes past their decision month), with keyset paging ("load more"). The filters live in the
// URL under the API's own names, so the URL is the query and a reload shows the same list.
import { Button, Center, Checkbox, Group, MultiSelect, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { QUOTE_STATUSES } from "../../../domain/quote-status.js";
import { can } from "../../../domain/roles.js";
import { useUsers } from "../../api/reference.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { useCurrentUser } from "../auth/session.js";
import type { ListScope } from "../../../domain/list-scope.js";
import { readScope, ScopeSwitch, useListScope } from "../../components/ScopeSwitch.js";
import { LinkedFilter } from "./LinkedFilter.js";
import { QuoteImportDialog } from "../quoteimport/QuoteImportDialog.js";
import { QuotesNav } from "./QuotesNav.js";
import { QuotesTable } from "./QuotesTable.js";
import { useQuotesList } from "./quotes.api.js";

interface Filters {
  status: string[];
  rep: string[];
  stale: boolean;
  scope: ListScope | null;
  /** Set by a click-through from the forecast or the hit ratio; shown as a chip, cleared with the rest. */
  linked: Record<(typeof LINKED)[number], string[]>;
}

/** Filters only a link sets: what a forecast cell or a hit-ratio row counts. */
const LINKED = ["forecast", "decisionFrom", "decisionTo", "decidedFrom", "decidedTo", "rayon", "product"] as const;

function readFilters(params: URLSearchParams): Filters {
  const linked = Object.fromEntries(LINKED.map((k) => [k, params.getAll(k)])) as Filters["linked"];
  return { status: params.getAll("status"), rep: params.getAll("rep"), stale: params.get("stale") === "true", scope: readScope(params), linked };
}

function filterParams(f: Filters): URLSearchParams {
  const params = new URLSearchParams();
  for (const s of f.status) params.append("status", s);
  for (const r of f.rep) params.append("rep", r);
  if (f.stale) params.set("stale", "true");
  for (const k of LINKED) for (const v of f.linked[k]) params.append(k, v);
  if (f.scope !== null) params.set("scope", f.scope);
  return params;
}

const NO_LINKED: Filters["linked"] = { forecast: [], decisionFrom: [], decisionTo: [], decidedFrom: [], decidedTo: [], rayon: [], product: [] };

export function QuotesListPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const users = useUsers();
  const [params, setParams] = useSearchParams();
  const [importOpened, { open: openImport, close: closeImport }] = useDisclosure(false);
  const scope = useListScope();
  const filters = useMemo(() => ({ ...readFilters(params), scope }), [params, scope]);
  const apiParams = useMemo(() => filterParams(filters), [filters]);
  const update = useCallback(
    (change: Partial<Filters>) => setParams((current) => filterParams({ ...readFilters(current), ...change }), { replace: true }),
    [setParams],
  );
  const list = useQuotesList(apiParams);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const linked = LINKED.some((k) => filters.linked[k].length > 0);
  const filtered = filters.status.length > 0 || filters.rep.length > 0 || filters.stale || linked;

  return (
    <Stack>
      <QuotesNav />
      <Group justify="space-between">
        <Title order={1}>{t("quotes.title")}</Title>
        {can(user.role, "quotes.write") && (
          <Group>
            <Button variant="default" onClick={openImport}>
              {t("quoteImport.button")}
            </Button>
            <Button component={Link} to="/quotes/new">
              {t("quotes.new")}
            </Button>
          </Group>
        )}
        <QuoteImportDialog opened={importOpened} onClose={closeImport} />
      </Group>
      <ScopeSwitch value={scope} onChange={(s) => update({ scope: s })} />
      {linked && <LinkedFilter linked={filters.linked} onClear={() => update({ linked: NO_LINKED })} />}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <MultiSelect
          label={t("quotes.filter.status")}
          placeholder={filters.status.length === 0 ? t("quotes.filter.any") : undefined}
          data={QUOTE_STATUSES.map((s) => ({ value: s, label: t(`quotes.status.${s}`) }))}
          value={filters.status}
          onChange={(status) => update({ status })}
          clearable
        />
        <MultiSelect
          label={t("quotes.filter.rep")}
          placeholder={filters.rep.length === 0 ? t("quotes.filter.any") : undefined}
          data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
          value={filters.rep}
          onChange={(rep) => update({ rep })}
          searchable
          clearable
        />
        <Group align="end" gap="md">
          <Checkbox
            label={t("quotes.filter.staleOnly")}
            description={t("quotes.filter.staleHint")}
            checked={filters.stale}
            onChange={(event) => update({ stale: event.currentTarget.checked })}
          />
          {filtered && (
            <Button variant="default" size="xs" onClick={() => update({ status: [], rep: [], stale: false, linked: NO_LINKED })}>
              {t("quotes.filter.clear")}
            </Button>
          )}
        </Group>
      </SimpleGrid>
      {list.isError && <ErrorAlert error={list.error} reveal={false} />}
      {list.isPending ? (
        <PageLoader />
      ) : (
        <>
          {rows.length === 0 && !list.isError ? <Text>{t("quotes.noResults")}</Text> : <QuotesTable rows={rows} />}
          {list.hasNextPage && (
            <Center>
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t("quotes.loadMore")}
              </Button>
            </Center>
          )}
        </>
      )}
    </Stack>
  );
}
