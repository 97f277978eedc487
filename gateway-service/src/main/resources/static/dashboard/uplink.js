// The site's link to its fleet hub, in the top bar: connected / offline / key refused, items queued in the outbox,
// and the last time the hub answered. Hidden when the site has no hub.

import { request } from './api.js';
import { $ } from './ui.js';

const LABEL = { CONNECTED: 'hub connected', OFFLINE: 'hub offline', REFUSED: 'hub refused the key',
  UNKNOWN: 'hub not asked yet' };

export async function renderUplink() {
  const box = $('#uplink');
  let link;
  try {
    link = await request('GET', '/api/v1/uplink');
  } catch {
    box.hidden = true; // an older gateway, or no right to read it: the rest of the page still works
    return;
  }
  box.hidden = !link.configured;
  if (!link.configured) return;
  box.dataset.state = link.state;
  $('#uplink-state').textContent = LABEL[link.state] || link.state;
  $('#uplink-queued').textContent = `${link.queued} queued`;
  $('#uplink-sync').textContent = link.lastSync ? `last sync ${new Date(link.lastSync).toLocaleString()}` : 'never synced';
  box.title = link.lastError || `${link.delivered} delivered, ${link.refusedItems} refused since start (${link.hub})`;
}
