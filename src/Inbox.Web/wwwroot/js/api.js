// Requests to the Inbox API.
import { t } from './i18n.js';
import { emit } from './bus.js';

/**
 * A request to the API. A dropped network becomes a readable error (never an uncaught "Failed to fetch"); a 401 ends
 * the session ('unauthorized'). A FormData body is sent as it is (multipart), anything else as JSON.
 */
export async function api(method, path, body, extraHeaders = {}) {
  const isForm = body instanceof FormData;
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { ...(body === undefined || isForm ? {} : { 'Content-Type': 'application/json' }), ...extraHeaders },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new Error(t('error.network'));
  }
  if (response.status === 401) { emit('unauthorized'); throw new Error(t('error.notLoggedIn')); }
  if (!response.ok) {
    let detail = t('error.http', { status: response.status, text: response.statusText });
    try { const problem = await response.json(); detail = problem.detail || problem.title || detail; } catch { /* not JSON */ }
    throw new Error(detail);
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}
