import { useEffect, useState } from "react";

/** A one-off request's answer for a card: the data, or `failed` (the card then shows "—"). */
export function useFetched<T>(fetcher: () => Promise<T>): { data: T | null; failed: boolean } {
  const [data, setData] = useState<T | null>(null);
  const [failed, setFailed] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked once, when the card appears
  useEffect(() => {
    let current = true;
    fetcher()
      .then((answer) => current && setData(answer))
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, []);
  return { data, failed };
}
