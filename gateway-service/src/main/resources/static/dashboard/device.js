// Device page: latest status, the device's notes, sensor, failure-probability and remaining-useful-life charts over
// time, recent predictions with feedback.

import { api } from './api.js';
import { $, el, statusClass, statusLabel, formatTime, ago, percent, showError, showNotice, reasonList } from './ui.js';
import { noteBox, deviceNotes } from './notes.js';

const PALETTE = ['#d62728', '#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
const RECENT_ROWS = 25;
// The outputs of a remaining-useful-life model (model.json's regression block): cycles or hours, not probabilities.
const RUL_LABELS = ['rul', 'rul_lower', 'rul_upper'];

let charts = [];
let shownDevice = null;
// Feedback already given in this browser session, by prediction id, so the table shows it across refreshes.
const given = new Map();

export function leaveDevice() {
  charts.forEach(c => c.destroy());
  charts = [];
  shownDevice = null;
}

export async function renderDevice(deviceId) {
  if (shownDevice !== deviceId) {
    leaveDevice();
    shownDevice = deviceId;
    $('#device-title').textContent = deviceId;
    $('#device-status').replaceChildren();
    $('#predictions tbody').replaceChildren();
    // Built once per device, not on every refresh, so a note being typed survives the polling.
    const list = $('#device-notes');
    list.replaceChildren();
    $('#device-note-box').replaceChildren(noteBox(deviceId, { onStored: () => showNotes(deviceId, list) }));
    showNotes(deviceId, list);
  }
  const range = $('#device-range').value;
  const from = range === 'all' ? undefined : new Date(Date.now() - Number(range) * 1000).toISOString();
  // Newest first, so a long range still shows its latest part; charts want oldest first.
  const [page, fleet, alerts] = await Promise.all([api.history(deviceId, { from, size: 1000 }), api.fleetStatus(),
    api.deviceAlerts(deviceId).catch(() => null)]);
  if (shownDevice !== deviceId) return; // the operator navigated away meanwhile
  const readings = (page?.items || []).slice().reverse();
  const latest = (fleet?.items || []).find(d => d.deviceId === deviceId);
  const lastPrediction = readings.length ? predictionOf(readings[readings.length - 1]) : null;
  renderStatus(deviceId, latest, lastPrediction, alerts?.items || []);
  $('#device-truncated').hidden = !page?.hasMore;
  $('#device-truncated').textContent = page?.hasMore
    ? `Showing the newest ${readings.length} readings of this range.` : '';
  $('#device-empty').hidden = readings.length > 0;
  renderCharts(readings);
  renderPredictions(deviceId, readings);
  $('#device-updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
}

function showNotes(deviceId, list) {
  deviceNotes(deviceId, list).catch(e => {
    list.replaceChildren(el('p', { class: 'hint' }, `Notes unavailable: ${e.message}`));
  });
}

/**
 * A failure mode is named only when it means something: the device's status is not NORMAL, i.e. a probability
 * crossed its alert threshold. A healthy machine shows its highest probability in numbers instead, and the reasons
 * of its latest explained alert (open first) say why the model raised it.
 */
function renderStatus(deviceId, d, prediction, alerts) {
  const box = $('#device-status');
  box.className = `card status-card ${statusClass(d?.status)}`;
  box.dataset.status = d?.status || 'UNKNOWN';
  const alarmed = d?.status && d.status !== 'NORMAL' && d.predictedClass;
  const highest = Object.entries(prediction?.probabilities || {}).filter(([l]) => !RUL_LABELS.includes(l))
    .sort((a, b) => b[1] - a[1])[0];
  const rul = rulOf(prediction);
  const explained = alerts.find(a => a.state !== 'CLEARED' && a.explanation)
    || alerts.find(a => a.explanation);
  const why = explained ? el('div', { class: 'status-reasons' },
    el('div', { class: 'hint-light' }, `Why ${explained.failureMode} was raised ${ago(explained.raisedAt)}`
      + (explained.state === 'CLEARED' ? ' (cleared since)' : '')),
    reasonList(explained.explanation)) : null;
  box.replaceChildren(
    el('div', { class: 'status-big' }, statusLabel(d?.status)),
    el('dl', {},
      rul ? [el('dt', {}, 'Remaining useful life'), el('dd', { class: 'predicted-rul' }, rulText(rul))]
      : alarmed ? [el('dt', {}, 'Most likely mode'), el('dd', { class: 'likely-mode' }, d.predictedClass)]
        : [el('dt', {}, 'Highest probability'), el('dd', { class: 'highest-probability' },
          highest ? `${highest[0]} ${percent(highest[1])}${d?.status === 'NORMAL' ? ', below its alert threshold' : ''}`
            : '–')],
      el('dt', {}, 'Last reading'), el('dd', { title: formatTime(d?.lastReadingAt) }, ago(d?.lastReadingAt)),
      el('dt', {}, 'Model'), el('dd', {}, d?.model ? `${d.model} v${d.version}` : '–'),
      el('dt', {}, 'Open alerts'), el('dd', {}, d ? String(d.openAlerts) : '–'),
      el('dt', {}, 'Shard'), el('dd', {}, d ? String(d.shard) : '–')),
    why);
}

/** A RUL model's prediction as [rul, lower, upper], or null for a classifier's. */
function rulOf(p) {
  const v = p?.probabilities || {};
  const rul = p?.rul ?? v.rul;
  return rul === undefined || rul === null ? null : [rul, v.rul_lower ?? rul, v.rul_upper ?? rul];
}

function rulText([rul, lower, upper]) {
  return `${Math.round(rul)} (90 % interval ${Math.round(lower)}–${Math.round(upper)})`;
}

/** The prediction a reading is shown with: the latest one made for it (a reading may have several models). */
function predictionOf(r) {
  const ps = r.predictions || [];
  return ps.length ? ps[ps.length - 1] : null;
}

function renderCharts(readings) {
  charts.forEach(c => c.destroy());
  charts = [];
  const holder = $('#sensor-charts');
  holder.replaceChildren();
  const probHolder = $('#chart-probabilities');
  probHolder.replaceChildren();
  if (!readings.length || typeof window.uPlot !== 'function') return;

  const xs = readings.map(r => new Date(r.timestamp).getTime() / 1000);
  const width = Math.max(280, probHolder.clientWidth || holder.clientWidth || 800);

  const all = [...new Set(readings.flatMap(r => Object.keys(predictionOf(r)?.probabilities || {})))];
  const labels = all.filter(l => !RUL_LABELS.includes(l));
  const rulHolder = $('#chart-rul');
  rulHolder.replaceChildren();
  $('#rul-card').hidden = !all.includes('rul');
  if (all.includes('rul')) {
    const series = [0, 1, 2].map(k => readings.map(r => rulOf(predictionOf(r))?.[k] ?? null));
    charts.push(chart(rulHolder, width, 220, xs, ['predicted RUL', 'interval low', 'interval high'], series,
      { format: v => `${Math.round(v)}`, tick: v => `${Math.round(v)}` }));
  }
  if (labels.length) {
    const series = labels.map(l => readings.map(r => predictionOf(r)?.probabilities?.[l] ?? null));
    charts.push(chart(probHolder, width, 220, xs, labels, series,
      { range: [0, 1], format: v => percent(v), tick: v => `${Math.round(v * 100)} %` }));
  } else {
    probHolder.append(el('p', { class: 'hint' }, all.length
      ? 'This model predicts remaining useful life, not probabilities (chart above).'
      : 'No predictions stored for these readings.'));
  }

  const sensors = [...new Set(readings.flatMap(r => Object.keys(r.sensors || {})))].sort();
  for (const name of sensors) {
    const unit = readings.map(r => r.sensors?.[name]?.unit).find(u => u) || '';
    const values = readings.map(r => r.sensors?.[name]?.value ?? null);
    const card = el('div', { class: 'card chart-card', dataset: { sensor: name } },
      el('h3', {}, el('span', { class: 'sensor-name' }, name.replaceAll('_', ' ')),
        unit ? el('span', { class: 'hint' }, ` (${unit})`) : null));
    holder.append(card);
    const w = Math.max(260, card.clientWidth - 24 || width / 2);
    charts.push(chart(card, w, 160, xs, [name], [values], { unit }));
  }
}

function chart(target, width, height, xs, names, series, { range, format, tick, unit } = {}) {
  const opts = {
    width, height,
    cursor: { drag: { x: true, y: false } },
    legend: { show: names.length > 1 },
    scales: { x: { time: true }, y: range ? { range: () => range } : {} },
    axes: [{}, { size: 64, values: (u, ticks) => ticks.map(v => (tick ? tick(v) : `${+v.toFixed(2)}`)) }],
    series: [{}, ...names.map((n, i) => ({
      label: n, stroke: PALETTE[i % PALETTE.length], width: 1.5, spanGaps: true,
      value: (u, v) => (v === null || v === undefined ? '–' : (format ? format(v) : `${+v.toFixed(3)} ${unit || ''}`)),
    }))],
  };
  return new window.uPlot(opts, [xs, ...series], target);
}

function renderPredictions(deviceId, readings) {
  const rows = readings.filter(r => predictionOf(r)).slice(-RECENT_ROWS).reverse();
  const body = $('#predictions tbody');
  body.replaceChildren(...rows.map(r => predictionRow(deviceId, r, predictionOf(r))));
  if (!rows.length) {
    body.append(el('tr', {}, el('td', { colspan: 6, class: 'hint' }, 'No predictions yet.')));
  }
}

function predictionRow(deviceId, r, p) {
  const probs = Object.entries(p.probabilities || {}).filter(([l]) => !RUL_LABELS.includes(l))
    .sort((a, b) => b[1] - a[1]);
  const top = probs[0];
  const rul = rulOf(p);
  return el('tr', { class: 'prediction-row', dataset: { predictionId: p.predictionId } },
    el('td', { title: r.timestamp }, formatTime(r.timestamp)),
    el('td', {}, el('span', { class: `pill ${statusClass(p.status)}` }, statusLabel(p.status))),
    el('td', {}, p.predictedClass || '–'),
    el('td', { class: rul ? 'rul-value' : null }, rul ? `RUL ${Math.round(rul[0])}` : top ? `${top[0]} ${percent(top[1])}` : '–'),
    el('td', {}, `${p.model || '?'} v${p.version || '?'}`),
    el('td', { class: 'feedback' }, feedbackControls(deviceId, p, probs.map(([l]) => l))));
}

function feedbackControls(deviceId, p, labels) {
  const done = given.get(p.predictionId);
  if (done) return el('span', { class: 'feedback-given' }, done);
  const select = el('select', { class: 'actual-mode', 'aria-label': 'actual failure mode' },
    el('option', { value: '' }, 'actual mode…'),
    el('option', { value: 'none' }, 'none (no failure)'),
    ...labels.filter(l => l !== p.predictedClass).map(l => el('option', { value: l }, l)));
  const cell = el('span', { class: 'feedback-controls' },
    el('button', { type: 'button', class: 'fb-correct secondary', title: 'The model was right',
      onclick: () => send(cell, deviceId, p, true) }, '✔ Correct'),
    el('button', { type: 'button', class: 'fb-wrong secondary', title: 'The model was wrong; pick what really happened',
      onclick: () => {
        if (!select.value) {
          select.classList.add('needs-value');
          select.focus();
          showNotice('Pick the actual failure mode, then press Wrong again.');
          return;
        }
        send(cell, deviceId, p, false, select.value);
      } }, '✘ Wrong'),
    select);
  return cell;
}

async function send(cell, deviceId, p, correct, actualFailureMode) {
  cell.querySelectorAll('button, select').forEach(b => { b.disabled = true; });
  try {
    await api.feedback({ predictionId: p.predictionId, deviceId, correct, actualFailureMode });
    const text = correct ? 'marked correct' : `marked wrong: ${actualFailureMode}`;
    given.set(p.predictionId, text);
    cell.replaceWith(el('span', { class: 'feedback-given' }, text));
    showError(null, 'action');
    showNotice('Feedback stored; it becomes a training label for fine-tuning.');
  } catch (e) {
    showError(e, 'action');
    cell.querySelectorAll('button, select').forEach(b => { b.disabled = false; });
  }
}
