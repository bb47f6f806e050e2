// /relations/:id: base data, persons, status and class history and the audit trail of one relation,
// with the actions edit, change status and add/edit person; its sales history (not for purchasing).
import { Anchor, Button, Group, Stack, Tabs, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { can } from "../../../domain/roles.js";
import { ClassBadge, StatusBadge } from "../../components/badges.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { useCurrentUser } from "../auth/session.js";
import { PersonsSection } from "../persons/PersonsSection.js";
import { RelationQuotes } from "../quotes/RelationQuotes.js";
import { ActivitiesTab } from "../activities/ActivitiesTab.js";
import { PersonsPrivacy } from "../consent/PersonsPrivacy.js";
import { NearbyTab } from "../nearby/NearbyTab.js";
import { CustomersTab } from "../customer-links/CustomersTab.js";
import { RelationSalesSection, seesRelationSales } from "../sales/RelationSalesSection.js";
import { RelationBaseData } from "./RelationBaseData.js";
import { AuditTrail, ClassHistory, StatusHistory } from "./RelationHistory.js";
import { StatusChangeDialog } from "./StatusChangeDialog.js";
import { useRelation } from "./relations.api.js";

export function useRelationId(): number {
  const { id } = useParams();
  const n = Number(id);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export function RelationPage() {
  const { t } = useTranslation();
  const id = useRelationId();
  const user = useCurrentUser();
  const relation = useRelation(id);
  const [statusOpen, statusDialog] = useDisclosure(false);

  if (relation.isPending) return <PageLoader />;
  if (relation.isError) return <ErrorAlert error={relation.error} />;
  const r = relation.data;
  const canWrite = can(user.role, "crm.write");
  const showSales = seesRelationSales(user.role);
  const reload = () => void relation.refetch();

  return (
    <Stack>
      <Anchor component={Link} to="/relations" size="sm">
        ← {t("relations.title")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{r.name}</Title>
          <Group gap="xs">
            <StatusBadge status={r.status} />
            <ClassBadge accountClass={r.accountClass} override={r.classOverride} />
          </Group>
        </Stack>
        {canWrite && (
          <Group>
            <Button component={Link} to={`/relations/${r.id}/edit`}>
              {t("relation.edit")}
            </Button>
            <Button variant="default" onClick={statusDialog.open}>
              {t("relation.changeStatus")}
            </Button>
          </Group>
        )}
      </Group>

      <RelationBaseData relation={r} />

      <Tabs defaultValue="activities" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="activities">{t("activities.tab")}</Tabs.Tab>
          <Tabs.Tab value="persons">
            {t("relation.persons")} ({r.persons.length})
          </Tabs.Tab>
          <Tabs.Tab value="quotes">{t("quotes.title")}</Tabs.Tab>
          {showSales && <Tabs.Tab value="sales">{t("relation.sales")}</Tabs.Tab>}
          <Tabs.Tab value="customers">{t("customerLinks.tab")}</Tabs.Tab>
          <Tabs.Tab value="nearby">{t("nearby.tab")}</Tabs.Tab>
          <Tabs.Tab value="status">{t("relation.statusHistory")}</Tabs.Tab>
          <Tabs.Tab value="class">{t("relation.classHistory")}</Tabs.Tab>
          <Tabs.Tab value="audit">{t("relation.audit")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="activities" pt="md"><ActivitiesTab relationId={r.id} persons={r.persons} canWrite={canWrite} /></Tabs.Panel>
        <Tabs.Panel value="nearby" pt="md"><NearbyTab relationId={r.id} /></Tabs.Panel>
        <Tabs.Panel value="customers" pt="md"><CustomersTab relationId={r.id} canWrite={canWrite} /></Tabs.Panel>
        <Tabs.Panel value="persons" pt="md">
          <PersonsSection relationId={r.id} persons={r.persons} canWrite={canWrite} onReload={reload} />
          <PersonsPrivacy relationId={r.id} persons={r.persons} />
        </Tabs.Panel>
        <Tabs.Panel value="quotes" pt="md"><RelationQuotes relationId={r.id} /></Tabs.Panel>
        {showSales && (
          <Tabs.Panel value="sales" pt="md">
            <RelationSalesSection relationId={r.id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="status" pt="md">
          <StatusHistory history={r.statusHistory} />
        </Tabs.Panel>
        <Tabs.Panel value="class" pt="md">
          <ClassHistory history={r.classHistory} />
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="md">
          <AuditTrail relationId={r.id} />
        </Tabs.Panel>
      </Tabs>

      {canWrite && <StatusChangeDialog relation={r} opened={statusOpen} onClose={statusDialog.close} onReload={reload} />}
    </Stack>
  );
}
