package dev.docent.guard;

/** The query pipeline's first stage: what may go further of a question, and in what form. */
public interface QuestionGuard {

    /**
     * The question as the rest of the pipeline may see it (personal data redacted where the policy says so).
     *
     * @throws dev.docent.web.ApiException 422 when the question is refused
     */
    GuardedQuestion inspect(String question);
}
