package org.skynet.vms.core.app;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.rtsp.EventLoopTransport;
import org.skynet.vms.core.alarms.Alarm;
import org.skynet.vms.core.alarms.AlarmService;
import org.skynet.vms.core.alarms.AlarmSettings;
import org.skynet.vms.core.alarms.AlarmStore;
import org.skynet.vms.core.api.AlarmApi;
import org.skynet.vms.core.api.AuditApi;
import org.skynet.vms.core.api.CameraApi;
import org.skynet.vms.core.api.ClipApi;
import org.skynet.vms.core.cluster.routing.NodeLiveRelays;
import org.skynet.vms.core.cluster.routing.RecordingFiles;
import org.skynet.vms.core.api.CoverageApi;
import org.skynet.vms.core.api.CoverageReportApi;
import org.skynet.vms.core.api.DiscoveryApi;
import org.skynet.vms.core.api.ExportApi;
import org.skynet.vms.core.api.HealthApi;
import org.skynet.vms.core.api.LiveStillApi;
import org.skynet.vms.core.api.MapApi;
import org.skynet.vms.core.api.MonitorApi;
import org.skynet.vms.core.api.NodeApi;
import org.skynet.vms.core.api.PlaceApi;
import org.skynet.vms.core.api.OnboardingApi;
import org.skynet.vms.core.api.PlaybackApi;
import org.skynet.vms.core.api.ViewerApi;
import org.skynet.vms.core.api.RecordingApi;
import org.skynet.vms.core.api.RetentionApi;
import org.skynet.vms.core.api.SessionApi;
import org.skynet.vms.core.api.UptimeApi;
import org.skynet.vms.core.api.UserApi;
import org.skynet.vms.core.api.VersionInfo;
import org.skynet.vms.core.api.WallApi;
import org.skynet.vms.core.audit.AuditExport;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.audit.AuditSearch;
import org.skynet.vms.core.audit.ViewingHistory;
import org.skynet.vms.core.cameraevents.CameraEventSettings;
import org.skynet.vms.core.cameraevents.CameraEventSink;
import org.skynet.vms.core.cameraevents.OnvifEventWatcher;
import org.skynet.vms.core.cameraevents.WatchedCameras;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.coverage.PlaceGeoJson;
import org.skynet.vms.core.db.Database;
import org.skynet.vms.core.db.DbSettings;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.events.EventHub;
import org.skynet.vms.core.events.EventsUpgradeHandler;
import org.skynet.vms.core.exports.ExportService;
import org.skynet.vms.core.exports.ExportStore;
import org.skynet.vms.core.exports.ExportWriter;
import org.skynet.vms.core.exports.SigningKey;
import org.skynet.vms.core.live.LiveService;
import org.skynet.vms.core.live.LiveStills;
import org.skynet.vms.core.live.LiveUpgradeHandler;
import org.skynet.vms.core.map.CoverageFeed;
import org.skynet.vms.core.map.MapSettings;
import org.skynet.vms.core.monitor.MonitorService;
import org.skynet.vms.core.monitor.MonitorSettings;
import org.skynet.vms.core.monitor.WriteBehind;
import org.skynet.vms.core.nodes.NodeDirectory;
import org.skynet.vms.core.nodes.NodeSettings;
import org.skynet.vms.core.nodes.NodeWatch;
import org.skynet.vms.core.places.CoverageService;
import org.skynet.vms.core.places.MonitorLiveStates;
import org.skynet.vms.core.places.PlaceFeatures;
import org.skynet.vms.core.places.PlaceStore;
import org.skynet.vms.core.places.RegistryCameras;
import org.skynet.vms.core.places.report.DailyRateSnapshots;
import org.skynet.vms.core.places.report.RateSnapshots;
import org.skynet.vms.core.places.report.ReportBuilder;
import org.skynet.vms.core.places.report.SignedReports;
import org.skynet.vms.core.onboarding.OnboardingJobs;
import org.skynet.vms.core.onboarding.OnboardingService;
import org.skynet.vms.core.onboarding.OnboardingStore;
import org.skynet.vms.core.recording.JdbcSegmentCatalogue;
import org.skynet.vms.core.recording.ClipFiles;
import org.skynet.vms.core.recording.ClipCatalogueWriter;
import org.skynet.vms.core.recording.RecorderPlacement;
import org.skynet.vms.core.recording.ClipRecovery;
import org.skynet.vms.core.recording.ClipService;
import org.skynet.vms.core.recording.ClipSettings;
import org.skynet.vms.core.recording.ClipStore;
import org.skynet.vms.core.recording.ClipSweeper;
import org.skynet.vms.core.recording.RecordingModes;
import org.skynet.vms.core.recording.RecordingService;
import org.skynet.vms.core.recording.RecordingSettings;
import org.skynet.vms.core.recording.RetentionSettings;
import org.skynet.vms.core.recording.StorageMonitor;
import org.skynet.vms.core.restream.RestreamServer;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.secrets.MasterKey;
import org.skynet.vms.core.secrets.SecretBox;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.server.HttpSettings;
import org.skynet.vms.core.server.VmsServer;
import org.skynet.vms.core.tls.HttpsRedirectServer;
import org.skynet.vms.core.tls.TlsSettings;
import org.skynet.vms.core.users.InitialLogin;
import org.skynet.vms.core.users.LoginThrottle;
import org.skynet.vms.core.users.Logins;
import org.skynet.vms.core.users.PasswordHasher;
import org.skynet.vms.core.users.SessionAuthenticator;
import org.skynet.vms.core.users.SessionTokens;
import org.skynet.vms.core.users.Sessions;
import org.skynet.vms.core.users.UserAdmin;
import org.skynet.vms.core.users.UserBootstrap;
import org.skynet.vms.core.users.UserStore;
import org.skynet.vms.core.wall.WallStore;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.recorder.playback.SegmentFiles;
import org.skynet.vms.recorder.retention.DiskUsage;
import org.skynet.vms.recorder.retention.RetentionSweeper;
import org.skynet.vms.errors.VmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled server: database, stores, API routes and the HTTP server, started in that order and
 * closed in reverse. {@code serve} and {@code demo} differ only in the {@link Mode} they pass.
 */
