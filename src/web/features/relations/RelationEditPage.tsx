// /relations/:id/edit: change a relation. Only changed fields are sent, with If-Match: the version
// the form was filled from; a 412 says someone else saved first and offers to reload.
import { Anchor, Stack, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { isApiError } from "../../api/client.js";
import { mapFieldErrors } from "../../api/problems.js";
import type { RelationDetail } from "../../api/types.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { RelationForm } from "./RelationForm.js";
import { useRelationId } from "./RelationPage.js";
import { RELATION_RENAMES, type RelationFormValues, patchBody, relationFormValues, validateRelation } from "./relation-form.js";
import { useRelation, useUpdateRelation } from "./relations.api.js";

export function RelationEditPage() {
  const id = useRelationId();
  const relation = useRelation(id);
  if (relation.isPending) return <PageLoader />;
  if (relation.isError) return <ErrorAlert error={relation.error} />;
  return <EditForm relation={relation.data} reload={() => relation.refetch()} />;
}

function EditForm({ relation, reload }: { relation: RelationDetail; reload: () => Promise<{ data?: RelationDetail }> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = useUpdateRelation(relation.id);
  const form = useForm<RelationFormValues>({ initialValues: relationFormValues(relation), validate: validateRelation(t) });
  // The version the form's values came from: what If-Match sends, whatever the cache holds by now.
  const [baseVersion, setBaseVersion] = useState(relation.version);
  const fields = Object.keys(form.values);
  const mapped = mapFieldErrors(t, update.error, fields, RELATION_RENAMES);
  const conflict = isApiError(update.error, "version_conflict");
  const back = `/relations/${relation.id}`;

  /** After a 412: take the latest stored version (the user's edits are dropped) and edit that. */
  const reloadLatest = async () => {
    const { data } = await reload();
    if (!data) return;
    const values = relationFormValues(data);
    form.setInitialValues(values);
    form.setValues(values);
    form.clearErrors();
    setBaseVersion(data.version);
    update.reset();
  };

  return (
    <Stack>
      <Anchor component={Link} to={back} size="sm">
        ← {relation.name}
      </Anchor>
      <Title order={1}>{t("relation.form.editTitle", { name: relation.name })}</Title>
      {conflict && <VersionConflictAlert onReload={() => void reloadLatest()} />}
      {update.isError && !conflict && (
        <ErrorAlert error={update.error} fields={mapped.other} fieldLabel={(f) => t(`relationFields.${f}`, { defaultValue: f })} />
      )}
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const changes = patchBody(form.getInitialValues(), values);
          if (Object.keys(changes).length === 0) {
            notifications.show({ message: t("relation.form.noChanges") });
            navigate(back);
            return;
          }
          update.mutate(
            { version: baseVersion, changes },
            {
              onSuccess: () => {
                notifications.show({ message: t("common.saved"), color: "green" });
                navigate(back);
              },
              onError: (error) => form.setErrors(mapFieldErrors(t, error, fields, RELATION_RENAMES).byField),
            },
          );
        })}
      >
        <RelationForm form={form} mode="edit" relation={relation} saving={update.isPending} onCancel={() => navigate(back)} />
      </form>
    </Stack>
  );
}
