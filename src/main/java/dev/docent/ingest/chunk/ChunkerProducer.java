package dev.docent.ingest.chunk;

import dev.docent.embed.TokenCounter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The chunker, sized by configuration in the embedding model's tokens (its window is 512). */
@ApplicationScoped
public class ChunkerProducer {

    // Dependent: Chunker is an immutable value without a no-argument constructor, so it cannot be proxied.
    @Produces
    Chunker chunker(TokenCounter tokens,
                    @ConfigProperty(name = "docent.chunk.max-tokens", defaultValue = "350") int maxTokens,
                    @ConfigProperty(name = "docent.chunk.overlap-tokens", defaultValue = "50") int overlapTokens) {
        return new Chunker(tokens, maxTokens, overlapTokens);
    }
}
