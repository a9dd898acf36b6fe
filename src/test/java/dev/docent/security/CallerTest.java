package dev.docent.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void readsADocumentWhenItSharesAGroup() {
        Caller alice = Caller.of("alice", Set.of("engineering", "berlin"));

        assertThat(alice.canRead(Set.of("hr", "berlin"))).isTrue();
        assertThat(alice.canRead(Set.of("hr"))).isFalse();
        assertThat(alice.canRead(Set.of())).isFalse();
    }

    @Test
    void theAdminGroupMakesAnAdmin() {
        assertThat(Caller.of("root", Set.of("admin", "it")).admin()).isTrue();
        assertThat(Caller.of("alice", Set.of("it")).admin()).isFalse();
    }

    @Test
    void groupsAreAnImmutableSortedCopy() {
        Caller caller = Caller.of("bob", Set.of("b", "a", "c"));

        assertThat(caller.groupList()).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> caller.groups().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCallerHasAName() {
        assertThatThrownBy(() -> Caller.of(" ", Set.of("a"))).isInstanceOf(IllegalArgumentException.class);
    }
}
