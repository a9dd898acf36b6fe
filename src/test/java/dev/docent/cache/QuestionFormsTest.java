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

    @Test
    void oppositesCountInEveryInflection() {
        assertThat(QuestionForms.samePolarity("Cold exposure increases BAT recruitment.",
                "Cold exposure decreases BAT recruitment.")).isFalse();
        assertThat(QuestionForms.samePolarity("Does cold exposure increase BAT recruitment?",
                "Cold exposure increases BAT recruitment?")).isTrue();
        assertThat(QuestionForms.samePolarity("Who enables the firewall rule?", "Who disabled the firewall rule?"))
                .isFalse();
        assertThat(QuestionForms.samePolarity("Who enables the firewall rule?", "Who enabled the firewall rule?"))
                .isTrue();
        assertThat(QuestionForms.samePolarity("Why was the request rejected?", "Why do requests get rejected?"))
                .isTrue();
    }

    /** Claim and counter-claim pairs from SciFact's test queries that sit at 0.93-0.99 similarity. */
    @Test
    void directionAndEffectWordsAreDifferences() {
        assertThat(QuestionForms.samePolarity("Cold exposure increases BAT recruitment.",
                "Cold exposure reduces BAT recruitment.")).isFalse();
        assertThat(QuestionForms.samePolarity("CX3CR1 on the Th2 cells promotes airway inflammation.",
                "CX3CR1 on the Th2 cells suppresses airway inflammation.")).isFalse();
        assertThat(QuestionForms.samePolarity("CX3CR1 on the Th2 cells impairs T cell survival",
                "CX3CR1 on the Th2 cells promotes T cell survival")).isFalse();
        assertThat(QuestionForms.samePolarity("PPAR-RXRs are inhibited by PPAR ligands.",
                "PPAR-RXRs can be activated by PPAR ligands.")).isFalse();
        assertThat(QuestionForms.samePolarity("UCB T cells maintain high TCR diversity after transplantation.",
                "UCB T cells reduce TCR diversity after transplantation.")).isFalse();
        assertThat(QuestionForms.samePolarity("Ly6C hi monocytes have a lower inflammatory capacity compared to "
                + "their Ly6C lo counterparts.", "Ly6C hi monocytes have a lower inflammatory capacity than Ly6C lo "
                + "monocytes.")).isTrue();
    }

    @Test
    void namesMustAppearInBothQuestions() {
        assertThat(QuestionForms.samePolarity("What are the opening hours of the Munich office?",
                "What are the opening hours of the Berlin office?")).isFalse();
        assertThat(QuestionForms.samePolarity("How do I install the VPN client on iOS?",
                "How do I install the VPN client on Android?")).isFalse();
        assertThat(QuestionForms.samePolarity("How do I reset my Okta password?", "how do i reset my okta password"))
                .isTrue();
        assertThat(QuestionForms.samePolarity("Where is the Berlin office? I'm new.", "Where's our Berlin office?"))
                .isTrue();
    }

    @Test
    void theUsualSideOfAPairNeedNotBeRepeated() {
        assertThat(QuestionForms.samePolarity("What is on the onboarding checklist?",
                "What does the onboarding checklist include?")).isTrue();
        assertThat(QuestionForms.samePolarity("How do I install the VPN client?", "How do I set up the VPN client?"))
                .isTrue();
        assertThat(QuestionForms.samePolarity("How do I install the VPN client?",
                "How do I uninstall the VPN client?")).isFalse();
        assertThat(QuestionForms.samePolarity("How do I turn on dark mode?", "How do I turn off dark mode?"))
                .isFalse();
    }

    @Test
    void aComparisonTurnedAroundIsADifference() {
        assertThat(QuestionForms.samePolarity("Arterioles have a larger lumen diameter than venules.",
                "Venules have a larger lumen diameter than arterioles.")).isFalse();
        assertThat(QuestionForms.samePolarity("Is the Munich office bigger than the Berlin office?",
                "Is the Munich office bigger than the Berlin one?")).isTrue();
        assertThat(QuestionForms.samePolarity("Is the Munich office bigger than the Berlin office?",
                "Is the Berlin office bigger than the Munich office?")).isFalse();
    }
}
