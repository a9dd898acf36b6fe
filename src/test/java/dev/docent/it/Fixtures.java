package dev.docent.it;

import java.util.UUID;

/** Documents and names the integration tests share; each run uses fresh group names so tests never collide. */
public final class Fixtures {

    public static final String HANDBOOK = """
            # Engineering handbook

            ## On-call

            The on-call engineer answers pages within 15 minutes. Escalate to the team lead after 30 minutes
            without a resolution. Rotations change every Monday at 10:00 CET.

            ## Deployments

            Production deployments happen on Tuesdays and Thursdays. A deployment needs two approvals in the merge
            request. Rollbacks use the deploy tool's revert command and are announced in the operations channel.
            """;

    public static final String VACATION_POLICY = """
            # Vacation policy

            Every employee receives 30 days of paid vacation per calendar year. Vacation requests are submitted in
            the HR portal at least two weeks before the first day off. Unused vacation days expire on March 31 of
            the following year.

            ## Parental leave

            Parents may take up to 24 months of parental leave. The HR team must be informed eight weeks before
            the leave starts.
            """;

    private Fixtures() {
    }

    /** A user name no other test uses (documents are known by uploader and file name). */
    public static String user(String prefix) {
        return group(prefix);
    }

    /** A group name no other test uses. */
    public static String group(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
