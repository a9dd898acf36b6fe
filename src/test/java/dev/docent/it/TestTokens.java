package dev.docent.it;

import dev.docent.security.DevTokens;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Signs JWTs with the development key that ./docent made, as `./docent token` does. */
public final class TestTokens {

    private static final String ISSUER = "https://docent.dev/issuer";
    private static final String AUDIENCE = "docent";

    private TestTokens() {
    }

    public static String token(String user, String... groups) {
        return sign(user, List.of(groups), ISSUER, Instant.now().plusSeconds(3600));
    }

    public static String expiredToken(String user, String... groups) {
        return sign(user, List.of(groups), ISSUER, Instant.now().minusSeconds(3600));
    }

    public static String tokenFromOtherIssuer(String user, String... groups) {
        return sign(user, List.of(groups), "https://elsewhere.example/issuer", Instant.now().plusSeconds(3600));
    }

    static String sign(String user, List<String> groups, String issuer, Instant expiry) {
        Path key = Path.of(System.getProperty("docent.it.jwt.private-key", ".docent/keys/dev-private.pem"));
        return DevTokens.sign(DevTokens.readPrivateKey(key), user, groups, issuer, AUDIENCE, expiry);
    }
}
