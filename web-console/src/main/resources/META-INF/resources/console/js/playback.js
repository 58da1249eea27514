// Playback of one camera (#/playback?camera=ID&from=ISO): an SVG timeline of a one-hour window with
// recorded spans, gaps and event-clip markers; click or drag to play from that instant in a <video>
// (src = playback.mp4 for a window starting there), speed 1×/2×/4×, next event; shift-drag (or Mark
// in / Mark out) selects a range to export (operators, supervisors, admins); supervisors and admins
// list who watched the camera. Playback, export and viewers are audited and scoped by the server.

import { apiUrl, describeError, request } from './api.js';
import { LatestRequest } from './latest-request.js';

const WINDOW_MILLIS = 60 * 60 * 1000;
/** Length of the MP4 asked for when playing from an instant (the server allows up to an hour). */
const PLAY_MILLIS = 10 * 60 * 1000;
const WIDTH = 1000;
const HEIGHT = 60;
const EXPORT_ROLES = ['operator', 'supervisor', 'admin'];
const VIEWER_ROLES = ['supervisor', 'admin'];
const EXPORT_POLL_MILLIS = 1000;
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Renders the playback page into `view`.
 * @param {HTMLElement} view
 * @param {{params: URLSearchParams, replaceParams: function(object): void, user?: object}} ctx
 * @returns {function(): void} cleanup
 */
