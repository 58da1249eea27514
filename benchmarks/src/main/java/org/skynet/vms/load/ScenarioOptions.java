package org.skynet.vms.load;

/** The {@code --name value} options of a scenario's command line; a value that is not a number names the option. */
final class ScenarioOptions {
    private ScenarioOptions() {
    }

    /** The value after {@code name}, or {@code fallback} when the option is not given. */
    static String stringOption(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static int intOption(String[] args, String name, int fallback) {
        String value = stringOption(args, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
