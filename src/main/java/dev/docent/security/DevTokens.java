package dev.docent.security;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.UUID;

/**
 * Development tokens: RS256 JWTs signed with the key ./docent generated, in the shape the intranet IdP's tokens
 * have (issuer, audience, upn, groups). Used by `./docent token`'s Java twin in the tests and by the development
 * sign-in endpoint; production verifies the IdP's tokens and never signs any.
 */
public final class DevTokens {

    private DevTokens() {
    }

    public static String sign(PrivateKey key, String user, Collection<String> groups, String issuer, String audience,
                              Instant expiry) {
        JsonArrayBuilder groupArray = Json.createArrayBuilder();
        groups.forEach(groupArray::add);
        long now = Instant.now().getEpochSecond();
        String payload = Json.createObjectBuilder().add("iss", issuer).add("aud", audience).add("sub", user)
                .add("upn", user).add("groups", groupArray).add("iat", now - 60).add("exp", expiry.getEpochSecond())
                .add("jti", UUID.randomUUID().toString()).build().toString();
        String signingInput = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    /** A PKCS#8 PEM private key, as openssl genpkey writes it. */
    public static PrivateKey readPrivateKey(Path pem) {
        try {
            String body = Files.readString(pem).replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the development key " + pem, e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
