// Putting a staff member on or off duty (PUT /api/staff/:id/duty), from the agency page's panel and
// from an agent's home; the server decides who may (server/agencies/staff/duty-routes.ts).
import { useState } from "react";
import { type Identifier, useNotify } from "react-admin";
import type { Staff } from "../../../../server/contract/agencies/staff";
import { API_URL, httpClient } from "../../dataProvider";

export function useDutyToggle(refetch: () => Promise<unknown>) {
  const notify = useNotify();
  const [pending, setPending] = useState<Identifier | null>(null);
  const toggle = async (staff: Staff) => {
    setPending(staff.id);
    try {
      await httpClient(`${API_URL}/staff/${encodeURIComponent(staff.id)}/duty`, {
        method: "PUT",
        body: JSON.stringify({ onDuty: !staff.onDuty }),
      });
      notify("tthc.staff.toggle_success", { type: "success" });
      await refetch();
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    } finally {
      setPending(null);
    }
  };
  return { pending, toggle };
}
