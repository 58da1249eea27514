// App shell: a tiny hash router (#/login, #/cameras?q=...), the session header and logout.
// Views are functions render(viewElement, context) that return a cleanup function.

import { currentUser, describeError, logout, onUnauthorized } from './api.js';
import { renderLogin } from './login.js';
import { renderCameras } from './cameras.js';
import { renderOnboarding } from './onboarding.js';
import { renderCoverageReport } from './coverage-report.js';
import { renderUsers } from './users.js';
import { renderDashboard } from './dashboard.js';
import { renderAlarms } from './alarms.js';
import { renderMap } from './map.js';
import { renderWall } from './wall.js';
import { renderPlayback } from './playback.js';
import { renderNodes } from './nodes.js';
import { startEvents, stopEvents } from './events.js';
import { initAlarmCue } from './alarm-cue.js';
import { startAlarmWatch, stopAlarmWatch } from './alarm-watch.js';

const DEFAULT_ROUTE = '/cameras';
/** The page after signing in for the duty room (operators, supervisors); others get DEFAULT_ROUTE. */
const DUTY_ROUTE = '/dashboard';
const DUTY_ROLES = ['operator', 'supervisor'];
const LOGIN_ROUTE = '/login';

const ROUTES = {
  [LOGIN_ROUTE]: { title: 'Sign in', render: renderLogin, public: true },
  '/cameras': { title: 'Cameras', render: renderCameras, public: false },
  '/onboarding': { title: 'Onboarding', render: renderOnboarding, public: false },
  '/coverage-report': { title: 'Coverage report', render: renderCoverageReport, public: false },
  '/users': { title: 'Users', render: renderUsers, public: false },
  '/dashboard': { title: 'Dashboard', render: renderDashboard, public: false },
  '/alarms': { title: 'Alarms', render: renderAlarms, public: false },
  '/map': { title: 'Map', render: renderMap, public: false },
  '/wall': { title: 'Video wall', render: renderWall, public: false },
  '/playback': { title: 'Playback', render: renderPlayback, public: false },
  '/nodes': { title: 'Recorder nodes', render: renderNodes, public: false },
};

const session = {
  user: null,
  /** Hash to open after signing in (the page the user asked for, or had open when the session ended). */
  returnTo: null,
  /** One-shot message for the login page, e.g. after the session expired. */
  loginNotice: null,
};

let unmountCurrent = null;

const $ = (id) => document.getElementById(id);

function parseHash(hash) {
  const raw = hash.replace(/^#/, '') || homeRoute();
  const at = raw.indexOf('?');
  const path = at < 0 ? raw : raw.slice(0, at);
  const params = new URLSearchParams(at < 0 ? '' : raw.slice(at + 1));
  return { path, params, full: raw };
}

/** Changes the route without adding a history entry (redirects, login, logout). */
function redirect(target) {
  history.replaceState(null, '', '#' + target);
  route();
}

/**
 * Rewrites the current route's query (e.g. the camera filters) in place, so a reload or a bookmark
 * keeps it, without re-rendering the view.
 */
function replaceParams(values) {
  const { path } = parseHash(location.hash);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') {
      params.set(key, value);
    }
  }
  const qs = params.toString();
  history.replaceState(null, '', '#' + path + (qs ? '?' + qs : ''));
}

function route() {
  const { path, params, full } = parseHash(location.hash);
  const entry = ROUTES[path];
  if (!entry) {
    redirect(session.user ? homeRoute() : LOGIN_ROUTE);
    return;
  }
  if (!entry.public && !session.user) {
    session.returnTo = location.hash.replace(/^#/, '') ? full : null;
    redirect(LOGIN_ROUTE);
    return;
  }
  if (path === LOGIN_ROUTE && session.user) {
    redirect(homeRoute());
    return;
  }
  mount(path, entry, params);
}

function mount(path, entry, params) {
  if (unmountCurrent) {
    unmountCurrent();
    unmountCurrent = null;
  }
  const view = $('view');
  view.replaceChildren();
  view.dataset.route = path;
  document.title = entry.title + ' — Skynet VMS';
  updateNav(path);

  const notice = session.loginNotice;
  session.loginNotice = null;
  unmountCurrent = entry.render(view, {
    params,
    notice,
    signedIn,
    replaceParams,
    user: session.user,
  }) || null;
}

function signedIn(user) {
  session.user = user;
  hideAppError();
  updateHeader();
  const target = session.returnTo || homeRoute();
  session.returnTo = null;
  redirect(target);
}

/** Any 401 from the API: the session is gone, so go to the login page and come back afterwards. */
function sessionEnded() {
  const { path, full } = parseHash(location.hash);
  if (path === LOGIN_ROUTE) {
    return;
  }
  session.user = null;
  session.returnTo = full;
  session.loginNotice = 'Your session has ended. Sign in again to continue.';
  updateHeader();
  redirect(LOGIN_ROUTE);
}

async function signOut() {
  const button = $('logout-button');
  button.disabled = true;
  try {
    await logout();
  } catch (err) {
    // Stay signed in on screen: pretending to be logged out while the cookie is still valid is worse.
    showAppError('Could not sign out: ' + describeError(err));
    return;
  } finally {
    button.disabled = false;
  }
  session.user = null;
  session.returnTo = null;
  hideAppError();
  updateHeader();
  redirect(LOGIN_ROUTE);
}

/** The signed-in user's start page: the dashboard for the duty room, the camera list for the rest. */
function homeRoute() {
  const roles = session.user && Array.isArray(session.user.roles) ? session.user.roles : [];
  return roles.some((role) => DUTY_ROLES.includes(role)) ? DUTY_ROUTE : DEFAULT_ROUTE;
}

/** The event socket and the alarm badge run while someone is signed in. */
function updateLive(signedInNow) {
  if (signedInNow) {
    startEvents();
    startAlarmWatch();
  } else {
    stopAlarmWatch();
    stopEvents();
  }
}

function updateHeader() {
  const user = session.user;
  updateLive(Boolean(user));
  $('main-nav').hidden = !user;
  $('session-box').hidden = !user;
  if (!user) {
    $('user-name').textContent = '';
    $('user-roles').textContent = '';
    $('user-badge').removeAttribute('title');
    return;
  }
  const roles = Array.isArray(user.roles) ? user.roles : [];
  const districts = Array.isArray(user.districts) ? user.districts : [];
  $('user-name').textContent = user.username;
  $('user-roles').textContent = roles.join(', ');
  // Nav links with data-roles are shown only to holders of one of those roles (the API enforces it too).
  for (const link of $('main-nav').querySelectorAll('a[data-roles]')) {
    link.hidden = !link.dataset.roles.split(' ').some((role) => roles.includes(role));
  }
  $('user-badge').title = districts.length
    ? 'Districts: ' + districts.join(', ')
    : 'All districts';
}

function updateNav(path) {
  for (const link of $('main-nav').querySelectorAll('a[data-route]')) {
    if (link.dataset.route === path) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

function showAppError(text) {
  $('app-error-text').textContent = text;
  $('app-error').hidden = false;
}

function hideAppError() {
  $('app-error').hidden = true;
  $('app-error-text').textContent = '';
}

async function start() {
  onUnauthorized(sessionEnded);
  initAlarmCue();
  $('logout-button').addEventListener('click', signOut);
  $('app-error-dismiss').addEventListener('click', hideAppError);
  window.addEventListener('hashchange', () => {
    hideAppError();
    route();
  });
  try {
    session.user = await currentUser();
  } catch (err) {
    showAppError(describeError(err));
  }
  updateHeader();
  route();
}

start();
