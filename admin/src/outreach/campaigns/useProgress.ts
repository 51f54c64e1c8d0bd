import { useEffect, useRef, useState } from "react";
import { type Identifier, useRefresh } from "react-admin";
import type { CampaignStatus } from "../../../../server/contract/enums";
import type { Progress } from "../../../../server/contract/outreach/campaigns";
import { fetchProgress } from "./api";
import { LIVE_STATUSES } from "./types";

const POLL_MS = 2000;
/** After completion, delivery receipts still arrive: the counts are refreshed less often. */
const RECEIPTS_POLL_MS = 5000;

/**
 * Polls GET /progress every 2 s while the campaign is running or paused, and every 5 s while a
 * finished campaign still waits for delivery receipts. When the dispatcher moves the campaign to
 * another state (completed, auto-paused…), the record is refreshed so the banner and buttons follow.
 */
export function useProgress(id: Identifier | undefined, status: CampaignStatus | undefined, awaitingReceipts = false): Progress | null {
  const [progress, setProgress] = useState<Progress | null>(null);
  const refresh = useRefresh();
  const lastStatus = useRef(status);
  lastStatus.current = status;

  useEffect(() => {
    const live = !!status && LIVE_STATUSES.includes(status);
    if (id == null || !status || !(live || awaitingReceipts)) return;
    const every = live ? POLL_MS : RECEIPTS_POLL_MS;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const data = await fetchProgress(id);
        if (stopped) return;
        setProgress(data);
        if (data.status !== lastStatus.current) refresh();
      } catch {
        // A missed poll is retried on the next tick.
      }
      if (!stopped) timer = setTimeout(poll, every);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, status, awaitingReceipts, refresh]);

  return progress;
}
