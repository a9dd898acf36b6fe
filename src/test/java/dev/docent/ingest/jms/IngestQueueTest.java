package dev.docent.ingest.jms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IngestQueueTest {

    @Test
    void aDeadLetterKeepsTheSendersPropertiesAndDropsTheProvidersAndTheProtocols() {
        assertThat(IngestQueue.isSendersOwn("docentExternalId")).isTrue();
        assertThat(IngestQueue.isSendersOwn("tenant_id")).isTrue();
        assertThat(IngestQueue.isSendersOwn("JMSXDeliveryCount")).isFalse();
        assertThat(IngestQueue.isSendersOwn("JMS_AMQP_HEADER")).isFalse();
        assertThat(IngestQueue.isSendersOwn("_AMQ_CONTENT_TYPE")).isFalse();
        assertThat(IngestQueue.isSendersOwn("content-length")).isFalse();
        assertThat(IngestQueue.isSendersOwn("x-trace-id")).isFalse();
    }
}
