package dev.panels.emulator.common;

/**
 * Emulator settings come from a system property {@code <prefix>.<name>} or else the environment variable
 * {@code <PREFIX>_<NAME>} (dots and dashes become underscores), so the same names work in tests and shells.
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    public static String get(String prefix, String name, String fallback) {
        String property = System.getProperty(prefix + "." + name);
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv(envName(prefix, name));
        return env != null && !env.isBlank() ? env : fallback;
    }

    public static int getInt(String prefix, String name, int fallback) {
        String value = get(prefix, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + "." + name + " must be a whole number, got '" + value + "'");
        }
    }

    static String envName(String prefix, String name) {
        return (prefix + "_" + name).toUpperCase().replace('-', '_').replace('.', '_');
    }
}
