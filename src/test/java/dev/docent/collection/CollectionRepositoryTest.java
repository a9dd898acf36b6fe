package dev.docent.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.docent.store.DatabaseUnavailableException;
import dev.docent.web.ApiException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Collection names to ids: looked up once, remembered after (collections are never renamed or removed). */
class CollectionRepositoryTest {

    private final EntityManager em = mock(EntityManager.class);
    @SuppressWarnings("unchecked")
    private final TypedQuery<DocumentCollection> byName = mock(TypedQuery.class);
    private final DocumentCollection general = mock(DocumentCollection.class);
    private final CollectionRepository repository = new CollectionRepository(em);

    @BeforeEach
    void setUp() {
        when(em.createQuery(anyString(), eq(DocumentCollection.class))).thenReturn(byName);
        when(byName.setParameter(anyString(), any())).thenReturn(byName);
        when(general.id()).thenReturn(7L);
    }

    @Test
    void anIdFoundOnceIsNotLookedUpAgain() {
        when(byName.getResultStream()).thenAnswer(call -> Stream.of(general));

        assertThat(repository.idsOf(List.of("general"))).containsExactly(7L);
        assertThat(repository.idsOf(List.of("general", "general"))).containsExactly(7L, 7L);

        verify(em, times(1)).createQuery(anyString(), eq(DocumentCollection.class));
    }

    @Test
    void anUnknownNameIsNotFoundAndNotRemembered() {
        when(byName.getResultStream()).thenAnswer(call -> Stream.empty());

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> repository.idsOf(List.of("nowhere")))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404))
                    .hasMessageContaining("nowhere");
        }
        // Asked both times: a collection created in the meantime (by this instance or another) is found.
        verify(em, times(2)).createQuery(anyString(), eq(DocumentCollection.class));
    }

    @Test
    void knownIdsAreServedWhileTheDatabaseIsAway() {
        when(byName.getResultStream()).thenAnswer(call -> Stream.of(general))
                .thenThrow(new PersistenceException("connection refused"));

        assertThat(repository.idsOf(List.of("general"))).containsExactly(7L);
        assertThat(repository.idsOf(List.of("general"))).containsExactly(7L);
        assertThatThrownBy(() -> repository.idsOf(List.of("other")))
                .isInstanceOf(DatabaseUnavailableException.class);
    }
}
