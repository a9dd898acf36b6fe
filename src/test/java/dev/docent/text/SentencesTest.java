package dev.docent.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void splitsRunningTextIntoTrimmedSentences() {
        assertThat(Sentences.split("First one.  Second one?  Third!  "))
                .containsExactly("First one.", "Second one?", "Third!");
    }

    @Test
    void keepsDecimalNumbersTogether() {
        assertThat(Sentences.split("Version 2.5 is out. Update soon.")).containsExactly("Version 2.5 is out.", "Update soon.");
    }

    @Test
    void hashesAreSha256InHex() {
        assertThat(Hashing.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Hashing.sha256("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(Hashing.sha256("abc"));
    }
}
