// Open alerts (raised and not cleared yet, acknowledged or not) with the operator's acknowledgement, a note box
// per alert, and a search of past notes by meaning.

import { api } from './api.js';
import { $, el, formatTime, ago, showError, showNotice, reasonList } from './ui.js';
import { noteBox, searchBox } from './notes.js';

// Note rows opened under alerts, by alert id: kept across the 3 s refresh so what is typed stays.
const noteRows = new Map();

$('#notes-search').append(el('h3', {}, 'Past notes'), searchBox());

/** Loads open alerts, updates the nav badge, and renders the table when the alert view is shown. */
export async function loadAlerts(render) {
  const list = await api.openAlerts();
  const items = list?.items || [];
  if (render) renderAlerts(items);
  // The nav badge counts alerts nobody has acknowledged yet.
  const waiting = items.filter(a => a.state === 'OPEN').length;
  $('#alert-badge').textContent = String(waiting);
  $('#alert-badge').hidden = waiting === 0;
  return items;
}

function renderAlerts(items) {
  const body = $('#alerts tbody');
  const now = Date.now();
  const shown = new Set(items.map(a => a.alertId));
  for (const id of [...noteRows.keys()]) if (!shown.has(id)) noteRows.delete(id);
  body.replaceChildren(...items.flatMap(a => (noteRows.has(a.alertId) ? [row(a, now), noteRows.get(a.alertId)]
    : [row(a, now)])));
  $('#alerts-empty').hidden = items.length > 0;
  $('#alerts').hidden = items.length === 0;
  $('#alerts-updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
}

function row(a, now) {
  const acknowledged = a.state === 'ACKNOWLEDGED';
  const stateCell = acknowledged
    ? el('td', { class: 'alert-state' }, el('span', { class: 'pill pill-ack' }, 'acknowledged'),
      el('span', { class: 'hint' }, ` by ${a.acknowledgedBy || '?'} ${ago(a.acknowledgedAt, now)}`,
        a.confirmed === false ? ' (false alarm)' : ''))
    : el('td', { class: 'alert-state' }, el('span', { class: 'pill pill-open' }, 'open'));
  const noteButton = el('button', {
    type: 'button', class: 'note-open secondary', title: 'Write a note on this alert; see similar past notes',
    onclick: e => toggleNote(a, e.target.closest('tr')),
  }, 'Note');
  const actions = acknowledged ? el('td', {}, el('span', { class: 'actions' }, noteButton))
    : el('td', {}, el('span', { class: 'actions' },
      el('button', { type: 'button', class: 'ack', onclick: e => acknowledge(a, true, e.target) }, 'Acknowledge'),
      el('button', {
        type: 'button', class: 'ack-false secondary', title: 'Acknowledge as a false alarm (no training label)',
        onclick: e => acknowledge(a, false, e.target),
      }, 'False alarm'),
      noteButton));
  return el('tr', { class: `alert-row severity-${(a.severity || 'unknown').toLowerCase()}`,
    dataset: { alertId: a.alertId, deviceId: a.deviceId, state: a.state } },
  el('td', {}, el('a', { href: `#/devices/${encodeURIComponent(a.deviceId)}` }, a.deviceId)),
  el('td', {}, a.failureMode || '–'),
  el('td', { class: 'alert-reasons' }, reasonList(a.explanation) || el('span', { class: 'hint' }, 'not explained')),
  el('td', {}, el('span', { class: `pill severity` }, a.severity || 'unknown')),
  el('td', { title: formatTime(a.raisedAt) }, ago(a.raisedAt, now)),
  stateCell,
  actions);
}

function toggleNote(alert, tr) {
  const open = noteRows.get(alert.alertId);
  if (open) {
    open.remove();
    noteRows.delete(alert.alertId);
    return;
  }
  const noteRow = el('tr', { class: 'note-row-alert', dataset: { noteFor: alert.alertId } },
    el('td', { colspan: 7 }, noteBox(alert.deviceId, { alertId: alert.alertId })));
  noteRows.set(alert.alertId, noteRow);
  tr.after(noteRow);
  noteRow.querySelector('textarea').focus();
}

async function acknowledge(alert, confirmed, button) {
  const buttons = button.closest('.actions').querySelectorAll('button');
  buttons.forEach(b => { b.disabled = true; });
  try {
    await api.acknowledge(alert, { confirmed });
    showError(null, 'action');
    showNotice(`Alert on ${alert.deviceId} acknowledged${confirmed ? '' : ' as a false alarm'}.`);
    await loadAlerts(true);
  } catch (e) {
    showError(e, 'action');
    buttons.forEach(b => { b.disabled = false; });
  }
}
