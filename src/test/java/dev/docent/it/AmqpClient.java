package dev.docent.it;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.Map;
import org.apache.qpid.jms.JmsConnectionFactory;

/** A legacy system that speaks AMQP 1.0 to the broker through Apache Qpid JMS: no Liberty, no Artemis client. */
public final class AmqpClient implements AutoCloseable {

    private final JMSContext context;

    private AmqpClient(JMSContext context) {
        this.context = context;
    }

    public static AmqpClient connect() {
        JmsConnectionFactory factory = new JmsConnectionFactory(Broker.user(), Broker.password(),
                "amqp://" + Broker.host() + ":" + Broker.amqpPort());
        return new AmqpClient(factory.createContext(JMSContext.AUTO_ACKNOWLEDGE));
    }

    /** A persistent TextMessage on docent.ingest with these string properties and correlation id. */
    public void sendText(String text, Map<String, String> properties, String correlationId) {
        try {
            TextMessage message = context.createTextMessage(text);
            for (Map.Entry<String, String> property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            message.setJMSCorrelationID(correlationId);
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT)
                    .send(context.createQueue(Broker.INGEST), message);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes the message with this correlation id off a queue, or null after the timeout. */
    public Message receive(String queue, String correlationId, long timeoutMillis) {
        try (JMSConsumer consumer = context.createConsumer(context.createQueue(queue),
                "JMSCorrelationID = '" + correlationId.replace("'", "''") + "'")) {
            return consumer.receive(timeoutMillis);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
