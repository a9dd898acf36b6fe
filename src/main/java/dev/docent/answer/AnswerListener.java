package dev.docent.answer;

import dev.docent.search.SearchHit;
import java.util.List;
import java.util.UUID;

/** Receives an answer as it is made: what it rests on first, then its tokens, then the summary. */
public interface AnswerListener {

    void onMeta(UUID queryId, List<SearchHit> sources, String route);

    void onToken(String token);

    void onDone(AnswerResult result);

    /** Nothing more will come; the answer failed. */
    void onError(String error, String message);

    AnswerListener NONE = new AnswerListener() {
        @Override
        public void onMeta(UUID queryId, List<SearchHit> sources, String route) {
        }

        @Override
        public void onToken(String token) {
        }

        @Override
        public void onDone(AnswerResult result) {
        }

        @Override
        public void onError(String error, String message) {
        }
    };
}
