package dev.docent.it;

/**
 * The Artemis broker that {@code ./docent test} starts ({@code scripts/artemis.sh}): where it listens and the
 * credentials Docent and the legacy systems of the tests use.
 */
public final class Broker {

    public static final String INGEST = "docent.ingest";
    public static final String DEAD_LETTERS = "docent.ingest.dlq";

    private Broker() {
    }

    public static String host() {
        return env("DOCENT_ARTEMIS_HOST", "127.0.0.1");
    }

    public static String user() {
        return env("DOCENT_ARTEMIS_USER", "docent");
    }

    public static String password() {
        return env("DOCENT_ARTEMIS_PASSWORD", "");
    }

    public static int amqpPort() {
        return 5672;
    }

    public static int stompPort() {
        return 61613;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
