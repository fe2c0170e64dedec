import type { z } from 'zod';
import type * as Apps from '../../../../../src/modules/applications/applications.contract';
import { ApiError, readCookie } from '../../../shared/api';

/** Shapes of /api/applications (inferred from the server's contract; type-only, no zod in the bundle). */
export type ApplicationDetail = z.infer<typeof Apps.ApplicationDetail>;
export type ApplicationSummary = z.infer<typeof Apps.ApplicationSummary>;
export type ApplicationList = z.infer<typeof Apps.ApplicationList>;
export type ApplicationMaterial = z.infer<typeof Apps.ApplicationMaterial>;
export type ApplicationFile = z.infer<typeof Apps.ApplicationFile>;
export type ApplicationForm = ApplicationDetail['form'];

export const DELIVERY_LABELS: Record<ApplicationForm['deliveryMethod'], { title: string; help: string }> = {
  window: { title: '窗口领取', help: '办好后凭身份证到受理窗口领取结果' },
  post: { title: '邮寄送达', help: '免费邮寄到您填写的地址（请写清楚收件人和电话）' },
  electronic: { title: '电子送达', help: '电子证照或结果文件发送到“我的办件”，可随时下载' },
};

/** One submit attempt's key, kept while that attempt is retried (same key → same case, never two). */
export const newIdempotencyKey = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/**
 * Upload one file with progress (fetch cannot report upload progress; XHR can). Same rules as the
 * shared API client: same-origin cookie, CSRF header, errors as ApiError with the server's message.
 */
export function uploadWithProgress<T>(path: string, file: File, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = readCookie('csrf');
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(body as T);
        return;
      }
      const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      reject(
        new ApiError(
          xhr.status,
          err?.code ?? `HTTP_${xhr.status}`,
          err?.message ?? (xhr.status === 413 ? '文件过大，请上传 10 MB 以内的文件' : `上传失败（${xhr.status}）`),
          err?.details,
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export const fileUrl = (applicationId: string, fileId: string) => `/api/applications/${applicationId}/files/${fileId}`;
