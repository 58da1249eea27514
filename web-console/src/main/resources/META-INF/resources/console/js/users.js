// Users page (admins): list accounts, create one, enable/disable, reset a password.
// Everything goes through /api/users (admin only on the server too). Passwords stay in the form
// fields and are cleared after sending; the server never sends passwords or hashes back.

import { describeError, request } from './api.js';
import { cell, hide, show } from './dom.js';

const ROLES = ['operator', 'technician', 'supervisor', 'admin'];

/**
 * Renders the users page into `view`.
 * @param {HTMLElement} view
 * @returns {function(): void} cleanup
 */
export function renderUsers(view) {
  view.append(document.getElementById('tpl-users').content.cloneNode(true));
  const q = (id) => view.querySelector('#' + id);
  const el = {
    page: q('users-view'),
    error: q('users-error'),
    body: q('users-body'),
    createForm: q('user-create-form'),
    newUsername: q('user-new-username'),
    newPassword: q('user-new-password'),
    newDistricts: q('user-new-districts'),
    createSubmit: q('user-create-submit'),
    createError: q('user-create-error'),
    createResult: q('user-create-result'),
    resetForm: q('user-reset-form'),
    resetUsername: q('user-reset-username'),
    resetPassword: q('user-reset-password'),
    resetSubmit: q('user-reset-submit'),
    resetError: q('user-reset-error'),
    resetResult: q('user-reset-result'),
  };
  let stopped = false;

  el.createForm.addEventListener('submit', (event) => {
    event.preventDefault();
    createUser();
  });
  el.resetForm.addEventListener('submit', (event) => {
    event.preventDefault();
    resetPassword();
  });

  async function load() {
    el.page.dataset.state = 'loading';
    try {
      const body = await request('GET', '/users');
      if (stopped) {
        return;
      }
      showUsers(body.items || []);
      hide(el.error);
      el.page.dataset.state = 'ready';
    } catch (err) {
      if (!stopped) {
        show(el.error, 'Could not load users: ' + describeError(err));
        el.page.dataset.state = 'error';
      }
    }
  }

  function showUsers(users) {
    el.body.replaceChildren();
    const selected = el.resetUsername.value;
    el.resetUsername.replaceChildren();
    for (const user of users) {
      const row = document.createElement('tr');
      row.dataset.testid = 'user-row';
      row.dataset.username = user.username;
      row.append(cell(user.username), cell(user.roles.join(', ')),
        cell(user.districts.length ? user.districts.join(', ') : 'All'));
      const status = document.createElement('span');
      status.className = user.enabled ? 'status status-on' : 'status status-off';
      status.textContent = user.enabled ? 'Enabled' : 'Disabled';
      const statusCell = document.createElement('td');
      statusCell.append(status);
      row.append(statusCell);
      const actions = document.createElement('td');
      const toggle = document.createElement('button');
      toggle.type = 'button';
      toggle.className = 'button';
      toggle.dataset.testid = 'user-toggle';
      toggle.textContent = user.enabled ? 'Disable' : 'Enable';
      toggle.addEventListener('click', () => setEnabled(user.username, !user.enabled, toggle));
      actions.append(toggle);
      row.append(actions);
      el.body.append(row);

      const option = document.createElement('option');
      option.value = user.username;
      option.textContent = user.username;
      el.resetUsername.append(option);
    }
    if (selected) {
      el.resetUsername.value = selected;
    }
  }

  async function setEnabled(username, enabled, button) {
    button.disabled = true;
    try {
      await request('PATCH', '/users/' + encodeURIComponent(username), { body: { enabled } });
      hide(el.error);
      await load();
    } catch (err) {
      show(el.error, 'Could not ' + (enabled ? 'enable ' : 'disable ') + username + ': ' + describeError(err));
      button.disabled = false;
    }
  }

  async function createUser() {
    hide(el.createError);
    hide(el.createResult);
    const roles = ROLES.filter((role) => q('user-new-role-' + role).checked);
    const districts = el.newDistricts.value.split(',').map((d) => d.trim()).filter((d) => d);
    el.createSubmit.disabled = true;
    try {
      const user = await request('POST', '/users', {
        body: { username: el.newUsername.value.trim(), password: el.newPassword.value, roles, districts },
      });
      el.createForm.reset();
      show(el.createResult, 'Created user ' + user.username + '.');
      await load();
    } catch (err) {
      show(el.createError, 'Could not create the user: ' + describeError(err));
    } finally {
      el.newPassword.value = '';
      el.createSubmit.disabled = false;
    }
  }

  async function resetPassword() {
    hide(el.resetError);
    hide(el.resetResult);
    const username = el.resetUsername.value;
    el.resetSubmit.disabled = true;
    try {
      await request('POST', '/users/' + encodeURIComponent(username) + '/password', {
        body: { password: el.resetPassword.value },
      });
      show(el.resetResult, 'New password set for ' + username + '; their sessions were ended.');
    } catch (err) {
      show(el.resetError, 'Could not reset the password: ' + describeError(err));
    } finally {
      el.resetPassword.value = '';
      el.resetSubmit.disabled = false;
    }
  }

  load();
  return () => {
    stopped = true;
  };
}
