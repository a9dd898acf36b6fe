package dev.docent.it;

import jakarta.annotation.Resource;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;

/**
 * Deployed with the tests only: a plain JMS client that plays the legacy system. Liberty's embedded messaging
 * engine only talks to clients inside Liberty, so the client lives in the server; it uses nothing of Docent's
 * code, only the JMS API and the queue names of the contract.
 */
@Path("test-support/jms")
public class LegacyJmsClientResource {

    @Resource(lookup = "jms/docentConnectionFactory")
    private ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/docentIngestQueue")
    private Queue ingestQueue;

    @Resource(lookup = "jms/docentIngestDeadLetterQueue")
    private Queue deadLetterQueue;

    /**
     * Sends one message: {"text": ...} as a TextMessage or {"bytesBase64": ...} as a BytesMessage, with
     * {"properties": {...}} as string properties. Answers the JMSMessageID.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject send(JsonObject request) {
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Message message;
            if (request.containsKey("bytesBase64")) {
                BytesMessage bytes = context.createBytesMessage();
                bytes.writeBytes(Base64.getDecoder().decode(request.getString("bytesBase64")));
                message = bytes;
            } else {
                message = context.createTextMessage(request.getString("text", ""));
            }
            JsonObject properties = request.getJsonObject("properties");
            if (properties != null) {
                for (String name : properties.keySet()) {
                    message.setStringProperty(name, properties.getString(name));
                }
            }
            context.createProducer().send(ingestQueue, message);
            return Json.createObjectBuilder().add("messageId", message.getJMSMessageID()).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes the dead letter whose original message had this id, waiting up to ten seconds. */
    @GET
    @Path("dead-letters")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject deadLetter(@QueryParam("originalMessageId") String originalMessageId) {
        String selector = "docentOriginalMessageId = '" + originalMessageId.replace("'", "''") + "'";
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer consumer = context.createConsumer(deadLetterQueue, selector)) {
            Message message = consumer.receive(10_000);
            if (message == null) {
                return Json.createObjectBuilder().add("found", false).build();
            }
            JsonObjectBuilder properties = Json.createObjectBuilder();
            for (Object name : Collections.list(message.getPropertyNames())) {
                Object value = message.getObjectProperty((String) name);
                properties.add((String) name, value == null ? "" : value.toString());
            }
            String body = message instanceof TextMessage text ? text.getText()
                    : message instanceof BytesMessage bytes ? readBytes(bytes) : null;
            return Json.createObjectBuilder()
                    .add("found", true)
                    .add("properties", properties)
                    .add("body", body == null ? JsonValue.NULL : Json.createValue(body))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readBytes(BytesMessage message) throws Exception {
        byte[] body = new byte[(int) message.getBodyLength()];
        message.readBytes(body);
        return new String(body, StandardCharsets.UTF_8);
    }
}
