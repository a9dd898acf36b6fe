package dev.docent.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerSubjectTest {

    private static final String ON_CALL = "How quickly must the on-call engineer answer a page?";
    private static final String ON_CALL_ANSWER =
            "The on-call engineer answers pages within 15 minutes and escalates to the team lead after 30 minutes. [1]";

    @Test
    void aParaphraseRewordsTheQuestionAroundTheSameSubject() {
        String paraphrase = "How fast does the on-call engineer have to answer pages?";

        assertThat(AnswerSubject.kept(ON_CALL, ON_CALL_ANSWER, paraphrase)).isTrue();
        assertThat(AnswerSubject.kept(paraphrase, ON_CALL_ANSWER, ON_CALL)).isTrue();
    }

    @Test
    void aSwappedWordThatTheAnswerRepeatsIsAnotherSubject() {
        // 0.97 apart on bge-small, with the same polarity and no names: only the answer shows what it is about.
        assertThat(AnswerSubject.kept(
                "Who approves purchase orders above ten thousand euros in the marketing department?",
                "In the marketing department, purchase orders above 10,000 euros need the marketing director's "
                        + "approval. [1]",
                "Who approves purchase orders above ten thousand euros in the sales department?")).isFalse();
        assertThat(AnswerSubject.kept("How do I install the printer driver on my office laptop?",
                "Printer drivers are installed from the software center. [1]",
                "How do I install the scanner driver on my office laptop?")).isFalse();
    }

    @Test
    void wordsTheAnswerDoesNotRepeatAndCommonWordsDoNotCount() {
        // "procedure" and "what" are not in the answer; "is", "the" and "for" are in both but common.
        assertThat(AnswerSubject.kept("What is the procedure for rotating API keys?",
                "API keys are rotated in the key vault: create the new key first. [1]",
                "How do I rotate an API key?")).isTrue();
        // Possessives and inflections meet their stems.
        assertThat(AnswerSubject.kept("Where do I hand in a doctor's note?", "Doctors' notes go to HR. [1]",
                "Where do I hand in a doctor note?")).isTrue();
    }
}
