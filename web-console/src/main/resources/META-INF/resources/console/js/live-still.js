// Still-picture fallback of the live player, for a camera whose codec this browser cannot play through Media
// Source Extensions (H.265 in most browsers): GET /api/cameras/{id}/live.jpg every REFRESH_SECONDS, shown in
// an <img> that takes the <video>'s place, with a notice saying so. The server answers the latest keyframe as
// a JPEG (X-Picture-Number changes with each new keyframe, so an unchanged picture is not redrawn), or 503
// with the reason while the camera's stream is opening or down. stop() ends the polling and puts the <video>
// back.

import { apiUrl } from './api.js';

/** Seconds between two asks for the latest picture. */
export const REFRESH_SECONDS = 1;

/**
 * Shows camera `cameraId` as still pictures in place of `video`.
 * @param {HTMLVideoElement} video hidden while the pictures show; the notice goes before it, the <img> after
 * @param {string} cameraId
 * @param {string} codec the RFC 6381 codec the browser refused, e.g. hvc1.1.6.L120.90
 * @param {function(string, string=): void} onState called with still (and the notice), connecting,
 *   reconnecting or error (with the server's reason)
 * @returns {{stop: function(): void, answered: Promise<void>}} answered settles after the first answer
 */
export function showStills(video, cameraId, codec, onState) {
  const notice = document.createElement('p');
  notice.className = 'live-still-notice';
  notice.dataset.testid = 'live-still-notice';
  notice.setAttribute('role', 'status');
  notice.textContent = `${codecName(codec)} is not supported by this browser — showing a still picture every `
    + `${REFRESH_SECONDS} s`;
  const image = document.createElement('img');
  image.className = video.className;
  image.dataset.testid = 'live-still';
  image.alt = 'Latest picture of camera ' + cameraId;
  video.hidden = true;
  video.before(notice);
  video.after(image);

  const url = apiUrl('/cameras/' + encodeURIComponent(cameraId) + '/live.jpg');
  let stopped = false;
  let timer = null;
  let shown = null;
  let objectUrl = null;
  let firstAnswer;
  const answered = new Promise((resolve) => { firstAnswer = resolve; });

  async function refresh() {
    try {
      const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
      if (stopped) {
        return;
      }
      if (response.ok) {
        const number = response.headers.get('X-Picture-Number');
        if (number !== shown) {
          const blob = await response.blob();
          if (stopped) {
            return;
          }
          shown = number;
          const previous = objectUrl;
          objectUrl = URL.createObjectURL(blob);
          image.src = objectUrl;
          image.dataset.pictureTime = response.headers.get('X-Picture-Time') || '';
          if (previous) {
            URL.revokeObjectURL(previous);
          }
        }
        onState('still', notice.textContent);
      } else {
        onState(response.status === 503 ? (shown === null ? 'connecting' : 'reconnecting') : 'error',
          await reason(response));
      }
    } catch (err) {
      if (!stopped) {
        onState('reconnecting', 'the server could not be reached: ' + err.message);
      }
    } finally {
      firstAnswer();
      if (!stopped) {
        timer = setTimeout(refresh, REFRESH_SECONDS * 1000);
      }
    }
  }

  function stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    clearTimeout(timer);
    image.remove();
    notice.remove();
    if (objectUrl) {
      URL.revokeObjectURL(objectUrl);
    }
    video.hidden = false;
  }

  refresh();
  return { stop, answered };
}

/** The name people know a codec by: H.265 for hvc1/hev1, H.264 for avc1/avc3, else the codec string. */
function codecName(codec) {
  const family = String(codec).split('.')[0];
  if (family === 'hvc1' || family === 'hev1') {
    return 'H.265';
  }
  return family === 'avc1' || family === 'avc3' ? 'H.264' : codec;
}

async function reason(response) {
  try {
    const body = await response.json();
    return body.error.message;
  } catch {
    return 'the still picture failed (HTTP ' + response.status + ')';
  }
}
