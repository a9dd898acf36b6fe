package dev.docent.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Counts word-piece tokens with the embedding model's own tokenizer, without special tokens or truncation. */
@ApplicationScoped
public class BgeTokenCounter implements TokenCounter {

    private volatile HuggingFaceTokenizer tokenizer;

    @Override
    public int count(String text) {
        return tokenizer().encode(text, false, false).getIds().length;
    }

    private HuggingFaceTokenizer tokenizer() {
        HuggingFaceTokenizer current = tokenizer;
        if (current == null) {
            synchronized (this) {
                current = tokenizer;
                if (current == null) {
                    try (InputStream in = BgeSmallModel.resource(BgeSmallModel.TOKENIZER_RESOURCE)) {
                        current = HuggingFaceTokenizer.newInstance(in,
                                Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the tokenizer", e);
                    }
                    tokenizer = current;
                }
            }
        }
        return current;
    }
}
