package dev.docent.security;

import dev.docent.web.ApiException;

/** Checks of the caller's role that resources and services share. */
public final class Roles {

    private Roles() {
    }

    public static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw ApiException.forbidden("This needs the admin role.");
        }
    }
}
