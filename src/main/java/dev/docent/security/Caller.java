package dev.docent.security;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is asking: the user name and the ACL groups from the token. Immutable, so that it can travel with a query to
 * another thread (streaming, parallel retrieval) where no request scope exists.
 */
public record Caller(String user, Set<String> groups, boolean admin) {

    public static final String ADMIN_GROUP = "admin";

    public Caller {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("a caller has a user name");
        }
        groups = Set.copyOf(new TreeSet<>(groups));
    }

    public static Caller of(String user, Set<String> groups) {
        return new Caller(user, groups, groups.contains(ADMIN_GROUP));
    }

    /** The groups as a sorted list, the form the ACL filters bind. */
    public List<String> groupList() {
        return List.copyOf(new TreeSet<>(groups));
    }

    public boolean canRead(Set<String> aclGroups) {
        return aclGroups.stream().anyMatch(groups::contains);
    }
}
