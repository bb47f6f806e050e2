// The field app's state for the header: online or not, what the device keeps, what waits in the
// outbox. Refreshes the whole bundle for a field rep when there is signal (at start, when the signal
// returns and every 15 minutes), sending the outbox first, so the server's answer to the rep's own
// changes is what the device keeps. A change saved online does not download the bundle again: it
// brings up to date only what the device keeps of that record (offline-keep.ts).
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { API_WRITE_EVENT, type ApiWrite, apiRequest } from "../../api/client.js";
import type { SessionUser } from "../auth/session.js";
import { offlineDb, type OutboxItem } from "./offline-db.js";
import { OUTBOX_CHANGED, refreshBundle, syncNow } from "./offline-api.js";
import { keepWrite } from "./offline-keep.js";
import { type BundleMeta, bundleMeta } from "./offline-store.js";

/** Minutes between two refreshes of the bundle while the app stays open with signal. */
const REFRESH_MINUTES = 15;

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

  // Writes saved online, kept up to date one after the other in the order they were made.
  const keeping = useRef<Promise<void>>(Promise.resolve());
  const keep = useCallback(
    (write: ApiWrite) => {
      if (!keepsBundle) return;
      keeping.current = keeping.current.then(async () => {
        const db = offlineDb();
        try {
          // There is signal after all: what waits in the outbox goes first (and the bundle after it).
          if ((await db.outbox.filter((i) => i.state === "waiting").count()) > 0) return await syncRef.current();
          const result = await keepWrite(db, write, (path) => apiRequest(path, { offline: false }));
          if (result.full) await refreshBundle(user);
        } catch {
          // The signal dropped meanwhile: the next full refresh brings it.
        }
        await reload();
      });
    },
    [keepsBundle, user, reload],
  );
  const keepRef = useRef(keep);
  keepRef.current = keep;

  useEffect(() => {
    void reload();
    void syncRef.current();
    const up = () => {
      setOnline(true);
      void syncRef.current();
    };
    const down = () => setOnline(false);
    const changed = () => void reload();
    const wrote = (event: Event) => {
      const write = (event as CustomEvent<ApiWrite>).detail;
      if (write) keepRef.current(write);
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
    };
  }, [reload]);

  return { online, items, meta, syncing, sync, reload };
}