public final class VmsApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VmsApplication.class);

    /** What the server is started for. */
    public enum Mode {
        SERVE,
        DEMO
    }

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Database database;
    private VmsServer server;
    private AuditLog auditLog;
    private UserStore userStore;
    private CameraRegistry cameraRegistry;
    private MonitorService monitorService;
    private AlarmService alarmService;
    private RecordingService recordingService;
    private LiveService liveService;
    private LiveStills liveStills;
    private ClipService clipService;
    private StorageMonitor storageMonitor;
    private CoverageService coverageService;
    private RestreamServer restreamServer;
    private List<InitialLogin> initialLogins = List.of();
    private boolean tls;

    private VmsApplication() {
    }

    /** Starts everything; on failure, whatever was started is closed again. */
    public static VmsApplication start(VmsConfig config, Mode mode, Clock clock) throws InterruptedException {
        VmsApplication app = new VmsApplication();
        try {
            app.startComponents(config, mode, clock);
            return app;
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
    }

    private void startComponents(VmsConfig config, Mode mode, Clock clock) throws InterruptedException {
        Path dataDir = config.path("data", "./data");
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new VmsException(ErrorKind.INVALID_ARGUMENT, "cannot create data directory " + dataDir + ": " + e, "data", e);
        }
        database = Database.open(DbSettings.from(config, dataDir, config.integer("db.pool-size", 10)));
        closeables.add(database);
        Jdbc jdbc = new Jdbc(database);

        auditLog = new AuditLog(jdbc, clock);
        SecureRandom random = new SecureRandom();
        userStore = new UserStore(jdbc, new PasswordHasher(), clock);
        UserBootstrap bootstrap = new UserBootstrap(userStore, auditLog, random);
        initialLogins = mode == Mode.DEMO ? bootstrap.demoUsers() : bootstrap.firstAdmin();
        Sessions sessions = new Sessions(jdbc, new SessionTokens(random),
                Duration.ofMinutes(config.integer("session.ttl-minutes", 12 * 60)),
                Duration.ofMinutes(config.integer("session.idle-minutes", 30)), clock);
        Optional<TlsSettings> tls = TlsSettings.from(config);
        SessionAuthenticator authenticator = new SessionAuthenticator(sessions);
        ApiRouter router = new ApiRouter(authenticator);
        LoginThrottle throttle = new LoginThrottle(config.integer("session.max-failed-logins", 10),
                Duration.ofMinutes(config.integer("session.failed-login-window-minutes", 5)), 10_000);
        LoginThrottle userThrottle = new LoginThrottle(config.integer("session.max-failed-logins-per-user", 20),
                Duration.ofMinutes(config.integer("session.failed-login-window-minutes", 5)), 10_000);
        new SessionApi(new Logins(userStore, sessions, auditLog, throttle, userThrottle, clock),
                config.bool("session.cookie-secure", tls.isPresent()))
                .register(router);
        new AuditApi(new AuditSearch(jdbc), new AuditExport(jdbc), auditLog).register(router);
        new UserApi(userStore, new UserAdmin(userStore, sessions, auditLog)).register(router);
        new HealthApi(jdbc, clock, mode.name().toLowerCase()).register(router);
        cameraRegistry = new CameraRegistry(jdbc, new SecretBox(MasterKey.load(config, dataDir)), clock);
        new CameraApi(cameraRegistry, auditLog).register(router);
        OnboardingService onboarding = new OnboardingService(config.integer("onboarding.event-loops", 2),
                config.integer("onboarding.decode-threads", 1), clock);
        closeables.add(onboarding);
        new OnboardingApi(onboarding, new OnboardingJobs(clock, config.integer("onboarding.max-running", 64),
                Duration.ofMinutes(10)), new OnboardingStore(jdbc), auditLog, clock, cameraRegistry).register(router);
        new DiscoveryApi(onboarding.discovery()).register(router);
        monitorService = new MonitorService(cameraRegistry, database.dataSource(), MonitorSettings.from(config), clock);
        WriteBehind<Alarm> alarmWriter = new WriteBehind<>("alarms", database.dataSource(), AlarmStore::write,
                Duration.ofMillis(config.integer("monitor.write-interval-millis", 1000)));
        closeables.add(alarmWriter);
        alarmService = new AlarmService(new AlarmStore(database.dataSource()), alarmWriter, AlarmSettings.from(config),
                monitorService::districtOf);
        EventHub events = new EventHub(config.integer("events.queue-capacity", 1000), monitorService::districtOf);
        monitorService.onChange(alarmService::stateChanged);
        monitorService.onChange(events::stateChanged);
        alarmService.onEvent(events::alarmEvent);
        new MonitorApi(monitorService, auditLog).register(router);
        new AlarmApi(alarmService, auditLog, clock).register(router);
        new UptimeApi(monitorService, clock).register(router);
        PlaceStore placeStore = new PlaceStore(jdbc, clock);
        PlaceFeatures placeFeatures = new PlaceFeatures(new PlaceGeoJson());
        CoverageService coverageService = new CoverageService(placeStore, placeFeatures,
                new RegistryCameras(cameraRegistry), new MonitorLiveStates(monitorService.states()));
        this.coverageService = coverageService;
        closeables.add(coverageService);
        monitorService.onChange(change -> coverageService.stateChanged(change.cameraId()));
        new PlaceApi(placeStore, placeFeatures, coverageService, auditLog).register(router);
        new CoverageApi(coverageService).register(router);
        RegistryCameras registryCameras = new RegistryCameras(cameraRegistry);
        CoverageFeed coverageFeed = new CoverageFeed(coverageService, registryCameras, events::publish);
        monitorService.onChange(change -> coverageFeed.stateApplied(change.cameraId()));
        cameraRegistry.onChange(coverageFeed::registryChanged);
        coverageService.onPlacesChanged(coverageFeed::placesChanged);
        new MapApi(MapSettings.from(config), placeStore, coverageService, registryCameras).register(router);
        // This process's registry changes reach coverage through the registry listener at once; the periodic
        // re-read is only for changes made by another process, and reads every camera.
        coverageService.start(config.integer("coverage.camera-refresh-millis", 300_000));
        RateSnapshots rateSnapshots = new RateSnapshots(jdbc);
        new CoverageReportApi(coverageService, new ReportBuilder(registryCameras,
                new MonitorLiveStates(monitorService.states()), id -> monitorService.states().get(id)
                        .map(h -> h.state().name()).orElse("UNKNOWN"), clock),
                new SignedReports(jdbc, clock), rateSnapshots, auditLog, clock).register(router);
        DailyRateSnapshots dailyRates = new DailyRateSnapshots(rateSnapshots, coverageService::snapshot, clock);
        closeables.add(dailyRates);
        dailyRates.start(Duration.ofSeconds(config.integer("coverage.snapshot-start-delay-seconds", 120)),
                Duration.ofSeconds(config.integer("coverage.snapshot-check-seconds", 600)));
        RecordingSettings recordingSettings = RecordingSettings.from(config, dataDir);
        RecordingModes recordingModes = new RecordingModes(jdbc, clock);
        JdbcSegmentCatalogue segmentCatalogue = new JdbcSegmentCatalogue(jdbc);
        RetentionSettings retention = RetentionSettings.from(config);
        Path storageRoot = recordingSettings.storageRoot();
        storageMonitor = new StorageMonitor(new RetentionSweeper(storageRoot, segmentCatalogue, retention.policy(),
                recordingModes::maxAges, () -> DiskUsage.of(storageRoot)), alarmService::storageProblem, clock);
        closeables.add(storageMonitor);
        ClipSettings clipSettings = ClipSettings.from(config, dataDir);
        ClipStore clipStore = new ClipStore(jdbc);
        ClipRecovery.recover(clipStore, clipSettings.root());
        ClipCatalogueWriter clipCatalogue = new ClipCatalogueWriter(clipStore, clipSettings.root());
        closeables.add(clipCatalogue);
        recordingService = RecordingService.start(recordingSettings, cameraRegistry, recordingModes,
                RecorderPlacement.from(config).recordedCameras(), segmentCatalogue,
                clipSettings.clipConfig(recordingSettings.fsync()), clipCatalogue, clock, storageMonitor::watch);
        closeables.add(recordingService);
        storageMonitor.start(retention.sweepInterval());
        new RetentionApi(recordingModes, cameraRegistry, auditLog, retention.policy()).register(router);
        monitorService.watchLiveStreams(recordingService::statuses);
        new RecordingApi(recordingService, cameraRegistry, auditLog, clock).register(router);
        Optional<RecordingFiles> routedFiles = RecordingFiles.fromConfig(config, jdbc);
        SegmentFiles segmentFiles = routedFiles.<SegmentFiles>map(f -> f).orElse(SegmentFiles.LOCAL);
        new PlaybackApi(recordingService::segments, segmentFiles, cameraRegistry, auditLog).register(router);
        new ViewerApi(new ViewingHistory(jdbc), cameraRegistry, clock).register(router);
        clipService = new ClipService(recordingService, cameraRegistry, clipSettings.onAlarm());
        alarmService.onEvent(clipService::alarmEvent);
        new ClipApi(clipService, clipStore, routedFiles.<ClipFiles>map(f -> f).orElse(ClipFiles.LOCAL), cameraRegistry,
                auditLog, clock).register(router);
        closeables.add(new ClipSweeper(clipStore, camera -> recordingModes.maxAgeDays(camera).map(Duration::ofDays)
                .orElse(clipSettings.maxAge()))
                .start(clipSettings.sweepInterval(), clock));
        ExportService exportService = new ExportService(new ExportStore(jdbc), new ExportWriter(recordingService::segments,
                segmentFiles, Duration.ofMinutes(config.integer("exports.part-minutes", 5)), SigningKey.loadOrCreate(dataDir),
                VersionInfo.VERSION), cameraRegistry, auditLog,
                config.path("exports.root", dataDir.resolve("exports").toString()), clock);
        closeables.add(exportService);
        new ExportApi(exportService, auditLog).register(router);
        new WallApi(new WallStore(jdbc), cameraRegistry, clock).register(router);
        NodeSettings nodeSettings = NodeSettings.from(config);
        NodeDirectory nodeDirectory = new NodeDirectory(jdbc);
        new NodeApi(nodeDirectory, nodeSettings).register(router);
        if (nodeSettings.clusterEnabled()) {
            closeables.add(new NodeWatch(nodeDirectory, nodeSettings, alarmService, json -> events.publish(null, json),
                    clock).start());
        }

        String defaultBind = mode == Mode.DEMO ? "127.0.0.1" : "0.0.0.0";
        HttpSettings http = HttpSettings.from(config, defaultBind);
        liveService = new LiveService(recordingService, cameraRegistry,
                config.integer("live.max-queued-bytes", (int) LiveService.DEFAULT_MAX_QUEUED_BYTES), clock);
        closeables.add(liveService);
        liveStills = new LiveStills(recordingService, auditLog, clock,
                Duration.ofSeconds(config.integer("live.still-idle-seconds", (int) LiveStills.DEFAULT_IDLE.toSeconds())),
                config.integer("live.still-max-width", LiveStills.DEFAULT_MAX_WIDTH),
                config.integer("live.still-decode-threads", 1));
        closeables.add(liveStills);
        new LiveStillApi(liveService, liveStills).register(router);
        server = VmsServer.start(http, router, List.of(
                new EventsUpgradeHandler(events, authenticator, command -> server.workers().execute(command)),
                new LiveUpgradeHandler(liveService, NodeLiveRelays.fromConfig(config, jdbc), authenticator, auditLog, clock,
                        command -> server.workers().execute(command))),
                tls.map(TlsSettings::context).orElse(null));
        closeables.add(server);
        if (tls.isPresent() && tls.get().redirectPort() != 0) {
            closeables.add(HttpsRedirectServer.start(server.ioGroup(), http.bindAddress(), tls.get().redirectPort(), server.port()));
        }
        this.tls = tls.isPresent();
        if (config.bool("rtsp.enabled", true)) {
            restreamServer = RestreamServer.start(server.ioGroup(), http.bindAddress(),
                    config.integer("rtsp.port", http.port() == 0 ? 0 : RestreamServer.DEFAULT_PORT), userStore,
                    cameraRegistry, recordingService, auditLog);
            closeables.add(restreamServer);
        }
        closeables.add(monitorService);
        if (config.bool("monitor.enabled", true)) {
            // Probes get their own loops (epoll where it loads): a sweep of a city must not queue behind the API.
            EventLoopGroup probeLoops = new MultiThreadIoEventLoopGroup(config.integer("monitor.io-threads", 2),
                    new DefaultThreadFactory("vms-monitor", true), EventLoopTransport.best().ioHandlerFactory());
            closeables.add(closeables.indexOf(monitorService), () -> probeLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS));
            monitorService.start(probeLoops);
        }
        if (config.bool("camera-events.enabled", true)) {
            OnvifEventWatcher cameraEvents = new OnvifEventWatcher(server.ioGroup(), CameraEventSettings.from(config),
                    clock, ((CameraEventSink) events::cameraEvent)
                            .andThen((cameraId, event) -> clipService.cameraEvent(cameraId, event, clock.instant())));
            closeables.add(cameraEvents);
            cameraEvents.start(new WatchedCameras(new RecordingModes(jdbc, clock), cameraRegistry,
                    WatchedCameras.parseModes(config.string("camera-events.modes", "events"))));
        }
    }

    /** Whether the server speaks HTTPS (and WSS) rather than plain HTTP. */
    public boolean tls() {
        return tls;
    }

    public int port() {
        return server.port();
    }

    /** Port of the RTSP re-stream, or -1 when {@code rtsp.enabled} is false. */
    public int rtspPort() {
        return restreamServer == null ? -1 : restreamServer.port();
    }

    public Database database() {
        return database;
    }

    /** The audit log, for every component that records who changed or watched what. */
    public AuditLog auditLog() {
        return auditLog;
    }

    /** The camera registry (e.g. for {@code demo} to load sample cameras). */
    public CameraRegistry cameraRegistry() {
        return cameraRegistry;
    }

    /** The health monitor (states, maintenance, history). */
    public MonitorService monitorService() {
        return monitorService;
    }

    /** The alarms raised from camera health. */
    public AlarmService alarmService() {
        return alarmService;
    }

    /** Live viewers of every camera. */
    public LiveService liveService() {
        return liveService;
    }

    /** Still pictures of live streams for browsers without the codec. */
    public LiveStills liveStills() {
        return liveStills;
    }

    /** The in-process recorder (modes, ingest state, catalogue). */
    public RecordingService recordingService() {
        return recordingService;
    }

    /**
     * Event clips: {@link ClipService#trigger(String, String, String, java.time.Instant)} is the entry
     * point for every trigger source (API, alarms, ONVIF events).
     */
    public ClipService clipService() {
        return clipService;
    }

    /** Retention and disk-full watch of the recorder's storage root. */
    public StorageMonitor storageMonitor() {
        return storageMonitor;
    }

    /** Coverage of places (e.g. for {@code demo} to load sample places). */
    public CoverageService coverageService() {
        return coverageService;
    }

    public UserStore userStore() {
        return userStore;
    }

    /**
     * The logins to show on the console at start: the generated first admin of {@code serve} (only on
     * the start that created it) or the demo users of {@code demo}; empty otherwise.
     */
    public List<InitialLogin> initialLogins() {
        return initialLogins;
    }

    @Override
    public void close() {
        Shutdown.inReverse(closeables, log);
    }
}
