// Operators' notes: a box to write one (on a device, or on one of its alerts), what the site's text models made of
// it (the suggested failure mode, the fleet's most similar past notes and what was done about them), the device's
// notes, and a search by meaning. Boxes are built once and kept across refreshes, so typing is never wiped.

import { api } from './api.js';
import { el, formatTime, ago, percent, showError, showNotice } from './ui.js';

const MAX_TEXT = 4000;

/** A note box for a device (and an alert of it when alertId is set); onStored runs after a note is stored. */
export function noteBox(deviceId, { alertId, onStored } = {}) {
  const text = el('textarea', {
    class: 'note-text', rows: 3, maxlength: MAX_TEXT, 'aria-label': 'note',
    placeholder: alertId ? 'What do you see at this alert? e.g. "pump smoking up, stopped it"'
      : 'A note on this machine, e.g. "runs for a while and trips"',
  });
  const action = el('input', {
    class: 'note-action', type: 'text', maxlength: MAX_TEXT, 'aria-label': 'action taken',
    placeholder: 'What was done about it (optional)',
  });
  const result = el('div', { class: 'note-result' });
  const button = el('button', { type: 'button', class: 'note-save' }, 'Add note');
  const box = el('div', { class: 'note-box', dataset: { deviceId, alertId: alertId || '' } },
    text, el('div', { class: 'note-row' }, action, button), result);
  button.addEventListener('click', async () => {
    if (!text.value.trim()) {
      text.classList.add('needs-value');
      text.focus();
      showNotice('Write the note first.');
      return;
    }
    button.disabled = true;
    try {
      const answer = await api.writeNote(deviceId, { text: text.value, action: action.value.trim(), alertId });
      text.value = '';
      action.value = '';
      text.classList.remove('needs-value');
      result.replaceChildren(...rendered(answer));
      showError(null, 'action');
      showNotice('Note stored.');
      if (onStored) onStored(answer);
    } catch (e) {
      showError(e, 'action');
    } finally {
      button.disabled = false;
    }
  });
  return box;
}

/** What came back with a stored note: the suggestion, notices, the similar past notes. */
function rendered(answer) {
  const parts = [];
  const s = answer?.note?.suggestion;
  parts.push(el('p', { class: 'note-suggestion' }, 'Suggested failure mode: ',
    s ? el('strong', {}, s.failureMode) : el('span', { class: 'hint' }, 'none (no text model served)'),
    s && s.probability != null ? el('span', { class: 'hint' }, ` (${percent(s.probability)}, ${s.model} v${s.version})`)
      : null));
  for (const n of answer?.notices || []) parts.push(el('p', { class: 'hint note-notice' }, n));
  parts.push(similarList(answer?.similar || [], 'Similar past notes'));
  return parts;
}

/** A list of scored notes with the device, the words, and what was done about them. */
export function similarList(items, title) {
  if (!items.length) return el('p', { class: 'hint similar-empty' }, `${title}: none found.`);
  return el('div', { class: 'similar' }, el('h4', {}, title),
    el('ol', { class: 'similar-notes' }, ...items.map(({ score, note }) => el('li', {
      class: 'similar-note', dataset: { noteId: note.noteId },
    },
    el('span', { class: 'score', title: 'cosine similarity' }, score.toFixed(2)), ' ',
    el('a', { href: `#/devices/${encodeURIComponent(note.deviceId)}` }, note.deviceId), ': ',
    el('q', {}, note.text),
    note.action ? el('span', { class: 'note-done' }, ' → ', note.action)
      : el('span', { class: 'hint' }, ' (no action recorded)'),
    el('span', { class: 'hint' }, ` · ${note.author}, ${ago(note.createdAt)}`)))));
}

/** The device's notes, newest first. */
export async function deviceNotes(deviceId, target) {
  const list = await api.deviceNotes(deviceId);
  const items = list?.items || [];
  target.replaceChildren(items.length
    ? el('ul', { class: 'notes' }, ...items.map(n => el('li', { class: 'note', dataset: { noteId: n.noteId } },
      el('span', { class: 'hint', title: formatTime(n.createdAt) }, `${ago(n.createdAt)} · ${n.author}`), ' ',
      n.alertId ? el('span', { class: 'pill' }, 'alert') : null, ' ',
      n.text,
      n.action ? el('span', { class: 'note-done' }, ' → ', n.action) : null,
      n.suggestion ? el('span', { class: 'hint' }, ` · suggested ${n.suggestion.failureMode}`) : null)))
    : el('p', { class: 'hint' }, 'No notes on this device yet.'));
}

/** A search box over the fleet's notes, by meaning. */
export function searchBox() {
  const q = el('input', { type: 'search', class: 'note-query', placeholder: 'Find past notes by meaning…',
    'aria-label': 'search notes', maxlength: MAX_TEXT });
  const out = el('div', { class: 'note-search-result' });
  const go = async () => {
    if (!q.value.trim()) return;
    try {
      const answer = await api.searchNotes(q.value.trim(), 5);
      out.replaceChildren(similarList(answer?.items || [], `Notes nearest to “${answer?.query}”`));
      showError(null, 'action');
    } catch (e) {
      showError(e, 'action');
    }
  };
  q.addEventListener('keydown', e => { if (e.key === 'Enter') go(); });
  return el('div', { class: 'note-search' }, q,
    el('button', { type: 'button', class: 'secondary', onclick: go }, 'Search'), out);
}
