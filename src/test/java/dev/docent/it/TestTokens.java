package dev.docent.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

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
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String groupsJson = groups.stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(",", "[", "]"));
        long now = Instant.now().getEpochSecond();
        String payload = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + user
                + "\",\"upn\":\"" + user + "\",\"groups\":" + groupsJson + ",\"iat\":" + (now - 60)
                + ",\"exp\":" + expiry.getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static PrivateKey privateKey() throws Exception {
        Path path = Path.of(System.getProperty("docent.it.jwt.private-key", ".docent/keys/dev-private.pem"));
        String pem = Files.readString(path)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
