// Live player: one camera's GET /api/cameras/{id}/live WebSocket played into a <video> through Media Source
// Extensions. The socket sends a text codec message, the fMP4 init segment, then one fragment per picture,
// and text state messages (connecting, reconnecting, live). Fragments are appended in arrival order, one at
// a time; the buffer behind the playhead is trimmed; a player that falls behind jumps to the live edge.
// Time messages pair a fragment's decode time with its wall clock (the camera's, or our ingest's when the
// camera sends none): wallClock() gives the wall time of the picture on screen, video.currentTime.
// When the browser cannot play the stream's codec (H.265 in most browsers), the player falls back to still
// pictures of the latest keyframe (live-still.js) and closes the socket. stop() releases the socket, the
// SourceBuffer, the MediaSource and its object URL, and the still pictures.

import { showStills } from './live-still.js';

/** Seconds of played video kept behind the playhead. */
const KEEP_BEHIND_SECONDS = 10;
/** How far the playhead may fall behind the newest buffered picture before jumping to it. */
const MAX_LAG_SECONDS = 3;
/** Time messages kept (about one a second): enough to cover the buffer behind the playhead. */
const KEPT_TIMES = 32;
/** The fMP4 timescale of the live stream (docs/ref/api.md). */
const TIMESCALE = 90000;

/**
 * Starts playing camera `cameraId` into `video`.
 * @param {HTMLVideoElement} video
 * @param {string} cameraId
 * @param {function(string, string=): void} onState called with connecting, live, reconnecting, closed,
 *   still (still pictures instead of video, with the notice) or error (with a detail)
 * @returns {{stop: function(): void, wallClock: function(): ({millis: number, source: string}|null)}}
 */
export function playLive(video, cameraId, onState) {
  const source = new MediaSource();
  const objectUrl = URL.createObjectURL(source);
  const queue = [];
  /** {seconds (media time), millis (wall), source}, oldest first */
  const times = [];
  let buffer = null;
  let socket = null;
  let stopped = false;
  let stills = null;

  video.muted = true;
  video.src = objectUrl;
  onState('connecting');
  source.addEventListener('sourceopen', open, { once: true });

  function open() {
    if (stopped) {
      return;
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${location.host}/api/cameras/${encodeURIComponent(cameraId)}/live`);
    socket.binaryType = 'arraybuffer';
    socket.onmessage = (e) => (typeof e.data === 'string' ? onText(JSON.parse(e.data)) : enqueue(e.data));
    socket.onclose = (e) => {
      if (!stopped) {
        onState(e.code === 1000 ? 'closed' : 'error', e.reason || 'the live connection closed (' + e.code + ')');
      }
    };
  }

  function onText(message) {
    if (message.type === 'state') {
      onState(message.state);
    } else if (message.type === 'time') {
      times.push({ seconds: message.decodeTime90k / TIMESCALE, millis: Date.parse(message.wall), source: message.source });
      if (times.length > KEPT_TIMES) {
        times.shift();
      }
    } else if (message.type === 'codec') {
      const mime = `video/mp4; codecs="${message.codec}"`;
      if (!MediaSource.isTypeSupported(mime)) {
        fallBackToStills(message.codec);
        return;
      }
      if (!buffer) {
        buffer = source.addSourceBuffer(mime);
        buffer.mode = 'segments';
        buffer.addEventListener('updateend', afterAppend);
      } else {
        queue.push({ mime });
      }
      onState('live');
    }
  }

  function enqueue(data) {
    queue.push(data);
    pump();
  }

  function pump() {
    if (stopped || !buffer || buffer.updating || !queue.length) {
      return;
    }
    const next = queue.shift();
    try {
      if (next instanceof ArrayBuffer) {
        buffer.appendBuffer(next);
      } else {
        buffer.changeType(next.mime);
        pump();
      }
    } catch (err) {
      onState('error', 'the browser refused a fragment: ' + err.message);
      stop();
    }
  }

  function afterAppend() {
    if (stopped) {
      return;
    }
    const ranges = video.buffered;
    if (ranges.length) {
      const start = ranges.start(0);
      const end = ranges.end(ranges.length - 1);
      if (video.currentTime < start || end - video.currentTime > MAX_LAG_SECONDS) {
        video.currentTime = Math.max(start, end - 0.1);
      }
      video.play().catch(() => {});
      if (video.currentTime - start > KEEP_BEHIND_SECONDS * 2 && !buffer.updating) {
        buffer.remove(start, video.currentTime - KEEP_BEHIND_SECONDS);
        return;
      }
    }
    pump();
  }

  /**
   * The wall clock of the picture at video.currentTime, from the latest time message at or before it (the
   * first one when the playhead is before them all), or null before any; source 'camera' or 'server'.
   */
  function wallClock() {
    if (!times.length) {
      return null;
    }
    const at = video.currentTime;
    let anchor = times[0];
    for (const t of times) {
      if (t.seconds <= at) {
        anchor = t;
      }
    }
    return { millis: anchor.millis + (at - anchor.seconds) * 1000, source: anchor.source };
  }

  /**
   * Shows still pictures instead of the video. The socket is closed only after the first still answer, when
   * the still source holds the camera's stream, so a stream opened for this viewer is not closed and reopened.
   */
  function fallBackToStills(codec) {
    socket.onmessage = null;
    socket.onclose = null;
    queue.length = 0;
    stills = showStills(video, cameraId, codec, onState);
    stills.answered.then(closeMedia);
  }

  function stop() {
    closeMedia();
    if (stills) {
      stills.stop();
    }
  }

  function closeMedia() {
    if (stopped) {
      return;
    }
    stopped = true;
    queue.length = 0;
    if (socket) {
      socket.onmessage = null;
      socket.onclose = null;
      socket.close(1000);
    }
    if (buffer) {
      buffer.removeEventListener('updateend', afterAppend);
    }
    if (source.readyState === 'open') {
      try {
        source.endOfStream();
      } catch {
        // Still updating: the MediaSource is released with its URL and the element's source below.
      }
    }
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(objectUrl);
  }

  return { stop, wallClock };
}
