package org.skynet.vms.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.console.Browser;

/**
 * The live WebSocket played by Media Source Extensions in headless Chromium, signed in by the session
 * cookie: a video element's currentTime must pass 1.5 s. Skipped when Chromium is absent, or when its
 * build cannot play H.264 in MSE (Debian's may not).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveBrowserIT {
    private static final String PLAY = """
            const done = arguments[arguments.length - 1];
            (async () => {
              if (!window.MediaSource || !MediaSource.isTypeSupported('video/mp4; codecs="avc1.42E01E"')) {
                return done('unsupported');
              }
              const login = await fetch('/api/session', {method: 'POST', headers: {'Content-Type': 'application/json'},
                  body: JSON.stringify({username: 'operator', password: 'operator'})});
              if (login.status !== 200) return done('login ' + login.status);
              const v = document.createElement('video');
              v.muted = true;
              document.body.appendChild(v);
              const ms = new MediaSource();
              v.src = URL.createObjectURL(ms);
              await new Promise(r => ms.addEventListener('sourceopen', r, {once: true}));
              const ws = new WebSocket(`ws://${location.host}/api/cameras/${arguments[0]}/live`);
              ws.binaryType = 'arraybuffer';
              let sb = null;
              const queue = [];
              const pump = () => { if (sb && !sb.updating && queue.length) sb.appendBuffer(queue.shift()); };
              ws.onmessage = e => {
                if (typeof e.data === 'string') {
                  const m = JSON.parse(e.data);
                  if (m.type === 'codec' && !sb) {
                    if (!MediaSource.isTypeSupported(`video/mp4; codecs="${m.codec}"`)) return done('unsupported');
                    sb = ms.addSourceBuffer(`video/mp4; codecs="${m.codec}"`);
                    sb.addEventListener('updateend', () => {
                      if (v.buffered.length && v.currentTime < v.buffered.start(0)) v.currentTime = v.buffered.start(0);
                      v.play().catch(() => {});
                      pump();
                    });
                  }
                  return;
                }
                queue.push(e.data);
                pump();
              };
              const start = performance.now();
              let first = -1;
              const check = () => {
                if (first < 0 && v.currentTime > 0) first = v.currentTime;
                if (first >= 0 && v.currentTime - first > 1.5) { ws.close(); return done('playing'); }
                if (performance.now() - start > 20000) {
                  return done('stuck at ' + v.currentTime + ', buffered ' + (v.buffered.length
                      ? v.buffered.start(0) + '-' + v.buffered.end(0) : 'nothing') + (v.error ? ', ' + v.error.message : ''));
                }
                setTimeout(check, 200);
              };
              check();
            })().catch(e => done('error ' + e));
            """;

    @TempDir
    static Path data;

    @AutoClose
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(data, Map.of("camera-events.enabled", "false", "recorder.fsync", "false"),
                SimConfig.builder(1).eventLoopThreads(1).build());
    }

    @Test
    void chromiumPlaysTheLiveStream() throws Exception {
        server.createCamera(server.login("technician"), "live-web", server.fleet().cameras().get(0));
        try (Browser browser = Browser.start()) {
            browser.open("http://127.0.0.1:" + server.app().port() + "/");
            browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(40));
            Object result = browser.driver().executeAsyncScript(PLAY, "live-web");
            Assumptions.assumeFalse("unsupported".equals(result),
                    "this Chromium cannot play H.264 in Media Source Extensions: browser check skipped");
            browser.screenshot("live-view");
            assertEquals("playing", result);
        }
    }
}
