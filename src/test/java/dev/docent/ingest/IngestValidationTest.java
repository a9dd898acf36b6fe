package dev.docent.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IngestValidationTest {

    @Test
    void groupsAreACommaSeparatedListOfPlainNames() {
        assertThat(IngestValidation.groups(" engineering, hr-berlin ,,team:ops ")).containsExactly("engineering", "hr-berlin", "team:ops");
    }

    @Test
    void atLeastOneGroupIsRequired() {
        assertThatThrownBy(() -> IngestValidation.groups(" , ")).isInstanceOf(InvalidIngestException.class)
                .hasMessageContaining("groups is required");
        assertThatThrownBy(() -> IngestValidation.groups(null)).isInstanceOf(InvalidIngestException.class);
    }

    @Test
    void oddGroupNamesAreRefused() {
        assertThatThrownBy(() -> IngestValidation.groups("ok,{evil}")).isInstanceOf(InvalidIngestException.class)
                .hasMessageContaining("{evil}");
    }

    @Test
    void ttlDaysIsAPositiveWholeNumber() {
        assertThat(IngestValidation.ttlDays(null)).isNull();
        assertThat(IngestValidation.ttlDays(" 30 ")).isEqualTo(30);
        assertThatThrownBy(() -> IngestValidation.ttlDays("0")).isInstanceOf(InvalidIngestException.class);
        assertThatThrownBy(() -> IngestValidation.ttlDays("soon")).isInstanceOf(InvalidIngestException.class);
    }

    @Test
    void theExternalIdDefaultsToTheFileName() {
        assertThat(IngestValidation.externalId(null, "notes.md")).isEqualTo("notes.md");
        assertThat(IngestValidation.externalId(" crm-1 ", "notes.md")).isEqualTo("crm-1");
        assertThatThrownBy(() -> IngestValidation.externalId("", null)).isInstanceOf(InvalidIngestException.class);
        assertThatThrownBy(() -> IngestValidation.externalId("x".repeat(513), null)).isInstanceOf(InvalidIngestException.class);
    }
}
