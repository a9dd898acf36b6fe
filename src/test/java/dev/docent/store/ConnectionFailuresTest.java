package dev.docent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ConnectionFailuresTest {

    @Test
    void aRefusedOrDroppedConnectionIsAnOutage() {
        assertThat(ConnectionFailures.isConnectionFailure(
                new SQLException("pool", "XX000", new ConnectException("Connection refused")))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("gone", "08006"))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(
                new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
    }

    @Test
    void aFailedStatementIsNot() {
        assertThat(ConnectionFailures.isConnectionFailure(
                new SQLException("canceling statement due to statement timeout", "57014"))).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new IllegalStateException("no cause"))).isFalse();
    }
}
