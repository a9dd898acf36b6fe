package dev.docent.ingest;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules every ingestion request obeys, whether it came over REST or JMS. */
public final class IngestValidation {

    public static final int MAX_EXTERNAL_ID_LENGTH = 512;
    public static final int MAX_TITLE_LENGTH = 500;
    public static final int MAX_TTL_DAYS = 36_500;
    private static final Pattern GROUP = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._:@/-]{0,127}");

    private IngestValidation() {
    }

    /** Comma-separated ACL groups: at least one, each a plain name. */
    public static Set<String> groups(String csv) {
        if (csv == null || csv.isBlank()) {
            throw new InvalidIngestException("groups is required: the comma-separated ACL groups that may read the document.");
        }
        Set<String> groups = new LinkedHashSet<>();
        for (String raw : Arrays.asList(csv.split(","))) {
            String group = raw.strip();
            if (group.isEmpty()) {
                continue;
            }
            if (!GROUP.matcher(group).matches()) {
                throw new InvalidIngestException("Invalid group name '" + abbreviate(group)
                        + "': letters, digits, space and . _ : @ / - only, up to 128 characters.");
            }
            groups.add(group);
        }
        if (groups.isEmpty()) {
            throw new InvalidIngestException("groups is required: the comma-separated ACL groups that may read the document.");
        }
        return groups;
    }

    public static Integer ttlDays(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int days = Integer.parseInt(value.strip());
            if (days < 1 || days > MAX_TTL_DAYS) {
                throw new InvalidIngestException("ttlDays must be between 1 and " + MAX_TTL_DAYS + ".");
            }
            return days;
        } catch (NumberFormatException e) {
            throw new InvalidIngestException("ttlDays must be a whole number of days.");
        }
    }

    public static String externalId(String value, String fallback) {
        String id = value == null || value.isBlank() ? fallback : value.strip();
        if (id == null || id.isBlank()) {
            throw new InvalidIngestException("externalId is required when the file has no name.");
        }
        if (id.length() > MAX_EXTERNAL_ID_LENGTH) {
            throw new InvalidIngestException("externalId is longer than " + MAX_EXTERNAL_ID_LENGTH + " characters.");
        }
        return id;
    }

    public static String title(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String title = value.strip();
        if (title.length() > MAX_TITLE_LENGTH) {
            throw new InvalidIngestException("title is longer than " + MAX_TITLE_LENGTH + " characters.");
        }
        return title;
    }

    public static String collection(String value, String defaultCollection) {
        return value == null || value.isBlank() ? defaultCollection : value.strip();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
