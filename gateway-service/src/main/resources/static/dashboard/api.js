// The gateway's REST API as the dashboard uses it. Every call carries the stored API key; a failure becomes an
// ApiError holding the problem+json the gateway (or a service behind it) answered, so the page can show its message.

const KEY_STORAGE = 'edge.dashboard.apiKey';
const NAME_STORAGE = 'edge.dashboard.operatorName';

export const session = {
  get key() { return localStorage.getItem(KEY_STORAGE) || ''; },
  set key(value) {
    if (value) localStorage.setItem(KEY_STORAGE, value); else localStorage.removeItem(KEY_STORAGE);
  },
  get name() { return localStorage.getItem(NAME_STORAGE) || 'operator'; },
  set name(value) {
    if (value) localStorage.setItem(NAME_STORAGE, value); else localStorage.removeItem(NAME_STORAGE);
  },
};

/** A non-2xx answer, or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

// problem+json: title and detail, plus field errors when a service lists them (shapes differ a little by service).
function describe(status, problem) {
  if (status === 0) return problem?.detail || 'The gateway did not answer.';
  const parts = [];
  const head = problem?.title || `HTTP ${status}`;
  parts.push(problem?.detail ? `${head}: ${problem.detail}` : head);
  const fields = problem?.errors || problem?.fieldErrors || problem?.invalidParams || problem?.fields;
  if (Array.isArray(fields)) {
    for (const f of fields) {
      const name = f.field || f.name || f.pointer || '';
      const msg = f.message || f.reason || f.detail || '';
      if (name || msg) parts.push(`${name} ${msg}`.trim());
    }
  } else if (fields && typeof fields === 'object') {
    for (const [name, msg] of Object.entries(fields)) parts.push(`${name} ${msg}`);
  }
  return parts.join(' · ');
}

export async function request(method, path, body) {
  const headers = { 'Accept': 'application/json, application/problem+json' };
  if (session.key) headers['X-API-Key'] = session.key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, { detail: `The gateway did not answer (${e.message}).` });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = { detail: text.slice(0, 300) }; }
  }
  if (!response.ok) throw new ApiError(response.status, json || {});
  return json;
}

const enc = encodeURIComponent;

export const api = {
  fleetStatus: () => request('GET', '/api/v1/devices/status'),

  history: (deviceId, { from, to, page = 0, size = 1000, order = 'desc' } = {}) => {
    const q = new URLSearchParams({ page, size, order });
    if (from) q.set('from', from);
    if (to) q.set('to', to);
    return request('GET', `/api/v1/devices/${enc(deviceId)}/history?${q}`);
  },

  openAlerts: (limit = 200) => request('GET', `/api/v1/alerts?state=open&limit=${limit}`),

  deviceAlerts: (deviceId, { state = 'all', limit = 20 } = {}) =>
    request('GET', `/api/v1/alerts?${new URLSearchParams({ state, deviceId, limit })}`),

  acknowledge: (alert, { confirmed = true, note } = {}) =>
    request('POST', `/api/v1/alerts/${enc(alert.alertId)}/acknowledge`,
      { by: session.name, deviceId: alert.deviceId, confirmed, note: note || undefined }),

  // A client-chosen id makes a retried click safe: the same note is stored once.
  writeNote: (deviceId, { text, action, alertId }) =>
    request('POST', `/api/v1/devices/${enc(deviceId)}/notes`, {
      id: `note-${crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`}`,
      text, action: action || undefined, alertId: alertId || undefined,
    }),

  deviceNotes: (deviceId, { alertId, limit = 20 } = {}) => {
    const q = new URLSearchParams({ limit });
    if (alertId) q.set('alertId', alertId);
    return request('GET', `/api/v1/devices/${enc(deviceId)}/notes?${q}`);
  },

  searchNotes: (q, k = 5) => request('GET', `/api/v1/notes/search?${new URLSearchParams({ q, k })}`),

  feedback: ({ predictionId, deviceId, correct, actualFailureMode }) =>
    request('POST', '/api/v1/feedback', {
      // A client-chosen id makes a retried click safe: the same feedback is stored once.
      id: crypto.randomUUID ? crypto.randomUUID() : `fb-${Date.now()}-${Math.random().toString(16).slice(2)}`,
      predictionId, deviceId, correct, actualFailureMode: actualFailureMode || undefined, by: session.name,
    }),
};
