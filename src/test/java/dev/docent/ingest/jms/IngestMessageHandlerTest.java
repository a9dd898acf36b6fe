package dev.docent.ingest.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.docent.ingest.DocumentIntake;
import dev.docent.ingest.IngestionWorker;
import dev.docent.ingest.InvalidIngestException;
import dev.docent.ingest.JobTransitions;
import dev.docent.ingest.ReceivedMessage;
import dev.docent.store.DatabaseStatus;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fate of a message: consumed, tried again, or moved to the dead-letter queue with its job failed. The
 * collaborators are mocks here; JmsIngestionIT runs the same paths on the real queue and database.
 */
class IngestMessageHandlerTest {

    private static final UUID JOB = UUID.randomUUID();

    private final DocumentIntake intake = mock(DocumentIntake.class);
    private final IngestionWorker worker = mock(IngestionWorker.class);
    private final JobTransitions transitions = mock(JobTransitions.class);
    private final IngestQueue queue = mock(IngestQueue.class);
    private final DatabaseStatus database = mock(DatabaseStatus.class);
    private final IngestMessageHandler handler =
            new IngestMessageHandler(intake, worker, transitions, queue, 3, 1000, "general", database, 0, 10);
    private final TextMessage message = mock(TextMessage.class);

    @BeforeEach
    void anUploadsMessage() throws JMSException {
        when(message.getStringProperty(IngestMessages.JOB_ID)).thenReturn(JOB.toString());
        when(message.getJMSMessageID()).thenReturn("ID:1");
        when(database.check()).thenReturn(true);
    }

    @Test
    void aProcessedMessageIsConsumed() throws JMSException {
        assertThat(handler.handle(message)).isEqualTo(IngestMessageHandler.Outcome.CONSUMED);
        verify(worker).process(JOB);
        verify(queue, never()).deadLetter(any(), anyString(), any());
    }

    @Test
    void aPassingFailureIsTriedAgainWithTheReasonRecorded() throws JMSException {
        doThrow(new IllegalStateException("database restarting")).when(worker).process(JOB);
        when(transitions.attempts(JOB)).thenReturn(1);

        assertThat(handler.handle(message)).isEqualTo(IngestMessageHandler.Outcome.RETRY);
        verify(transitions).attemptFailed(eq(JOB), contains("database restarting"));
        verify(queue, never()).deadLetter(any(), anyString(), any());
    }

    @Test
    void afterTheLastAttemptTheMessageIsADeadLetterAndTheJobFails() throws JMSException {
        doThrow(new IllegalStateException("database restarting")).when(worker).process(JOB);
        when(transitions.attempts(JOB)).thenReturn(3);

        assertThat(handler.handle(message)).isEqualTo(IngestMessageHandler.Outcome.CONSUMED);
        verify(transitions).failed(eq(JOB), contains("after 3 attempts"));
        verify(queue).deadLetter(eq(message), contains("database restarting"), eq(JOB));
    }

    @Test
    void aLegacyMessageThatCannotBecomeAJobCountsTheProvidersDeliveries() throws JMSException {
        when(message.getStringProperty(IngestMessages.JOB_ID)).thenReturn(null);
        when(message.getText()).thenReturn("text");
        when(message.propertyExists(IngestMessages.EXTERNAL_ID)).thenReturn(true);
        when(message.getObjectProperty(IngestMessages.EXTERNAL_ID)).thenReturn("memo-1");
        when(message.propertyExists(IngestMessages.GROUPS)).thenReturn(true);
        when(message.getObjectProperty(IngestMessages.GROUPS)).thenReturn("staff");
        when(intake.acceptMessage(any(), any(), any())).thenThrow(new IllegalStateException("boom"));
        when(message.propertyExists("JMSXDeliveryCount")).thenReturn(true);
        when(message.getIntProperty("JMSXDeliveryCount")).thenReturn(3);
        UUID rejected = UUID.randomUUID();
        when(transitions.rejected(eq(ReceivedMessage.of("ID:1", null)), contains("boom"))).thenReturn(rejected);

        assertThat(handler.handle(message)).isEqualTo(IngestMessageHandler.Outcome.CONSUMED);
        verify(queue).deadLetter(eq(message), contains("boom"), eq(rejected));
    }

    @Test
    void theEnginesLastDeliveryFailsTheJobRatherThanLetTheEngineMoveTheMessageAside() throws JMSException {
        doThrow(new IllegalStateException("lock timeout")).when(worker).process(JOB);
        when(transitions.attempts(JOB)).thenReturn(0);
        when(message.propertyExists("JMSXDeliveryCount")).thenReturn(true);
        when(message.getIntProperty("JMSXDeliveryCount")).thenReturn(10);

        assertThat(handler.handle(message)).isEqualTo(IngestMessageHandler.Outcome.CONSUMED);
        verify(transitions).failed(eq(JOB), contains("lock timeout"));
        verify(queue).deadLetter(eq(message), contains("lock timeout"), eq(JOB));
    }

    @Test
    void aDatabaseOutageIsWaitedOutWithoutCountingATry() throws JMSException {
        doThrow(new IllegalStateException("pool", new SQLException("Connection refused", "08001")))
                .when(worker).process(JOB);
        when(message.propertyExists("JMSXDeliveryCount")).thenReturn(true);
        when(message.getIntProperty("JMSXDeliveryCount")).thenReturn(7);

        assertThat(handler.handle(message)).isEqualTo(IngestMessageHandler.Outcome.RETRY);
        verify(transitions, never()).attemptFailed(any(), anyString());
        verify(transitions, never()).failed(any(), anyString());
        verify(queue, never()).deadLetter(any(), anyString(), any());
    }

    @Test
    void whatCanNeverSucceedIsADeadLetterAtOnce() throws JMSException {
        doThrow(new InvalidIngestException("The document contains no readable text.")).when(worker).process(JOB);

        assertThat(handler.handle(message)).isEqualTo(IngestMessageHandler.Outcome.CONSUMED);
        verify(transitions).failed(JOB, "The document contains no readable text.");
        verify(queue).deadLetter(message, "The document contains no readable text.", JOB);
        verify(transitions, never()).attemptFailed(any(), anyString());
    }

    @Test
    void aMessageThatIsNotEvenARequestGetsAFailedJobOfItsOwn() throws JMSException {
        when(message.getStringProperty(IngestMessages.JOB_ID)).thenReturn(null);
        UUID rejected = UUID.randomUUID();
        when(transitions.rejected(eq(ReceivedMessage.of("ID:1", null)), contains("docentExternalId"))).thenReturn(rejected);

        assertThat(handler.handle(message)).isEqualTo(IngestMessageHandler.Outcome.CONSUMED);
        verify(queue).deadLetter(eq(message), contains("docentExternalId"), eq(rejected));
        verify(worker, never()).process(any());
    }
}