export function renderPlayback(view, ctx) {
  view.append(document.getElementById('tpl-playback').content.cloneNode(true));
  const $ = (id) => view.querySelector('#' + id);
  const el = {
    page: $('playback-view'), title: $('playback-title'), error: $('playback-error'), start: $('playback-start'),
    timeline: $('playback-timeline'), video: $('playback-video'), clock: $('playback-clock'),
    status: $('playback-status'), selection: $('playback-selection'), exportButton: $('playback-export'),
    exportResult: $('playback-export-result'), viewersButton: $('playback-viewers-load'),
    viewers: $('playback-viewers'),
  };
  const cameraId = ctx.params.get('camera') || '';
  const roles = ctx.user && Array.isArray(ctx.user.roles) ? ctx.user.roles : [];
  el.exportButton.hidden = !roles.some((r) => EXPORT_ROLES.includes(r));
  $('playback-viewers-section').hidden = !roles.some((r) => VIEWER_ROLES.includes(r));
  el.title.textContent = 'Playback — ' + cameraId;

  const state = {
    from: windowStart(ctx.params.get('from')), spans: [], clips: [], playFrom: null, rate: 1,
    selection: null, latest: new LatestRequest(), pollTimer: null,
  };
  const to = () => state.from + WINDOW_MILLIS;

  function showError(message) {
    el.error.textContent = message;
    el.error.hidden = !message;
  }

  async function load() {
    const signal = state.latest.next();
    el.start.value = localInputValue(state.from);
    el.page.dataset.state = 'loading';
    ctx.replaceParams({ camera: cameraId, from: new Date(state.from).toISOString() });
    const range = { from: new Date(state.from).toISOString(), to: new Date(to()).toISOString() };
    try {
      const path = '/cameras/' + encodeURIComponent(cameraId);
      const [recordings, clips] = await Promise.all([
        request('GET', path + '/recordings', { query: range, signal }),
        request('GET', path + '/clips', { query: range, signal }),
      ]);
      state.spans = recordings.spans.map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) }));
      state.gaps = recordings.gaps.map((g) => ({ start: Date.parse(g.start), end: Date.parse(g.end) }));
      state.clips = clips.clips.map((c) => ({ id: c.id, start: Date.parse(c.start), at: Date.parse(c.triggeredAt),
        trigger: c.triggerType })).sort((a, b) => a.at - b.at);
      showError('');
      draw();
      el.page.dataset.state = 'ready';
    } catch (err) {
      if (err && err.name === 'AbortError') {
        return;
      }
      showError(describeError(err));
      el.page.dataset.state = 'error';
    }
  }

  const x = (t) => ((t - state.from) / WINDOW_MILLIS) * WIDTH;
  const timeAt = (clientX) => {
    const box = el.timeline.getBoundingClientRect();
    const ratio = Math.min(1, Math.max(0, (clientX - box.left) / box.width));
    return state.from + ratio * WINDOW_MILLIS;
  };

  function draw() {
    const shapes = [];
    for (const gap of state.gaps) {
      shapes.push(rect('timeline-gap', x(gap.start), 20, x(gap.end) - x(gap.start), 30));
    }
    for (const span of state.spans) {
      shapes.push(rect('timeline-span', x(span.start), 20, Math.max(1, x(span.end) - x(span.start)), 30));
    }
    for (const clip of state.clips) {
      const marker = svg('path', { d: `M${x(clip.at) - 5},4 h10 l-5,10 z`, class: 'timeline-event' });
      marker.dataset.testid = 'timeline-event';
      marker.dataset.at = new Date(clip.at).toISOString();
      const title = svg('title', {});
      title.textContent = `${clip.trigger} at ${new Date(clip.at).toLocaleTimeString()}`;
      marker.append(title);
      shapes.push(marker);
    }
    for (let i = 0; i <= 6; i++) {
      const label = svg('text', { x: Math.min(WIDTH - 30, i * WIDTH / 6 + 2), y: HEIGHT - 1, class: 'timeline-tick' });
      label.textContent = new Date(state.from + i * WINDOW_MILLIS / 6).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      shapes.push(label);
    }
    const selection = rect('timeline-selection', 0, 16, 0, 38);
    const playhead = svg('line', { x1: 0, x2: 0, y1: 14, y2: 54, class: 'timeline-playhead', visibility: 'hidden' });
    playhead.dataset.testid = 'timeline-playhead';
    el.timeline.replaceChildren(...shapes, selection, playhead);
    drawSelection();
    drawPlayhead();
  }

  function drawPlayhead() {
    const playhead = el.timeline.querySelector('[data-testid="timeline-playhead"]');
    const now = currentInstant();
    if (!playhead || now === null) {
      return;
    }
    playhead.setAttribute('visibility', 'visible');
    playhead.setAttribute('x1', x(now));
    playhead.setAttribute('x2', x(now));
    el.clock.textContent = new Date(now).toLocaleString();
    el.clock.dataset.at = new Date(now).toISOString();
  }

  function drawSelection() {
    const box = el.timeline.querySelector('[data-testid="timeline-selection"]');
    const s = state.selection;
    if (box) {
      box.style.display = s ? '' : 'none';
      if (s) {
        box.setAttribute('x', x(Math.min(s.start, s.end)));
        box.setAttribute('width', Math.abs(x(s.end) - x(s.start)));
      }
    }
    const range = orderedSelection();
    el.selection.textContent = range
      ? `${new Date(range.start).toLocaleTimeString()} – ${new Date(range.end).toLocaleTimeString()}` : 'none';
    el.exportButton.disabled = !range;
  }

  function orderedSelection() {
    const s = state.selection;
    if (!s || s.start === null || s.end === null || s.start === s.end) {
      return null;
    }
    return { start: Math.min(s.start, s.end), end: Math.max(s.start, s.end) };
  }

  /** The wall-clock instant being shown: where the current file starts plus the video's position. */
  function currentInstant() {
    return state.playFrom === null ? null : state.playFrom + el.video.currentTime * 1000;
  }

  /** Plays from `t`, or from the next recorded span when `t` falls in a gap. */
  function playFrom(t) {
    const span = state.spans.find((s) => s.end > t);
    if (!span) {
      el.status.textContent = 'Nothing recorded after ' + new Date(t).toLocaleTimeString() + ' in this hour.';
      return;
    }
    const start = Math.max(t, span.start);
    state.playFrom = start;
    el.status.textContent = '';
    el.video.src = apiUrl('/cameras/' + encodeURIComponent(cameraId) + '/playback.mp4', {
      from: new Date(start).toISOString(), to: new Date(start + PLAY_MILLIS).toISOString() });
    el.video.defaultPlaybackRate = state.rate;
    el.video.playbackRate = state.rate;
    el.video.play().catch(() => {
      el.status.textContent = 'Press play to start the video.';
    });
    drawPlayhead();
  }

  function setRate(rate) {
    state.rate = rate;
    el.video.defaultPlaybackRate = rate;
    el.video.playbackRate = rate;
    for (const button of view.querySelectorAll('[data-rate]')) {
      button.setAttribute('aria-pressed', String(Number(button.dataset.rate) === rate));
    }
  }

  /**
   * Plays from the trigger time of the first event after the playhead (the window's start before playing).
   * From the trigger, not the clip's pre-roll start: the playhead then lies past this event, so the next
   * press goes on to the following one (the pre-roll is on the timeline, just before the marker).
   */
  function nextEvent() {
    const now = currentInstant() ?? state.from;
    const next = state.clips.find((c) => c.at > now);
    if (!next) {
      el.status.textContent = 'No later event in this hour.';
      return;
    }
    playFrom(next.at);
  }

  let drag = null;
  function pointerDown(event) {
    drag = { selecting: event.shiftKey, start: timeAt(event.clientX) };
    el.timeline.setPointerCapture(event.pointerId);
    if (drag.selecting) {
      state.selection = { start: drag.start, end: drag.start };
      drawSelection();
    }
  }
  function pointerMove(event) {
    if (!drag) {
      return;
    }
    const t = timeAt(event.clientX);
    if (drag.selecting) {
      state.selection.end = t;
      drawSelection();
    } else {
      el.clock.textContent = new Date(t).toLocaleString();
    }
  }
  function pointerUp(event) {
    if (!drag) {
      return;
    }
    const t = timeAt(event.clientX);
    if (drag.selecting) {
      state.selection.end = t;
      drawSelection();
    } else {
      playFrom(t);
    }
    drag = null;
  }

  function mark(which) {
    const now = currentInstant();
    if (now === null) {
      el.status.textContent = 'Play first, then mark the range.';
      return;
    }
    state.selection = { start: state.selection ? state.selection.start : null,
      end: state.selection ? state.selection.end : null, [which]: now };
    drawSelection();
  }

  async function startExport() {
    const range = orderedSelection();
    el.exportButton.disabled = true;
    el.exportResult.replaceChildren(text('Requesting the export…'));
    try {
      const job = await request('POST', '/exports', { body: { cameraId,
        from: new Date(range.start).toISOString(), to: new Date(range.end).toISOString() } });
      pollExport(job.id);
    } catch (err) {
      el.exportResult.replaceChildren(text('Export failed: ' + describeError(err)));
      el.exportButton.disabled = false;
    }
  }

  async function pollExport(id) {
    try {
      const job = await request('GET', '/exports/' + encodeURIComponent(id));
      el.exportResult.dataset.state = job.state;
      if (job.state === 'done') {
        el.exportResult.replaceChildren(text('Export ready: '), ...job.files.map((name) => {
          const link = document.createElement('a');
          link.href = apiUrl('/exports/' + encodeURIComponent(id) + '/files/' + encodeURIComponent(name));
          link.textContent = name;
          link.dataset.testid = 'export-file';
          link.setAttribute('download', name);
          return link;
        }));
      } else if (job.state === 'failed') {
        el.exportResult.replaceChildren(text('Export failed: ' + (job.error || 'unknown error')));
      } else {
        el.exportResult.replaceChildren(text('Exporting…'));
        state.pollTimer = setTimeout(() => pollExport(id), EXPORT_POLL_MILLIS);
        return;
      }
    } catch (err) {
      el.exportResult.replaceChildren(text('Export status unavailable: ' + describeError(err)));
    }
    el.exportButton.disabled = !orderedSelection();
  }

  async function loadViewers() {
    try {
      const answer = await request('GET', '/cameras/' + encodeURIComponent(cameraId) + '/viewers', {
        query: { from: new Date(state.from - 23 * WINDOW_MILLIS).toISOString(), to: new Date().toISOString() } });
      const rows = answer.entries.map((e) => {
        const li = document.createElement('li');
        li.dataset.testid = 'viewer-entry';
        li.textContent = `${new Date(e.at).toLocaleString()} — ${e.actor ?? 'system'} — ${e.action}`
          + (e.detail ? ` (${e.detail})` : '');
        return li;
      });
      el.viewers.replaceChildren(...(rows.length ? rows : [text('Nobody watched this camera in the last day.')]));
    } catch (err) {
      el.viewers.replaceChildren(text(describeError(err)));
    }
  }

  const listeners = [
    [el.timeline, 'pointerdown', pointerDown], [el.timeline, 'pointermove', pointerMove],
    [el.timeline, 'pointerup', pointerUp], [el.video, 'timeupdate', drawPlayhead],
    [$('playback-earlier'), 'click', () => { state.from -= WINDOW_MILLIS; load(); }],
    [$('playback-later'), 'click', () => { state.from += WINDOW_MILLIS; load(); }],
    [$('playback-now'), 'click', () => { state.from = windowStart(null); load(); }],
    [el.start, 'change', () => { const t = Date.parse(el.start.value); if (!Number.isNaN(t)) { state.from = t; load(); } }],
    [$('playback-next-event'), 'click', nextEvent],
    [$('playback-mark-in'), 'click', () => mark('start')],
    [$('playback-mark-out'), 'click', () => mark('end')],
    [el.exportButton, 'click', startExport],
    [el.viewersButton, 'click', loadViewers],
  ];
  for (const button of view.querySelectorAll('[data-rate]')) {
    listeners.push([button, 'click', () => setRate(Number(button.dataset.rate))]);
  }
  for (const [target, type, handler] of listeners) {
    target.addEventListener(type, handler);
  }
  if (!cameraId) {
    showError('No camera chosen: open playback from the camera list.');
    el.page.dataset.state = 'error';
  } else {
    load();
  }
  setRate(1);

  return () => {
    for (const [target, type, handler] of listeners) {
      target.removeEventListener(type, handler);
    }
    state.latest.abort();
    clearTimeout(state.pollTimer);
    el.video.removeAttribute('src');
    el.video.load();
  };
}

/** The window's start: the `from` parameter, or the hour that ends at the next full minute. */
function windowStart(from) {
  const t = from ? Date.parse(from) : NaN;
  if (!Number.isNaN(t)) {
    return t;
  }
  const minute = 60 * 1000;
  return Math.ceil(Date.now() / minute) * minute - WINDOW_MILLIS;
}

function localInputValue(t) {
  const d = new Date(t - new Date(t).getTimezoneOffset() * 60 * 1000);
  return d.toISOString().slice(0, 16);
}

function rect(testid, x, y, width, height) {
  const r = svg('rect', { x, y, width: Math.max(0, width), height, class: testid });
  r.dataset.testid = testid;
  return r;
}

function svg(name, attributes) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) {
    node.setAttribute(key, String(value));
  }
  return node;
}

function text(content) {
  return document.createTextNode(content);
}
