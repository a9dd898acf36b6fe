package dev.docent.security;

import dev.docent.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Makes the verified token's subject and groups available as a {@link Caller}. */
@ApplicationScoped
public class CallerProducer {

    private final JsonWebToken token;

    @Inject
    public CallerProducer(JsonWebToken token) {
        this.token = token;
    }

    /** For CDI's client proxy only. */
    protected CallerProducer() {
        this(null);
    }

    @Produces
    public Caller caller() {
        if (token == null || token.getRawToken() == null || token.getName() == null) {
            throw ApiException.unauthorized("A valid bearer token is required.");
        }
        Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
        return Caller.of(token.getName(), groups);
    }
}
