// The live board from the server's event stream (GET /api/board/stream): each `board` event replaces
// the board. EventSource reconnects by itself after a drop; a refusal (401/403) closes it for good.
// The offset between the server's clock and this browser's lets times in state tick correctly.
import { useEffect, useState } from "react";
import type { Board } from "../../../../server/contract/hotline/board";
import { API_URL } from "../../dataProvider";

export type StreamStatus = "connecting" | "live" | "reconnecting" | "closed";

export function boardStreamUrl(agencyId: number | null): string {
  return `${API_URL}/board/stream${agencyId === null ? "" : `?agencyId=${agencyId}`}`;
}

export function useBoardStream(agencyId: number | null): { board: Board | null; status: StreamStatus; clockOffsetMs: number } {
  const [board, setBoard] = useState<Board | null>(null);
  const [status, setStatus] = useState<StreamStatus>("connecting");
  const [clockOffsetMs, setClockOffsetMs] = useState(0);

  useEffect(() => {
    setBoard(null);
    setStatus("connecting");
    const source = new EventSource(boardStreamUrl(agencyId), { withCredentials: true });
    source.addEventListener("board", (event) => {
      const next = JSON.parse((event as MessageEvent<string>).data) as Board;
      setClockOffsetMs(Date.parse(next.now) - Date.now());
      setBoard(next);
      setStatus("live");
    });
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "closed" : "reconnecting");
    return () => source.close();
  }, [agencyId]);

  return { board, status, clockOffsetMs };
}

/** The server's "now", ticking every second. */
export function useServerNow(clockOffsetMs: number): number {
  const [now, setNow] = useState(() => Date.now() + clockOffsetMs);
  useEffect(() => {
    setNow(Date.now() + clockOffsetMs);
    const timer = setInterval(() => setNow(Date.now() + clockOffsetMs), 1000);
    return () => clearInterval(timer);
  }, [clockOffsetMs]);
  return now;
}
