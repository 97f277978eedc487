// The dashboard shell: asks for the API key, routes by URL hash (#/fleet, #/devices/{id}, #/alerts) and refreshes
// the shown view every few seconds. Polling pauses while the tab is hidden.

import { session } from './api.js';
import { $, showError } from './ui.js';
import { renderFleet } from './fleet.js';
import { renderDevice, leaveDevice } from './device.js';
import { loadAlerts } from './alerts.js';
import { renderUplink } from './uplink.js';

const REFRESH_MS = { fleet: 3000, device: 5000, alerts: 3000 };

let timer = null;
let generation = 0; // bumps on every navigation, so a slow answer for a view left behind is ignored

function route() {
  const hash = location.hash || '#/fleet';
  const device = hash.match(/^#\/devices\/(.+)$/);
  if (device) return { view: 'device', deviceId: decodeURIComponent(device[1]) };
  if (hash.startsWith('#/alerts')) return { view: 'alerts' };
  return { view: 'fleet' };
}

function show(view) {
  for (const section of document.querySelectorAll('.view')) {
    section.hidden = section.id !== `view-${view}`;
  }
  $('#nav-fleet').classList.toggle('active', view === 'fleet' || view === 'device');
  $('#nav-alerts').classList.toggle('active', view === 'alerts');
  document.body.dataset.view = view;
}

function showLogin(message) {
  clearTimeout(timer);
  generation++;
  show('login');
  $('#api-key').value = '';
  $('#operator-name').value = session.name === 'operator' ? '' : session.name;
  $('#session-info').textContent = '';
  $('#change-key').hidden = true;
  if (message) showError(message);
  $('#api-key').focus();
}

async function refresh(gen) {
  const r = route();
  try {
    if (r.view === 'fleet') await renderFleet();
    else if (r.view === 'device') await renderDevice(r.deviceId);
    await loadAlerts(r.view === 'alerts');
    await renderUplink();
    if (gen !== generation) return;
    showError(null);
  } catch (e) {
    if (gen !== generation) return;
    if (e.status === 401) {
      // The key is wrong or was revoked: ask again, with the gateway's own words.
      session.key = '';
      showLogin(e);
      return;
    }
    showError(e);
  }
  if (gen === generation && !document.hidden) {
    timer = setTimeout(() => refresh(gen), REFRESH_MS[r.view]);
  }
}

function navigate() {
  clearTimeout(timer);
  const gen = ++generation;
  if (!session.key) {
    showLogin();
    return;
  }
  const r = route();
  if (r.view !== 'device') leaveDevice();
  show(r.view);
  $('#session-info').textContent = `signed in as ${session.name}`;
  $('#change-key').hidden = false;
  refresh(gen);
}

$('#key-form').addEventListener('submit', e => {
  e.preventDefault();
  session.key = $('#api-key').value.trim();
  session.name = $('#operator-name').value.trim();
  showError(null, 'action');
  if (!location.hash || location.hash === '#/login') location.hash = '#/fleet';
  navigate();
});

$('#change-key').addEventListener('click', () => {
  session.key = '';
  showLogin();
});

$('#device-range').addEventListener('change', () => navigate());

window.addEventListener('hashchange', navigate);
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) navigate();
});

navigate();
