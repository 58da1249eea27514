// Onboarding page (technicians): discover cameras (WS-Discovery, optionally one address), pick one or
// type a URL, enter the camera account, watch the checks complete one by one (a job polled every
// 500 ms), read the verdict, then register the camera with POST /api/cameras.
// The camera password stays in the form fields; it is sent only to the API and never shown.

import { describeError, request } from './api.js';
import { cell, hide, show } from './dom.js';

const POLL_MILLIS = 500;
const DISCOVERY_MILLIS = 2000;
const STATUS_CLASS = { PASS: 'status status-on', WARN: 'status', FAIL: 'status status-off', SKIP: 'status' };

/**
 * Renders the onboarding page into `view`.
 * @param {HTMLElement} view
 * @returns {function(): void} cleanup: stops polling
 */
export function renderOnboarding(view) {
  view.append(document.getElementById('tpl-onboarding').content.cloneNode(true));
  const q = (id) => view.querySelector('#' + id);
  const el = {
    page: q('onboarding-view'),
    discoveryForm: q('discovery-form'),
    discoveryAddress: q('discovery-address'),
    discoveryRun: q('discovery-run'),
    discoveryStatus: q('discovery-status'),
    discoveryWrap: q('discovery-wrap'),
    discoveryBody: q('discovery-body'),
    form: q('onboarding-form'),
    url: q('onboarding-url'),
    username: q('onboarding-username'),
    password: q('onboarding-password'),
    cameraId: q('onboarding-camera-id'),
    error: q('onboarding-error'),
    start: q('onboarding-start'),
    running: q('onboarding-running'),
    checksBody: q('onboarding-checks-body'),
    verdict: q('onboarding-verdict'),
    register: q('register-form'),
    registerHint: q('register-hint'),
    registerError: q('register-error'),
    registerResult: q('register-result'),
    registerSubmit: q('register-submit'),
  };
  const state = { pollTimer: null, discovered: null, report: null, checkedUrl: null, stopped: false };

  el.discoveryForm.addEventListener('submit', (event) => {
    event.preventDefault();
    discover();
  });
  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    startCheck();
  });
  el.register.addEventListener('submit', (event) => {
    event.preventDefault();
    registerCamera();
  });

  async function discover() {
    el.discoveryRun.disabled = true;
    show(el.discoveryStatus, 'Searching for cameras…');
    el.discoveryWrap.hidden = true;
    el.discoveryBody.replaceChildren();
    const body = { timeoutMillis: DISCOVERY_MILLIS };
    const address = el.discoveryAddress.value.trim();
    if (address) {
      body.address = address;
    }
    try {
      const result = await request('POST', '/discovery', { body });
      const items = result.items || [];
      show(el.discoveryStatus, items.length ? items.length + ' camera(s) answered.' : 'No camera answered.');
      for (const device of items) {
        el.discoveryBody.append(discoveryRow(device));
      }
      el.discoveryWrap.hidden = items.length === 0;
    } catch (err) {
      show(el.discoveryStatus, 'Discovery failed: ' + describeError(err));
    } finally {
      el.discoveryRun.disabled = false;
    }
  }

  function discoveryRow(device) {
    const row = document.createElement('tr');
    row.setAttribute('data-testid', 'discovery-row');
    row.append(cell(device.name || '—'), cell(device.hardware || '—'), cell(device.onvifUrl || '—'));
    const use = document.createElement('button');
    use.type = 'button';
    use.className = 'button button-quiet';
    use.textContent = 'Use';
    use.setAttribute('data-testid', 'discovery-use');
    use.disabled = !device.onvifUrl;
    use.addEventListener('click', () => {
      state.discovered = device;
      el.url.value = device.onvifUrl;
      el.username.focus();
    });
    const actions = document.createElement('td');
    actions.append(use);
    row.append(actions);
    return row;
  }

  async function startCheck() {
    stopPolling();
    hide(el.error);
    hide(el.verdict);
    el.register.hidden = true;
    el.registerHint.hidden = false;
    el.checksBody.replaceChildren();
    state.report = null;
    const body = {
      url: el.url.value.trim(),
      username: el.username.value.trim() || null,
      password: el.password.value || null,
    };
    if (el.cameraId.value.trim()) {
      body.cameraId = el.cameraId.value.trim();
    }
    el.start.disabled = true;
    el.running.hidden = false;
    el.page.dataset.state = 'running';
    try {
      const started = await request('POST', '/onboarding', { query: { async: 'true' }, body });
      state.checkedUrl = body.url;
      poll(started.id);
    } catch (err) {
      fail(err);
    }
  }

  async function poll(id) {
    if (state.stopped) {
      return;
    }
    try {
      const job = await request('GET', '/onboarding/' + encodeURIComponent(id));
      showChecks(job.checks || []);
      if (job.done) {
        finished(job.report);
        return;
      }
      state.pollTimer = setTimeout(() => poll(id), POLL_MILLIS);
    } catch (err) {
      fail(err);
    }
  }

  function showChecks(checks) {
    el.checksBody.replaceChildren();
    for (const check of checks) {
      const row = document.createElement('tr');
      row.setAttribute('data-testid', 'onboarding-check');
      row.dataset.check = check.name;
      row.dataset.status = check.status;
      const status = document.createElement('span');
      status.className = STATUS_CLASS[check.status] || 'status';
      status.textContent = check.status;
      const statusCell = document.createElement('td');
      statusCell.append(status);
      row.append(cell(check.name), statusCell, cell(check.detail));
      el.checksBody.append(row);
    }
  }

  function finished(report) {
    state.report = report;
    el.start.disabled = false;
    el.running.hidden = true;
    el.page.dataset.state = 'done';
    el.verdict.dataset.verdict = report.verdict;
    show(el.verdict, report.verdict === 'PASS'
      ? 'Verdict: PASS — the camera can be registered.'
      : 'Verdict: FAIL — fix the failed checks and run the check again.');
    prefillRegistration(report);
  }

  function fail(err) {
    el.start.disabled = false;
    el.running.hidden = true;
    el.page.dataset.state = 'error';
    show(el.error, describeError(err));
  }

  function prefillRegistration(report) {
    el.register.hidden = false;
    el.registerHint.hidden = true;
    hide(el.registerError);
    hide(el.registerResult);
    const device = report.device || {};
    const found = state.discovered || {};
    setIfEmpty('register-id', el.cameraId.value.trim() || slug(device.serial));
    setIfEmpty('register-name', found.name || [device.manufacturer, device.model].filter(Boolean).join(' '));
    const locations = found.locations || [];
    setIfEmpty('register-district', locations.length ? locations[0] : '');
  }

  async function registerCamera() {
    hide(el.registerError);
    hide(el.registerResult);
    const value = (id) => q(id).value.trim();
    const number = (id) => (value(id) === '' ? null : Number(value(id)));
    const main = (state.report && state.report.profiles && state.report.profiles[0]) || null;
    const url = state.checkedUrl || el.url.value.trim();
    const isRtsp = url.startsWith('rtsp://');
    const body = {
      id: value('register-id'),
      name: value('register-name'),
      district: value('register-district'),
      lat: number('register-lat'),
      lon: number('register-lon'),
      bearing: number('register-bearing'),
      fov: number('register-fov'),
      range: number('register-range'),
      rtspUrl: isRtsp ? url : (main && main.rtspUri) || null,
      onvifUrl: isRtsp ? null : url,
    };
    if (el.username.value.trim()) {
      body.username = el.username.value.trim();
      body.password = el.password.value;
    }
    el.registerSubmit.disabled = true;
    try {
      const camera = await request('POST', '/cameras', { body });
      show(el.registerResult, 'Registered camera ' + camera.id + '.');
    } catch (err) {
      show(el.registerError, 'Could not register: ' + describeError(err));
    } finally {
      el.registerSubmit.disabled = false;
    }
  }

  function setIfEmpty(id, text) {
    const input = q(id);
    if (!input.value && text) {
      input.value = text;
    }
  }

  function stopPolling() {
    if (state.pollTimer) {
      clearTimeout(state.pollTimer);
      state.pollTimer = null;
    }
  }

  return () => {
    state.stopped = true;
    stopPolling();
  };
}


/** A registry id (A-Z a-z 0-9 . _ -, at most 64) made from a serial number, or ''. */
function slug(text) {
  return (text || '').replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 64);
}
