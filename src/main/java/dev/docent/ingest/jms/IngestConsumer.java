package dev.docent.ingest.jms;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Consumes docent.ingest. The activation spec (queue, concurrency, and the provider: the embedded engine or an
 * external broker's resource adapter) is bound by server configuration; this bean only hands the message on.
 */
@MessageDriven(name = "IngestConsumer", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
public class IngestConsumer implements MessageListener {

    // An MDB needs a no-argument constructor, so it takes its collaborators by field.
    @Inject
    private IngestMessageHandler handler;

    @Resource
    private MessageDrivenContext context;

    @Override
    public void onMessage(Message message) {
        try {
            if (handler.handle(message) == IngestMessageHandler.Outcome.RETRY) {
                context.setRollbackOnly();
            }
        } catch (JMSException e) {
            // The message itself could not be read or moved: let the provider deliver it again.
            throw new IllegalStateException("cannot handle message", e);
        }
    }
}
