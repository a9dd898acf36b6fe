package dev.docent.ingest.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.docent.ingest.InvalidIngestException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JMS contract, read from messages made by hand (the broker itself is exercised by JmsIngestionIT). */
class LegacyMessageReaderTest {

    @Test
    void anUpsertTextMessage() throws JMSException {
        TextMessage message = text("Hello world", Map.of(
                "docentCollection", "policies", "docentGroups", "hr, legal", "docentExternalId", "dms-1",
                "docentTitle", "Greeting", "docentTtlDays", "30"));

        LegacyMessageReader.LegacyCommand command = LegacyMessageReader.read(message, "general", 1000);

        assertThat(command.delete()).isFalse();
        assertThat(command.request().collection()).isEqualTo("policies");
        assertThat(command.request().groups()).containsExactlyInAnyOrder("hr", "legal");
        assertThat(command.request().externalId()).isEqualTo("dms-1");
        assertThat(command.request().title()).isEqualTo("Greeting");
        assertThat(command.request().ttlDays()).isEqualTo(30);
        assertThat(new String(command.content(), StandardCharsets.UTF_8)).isEqualTo("Hello world");
        assertThat(command.fileName()).isEqualTo("message.txt");
    }

    @Test
    void theDeclaredContentTypeNamesTheFile() throws JMSException {
        TextMessage message = text("# Title", Map.of("docentGroups", "hr", "docentExternalId", "x",
                "docentContentType", "text/markdown; charset=utf-8"));

        assertThat(LegacyMessageReader.read(message, "general", 1000).fileName()).isEqualTo("message.md");
        assertThat(LegacyMessageReader.read(message, "general", 1000).request().collection()).isEqualTo("general");
    }

    @Test
    void aDeleteNeedsOnlyTheExternalId() throws JMSException {
        TextMessage message = text(null, Map.of("docentExternalId", "dms-1", "docentAction", "DELETE"));

        LegacyMessageReader.LegacyCommand command = LegacyMessageReader.read(message, "general", 1000);

        assertThat(command.delete()).isTrue();
        assertThat(command.request().externalId()).isEqualTo("dms-1");
    }

    @Test
    void refusesWhatCanNeverBeProcessed() throws JMSException {
        assertRefused(text("x", Map.of("docentGroups", "hr")), "docentExternalId");
        assertRefused(text("x", Map.of("docentExternalId", "a")), "groups");
        assertRefused(text("", Map.of("docentExternalId", "a", "docentGroups", "hr")), "empty");
        assertRefused(text("x".repeat(11), Map.of("docentExternalId", "a", "docentGroups", "hr")), "limit");
        assertRefused(text("x", Map.of("docentExternalId", "a", "docentGroups", "hr", "docentAction", "merge")), "upsert or delete");
        ObjectMessage object = mock(ObjectMessage.class);
        when(object.propertyExists(anyString())).thenAnswer(i -> Map.of("docentExternalId", "a", "docentGroups", "hr")
                .containsKey(i.getArgument(0, String.class)));
        when(object.getObjectProperty("docentExternalId")).thenReturn("a");
        when(object.getObjectProperty("docentGroups")).thenReturn("hr");
        assertRefused(object, "TextMessage");
    }

    private static void assertRefused(Message message, String reason) {
        assertThatThrownBy(() -> LegacyMessageReader.read(message, "general", 10))
                .isInstanceOf(InvalidIngestException.class)
                .hasMessageContaining(reason);
    }

    private static TextMessage text(String body, Map<String, String> properties) throws JMSException {
        TextMessage message = mock(TextMessage.class);
        when(message.getText()).thenReturn(body);
        when(message.propertyExists(anyString())).thenAnswer(i -> properties.containsKey(i.getArgument(0, String.class)));
        for (Map.Entry<String, String> property : properties.entrySet()) {
            when(message.getObjectProperty(property.getKey())).thenReturn(property.getValue());
        }
        return message;
    }
}
