// "Van mij · Mijn team · Iedereen" above the lists of relations, quotes and follow-ups. The choice
// lives in the URL (`scope=`), so a reload or a shared link shows the same list; without one the
// list opens on the role's default (domain/list-scope.ts: a rep on their own, a manager on the team),
// which is written into the URL at once.
import { SegmentedControl } from "@mantine/core";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { defaultListScope, LIST_SCOPES, type ListScope, listScopesOf } from "../../domain/list-scope.js";
import { useCurrentUser } from "../features/auth/session.js";

export function readScope(params: URLSearchParams): ListScope | null {
  const raw = params.get("scope");
  return (LIST_SCOPES as readonly string[]).includes(raw ?? "") ? (raw as ListScope) : null;
}

/** The list's scope: from the URL, else the role's default (and then put in the URL). */
export function useListScope(): ListScope {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const named = readScope(params);
  const scope = named ?? defaultListScope(user.role);
  useEffect(() => {
    if (named !== null) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set("scope", scope);
        return next;
      },
      { replace: true },
    );
  }, [named, scope, setParams]);
  return scope;
}

export function ScopeSwitch({ value, onChange }: { value: ListScope; onChange: (scope: ListScope) => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const offered = listScopesOf(user.role);
  // A link may name a scope the role is not offered (a rep opening a manager's link): shown anyway.
  const scopes = LIST_SCOPES.filter((s) => offered.includes(s) || s === value);
  return (
    <SegmentedControl
      aria-label={t("scope.label")}
      value={value}
      onChange={(v) => onChange(v as ListScope)}
      data={scopes.map((s) => ({ value: s, label: t(`scope.${s}`) }))}
      style={{ alignSelf: "flex-start" }}
    />
  );
}
