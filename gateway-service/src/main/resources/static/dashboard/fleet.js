// Fleet grid: one tile per device, coloured by its latest status.

import { api } from './api.js';
import { $, el, statusClass, statusLabel, ago, formatTime } from './ui.js';

export async function renderFleet() {
  const fleet = await api.fleetStatus();
  const grid = $('#fleet-grid');
  const items = fleet?.items || [];
  const now = Date.now();
  // Replacing the children in one go keeps the grid stable while it refreshes every few seconds.
  grid.replaceChildren(...items.map(d => tile(d, now)));
  $('#fleet-empty').hidden = items.length > 0;
  $('#fleet-updated').textContent = `${items.length} device${items.length === 1 ? '' : 's'} · updated ${new Date().toLocaleTimeString()}`;
  return items;
}

function tile(d, now) {
  const status = d.status || 'UNKNOWN';
  return el('a', {
    class: `tile ${statusClass(d.status)}`,
    href: `#/devices/${encodeURIComponent(d.deviceId)}`,
    dataset: { deviceId: d.deviceId, status },
    title: `last reading ${formatTime(d.lastReadingAt)}${d.model ? ` · model ${d.model} v${d.version}` : ''}`,
  },
  el('span', { class: 'tile-id' }, d.deviceId),
  el('span', { class: 'tile-status' }, statusLabel(d.status)),
  d.status && d.status !== 'NORMAL' && d.predictedClass ? el('span', { class: 'tile-mode' }, d.predictedClass) : null,
  el('span', { class: 'tile-age' }, ago(d.lastReadingAt, now)),
  d.openAlerts > 0 ? el('span', { class: 'tile-alerts', title: 'open alerts' }, `⚠ ${d.openAlerts}`) : null);
}
