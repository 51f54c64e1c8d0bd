// The contact import's own calls (multipart uploads), outside the data provider.
import { HttpError } from "react-admin";
import type { ContactImport, ImportPreview } from "../../../../server/contract/outreach/contact-imports";
import { API_URL, httpClient } from "../../dataProvider";

/** Only the beginning of the file goes up for the preview. */
export async function previewImport(file: File): Promise<ImportPreview> {
  const body = new FormData();
  body.append("file", file.slice(0, 64 * 1024), file.name);
  const { json } = await httpClient(`${API_URL}/contact-imports/preview`, { method: "POST", body });
  return json as ImportPreview;
}

/**
 * Uploads the file with its mapping (fields before the file, as the server requires) and resolves
 * when the server has read it all. XMLHttpRequest rather than fetch for upload progress: the server
 * reads the upload as it writes contacts, so bytes sent track rows imported.
 */
export function startImport(
  file: File,
  mapping: Record<string, unknown>,
  listId: number | undefined,
  onProgress: (fraction: number) => void,
): Promise<ContactImport> {
  const body = new FormData();
  body.append("mapping", JSON.stringify(mapping));
  if (listId) body.append("listId", String(listId));
  body.append("file", file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${API_URL}/contact-imports`);
    xhr.withCredentials = true;
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) resolve(xhr.response as ContactImport);
      else {
        const response = xhr.response as { message?: string; errors?: Record<string, string> } | null;
        const reason = response?.errors ? Object.values(response.errors)[0] : undefined;
        reject(new HttpError(reason ?? response?.message ?? xhr.statusText, xhr.status, response));
      }
    };
    xhr.onerror = () => reject(new HttpError("ra.notification.http_error", 0));
    xhr.send(body);
  });
}

export const errorReportUrl = (id: number) => `${API_URL}/contact-imports/${id}/errors.csv`;
