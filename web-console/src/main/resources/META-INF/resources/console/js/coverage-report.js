// Coverage report (supervisors, admins): the current audit report (GET /api/coverage/report), links to its
// printable HTML, PDF and CSV, signing it off (POST /api/coverage/reports), the signed reports, and the daily
// rate trend (GET /api/coverage/trend) drawn as a small SVG line chart.

import { ApiError, apiUrl, describeError, request } from './api.js';
import { LatestRequest } from './latest-request.js';
import { cell } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const CHART = { width: 640, height: 220, left: 44, right: 12, top: 12, bottom: 28 };
const SERIES = [
  { mode: 'live', label: 'Live', colour: '#1f6feb' },
  { mode: 'designed', label: 'Designed', colour: '#8a8f98' },
];

/**
 * Renders the page into `view`.
 * @returns {function(): void} cleanup
 */
export function renderCoverageReport(view) {
  view.append(document.getElementById('tpl-coverage-report').content.cloneNode(true));
  const $ = (id) => view.querySelector('#' + id);
  const el = {
    page: $('coverage-report-view'),
    title: $('coverage-report-title'),
    generated: $('coverage-report-generated'),
    mode: $('coverage-report-mode'),
    error: $('coverage-report-error'),
    figures: $('coverage-report-figures'),
    districts: $('coverage-report-districts'),
    shortfalls: $('coverage-report-shortfalls'),
    noShortfalls: $('coverage-report-no-shortfalls'),
    signForm: $('coverage-report-sign-form'),
    note: $('coverage-report-note'),
    sign: $('coverage-report-sign'),
    signed: $('coverage-report-signed'),
    signedBody: $('coverage-report-signed-body'),
    noneSigned: $('coverage-report-none-signed'),
    trendDistrict: $('coverage-report-trend-district'),
    trend: $('coverage-report-trend'),
  };
  const latest = new LatestRequest();
  /** SHA-256 of the CSV of the report on screen: signing signs exactly that report. */
  let shownSha = null;

  async function load() {
    const signal = latest.next();
    const mode = el.mode.value;
    el.page.dataset.state = 'loading';
    for (const [id, format] of [['coverage-report-html', 'html'], ['coverage-report-pdf', 'pdf'], ['coverage-report-csv', 'csv']]) {
      $(id).href = apiUrl('/coverage/report.' + format, { mode });
    }
    try {
      const [current, signedList, trend] = await Promise.all([
        request('GET', '/coverage/report', { query: { mode }, signal }),
        request('GET', '/coverage/reports', { query: { limit: 20 }, signal }),
        request('GET', '/coverage/trend', { query: { district: el.trendDistrict.value }, signal }),
      ]);
      drawReport(current.report);
      shownSha = current.csvSha256;
      drawSigned(signedList.items);
      drawTrend(trend);
      el.error.hidden = true;
      el.page.dataset.state = 'ready';
    } catch (err) {
      if (signal.aborted || (err instanceof ApiError && err.status === 401)) {
        return;
      }
      el.error.textContent = 'Could not load the coverage report: ' + describeError(err);
      el.error.hidden = false;
      el.page.dataset.state = 'error';
    }
  }

  function drawReport(report) {
    el.generated.textContent = 'Generated ' + new Date(report.generatedAt).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
    el.figures.replaceChildren(
      tile(percent(report.city.rate), 'City rate', 'coverage-report-city-rate'),
      tile(`${report.city.placesCovered} / ${report.city.placesTotal}`, 'Places covered', 'coverage-report-covered'),
      tile(String(report.shortfalls.length), 'Below requirement', 'coverage-report-shortfall-count'));
    el.districts.replaceChildren(...report.districts.map((d) => row([
      header(d.name || '(none)'), cell(String(d.placesCovered), 'num'), cell(String(d.placesTotal), 'num'),
      cell(percent(d.rate), 'num')])));
    syncDistrictChoices(report.districts.map((d) => d.name));
    el.shortfalls.replaceChildren(...report.shortfalls.map(shortfallRow));
    el.noShortfalls.hidden = report.shortfalls.length > 0;
  }

  function shortfallRow(s) {
    const cameras = document.createElement('td');
    if (s.restoringCameras.length === 0) {
      cameras.textContent = 'None: a camera must be added or turned';
    } else {
      const list = document.createElement('ol');
      for (const c of s.restoringCameras) {
        const item = document.createElement('li');
        item.dataset.testid = 'restoring-camera';
        item.dataset.cameraId = c.cameraId;
        item.textContent = `${c.cameraId} (${c.state}): ${percent(c.gapShare)} of the gap, `
          + `${percent(c.coverageIfRestored)} if restored`;
        list.append(item);
      }
      cameras.append(list);
    }
    const tr = row([header(`${s.name} (${s.placeId})`), cell(s.district), cell(percent(s.coverage), 'num'),
      cell(percent(s.required), 'num'), cameras]);
    tr.dataset.testid = 'shortfall-row';
    tr.dataset.placeId = s.placeId;
    return tr;
  }

  function drawSigned(items) {
    el.signedBody.replaceChildren(...items.map((entry) => {
      const s = entry.signature;
      const links = document.createElement('td');
      for (const format of ['html', 'pdf', 'csv']) {
        const a = document.createElement('a');
        a.href = apiUrl(`/coverage/reports/${s.id}/report.${format}`);
        a.textContent = format.toUpperCase();
        a.target = '_blank';
        a.rel = 'noopener';
        links.append(a, ' ');
      }
      const tr = row([header(String(s.id)), cell(s.signedBy), cell(s.signedAt.replace('T', ' ').slice(0, 19)),
        cell(entry.mode), cell(`${percent(entry.city.rate)} (${entry.city.placesCovered}/${entry.city.placesTotal})`, 'num'),
        cell(s.csvSha256.slice(0, 16) + '…'), links]);
      tr.dataset.testid = 'signed-report-row';
      tr.dataset.reportId = String(s.id);
      tr.title = s.note ? 'Note: ' + s.note : '';
      return tr;
    }));
    el.noneSigned.hidden = items.length > 0;
  }

  function drawTrend(trend) {
    el.trend.replaceChildren(trendChart(trend));
    el.trend.dataset.points = String(SERIES.reduce((n, s) => n + (trend.series[s.mode] || []).length, 0));
  }

  function syncDistrictChoices(names) {
    const have = new Set(Array.from(el.trendDistrict.options, (o) => o.value));
    for (const name of names) {
      if (name && !have.has(name)) {
        el.trendDistrict.append(new Option(name, name));
      }
    }
  }

  async function signOff(event) {
    event.preventDefault();
    el.sign.disabled = true;
    el.signed.hidden = true;
    try {
      const result = await request('POST', '/coverage/reports', {
        body: { mode: el.mode.value, note: el.note.value, csvSha256: shownSha },
      });
      const s = result.signature;
      el.signed.textContent = `Report ${s.id} signed off by ${s.signedBy}: ${percent(result.report.city.rate)} of places covered.`;
      el.signed.hidden = false;
      el.note.value = '';
      await load();
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401)) {
        el.error.textContent = 'Could not sign off: ' + describeError(err);
        el.error.hidden = false;
      }
    } finally {
      el.sign.disabled = false;
    }
  }

  el.mode.addEventListener('change', load);
  el.trendDistrict.addEventListener('change', load);
  el.signForm.addEventListener('submit', signOff);
  el.title.focus();
  load();
  return () => {
    latest.abort();
  };
}

