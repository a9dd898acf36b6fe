package dev.docent.web;

/**
 * Whole-number query parameters, read by hand: JAX-RS answers a parameter it cannot convert with 404, where the
 * caller deserves a 400 that names the parameter.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static int integer(String value, int fallback, String name, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name + " must be a whole number between " + min + " and " + max + ".");
    }
}
