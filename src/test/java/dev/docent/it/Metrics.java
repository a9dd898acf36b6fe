package dev.docent.it;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counters from the test server's /metrics (application scope), as the admin console and a scraper read them. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The counter's value in the series whose labels include {@code label} (say {@code plan="exact"}); 0 before
     * it is first counted.
     */
    public static long counter(String name, String label) {
        String metrics = Api.anonymous().get("/metrics?scope=application").body();
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label)
                + "[^}]*\\}\\s+(\\S+)").matcher(metrics);
        return value.find() ? (long) Double.parseDouble(value.group(1)) : 0;
    }

    /** A counter without labels of its own. */
    public static long counter(String name) {
        return counter(name, "");
    }
}
