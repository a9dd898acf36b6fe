package dev.docent.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.embed.WordEmbedder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddingQueryRouterTest {

    private final EmbeddingQueryRouter router = new EmbeddingQueryRouter(null, null, 0.05, 2);

    @Test
    void picksTheCollectionClosestInContentOrDescription() {
        Map<Long, CollectionProfiles.Profile> profiles = Map.of(
                1L, new CollectionProfiles.Profile(1, WordEmbedder.vector("vacation leave holidays parental"), null),
                2L, new CollectionProfiles.Profile(2, null, WordEmbedder.vector("laptops passwords network access")),
                3L, new CollectionProfiles.Profile(3, WordEmbedder.vector("cafeteria lunch menu"), null));

        assertThat(router.closest(WordEmbedder.vector("vacation holidays"), List.of(1L, 2L, 3L), profiles))
                .containsExactly(1L);
        assertThat(router.closest(WordEmbedder.vector("network passwords"), List.of(1L, 2L, 3L), profiles))
                .containsExactly(2L);
    }

    @Test
    void keepsCloseRunnersUpUpToTheLimit() {
        float[] same = WordEmbedder.vector("policy handbook rules");
        Map<Long, CollectionProfiles.Profile> profiles = Map.of(
                1L, new CollectionProfiles.Profile(1, same, null),
                2L, new CollectionProfiles.Profile(2, same, null),
                3L, new CollectionProfiles.Profile(3, same, null));

        assertThat(router.closest(same, List.of(1L, 2L, 3L), profiles)).hasSize(2);
    }

    @Test
    void withoutProfilesItSearchesEverythingReadable() {
        assertThat(router.closest(WordEmbedder.vector("anything"), List.of(4L, 5L), Map.of())).containsExactly(4L, 5L);
    }

    @Test
    void onlyReadableCollectionsAreConsidered() {
        Map<Long, CollectionProfiles.Profile> profiles = Map.of(
                1L, new CollectionProfiles.Profile(1, WordEmbedder.vector("secret merger plans"), null),
                2L, new CollectionProfiles.Profile(2, WordEmbedder.vector("cafeteria lunch"), null));

        assertThat(router.closest(WordEmbedder.vector("secret merger plans"), List.of(2L), profiles))
                .containsExactly(2L);
    }

    @Test
    void aReadableCollectionNewerThanTheProfilesIsSearchedBesideTheClosest() {
        Map<Long, CollectionProfiles.Profile> profiles = Map.of(
                1L, new CollectionProfiles.Profile(1, WordEmbedder.vector("vacation leave holidays"), null),
                2L, new CollectionProfiles.Profile(2, WordEmbedder.vector("laptops passwords network"), null),
                3L, new CollectionProfiles.Profile(3, null, null));

        // 3 was loaded before its first passages, 4 not at all; the caller holds passages in both.
        assertThat(router.closest(WordEmbedder.vector("vacation holidays"), List.of(1L, 2L, 3L, 4L), profiles))
                .containsExactly(1L, 3L, 4L);
    }
}
