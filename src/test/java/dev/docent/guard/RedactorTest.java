package dev.docent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void replacesEachValueWithAStablePlaceholder() {
        Redactor redactor = new Redactor(EnumSet.allOf(PiiType.class));

        String question = redactor.redact("Is jane.doe@example.com the owner? Ask jane.doe@example.com or bob@example.com.");
        String context = redactor.redact("Owner: jane.doe@example.com, phone +49 30 1234567.");

        assertThat(question).isEqualTo("Is [EMAIL_1] the owner? Ask [EMAIL_1] or [EMAIL_2].");
        assertThat(context).isEqualTo("Owner: [EMAIL_1], phone [PHONE_1].");
        assertThat(redactor.replaced()).isEqualTo(3);
    }

    @Test
    void onlyTheChosenKindsAreReplaced() {
        Redactor redactor = new Redactor(Set.of(PiiType.EMAIL));

        assertThat(redactor.redact("jane.doe@example.com from 192.168.10.25"))
                .isEqualTo("[EMAIL_1] from 192.168.10.25");
    }

    @Test
    void noCorpusValueSurvivesRedaction() {
        Redactor redactor = new Redactor(EnumSet.allOf(PiiType.class));
        GuardrailCorpus.VALUES.values().forEach(values -> values.forEach(value ->
                assertThat(redactor.redact("x " + value + " y")).doesNotContain(value)));
    }
}
