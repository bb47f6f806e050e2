// The field app's state for the header: online or not, what the device keeps, what waits in the
// outbox. Refreshes the bundle for a field rep when there is signal (at start, when the signal
// returns, every 15 minutes and a few seconds after a change was saved online) and sends the outbox
// first, so the server's answer to the rep's own changes is what the device keeps.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { API_WRITE_EVENT } from "../../api/client.js";
import type { SessionUser } from "../auth/session.js";
import { offlineDb, type OutboxItem } from "./offline-db.js";
import { OUTBOX_CHANGED, refreshBundle, syncNow } from "./offline-api.js";
import { type BundleMeta, bundleMeta } from "./offline-store.js";

/** Minutes between two refreshes of the bundle while the app stays open with signal. */
const REFRESH_MINUTES = 15;
/** After a change saved online, the bundle is read again this much later (ms), once for a burst. */
const AFTER_WRITE_MS = 5_000;

export interface FieldAppState {
  online: boolean;
  items: OutboxItem[];
  meta: BundleMeta | null;
  syncing: boolean;
  sync: () => Promise<void>;
  reload: () => Promise<void>;
}

export function useFieldApp(user: SessionUser): FieldAppState {
  const queryClient = useQueryClient();
  const [online, setOnline] = useState(() => navigator.onLine);
  const [items, setItems] = useState<OutboxItem[]>([]);
  const [meta, setMeta] = useState<BundleMeta | null>(null);
  const [syncing, setSyncing] = useState(false);
  const keepsBundle = user.role === "field_sales";

  const reload = useCallback(async () => {
    const db = offlineDb();
    setItems(await db.outbox.orderBy("seq").toArray());
    setMeta(await bundleMeta(db));
  }, []);

  const sync = useCallback(async () => {
    if (!navigator.onLine) return;
    setSyncing(true);
    try {
      const result = await syncNow();
      if (result.sent > 0) await queryClient.invalidateQueries();
      // A conflict waits for the rep; the bundle keeps the local copy of that sheet meanwhile.
      if (keepsBundle && !result.interrupted) await refreshBundle(user);
    } catch {
      // No signal after all, or the server refused: the outbox keeps everything; next time.
    } finally {
      setSyncing(false);
      await reload();
    }
  }, [keepsBundle, user, queryClient, reload]);

  const syncRef = useRef(sync);
  syncRef.current = sync;

  useEffect(() => {
    void reload();
    void syncRef.current();
    const up = () => {
      setOnline(true);
      void syncRef.current();
    };
    const down = () => setOnline(false);
    const changed = () => void reload();
    let afterWrite: ReturnType<typeof setTimeout> | undefined;
    const wrote = () => {
      clearTimeout(afterWrite);
      afterWrite = setTimeout(() => void syncRef.current(), AFTER_WRITE_MS);
    };
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    window.addEventListener(OUTBOX_CHANGED, changed);
    window.addEventListener(API_WRITE_EVENT, wrote);
    const timer = setInterval(() => void syncRef.current(), REFRESH_MINUTES * 60_000);
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
      window.removeEventListener(OUTBOX_CHANGED, changed);
      window.removeEventListener(API_WRITE_EVENT, wrote);
      clearInterval(timer);
      clearTimeout(afterWrite);
    };
  }, [reload]);

  return { online, items, meta, syncing, sync, reload };
}