/** A line chart of the daily rates, one line per mode, 0–100 % on the y axis, one step per day on x. */
function trendChart(trend) {
  const svg = svgEl('svg', { viewBox: `0 0 ${CHART.width} ${CHART.height}`, width: CHART.width, height: CHART.height,
    'data-testid': 'trend-chart' });
  const from = Date.parse(trend.from + 'T00:00:00Z');
  const days = Math.max(1, Math.round((Date.parse(trend.to + 'T00:00:00Z') - from) / 86400000));
  const plotW = CHART.width - CHART.left - CHART.right;
  const plotH = CHART.height - CHART.top - CHART.bottom;
  const x = (day) => CHART.left + plotW * ((Date.parse(day + 'T00:00:00Z') - from) / 86400000) / days;
  const y = (rate) => CHART.top + plotH * (1 - rate);
  for (const rate of [0, 0.5, 1]) {
    svg.append(svgEl('line', { x1: CHART.left, x2: CHART.width - CHART.right, y1: y(rate), y2: y(rate), stroke: '#d0d4da' }));
    svg.append(text(CHART.left - 6, y(rate) + 4, `${rate * 100} %`, 'end'));
  }
  svg.append(text(CHART.left, CHART.height - 8, trend.from, 'start'));
  svg.append(text(CHART.width - CHART.right, CHART.height - 8, trend.to, 'end'));
  SERIES.forEach((s, i) => {
    const points = trend.series[s.mode] || [];
    svg.append(svgEl('polyline', { points: points.map((p) => `${x(p.day)},${y(p.rate)}`).join(' '), fill: 'none',
      stroke: s.colour, 'stroke-width': 2 }));
    for (const p of points) {
      const dot = svgEl('circle', { cx: x(p.day), cy: y(p.rate), r: 3, fill: s.colour, 'data-mode': s.mode, 'data-day': p.day });
      const tip = svgEl('title', {});
      tip.textContent = `${p.day} ${s.label}: ${percent(p.rate)} (${p.placesCovered}/${p.placesTotal})`;
      dot.append(tip);
      svg.append(dot);
    }
    const legendX = CHART.left + 8 + i * 110;
    svg.append(svgEl('rect', { x: legendX, y: CHART.top + 4, width: 12, height: 12, fill: s.colour }));
    svg.append(text(legendX + 16, CHART.top + 14, s.label, 'start'));
  });
  if (SERIES.every((s) => (trend.series[s.mode] || []).length === 0)) {
    svg.append(text(CHART.width / 2, CHART.height / 2, 'No daily snapshot in this period yet', 'middle'));
  }
  return svg;
}

function svgEl(name, attributes) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) {
    e.setAttribute(k, String(v));
  }
  return e;
}

function text(x, y, content, anchor) {
  const t = svgEl('text', { x, y, 'text-anchor': anchor, 'font-size': 11, fill: '#555' });
  t.textContent = content;
  return t;
}

function tile(value, label, testId) {
  const box = document.createElement('div');
  box.className = 'count-tile';
  const number = document.createElement('span');
  number.className = 'count-number';
  number.dataset.testid = testId;
  number.textContent = value;
  const caption = document.createElement('span');
  caption.className = 'count-label';
  caption.textContent = label;
  box.append(number, caption);
  return box;
}

function row(cells) {
  const tr = document.createElement('tr');
  tr.append(...cells);
  return tr;
}

function header(content) {
  const th = document.createElement('th');
  th.scope = 'row';
  th.textContent = content;
  return th;
}

/** 0.8966 → "89.66 %". */
function percent(fraction) {
  return `${(fraction * 100).toFixed(2)} %`;
}
