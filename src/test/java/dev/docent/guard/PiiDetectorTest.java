package dev.docent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PiiDetectorTest {

    @Test
    void findsEveryKindInTheCorpus() {
        GuardrailCorpus.VALUES.forEach((type, values) -> values.forEach(value -> {
            String text = "Please check " + value + " today.";
            List<PiiMatch> found = PiiDetector.find(text);
            assertThat(found).as(value).hasSize(1);
            assertThat(found.get(0).type()).as(value).isEqualTo(type);
            assertThat(found.get(0).in(text)).as(value).isEqualTo(value);
        }));
    }

    @Test
    void leavesLookAlikesAlone() {
        GuardrailCorpus.LOOK_ALIKES.forEach(text -> assertThat(PiiDetector.find(text)).as(text).isEmpty());
    }

    @Test
    void findsASecretAfterItsName() {
        String text = "my password: Hunter2Secret! and api_key=abc123def456";
        assertThat(PiiDetector.find(text)).extracting(m -> m.in(text)).containsExactly("Hunter2Secret!", "abc123def456");
    }

    @Test
    void checksTheChecksumsOfCardsAndIbans() {
        assertThat(PiiDetector.luhn("4111111111111111")).isTrue();
        assertThat(PiiDetector.luhn("4111111111111112")).isFalse();
        assertThat(PiiDetector.luhn("0000000000000000")).isFalse();
        assertThat(PiiDetector.validIban("DE89370400440532013000")).isTrue();
        assertThat(PiiDetector.validIban("DE89370400440532013001")).isFalse();
    }

    @Test
    void reportsMatchesInOrderWithoutOverlaps() {
        String text = "Mail jane.doe@example.com or call +49 30 1234567 from 10.0.0.1";
        assertThat(PiiDetector.find(text)).extracting(PiiMatch::type)
                .containsExactly(PiiType.EMAIL, PiiType.PHONE, PiiType.IP_ADDRESS);
    }
}
