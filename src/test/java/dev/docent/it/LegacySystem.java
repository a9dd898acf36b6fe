package dev.docent.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Base64;
import java.util.Map;

/** Drives the test-only JMS client in the server, as a legacy system would put messages on docent.ingest. */
public final class LegacySystem {

    private final Api api;

    public LegacySystem(Api api) {
        this.api = api;
    }

    /** Sends a TextMessage; returns its JMSMessageID. */
    public String sendText(String text, Map<String, String> properties) {
        return send(Json.createObjectBuilder().add("text", text), properties);
    }

    /** Sends a BytesMessage; returns its JMSMessageID. */
    public String sendBytes(byte[] bytes, Map<String, String> properties) {
        return send(Json.createObjectBuilder().add("bytesBase64", Base64.getEncoder().encodeToString(bytes)), properties);
    }

    /** The dead letter of the message with this id, or {"found": false} after ten seconds. */
    public JsonObject deadLetter(String messageId) {
        return api.get("/api/v1/test-support/jms/dead-letters?originalMessageId="
                + java.net.URLEncoder.encode(messageId, java.nio.charset.StandardCharsets.UTF_8)).json();
    }

    private String send(JsonObjectBuilder body, Map<String, String> properties) {
        JsonObjectBuilder props = Json.createObjectBuilder();
        properties.forEach(props::add);
        Api.Reply reply = api.post("/api/v1/test-support/jms", body.add("properties", props).build());
        if (reply.status() != 200) {
            throw new AssertionError("the JMS client answered " + reply);
        }
        return reply.json().getString("messageId");
    }
}
