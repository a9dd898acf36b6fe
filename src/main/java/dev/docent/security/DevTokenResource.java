package dev.docent.security;

import dev.docent.web.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * POST /dev/token: the chat page's sign-in in development. It exists only where {@code docent.dev.tokens.enabled}
 * is true (./docent start on a developer's machine, the tests); anywhere else it is a 404, and the page signs in
 * with the intranet IdP's token instead.
 */
@Path("dev/token")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DevTokenResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    /** The sign-in form: a user name, ACL groups, and whether to add the admin role. */
    public record SignIn(String user, List<String> groups, Boolean admin) {
    }

    private final boolean enabled;
    private final Optional<String> privateKey;
    private final String issuer;
    private final String audience;

    @Inject
    public DevTokenResource(@ConfigProperty(name = "docent.dev.tokens.enabled", defaultValue = "false") boolean enabled,
                            @ConfigProperty(name = "docent.dev.jwt.private-key") Optional<String> privateKey,
                            @ConfigProperty(name = "docent.jwt.issuer", defaultValue = "https://docent.dev/issuer")
                            String issuer,
                            @ConfigProperty(name = "docent.jwt.audience", defaultValue = "docent") String audience) {
        this.enabled = enabled;
        this.privateKey = privateKey;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** For CDI's client proxy only. */
    protected DevTokenResource() {
        this(false, Optional.empty(), "", "");
    }

    @POST
    @Public
    public Map<String, String> signIn(SignIn request) {
        if (!enabled || privateKey.isEmpty()) {
            throw ApiException.notFound("Resource");
        }
        if (request == null || request.user() == null || !NAME.matcher(request.user()).matches()) {
            throw ApiException.badRequest("user is required: letters, digits and . _ @ - (at most 64).");
        }
        TreeSet<String> groups = new TreeSet<>();
        for (String group : request.groups() == null ? List.<String>of() : request.groups()) {
            String trimmed = group == null ? "" : group.strip();
            if (!NAME.matcher(trimmed).matches()) {
                throw ApiException.badRequest("Each group is letters, digits and . _ @ - (at most 64).");
            }
            groups.add(trimmed);
        }
        if (groups.isEmpty()) {
            throw ApiException.badRequest("At least one group is required.");
        }
        if (Boolean.TRUE.equals(request.admin())) {
            groups.add("admin");
        }
        String token = DevTokens.sign(DevTokens.readPrivateKey(java.nio.file.Path.of(privateKey.get())),
                request.user(), groups, issuer, audience, Instant.now().plus(Duration.ofHours(8)));
        return Map.of("token", token, "user", request.user());
    }
}
