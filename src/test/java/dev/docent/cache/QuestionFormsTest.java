package dev.docent.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuestionFormsTest {

    @Test
    void normalizesCaseSpacesAndTrailingPunctuation() {
        assertThat(QuestionForms.normalize("  How do I   ENABLE the VPN?!  ")).isEqualTo("how do i enable the vpn");
        assertThat(QuestionForms.hash(QuestionForms.normalize("How do I enable the VPN?")))
                .isEqualTo(QuestionForms.hash(QuestionForms.normalize("how do i enable the vpn")));
    }

    @Test
    void paraphrasesKeepTheirPolarity() {
        assertThat(QuestionForms.samePolarity("How quickly must the on-call engineer answer a page?",
                "How fast does the on-call engineer have to answer pages?")).isTrue();
    }

    @Test
    void negationsOppositesAndNumbersAreDifferences() {
        assertThat(QuestionForms.samePolarity("How do I enable the VPN?", "How do I disable the VPN?")).isFalse();
        assertThat(QuestionForms.samePolarity("Can I bring my dog?", "Can I not bring my dog?")).isFalse();
        assertThat(QuestionForms.samePolarity("Why can't I print?", "Why can I print?")).isFalse();
        assertThat(QuestionForms.samePolarity("When does the cafeteria open?", "When does the cafeteria close?"))
                .isFalse();
        assertThat(QuestionForms.samePolarity("What was the budget in 2023?", "What was the budget in 2024?"))
                .isFalse();
        assertThat(QuestionForms.samePolarity("What is the maximum upload size?", "What is the minimum upload size?"))
                .isFalse();
    }
}
