// Login page: user name + password → POST /api/session. The server sets the HttpOnly session
// cookie; the token in the response body is deliberately not stored anywhere in the browser.

import { describeError, login } from './api.js';

/**
 * Renders the login form into `view`.
 * @param {HTMLElement} view
 * @param {{notice: string|null, signedIn: function(object): void}} ctx
 * @returns {function(): void} cleanup
 */
export function renderLogin(view, ctx) {
  view.append(document.getElementById('tpl-login').content.cloneNode(true));
  const form = view.querySelector('#login-form');
  const username = view.querySelector('#login-username');
  const password = view.querySelector('#login-password');
  const submit = view.querySelector('#login-submit');
  const errorBox = view.querySelector('#login-error');
  const notice = view.querySelector('#login-notice');
  let disposed = false;
  let busy = false;

  if (ctx.notice) {
    notice.textContent = ctx.notice;
    notice.hidden = false;
  }

  function showError(text, fields) {
    errorBox.textContent = text;
    errorBox.hidden = false;
    for (const input of [username, password]) {
      input.setAttribute('aria-invalid', String(fields.includes(input)));
      if (fields.includes(input)) {
        input.setAttribute('aria-describedby', 'login-error');
      } else {
        input.removeAttribute('aria-describedby');
      }
    }
  }

  function clearError() {
    errorBox.hidden = true;
    errorBox.textContent = '';
    for (const input of [username, password]) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  }

  function setBusy(value) {
    busy = value;
    submit.disabled = value;
    submit.textContent = value ? 'Signing in…' : 'Sign in';
    form.setAttribute('aria-busy', String(value));
  }

  /** The inputs an error points at: the one the server names, else both for a failed sign-in. */
  function fieldsFor(err) {
    if (err.field === 'username') {
      return [username];
    }
    if (err.field === 'password') {
      return [password];
    }
    return err.code === 'AUTH_FAILED' ? [username, password] : [];
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) {
      return;
    }
    const name = username.value.trim();
    if (!name || !password.value) {
      const missing = !name ? username : password;
      showError(!name ? 'Enter your user name.' : 'Enter your password.', [missing]);
      missing.focus();
      return;
    }
    clearError();
    notice.hidden = true;
    setBusy(true);
    try {
      const body = await login(name, password.value);
      if (disposed) {
        return;
      }
      if (!body || !body.user) {
        setBusy(false);
        showError('The server accepted the sign-in but sent no user. Try again.', []);
        return;
      }
      ctx.signedIn(body.user);
    } catch (err) {
      if (disposed) {
        return;
      }
      setBusy(false);
      password.value = '';
      const fields = fieldsFor(err);
      showError(describeError(err), fields);
      (fields.length === 1 ? fields[0] : password).focus();
    }
  });

  username.focus();
  return () => {
    disposed = true;
  };
}
