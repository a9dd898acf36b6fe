package dev.docent.answer.llm;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens when the provider does not report them: with OpenAI's cl100k_base (JTokkit), exact for GPT-3.5/4
 * class models and a close estimate for other models' tokenizers.
 */
final class TokenCounts {

    private static final Encoding CL100K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    /** OpenAI's per-message overhead in chat requests. */
    private static final int PER_MESSAGE = 4;

    private TokenCounts() {
    }

    static int count(String text) {
        return CL100K.countTokens(text);
    }

    static int chat(String... messages) {
        int total = 3;
        for (String message : messages) {
            total += PER_MESSAGE + count(message);
        }
        return total;
    }
}
