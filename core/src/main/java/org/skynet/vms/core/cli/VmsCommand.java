package org.skynet.vms.core.cli;

import org.skynet.vms.errors.VmsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vms} command line. Exit codes: 0 success or check passed, 1 check failed, 2 bad usage
 * or bad input (with a message that names the problem).
 */
@Command(name = "vms", mixinStandardHelpOptions = true, version = "Skynet VMS",
        description = "Skynet video-surveillance management server.",
        subcommands = {ServeCommand.class, DemoCommand.class, SimCommand.class, CoverageCommand.class, OnboardCommand.class,
                RecordCommand.class, AuditCommand.class, KeysCommand.class,
                VerifyExportCommand.class, RecorderCommand.class})
public final class VmsCommand implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_CHECK_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (used by tests without exiting the JVM). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new VmsCommand());
        cl.setExitCodeExceptionMapper(t -> EXIT_USAGE);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof VmsException ve) {
                commandLine.getErr().println("vms: " + ve.getMessage());
                return ve.kind().isRetriable() ? EXIT_CHECK_FAILED : EXIT_USAGE;
            }
            throw e;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("vms: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return EXIT_USAGE;
        });
        return cl.execute(args);
    }
}
