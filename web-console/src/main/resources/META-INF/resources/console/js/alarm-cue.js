// The audible cue for a new alarm: a short two-tone beep synthesised once into a WebAudio buffer
// (no sound file), and the mute toggle in the header (data-testid="alarm-mute"), remembered in
// localStorage. The toggle's data-cues attribute counts the cues played (muted ones included as
// data-cues-muted), so tests can tell a cue was due without hearing it.

const MUTE_KEY = 'vms.alarmMute';
const SAMPLE_RATE = 22050;
const TONES = [{ hz: 880, seconds: 0.14 }, { hz: 660, seconds: 0.2 }];
const VOLUME = 0.3;

let context = null;
let buffer = null;

/** Wires the mute button; call once at start. */
export function initAlarmCue() {
  const button = document.getElementById('alarm-mute');
  if (!button) {
    return;
  }
  button.dataset.cues = '0';
  button.dataset.cuesMuted = '0';
  showMute(button, isMuted());
  button.addEventListener('click', () => {
    const muted = !isMuted();
    try {
      localStorage.setItem(MUTE_KEY, muted ? 'true' : 'false');
    } catch {
      // storage blocked: the toggle still works for this page
    }
    button.dataset.muted = String(muted);
    showMute(button, muted);
    if (!muted) {
      unlock();
    }
  });
}

/** Plays the cue unless muted. */
export function playAlarmCue() {
  const button = document.getElementById('alarm-mute');
  if (isMuted()) {
    if (button) {
      button.dataset.cuesMuted = String(Number(button.dataset.cuesMuted || 0) + 1);
    }
    return;
  }
  if (button) {
    button.dataset.cues = String(Number(button.dataset.cues || 0) + 1);
  }
  const ctx = unlock();
  if (!ctx) {
    return;
  }
  const source = ctx.createBufferSource();
  source.buffer = cueBuffer(ctx);
  source.connect(ctx.destination);
  source.start();
}

function isMuted() {
  const button = document.getElementById('alarm-mute');
  if (button && button.dataset.muted) {
    return button.dataset.muted === 'true';
  }
  try {
    return localStorage.getItem(MUTE_KEY) === 'true';
  } catch {
    return false;
  }
}

function showMute(button, muted) {
  button.dataset.muted = String(muted);
  button.setAttribute('aria-pressed', String(muted));
  button.textContent = muted ? 'Sound off' : 'Sound on';
  button.title = muted ? 'Alarm sound is muted; click to turn it on' : 'Click to mute the alarm sound';
}

/** The audio context, created and resumed on first use (browsers start it suspended until a click). */
function unlock() {
  const AudioCtx = window.AudioContext || window.webkitAudioContext;
  if (!AudioCtx) {
    return null;
  }
  if (!context) {
    context = new AudioCtx();
  }
  if (context.state === 'suspended') {
    context.resume().catch(() => {});
  }
  return context;
}

/** PCM of the beep, generated once: each tone a sine with a 10 ms fade in and out (no clicks). */
function cueBuffer(ctx) {
  if (buffer) {
    return buffer;
  }
  const total = TONES.reduce((sum, t) => sum + Math.round(t.seconds * SAMPLE_RATE), 0);
  buffer = ctx.createBuffer(1, total, SAMPLE_RATE);
  const data = buffer.getChannelData(0);
  const fade = Math.round(0.01 * SAMPLE_RATE);
  let offset = 0;
  for (const tone of TONES) {
    const length = Math.round(tone.seconds * SAMPLE_RATE);
    for (let i = 0; i < length; i++) {
      const envelope = Math.min(1, i / fade, (length - 1 - i) / fade);
      data[offset + i] = VOLUME * envelope * Math.sin((2 * Math.PI * tone.hz * i) / SAMPLE_RATE);
    }
    offset += length;
  }
  return buffer;
}
