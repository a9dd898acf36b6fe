package dev.docent.answer.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CitationsTest {

    @Test
    void anAnswerCitingExistingPassagesIsGrounded() {
        assertThat(Citations.grounded("Deployments are on Tuesdays [1] and need two approvals [2][3].", 3)).isTrue();
    }

    @Test
    void anAnswerWithoutCitationsOrWithInventedOnesIsNot() {
        assertThat(Citations.grounded("Deployments are on Tuesdays.", 3)).isFalse();
        assertThat(Citations.grounded("Deployments are on Tuesdays [4].", 3)).isFalse();
        assertThat(Citations.grounded("See [0].", 3)).isFalse();
    }
}
