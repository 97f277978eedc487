// Small DOM and formatting pieces shared by the views.

export const $ = (selector, root = document) => root.querySelector(selector);

/** Creates an element: el('td', {class: 'x', dataset: {id: 1}}, 'text', childNode). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== undefined && c !== null && c !== false) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

/** The CSS class of a status: NORMAL green, WARNING amber, FAILURE_PREDICTED red, anything else grey. */
export function statusClass(status) {
  switch (status) {
    case 'NORMAL': return 'status-normal';
    case 'WARNING': return 'status-warning';
    case 'FAILURE_PREDICTED': return 'status-failure';
    default: return 'status-unknown';
  }
}

export function statusLabel(status) {
  switch (status) {
    case 'NORMAL': return 'normal';
    case 'WARNING': return 'warning';
    case 'FAILURE_PREDICTED': return 'failure predicted';
    default: return status ? status.toLowerCase() : 'unknown';
  }
}

export function formatTime(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** "12 s ago", "5 min ago"... for recency at a glance; the exact time goes in a title attribute. */
export function ago(iso, now = Date.now()) {
  if (!iso) return 'never';
  const s = Math.round((now - new Date(iso).getTime()) / 1000);
  if (s < 0) return 'in the future';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

export function percent(p) {
  return p === undefined || p === null ? '–' : `${(p * 100).toFixed(1)} %`;
}

let noticeTimer;

/**
 * Shows an error (ApiError or Error) in the banner; null hides it. A refusal of something the operator did
 * ('action') stays until the next action or a click on it; the periodic refresh only clears its own errors.
 */
export function showError(error, source = 'refresh') {
  const banner = $('#error');
  if (!error) {
    if (banner.hidden || banner.dataset.source === 'action' && source !== 'action') return;
    banner.hidden = true;
    banner.textContent = '';
    return;
  }
  banner.textContent = error.message || String(error);
  banner.dataset.status = error.status ?? '';
  banner.dataset.source = source;
  banner.title = source === 'action' ? 'click to dismiss' : '';
  banner.hidden = false;
}

export function showNotice(text) {
  const banner = $('#notice');
  banner.textContent = text;
  banner.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { banner.hidden = true; }, 4000);
}

$('#error').addEventListener('click', () => {
  $('#error').hidden = true;
});

const number = v => (v === undefined || v === null ? '–'
  : Number(v).toLocaleString('en-US', { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 2 }));

/**
 * One reason of an explanation in plain words and numbers:
 * "torque x tool wear 11,900 min·Nm, limit for machine type L 11,000: +0.41" (the contribution is in log-odds).
 */
export function reasonText(r) {
  const value = r.value === undefined || r.value === null ? '' : ` ${number(r.value)}${r.unit ? ` ${r.unit}` : ''}`;
  const limit = r.limit === undefined || r.limit === null ? ''
    : `, ${r.limitNote || 'limit'} ${number(r.limit)}`;
  const c = r.contribution || 0;
  return `${(r.name || '?').replaceAll('_', ' ')}${value}${limit}: ${c >= 0 ? '+' : '−'}${Math.abs(c).toFixed(2)}`;
}

/** The top reasons of an explanation as a list (largest first), or null when there is none. */
export function reasonList(explanation, n = 3) {
  const reasons = (explanation?.reasons || []).slice(0, n);
  if (!reasons.length) return null;
  return el('ul', {
    class: 'reasons',
    title: `why the model scored ${explanation.label}: contributions in log-odds (${explanation.method})`,
  }, ...reasons.map(r => el('li', { class: r.contribution >= 0 ? 'reason-up' : 'reason-down' }, reasonText(r))));
}
